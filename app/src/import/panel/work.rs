//! The browser's side of the journey, outside the view: reading the file in slices (so the bar moves, and a huge
//! file is refused without being read to its end) and checking it with the rules, asking the server which users
//! exist, and sending the confirmed import.

use leptos::prelude::*;
#[cfg(feature = "hydrate")]
use rules::Existing;

#[cfg(feature = "hydrate")]
use super::matching::{offers_matching, MatchingState};
use super::Phase;
#[cfg(feature = "hydrate")]
use super::{LoadedFile, Working};
use crate::error::AppError;
#[cfg(feature = "hydrate")]
use crate::import::grid::GridState;
use crate::import::{ConfirmAnswer, ConfirmRequest};

/// Reads the picked file in slices (so the bar moves), each slice handed to the rules as it comes, so a file past
/// 250 rows, or one that is not text, stops being read at the slice that shows it (a 100 MB file costs one or two
/// slices, not 100 MB); then checks it and fills the grid. `current` says whether this file is still the panel's
/// (see `PanelState::generation`): when not, the work stops and leaves the panel alone. A file whose header does
/// not name the portal's columns is offered matching; the admin's remembered matching for its header row, if
/// any, is applied at once.
#[cfg(feature = "hydrate")]
pub async fn read_and_check(
    picked: web_sys::File,
    phase: RwSignal<Phase>,
    file: RwSignal<LoadedFile>,
    grid: GridState,
    matching: MatchingState,
    current: impl Fn() -> bool,
) {
    let name = picked.name();
    let size = picked.size() as u64;
    // Name and size first: a 2 GB video is refused before a single byte is read.
    if let Some(problem) = rules::check_size(&name, size) {
        phase.set(Phase::Rejected(problem));
        return;
    }
    let mut reader = match rules::SheetReader::new(&name) {
        Ok(reader) => reader,
        Err(problem) => {
            phase.set(Phase::Rejected(problem));
            return;
        }
    };
    phase.set(Phase::Working { label: Working::Reading, percent: 0 });
    let blob = gloo_file::Blob::from(picked);
    const SLICE: u64 = 256 * 1024;
    let mut offset = 0;
    while offset < size {
        let end = (offset + SLICE).min(size);
        let read = gloo_file::futures::read_as_bytes(&blob.slice(offset, end)).await;
        if !current() {
            return;
        }
        let pushed = match read {
            Ok(slice) => reader.push(&slice),
            Err(_) => Err(rules::Problem::unreadable_file()),
        };
        if let Err(problem) = pushed {
            phase.set(Phase::Rejected(problem));
            return;
        }
        offset = end;
        phase.set(Phase::Working { label: Working::Reading, percent: (offset * 60 / size.max(1)) as u32 });
        next_frame().await;
    }
    if !current() {
        return;
    }
    phase.set(Phase::Working { label: Working::Checking, percent: 70 });
    next_frame().await;
    // Checked once, into the sheet the grid then edits.
    let mut read = reader.finish(&Existing::default());
    let sha256 = sha256_hex(reader.bytes()).await;
    if !current() {
        return;
    }
    if let Some(preview) = offers_matching(&read).then(|| reader.preview()).flatten() {
        let mut choices = preview.suggestions.clone();
        let mut remembered = false;
        let headers = preview.headers.clone();
        if let Ok(Some(last)) = crate::import::matching::remembered_matching(headers.clone()).await {
            if !current() {
                return;
            }
            // The remembered matching is the admin's own: applied when the file reads with it.
            if let Ok(matched) = reader.finish_with(&Existing::default(), Some(&last)) {
                read = Ok(matched);
                choices = last.columns_for(&headers);
                remembered = true;
            }
        }
        matching.offer(reader, preview, choices, remembered);
    }
    let warnings = match &read {
        Ok((_, warnings)) => warnings.clone(),
        Err(_) => Vec::new(),
    };
    file.set(LoadedFile { name, sha256, warnings, request_id: random_id() });
    let sheet = match read {
        Ok((sheet, _)) => sheet,
        Err(problem) => {
            phase.set(Phase::Rejected(problem));
            return;
        }
    };
    grid.load(sheet);
    phase.set(Phase::Working { label: Working::Checking, percent: 100 });
    phase.set(Phase::Checked);
}

/// Asks the server which emails and identifiers of the grid already belong to users of the portal; the answer
/// is dropped if another file took the grid meanwhile (`current`).
#[cfg(feature = "hydrate")]
pub async fn check_existing(grid: GridState, current: impl Fn() -> bool) {
    let (emails, identifiers) = grid.keys();
    if emails.is_empty() && identifiers.is_empty() {
        return;
    }
    if let Ok(found) = crate::import::existing_users(emails, identifiers).await {
        if current() {
            grid.add_existing(found);
        }
    }
}

/// Sends the confirmed import. Meanwhile the bar moves towards 90 %.
pub async fn confirm(request: ConfirmRequest, phase: RwSignal<Phase>) -> Result<ConfirmAnswer, AppError> {
    #[cfg(feature = "hydrate")]
    let ticker = progress_ticker(phase);
    #[cfg(not(feature = "hydrate"))]
    let _ = phase;
    let answer = crate::import::confirm_import(request).await;
    #[cfg(feature = "hydrate")]
    drop(ticker);
    answer
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
pub(super) fn random_id() -> String {
    let mut bytes = [0u8; 16];
    if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    }
    to_hex(&bytes)
}

/// The file's SHA-256 (recorded with the import), from the browser's own implementation: a Rust one would add
/// about 2 KB to the bundle. Empty where the browser offers none (`crypto.subtle` needs https or localhost).
#[cfg(feature = "hydrate")]
async fn sha256_hex(bytes: &[u8]) -> String {
    use wasm_bindgen::JsCast;
    let Some(subtle) = web_sys::window().and_then(|w| w.crypto().ok()).map(|c| c.subtle()) else {
        return String::new();
    };
    if subtle.is_undefined() {
        return String::new();
    }
    let Ok(promise) = subtle.digest_with_str_and_u8_array("SHA-256", bytes) else { return String::new() };
    match wasm_bindgen_futures::JsFuture::from(promise).await {
        Ok(digest) if digest.is_instance_of::<js_sys::ArrayBuffer>() => {
            to_hex(&js_sys::Uint8Array::new(&digest).to_vec())
        }
        _ => String::new(),
    }
}

#[cfg(feature = "hydrate")]
fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    bytes.iter().flat_map(|b| [DIGITS[(b >> 4) as usize] as char, DIGITS[(b & 15) as usize] as char]).collect()
}
