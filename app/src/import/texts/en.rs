//! The Add users panel in English.

use super::ImportTexts;

pub(super) static TEXTS: ImportTexts = ImportTexts {
    panel_title: "Add users",
    close: "Close",
    step_template: "Download the template.",
    step_fill: "Fill it in Excel, Google Sheets or Numbers, one learner per row, and save it as CSV (UTF-8).",
    step_drop: "Drop the file below: every problem shows at once, and you can fix it here.",
    download_template: "Download template",
    rules_title: "Column rules",
    rule_firstname: "firstname (required): 1 to 64 letters; spaces, hyphens, apostrophes and periods allowed.",
    rule_lastname: "lastname (required): same rule as firstname.",
    rule_email: "email (required): a valid address, unique in the file and in the portal.",
    rule_identifier: "identifier (optional): up to 64 characters among A–Z, a–z, 0–9, - _ and ., unique.",
    rule_country: "country (optional): two capital letters, ISO 3166-1 (FR, US, GB, DE…).",
    rule_language: "language (required): two lower-case letters, ISO 639-1 (fr, en, de, it…).",
    drop_zone: "Drop a CSV file here, or choose one",
    drop_zone_hint: "Up to 250 learners and 100 MB per file.",
    reading: "Reading the file…",
    checking: "Checking every row…",
    importing: "Adding users…",
    progress_label: "Progress",
    file_rejected: "This file cannot be imported",
    ready: |ok, bad| {
        format!(
            "{ok} user{} ready, {bad} row{} with errors.",
            if ok == 1 { "" } else { "s" },
            if bad == 1 { "" } else { "s" }
        )
    },
    all_ready: |ok| format!("{ok} user{} ready, no errors.", if ok == 1 { "" } else { "s" }),
    only_errors: "Only rows with errors",
    next_error: "Next error",
    delete_row: "Delete row",
    row: "Row",
    apply_to_all: |to, n| {
        if n > 1 {
            format!("Use “{to}” in all {n} rows")
        } else {
            format!("Use “{to}”")
        }
    },
    send_invitations: "Send an invitation email",
    cancel: "Cancel",
    confirm: "Confirm and add users",
    dialog_title: "Some rows still have errors",
    dialog_text: |bad| {
        format!(
            "{bad} row{} will not be added unless you fix {}.",
            if bad == 1 { "" } else { "s" },
            if bad == 1 { "it" } else { "them" }
        )
    },
    ignore_errors: |ok| format!("Ignore errors and add the {ok} valid user{}", if ok == 1 { "" } else { "s" }),
    cancel_to_fix: "Cancel to fix the file",
    done: |created, skipped| {
        format!(
            "{created} user{} added with status Pending, {skipped} row{} skipped.",
            if created == 1 { "" } else { "s" },
            if skipped == 1 { "" } else { "s" }
        )
    },
    outcome_created: "Added",
    outcome_skipped: "Skipped",
    outcome_updated: "Updated",
    outcome_unchanged: "Unchanged",
    another_file: "Import another file",
    error_icon_label: "Error:",
    warning_icon_label: "Note:",
    no_rows: "No rows left.",
    download_corrected: "Download corrected file",
    download_template_xlsx: "Excel template (.xlsx)",
    save_as_csv_utf8: "The Excel template keeps leading zeros and offers the country and language lists. Import \
                       takes CSV only: in Excel, choose File → Save As → “CSV UTF-8 (Comma delimited) (*.csv)”.",
    // Column matching (issue 13).
    match_columns: "Match columns",
    match_intro: "Your file's columns do not all have the template's names. Choose which portal column each one \
                  holds; the values beside it are the file's first ones. Your choice is remembered for files with \
                  the same header.",
    match_file_column: "Column in your file",
    match_portal_column: "Portal column",
    match_samples: "First values",
    match_ignore: "Ignore this column",
    match_required: "required",
    match_apply: "Apply the matching",
    match_cancel: "Cancel",
    match_twice: |column| format!("The column {column} is chosen more than once: keep it for one column only."),
    match_missing: |columns| format!("Still without a column of your file: {columns} (required)."),
    matched_as_last_time: "Columns matched as last time.",
    matched_change: "Change",
};
