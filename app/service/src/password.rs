//! Argon2id password hashing, shared by admins and learners. Hashing is deliberately slow and takes 19 MiB a
//! time, so it runs on tokio's blocking pool behind a gate: at most one hash per core at once, a bounded queue
//! behind them, and "busy" beyond it, so a flood of sign-ins costs time, never the machine's memory.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::LazyLock;

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand::Rng;
use tokio::sync::Semaphore;

/// A well-formed Argon2id hash of a random string nobody knows: verifying against it costs what a real check
/// costs, so an unknown email answers as slowly as a known one.
pub(crate) const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0n6R3cM5cZ0mXl8yQOgk0Qh3o2r9Nw8x1D3oJmQmPxg";

/// Requests allowed to wait for a hash per core: with a hash taking about 50 ms, the last in line waits about
/// a second and a half.
const QUEUE_PER_CORE: usize = 32;
/// What a busy answer asks the client to wait before trying again.
pub const BUSY_RETRY_AFTER_SECS: u64 = 2;

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    /// Too many hashes under way and waiting: try again in a moment.
    #[error("too many password checks under way")]
    Busy,
    /// The blocking pool is gone, or the library refused: details are in the log.
    #[error("password hashing failed")]
    Failed,
}

/// The gate every hash passes: permits for the hashes running, a count of those waiting.
struct Gate {
    running: Semaphore,
    slots: usize,
    waiting: AtomicUsize,
    queue_limit: usize,
    refused: AtomicU64,
}

/// The hashing gate at one moment, as the operator's metrics show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GateLoad {
    /// Hashes running now, at most `slots`.
    pub running: usize,
    pub slots: usize,
    /// Requests waiting for a slot, at most `queue_limit`.
    pub waiting: usize,
    pub queue_limit: usize,
    /// Requests answered "busy" since the process started.
    pub refused: u64,
}

/// How loaded the password-hashing gate of this process is.
pub fn gate_load() -> GateLoad {
    GATE.load()
}

static GATE: LazyLock<Gate> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
    Gate::new(cores, cores * QUEUE_PER_CORE)
});

/// Leaves the queue when dropped, also when the request is abandoned while waiting (the client went away: axum
/// drops its future, and its hash never starts).
struct InQueue<'a>(&'a AtomicUsize);

impl Drop for InQueue<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Gate {
    fn new(running: usize, queue_limit: usize) -> Self {
        Gate {
            running: Semaphore::new(running),
            slots: running,
            waiting: AtomicUsize::new(0),
            queue_limit,
            refused: AtomicU64::new(0),
        }
    }

    fn load(&self) -> GateLoad {
        GateLoad {
            running: self.slots.saturating_sub(self.running.available_permits()),
            slots: self.slots,
            waiting: self.waiting.load(Ordering::Acquire),
            queue_limit: self.queue_limit,
            refused: self.refused.load(Ordering::Relaxed),
        }
    }

    /// Runs `work` on the blocking pool once a permit is free, or answers [`HashError::Busy`] when the queue
    /// is full.
    async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Result<T, HashError> {
        if self.waiting.fetch_add(1, Ordering::AcqRel) >= self.queue_limit {
            self.waiting.fetch_sub(1, Ordering::AcqRel);
            self.refused.fetch_add(1, Ordering::Relaxed);
            return Err(HashError::Busy);
        }
        let queued = InQueue(&self.waiting);
        let permit = self.running.acquire().await.map_err(|_| HashError::Failed)?;
        drop(queued);
        let result = tokio::task::spawn_blocking(work).await.map_err(|_| HashError::Failed);
        drop(permit);
        result
    }
}

/// The PHC string (`$argon2id$v=19$...`) of a password.
fn hash(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default().hash_password(password.as_bytes(), &salt)?.to_string())
}

/// Whether `password` matches the stored PHC string. A malformed hash never matches.
fn verify(phc: &str, password: &str) -> bool {
    PasswordHash::new(phc)
        .map(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
        .unwrap_or(false)
}

pub(crate) async fn hash_async(password: String) -> Result<String, HashError> {
    match GATE.run(move || hash(&password)).await? {
        Ok(phc) => Ok(phc),
        Err(e) => {
            tracing::error!(error = %e, "password hashing failed");
            Err(HashError::Failed)
        }
    }
}

/// Verifies against `phc`, or against [`DUMMY_HASH`] when there is no account, so both cost the same.
pub(crate) async fn verify_async(phc: Option<String>, password: String) -> Result<bool, HashError> {
    let known = phc.is_some();
    let phc = phc.unwrap_or_else(|| DUMMY_HASH.to_owned());
    Ok(GATE.run(move || verify(&phc, &password)).await? && known)
}

/// A random password for a new admin account (20 letters and digits, about 119 bits).
pub(crate) fn random_password() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    let mut rng = rand::rngs::OsRng;
    (0..20).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let phc = hash("correct horse").unwrap();
        assert!(phc.starts_with("$argon2id$"));
        assert!(verify(&phc, "correct horse"));
        assert!(!verify(&phc, "wrong horse"));
        assert!(!verify("not a hash", "correct horse"));
    }

    #[test]
    fn random_passwords_differ() {
        assert_ne!(random_password(), random_password());
        assert_eq!(random_password().len(), 20);
    }

    #[test]
    fn dummy_hash_is_well_formed() {
        assert!(PasswordHash::new(DUMMY_HASH).is_ok());
    }

    #[tokio::test]
    async fn no_account_never_matches_even_the_dummy() {
        assert!(!verify_async(None, "anything".into()).await.unwrap());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn a_flood_of_checks_runs_a_few_at_once_and_the_rest_is_told_busy() {
        let gate = std::sync::Arc::new(Gate::new(2, 6));
        let running = std::sync::Arc::new(AtomicUsize::new(0));
        let most = std::sync::Arc::new(AtomicUsize::new(0));
        let checks: Vec<_> = (0..40)
            .map(|_| {
                let (gate, running, most) = (gate.clone(), running.clone(), most.clone());
                tokio::spawn(async move {
                    gate.run(move || {
                        most.fetch_max(running.fetch_add(1, Ordering::AcqRel) + 1, Ordering::AcqRel);
                        let matched = verify(DUMMY_HASH, "anything");
                        running.fetch_sub(1, Ordering::AcqRel);
                        matched
                    })
                    .await
                })
            })
            .collect();
        let mut busy = 0;
        for check in checks {
            match check.await.unwrap() {
                Ok(matched) => assert!(!matched),
                Err(HashError::Busy) => busy += 1,
                Err(HashError::Failed) => panic!("hashing failed"),
            }
        }
        assert!(most.load(Ordering::Acquire) <= 2, "never more hashes at once than permits");
        assert!(busy >= 40 - 2 - 6, "at most 2 running and 6 waiting; {busy} of 40 were told busy");
        assert_eq!(gate.waiting.load(Ordering::Acquire), 0, "the queue empties");
        let load = gate.load();
        assert_eq!((load.running, load.waiting, load.slots, load.queue_limit), (0, 0, 2, 6));
        assert_eq!(load.refused, busy, "every busy answer is counted for the metrics");
    }

    #[tokio::test]
    async fn an_abandoned_check_leaves_the_queue_without_hashing() {
        let gate = Gate::new(1, 4);
        let held = gate.running.try_acquire().unwrap();
        let hashed = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = hashed.clone();
        let waiting = gate.run(move || flag.store(true, Ordering::Release));
        let abandoned = tokio::time::timeout(std::time::Duration::from_millis(50), waiting).await;
        assert!(abandoned.is_err(), "no permit free: the check waits");
        assert_eq!(gate.waiting.load(Ordering::Acquire), 0, "the abandoned check no longer counts as waiting");
        drop(held);
        tokio::task::yield_now().await;
        assert!(!hashed.load(Ordering::Acquire), "its work never started");
    }
}
