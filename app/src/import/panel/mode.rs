//! What the import does with learners the portal already has (docs/rosters.md): four radio buttons, each with
//! one sentence; for a sync, the group (picked from the portal's, or a new name) and what happens to its members
//! who are not in the file; and "Empty cells clear values". A change relabels the grid at once
//! (`GridState::set_roster`).

use domain::{Missing, RosterOptions};
use leptos::prelude::*;
use rules::{EmptyCells, Mode};

use super::{PanelState, Phase};
use crate::i18n::use_lang;
use crate::import::texts::{import_texts, ImportTexts};

/// A mode's title and its sentence.
pub(crate) fn mode_text(t: &ImportTexts, mode: Mode) -> (&'static str, &'static str) {
    match mode {
        Mode::Add => (t.mode_add, t.mode_add_hint),
        Mode::Update => (t.mode_update, t.mode_update_hint),
        Mode::UpdateOnly => (t.mode_update_only, t.mode_update_only_hint),
        Mode::Sync => (t.mode_sync, t.mode_sync_hint),
    }
}

pub(super) fn mode_choice(state: PanelState) -> impl IntoView {
    let lang = use_lang();
    let t = move || import_texts(lang.get());
    let roster = state.grid.roster;
    // Nothing changes while a file is read or imported, nor once it was imported.
    let disabled = move || state.locked.get() || matches!(state.phase.get(), Phase::Working { .. });
    let change = move |f: &dyn Fn(&mut RosterOptions)| {
        let mut next = roster.get_untracked();
        f(&mut next);
        state.allowed_removals.set(None);
        state.grid.set_roster(next);
    };
    let pick_mode = move |mode: Mode| {
        change(&|r| r.mode = mode);
        if mode == Mode::Sync {
            state.load_groups();
        }
    };
    let is_sync = move || roster.with(|r| r.mode == Mode::Sync);
    let updates = move || roster.with(|r| r.mode.updates());
    let modes = Mode::ALL.map(|mode| {
        let id = format!("mode-{}", mode.as_str());
        let hint = format!("mode-{}-hint", mode.as_str());
        view! {
            <div class="mode-option">
                <input
                    type="radio"
                    name="import-mode"
                    id=id.clone()
                    value=mode.as_str()
                    aria-describedby=hint.clone()
                    prop:checked=move || roster.with(|r| r.mode == mode)
                    on:change=move |_| pick_mode(mode)
                />
                <label for=id>{move || mode_text(t(), mode).0}</label>
                <p class="hint" id=hint>{move || mode_text(t(), mode).1}</p>
            </div>
        }
    });
    let missing = [Missing::Remove, Missing::Suspend].map(|m| {
        let id = format!("missing-{}", m.as_str());
        view! {
            <div class="mode-option">
                <input
                    type="radio"
                    name="sync-missing"
                    id=id.clone()
                    value=m.as_str()
                    prop:checked=move || roster.with(|r| r.missing == m)
                    on:change=move |_| change(&|r| r.missing = m)
                />
                <label for=id>
                    {move || if m == Missing::Remove { t().missing_remove } else { t().missing_suspend }}
                </label>
            </div>
        }
    });
    view! {
        <fieldset class="mode-choice" id="mode-choice" prop:disabled=disabled>
            <legend>{move || t().mode_legend}</legend>
            <div class="mode-options">{modes}</div>
            <div class="sync-options" hidden=move || !is_sync()>
                <div class="field">
                    <label for="sync-group">{move || t().sync_group}</label>
                    <input
                        type="text"
                        id="sync-group"
                        list="group-names"
                        autocomplete="off"
                        aria-describedby="sync-group-hint"
                        prop:value=move || roster.with(|r| r.group.clone().unwrap_or_default())
                        on:input=move |ev| {
                            let name = event_target_value(&ev);
                            change(&|r| r.group = Some(name.clone()).filter(|n| !n.trim().is_empty()));
                        }
                    />
                    <datalist id="group-names">
                        <For
                            each=move || state.groups.get()
                            key=|name| name.clone()
                            children=|name| view! { <option value=name></option> }
                        />
                    </datalist>
                    <p class="hint" id="sync-group-hint">{move || t().sync_group_hint}</p>
                </div>
                <fieldset class="missing-choice">
                    <legend>{move || t().missing_legend}</legend>
                    {missing}
                </fieldset>
            </div>
            <label class="check" hidden=move || !updates()>
                <input
                    type="checkbox"
                    id="empty-clears"
                    prop:checked=move || roster.with(|r| r.empty == EmptyCells::Clear)
                    on:change=move |ev| {
                        let clear = event_target_checked(&ev);
                        change(&|r| r.empty = if clear { EmptyCells::Clear } else { EmptyCells::Keep });
                    }
                />
                {move || t().empty_clears}
            </label>
        </fieldset>
    }
}
