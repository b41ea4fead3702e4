//! Stage-by-stage entry points for the benchmarks (`benches/stages.rs`) and the comparison harness
//! (`bench/compare/`). Hidden from the docs and **not a stable API**: it exists only so each stage
//! of [`Classifier::classify`] can be timed on its own, on inputs the earlier stages produced.
//!
//! A stage is timed on a [`Prepared`] message: the working memory of a whole classification of
//! it, in which every stage's output is already present. Each stage is the classifier's own code
//! and is idempotent (it recomputes its output from the earlier stages' outputs), so it can be
//! run again and again on the same prepared message.

use super::{Classifier, Scratch};
use crate::features;
use crate::label::Label;
use crate::normalize::{normalize_into, Normalized};
use crate::tables::Tables;
use crate::verdict::Verdict;

/// One message after every stage: the input of each stage, for timing that stage alone.
pub struct Prepared {
    scratch: Scratch,
}

impl Prepared {
    /// The normalised text.
    pub fn normalized(&self) -> &Normalized {
        &self.scratch.norm
    }

    /// Number of model features.
    pub fn feature_count(&self) -> usize {
        self.scratch.features.len()
    }
}

/// A classifier with working memory, running one stage at a time.
pub struct Stages<'c> {
    classifier: &'c Classifier,
    scratch: Scratch,
}

impl<'c> Stages<'c> {
    pub fn new(classifier: &'c Classifier) -> Stages<'c> {
        Stages {
            classifier,
            scratch: Scratch::default(),
        }
    }

    /// Runs every stage on `text` and keeps each stage's output.
    pub fn prepare(&self, text: &str) -> Prepared {
        let mut scratch = Scratch::default();
        self.classifier.featurize_with(text, &mut scratch, true);
        Prepared { scratch }
    }

    /// Stage 1, normalise: returns the normalised length in bytes.
    pub fn normalize(&mut self, text: &str) -> usize {
        normalize_into(text, &mut self.scratch.norm);
        self.classifier.restore_words(text, &mut self.scratch.norm);
        self.scratch.norm.as_str().len()
    }

    /// Stage 2, match: the squeezed copy and the lexicon automaton. Returns the number of hits.
    pub fn find(&self, p: &mut Prepared) -> usize {
        let s = &mut p.scratch;
        self.classifier
            .matcher
            .find(&s.norm, &mut s.squeezed, &mut s.allowed, &mut s.hits);
        s.hits.len()
    }

    /// Stage 3, context: the context automaton and clause structure, the cancellation of the
    /// lexicon hits and the structure rules. Returns the number of hit features.
    pub fn context(&self, p: &mut Prepared) -> usize {
        self.classifier.context_pass(&mut p.scratch);
        p.scratch.hit_features.len()
    }

    /// Stage 4, featurise: the hashed features of the model. Returns their number.
    pub fn extract(&self, p: &mut Prepared) -> usize {
        let s = &mut p.scratch;
        features::extract(s.norm.as_str(), &s.hit_features, &mut s.features);
        s.features.len()
    }

    /// Stage 5, score: the model's heads on the features (`None` without a model).
    pub fn score(&self, p: &Prepared) -> Option<[Option<f32>; Label::COUNT]> {
        self.classifier
            .model
            .as_ref()
            .map(|m| m.probabilities(&p.scratch.features))
    }

    /// All stages, reusing this working memory: [`Classifier::classify_with`].
    pub fn classify(&mut self, text: &str) -> Verdict {
        self.classifier.classify_with(text, &mut self.scratch)
    }
}

/// The normalised text of every deny and allow term of the embedded lexicons: the patterns of the
/// "floor" (one Aho-Corasick pass over the same bytes with the same lexicon).
pub fn lexicon_terms() -> Vec<String> {
    let Ok(tables) = Tables::embedded() else {
        return Vec::new();
    };
    let deny = tables.deny.into_iter().map(|e| e.term);
    deny.chain(tables.allow).map(|t| t.text).collect()
}
