//! The context layer: cancels lexicon hits that a word list alone would get wrong.
//!
//! Two cues, both read from `lexicons/cues.tsv`:
//! - negation: a negator in the same clause at most [`NEGATION_WINDOW`] words before a hit
//!   ("I will never kill you", "я не убью тебя");
//! - quotation: a hit inside quotation marks while a reporting or denouncing word stands outside
//!   them ("Saying \"X are scum\" is disgusting").
//! Profanity is never cancelled: negated or quoted swearing is still swearing.

use crate::label::Label;
use crate::lexicon::{parse_term, Term};

/// How many words before a hit a negator may stand.
pub const NEGATION_WINDOW: usize = 4;

/// The embedded cue list.
pub(crate) const BUILTIN_CUES: (&str, &str) =
    ("lexicons/cues.tsv", include_str!("../lexicons/cues.tsv"));

/// What a cue word signals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CueKind {
    Negator,
    Report,
}

/// The parsed cue words.
#[derive(Clone, Debug)]
pub struct Cues {
    words: Vec<(Term, CueKind)>,
}

impl Cues {
    /// Parses a cue file (`word<TAB>kind`).
    pub fn parse(name: &str, contents: &str) -> Result<Cues, String> {
        let mut words = Vec::new();
        for (i, line) in contents.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let at = |e: String| format!("{name}:{}: {e}", i + 1);
            let mut cols = line.split('\t');
            let term = parse_term(cols.next().unwrap_or("")).map_err(at)?;
            let kind = match cols.next().map(str::trim) {
                Some("negator") => CueKind::Negator,
                Some("report") => CueKind::Report,
                other => {
                    return Err(at(format!(
                        "cue kind must be negator or report, not {other:?}"
                    )))
                }
            };
            words.push((term, kind));
        }
        words.sort_by(|a, b| a.0.text.cmp(&b.0.text));
        Ok(Cues { words })
    }

    fn kind_of(&self, word: &str) -> Option<CueKind> {
        // Exact words by binary search, then stems.
        if let Ok(i) = self
            .words
            .binary_search_by(|(t, _)| t.text.as_str().cmp(word))
        {
            return Some(self.words[i].1);
        }
        self.words
            .iter()
            .find(|(t, _)| t.open_end && word.starts_with(t.text.as_str()))
            .map(|(_, k)| *k)
    }
}

/// Whether the token is a clause boundary that stops the negation window.
fn is_clause_break(tok: &str) -> bool {
    matches!(tok, "." | "," | "!" | "?" | ";" | ":" | "(" | ")")
}

/// Decides whether a hit at normalised bytes `[start, end)` is cancelled by its context.
pub fn cancelled(cues: &Cues, norm: &str, start: usize, end: usize, label: Label) -> bool {
    if label == Label::Profanity {
        return false;
    }
    negated(cues, &norm[..start]) || quoted_and_reported(cues, norm, start, end)
}

fn negated(cues: &Cues, before: &str) -> bool {
    before
        .split(' ')
        .rev()
        .filter(|t| !t.is_empty())
        .take_while(|t| !is_clause_break(t))
        .take(NEGATION_WINDOW)
        .any(|t| cues.kind_of(t) == Some(CueKind::Negator))
}

fn quoted_and_reported(cues: &Cues, norm: &str, start: usize, end: usize) -> bool {
    let quotes_before = norm[..start].split(' ').filter(|t| *t == "\"").count();
    let quotes_after = norm[end..].split(' ').filter(|t| *t == "\"").count();
    if quotes_before % 2 == 0 || quotes_after == 0 {
        return false;
    }
    // Look for a report cue outside every quoted stretch.
    let mut inside = false;
    for tok in norm.split(' ') {
        if tok == "\"" {
            inside = !inside;
        } else if !inside && cues.kind_of(tok) == Some(CueKind::Report) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    fn cues() -> Cues {
        Cues::parse(BUILTIN_CUES.0, BUILTIN_CUES.1).unwrap()
    }

    /// (message, evidence words, label, cancelled?)
    const CASES: &[(&str, &str, Label, bool)] = &[
        ("I will kill you", "kill you", Label::Threat, false),
        ("I will never kill you", "kill you", Label::Threat, true),
        (
            "I never said that, kill you later",
            "kill you",
            Label::Threat,
            false,
        ),
        ("you are not an idiot", "idiot", Label::Insult, true),
        ("not bad at all, you idiot", "idiot", Label::Insult, false),
        (
            "Saying \"gays are scum\" is disgusting",
            "scum",
            Label::Insult,
            true,
        ),
        ("\"you are scum\"", "scum", Label::Insult, false),
        ("he is scum, \"quote\" said", "scum", Label::Insult, false),
        ("я не убью тебя", "убью тебя", Label::Threat, true),
        ("я убью тебя", "убью тебя", Label::Threat, false),
        ("not fucking funny", "fucking", Label::Profanity, false),
    ];

    #[test]
    fn table() {
        let cues = cues();
        for &(msg, evidence, label, want) in CASES {
            let norm = normalize(msg);
            let s = norm.as_str();
            let start = s
                .find(evidence)
                .unwrap_or_else(|| panic!("{evidence:?} not in {s:?}"));
            let got = cancelled(&cues, s, start, start + evidence.len(), label);
            assert_eq!(got, want, "{msg:?}");
        }
    }

    #[test]
    fn bad_cue_file() {
        assert!(Cues::parse("c", "not\tmaybe\n")
            .unwrap_err()
            .contains("c:1:"));
    }
}
