//! Threats and calls to violence recognised by structure, not by fixed phrases.
//!
//! Why: the lexicon lists the common phrases ("i will kill you", "should be shot"), but threats are
//! productive ("I'm going to personally stab every one of you", "Someone ought to burn their mosque
//! down"), and violent verbs alone are idioms and games ("I'll kill it at the gig", "killed the final
//! boss"). A threat here needs a violent verb (`violence.tsv`) in one of these frames:
//! - the speaker announcing it, aimed at a person: `I will / I'm gonna ... VERB you|him|them|group`;
//!   Russian: a first-person future form next to its target ("убью тебя", "мечеть сожжем");
//! - a call to do it: `MODAL ... be PARTICIPLE` ("you should all be shot"), `MODAL|lets ... VERB
//!   target` ("someone ought to burn their mosque"), an imperative aimed at a group ("gas the X",
//!   "бей X"), "death to X", a Russian modal with an infinitive ("их надо расстрелять");
//! - a wish: `I hope ... X ... die` ("чтоб они все сдохли").
//!
//! Targets are people ("you", "him", "your family"), groups and group places; "it", "me", "the
//! boss" are not targets, so idioms and games fall out. A game named in the sentence ("in Mario
//! Kart", "в доте") cancels the threat in `mod.rs`.

use super::identity::Mention;
use super::negation::{is_negator, negated_before, rhetorical, PRIOR_WINDOW};
use super::vocab::{violent_form, Ann, Kind, Scan};
use super::Found;
use crate::label::{Label, LabelSet};

/// A target found at a position: one past its end, and whether it is a group or group place.
#[derive(Clone, Copy, Debug)]
struct Target {
    end: usize,
    group: bool,
    /// A quantifier or determiner stood before it ("all the cops", "the president"): people
    /// named so (`people` in frames.tsv) are a target a bare imperative may call to harm, as it
    /// may a group.
    quantified: bool,
}

/// The mention starting at token `k` (mentions are sorted and do not overlap).
fn mention_at(mentions: &[Mention], k: usize) -> Option<Mention> {
    mentions
        .binary_search_by_key(&k, |m| m.a)
        .ok()
        .map(|i| mentions[i])
}

/// The mention ending right before token `k`.
fn mention_ending(mentions: &[Mention], k: usize) -> Option<Mention> {
    let i = mentions.partition_point(|m| m.b < k);
    mentions.get(i).filter(|m| m.b == k).copied()
}

/// A target starting at `k`, after at most two quantifiers or fillers ("all the X", "every one").
/// `pronouns` allows "you", "him", "тебя"; without it only groups and places count.
fn target_at(scan: &Scan, mentions: &[Mention], k: usize, pronouns: bool) -> Option<Target> {
    let mut j = k;
    let mut quantified = false;
    for _ in 0..3 {
        if let Some(m) = mention_at(mentions, j) {
            return Some(Target {
                end: m.b,
                group: true,
                quantified,
            });
        }
        let person = if pronouns {
            scan.at(j, Kind::Target)
                .or_else(|| scan.at(j, Kind::People))
        } else {
            scan.at(j, Kind::People).filter(|_| quantified)
        };
        if let Some(t) = person {
            return Some(Target {
                end: t.end as usize,
                group: false,
                quantified,
            });
        }
        if let Some(p) = scan.at(j, Kind::Poss) {
            if let Some(m) = mention_at(mentions, p.end as usize).filter(|m| m.place) {
                return Some(Target {
                    end: m.b,
                    group: true,
                    quantified,
                });
            }
        }
        if j < scan.len() && !scan.is_punct(j) {
            if let Some(q) = scan.at(j, Kind::Quant) {
                quantified = true;
                j = q.end as usize;
                continue;
            }
            if let Some(f) = scan.at(j, Kind::Filler) {
                j = f.end as usize;
                continue;
            }
        }
        break;
    }
    None
}

fn violent(scan: &Scan, k: usize, form: u8) -> Option<Ann> {
    scan.at(k, Kind::Violent)
        .filter(|v| v.b & !violent_form::EXCLUDE == form)
}

fn is_harm(v: &Ann) -> bool {
    v.b & violent_form::EXCLUDE == 0
}

fn set(group: bool, harm: bool) -> LabelSet {
    let mut s = LabelSet::EMPTY;
    if harm {
        s.insert(Label::Threat);
    }
    if group {
        s.insert(Label::IdentityAttack);
    }
    s
}

/// Whether token `k` starts a clause (an imperative may stand there).
fn clause_start(scan: &Scan, k: usize) -> bool {
    k == 0
        || scan.breaks_clause(k - 1)
        || scan.text(k - 1) == "\""
        || scan.has(k - 1, Kind::Clause)
        || scan.has(k - 1, Kind::Conj)
        || lead_before(scan, k)
}

/// Whether a hortative lead ("lets", "time to", "давайте") ends right before token `k`.
fn lead_before(scan: &Scan, k: usize) -> bool {
    (k.saturating_sub(3)..k).any(|s| scan.at(s, Kind::Lead).is_some_and(|a| a.end as usize == k))
}

/// Whether the words before token `i` (skipping fillers) name a person or group as the subject.
fn person_subject(scan: &Scan, mentions: &[Mention], i: usize) -> bool {
    let mut p = i;
    while p > 0 && scan.has(p - 1, Kind::Filler) && !scan.has(p - 1, Kind::They) {
        p -= 1;
    }
    if p == 0 {
        return false;
    }
    let k = p - 1;
    mention_ending(mentions, p).is_some_and(|m| !m.place)
        || [
            Kind::You,
            Kind::They,
            Kind::Single,
            Kind::Agent,
            Kind::Target,
            Kind::Person,
        ]
        .iter()
        .any(|&kind| {
            (k.saturating_sub(2)..=k).any(|s| scan.at(s, kind).is_some_and(|a| a.end as usize == p))
        })
}

fn push(out: &mut Vec<Found>, a: usize, b: usize, labels: LabelSet, severity: u8, negated: bool) {
    if !labels.is_empty() {
        out.push(Found {
            a,
            b,
            labels,
            severity,
            negated,
        });
    }
}

/// Pushes a violent verb `v` aimed at the person or group right after it, from token `start`
/// on, unless it is a ditransitive idiom ("shoot you an email", "cut you a slice"). A verb of
/// exclusion ("deport", "get rid of") counts only against a group, as an identity attack.
fn push_aimed(
    out: &mut Vec<Found>,
    scan: &Scan,
    mentions: &[Mention],
    start: usize,
    v: &Ann,
    negated: bool,
) {
    if let Some(t) = target_at(scan, mentions, v.end as usize, true) {
        if t.group || (is_harm(v) && !scan.has(t.end, Kind::Ditrans)) {
            push(out, start, t.end, set(t.group, is_harm(v)), v.a, negated);
        }
    }
}

/// The kinds a token must start for a frame below to begin at it: every frame opens with one.
const OPENERS: u64 = Kind::bits(&[
    Kind::Subj1,
    Kind::Violent,
    Kind::Modal,
    Kind::Deserve,
    Kind::Future,
    Kind::DeathTo,
    Kind::Wish,
]);

/// Threat hits found by structure.
pub(crate) fn hits(scan: &Scan, mentions: &[Mention], out: &mut Vec<Found>) {
    // Every frame ends in a violent word or is "death to": without one the message has no threat
    // (most messages), and the walk over its tokens is skipped.
    if !scan.message_has_any(Kind::bits(&[Kind::Violent, Kind::DeathTo])) {
        return;
    }
    let n = scan.len();
    for i in 0..n {
        if scan.mask(i) & OPENERS == 0 {
            continue;
        }
        let rh = rhetorical(scan, i);
        let before = |k: usize| negated_before(scan, k, PRIOR_WINDOW) && !rh;

        // The speaker announcing an act: "I will ... VERB target", "я буду ... INF target".
        if let Some(s) = scan.at(i, Kind::Subj1) {
            let mut k = s.end as usize;
            let mut neg = false;
            let clause = scan.clause(i);
            while k < n && k <= s.end as usize + 5 && scan.clause(k) == clause {
                let v = violent(scan, k, violent_form::VERB)
                    .or_else(|| violent(scan, k, violent_form::INF));
                if let Some(v) = v {
                    push_aimed(out, scan, mentions, i, &v, (neg || before(i)) && !rh);
                    break;
                }
                if is_negator(scan, k) {
                    neg = true;
                }
                k += 1;
            }
        }

        // Russian first-person future next to its target: "убью тебя", "тебя убью", "мечеть сожжем";
        // likewise the past tense after the speaker and the conditional "бы" ("я бы перестрелял
        // их всех"). Without the speaker it is a story, not a threat ("его бы убили").
        let cond_past = || {
            violent(scan, i, violent_form::PAST).filter(|_| {
                let clause = scan.clause(i);
                let (mut cond, mut speaker) = (false, false);
                for k in (i.saturating_sub(4)..i).filter(|&k| scan.clause(k) == clause) {
                    cond |= scan.has(k, Kind::Cond);
                    speaker |= scan.has(k, Kind::Speaker);
                }
                cond && speaker
            })
        };
        if let Some(v) = violent(scan, i, violent_form::FUT1).or_else(cond_past) {
            let clause = scan.clause(i);
            let after = target_at(scan, mentions, v.end as usize, true);
            let before_t = (i.saturating_sub(3)..i).rev().find_map(|k| {
                if scan.clause(k) != clause {
                    return None;
                }
                target_at(scan, mentions, k, true).filter(|t| t.end <= i)
            });
            let start = before_t.map_or(i, |_| {
                (i.saturating_sub(3)..i)
                    .find(|&k| {
                        scan.clause(k) == clause && target_at(scan, mentions, k, true).is_some()
                    })
                    .unwrap_or(i)
            });
            if let Some(t) = after.or(before_t) {
                let end = after.map_or(v.end as usize, |t| t.end);
                if is_harm(&v) || t.group {
                    let start = start.min(i);
                    let neg = ((start..i).any(|k| is_negator(scan, k))
                        || negated_before(scan, start, 3))
                        && !rh;
                    push(out, start, end, set(t.group, is_harm(&v)), v.a, neg);
                }
            }
        }

        // A call: "MODAL [all] be PARTICIPLE", "MODAL die", "deserve to die". The passive and
        // "die" need a person as subject: "the plan should be executed", "the dog should be put
        // down", "the old ways must die" are no threats.
        let person = person_subject(scan, mentions, i);
        let modal = scan
            .at(i, Kind::Modal)
            .or_else(|| scan.at(i, Kind::Deserve))
            .or_else(|| scan.at(i, Kind::Future).filter(|_| person));
        if let Some(m) = modal {
            let mut k = m.end as usize;
            // "shouldn't", "mustn't": the modal itself may be negated.
            let mut neg = is_negator(scan, i);
            let mut be = false;
            let mut steps = 0;
            while k < n && steps < 5 && !scan.breaks_clause(k) {
                // "be PARTICIPLE" (after "be") or "die" (English): the clause ends here either way.
                let called = violent(scan, k, violent_form::PART)
                    .map(|v| (v, be))
                    .or_else(|| {
                        violent(scan, k, violent_form::DIE).map(|v| (v, !scan.cyrillic(k)))
                    });
                if let Some((v, fits)) = called {
                    if fits && person && is_harm(&v) {
                        push(
                            out,
                            i,
                            v.end as usize,
                            set(false, true),
                            v.a,
                            (neg || before(i)) && !rh,
                        );
                    }
                    break;
                }
                if let Some(v) = violent(scan, k, violent_form::VERB) {
                    // "someone ought to burn their mosque down", "we should kill them all",
                    // "we should deport all X".
                    push_aimed(out, scan, mentions, i, &v, (neg || before(i)) && !rh);
                    break;
                }
                if is_negator(scan, k) {
                    neg = true;
                } else if scan.has(k, Kind::Be) {
                    be = true;
                } else if !(scan.has(k, Kind::Filler)
                    || scan.has(k, Kind::Quant)
                    || scan.has(k, Kind::Target)
                    || scan.has(k, Kind::Lead))
                {
                    break;
                }
                k += 1;
                steps += 1;
            }
        }

        // Hortative and imperative: "lets burn the mosque", "gas the X", "kill all X", "shoot
        // all the cops" (people named by a quantifier; "kill him" alone is mostly a game);
        // "deport all X", a group only.
        if let Some(v) = violent(scan, i, violent_form::VERB) {
            let lead = lead_before(scan, i);
            if clause_start(scan, i) || lead {
                if let Some(t) = target_at(scan, mentions, v.end as usize, lead) {
                    let people = t.quantified && !scan.has(t.end, Kind::Ditrans);
                    if t.group || (is_harm(&v) && (lead || people)) {
                        push(out, i, t.end, set(t.group, is_harm(&v)), v.a, before(i));
                    }
                }
            }
        }

        // Russian imperative at a group: "бей X", "X гони".
        if let Some(v) = violent(scan, i, violent_form::IMP) {
            let t = target_at(scan, mentions, v.end as usize, false);
            let back = mention_ending(mentions, i).filter(|m| !m.place);
            if let Some(t) = t {
                push(out, i, t.end, set(true, is_harm(&v)), v.a, before(i));
            } else if let Some(m) = back {
                push(
                    out,
                    m.a,
                    v.end as usize,
                    set(true, is_harm(&v)),
                    v.a,
                    before(m.a),
                );
            }
        }

        // Russian modal with an infinitive, in any order: "их надо расстрелять", "надо гнать X".
        if scan.cyrillic(i) {
            if let Some(v) = violent(scan, i, violent_form::INF) {
                let clause = scan.clause(i);
                let lo = i.saturating_sub(6);
                let hi = (i + 7).min(n);
                let in_clause = |k: &usize| scan.clause(*k) == clause;
                let has_modal = (lo..hi).filter(in_clause).any(|k| scan.has(k, Kind::Modal));
                let tgt = (lo..hi)
                    .filter(in_clause)
                    .filter(|&k| k != i)
                    .find_map(|k| target_at(scan, mentions, k, has_modal).map(|t| (k, t)));
                // Russian negation may stand anywhere in the clause ("его не надо убивать",
                // "баб бить не по-пацански").
                let clause_neg = (lo..hi).filter(in_clause).any(|j| is_negator(scan, j));
                if let Some((k, t)) = tgt {
                    if (is_harm(&v) || t.group) && (has_modal || !clause_neg) {
                        let start = (lo..i.min(k))
                            .filter(in_clause)
                            .find(|&j| scan.has(j, Kind::Modal))
                            .unwrap_or(i.min(k));
                        let end = (v.end as usize).max(t.end);
                        let neg = clause_neg || negated_before(scan, start, PRIOR_WINDOW);
                        push(out, start, end, set(t.group, is_harm(&v)), v.a, neg && !rh);
                    }
                }
            }
        }

        // "death to X", "смерть X".
        if let Some(d) = scan.at(i, Kind::DeathTo) {
            if let Some(t) = target_at(scan, mentions, d.end as usize, false) {
                push(out, i, t.end, set(true, true), 3, before(i));
            }
        }

        // A wish: "I hope all X die", "чтоб они сдохли", "may they rot".
        if let Some(w) = scan.at(i, Kind::Wish) {
            let clause = scan.clause(i);
            let mut k = w.end as usize;
            let mut subject: Option<bool> = None;
            let mut be = false;
            while k < n && k <= w.end as usize + 8 && scan.clause(k) == clause {
                if subject.is_none() {
                    if let Some(m) = mention_at(mentions, k) {
                        subject = Some(!m.place);
                        k = m.b;
                        continue;
                    }
                    if scan.has(k, Kind::Target)
                        || scan.has(k, Kind::People)
                        || scan.has(k, Kind::They)
                        || scan.has(k, Kind::You)
                    {
                        subject = Some(false);
                        k += 1;
                        continue;
                    }
                } else {
                    // "die", or "be PARTICIPLE" (after "be"): the clause ends here either way.
                    let called = violent(scan, k, violent_form::DIE)
                        .filter(is_harm)
                        .map(|v| (v, true))
                        .or_else(|| {
                            violent(scan, k, violent_form::PART)
                                .filter(is_harm)
                                .map(|v| (v, be))
                        });
                    if let Some((v, fits)) = called {
                        if fits {
                            push(
                                out,
                                i,
                                v.end as usize,
                                set(subject == Some(true), true),
                                v.a,
                                before(i),
                            );
                        }
                        break;
                    }
                    if scan.has(k, Kind::Be) {
                        be = true;
                    }
                }
                k += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(msg: &str) -> Vec<(String, LabelSet, bool)> {
        crate::context::run_rule(msg, hits)
    }

    /// (message, threat expected, negated)
    const CASES: &[(&str, bool, bool)] = &[
        ("я бы их всех перестрелял", true, false),
        ("Я бы тебя убил, если бы мог", true, false),
        ("Если бы он не пришёл, его бы убили", false, false),
        ("Террористы убили 12 человек", false, false),
        ("Я бы убил за чашку кофе", false, false),
        ("I will stab you", true, false),
        (
            "I'm going to personally strangle every one of you",
            true,
            false,
        ),
        ("Someone ought to burn their mosque down", true, false),
        ("You should all be shot", true, false),
        ("Nobody should be shot for this", true, true),
        ("Let's torch the synagogue", true, false),
        ("Gas the immigrants", true, false),
        ("Death to gays", true, false),
        ("I hope all refugees die", true, false),
        ("I'll kill it at the gig", false, false),
        ("Finally killed the final boss", false, false),
        ("This deadline is killing me", false, false),
        ("I'll shoot you an email", false, false),
        ("The movie will be shot in Prague", false, false),
        ("The plan should be executed tomorrow", false, false),
        ("The old ways must die", false, false),
        ("People like you deserve to be hanged", true, false),
        ("I will never hurt you", true, true),
        ("Убью тебя", true, false),
        ("Я тебя не убью", true, true),
        ("Их всех надо расстрелять", true, false),
        ("Не надо никого расстреливать", false, false),
        ("Бей мигрантов", true, false),
        ("Смерть мигрантам", true, false),
        ("Чтоб они все сдохли", true, false),
        ("Убить время до вечера", false, false),
        ("Мечеть сожжем", true, false),
        // People named by their role: a target, never a group.
        ("Kill all the politicians", true, false),
        ("We should kill the bankers", true, false),
        ("I hope all politicians die", true, false),
        ("Надо расстрелять всех чиновников", true, false),
        ("Liberals will attack you for thinking", false, false),
        ("I'll shoot the teachers an email", false, false),
        ("Politicians are parasites", false, false),
        ("Kill him", false, false),
    ];

    /// Verbs of exclusion in the active voice: an identity attack against a group, never a
    /// threat, and nothing against one person or a role.
    const EXCLUSION: &[(&str, bool)] = &[
        ("We should get rid of the Jews.", true),
        ("we need to deport all muslims", true),
        ("Let's kick out the immigrants", true),
        ("Deport all the refugees", true),
        ("I will deport every one of these Mexicans", true),
        ("I should get rid of this old couch", false),
        ("We should deport him", false),
        ("Let's kick out the cops", false),
        ("Get rid of the bugs in the code", false),
    ];

    #[test]
    fn exclusion_is_an_identity_attack_on_groups() {
        for &(msg, attack) in EXCLUSION {
            let got = run(msg);
            assert!(
                got.iter().all(|h| !h.1.contains(Label::Threat)),
                "{msg:?}: {got:?}"
            );
            let found = got.iter().any(|h| h.1.contains(Label::IdentityAttack));
            assert_eq!(found, attack, "{msg:?}: {got:?}");
        }
    }

    #[test]
    fn people_are_targets_not_groups() {
        for msg in ["Kill all the cops", "Надо расстрелять всех чиновников"]
        {
            let got = run(msg);
            assert!(
                got.iter().any(|h| h.1.contains(Label::Threat)),
                "{msg:?}: {got:?}"
            );
            assert!(
                got.iter().all(|h| !h.1.contains(Label::IdentityAttack)),
                "{msg:?}: {got:?}"
            );
        }
    }

    #[test]
    fn table() {
        for &(msg, threat, negated) in CASES {
            let got = run(msg);
            let found = got.iter().find(|h| h.1.contains(Label::Threat));
            match found {
                Some(h) => {
                    assert!(threat, "{msg:?}: unexpected {got:?}");
                    assert_eq!(h.2, negated, "{msg:?}: {got:?}");
                }
                None => assert!(!threat, "{msg:?}: nothing found"),
            }
        }
    }
}
