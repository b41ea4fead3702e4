//! What the classifier says about one message.

use crate::label::{Label, Scores};
use crate::language::Language;

/// Where in the original message the evidence for a label was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    /// Byte offset of the first byte of the evidence in the ORIGINAL text (a char boundary).
    pub start: usize,
    /// Byte offset one past the evidence in the ORIGINAL text (a char boundary).
    pub end: usize,
    /// The label this evidence supports.
    pub label: Label,
    /// The lexicon or user term that matched, in normalised form (`"kill you"` for `"k1ll y0u"`).
    pub term: String,
}

/// The classifier's decision on one message.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    /// Whether the policy flags the message: some label it cares about passed its threshold.
    pub flagged: bool,
    /// Every label whose score passed its threshold, flagging or not, in [`Label::ALL`] order.
    pub labels: Vec<Label>,
    /// The score of every label.
    pub scores: Scores,
    /// The evidence, in order of position in the original text.
    pub spans: Vec<Span>,
    /// The language the message was judged to be in.
    pub language: Language,
}

impl Verdict {
    /// Whether `label` passed its threshold.
    pub fn has(&self, label: Label) -> bool {
        self.labels.contains(&label)
    }
}
