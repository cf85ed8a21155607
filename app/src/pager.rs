//! "Previous page" and "Next page" over a list read a page at a time by a keyset cursor (the history, the
//! activity log): the current page's cursor, and the cursors of the pages before it so that going back needs no
//! offset.

use leptos::prelude::*;

use crate::i18n::use_texts;

#[derive(Clone, Copy)]
pub struct CursorPager {
    /// The cursors of the pages before the current one (`None` is the first page).
    before: RwSignal<Vec<Option<i64>>>,
    cursor: RwSignal<Option<i64>>,
}

impl CursorPager {
    pub fn new() -> Self {
        CursorPager { before: RwSignal::new(Vec::new()), cursor: RwSignal::new(None) }
    }

    /// The current page's cursor (tracked: a resource keyed on it reloads when the page changes).
    pub fn cursor(self) -> Option<i64> {
        self.cursor.get()
    }

    /// Back to the first page (a filter changed).
    pub fn reset(self) {
        self.before.set(Vec::new());
        self.cursor.set(None);
    }

    /// The two buttons; `next` is the cursor the current page gives for the next one (`None` on the last page).
    pub fn view(self, next: impl Fn() -> Option<i64> + Copy + Send + Sync + 'static) -> impl IntoView {
        let texts = use_texts();
        let CursorPager { before, cursor } = self;
        view! {
            <nav class="pager" aria-label="Pagination">
                <button
                    type="button"
                    disabled=move || before.with(Vec::is_empty)
                    on:click=move |_| cursor.set(before.try_update(|c| c.pop()).flatten().flatten())
                >
                    {move || texts().previous_page}
                </button>
                <button
                    type="button"
                    disabled=move || next().is_none()
                    on:click=move |_| {
                        if let Some(next) = untrack(next) {
                            before.update(|c| c.push(cursor.get_untracked()));
                            cursor.set(Some(next));
                        }
                    }
                >
                    {move || texts().next_page}
                </button>
            </nav>
        }
    }
}

impl Default for CursorPager {
    fn default() -> Self {
        Self::new()
    }
}
