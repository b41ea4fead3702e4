//! One labeled message, with what it says (or does not say) about each of moderato's labels.

use moderato::Label;

/// Per label: `Some(true)` positive, `Some(false)` negative, `None` the source says nothing.
/// Missing is not negative: OLID says nothing about identity attacks, so an OLID tweet neither
/// teaches nor tests the identity_attack head.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Targets([Option<bool>; Label::COUNT]);

impl Targets {
    /// Targets that give `value` for every label in `labels`.
    pub fn of(labels: &[Label], value: bool) -> Targets {
        let mut t = Targets::default();
        for &l in labels {
            t.set(l, value);
        }
        t
    }

    pub fn set(&mut self, label: Label, value: bool) -> &mut Targets {
        self.0[label.index()] = Some(value);
        self
    }

    pub fn get(&self, label: Label) -> Option<bool> {
        self.0[label.index()]
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(Option::is_none)
    }
}

/// A message of a dataset. The text lives only in memory: nothing of it is written anywhere.
#[derive(Clone, Debug)]
pub struct Example {
    pub text: String,
    /// What the train/validation split hashes: the text itself, or the group the text belongs to
    /// (a toxic sentence and its rewrites, a dialogue), so near-copies never straddle the split.
    pub key: String,
    pub targets: Targets,
}

impl Example {
    /// An example split on its own text.
    pub fn new(text: &str, targets: Targets) -> Example {
        Example {
            text: text.to_string(),
            key: text.to_string(),
            targets,
        }
    }

    /// An example split with the group `key`.
    pub fn grouped(text: &str, key: &str, targets: Targets) -> Example {
        Example {
            text: text.to_string(),
            key: key.to_string(),
            targets,
        }
    }
}
