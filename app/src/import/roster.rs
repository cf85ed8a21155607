//! The panel's side of rosters (docs/rosters.md): what the server's plan tells the preview beyond each row (the
//! groups the file creates, the members a sync would take out), and the small pure pieces the preview counts and
//! asks with.

use rules::Label;
use serde::{Deserialize, Serialize};

/// A member of the synced group whom the file does not list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Leaving {
    pub firstname: String,
    pub lastname: String,
    pub email: String,
}

/// What the file would do beyond its rows, from `service::roster::plan`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterPlan {
    /// Groups the file (or the sync) names that the portal does not have yet.
    pub new_groups: Vec<String>,
    /// `sync`: the group's members the file does not list, and how many members the group has.
    pub leaving: Vec<Leaving>,
    pub members: u64,
    /// `sync`: so many would leave that the admin must type their number to proceed.
    pub needs_approval: bool,
}

/// How many rows carry each label: the banner's "12 new, 30 updated, 180 unchanged, 3 with errors".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LabelCounts {
    pub new: usize,
    pub update: usize,
    pub unchanged: usize,
    pub error: usize,
}

impl LabelCounts {
    pub fn of(labels: impl IntoIterator<Item = Label>) -> LabelCounts {
        let mut counts = LabelCounts::default();
        for label in labels {
            *counts.get_mut(label) += 1;
        }
        counts
    }

    pub fn get(&self, label: Label) -> usize {
        match label {
            Label::New => self.new,
            Label::Update => self.update,
            Label::Unchanged => self.unchanged,
            Label::Error => self.error,
        }
    }

    fn get_mut(&mut self, label: Label) -> &mut usize {
        match label {
            Label::New => &mut self.new,
            Label::Update => &mut self.update,
            Label::Unchanged => &mut self.unchanged,
            Label::Error => &mut self.error,
        }
    }
}

/// The labels in the order the preview shows them (its chips, its counts).
pub const LABELS: [Label; 4] = [Label::New, Label::Update, Label::Unchanged, Label::Error];

/// Whether what the admin typed in the removals dialog is the number asked for (spaces around it allowed; no
/// other spelling: the point is that the admin read the number).
pub fn typed_the_number(typed: &str, count: u64) -> bool {
    let typed = typed.trim();
    !typed.is_empty() && typed.bytes().all(|b| b.is_ascii_digit()) && typed.parse::<u64>() == Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_counted_each_in_its_own_box() {
        let counts = LabelCounts::of([Label::New, Label::Update, Label::Update, Label::Error, Label::Unchanged]);
        assert_eq!(counts, LabelCounts { new: 1, update: 2, unchanged: 1, error: 1 });
        assert_eq!(LABELS.map(|l| counts.get(l)), [1, 2, 1, 1]);
        assert_eq!(LabelCounts::of([]), LabelCounts::default());
    }

    #[test]
    fn only_the_exact_number_lets_the_sync_proceed() {
        assert!(typed_the_number("12", 12));
        assert!(typed_the_number(" 12 ", 12));
        assert!(!typed_the_number("11", 12));
        assert!(!typed_the_number("", 0));
        assert!(!typed_the_number("+12", 12));
        assert!(!typed_the_number("12.0", 12));
        assert!(!typed_the_number("twelve", 12));
        assert!(!typed_the_number("99999999999999999999999", 12));
    }
}
