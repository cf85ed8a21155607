//! `server import` in English.

use super::ImportTexts;

fn s(n: u32) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

pub(super) static TEXTS: ImportTexts = ImportTexts {
    row: "row",
    import: |id| format!("import {id}:"),
    added: |created, skipped| {
        format!("{created} user{} added with status Pending, {skipped} row{} skipped", s(created), s(skipped))
    },
    added_and_invited: |created, skipped| {
        format!(
            "{created} user{} added with status Pending and invited, {skipped} row{} skipped",
            s(created),
            s(skipped)
        )
    },
    nothing_added: |bad| {
        let have = if bad == 1 { "row has" } else { "rows have" };
        format!("nothing was added: {bad} {have} errors; fix them, or add the valid rows with --ignore-errors")
    },
    updated: |updated, unchanged| format!("{updated} learners updated, {unchanged} unchanged."),
    left_group: |removed, suspended| format!("{removed} removed from the group, {suspended} suspended."),
};
