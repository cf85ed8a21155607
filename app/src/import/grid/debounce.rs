//! Debouncing, in one small helper: a task that runs only once the calls pause.

use std::future::Future;

use leptos::prelude::*;

/// Runs the latest task given to [`Debounce::call`] once no other call came for `ms` milliseconds; the earlier
/// ones are dropped. Cheap to copy.
#[derive(Clone, Copy)]
pub struct Debounce {
    /// Bumped at every call: a task runs only if no call came after its own.
    calls: StoredValue<u64>,
    ms: u32,
}

impl Debounce {
    pub fn new(ms: u32) -> Self {
        Debounce { calls: StoredValue::new(0), ms }
    }

    pub fn call(&self, task: impl Future<Output = ()> + 'static) {
        self.calls.update_value(|n| *n += 1);
        #[cfg(feature = "hydrate")]
        {
            let Debounce { calls, ms } = *self;
            let this_call = calls.get_value();
            leptos::task::spawn_local(async move {
                gloo_timers::future::TimeoutFuture::new(ms).await;
                if calls.try_get_value() == Some(this_call) {
                    task.await;
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (task, self.ms);
    }
}
