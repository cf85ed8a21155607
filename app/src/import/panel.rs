//! The Add users panel: steps and column rules, the template, the drop zone, the progress bar, the banner, the
//! editable grid, and the confirm with its "ignore errors" dialog.

use leptos::prelude::*;
#[cfg(feature = "hydrate")]
use rules::Existing;
use rules::Problem;

use super::grid::{Grid, GridState};
use super::texts::import_texts;
use super::{ConfirmAnswer, ConfirmRequest};
use crate::error::AppError;
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

/// The panel, open while `open` is true. `on_imported` runs after users were created (the list refreshes).
#[component]
pub fn AddUsersPanel(open: RwSignal<bool>, on_imported: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let t = move || import_texts(lang.get());
    let phase = RwSignal::new(Phase::Empty);
    let file = RwSignal::new(LoadedFile::default());
    let grid = GridState::new();
    let send_invitations = RwSignal::new(true);
    let dialog_open = RwSignal::new(false);
    let server_error = RwSignal::new(None::<AppError>);
    let panel_ref = NodeRef::<leptos::html::Aside>::new();
    // A memo, not a derived signal: the phase changes at every step of the progress bar, and each of the grid's
    // thousands of cells listens to `locked`.
    let locked = Memo::new(move |_| matches!(phase.get(), Phase::Done(_)));

    let close = move || {
        open.set(false);
        dialog_open.set(false);
        #[cfg(feature = "hydrate")]
        focus_selector("#add-users");
    };
    let reset = move || {
        phase.set(Phase::Empty);
        grid.clear();
        server_error.set(None);
        file.set(LoadedFile::default());
    };

    // Focus moves into the panel when it opens.
    Effect::new(move |_| {
        if open.get() {
            #[cfg(feature = "hydrate")]
            focus_selector("#import-panel .close-panel");
        }
    });

    // Escape is heard wherever the focus is (it may sit on a control that just disappeared).
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && open.get_untracked() {
            ev.prevent_default();
            if dialog_open.get_untracked() {
                dialog_open.set(false);
            } else {
                close();
            }
        }
    });
    on_cleanup(move || escape.remove());
    #[allow(unused_variables)]
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        #[cfg(feature = "hydrate")]
        if ev.key() == "Tab" {
            if let Some(panel) = panel_ref.get_untracked() {
                trap_focus(&panel, &ev);
            }
        }
    };

    let load = move |picked: PickedFile| {
        reset();
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            read_and_check(picked, phase, file, grid).await;
            if phase.get_untracked() == Phase::Checked {
                check_existing(grid).await;
            }
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = picked;
    };

    let do_import = move |ignore_errors: bool| {
        dialog_open.set(false);
        server_error.set(None);
        let f = file.get_untracked();
        let request = ConfirmRequest {
            request_id: f.request_id.clone(),
            file_name: f.name.clone(),
            file_sha256: f.sha256.clone(),
            rows: grid.submitted_rows(),
            send_invitations: send_invitations.get_untracked(),
            ignore_errors,
        };
        phase.set(Phase::Working { label: Working::Importing, percent: 5 });
        leptos::task::spawn_local(async move {
            #[cfg(feature = "hydrate")]
            let ticker = progress_ticker(phase);
            let answer = super::confirm_import(request).await;
            #[cfg(feature = "hydrate")]
            drop(ticker);
            match answer {
                Ok(answer) if answer.imported => {
                    grid.show_outcomes(&answer);
                    phase.set(Phase::Done(answer));
                    on_imported.run(());
                    // The confirm button is gone: the focus goes to the footer's Close.
                    #[cfg(feature = "hydrate")]
                    focus_selector("#import-panel .panel-foot .primary");
                }
                Ok(answer) => {
                    // The server found errors the browser had not (a user added meanwhile): show them.
                    grid.show_outcomes(&answer);
                    phase.set(Phase::Checked);
                    dialog_open.set(true);
                }
                Err(err) => {
                    phase.set(Phase::Checked);
                    server_error.set(Some(err));
                }
            }
        });
    };

    let on_confirm = move |_| {
        let summary = grid.summary.get_untracked();
        if summary.invalid > 0 {
            dialog_open.set(true);
            #[cfg(feature = "hydrate")]
            focus_selector("#ignore-dialog button");
        } else {
            do_import(false);
        }
    };

    view! {
        <Show when=move || open.get()>
            <div class="panel-backdrop" on:click=move |_| close()></div>
            <aside
                id="import-panel"
                class="side-panel"
                role="dialog"
                aria-modal="true"
                aria-labelledby="import-panel-title"
                node_ref=panel_ref
                on:keydown=on_keydown
            >
                <header class="panel-head">
                    <h2 id="import-panel-title">{move || t().panel_title}</h2>
                    <button type="button" class="close-panel" aria-label=move || t().close on:click=move |_| close()>
                        "×"
                    </button>
                </header>
                <div class="panel-body">
                    <ol class="steps">
                        <li>
                            {move || t().step_template} " "
                            <a class="button-link" href="/import/template.csv" download="users-template.csv">
                                {move || t().download_template}
                            </a>
                        </li>
                        <li>{move || t().step_fill}</li>
                        <li>{move || t().step_drop}</li>
                    </ol>
                    <details class="column-rules">
                        <summary>{move || t().rules_title}</summary>
                        <ul>
                            <li>{move || t().rule_firstname}</li>
                            <li>{move || t().rule_lastname}</li>
                            <li>{move || t().rule_email}</li>
                            <li>{move || t().rule_identifier}</li>
                            <li>{move || t().rule_country}</li>
                            <li>{move || t().rule_language}</li>
                        </ul>
                    </details>
                    <DropZone on_file=Callback::new(load) phase />
                    <ProgressBar phase />
                    <Banner phase file grid server_error />
                    // Hidden rather than removed between files: taking 250 rows apart is left for after the next
                    // file's rows are on screen (see `GridState::clear`).
                    <div class="grid-area" hidden=move || !matches!(phase.get(), Phase::Checked | Phase::Done(_))>
                        <Grid grid locked />
                    </div>
                </div>
                <footer class="panel-foot">
                    {move || match phase.get() {
                        Phase::Done(_) => {
                            view! {
                                <button type="button" on:click=move |_| reset()>
                                    {move || t().another_file}
                                </button>
                                <button type="button" class="primary" on:click=move |_| close()>
                                    {move || t().close}
                                </button>
                            }
                                .into_any()
                        }
                        _ => {
                            view! {
                                <label class="switch">
                                    <input
                                        type="checkbox"
                                        role="switch"
                                        id="send-invitations"
                                        prop:checked=send_invitations
                                        on:change=move |ev| send_invitations.set(event_target_checked(&ev))
                                    />
                                    {move || t().send_invitations}
                                </label>
                                <span class="spacer"></span>
                                <button type="button" on:click=move |_| close()>
                                    {move || t().cancel}
                                </button>
                                <button
                                    type="button"
                                    class="primary"
                                    id="confirm-import"
                                    disabled=move || {
                                        phase.get() != Phase::Checked || grid.summary.get().valid == 0
                                    }
                                    on:click=on_confirm
                                >
                                    {move || t().confirm}
                                </button>
                            }
                                .into_any()
                        }
                    }}
                </footer>
                <Show when=move || dialog_open.get()>
                    <div
                        id="ignore-dialog"
                        class="dialog"
                        role="alertdialog"
                        aria-modal="true"
                        aria-labelledby="ignore-dialog-title"
                        aria-describedby="ignore-dialog-text"
                    >
                        <h3 id="ignore-dialog-title">{move || t().dialog_title}</h3>
                        <p id="ignore-dialog-text">{move || (t().dialog_text)(grid.summary.get().invalid)}</p>
                        <div class="dialog-actions">
                            <button
                                type="button"
                                class="primary"
                                disabled=move || grid.summary.get().valid == 0
                                on:click=move |_| do_import(true)
                            >
                                {move || (t().ignore_errors)(grid.summary.get().valid)}
                            </button>
                            <button type="button" on:click=move |_| dialog_open.set(false)>
                                {move || t().cancel_to_fix}
                            </button>
                        </div>
                    </div>
                </Show>
            </aside>
        </Show>
    }
    .into_any()
}

/// A file the admin picked or dropped.
#[derive(Clone)]
pub struct PickedFile {
    #[cfg(feature = "hydrate")]
    pub file: web_sys::File,
}

#[component]
fn DropZone(on_file: Callback<PickedFile>, phase: RwSignal<Phase>) -> impl IntoView {
    let lang = use_lang();
    let t = move || import_texts(lang.get());
    let input_ref = NodeRef::<leptos::html::Input>::new();
    let dragging = RwSignal::new(false);
    let busy = move || matches!(phase.get(), Phase::Working { .. });
    let pick = move || {
        if let Some(input) = input_ref.get_untracked() {
            input.click();
        }
    };
    #[allow(unused_variables)]
    let take = move |files: Option<web_sys::FileList>| {
        #[cfg(feature = "hydrate")]
        if let Some(file) = files.and_then(|list| list.get(0)) {
            on_file.run(PickedFile { file });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (files, on_file);
    };
    view! {
        <div
            id="drop-zone"
            class="drop-zone"
            class:dragging=move || dragging.get()
            class:busy=busy
            role="button"
            tabindex="0"
            aria-describedby="drop-zone-hint"
            on:click=move |_| pick()
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if ev.key() == "Enter" || ev.key() == " " {
                    ev.prevent_default();
                    pick();
                }
            }
            on:dragover=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                dragging.set(false);
                take(ev.data_transfer().and_then(|d| d.files()));
            }
        >
            <span class="drop-icon" aria-hidden="true">"⇪"</span>
            <span class="drop-text">{move || t().drop_zone}</span>
            <span id="drop-zone-hint" class="drop-hint">{move || t().drop_zone_hint}</span>
        </div>
        // Outside the drop zone: an interactive element may not hold another one.
        <input
            type="file"
            id="file-input"
            class="visually-hidden"
            tabindex="-1"
            aria-hidden="true"
            accept=".csv,text/csv"
            node_ref=input_ref
            on:change=move |_| {
                if let Some(input) = input_ref.get_untracked() {
                    take(input.files());
                    input.set_value("");
                }
            }
        />
    }
    .into_any()
}

#[component]
fn ProgressBar(phase: RwSignal<Phase>) -> impl IntoView {
    let lang = use_lang();
    let t = move || import_texts(lang.get());
    let state = move || match phase.get() {
        Phase::Working { label, percent } => Some((label, percent)),
        _ => None,
    };
    view! {
        {move || {
            state()
                .map(|(label, percent)| {
                    let text = match label {
                        Working::Reading => t().reading,
                        Working::Checking => t().checking,
                        Working::Importing => t().importing,
                    };
                    view! {
                        <div class="progress-wrap">
                            <span id="progress-text">{text}</span>
                            <div
                                class="progress"
                                role="progressbar"
                                aria-labelledby="progress-text"
                                aria-valuemin="0"
                                aria-valuemax="100"
                                aria-valuenow=percent.to_string()
                            >
                                <div class="progress-fill" style=format!("width: {percent}%")></div>
                            </div>
                        </div>
                    }
                })
        }}
    }
    .into_any()
}

#[component]
fn Banner(
    phase: RwSignal<Phase>,
    file: RwSignal<LoadedFile>,
    grid: GridState,
    server_error: RwSignal<Option<AppError>>,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || import_texts(lang.get());
    let warnings = move || file.with(|f| f.warnings.iter().map(|w| w.message(lang.get())).collect::<Vec<_>>());
    view! {
        {move || match phase.get() {
            Phase::Rejected(problem) => {
                view! {
                    <div class="banner banner-error" role="alert" id="import-banner">
                        <strong>{t().file_rejected}</strong>
                        <p>{problem.message(lang.get())}</p>
                        <code class="code">{problem.code().as_str()}</code>
                    </div>
                }
                    .into_any()
            }
            Phase::Checked => {
                let summary = grid.summary.get();
                let class = if summary.invalid > 0 { "banner banner-warn" } else { "banner banner-ok" };
                view! {
                    <div class=class role="status" id="import-banner">
                        <strong>
                            {if summary.invalid > 0 {
                                (t().ready)(summary.valid, summary.invalid)
                            } else {
                                (t().all_ready)(summary.valid)
                            }}
                        </strong>
                        <ul class="banner-warnings">
                            {warnings().into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}
                        </ul>
                        {move || {
                            server_error
                                .get()
                                .map(|e| view! { <p class="form-error" role="alert">{e.message(lang.get())}</p> })
                        }}
                    </div>
                }
                    .into_any()
            }
            Phase::Done(answer) => {
                view! {
                    <div class="banner banner-ok" role="status" id="import-banner">
                        <strong>{(t().done)(answer.created, answer.skipped)}</strong>
                    </div>
                }
                    .into_any()
            }
            _ => ().into_any(),
        }}
    }
    .into_any()
}

/// Reads the picked file in slices (so the bar moves), checks it with the rules, and fills the grid.
#[cfg(feature = "hydrate")]
async fn read_and_check(picked: PickedFile, phase: RwSignal<Phase>, file: RwSignal<LoadedFile>, grid: GridState) {
    use sha2::{Digest, Sha256};

    let name = picked.file.name();
    let size = picked.file.size() as u64;
    // Name and size first: a 2 GB video is refused before a single byte is read.
    if let Some(problem) = rules::check_size(&name, size) {
        phase.set(Phase::Rejected(problem));
        return;
    }
    phase.set(Phase::Working { label: Working::Reading, percent: 0 });
    let blob = gloo_file::Blob::from(picked.file.clone());
    const SLICE: u64 = 256 * 1024;
    let mut bytes = Vec::with_capacity(size as usize);
    let mut offset = 0;
    while offset < size {
        let end = (offset + SLICE).min(size);
        match gloo_file::futures::read_as_bytes(&blob.slice(offset, end)).await {
            Ok(chunk) => bytes.extend_from_slice(&chunk),
            Err(_) => {
                phase.set(Phase::Rejected(rules::Problem::unreadable_file()));
                return;
            }
        }
        offset = end;
        phase.set(Phase::Working { label: Working::Reading, percent: (offset * 60 / size.max(1)) as u32 });
        next_frame().await;
    }
    phase.set(Phase::Working { label: Working::Checking, percent: 70 });
    next_frame().await;
    // Checked once, into the sheet the grid then edits.
    let (sheet, warnings) = match rules::read_sheet(&name, bytes.as_slice(), &Existing::default()) {
        Ok(read) => read,
        Err(problem) => {
            phase.set(Phase::Rejected(problem));
            return;
        }
    };
    let sha256 = hex::encode(Sha256::digest(&bytes));
    file.set(LoadedFile { name, sha256, warnings, request_id: random_id() });
    grid.load(sheet);
    phase.set(Phase::Working { label: Working::Checking, percent: 100 });
    phase.set(Phase::Checked);
}

/// Asks the server which emails and identifiers of the grid already belong to users of the portal.
#[cfg(feature = "hydrate")]
async fn check_existing(grid: GridState) {
    let (emails, identifiers) = grid.keys();
    if emails.is_empty() && identifiers.is_empty() {
        return;
    }
    if let Ok(found) = super::existing_users(emails, identifiers).await {
        grid.add_existing(found);
    }
}

/// Moves the import's bar towards 90 % while the server works; stops when dropped.
#[cfg(feature = "hydrate")]
fn progress_ticker(phase: RwSignal<Phase>) -> gloo_timers::callback::Interval {
    gloo_timers::callback::Interval::new(60, move || {
        phase.update(|p| {
            if let Phase::Working { label: Working::Importing, percent } = p {
                *percent = (*percent + (90 - (*percent).min(90)) / 6).max(*percent + 1).min(95);
            }
        })
    })
}

/// Lets the browser paint before the next step.
#[cfg(feature = "hydrate")]
async fn next_frame() {
    gloo_timers::future::TimeoutFuture::new(0).await;
}

/// A random id for the confirm request (idempotency key), from the browser's cryptographic generator.
#[cfg(feature = "hydrate")]
fn random_id() -> String {
    let mut bytes = [0u8; 16];
    if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    }
    hex::encode(bytes)
}

#[cfg(feature = "hydrate")]
pub(crate) fn focus_selector(selector: &str) {
    use wasm_bindgen::JsCast;
    let selector = selector.to_owned();
    // After the current render, so the element exists.
    leptos::prelude::request_animation_frame(move || {
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(&selector).ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

/// Keeps Tab and Shift+Tab inside the panel while it is open.
#[cfg(feature = "hydrate")]
fn trap_focus(panel: &web_sys::HtmlElement, ev: &web_sys::KeyboardEvent) {
    use wasm_bindgen::JsCast;
    let Ok(list) = panel.query_selector_all(
        "a[href], button:not([disabled]), input:not([disabled]):not([tabindex='-1']), select, [tabindex='0']",
    ) else {
        return;
    };
    let items: Vec<web_sys::HtmlElement> =
        (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into().ok()).collect();
    let (Some(first), Some(last)) = (items.first(), items.last()) else { return };
    let active = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
    let is = |el: &web_sys::HtmlElement| {
        active.as_ref().map(|a| a == el.unchecked_ref::<web_sys::Element>()).unwrap_or(false)
    };
    if ev.shift_key() && is(first) {
        ev.prevent_default();
        let _ = last.focus();
    } else if !ev.shift_key() && is(last) {
        ev.prevent_default();
        let _ = first.focus();
    }
}
