//! "This file was already imported": the content of a dropped file is looked up among earlier imports (by its
//! SHA-256, not its name), and the banner says when and by whom, with a link to that import's page. The import can
//! still go ahead: the rows that exist are flagged by the grid as usual.

use leptos::prelude::*;
use rules::Catalog;

use crate::history::texts::HistoryTexts;
use crate::history::{import_href, when, EarlierImport};
use crate::i18n::use_lang;

/// Asks the server for an earlier import of this content; the answer is dropped if another file took the panel
/// meanwhile (`current`). A failed look-up shows nothing: it is a courtesy, not a check.
#[cfg(feature = "hydrate")]
pub(super) async fn look_up(sha256: String, earlier: RwSignal<Option<EarlierImport>>, current: impl Fn() -> bool) {
    if let Ok(found) = crate::history::find_earlier_import(sha256).await {
        if current() {
            earlier.set(found);
        }
    }
}

/// The warning, when the file was imported before.
pub(super) fn earlier_warning(earlier: RwSignal<Option<EarlierImport>>) -> impl IntoView {
    let lang = use_lang();
    move || {
        earlier.get().map(|e| {
            let t = HistoryTexts::of(lang.get());
            view! {
                <p class="earlier-import" id="earlier-import">
                    {(t.already_imported)(&when(&e.created_at), &e.admin_email)}
                    " "
                    <a href=import_href(e.id)>{t.see_earlier_import}</a>
                </p>
            }
        })
    }
}
