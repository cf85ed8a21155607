//! The problems' messages in English.

use super::ProblemTexts;

pub(super) static TEXTS: ProblemTexts = ProblemTexts {
    file_not_csv: "This is not a CSV file. In Excel, Google Sheets or Numbers, save or export it as \"CSV UTF-8\" and try again.",
    file_too_large: "The file is larger than 100 MB. A list of learners is far smaller: check that you picked the right file.",
    file_too_many_rows: |max| {
        format!("The file has more than {max} data rows. Split the list into several files of at most {max} rows each.")
    },
    file_missing_columns: |names| {
        format!("Required columns are missing: {names}. Add them to the header row (the template has them all).")
    },
    file_duplicate_columns: |names| format!("These columns appear twice: {names}. Keep only one of each."),
    file_empty: "The file has no learners: it needs a header row and at least one data row. Start from the template.",
    file_unreadable_at: |row| {
        format!("The file cannot be read from row {row} on: a quote opened there is never closed. Fix that row, or save the file again as \"CSV UTF-8\".")
    },
    file_unreadable: "The file could not be read. Save it again as \"CSV UTF-8\" and try again.",
    file_converted_encoding: "The file is not in UTF-8; it was read as Windows-1252 (Excel's plain \"CSV\"). Check that accents look right, or save it as \"CSV UTF-8\".",
    file_unknown_columns: |names| format!("Unknown columns were ignored: {names}."),
    missing: "Required: fill it in.",
    too_long: |max| format!("Too long: at most {max} characters."),
    name_invalid: |names| {
        if names.is_empty() {
            "A name needs at least one letter: spaces, hyphens, apostrophes and periods alone are not a name.".to_owned()
        } else {
            format!("Only letters, spaces, hyphens, apostrophes and periods are allowed (remove: {names}).")
        }
    },
    email_invalid: "Not a valid email address: it should look like name@example.com, with no name or brackets around it.",
    email_duplicate: |row| format!("This email is already on row {row}. Delete one of the two rows."),
    email_exists: "A user of the portal already has this email. Remove the row, or use another address.",
    identifier_invalid: "Only unaccented letters (A–Z, a–z), digits (0–9), hyphens (-), underscores (_) and periods (.) are allowed.",
    identifier_duplicate: |row| format!("This identifier is already on row {row}. Each identifier must be unique."),
    identifier_exists: "A user of the portal already has this identifier. Use another one, or leave it empty.",
    country_invalid: "Not an ISO 3166-1 country code: use two capital letters, such as FR, US, GB or DE, or leave it empty.",
    language_invalid: "Not an ISO 639-1 language code: use two lower-case letters, such as fr, en, de or it.",
    language_english_invitation: "No invitation exists in this language yet: this learner will get the English one.",
    groups_invalid: |names, max| {
        let which = if names.is_empty() { String::new() } else { format!(" (check: {names})") };
        format!("Group names are separated by |; each needs 1 to {max} characters and no control character{which}. Remove the empty name or shorten it.")
    },
    groups_too_many: |max| format!("A learner can be in at most {max} groups. Remove some from this cell."),
    status_invalid: "Not a status: write active or suspended (or leave it empty to keep the learner's status).",
    user_not_found: "No learner of the portal has this email or identifier, and this import only updates existing learners. Remove the row, or choose a mode that adds new learners.",
    user_conflict: |by_identifier, by_email| {
        format!("The identifier belongs to {by_identifier} but the email to {by_email}: fix the row so that both name the same learner.")
    },
    user_changed_since_preview: "Someone changed this learner after you checked the file, so the row was not applied. Check the file again and confirm.",
    user_duplicate: |row| format!("Row {row} already names this learner (by identifier or email): keep one row per learner."),
    sync_too_many_removals: |count, members| {
        format!("{count} of the group's {members} members are not in the file and would leave it. If that is intended, allow {count} removals; otherwise check that the file is the whole list of the group.")
    },
    did_you_mean: |suggestion| format!("Did you mean \"{suggestion}\"?"),
};
