//! Negation scope: whether a negator governs a piece of evidence.
//!
//! Why it is more than "a negator nearby": "X are nothing but rats" and "no doubt X are rats"
//! assert, and a rhetorical question ("Aren't all X animals?", "Разве не все X животные?") asserts
//! what it seems to deny. A negator after "but"/"но" belongs to another clause and does not reach
//! back ("I don't care, but X are vermin"). The word-list baseline keeps the plain rule: a negator
//! among the four words before a hit, in the same punctuation-delimited stretch.

use super::vocab::{Kind, Scan};

/// How many words before a lexicon hit a negator may stand.
pub const NEGATION_WINDOW: usize = 4;

/// How many words before a group a negator may stand and still govern what is said about it
/// ("I would never say that X are..." has four words between).
pub const PRIOR_WINDOW: usize = 6;

/// The baseline rule: a negator among the [`NEGATION_WINDOW`] words before token `i`, stopping at
/// punctuation.
pub(crate) fn negated_plain(scan: &Scan, i: usize) -> bool {
    (i.saturating_sub(4 * NEGATION_WINDOW)..i)
        .rev()
        .take_while(|&k| !scan.breaks_clause(k))
        .filter(|&k| !scan.is_punct(k))
        .take(NEGATION_WINDOW)
        .any(|k| scan.has(k, Kind::Negator))
}

/// Whether token `k` is a negator that negates: not part of an asserting phrase ("nothing but").
pub(crate) fn is_negator(scan: &Scan, k: usize) -> bool {
    scan.has(k, Kind::Negator) && scan.covering(k, Kind::Unneg).is_none()
}

/// The first token of the stretch a negation before token `i` may govern: its clause, and the
/// clause before if this one is a complement ("Я никогда не скажу, что X...", "it's a lie, that X").
pub(crate) fn scope_start(scan: &Scan, i: usize) -> usize {
    let i = i.min(scan.len().saturating_sub(1));
    let start = scan.clause_start(i);
    let complement = (start..=i)
        .take(3)
        .find(|&k| !scan.is_punct(k))
        .is_some_and(|k| scan.has(k, Kind::Comp));
    if complement && start > 0 {
        // "о том, что": the complement hangs on the clause before.
        return scan.clause_start(start - 1);
    }
    start
}

/// A negator among the `window` words before token `i`, in its negation scope (see
/// [`scope_start`]).
pub(crate) fn negated_before(scan: &Scan, i: usize, window: usize) -> bool {
    if i == 0 || i > scan.len() {
        return false;
    }
    let start = scope_start(scan, i).max(i.saturating_sub(4 * window));
    (start..i)
        .rev()
        .filter(|&k| !scan.is_punct(k))
        .take(window)
        .any(|k| is_negator(scan, k))
}

/// Whether token `i` stands in a rhetorical question: a question that opens with an auxiliary
/// ("Aren't all X...?", "Why shouldn't X...?") or carries a rhetorical particle ("разве", "ли").
/// Its negation asserts, so it cancels nothing.
pub(crate) fn rhetorical(scan: &Scan, i: usize) -> bool {
    scan.rhetorical(scan.sentence(i))
}

/// The test behind [`rhetorical`], per sentence `s`; `Scan::finish` caches it.
pub(crate) fn rhetorical_sentence(scan: &Scan, s: usize) -> bool {
    if !scan.is_question(s) {
        return false;
    }
    if scan.sentence_has(s, Kind::Rhetorical) {
        return true;
    }
    let (a, b) = scan.sentence_range(s);
    // The first word, skipping openers like "so", "but", "why", quotation marks.
    let mut k = a;
    while k < b
        && (scan.is_punct(k)
            || scan.has(k, Kind::Conj)
            || scan.has(k, Kind::Clause)
            || matches!(scan.text(k), "so" | "why" | "then" | "well" | "ну" | "так"))
    {
        k += 1;
    }
    k < b && scan.has(k, Kind::Aux)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::vocab::Vocab;
    use crate::normalize::normalize;

    /// (message, word, negated before it in refined mode?, rhetorical?)
    const CASES: &[(&str, &str, bool, bool)] = &[
        (
            "I would never say that Muslims are worthless",
            "muslims",
            true,
            false,
        ),
        ("Muslims are nothing but rats", "rats", false, false),
        ("No doubt muslims are rats", "muslims", false, false),
        (
            "I don't care, but muslims are rats",
            "muslims",
            false,
            false,
        ),
        ("Aren't all muslims animals?", "muslims", true, true),
        ("Why shouldn't muslims be shot?", "muslims", true, true),
        ("Разве не все евреи животные?", "евреи", true, true),
        ("Мигранты ничем не лучше крыс", "крыс", false, false),
        ("Не все мигранты преступники", "мигранты", true, false),
        (
            "Is it true? No. Muslims are people",
            "muslims",
            false,
            false,
        ),
        ("Я никогда не скажу, что евреи крысы", "евреи", true, false),
        ("Я не спорю, евреи крысы", "евреи", false, false),
    ];

    #[test]
    fn table() {
        let v = Vocab::builtin().unwrap();
        let mut scan = Scan::default();
        for &(msg, word, neg, rh) in CASES {
            let norm = normalize(msg);
            crate::context::vocab::scan_of(&v, &mut scan, norm.as_str());
            let i = (0..scan.len()).find(|&i| scan.text(i) == word).unwrap();
            assert_eq!(
                negated_before(&scan, i, PRIOR_WINDOW),
                neg,
                "{msg:?} negated"
            );
            assert_eq!(rhetorical(&scan, i), rh, "{msg:?} rhetorical");
        }
    }

    #[test]
    fn plain_window() {
        let v = Vocab::builtin().unwrap();
        let mut scan = Scan::default();
        for (msg, word, want) in [
            ("I will never kill you", "kill", true),
            ("I never said that, kill you later", "kill", false),
            ("not now or then or ever kill", "kill", false),
        ] {
            let norm = normalize(msg);
            crate::context::vocab::scan_of(&v, &mut scan, norm.as_str());
            let i = (0..scan.len()).find(|&i| scan.text(i) == word).unwrap();
            assert_eq!(negated_plain(&scan, i), want, "{msg:?}");
        }
    }
}
