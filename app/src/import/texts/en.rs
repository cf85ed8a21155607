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
    // Rosters (issue 24).
    mode_legend: "What the file does",
    mode_add: "Add new learners",
    mode_add_hint: "Adds the file's learners; a row of a learner the portal already has is an error and is skipped.",
    mode_update: "Add and update",
    mode_update_hint: "Adds new learners and updates the ones the portal has (matched by identifier, else email).",
    mode_update_only: "Update only",
    mode_update_only_hint: "Updates the learners the portal has; a row that matches nobody is skipped.",
    mode_sync: "Sync a group",
    mode_sync_hint: "The file is the group's whole list: its rows are added or updated and made members, and members \
                     not in the file leave the group.",
    sync_group: "Group",
    sync_group_hint: "Pick one of the portal's groups or type a new name (it is created).",
    missing_legend: "Members of the group who are not in the file",
    missing_remove: "Remove them from the group (they stay learners)",
    missing_suspend: "Suspend them (they stay in the group)",
    empty_clears: "Empty cells clear values",
    label_column: "Change",
    label_new: "New",
    label_update: "Update",
    label_unchanged: "Unchanged",
    label_error: "Error",
    show_rows_labelled: "Show only the rows labelled",
    was: |old| format!("was {old}"),
    empty_value: "(empty)",
    count_new: |n| format!("{n} new"),
    count_update: |n| format!("{n} updated"),
    count_unchanged: |n| format!("{n} unchanged"),
    count_error: |n| format!("{n} with errors"),
    new_groups: |names, n| {
        if n == 1 {
            format!("1 new group: {names}")
        } else {
            format!("{n} new groups: {names}")
        }
    },
    leaving_remove: |group, n| {
        if n == 1 {
            format!("1 member of {group} is not in the file and will be removed from it.")
        } else {
            format!("{n} members of {group} are not in the file and will be removed from it.")
        }
    },
    leaving_suspend: |group, n| {
        if n == 1 {
            format!("1 member of {group} is not in the file and will be suspended.")
        } else {
            format!("{n} members of {group} are not in the file and will be suspended.")
        }
    },
    leaving_threshold: |n| format!("That is more than the safety threshold: you will be asked to type {n} to proceed."),
    leavers_label: "Members who leave",
    and_more: |n| format!("and {n} more"),
    confirm_changes: "Confirm and apply changes",
    done_updated: |n| format!("{n} updated"),
    done_unchanged: |n| format!("{n} unchanged"),
    done_removed: |n| format!("{n} removed from the group"),
    done_suspended: |n| format!("{n} suspended"),
    removals_title: "Many members leave the group",
    removals_text_remove: |group, n| {
        format!(
            "This sync removes {n} learner{} from {group}. They stay learners of the portal.",
            if n == 1 { "" } else { "s" }
        )
    },
    removals_text_suspend: |group, n| {
        format!(
            "This sync suspends {n} member{} of {group}: they will not be able to sign in.",
            if n == 1 { "" } else { "s" }
        )
    },
    removals_type: |n| format!("Type {n} to confirm"),
    removals_proceed: |n| format!("Proceed with {n} removals"),
};
