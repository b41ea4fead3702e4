//! The classifier and its builder.

use crate::context::{self, Cues};
use crate::error::BuildError;
use crate::features::{self, HitFeature};
use crate::label::{Label, LabelSet, Scores};
use crate::language::Language;
use crate::lexicon::{self, Entry, Severity, Term};
use crate::matcher::{Hit, Matcher, Squeezed};
use crate::model::{self, Model};
use crate::normalize::{normalize_into, Normalized};
use crate::policy::Policy;
use crate::verdict::{Span, Verdict};

/// The threshold of a label that the builder does not set and the model has no head for.
pub const DEFAULT_THRESHOLD: f32 = 0.5;

/// Which learned model a classifier uses.
#[derive(Clone)]
enum ModelChoice {
    /// The model embedded in the library.
    Embedded,
    /// A model file supplied by the user, validated by `build`.
    Bytes(Vec<u8>),
    /// None: lexicon only.
    Without,
}

impl core::fmt::Debug for ModelChoice {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            ModelChoice::Embedded => f.write_str("Embedded"),
            ModelChoice::Bytes(b) => write!(f, "Bytes([{} bytes])", b.len()),
            ModelChoice::Without => f.write_str("Without"),
        }
    }
}

/// Configures and builds a [`Classifier`].
///
/// Defaults: [`Policy::Default`], the embedded learned model and its per-label thresholds (chosen
/// on validation data; [`DEFAULT_THRESHOLD`] for labels it has no head for), the embedded English
/// and Russian lexicons and allow list, no user terms.
#[derive(Clone, Debug)]
pub struct ClassifierBuilder {
    policy: Policy,
    /// Thresholds the user set; the others come from the model.
    thresholds: [Option<f32>; Label::COUNT],
    deny: Vec<(String, LabelSet)>,
    allow: Vec<String>,
    model: ModelChoice,
}

impl Default for ClassifierBuilder {
    fn default() -> ClassifierBuilder {
        ClassifierBuilder {
            policy: Policy::Default,
            thresholds: [None; Label::COUNT],
            deny: Vec::new(),
            allow: Vec::new(),
            model: ModelChoice::Embedded,
        }
    }
}

impl ClassifierBuilder {
    /// A builder with the documented defaults.
    pub fn new() -> ClassifierBuilder {
        ClassifierBuilder::default()
    }

    /// Which labels flag a message. Default: [`Policy::Default`].
    pub fn policy(&mut self, policy: Policy) -> &mut ClassifierBuilder {
        self.policy = policy;
        self
    }

    /// The score at or above which `label` counts as present. Must be a number in `[0, 1]`;
    /// checked by [`build`](Self::build). Default: the model's threshold for the label, or
    /// [`DEFAULT_THRESHOLD`] if it has no head for it.
    pub fn threshold(&mut self, label: Label, threshold: f32) -> &mut ClassifierBuilder {
        self.thresholds[label.index()] = Some(threshold);
        self
    }

    /// Uses another learned model, given as the bytes of a model file (as written by the
    /// `moderato-train` tool), instead of the embedded one. [`build`](Self::build) fails if the
    /// bytes are not a valid model for this version of the library.
    pub fn model_bytes(&mut self, bytes: &[u8]) -> &mut ClassifierBuilder {
        self.model = ModelChoice::Bytes(bytes.to_vec());
        self
    }

    /// Uses no learned model: lexicons and context rules only (the word-list baseline).
    pub fn without_model(&mut self) -> &mut ClassifierBuilder {
        self.model = ModelChoice::Without;
        self
    }

    /// A term of the user's own that is strong evidence for `label`, in lexicon syntax
    /// (`"badword"`, `"stem*"`, `"two words"`). It is normalised like messages, so evaded
    /// spellings of it are found too.
    pub fn deny_term(&mut self, term: &str, label: Label) -> &mut ClassifierBuilder {
        let mut set = LabelSet::EMPTY;
        set.insert(label);
        self.deny.push((term.to_string(), set));
        self
    }

    /// A term of the user's own whose occurrences never count as evidence (for example a place
    /// or a name that contains a listed word).
    pub fn allow_term(&mut self, term: &str) -> &mut ClassifierBuilder {
        self.allow.push(term.to_string());
        self
    }

    /// Builds the classifier, or says which setting is wrong.
    pub fn build(&self) -> Result<Classifier, BuildError> {
        for (label, t) in Label::ALL.iter().zip(&self.thresholds) {
            if let Some(t) = *t {
                if !(0.0..=1.0).contains(&t) {
                    return Err(BuildError::new(format!(
                        "threshold for {label} must be a number in [0, 1], got {t}"
                    )));
                }
            }
        }
        let model = match &self.model {
            ModelChoice::Embedded => Some(
                Model::from_static(model::EMBEDDED).map_err(|e| BuildError::new(e.to_string()))?,
            ),
            ModelChoice::Bytes(bytes) => Some(
                Model::from_bytes(bytes)
                    .map_err(|e| BuildError::new(format!("model bytes: {e}")))?,
            ),
            ModelChoice::Without => None,
        };
        let mut thresholds = [DEFAULT_THRESHOLD; Label::COUNT];
        for label in Label::ALL {
            let from_model = model
                .as_ref()
                .and_then(|m| m.head(label))
                .map(|h| h.threshold);
            thresholds[label.index()] = self.thresholds[label.index()]
                .or(from_model)
                .unwrap_or(DEFAULT_THRESHOLD);
        }
        let mut entries: Vec<Entry> = Vec::new();
        for (name, contents) in lexicon::BUILTIN_DENY {
            entries.extend(lexicon::parse_deny(name, contents).map_err(BuildError::new)?);
        }
        for (raw, labels) in &self.deny {
            let term =
                lexicon::parse_term(raw).map_err(|e| BuildError::new(format!("deny term: {e}")))?;
            entries.push(Entry {
                term,
                labels: *labels,
                severity: Severity::Strong,
            });
        }
        let mut allow: Vec<Term> =
            lexicon::parse_allow(lexicon::BUILTIN_ALLOW.0, lexicon::BUILTIN_ALLOW.1)
                .map_err(BuildError::new)?;
        for raw in &self.allow {
            allow.push(
                lexicon::parse_term(raw)
                    .map_err(|e| BuildError::new(format!("allow term: {e}")))?,
            );
        }
        let matcher = Matcher::new(&entries, &allow).map_err(BuildError::new)?;
        let cues = Cues::parse(context::BUILTIN_CUES.0, context::BUILTIN_CUES.1)
            .map_err(BuildError::new)?;
        Ok(Classifier {
            policy: self.policy,
            thresholds,
            entries,
            matcher,
            cues,
            model,
        })
    }
}

/// A harmful-message classifier. Immutable once built, cheap to share across threads.
#[derive(Clone, Debug)]
pub struct Classifier {
    policy: Policy,
    thresholds: [f32; Label::COUNT],
    entries: Vec<Entry>,
    matcher: Matcher,
    cues: Cues,
    model: Option<Model>,
}

/// Per-call working memory, kept together so a batch reuses it.
#[derive(Default)]
struct Scratch {
    norm: Normalized,
    squeezed: Squeezed,
    allowed: Vec<(usize, usize)>,
    hits: Vec<Hit>,
    hit_features: Vec<HitFeature>,
    features: Vec<u32>,
    chars: Vec<usize>,
}

impl Default for Classifier {
    fn default() -> Classifier {
        Classifier::new()
    }
}

impl Classifier {
    /// A classifier on the embedded defaults (see [`ClassifierBuilder`]).
    pub fn new() -> Classifier {
        ClassifierBuilder::new()
            .build()
            .expect("the embedded lexicons are valid (checked by tests)")
    }

    /// A builder to configure a classifier.
    pub fn builder() -> ClassifierBuilder {
        ClassifierBuilder::new()
    }

    /// The policy in force.
    pub fn policy(&self) -> Policy {
        self.policy
    }

    /// The threshold of `label`.
    pub fn threshold(&self, label: Label) -> f32 {
        self.thresholds[label.index()]
    }

    /// Classifies one message.
    pub fn classify(&self, text: &str) -> Verdict {
        self.classify_with(text, &mut Scratch::default())
    }

    /// Classifies many messages, reusing working memory between them.
    pub fn classify_batch<S: AsRef<str>>(&self, texts: &[S]) -> Vec<Verdict> {
        let mut scratch = Scratch::default();
        texts
            .iter()
            .map(|t| self.classify_with(t.as_ref(), &mut scratch))
            .collect()
    }

    /// The learned model in use, if any.
    pub fn model(&self) -> Option<&Model> {
        self.model.as_ref()
    }

    /// The features the learned model sees for `text`: the one path shared by training and
    /// inference. `out` is cleared first. Used by the trainer (`moderato-train`).
    pub fn featurize(&self, text: &str, out: &mut Vec<u32>) {
        let mut scratch = Scratch::default();
        self.featurize_with(text, &mut scratch, true);
        out.clear();
        out.extend_from_slice(&scratch.features);
    }

    /// Normalises, matches, applies the context rules and, if `extract`, extracts the model's
    /// features, all into `scratch`. Both [`featurize`](Self::featurize) and classification run
    /// this, so training and inference see the same features.
    fn featurize_with(&self, text: &str, scratch: &mut Scratch, extract: bool) {
        normalize_into(text, &mut scratch.norm);
        self.matcher.find(
            &scratch.norm,
            &mut scratch.squeezed,
            &mut scratch.allowed,
            &mut scratch.hits,
        );
        scratch.hit_features.clear();
        for hit in &scratch.hits {
            let entry = &self.entries[hit.entry as usize];
            let cancelled = entry
                .labels
                .iter()
                .filter(|&l| {
                    context::cancelled(&self.cues, scratch.norm.as_str(), hit.start, hit.end, l)
                })
                .collect();
            scratch.hit_features.push(HitFeature {
                labels: entry.labels,
                severity: entry.severity,
                cancelled,
            });
        }
        if extract {
            features::extract(
                scratch.norm.as_str(),
                &scratch.hit_features,
                &mut scratch.features,
                &mut scratch.chars,
            );
        }
    }

    fn classify_with(&self, text: &str, scratch: &mut Scratch) -> Verdict {
        self.featurize_with(text, scratch, self.model.is_some());
        let norm = &scratch.norm;

        // Per label, the probability that no hit is right; scores are the complement (noisy-or).
        let mut miss = [1.0f32; Label::COUNT];
        let mut spans = Vec::new();
        for (hit, feature) in scratch.hits.iter().zip(&scratch.hit_features) {
            let entry = &self.entries[hit.entry as usize];
            let score = entry.severity.score();
            let mut any = false;
            for label in entry.labels.iter() {
                if feature.cancelled.contains(label) {
                    continue;
                }
                any = true;
                miss[label.index()] *= 1.0 - score;
                let (start, end) = norm.source_span(hit.start, hit.end);
                spans.push(Span {
                    start,
                    end,
                    label,
                    term: entry.term.text.clone(),
                });
            }
            if any {
                miss[Label::Toxicity.index()] *= 1.0 - score;
                if entry.severity == Severity::Severe {
                    miss[Label::SevereToxicity.index()] *= 1.0 - score;
                }
            }
        }
        let mut scores = Scores::default();
        for label in Label::ALL {
            scores.set(label, 1.0 - miss[label.index()]);
        }
        // Labels the model has a head for. Toxicity (general rudeness, never flagging by default)
        // is the model's probability alone: the model sees the lexicon hits as features and was
        // trained on toxicity labels, so it ranks better than the lexicon's any-hit rule. The
        // flagging labels score the higher of the lexicon and the model: the model adds what a word
        // list cannot see, and a reviewed lexicon hit is never outvoted.
        if let Some(model) = &self.model {
            for (label, p) in Label::ALL.into_iter().zip(model.probabilities(&scratch.features)) {
                match p {
                    Some(p) if label == Label::Toxicity => scores.set(label, p),
                    Some(p) => scores.raise(label, p),
                    None => {}
                }
            }
        }
        spans.sort_by(|a, b| (a.start, a.end, a.label).cmp(&(b.start, b.end, b.label)));
        spans.dedup_by(|a, b| a.start == b.start && a.end == b.end && a.label == b.label);
        self.decide(
            scores,
            spans,
            Language::from_letter_counts(norm.latin_letters(), norm.cyrillic_letters()),
        )
    }

    fn decide(&self, scores: Scores, spans: Vec<Span>, language: Language) -> Verdict {
        let labels: Vec<Label> = scores
            .iter()
            .filter(|&(l, s)| s >= self.threshold(l) && s > 0.0)
            .map(|(l, _)| l)
            .collect();
        let flagged = labels.iter().any(|&l| self.policy.flags(l));
        Verdict {
            flagged,
            labels,
            scores,
            spans,
            language,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifier_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Classifier>();
        assert_send_sync::<ClassifierBuilder>();
        assert_send_sync::<BuildError>();
    }

    #[test]
    fn builder_rejects_bad_settings() {
        let cases: Vec<(ClassifierBuilder, &str)> = vec![
            (
                {
                    let mut b = Classifier::builder();
                    b.threshold(Label::Threat, 1.5);
                    b
                },
                "threshold for threat",
            ),
            (
                {
                    let mut b = Classifier::builder();
                    b.threshold(Label::Insult, f32::NAN);
                    b
                },
                "threshold for insult",
            ),
            (
                {
                    let mut b = Classifier::builder();
                    b.deny_term("  ", Label::Insult);
                    b
                },
                "deny term",
            ),
            (
                {
                    let mut b = Classifier::builder();
                    b.allow_term("!!!");
                    b
                },
                "allow term",
            ),
            (
                {
                    let mut b = Classifier::builder();
                    b.model_bytes(b"MDRT not a model");
                    b
                },
                "model bytes",
            ),
        ];
        for (b, want) in cases {
            let err = b.build().unwrap_err().to_string();
            assert!(err.contains(want), "{err:?} should mention {want:?}");
        }
    }

    #[test]
    fn user_terms() {
        let c = Classifier::builder()
            .deny_term("Blorf", Label::Insult)
            .allow_term("kill you softly")
            .build()
            .unwrap();
        let v = c.classify("you utter bl0rf");
        assert!(v.flagged && v.has(Label::Insult), "{v:?}");
        assert_eq!(
            &"you utter bl0rf"[v.spans[0].start..v.spans[0].end],
            "bl0rf"
        );
        assert!(!c
            .classify("Killing Me Softly and kill you softly are songs")
            .has(Label::Threat));
    }

    #[test]
    fn model_choice() {
        let embedded = Classifier::new();
        let model = embedded
            .model()
            .expect("the default classifier has the embedded model");
        let same = Classifier::builder()
            .model_bytes(&model.to_bytes())
            .build()
            .unwrap();
        let bare = Classifier::builder().without_model().build().unwrap();
        assert!(bare.model().is_none());
        for head in model.heads() {
            assert_eq!(embedded.threshold(head.label), head.threshold);
            assert_eq!(bare.threshold(head.label), DEFAULT_THRESHOLD);
        }
        let user = Classifier::builder()
            .threshold(model.heads()[0].label, 0.99)
            .build()
            .unwrap();
        assert_eq!(user.threshold(model.heads()[0].label), 0.99);
        for text in [
            "you are a wonderful person",
            "I will k1ll you",
            "those people are vermin",
            "привет, как дела",
        ] {
            assert_eq!(embedded.classify(text), same.classify(text));
            // The model only ever raises scores above the lexicon's.
            let (with, without) = (embedded.classify(text).scores, bare.classify(text).scores);
            for label in Label::ALL {
                assert!(with.get(label) >= without.get(label), "{text:?} {label}");
            }
        }
    }

    #[test]
    fn empty_and_unknown() {
        let c = Classifier::new();
        let v = c.classify("");
        assert!(!v.flagged && v.labels.is_empty() && v.spans.is_empty());
        assert_eq!(v.language, Language::Unknown);
        assert_eq!(c.classify("12345 🙂").language, Language::Unknown);
    }
}
