//! Files the panel hands to the admin from the browser (the corrected file): the name they are saved under, and
//! the saving itself, a Blob behind a temporary `<a download>`, so nothing goes back to the server.

/// The name a file derived from `original` is saved under: `learners.csv` → `learners-corrected.csv`. The
/// original's `.csv` (any case) gives way to the suffix; a nameless file is `users`.
pub fn derived_name(original: &str, suffix: &str) -> String {
    let name = original.trim();
    let stem = match name.len().checked_sub(4) {
        Some(cut) if name.is_char_boundary(cut) && name[cut..].eq_ignore_ascii_case(".csv") => &name[..cut],
        _ => name,
    };
    let stem = if stem.is_empty() { "users" } else { stem };
    format!("{stem}-{suffix}.csv")
}

/// Saves `text` as a file named `name`: a Blob, an object URL, a click on a detached `<a download>`. The URL is
/// revoked a minute later rather than at once: the browser reads the Blob after the click has returned.
#[cfg(feature = "hydrate")]
pub fn save_text(name: &str, text: &str, mime: &str) {
    use leptos::prelude::{document, set_timeout};
    use wasm_bindgen::JsCast;

    let blob = gloo_file::Blob::new_with_options(text, Some(mime));
    let url = gloo_file::ObjectUrl::from(blob);
    let Ok(anchor) = document().create_element("a") else { return };
    let Ok(anchor) = anchor.dyn_into::<web_sys::HtmlAnchorElement>() else { return };
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    set_timeout(move || drop(url), std::time::Duration::from_secs(60));
}

#[cfg(test)]
mod tests {
    use super::derived_name;

    #[test]
    fn the_corrected_file_is_named_after_the_original() {
        assert_eq!(derived_name("learners.csv", "corrected"), "learners-corrected.csv");
        assert_eq!(derived_name("Équipe Lyon.CSV", "corrected"), "Équipe Lyon-corrected.csv");
        assert_eq!(derived_name("export.csv.txt", "corrected"), "export.csv.txt-corrected.csv");
        assert_eq!(derived_name(".csv", "corrected"), "users-corrected.csv");
        assert_eq!(derived_name("", "corrected"), "users-corrected.csv");
        assert_eq!(derived_name("é", "corrected"), "é-corrected.csv");
    }
}
