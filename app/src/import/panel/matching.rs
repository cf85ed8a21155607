//! Match columns: when a file lacks a required column or has unknown ones, the banner offers to say which column
//! of the file holds which portal column. One drop-down per column of the file (the portal's columns and "Ignore
//! this column"), pre-filled from the admin's remembered matching or the rules' suggestions, the file's first
//! values beside it. Applying re-reads the file with the matching (the rules decide, as for any file) and
//! remembers it for the next file with the same header row.

use leptos::prelude::*;
use rules::{Column, ColumnMatching, Preview, SheetReader};

use super::PanelState;
use crate::i18n::use_lang;
use crate::import::texts::import_texts;

/// The matching on offer for the panel's file. Cheap to copy.
#[derive(Clone, Copy)]
pub(super) struct MatchingState {
    /// The file's header, first values and suggestions; `None` when the file needs no matching.
    pub preview: RwSignal<Option<Preview>>,
    /// The drop-downs' choices, one per header cell.
    pub choices: RwSignal<Vec<Option<Column>>>,
    /// The form is open.
    pub open: RwSignal<bool>,
    /// The remembered matching was applied when the file was read (the notice shows).
    pub remembered: RwSignal<bool>,
    /// The file as read, kept to be read again with a matching without reading the `File` again.
    pub reader: StoredValue<Option<SheetReader>>,
}

impl MatchingState {
    pub fn new() -> Self {
        MatchingState {
            preview: RwSignal::new(None),
            choices: RwSignal::new(Vec::new()),
            open: RwSignal::new(false),
            remembered: RwSignal::new(false),
            reader: StoredValue::new(None),
        }
    }

    pub fn clear(&self) {
        self.preview.set(None);
        self.choices.set(Vec::new());
        self.open.set(false);
        self.remembered.set(false);
        self.reader.set_value(None);
    }

    /// Offers matching for this file, the drop-downs set to `choices`.
    #[cfg(feature = "hydrate")]
    pub fn offer(&self, reader: SheetReader, preview: Preview, choices: Vec<Option<Column>>, remembered: bool) {
        self.reader.set_value(Some(reader));
        self.choices.set(choices);
        self.preview.set(Some(preview));
        self.remembered.set(remembered);
        self.open.set(false);
    }

    /// The matching the drop-downs say.
    pub fn matching(&self) -> Option<(Vec<String>, ColumnMatching)> {
        let headers = self.preview.with_untracked(|p| p.as_ref().map(|p| p.headers.clone()))?;
        let matching = ColumnMatching::new(&headers, &self.choices.get_untracked());
        Some((headers, matching))
    }
}

/// Whether a read file should be offered matching: a required column is missing, or a column is unknown.
#[cfg(feature = "hydrate")]
pub(super) fn offers_matching(read: &Result<(rules::Sheet, Vec<rules::Problem>), rules::Problem>) -> bool {
    use rules::Code;
    match read {
        Err(problem) => problem.code() == Code::FileMissingColumns,
        Ok((_, warnings)) => warnings.iter().any(|w| w.code() == Code::FileUnknownColumns),
    }
}

/// The banner's part: the "Columns matched as last time — Change" notice, the Match columns button, or the open
/// form. Nothing when the file needs no matching.
pub(super) fn matching_offer(state: PanelState) -> impl IntoView {
    let m = state.matching;
    // Only while the file is refused or in the grid: not while reading, importing, or once imported.
    let shown = Memo::new(move |_| {
        matches!(state.phase.get(), super::Phase::Rejected(_) | super::Phase::Checked)
            && m.preview.with(Option::is_some)
    });
    move || {
        shown.get().then(|| {
            if m.open.get() {
                form(state).into_any()
            } else if m.remembered.get() {
                notice(m).into_any()
            } else {
                open_button(m).into_any()
            }
        })
    }
}

fn notice(m: MatchingState) -> impl IntoView {
    let t = import_texts(use_lang().get());
    view! {
        <p class="matching-notice" id="matching-notice">
            {t.matched_as_last_time}
            " "
            <button type="button" class="link-button" id="change-matching" on:click=move |_| m.open.set(true)>
                {t.matched_change}
            </button>
        </p>
    }
}

fn open_button(m: MatchingState) -> impl IntoView {
    let t = import_texts(use_lang().get());
    view! {
        <p>
            <button type="button" id="match-columns" on:click=move |_| m.open.set(true)>
                {t.match_columns}
            </button>
        </p>
    }
}

/// The form: a table of the file's columns, each with its labelled drop-down and its first values.
fn form(state: PanelState) -> impl IntoView {
    let m = state.matching;
    let lang = use_lang();
    let t = import_texts(lang.get());
    let preview = m.preview.get_untracked().unwrap_or_default();
    let rows = preview
        .headers
        .iter()
        .enumerate()
        .map(|(i, header)| {
            let samples = preview.samples.get(i).cloned().unwrap_or_default().join(" · ");
            let select_id = format!("match-{i}");
            let samples_id = format!("match-samples-{i}");
            let chosen = move || m.choices.with(|c| c.get(i).copied().flatten());
            let on_change = move |ev: leptos::ev::Event| {
                let value = event_target_value(&ev);
                m.choices.update(|c| {
                    if let Some(slot) = c.get_mut(i) {
                        *slot = Column::parse(&value);
                    }
                });
            };
            view! {
                <tr>
                    <th scope="row">
                        <label for=select_id.clone()>{header.clone()}</label>
                    </th>
                    <td>
                        <select
                            id=select_id
                            data-header=header.clone()
                            aria-describedby=samples_id.clone()
                            on:change=on_change
                        >
                            <option value="" selected=move || chosen().is_none()>
                                {t.match_ignore}
                            </option>
                            {Column::ALL
                                .map(|c| {
                                    let label = if c.is_required() {
                                        format!("{} ({})", c.as_str(), t.match_required)
                                    } else {
                                        c.as_str().to_owned()
                                    };
                                    view! {
                                        <option value=c.as_str() selected=move || chosen() == Some(c)>
                                            {label}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </td>
                    <td class="samples" id=samples_id>
                        {samples}
                    </td>
                </tr>
            }
        })
        .collect_view();
    // What is wrong with the choices so far: a column chosen twice (Apply is refused), a required one not chosen
    // (Apply still reads the file, which the rules then reject with file.missing_columns).
    let problems = move || {
        let choices = m.choices.get();
        let t = import_texts(lang.get());
        let twice: Vec<&str> = Column::ALL
            .iter()
            .filter(|c| choices.iter().filter(|x| **x == Some(**c)).count() > 1)
            .map(|c| c.as_str())
            .collect();
        let missing: Vec<&str> = Column::ALL
            .iter()
            .filter(|c| c.is_required() && !choices.contains(&Some(**c)))
            .map(|c| c.as_str())
            .collect();
        let mut lines = Vec::new();
        if !twice.is_empty() {
            lines.push((t.match_twice)(&twice.join(", ")));
        }
        if !missing.is_empty() {
            lines.push((t.match_missing)(&missing.join(", ")));
        }
        lines.into_iter().map(|l| view! { <p class="form-error">{l}</p> }).collect_view()
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        state.apply_matching();
    };
    view! {
        <form class="matching" aria-labelledby="matching-title" on:submit=on_submit>
            <h3 id="matching-title">{t.match_columns}</h3>
            <p>{t.match_intro}</p>
            <table class="matching-table">
                <thead>
                    <tr>
                        <th scope="col">{t.match_file_column}</th>
                        <th scope="col">{t.match_portal_column}</th>
                        <th scope="col">{t.match_samples}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <div role="status" aria-live="polite">{problems}</div>
            <p class="matching-actions">
                <button type="submit" class="primary" id="apply-matching">{t.match_apply}</button>
                <button type="button" on:click=move |_| m.open.set(false)>{t.match_cancel}</button>
            </p>
        </form>
    }
}
