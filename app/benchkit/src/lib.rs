//! What every benchmark of `make bench` shares: timing several runs into a median and a spread, and recording one
//! row of the table (figure, anchor measured in the same run, goal) for `scripts/bench-table.py`.
//!
//! A row is printed for the reader and, when `BENCH_RESULTS` names a file, appended to it as one JSON line; the
//! table script reads those lines, computes the ratios and decides met or missed. Nothing here asserts on time.

use std::io::Write;
use std::time::{Duration, Instant};

use serde::Serialize;

/// A measured quantity: the median of several runs and their extremes, in the row's unit.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Figure {
    pub median: f64,
    pub min: f64,
    pub max: f64,
    pub runs: usize,
}

impl Figure {
    /// From raw samples (any order). Panics on an empty list: a benchmark always runs at least once.
    pub fn from_samples(mut samples: Vec<f64>) -> Figure {
        assert!(!samples.is_empty(), "a figure needs at least one run");
        samples.sort_by(|a, b| a.total_cmp(b));
        let n = samples.len();
        let median = if n % 2 == 1 { samples[n / 2] } else { (samples[n / 2 - 1] + samples[n / 2]) / 2.0 };
        Figure { median, min: samples[0], max: samples[n - 1], runs: n }
    }

    /// The same figure in another unit (for example seconds to milliseconds: `scale(1e3)`).
    pub fn scale(self, factor: f64) -> Figure {
        Figure { median: self.median * factor, min: self.min * factor, max: self.max * factor, runs: self.runs }
    }

    /// A rate (per second) from durations in seconds of `amount` units of work each.
    pub fn rate(self, amount: f64) -> Figure {
        Figure { median: amount / self.median, min: amount / self.max, max: amount / self.min, runs: self.runs }
    }
}

/// Times `runs` runs of `iters` calls each and returns the time of one call, in seconds.
pub fn per_call<T>(runs: usize, iters: usize, mut call: impl FnMut() -> T) -> Figure {
    // One untimed call first: caches, allocator pools and lazy statics are warm in every timed run.
    std::hint::black_box(call());
    let samples = (0..runs)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..iters {
                std::hint::black_box(call());
            }
            start.elapsed().as_secs_f64() / iters as f64
        })
        .collect();
    Figure::from_samples(samples)
}

/// Seconds from a list of measured durations.
pub fn seconds(durations: &[Duration]) -> Figure {
    Figure::from_samples(durations.iter().map(Duration::as_secs_f64).collect())
}

/// What a row must reach to be met.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(tag = "kind", content = "limit", rename_all = "snake_case")]
pub enum Goal {
    /// figure / anchor ≤ limit (for times: at most `limit` times the anchor).
    RatioAtMost(f64),
    /// figure / anchor ≥ limit (for rates: at least `limit` of the anchor's rate).
    RatioAtLeast(f64),
    /// figure ≤ limit, in the row's unit.
    AtMost(f64),
    /// figure ≥ limit, in the row's unit.
    AtLeast(f64),
    /// A figure shown for information.
    None,
}

/// One row of the table of `make bench`.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The table the row belongs to (one per figure of the issue: "rules", "confirm", "users list"...).
    pub section: String,
    /// What is measured, in the reader's words.
    pub what: String,
    pub unit: String,
    pub figure: Figure,
    /// What the figure is compared with, measured in the same run.
    pub anchor: Option<Anchor>,
    pub goal: Goal,
}

/// The reference a figure is compared with.
#[derive(Debug, Clone, Serialize)]
pub struct Anchor {
    pub what: String,
    pub figure: Figure,
}

impl Row {
    pub fn new(section: &str, what: &str, unit: &str, figure: Figure) -> Row {
        Row {
            section: section.to_owned(),
            what: what.to_owned(),
            unit: unit.to_owned(),
            figure,
            anchor: None,
            goal: Goal::None,
        }
    }

    pub fn anchor(mut self, what: &str, figure: Figure) -> Row {
        self.anchor = Some(Anchor { what: what.to_owned(), figure });
        self
    }

    pub fn goal(mut self, goal: Goal) -> Row {
        self.goal = goal;
        self
    }

    /// Prints the row and appends it to `$BENCH_RESULTS` when set.
    pub fn record(&self) {
        let f = &self.figure;
        let anchor = match &self.anchor {
            Some(a) => {
                format!("  vs {} {:.4} {} → {:.2}×", a.what, a.figure.median, self.unit, f.median / a.figure.median)
            }
            None => String::new(),
        };
        println!(
            "[{}] {}: {:.4} {} ({:.4}–{:.4}, {} runs){anchor}",
            self.section, self.what, f.median, self.unit, f.min, f.max, f.runs
        );
        let Ok(path) = std::env::var("BENCH_RESULTS") else { return };
        let line = serde_json::to_string(self).expect("a row is plain data");
        let written = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .and_then(|mut file| writeln!(file, "{line}"));
        if let Err(error) = written {
            eprintln!("benchkit: cannot append to {path}: {error}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        let f = Figure::from_samples(vec![4.0, 1.0, 3.0, 2.0]);
        assert_eq!((f.median, f.min, f.max, f.runs), (2.5, 1.0, 4.0, 4));
    }

    #[test]
    fn a_rate_turns_the_slowest_run_into_the_lowest_rate() {
        let f = Figure::from_samples(vec![1.0, 2.0, 4.0]).rate(100.0);
        assert_eq!((f.median, f.min, f.max), (50.0, 25.0, 100.0));
    }
}
