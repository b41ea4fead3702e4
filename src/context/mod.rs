//! The context layer: judges evidence in its clause, so that moderato flags calls for harm and
//! never silences debate.
//!
//! It does two things, both driven by data files in `lexicons/`:
//! - it **cancels** lexicon hits that a word list alone would get wrong: negation ("I will never
//!   kill you"), quotations and reports that denounce ("Saying \"X are scum\" is disgusting"),
//!   reclaimed self-reference ("I'm a proud dyke"), threats in games ("I'll kill you in Mario
//!   Kart");
//! - it **finds** what a word list cannot see, by structure rather than by phrase: identity attacks
//!   with or without slurs (a protected group with a derogatory predicate, [`identity`]), threats
//!   and calls to violence ([`threat`]), extremist recruitment, pledges and glorification
//!   ([`extremism`]). These structure hits are scored like lexicon hits and passed to the learned
//!   model through the same hit features.
//!
//! Concepts, one per file: [`vocab`] (the data files and the per-message [`Scan`]), [`trie`] (their
//! first words, compiled for lookup per token), [`negation`], [`quotes`], [`identity`], [`threat`], [`extremism`].
//!
//! `refined = false` (the builder's `structure_rules(false)`, the word-list baseline) keeps only the
//! plain rules: a negator among the four words before a hit, and a quoted hit with a report word
//! outside the quotation.

mod extremism;
mod identity;
mod negation;
mod quotes;
mod threat;
mod trie;
mod vocab;

pub use negation::NEGATION_WINDOW;
pub use vocab::Scan;

use crate::label::{Label, LabelSet};
use crate::lexicon::Severity;
use identity::Mention;
use vocab::{Kind, Vocab};

/// What a rule found, in tokens; `mod.rs` turns it into a [`StructHit`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct Found {
    pub a: usize,
    pub b: usize,
    pub labels: LabelSet,
    /// 2 = strong, 3 = severe.
    pub severity: u8,
    /// The rule's own negation test (negation in or before the clause, not a rhetorical question).
    pub negated: bool,
}

/// A piece of evidence found by structure: scored like a lexicon hit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StructHit {
    pub labels: LabelSet,
    pub severity: Severity,
    /// The labels of `labels` that the context cancelled (negation, quotation, report, game, news).
    pub cancelled: LabelSet,
    /// Byte range of the evidence in the normalised text.
    pub start: usize,
    pub end: usize,
}

/// Per-message working memory besides the [`Scan`].
#[derive(Clone, Debug, Default)]
pub struct Work {
    slurs: Vec<(usize, usize)>,
    mentions: Vec<Mention>,
    found: Vec<Found>,
}

/// The compiled context layer.
#[derive(Clone, Debug)]
pub struct Context {
    vocab: Vocab,
}

impl Context {
    /// The context layer on the embedded data files.
    pub fn builtin() -> Result<Context, String> {
        Ok(Context {
            vocab: Vocab::builtin()?,
        })
    }

    /// The context vocabulary's one-word entries: `(word, open, whether it signals harm)`.
    /// Groups (not the vague ones), derogatory predicates, violent verbs, hatred words and the
    /// extremism lexicon's organisations, attackers and attacks signal harm; the rest (pronouns,
    /// copulas, quantifiers, cues...) are the words a message is made of around them.
    pub(crate) fn single_words(&self) -> impl Iterator<Item = (&str, bool, bool)> + '_ {
        use vocab::{group_form, violent_form, Kind};
        self.vocab.single_words().map(|(w, open, kind, form)| {
            let signal = match kind {
                Kind::Group => form != group_form::VAGUE,
                Kind::Violent => form & violent_form::EXCLUDE == 0,
                Kind::Pred | Kind::Hatred | Kind::Org | Kind::Attacker | Kind::Attack => true,
                _ => false,
            };
            (w, open, signal)
        })
    }

    /// Writes the context layer's vocabulary to the compiled tables.
    pub(crate) fn encode(&self, w: &mut crate::tables::codec::Writer) {
        self.vocab.encode(w);
    }

    /// Reads a context layer written by [`encode`](Self::encode).
    pub(crate) fn decode(
        r: &mut crate::tables::codec::Reader,
    ) -> Result<Context, crate::tables::codec::DecodeError> {
        Ok(Context {
            vocab: Vocab::decode(r)?,
        })
    }

    /// Tokenises and annotates one normalised message into `scan`.
    pub fn scan(&self, norm: &str, scan: &mut Scan) {
        scan.fill(&self.vocab, norm);
        scan.finish(negation::rhetorical_sentence, negation::is_negator);
    }

    /// Whether a lexicon hit at normalised bytes `[start, end)` is cancelled for `label` by its
    /// context; `labels` are all the labels of the hit's entry. Profanity is never cancelled:
    /// negated or quoted swearing is still swearing.
    pub fn cancelled(
        &self,
        scan: &Scan,
        start: usize,
        end: usize,
        label: Label,
        labels: LabelSet,
        refined: bool,
    ) -> bool {
        if label == Label::Profanity || scan.len() == 0 {
            return false;
        }
        let (a, b) = scan.token_span(start, end);
        if a >= scan.len() {
            return false;
        }
        if !refined {
            return negation::negated_plain(scan, a) || quotes::quoted_and_reported(scan, a, b);
        }
        let negated =
            negation::negated_before(scan, a, NEGATION_WINDOW) && !negation::rhetorical(scan, a);
        let personal = matches!(label, Label::IdentityAttack | Label::Insult);
        // A claim about a group ("muslims are terrorists", "subhuman") rather than a slur or a
        // swear word: a question or a hypothesis about it is not the claim.
        let claim = (a..b).any(|k| scan.has(k, Kind::Pred) || scan.has(k, Kind::Group));
        negated
            || quotes::quoted_and_reported(scan, a, b)
            || quotes::reported(scan, a, b)
            || (label == Label::Threat && (in_sentence(scan, a, Kind::Game) || joking(scan, a)))
            || (label == Label::Extremism && news(scan, a))
            || (personal
                && labels.contains(Label::IdentityAttack)
                && identity::reclaimed(scan, a, b))
            || (label == Label::IdentityAttack && identity::aimed_at_person(scan, a))
            || (personal && claim && (doubted(scan, a) || supposed(scan, a) || dismissed(scan, a)))
    }

    /// The hits the structure rules find in a scanned message. `identity_hits` are the normalised
    /// byte ranges of the lexicon's identity-attack hits (slurs name a group too).
    pub fn structure_hits(
        &self,
        scan: &Scan,
        identity_hits: &[(usize, usize)],
        work: &mut Work,
        out: &mut Vec<StructHit>,
    ) {
        out.clear();
        if scan.len() == 0 {
            return;
        }
        work.slurs.clear();
        work.slurs
            .extend(identity_hits.iter().map(|&(s, e)| scan.token_span(s, e)));
        identity::mentions(scan, &work.slurs, &mut work.mentions);
        work.found.clear();
        identity::hits(scan, &work.mentions, &mut work.found);
        threat::hits(scan, &work.mentions, &mut work.found);
        extremism::hits(scan, &mut work.found);
        dedup(&mut work.found);
        for f in &work.found {
            if allowed(scan, f.a, f.b) {
                continue;
            }
            let mut cancelled = LabelSet::EMPTY;
            let framed = f.negated
                || quotes::quoted_and_reported(scan, f.a, f.b)
                || quotes::reported(scan, f.a, f.b);
            for l in f.labels.iter() {
                let off = framed
                    || (l == Label::Threat
                        && (in_sentence(scan, f.a, Kind::Game) || joking(scan, f.a)))
                    || (l == Label::Extremism && news(scan, f.a))
                    || (matches!(l, Label::IdentityAttack | Label::Insult)
                        && (doubted(scan, f.a) || supposed(scan, f.a) || dismissed(scan, f.a)));
                if off {
                    cancelled.insert(l);
                }
            }
            let (start, end) = scan.byte_span(f.a, f.b);
            out.push(StructHit {
                labels: f.labels,
                severity: if f.severity >= 3 {
                    Severity::Severe
                } else {
                    Severity::Strong
                },
                cancelled,
                start,
                end,
            });
        }
    }
}

/// Whether extremism evidence at token `i` is reported as news: a news cue in its sentence, and
/// the evidence does not open its clause as an imperative would ("Join ISIS, the police can't stop
/// us" is still recruitment).
fn news(scan: &Scan, i: usize) -> bool {
    let opens_clause = i == 0 || scan.breaks_clause(i - 1) || scan.clause(i - 1) != scan.clause(i);
    in_sentence(scan, i, Kind::News) && !opens_clause
}

/// Whether a claim at token `i` is put to someone else or questioned ("Are you saying X are...",
/// "any evidence that X are..."): a doubt cue earlier in its sentence, itself neither negated nor
/// part of a rhetorical "don't you think".
fn doubted(scan: &Scan, i: usize) -> bool {
    let (a, _) = scan.sentence_range(scan.sentence(i));
    scan.count(vocab::count::DOUBT, a, i) > 0
}

/// Whether a claim at token `i` is asked and then dismissed: its sentence is a question and the
/// next one opens with a dismissal ("Muslims are a cancer? What nonsense.", "Бабам место на кухне?
/// Какая чушь"). Counter-speech often echoes the claim it answers.
fn dismissed(scan: &Scan, i: usize) -> bool {
    let s = scan.sentence(i);
    if !scan.is_question(s) || s + 1 >= scan.sentences() {
        return false;
    }
    let (a, b) = scan.sentence_range(s + 1);
    (a..b.min(a + 2)).any(|k| scan.has(k, Kind::Dismiss))
}

/// Whether a claim at token `i` is a hypothesis: "if" and its kin earlier in the same clause
/// ("even if they were a burden"). A conditional threat is still a threat, so only identity
/// attacks and insults use this.
fn supposed(scan: &Scan, i: usize) -> bool {
    (scan.clause_start(i).max(i.saturating_sub(WINDOW))..i).any(|k| scan.has(k, Kind::Hypo))
}

/// Whether the sentence of token `i` has a cue of `kind`.
fn in_sentence(scan: &Scan, i: usize, kind: Kind) -> bool {
    scan.sentence_has(scan.sentence(i), kind)
}

/// Whether the sentence of token `i` says, after it, that it is a joke ("I'll rip your head off if
/// you're late, jk", "...шучу"), and no negation comes right before that ("я не шучу": I am not
/// joking). Only after: "JK Rowling should die" names someone.
fn joking(scan: &Scan, i: usize) -> bool {
    let s = scan.sentence(i);
    if !scan.sentence_has(s, Kind::Joke) {
        return false;
    }
    let (_, b) = scan.sentence_range(s);
    (i + 1..b).any(|k| {
        scan.has(k, Kind::Joke) && !(k.saturating_sub(2)..k).any(|j| scan.has(j, Kind::Negator))
    })
}

/// Whether an allow-list term (`allow.tsv`) covers tokens `[a, b)`: "тебя задушу в объятиях".
fn allowed(scan: &Scan, a: usize, b: usize) -> bool {
    (a.saturating_sub(6)..=a).any(|s| scan.at(s, Kind::Allow).is_some_and(|x| x.end as usize >= b))
}

/// How far back (in tokens) a cue may stand from the evidence it frames; also bounds every
/// backward walk so that a message costs linear time whatever its shape.
pub(crate) const WINDOW: usize = 12;

/// Drops hits that repeat another: same labels, span inside it, same negation.
fn dedup(found: &mut Vec<Found>) {
    found.sort_by_key(|f| (f.a, core::cmp::Reverse(f.b)));
    // Compacted in place: the kept hits are `found[..kept]`, never ahead of the one looked at.
    let mut kept = 0usize;
    for r in 0..found.len() {
        let f = found[r];
        // Hits are short: only the last few kept ones can contain this one.
        let recent = &found[kept.saturating_sub(16)..kept];
        let dup = recent.iter().any(|k| {
            k.a <= f.a
                && f.b <= k.b
                && f.labels.iter().all(|l| k.labels.contains(l))
                && k.negated == f.negated
                && k.severity >= f.severity
        });
        if !dup {
            found[kept] = f;
            kept += 1;
        }
    }
    found.truncate(kept);
}

/// Test support shared by the rule modules' table tests: runs one rule over a message and
/// returns each hit as (evidence words, labels, negated).
#[cfg(test)]
pub(crate) fn run_rule(
    msg: &str,
    rule: fn(&Scan, &[Mention], &mut Vec<Found>),
) -> Vec<(String, LabelSet, bool)> {
    let v = Vocab::builtin().unwrap();
    let mut scan = Scan::default();
    let norm = crate::normalize::normalize(msg);
    vocab::scan_of(&v, &mut scan, norm.as_str());
    let mut ms = Vec::new();
    identity::mentions(&scan, &[], &mut ms);
    let mut out = Vec::new();
    rule(&scan, &ms, &mut out);
    out.iter()
        .map(|f| {
            let words: Vec<&str> = (f.a..f.b).map(|k| scan.text(k)).collect();
            (words.join(" "), f.labels, f.negated)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    fn lexicon_cancel(msg: &str, evidence: &str, label: Label, refined: bool) -> bool {
        let c = Context::builtin().unwrap();
        let mut scan = Scan::default();
        let norm = normalize(msg);
        c.scan(norm.as_str(), &mut scan);
        let s = norm.as_str();
        let start = s
            .find(evidence)
            .unwrap_or_else(|| panic!("{evidence:?} not in {s:?}"));
        let labels = [label, Label::Insult].into_iter().collect();
        c.cancelled(&scan, start, start + evidence.len(), label, labels, refined)
    }

    /// (message, evidence words, label, cancelled in the baseline?, cancelled refined?)
    const CASES: &[(&str, &str, Label, bool, bool)] = &[
        ("I will kill you", "kill you", Label::Threat, false, false),
        (
            "I will never kill you",
            "kill you",
            Label::Threat,
            true,
            true,
        ),
        (
            "I never said that, kill you later",
            "kill you",
            Label::Threat,
            false,
            false,
        ),
        ("you are not an idiot", "idiot", Label::Insult, true, true),
        (
            "not bad at all, you idiot",
            "idiot",
            Label::Insult,
            false,
            false,
        ),
        (
            "Saying \"gays are scum\" is disgusting",
            "scum",
            Label::Insult,
            true,
            true,
        ),
        ("\"you are scum\"", "scum", Label::Insult, false, false),
        (
            "he is scum, \"quote\" said",
            "scum",
            Label::Insult,
            false,
            false,
        ),
        ("я не убью тебя", "убью тебя", Label::Threat, true, true),
        ("я убью тебя", "убью тебя", Label::Threat, false, false),
        (
            "not fucking funny",
            "fucking",
            Label::Profanity,
            false,
            false,
        ),
        (
            "they are nothing but scum",
            "scum",
            Label::Insult,
            true,
            false,
        ),
        (
            "Aren't you a little retard?",
            "retard",
            Label::Insult,
            true,
            false,
        ),
        (
            "I'm a proud dyke",
            "dyke",
            Label::IdentityAttack,
            false,
            true,
        ),
        (
            "I'm gonna kill you in Mario Kart tonight",
            "kill you",
            Label::Threat,
            false,
            true,
        ),
        (
            "Я тебя убью в доте вечером",
            "тебя убью",
            Label::Threat,
            false,
            true,
        ),
        (
            "Saying gays are subhuman is vile",
            "subhuman",
            Label::IdentityAttack,
            false,
            true,
        ),
        (
            "you are subhuman",
            "subhuman",
            Label::IdentityAttack,
            false,
            true,
        ),
        ("я мудак", "мудак", Label::Insult, false, false),
        (
            "если проследят за пидором то накажут",
            "пидором",
            Label::IdentityAttack,
            false,
            false,
        ),
        (
            "gays are subhuman",
            "subhuman",
            Label::IdentityAttack,
            false,
            false,
        ),
        (
            "Police arrested a man who tried to join the Klan",
            "join the klan",
            Label::Extremism,
            false,
            true,
        ),
    ];

    #[test]
    fn lexicon_hits() {
        for &(msg, evidence, label, plain, refined) in CASES {
            assert_eq!(
                lexicon_cancel(msg, evidence, label, false),
                plain,
                "{msg:?} baseline"
            );
            assert_eq!(
                lexicon_cancel(msg, evidence, label, true),
                refined,
                "{msg:?} refined"
            );
        }
    }

    fn structure(msg: &str) -> Vec<(String, LabelSet, LabelSet)> {
        let c = Context::builtin().unwrap();
        let mut scan = Scan::default();
        let norm = normalize(msg);
        c.scan(norm.as_str(), &mut scan);
        let mut out = Vec::new();
        c.structure_hits(&scan, &[], &mut Work::default(), &mut out);
        out.iter()
            .map(|h| {
                (
                    norm.as_str()[h.start..h.end].to_string(),
                    h.labels,
                    h.cancelled,
                )
            })
            .collect()
    }

    /// (message, label, expected: Some(cancelled?) or None for no hit with that label)
    const STRUCTURE: &[(&str, Label, Option<bool>)] = &[
        ("Immigrants are vermin", Label::IdentityAttack, Some(false)),
        (
            "The channel posted \"death to gays\" and was banned",
            Label::Threat,
            Some(true),
        ),
        (
            "Saying muslims are animals is disgusting",
            Label::IdentityAttack,
            Some(true),
        ),
        (
            "I'm going to shoot you in Fortnite",
            Label::Threat,
            Some(true),
        ),
        (
            "Police arrested a man who urged people to join ISIS",
            Label::Extremism,
            Some(true),
        ),
        ("Join ISIS, brothers", Label::Extremism, Some(false)),
        (
            "Join ISIS, the police can't stop us",
            Label::Extremism,
            Some(false),
        ),
        ("Muslims are welcome here", Label::IdentityAttack, None),
        (
            "Are you saying that immigrants are a burden?",
            Label::IdentityAttack,
            Some(true),
        ),
        (
            "Don't you think immigrants are a burden?",
            Label::IdentityAttack,
            Some(false),
        ),
        (
            "We know a few Muslims who are violent",
            Label::IdentityAttack,
            None,
        ),
        ("Since when is it okay to kill gays?", Label::Threat, None),
    ];

    #[test]
    fn structure_hits() {
        for &(msg, label, want) in STRUCTURE {
            let got = structure(msg);
            let hit = got.iter().find(|h| h.1.contains(label));
            match (hit, want) {
                (None, None) => {}
                (Some(h), Some(c)) => assert_eq!(h.2.contains(label), c, "{msg:?}: {got:?}"),
                _ => panic!("{msg:?}: {got:?}, want {want:?}"),
            }
        }
    }
}
