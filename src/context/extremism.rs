//! Extremism recognised by frames around organisations, attackers and attacks.
//!
//! Why frames: the names ("ISIS", "the shooter", "теракт") are in the news every day, so a name is
//! never evidence; what the message does with it is. Flagged frames (`extremism.tsv`):
//! - recruitment: an invitation or commitment to join, fight for or fund an organisation ("Join the
//!   Islamic State", "вступайте в ИГИЛ"), unless a third person is its subject ("he decided to join");
//! - a pledge of allegiance to an organisation or its leader;
//! - glorification: an attacker, attack or organisation said to be heroic ("Tarrant is a hero",
//!   "the attack was a blessing"), praise before one ("glory to the mujahideen", "слава шахидам"),
//!   a wish for more ("we need more like him"), blaming the victims of an attack ("they had it coming").
//!
//! News about attacks, arrests and trials is cancelled in `mod.rs` by the news cues of `cues.tsv`.

use super::negation::{is_negator, negated_before, rhetorical, PRIOR_WINDOW};
use super::vocab::{Kind, Scan};
use super::Found;
use crate::label::{Label, LabelSet};

fn extremism() -> LabelSet {
    [Label::Extremism].into_iter().collect()
}

/// The first organisation (or, with `leaders`, leader) within `reach` tokens after `k`, same clause.
fn org_after(scan: &Scan, k: usize, reach: usize, leaders: bool) -> Option<usize> {
    let clause = scan.clause(k.min(scan.len().saturating_sub(1)));
    (k..(k + reach).min(scan.len()))
        .take_while(|&j| scan.clause(j) == clause)
        .find_map(|j| {
            scan.at(j, Kind::Org)
                .or_else(|| scan.at(j, Kind::Leader).filter(|_| leaders))
                .map(|a| a.end as usize)
        })
}

/// Whether the clause has a third person before token `i` as its subject ("he wanted to join").
fn third_person_before(scan: &Scan, i: usize) -> bool {
    (scan.clause_start(i).max(i.saturating_sub(super::WINDOW))..i)
        .any(|k| scan.has(k, Kind::Single) || scan.has(k, Kind::They))
}

/// The kinds a token must start for a frame below to begin at it: every frame opens with one.
const OPENERS: u64 = Kind::bits(&[
    Kind::Recruit,
    Kind::Pledge,
    Kind::Hail,
    Kind::More,
    Kind::Victims,
    Kind::Attacker,
    Kind::Attack,
    Kind::Org,
]);

/// Extremism hits found by structure.
pub(crate) fn hits(scan: &Scan, out: &mut Vec<Found>) {
    // Most messages name no organisation, attack or cue: nothing to walk.
    if !scan.message_has_any(OPENERS) {
        return;
    }
    let n = scan.len();
    let attack_in_message = scan.message_has_any(Kind::bits(&[Kind::Attack, Kind::Attacker]));
    let violence_in_message = attack_in_message || scan.message_has_any(Kind::Violent.bit());
    for i in 0..n {
        if scan.mask(i) & OPENERS == 0 {
            continue;
        }
        let rh = rhetorical(scan, i);
        let before = |k: usize| negated_before(scan, k, PRIOR_WINDOW) && !rh;
        let mut push = |a: usize, b: usize, severity: u8, negated: bool| {
            out.push(Found {
                a,
                b,
                labels: extremism(),
                severity,
                negated,
            })
        };
        if let Some(r) = scan.at(i, Kind::Recruit) {
            if let Some(end) = org_after(scan, r.end as usize, 4, false) {
                if !third_person_before(scan, i) {
                    push(i, end, 3, before(i));
                }
            }
        }
        if let Some(p) = scan.at(i, Kind::Pledge) {
            if let Some(end) = org_after(scan, p.end as usize, 6, true) {
                push(i, end, 3, before(i));
            }
        }
        if let Some(h) = scan.at(i, Kind::Hail) {
            let end = h.end as usize;
            let obj = (end..(end + 3).min(n)).find_map(|j| {
                scan.at(j, Kind::Org)
                    .or_else(|| scan.at(j, Kind::Attacker))
                    .map(|a| a.end as usize)
            });
            if let Some(obj_end) = obj {
                push(i, obj_end, 3, before(i));
            }
        }
        if let Some(m) = scan.at(i, Kind::More) {
            if attack_in_message {
                push(i, m.end as usize, 3, before(i));
            }
        }
        if let Some(v) = scan.at(i, Kind::Victims) {
            let violence = violence_in_message;
            if violence {
                push(i, v.end as usize, 2, before(i));
            }
        }
        // Glorification said of an attacker, attack or organisation.
        let subject = scan
            .at(i, Kind::Attacker)
            .or_else(|| scan.at(i, Kind::Attack))
            .or_else(|| scan.at(i, Kind::Org));
        if let Some(s) = subject {
            let mut k = s.end as usize;
            let mut neg = false;
            let mut unknown = 0;
            let clause = scan.clause(i);
            let end = (s.end as usize + super::WINDOW).min(n);
            while k < end && scan.clause(k) == clause && unknown <= 3 {
                if let Some(g) = scan.at(k, Kind::Glory) {
                    push(i, g.end as usize, 3, (neg || before(i)) && !rh);
                    break;
                }
                if is_negator(scan, k) {
                    neg = true;
                } else if !(scan.has(k, Kind::Copula)
                    || scan.has(k, Kind::Filler)
                    || scan.has(k, Kind::Quant))
                {
                    unknown += 1;
                }
                k += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::vocab::Vocab;
    use crate::normalize::normalize;

    /// (message, extremism found, negated)
    const CASES: &[(&str, bool, bool)] = &[
        ("Join the Islamic State today, brothers", true, false),
        ("He decided to join ISIS in 2014", false, false),
        ("I pledge allegiance to the caliph", true, false),
        ("The Christchurch shooter is a hero", true, false),
        ("The shooter is no hero", true, true),
        ("Glory to the mujahideen", true, false),
        ("We need more people like Tarrant", true, false),
        ("We need more people like you", false, false),
        ("Вступайте в ряды исламского государства", true, false),
        ("Брейвик — герой", true, false),
        ("Слава шахидам", true, false),
        ("ISIS claimed the attack", false, false),
    ];

    #[test]
    fn table() {
        let v = Vocab::builtin().unwrap();
        let mut scan = Scan::default();
        for &(msg, want, negated) in CASES {
            let norm = normalize(msg);
            crate::context::vocab::scan_of(&v, &mut scan, norm.as_str());
            let mut out = Vec::new();
            hits(&scan, &mut out);
            match out.first() {
                Some(f) => {
                    assert!(want, "{msg:?}: unexpected {out:?}");
                    assert_eq!(f.negated, negated, "{msg:?}");
                }
                None => assert!(!want, "{msg:?}: nothing found"),
            }
        }
    }
}
