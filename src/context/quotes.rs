//! Quotation and report frames: evidence that the speaker is reporting or denouncing words, not
//! saying them.
//!
//! Two frames:
//! - quoted: the evidence stands inside quotation marks and a reporting or denouncing word stands
//!   outside them ("He posted \"death to X\" and was banned"); the word-list baseline has this too;
//! - reported: without quotation marks, a reporting word before the evidence in the same sentence
//!   and a denouncing or news word elsewhere ("Saying X are scum is disgusting", "he wrote X are
//!   vermin, police said"), or a denouncing word and
//!   a complementiser before it in the same clause ("It is a racist lie that X are greedy").
//!   Either alone is not enough: "He said X are vermin" is still an attack.

use super::vocab::{count, Kind, Scan};

/// Tokens `[a, b)` are inside quotation marks, closed after them, and a report or denounce word
/// stands outside every quotation.
pub(crate) fn quoted_and_reported(scan: &Scan, a: usize, b: usize) -> bool {
    a < scan.len()
        && scan.quoted(a)
        && scan.last_quote().is_some_and(|q| q >= b)
        && scan.report_outside_quotes()
}

/// The unquoted report frame around tokens `[a, b)` (see the module doc).
pub(crate) fn reported(scan: &Scan, a: usize, b: usize) -> bool {
    if a >= scan.len() {
        return false;
    }
    let (sa, _) = scan.sentence_range(scan.sentence(a));
    // The reporting word governs the evidence only within its clause: not "Sorry to say, but you
    // are ignorant".
    let report_before = scan.count(count::REPORT, sa, a) > 0
        && (sa..a)
            .rev()
            .take_while(|&k| !scan.has(k, Kind::Clause))
            .any(|k| scan.has(k, Kind::Report));
    let denounce_outside = scan.count(count::DENOUNCE_OR_NEWS, 0, a)
        + scan.count(count::DENOUNCE_OR_NEWS, b, scan.len())
        > 0;
    if report_before && denounce_outside {
        return true;
    }
    // "It is a racist lie that X ...", "Миф о том, что X...": a denouncing word, then a
    // complementiser, in the same clause or the one the complement hangs on.
    let start = super::negation::scope_start(scan, a)
        .max(sa)
        .max(a.saturating_sub(super::WINDOW));
    let mut comp = false;
    for k in (start..a).rev() {
        if scan.has(k, Kind::Comp) {
            comp = true;
        } else if comp && scan.has(k, Kind::Denounce) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::vocab::Vocab;
    use crate::normalize::normalize;

    /// (message, evidence words, quoted and reported?, reported frame?)
    const CASES: &[(&str, &str, bool, bool)] = &[
        (
            "Saying \"gays are scum\" is disgusting",
            "gays are scum",
            true,
            true,
        ),
        ("\"you are scum\"", "you are scum", false, false),
        ("he is scum, \"quote\" said", "scum", false, false),
        (
            "Saying gays are scum is disgusting",
            "gays are scum",
            false,
            true,
        ),
        ("He said gays are scum", "gays are scum", false, false),
        (
            "Sorry to say but you are scum , they were arrested",
            "you are scum",
            false,
            false,
        ),
        (
            "It is a racist lie that jews are greedy",
            "jews are greedy",
            false,
            true,
        ),
        (
            "It is a lie, jews are greedy",
            "jews are greedy",
            false,
            false,
        ),
        (
            "Говорить, что геи больные, отвратительно",
            "геи больные",
            false,
            true,
        ),
        (
            "Миф о том, что геи больные, это ложь",
            "геи больные",
            false,
            true,
        ),
    ];

    #[test]
    fn table() {
        let v = Vocab::builtin().unwrap();
        let mut scan = Scan::default();
        for &(msg, evidence, quoted, rep) in CASES {
            let norm = normalize(msg);
            crate::context::vocab::scan_of(&v, &mut scan, norm.as_str());
            let s = norm.as_str().find(evidence).unwrap();
            let (a, b) = scan.token_span(s, s + evidence.len());
            assert_eq!(quoted_and_reported(&scan, a, b), quoted, "{msg:?} quoted");
            assert_eq!(reported(&scan, a, b), rep, "{msg:?} reported");
        }
    }
}
