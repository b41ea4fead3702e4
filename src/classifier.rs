//! The classifier and its builder.

use crate::combine::combine;
use crate::context::{Context, Scan, StructHit, Work};
use crate::error::BuildError;
use crate::features::{self, BucketCounts, HitFeature};
use crate::label::{Label, LabelSet, Scores};
use crate::language::Language;
use crate::lexicon::{self, Entry, Severity};
use crate::matcher::{Hit, Matcher, Squeezed};
use crate::model::Model;
use crate::normalize::{normalize_into, Normalized};
use crate::policy::Policy;
use crate::spelling::{Repair, Spelling};
use crate::tables::Tables;
use crate::verdict::{Span, Verdict};
use crate::word_breaks::WordBreaks;

/// The threshold of a label that the builder does not set and the model has no head for.
pub const DEFAULT_THRESHOLD: f32 = 0.5;

/// About how many bytes of normalised text the context layer judges at once (see
/// `Classifier::context_pass`): far more than a chat message, few enough that rules looking at the
/// whole window for every hit stay cheap.
const CONTEXT_WINDOW: usize = 4096;

/// Where the context window starting at byte `w0` of the normalised text ends: the end of the text
/// if it is near; else after the last sentence end (`.`, `!`, `?`, `;` token) in the second half of
/// the window; else at the last space in it; else at the first space after it. Never inside a hit
/// (`hits[next_hit..]`, sorted by start, none starting before `w0`): a window ends after every hit
/// that starts in it. The result is `text.len()` or the position of a space.
fn window_end(bytes: &[u8], w0: usize, hits: &[Hit], next_hit: usize) -> usize {
    let n = bytes.len();
    if n - w0 <= CONTEXT_WINDOW {
        return n;
    }
    let limit = w0 + CONTEXT_WINDOW;
    let space = |p: usize| bytes[p] == b' ';
    let sentence_end =
        |p: usize| space(p) && matches!(bytes[p - 1], b'.' | b'!' | b'?' | b';') && space(p - 2);
    let mut w1 = (w0 + CONTEXT_WINDOW / 2..limit)
        .rev()
        .find(|&p| sentence_end(p))
        // Not right after "you": what is said of "you" comes next ("you idiot you idiot ...").
        .or_else(|| {
            (w0 + 1..limit)
                .rev()
                .find(|&p| space(p) && !after_you(bytes, p))
        })
        .or_else(|| (w0 + 1..limit).rev().find(|&p| space(p)))
        .unwrap_or_else(|| (limit..n).find(|&p| space(p)).unwrap_or(n));
    // Extend past any hit that starts before the cut and ends after it.
    for hit in &hits[next_hit..] {
        if hit.start >= w1 {
            break;
        }
        if hit.end > w1 {
            w1 = (hit.end..n).find(|&p| space(p)).unwrap_or(n);
        }
    }
    w1
}

/// Whether the word before the space at `p` is "you".
fn after_you(bytes: &[u8], p: usize) -> bool {
    p >= 3 && &bytes[p - 3..p] == b"you" && (p == 3 || bytes[p - 4] == b' ')
}

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
    structure_rules: bool,
}

impl Default for ClassifierBuilder {
    fn default() -> ClassifierBuilder {
        ClassifierBuilder {
            policy: Policy::Default,
            thresholds: [None; Label::COUNT],
            deny: Vec::new(),
            allow: Vec::new(),
            model: ModelChoice::Embedded,
            structure_rules: true,
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

    /// Whether the context layer's structure rules run (default: on). They find identity attacks,
    /// threats and extremism by clause structure (a protected group with a derogatory predicate,
    /// a violent verb aimed at a person, recruitment to a listed organisation...) and refine how
    /// lexicon hits are cancelled (rhetorical questions, clause boundaries, unquoted reports, games,
    /// reclaimed self-reference). Off, only the plain negation and quotation cues apply: with
    /// [`without_model`](Self::without_model) that is the word-list baseline.
    pub fn structure_rules(&mut self, on: bool) -> &mut ClassifierBuilder {
        self.structure_rules = on;
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
            ModelChoice::Embedded => {
                Some(Model::embedded().map_err(|e| BuildError::new(e.to_string()))?)
            }
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
        // The lexicons, allow list and vocabulary come compiled (see `tables`); only the user's
        // own terms are parsed here.
        let Tables {
            deny: mut entries,
            mut allow,
            mut matcher,
            context,
            spelling,
            word_breaks,
        } = Tables::embedded().map_err(BuildError::new)?;
        for (raw, labels) in &self.deny {
            let term =
                lexicon::parse_term(raw).map_err(|e| BuildError::new(format!("deny term: {e}")))?;
            entries.push(Entry {
                term,
                labels: *labels,
                severity: Severity::Strong,
            });
        }
        for raw in &self.allow {
            allow.push(
                lexicon::parse_term(raw)
                    .map_err(|e| BuildError::new(format!("allow term: {e}")))?,
            );
        }
        // User terms need an automaton of their own with the built-in ones.
        if !self.deny.is_empty() || !self.allow.is_empty() {
            matcher = Matcher::new(&entries, &allow).map_err(BuildError::new)?;
        }
        Ok(Classifier {
            policy: self.policy,
            thresholds,
            entries,
            matcher,
            context,
            spelling,
            word_breaks,
            structure: self.structure_rules,
            model,
            pool: ScratchPool::default(),
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
    context: Context,
    /// Misspelt harmful words put right after normalising.
    spelling: Spelling,
    /// Word breaks restored where an evasion glued words together or cut one apart.
    word_breaks: WordBreaks,
    /// Whether the context layer's structure rules run.
    structure: bool,
    model: Option<Model>,
    /// Working memory kept between calls of [`classify`](Classifier::classify).
    pool: ScratchPool,
}

/// A few [`Scratch`]es kept between calls of [`Classifier::classify`], so the plain API allocates
/// only the verdict once warm, like [`Classifier::classify_with`]. Concurrent callers each take
/// their own (a fresh one when none is free); only working memory used for messages of at most
/// [`ScratchPool::KEEP_TEXT`] bytes is kept, so one huge message does not pin its buffers. The
/// lock is held only to take or return a scratch, never while classifying.
#[derive(Default)]
struct ScratchPool(std::sync::Mutex<Vec<Scratch>>);

impl ScratchPool {
    /// At most this many are kept.
    const KEEP: usize = 4;
    /// Working memory used for a longer message is freed, not kept.
    const KEEP_TEXT: usize = 1 << 16;

    fn take(&self) -> Scratch {
        self.0
            .lock()
            .ok()
            .and_then(|mut pool| pool.pop())
            .unwrap_or_default()
    }

    fn give(&self, scratch: Scratch, longest: usize) {
        if longest > ScratchPool::KEEP_TEXT {
            return;
        }
        if let Ok(mut pool) = self.0.lock() {
            if pool.len() < ScratchPool::KEEP {
                pool.push(scratch);
            }
        }
    }
}

/// A clone starts with no working memory of its own.
impl Clone for ScratchPool {
    fn clone(&self) -> ScratchPool {
        ScratchPool::default()
    }
}

impl core::fmt::Debug for ScratchPool {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("ScratchPool")
    }
}

/// Working memory for [`Classifier::classify_with`]: hold one (per thread) and pass it to every
/// call, so classifying allocates nothing but the verdict once the buffers have grown to the
/// longest message seen. Not tied to a classifier; any classifier can use any scratch.
#[derive(Default)]
pub struct Scratch {
    norm: Normalized,
    squeezed: Squeezed,
    allowed: Vec<(usize, usize)>,
    hits: Vec<Hit>,
    hit_features: Vec<HitFeature>,
    features: Vec<u32>,
    bucket_counts: BucketCounts,
    scan: Scan,
    work: Work,
    structure: Vec<StructHit>,
    /// The structure hits of one context window (see `context_pass`).
    window_structure: Vec<StructHit>,
    identity_spans: Vec<(usize, usize)>,
}

impl core::fmt::Debug for Scratch {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Scratch")
    }
}

/// Stage-by-stage entry points for the benchmarks (`benches/stages.rs`); not a stable API.
#[doc(hidden)]
#[path = "bench_api.rs"]
pub mod bench_api;

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
        let mut scratch = self.pool.take();
        let verdict = self.classify_with(text, &mut scratch);
        self.pool.give(scratch, text.len());
        verdict
    }

    /// Classifies many messages, reusing working memory between them.
    pub fn classify_batch<S: AsRef<str>>(&self, texts: &[S]) -> Vec<Verdict> {
        let mut scratch = self.pool.take();
        let mut longest = 0;
        let verdicts = texts
            .iter()
            .map(|t| {
                longest = longest.max(t.as_ref().len());
                self.classify_with(t.as_ref(), &mut scratch)
            })
            .collect();
        self.pool.give(scratch, longest);
        verdicts
    }

    /// The learned model in use, if any.
    pub fn model(&self) -> Option<&Model> {
        self.model.as_ref()
    }

    /// The features the learned model sees for `text`: the one path shared by training and
    /// inference. `out` is cleared first. Used by the trainer (`moderato-train`).
    pub fn featurize(&self, text: &str, out: &mut Vec<u32>) {
        let mut scratch = self.pool.take();
        self.featurize_with(text, &mut scratch, true);
        out.clear();
        out.extend_from_slice(&scratch.features);
        self.pool.give(scratch, text.len());
    }

    /// Puts the words of normalised text right: word breaks, then Russian typed in Latin
    /// letters (detected by the misspelling repair's pass), then misspellings.
    pub(crate) fn restore_words(&self, text: &str, norm: &mut Normalized) {
        self.word_breaks.restore(text, norm);
        if self.spelling.repair(norm) == Repair::ReadAsTranslit {
            crate::translit::rewrite(norm);
            // No Latin marker is left, so this pass repairs.
            let _ = self.spelling.repair(norm);
        }
    }

    /// Normalises, matches, applies the context rules and, if `extract`, extracts the model's
    /// features, all into `scratch`. Both [`featurize`](Self::featurize) and classification run
    /// this, so training and inference see the same features.
    fn featurize_with(&self, text: &str, scratch: &mut Scratch, extract: bool) {
        normalize_into(text, &mut scratch.norm);
        self.restore_words(text, &mut scratch.norm);
        self.matcher.find(
            &scratch.norm,
            &mut scratch.squeezed,
            &mut scratch.allowed,
            &mut scratch.hits,
        );
        self.context_pass(scratch);
        if extract {
            features::extract(
                scratch.norm.as_str(),
                &scratch.hit_features,
                &mut scratch.features,
            );
        }
    }

    /// Classifies one message using `scratch` as working memory: the same verdict as
    /// [`classify`](Self::classify), without allocating working buffers on every call.
    pub fn classify_with(&self, text: &str, scratch: &mut Scratch) -> Verdict {
        self.featurize_with(text, scratch, self.model.is_some());
        let norm = &scratch.norm;

        // Per label, the probability that no hit is right; scores are the complement (noisy-or).
        let mut miss = [1.0f32; Label::COUNT];
        let mut spans = Vec::new();
        for (hit, feature) in scratch.hits.iter().zip(&scratch.hit_features) {
            let entry = &self.entries[hit.entry as usize];
            let evidence = Evidence {
                labels: entry.labels,
                cancelled: feature.cancelled,
                severity: entry.severity,
                start: hit.start,
                end: hit.end,
            };
            evidence.add_to(norm, &entry.term.text, &mut miss, &mut spans);
        }
        self.score_structure_hits(scratch, &mut miss, &mut spans);
        let mut scores = Scores::default();
        for label in Label::ALL {
            scores.set(label, 1.0 - miss[label.index()]);
        }
        // Labels the model has a head for. Toxicity (general rudeness, never flagging by default)
        // is the model's probability alone: the model sees the lexicon hits as features and was
        // trained on toxicity labels, so it ranks better than the lexicon's any-hit rule. The
        // flagging labels combine both (`combine`): the model adds what a word list cannot see and
        // orders the messages with hits, and a reviewed hit that flags alone is never outvoted.
        // Every head's probability is halved when the context layer cancelled the evidence
        // (`context_cleared`).
        if let Some(model) = &self.model {
            // A one-word slur outside quotation marks (an odd number of them before it means
            // inside: "Он написал «негры — биомусор», и его забанили" reports the slur). The
            // marks are counted once over the message: hits come in order of their start.
            let text = scratch.norm.as_str().as_bytes();
            let (mut counted, mut marks) = (0usize, 0usize);
            let slur = |i: usize| {
                let hit = &scratch.hits[i];
                let entry = &self.entries[hit.entry as usize];
                if !entry.labels.contains(Label::IdentityAttack) || entry.term.text.contains(' ') {
                    return false;
                }
                let upto = hit.start.min(text.len());
                if upto < counted {
                    (counted, marks) = (0, 0);
                }
                marks += text[counted..upto].iter().filter(|&&c| c == b'"').count();
                counted = upto;
                marks % 2 == 0
            };
            let cleared = context_cleared(&scratch.hit_features, scratch.hits.len(), slur);
            let damp = if cleared { CLEARED_FACTOR } else { 1.0 };
            for (label, p) in Label::ALL
                .into_iter()
                .zip(model.probabilities_with(&scratch.features, &mut scratch.bucket_counts))
            {
                match p {
                    Some(p) if label == Label::Toxicity => scores.set(label, p * damp),
                    Some(p) => {
                        let t = model.head(label).map_or(DEFAULT_THRESHOLD, |h| h.threshold);
                        scores.set(label, combine(scores.get(label), p * damp, t));
                    }
                    None => {}
                }
            }
        }
        spans.sort_by_key(|a| (a.start, a.end, a.label));
        spans.dedup_by(|a, b| a.start == b.start && a.end == b.end && a.label == b.label);
        self.decide(
            scores,
            spans,
            Language::from_letter_counts(norm.latin_letters(), norm.cyrillic_letters()),
        )
    }

    /// The context layer over the normalised message: cancels lexicon hits (one hit feature per
    /// hit, in order) and runs the structure rules (their hit features after the lexicon's: the
    /// model sees them as hits of their labels and severity).
    ///
    /// A long message is judged in windows of about [`CONTEXT_WINDOW`] bytes, cut after a
    /// sentence where there is one and never inside a hit, so that the context rules, which may
    /// look at the whole message for every hit, cost a bounded amount per byte: a message of
    /// megabytes full of hits stays linear instead of quadratic. A chat message fits in one window
    /// and is judged exactly as a whole.
    fn context_pass(&self, scratch: &mut Scratch) {
        scratch.hit_features.clear();
        scratch.structure.clear();
        let Scratch {
            norm,
            hits,
            hit_features,
            scan,
            work,
            structure,
            window_structure,
            identity_spans,
            ..
        } = scratch;
        let text = norm.as_str();
        let bytes = text.as_bytes();
        let n = text.len();
        let mut w0 = 0;
        let mut next_hit = 0;
        loop {
            let w1 = window_end(bytes, w0, hits, next_hit);
            let window = &text[w0..w1];
            self.context.scan(window, scan);
            let first_hit = next_hit;
            while next_hit < hits.len() && hits[next_hit].start < w1 {
                let hit = &hits[next_hit];
                let entry = &self.entries[hit.entry as usize];
                let (start, end) = (hit.start - w0, hit.end.min(w1) - w0);
                let cancelled = entry
                    .labels
                    .iter()
                    .filter(|&l| {
                        self.context
                            .cancelled(scan, start, end, l, entry.labels, self.structure)
                    })
                    .collect();
                hit_features.push(HitFeature {
                    labels: entry.labels,
                    severity: entry.severity,
                    cancelled,
                });
                next_hit += 1;
            }
            if self.structure {
                identity_spans.clear();
                for hit in &hits[first_hit..next_hit] {
                    if self.entries[hit.entry as usize]
                        .labels
                        .contains(Label::IdentityAttack)
                    {
                        identity_spans.push((hit.start - w0, hit.end.min(w1) - w0));
                    }
                }
                self.context
                    .structure_hits(scan, identity_spans, work, window_structure);
                structure.extend(window_structure.iter().map(|h| StructHit {
                    start: h.start + w0,
                    end: h.end + w0,
                    ..*h
                }));
            }
            if w1 >= n {
                break;
            }
            w0 = w1 + 1; // past the space between two tokens
        }
        for s in structure.iter() {
            hit_features.push(HitFeature {
                labels: s.labels,
                severity: s.severity,
                cancelled: s.cancelled,
            });
        }
    }

    /// Scores the structure hits like lexicon hits (noisy-or per label); their spans' term is the
    /// normalised evidence ("muslims are vermin").
    fn score_structure_hits(
        &self,
        scratch: &Scratch,
        miss: &mut [f32; Label::COUNT],
        spans: &mut Vec<Span>,
    ) {
        let norm = &scratch.norm;
        for hit in &scratch.structure {
            let evidence = Evidence {
                labels: hit.labels,
                cancelled: hit.cancelled,
                severity: hit.severity,
                start: hit.start,
                end: hit.end,
            };
            evidence.add_to(norm, &norm.as_str()[hit.start..hit.end], miss, spans);
        }
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

/// What every head's probability is multiplied by when the context layer has cleared the message
/// (see [`context_cleared`]). The heads read words, not frames: "You're not an idiot", "Muslims are
/// a cancer? What nonsense." and a quoted insult ("Quoting the troll: 'you're a worthless piece of
/// shit'") score as high as what they deny, report or quote. Halving keeps the model's order among
/// such messages; on the validation split it cost HateXplain's toxicity ROC-AUC 0.002, where
/// cancelled hits are often wrong, and moved the flagging heads' ROC-AUC by at most 0.006 either
/// way (see the model card).
const CLEARED_FACTOR: f32 = 0.5;

/// Whether the context layer cancelled some evidence and left none standing (profanity aside,
/// which it never cancels: swearing stays profanity). A slur from the lexicon that was cancelled
/// (negated, quoted, reported) does not clear the message: the word itself is offensive, and in
/// the validation data such messages were mostly toxic ("no one cares, k*ke"); a quoted phrase
/// ("kill all Jews") does. `lexicon_hits` is how many of `hits` are the lexicon's (the structure
/// rules' come after them); `slur(i)` says whether lexicon hit `i` is a one-word identity attack.
fn context_cleared(
    hits: &[HitFeature],
    lexicon_hits: usize,
    mut slur: impl FnMut(usize) -> bool,
) -> bool {
    let mut cleared = false;
    for (i, h) in hits.iter().enumerate() {
        if h.labels
            .iter()
            .any(|l| l != Label::Profanity && !h.cancelled.contains(l))
        {
            return false;
        }
        if !h.cancelled.is_empty() {
            if i < lexicon_hits && slur(i) {
                return false;
            }
            cleared = true;
        }
    }
    cleared
}

/// One piece of evidence (a lexicon hit or a structure hit) as the scorer sees it: both kinds are
/// scored the same way, so they share this.
struct Evidence {
    labels: LabelSet,
    cancelled: LabelSet,
    severity: Severity,
    /// Byte range in the normalised text.
    start: usize,
    end: usize,
}

impl Evidence {
    /// Multiplies the noisy-or miss probability of each label it supports (unless the context
    /// cancelled it), of toxicity and, when severe, of severe toxicity; records a span per label.
    fn add_to(
        &self,
        norm: &Normalized,
        term: &str,
        miss: &mut [f32; Label::COUNT],
        spans: &mut Vec<Span>,
    ) {
        let score = self.severity.score();
        let mut any = false;
        for label in self.labels.iter() {
            if self.cancelled.contains(label) {
                continue;
            }
            any = true;
            miss[label.index()] *= 1.0 - score;
            let (start, end) = norm.source_span(self.start, self.end);
            spans.push(Span {
                start,
                end,
                label,
                term: term.to_string(),
            });
        }
        if any {
            miss[Label::Toxicity.index()] *= 1.0 - score;
            if self.severity == Severity::Severe {
                miss[Label::SevereToxicity.index()] *= 1.0 - score;
            }
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
            // The flagging labels combine lexicon and model; toxicity is the model's own (none of
            // these messages is cleared by the context layer).
            let (with, without) = (embedded.classify(text).scores, bare.classify(text).scores);
            let mut features = Vec::new();
            embedded.featurize(text, &mut features);
            let p = model.probabilities(&features);
            for label in Label::ALL {
                match p[label.index()] {
                    Some(p) if label == Label::Toxicity => assert_eq!(with.get(label), p),
                    Some(p) => {
                        let t = model.head(label).unwrap().threshold;
                        assert_eq!(with.get(label), combine(without.get(label), p, t));
                    }
                    None => assert_eq!(with.get(label), without.get(label), "{text:?} {label}"),
                }
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
