//! Stage-by-stage entry points for the benchmarks (`benches/stages.rs`) and the comparison harness
//! (`bench/compare/`). Hidden from the docs and **not a stable API**: it exists only so each stage
//! of [`Classifier::classify`] can be timed on its own, on inputs the earlier stages produced.
//!
//! A stage is timed on a [`Prepared`] message: the output of every stage for it, computed once by
//! [`Stages::prepare`]. The stages are the classifier's own code; only the cancellation loop of
//! [`Stages::context`] repeats the few lines of `featurize_with` that call the context layer.

use super::{Classifier, Scratch};
use crate::features::{self, HitFeature};
use crate::label::Label;
use crate::lexicon;
use crate::matcher::Hit;
use crate::normalize::{normalize_into, Normalized};
use crate::verdict::Verdict;

/// One message after every stage: the input of each stage, for timing that stage alone.
#[derive(Clone, Debug)]
pub struct Prepared {
    norm: Normalized,
    hits: Vec<Hit>,
    hit_features: Vec<HitFeature>,
    features: Vec<u32>,
}

impl Prepared {
    /// The normalised text.
    pub fn normalized(&self) -> &Normalized {
        &self.norm
    }

    /// Number of model features.
    pub fn feature_count(&self) -> usize {
        self.features.len()
    }
}

/// A classifier with its working memory, running one stage at a time.
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
    pub fn prepare(&mut self, text: &str) -> Prepared {
        let s = &mut self.scratch;
        self.classifier.featurize_with(text, s, true);
        Prepared {
            norm: s.norm.clone(),
            hits: s.hits.clone(),
            hit_features: s.hit_features.clone(),
            features: s.features.clone(),
        }
    }

    /// Stage 1, normalise: returns the normalised length in bytes.
    pub fn normalize(&mut self, text: &str) -> usize {
        normalize_into(text, &mut self.scratch.norm);
        self.scratch.norm.as_str().len()
    }

    /// Stage 2, match: the squeezed copy and the lexicon automaton. Returns the number of hits.
    pub fn find(&mut self, p: &Prepared) -> usize {
        let s = &mut self.scratch;
        self.classifier
            .matcher
            .find(&p.norm, &mut s.squeezed, &mut s.allowed, &mut s.hits);
        s.hits.len()
    }

    /// Stage 3, context: the context automaton and clause structure, the cancellation of the
    /// lexicon hits and the structure rules. Returns the number of hit features.
    pub fn context(&mut self, p: &Prepared) -> usize {
        let c = self.classifier;
        let s = &mut self.scratch;
        c.context.scan(p.norm.as_str(), &mut s.scan);
        s.hits.clear();
        s.hits.extend_from_slice(&p.hits);
        s.hit_features.clear();
        for hit in &s.hits {
            let entry = &c.entries[hit.entry as usize];
            let cancelled = entry
                .labels
                .iter()
                .filter(|&l| {
                    c.context.cancelled(
                        &s.scan,
                        hit.start,
                        hit.end,
                        l,
                        entry.labels,
                        c.structure,
                    )
                })
                .collect();
            s.hit_features.push(HitFeature {
                labels: entry.labels,
                severity: entry.severity,
                cancelled,
            });
        }
        c.structure_hits(s);
        s.hit_features.len()
    }

    /// Stage 4, featurise: the hashed features of the model. Returns their number.
    pub fn extract(&mut self, p: &Prepared) -> usize {
        let s = &mut self.scratch;
        features::extract(p.norm.as_str(), &p.hit_features, &mut s.features);
        s.features.len()
    }

    /// Stage 5, score: the model's heads on the features (`None` without a model).
    pub fn score(&self, p: &Prepared) -> Option<[Option<f32>; Label::COUNT]> {
        self.classifier
            .model
            .as_ref()
            .map(|m| m.probabilities(&p.features))
    }

    /// All stages, reusing this working memory: [`Classifier::classify_with`].
    pub fn classify(&mut self, text: &str) -> Verdict {
        self.classifier.classify_with(text, &mut self.scratch)
    }
}

/// The normalised text of every deny and allow term of the embedded lexicons: the patterns of the
/// "floor" (one Aho-Corasick pass over the same bytes with the same lexicon).
pub fn lexicon_terms() -> Vec<String> {
    let mut out = Vec::new();
    for (name, contents) in lexicon::BUILTIN_DENY {
        if let Ok(entries) = lexicon::parse_deny(name, contents) {
            out.extend(entries.into_iter().map(|e| e.term.text));
        }
    }
    if let Ok(allow) = lexicon::parse_allow(lexicon::BUILTIN_ALLOW.0, lexicon::BUILTIN_ALLOW.1) {
        out.extend(allow.into_iter().map(|t| t.text));
    }
    out
}
