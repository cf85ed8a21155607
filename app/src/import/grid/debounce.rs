//! Debouncing a task: leptos-use's `use_debounce_fn_with_arg` (its micro crate), costing the bundle 2.1 KB brotli,
//! with a handle the grid can copy into its event handlers.

use std::future::Future;

#[cfg(feature = "hydrate")]
use leptos::prelude::*;

/// A task handed to the debounced function. leptos-use clones the argument it keeps for the trailing call, and a
/// future cannot be cloned: the shared cell lets the one call that fires take it out.
#[cfg(feature = "hydrate")]
type Task = std::rc::Rc<std::cell::RefCell<Option<std::pin::Pin<Box<dyn Future<Output = ()>>>>>>;

/// Runs the latest task given to [`Debounce::call`] once no other call came for `ms` milliseconds; the earlier
/// ones are dropped. Cheap to copy. Made inside a component, whose end cancels a pending task.
#[derive(Clone, Copy)]
pub struct Debounce {
    #[cfg(feature = "hydrate")]
    run: StoredValue<Box<dyn Fn(Task) + Send + Sync>>,
}

impl Debounce {
    pub fn new(ms: u32) -> Self {
        #[cfg(feature = "hydrate")]
        {
            let debounced = leptos_use_fn_debounce_throttle::use_debounce_fn_with_arg(
                |task: Task| {
                    if let Some(task) = task.borrow_mut().take() {
                        leptos::task::spawn_local(task);
                    }
                },
                f64::from(ms),
            );
            Debounce { run: StoredValue::new(Box::new(move |task| drop(debounced(task)))) }
        }
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = ms;
            Debounce {}
        }
    }

    pub fn call(&self, task: impl Future<Output = ()> + 'static) {
        #[cfg(feature = "hydrate")]
        {
            let task: Task = std::rc::Rc::new(std::cell::RefCell::new(Some(Box::pin(task))));
            self.run.with_value(|run| run(task));
        }
        // On the server nothing is typed: the task is never run.
        #[cfg(not(feature = "hydrate"))]
        drop(task);
    }
}
