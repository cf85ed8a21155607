//! The Add users panel: a modal `<dialog>` on the right of the Users page. One file per part, top to bottom:
//! `intro` (the steps and the column rules), `drop_zone`, `progress`, `banner`, the grid (`crate::import::grid`),
//! `footer` (the invitation switch, Cancel, Confirm) and `confirm_dialog` ("ignore errors and proceed?").
//! [`PanelState`] is what the parts share; `work` holds the browser's side of the journey: reading and checking
//! the file, asking which users exist, and sending the confirmed import.

mod banner;
mod confirm_dialog;
mod drop_zone;
mod earlier;
mod footer;
mod intro;
mod matching;
mod mode;
mod progress;
mod removals_dialog;
mod work;

use leptos::html;
use leptos::prelude::*;
use rules::Problem;

use self::banner::Banner;
use self::confirm_dialog::confirm_dialog;
use self::drop_zone::DropZone;
use self::footer::footer;
use self::intro::intro;
use self::matching::MatchingState;
use self::mode::mode_choice;
pub(crate) use self::mode::mode_text;
use self::progress::ProgressBar;
use self::removals_dialog::removals_dialog;
use super::grid::{Grid, GridState};
use super::texts::import_texts;
use super::{ConfirmAnswer, ConfirmRequest};
use crate::error::AppError;
use crate::history::EarlierImport;
use crate::i18n::use_lang;

/// Where the panel is in the journey.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    /// Waiting for a file.
    Empty,
    /// Reading (0–60 %) and checking (60–100 %).
    Working { label: Working, percent: u32 },
    /// The whole file was rejected.
    Rejected(Problem),
    /// The grid is on screen.
    Checked,
    /// The import finished.
    Done(ConfirmAnswer),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Working {
    Reading,
    Checking,
    Importing,
}

/// The file being imported.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LoadedFile {
    pub name: String,
    pub sha256: String,
    pub warnings: Vec<Problem>,
    pub request_id: String,
}

/// What the panel's parts share, and the steps of the journey. Cheap to copy.
#[derive(Clone, Copy)]
struct PanelState {
    phase: RwSignal<Phase>,
    file: RwSignal<LoadedFile>,
    grid: GridState,
    send_invitations: RwSignal<bool>,
    /// The "ignore errors and proceed?" dialog is open.
    confirm_open: RwSignal<bool>,
    /// An earlier import of the same content, if any (see `earlier`).
    earlier: RwSignal<Option<EarlierImport>>,
    server_error: RwSignal<Option<AppError>>,
    /// The import is done: nothing can be edited any more. A memo, not a derived signal: the phase changes at
    /// every step of the progress bar, and each of the grid's thousands of cells listens to `locked`.
    locked: Memo<bool>,
    /// The panel's `<dialog>` and the "ignore errors?" one inside it.
    panel_dialog: NodeRef<html::Dialog>,
    ignore_dialog: NodeRef<html::Dialog>,
    /// The footer's Confirm, where the focus goes back when the dialog closes.
    confirm_button: NodeRef<html::Button>,
    /// The footer's Close once the import is done, which then takes the focus.
    done_button: NodeRef<html::Button>,
    /// Match columns, when the file's header does not name the portal's columns.
    matching: MatchingState,
    /// Runs after users were created (the list refreshes).
    on_imported: Callback<()>,
    /// The portal's groups, for the sync's picker (asked for when Sync is first chosen).
    groups: RwSignal<Vec<String>>,
    /// The removals the admin allowed by typing their number (sent as `allow_removals`); reset by any change of
    /// the mode's options.
    allowed_removals: RwSignal<Option<u32>>,
    /// The "type the number of removals" dialog is open, asking for this number.
    removals_open: RwSignal<Option<u64>>,
    removals_dialog: NodeRef<html::Dialog>,
    /// Whether the confirm waiting for the removals dialog ignores rows with errors.
    pending_ignore: StoredValue<bool>,
    /// Which file the panel holds: a new file (or "another file") moves it on, and the reading, the existence
    /// check and the confirm each hold the number of the file they started for, so a late answer is dropped
    /// instead of landing on another file's grid.
    generation: StoredValue<u64>,
}

impl PanelState {
    fn new(on_imported: Callback<()>) -> Self {
        let phase = RwSignal::new(Phase::Empty);
        PanelState {
            phase,
            file: RwSignal::new(LoadedFile::default()),
            grid: GridState::new(),
            send_invitations: RwSignal::new(true),
            confirm_open: RwSignal::new(false),
            server_error: RwSignal::new(None),
            earlier: RwSignal::new(None),
            locked: Memo::new(move |_| matches!(phase.get(), Phase::Done(_))),
            panel_dialog: NodeRef::new(),
            ignore_dialog: NodeRef::new(),
            confirm_button: NodeRef::new(),
            done_button: NodeRef::new(),
            matching: MatchingState::new(),
            on_imported,
            groups: RwSignal::new(Vec::new()),
            allowed_removals: RwSignal::new(None),
            removals_open: RwSignal::new(None),
            removals_dialog: NodeRef::new(),
            pending_ignore: StoredValue::new(false),
            generation: StoredValue::new(0),
        }
    }

    /// A file is being read or checked, or the import runs: the drop zone takes no other file meanwhile.
    fn busy(&self) -> bool {
        matches!(self.phase.get_untracked(), Phase::Working { .. })
    }

    /// Whether the panel still holds the file of `generation`.
    fn is_current(&self, generation: u64) -> bool {
        self.generation.get_value() == generation
    }

    /// Back to waiting for a file; whatever is still under way for the previous one no longer applies.
    fn reset(&self) {
        self.generation.update_value(|g| *g += 1);
        self.phase.set(Phase::Empty);
        self.grid.clear();
        self.server_error.set(None);
        self.earlier.set(None);
        self.file.set(LoadedFile::default());
        self.matching.clear();
        self.allowed_removals.set(None);
        self.removals_open.set(None);
    }

    /// Asks the server for the portal's groups once, for the sync's picker.
    fn load_groups(&self) {
        #[cfg(feature = "hydrate")]
        {
            let groups = self.groups;
            leptos::task::spawn_local(async move {
                if let Ok(names) = crate::import::import_groups().await {
                    groups.set(names);
                }
            });
        }
    }

    /// A file the admin dropped or picked: read and check it into the grid, then flag the users that exist.
    /// Ignored while another file is read or imported (the drop zone says so too): the grid belongs to that one.
    fn load(&self, file: web_sys::File) {
        if self.busy() {
            return;
        }
        self.reset();
        #[cfg(feature = "hydrate")]
        {
            let state = *self;
            let generation = state.generation.get_value();
            leptos::task::spawn_local(async move {
                let current = move || state.is_current(generation);
                work::read_and_check(file, state.phase, state.file, state.grid, state.matching, current).await;
                if current() && state.phase.get_untracked() == Phase::Checked {
                    let sha256 = state.file.with_untracked(|f| f.sha256.clone());
                    earlier::look_up(sha256, state.earlier, current).await;
                    work::check_existing(state.grid, current).await;
                    if current() {
                        state.grid.check_plan().await;
                    }
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = file;
    }

    /// Apply in Match columns: the file read again with the drop-downs' matching. Read, it fills the grid and the
    /// matching is remembered for the next file with this header; still refused (a required column left
    /// unmatched), the banner says why and the form stays open. A column chosen twice is refused before reading.
    fn apply_matching(&self) {
        let Some((headers, matching)) = self.matching.matching() else { return };
        if matching.check().is_err() {
            return;
        }
        let read = self
            .matching
            .reader
            .with_value(|r| r.as_ref().map(|r| r.finish_with(&rules::Existing::default(), Some(&matching))));
        match read {
            None => {}
            Some(Err(problem)) => self.phase.set(Phase::Rejected(problem)),
            Some(Ok((sheet, warnings))) => {
                self.server_error.set(None);
                self.file.update(|f| {
                    f.warnings = warnings;
                    #[cfg(feature = "hydrate")]
                    {
                        f.request_id = work::random_id();
                    }
                });
                self.grid.load(sheet);
                self.matching.open.set(false);
                self.matching.remembered.set(false);
                self.phase.set(Phase::Checked);
                #[cfg(feature = "hydrate")]
                {
                    let state = *self;
                    let generation = state.generation.get_value();
                    leptos::task::spawn_local(async move {
                        // Remembering is a convenience: a failure leaves the import as it is.
                        let _ = crate::import::matching::remember_matching(headers, matching).await;
                        work::check_existing(state.grid, move || state.is_current(generation)).await;
                        if state.is_current(generation) {
                            state.grid.check_plan().await;
                        }
                    });
                }
                #[cfg(not(feature = "hydrate"))]
                let _ = headers;
            }
        }
    }

    /// Confirm: with rows still in error the admin chooses first (the dialog); otherwise the import starts.
    fn confirm(&self) {
        if self.grid.summary.get_untracked().invalid > 0 {
            self.confirm_open.set(true);
        } else {
            self.import(false);
        }
    }

    /// "Cancel to fix" in the dialog, or Escape: it closes, and the focus goes back to Confirm.
    fn back_to_the_grid(&self) {
        self.confirm_open.set(false);
        focus_soon(self.confirm_button);
    }

    /// Sends the grid's rows to the server and shows its answer. A sync that would take more of its group out
    /// than the threshold allows first asks the admin to type that number (the removals dialog), unless they did.
    fn import(&self, ignore_errors: bool) {
        self.confirm_open.set(false);
        self.server_error.set(None);
        self.pending_ignore.set_value(ignore_errors);
        let mut roster = self.grid.roster.get_untracked();
        roster.allow_removals = self.allowed_removals.get_untracked();
        let asks = self.grid.plan.with_untracked(|p| {
            p.as_ref().filter(|p| p.needs_approval && roster.mode == rules::Mode::Sync).map(|p| p.leaving.len())
        });
        if let (Some(count), None) = (asks, roster.allow_removals) {
            self.ask_removals(count as u64, ignore_errors);
            return;
        }
        let request = self.file.with_untracked(|f| ConfirmRequest {
            request_id: f.request_id.clone(),
            file_name: f.name.clone(),
            file_sha256: f.sha256.clone(),
            rows: self.grid.submitted_rows(),
            send_invitations: self.send_invitations.get_untracked(),
            ignore_errors,
            roster,
        });
        self.phase.set(Phase::Working { label: Working::Importing, percent: 5 });
        let state = *self;
        let generation = state.generation.get_value();
        leptos::task::spawn_local(async move {
            let answer = work::confirm(request, state.phase).await;
            // The answer is about these rows: it never marks another file's grid.
            if state.is_current(generation) {
                state.show_answer(answer);
            }
        });
    }

    /// Opens the removals dialog for `count` learners; the confirm that waits for it keeps `ignore_errors`.
    fn ask_removals(&self, count: u64, ignore_errors: bool) {
        self.pending_ignore.set_value(ignore_errors);
        self.allowed_removals.set(None);
        self.removals_open.set(Some(count));
    }

    /// The admin typed the number: the confirm goes on, allowing that many removals.
    fn allow_removals(&self, count: u64) {
        self.removals_open.set(None);
        self.allowed_removals.set(Some(u32::try_from(count).unwrap_or(u32::MAX)));
        self.import(self.pending_ignore.get_value());
    }

    /// Cancel (or Escape) in the removals dialog: nothing is sent, the focus goes back to Confirm.
    fn keep_members(&self) {
        if self.removals_open.get_untracked().is_some() {
            self.removals_open.set(None);
            focus_soon(self.confirm_button);
        }
    }

    fn show_answer(&self, answer: Result<ConfirmAnswer, AppError>) {
        match answer {
            Ok(answer) if answer.imported => {
                self.grid.show_outcomes(&answer);
                self.phase.set(Phase::Done(answer));
                self.on_imported.run(());
                // The confirm button is gone: the focus goes to the footer's Close.
                focus_soon(self.done_button);
            }
            Ok(answer) => {
                // The server found errors the browser had not (a user added meanwhile): show them.
                self.grid.show_outcomes(&answer);
                self.phase.set(Phase::Checked);
                self.confirm_open.set(true);
            }
            // More would leave than the preview said (someone added members meanwhile): the number to type.
            Err(AppError::TooManyRemovals { count, .. }) => {
                self.phase.set(Phase::Checked);
                self.ask_removals(count, self.pending_ignore.get_value());
            }
            Err(err) => {
                // The rows changed since an earlier send under this id: the next Confirm is a new request.
                #[cfg(feature = "hydrate")]
                if err == AppError::RequestReused {
                    self.file.update(|f| f.request_id = work::random_id());
                }
                self.phase.set(Phase::Checked);
                self.server_error.set(Some(err));
            }
        }
    }
}

/// The panel, open while `open` is true. `on_imported` runs after users were created (the list refreshes);
/// `return_focus` is the button that opened the panel, which gets the focus back when it closes.
#[component]
pub fn AddUsersPanel(
    open: RwSignal<bool>,
    on_imported: Callback<()>,
    return_focus: NodeRef<html::Button>,
) -> impl IntoView {
    // Outside the `Show`: a file and its grid stay while the panel is closed and opened again.
    let state = PanelState::new(on_imported);
    let close = Callback::new(move |()| {
        open.set(false);
        state.confirm_open.set(false);
        state.removals_open.set(None);
        focus_soon(return_focus);
    });
    // Both dialogs follow the state, opened with showModal(): what is behind is inert, Tab stays inside, and
    // Escape closes the topmost one wherever the focus is (the browser then sends it `close`, handled below).
    Effect::new(move |_| {
        show_modal_while(state.panel_dialog.get(), open.get());
        show_modal_while(state.ignore_dialog.get(), state.confirm_open.get());
        show_modal_while(state.removals_dialog.get(), state.removals_open.get().is_some());
    });
    view! {
        <Show when=move || open.get()>
            {panel_dialog(state, close)}
        </Show>
    }
    .into_any()
}

/// The panel itself, a modal `<dialog>` (see `AddUsersPanel` for how it opens and closes).
fn panel_dialog(state: PanelState, close: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let t = move || import_texts(lang.get());
    let dialog = state.panel_dialog;
    // A click on the dimmed page around the panel (the dialog's backdrop) is a click on the dialog itself.
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let panel = dialog.get_untracked().map(web_sys::EventTarget::from);
        if ev.target().is_some() && ev.target() == panel {
            close.run(());
        }
    };
    view! {
        <dialog
            id="import-panel"
            class="side-panel"
            aria-labelledby="import-panel-title"
            node_ref=dialog
            on:close=move |_| close.run(())
            on:click=on_click
        >
            <header class="panel-head">
                <h2 id="import-panel-title">{move || t().panel_title}</h2>
                <button
                    type="button"
                    class="close-panel"
                    autofocus
                    aria-label=move || t().close
                    on:click=move |_| close.run(())
                >
                    "×"
                </button>
            </header>
            <div class="panel-body">
                {intro()}
                {mode_choice(state)}
                <DropZone phase=state.phase on_file=Callback::new(move |file| state.load(file)) />
                <ProgressBar phase=state.phase />
                <Banner state />
                // Hidden rather than removed between files: taking 250 rows apart is left for after the next
                // file's rows are on screen (see `GridState::clear`).
                <div class="grid-area" hidden=move || !matches!(state.phase.get(), Phase::Checked | Phase::Done(_))>
                    <Grid
                        grid=state.grid
                        locked=state.locked
                        file_name=Signal::derive(move || state.file.with(|f| f.name.clone()))
                    />
                </div>
            </div>
            {footer(state, close)}
            {confirm_dialog(state)}
            {removals_dialog(state)}
        </dialog>
    }
}

/// Opens a dialog as modal while `open` is true, and closes it when not.
pub(crate) fn show_modal_while(dialog: Option<web_sys::HtmlDialogElement>, open: bool) {
    let Some(dialog) = dialog else { return };
    if open && !dialog.open() {
        let _ = dialog.show_modal();
    } else if !open && dialog.open() {
        dialog.close();
    }
}

/// Gives a button the focus once the current update is on screen (it may only just have been drawn).
fn focus_soon(button: NodeRef<html::Button>) {
    request_animation_frame(move || {
        if let Some(button) = button.get_untracked() {
            let _ = button.focus();
        }
    });
}
