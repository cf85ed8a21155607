//! The portal's learners a file's emails and identifiers match, with their current values: what makes a row
//! `email.exists` in `add` mode, and what an update row is compared with.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::row::{normalize, normalize_email};
use crate::UserValues;

/// One learner of the portal as the rules see it: their current values (an empty optional cell is `""`, `groups`
/// their groups joined by `|`, `status` Pending, Active or Suspended), and their version (`updated_at`, in
/// microseconds) so the confirm can tell a learner changed since the preview.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Learner {
    pub id: i64,
    pub values: UserValues,
    pub version: i64,
}

/// The learners known to the sheet, found by email key or identifier.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Existing {
    learners: Vec<Learner>,
    by_email: HashMap<String, usize>,
    by_identifier: HashMap<String, usize>,
}

impl Existing {
    pub fn new(learners: impl IntoIterator<Item = Learner>) -> Existing {
        let mut existing = Existing::default();
        existing.extend(learners);
        existing
    }

    /// Adds learners (a later look-up); a learner already known (same id) is replaced.
    pub fn extend(&mut self, learners: impl IntoIterator<Item = Learner>) {
        for learner in learners {
            if let Some(at) = self.learners.iter().position(|l| l.id == learner.id) {
                self.learners[at] = learner;
            } else {
                self.learners.push(learner);
            }
        }
        self.reindex();
    }

    /// Forgets a learner (the single-user form: the learner being edited does not "take" their own email).
    pub fn remove(&mut self, id: i64) {
        self.learners.retain(|l| l.id != id);
        self.reindex();
    }

    fn reindex(&mut self) {
        self.by_email.clear();
        self.by_identifier.clear();
        for (i, learner) in self.learners.iter().enumerate() {
            self.by_email.insert(normalize_email(&learner.values.email), i);
            let identifier = normalize(&learner.values.identifier);
            if !identifier.is_empty() {
                self.by_identifier.insert(identifier, i);
            }
        }
    }

    pub fn learners(&self) -> &[Learner] {
        &self.learners
    }

    /// The learner with this email key ([`crate::normalize_email`]).
    pub fn by_email(&self, key: &str) -> Option<&Learner> {
        self.by_email.get(key).map(|&i| &self.learners[i])
    }

    /// The learner with this identifier (trimmed, NFC).
    pub fn by_identifier(&self, identifier: &str) -> Option<&Learner> {
        self.by_identifier.get(identifier).map(|&i| &self.learners[i])
    }

    pub fn is_empty(&self) -> bool {
        self.learners.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn learner(id: i64, email: &str, identifier: &str) -> Learner {
        Learner { id, values: UserValues::from(["Ana", "Roux", email, identifier, "", "fr"]), version: 1 }
    }

    #[test]
    fn learners_are_found_by_email_key_and_identifier_and_replaced_by_id() {
        let mut existing = Existing::new([learner(1, "Ana@X.fr", "S-1"), learner(2, "bob@x.fr", "")]);
        assert_eq!(existing.by_email("ana@x.fr").map(|l| l.id), Some(1));
        assert_eq!(existing.by_identifier("S-1").map(|l| l.id), Some(1));
        assert!(existing.by_identifier("").is_none());
        existing.extend([learner(1, "ana.roux@x.fr", "S-1")]);
        assert!(existing.by_email("ana@x.fr").is_none());
        assert_eq!(existing.learners().len(), 2);
        existing.remove(2);
        assert!(existing.by_email("bob@x.fr").is_none());
    }
}
