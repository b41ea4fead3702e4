//! Identity attacks recognised by structure: a protected group, a link, a derogatory predicate.
//!
//! Why structure: most attacks on a group carry no slur ("X are a plague on this country", "Aren't
//! all X animals?"), and the same predicate said of spammers or of a printer is no identity attack.
//! So the group and the predicate are listed separately (`groups.tsv`, `predicates.tsv`) and joined
//! here by a small clause scanner:
//!
//! `[quantifier] GROUP [fillers] LINK [fillers | negation] PREDICATE`
//!
//! where LINK is a copula, a modal, "deserve" or a passive "be" (Russian may drop the copula:
//! "мигранты крысы"), PREDICATE a listed noun, adjective or verb phrase, a violent participle
//! ("should be shot": a threat too), the generic "a <noun> on society" or a belittling comparison
//! with any noun ("nothing but <noun>"). A relative clause right after the group ("Muslims who are
//! violent") picks out some of them and is no attack on the group. A group is a listed noun,
//! a listed adjective before a person word ("gay men"), an origin frame ("people from <anywhere>"),
//! a slur the lexicon found, or "they" after a group named earlier in the message. A derogatory
//! adjective right before a group attacks it too ("filthy X"). The same predicates said of "you" or
//! of one third person ("he is vermin") are insults, not identity attacks.
//!
//! The speaker's hatred of a group is an attack on it too: `SPEAKER [fillers] HATRED [quantifier]
//! GROUP` ("I really hate all X", "мы ненавидим X"; Russian also `GROUP HATRED`, "X ненавижу"),
//! where the speaker may be left out before the Russian verbs, whose forms say who hates; and a
//! curse at a group (`CURSE [quantifier] GROUP`, "fuck all X", "нахуй X"; Russian also `GROUP
//! CURSE`). Hatred of or a curse at anything but a listed group ("I hate racists", "I hate it when X
//! are insulted", "fuck, X won again") is not.
//!
//! Negation between the group and the predicate, or shortly before the group in its clause, cancels
//! ("X are not animals", "I would never say X are worthless"), unless the question is rhetorical.

use super::negation::{is_negator, negated_before, rhetorical, PRIOR_WINDOW};
use super::vocab::{group_form, pred_kind, violent_form, Ann, Kind, Scan};
use super::Found;
use crate::label::{Label, LabelSet};

/// A group named in a message, tokens `[a, b)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Mention {
    pub a: usize,
    pub b: usize,
    /// A place of the group ("their mosque"): a target of violence, not a subject.
    pub place: bool,
}

/// Kinds that stop a group's origin phrase ("people from Somalia are...").
const ORIGIN_STOP: &[Kind] = &[
    Kind::Copula,
    Kind::Modal,
    Kind::Future,
    Kind::Pred,
    Kind::Negator,
    Kind::Violent,
    Kind::Clause,
    Kind::Conj,
    Kind::Deserve,
    Kind::Be,
    Kind::They,
    Kind::Comp,
];

/// One past the (at most three) words naming where people come from, starting at `j`.
fn origin_words(scan: &Scan, mut j: usize) -> usize {
    let start = j;
    // "people of any religion", "people from all countries": not one group.
    if scan.has(j, Kind::Quant) {
        return start;
    }
    let mut words = 0;
    while j < scan.len()
        && words < 3
        && !scan.is_punct(j)
        && !ORIGIN_STOP.iter().any(|&k| scan.has(j, k))
    {
        if !scan.has(j, Kind::Filler) {
            words += 1;
        }
        j += 1;
    }
    if words == 0 {
        start
    } else {
        j
    }
}

fn group_at(scan: &Scan, i: usize, slurs: &[(usize, usize)]) -> Option<Mention> {
    if let Some(g) = scan.at(i, Kind::Group) {
        let end = g.end as usize;
        match g.b {
            group_form::PLACE => {
                return Some(Mention {
                    a: i,
                    b: end,
                    place: true,
                })
            }
            group_form::ADJ => {
                // "gay and lesbian people", "black muslim women", "jewish people".
                let mut j = end;
                loop {
                    if let Some(h) = scan.at(j, Kind::Group) {
                        if h.b == group_form::NOUN {
                            return Some(Mention {
                                a: i,
                                b: h.end as usize,
                                place: false,
                            });
                        }
                        if h.b == group_form::ADJ {
                            j = h.end as usize;
                            continue;
                        }
                    }
                    if scan.has(j, Kind::Conj) {
                        if let Some(h) = scan.at(j + 1, Kind::Group) {
                            if h.b == group_form::ADJ {
                                j = h.end as usize;
                                continue;
                            }
                        }
                    }
                    break;
                }
                if let Some(p) = scan.at(j, Kind::Person) {
                    return Some(Mention {
                        a: i,
                        b: p.end as usize,
                        place: false,
                    });
                }
            }
            _ => {
                // "refugees from Eritrea", "приезжие из Молдавии": the place is part of the group.
                let mut b = end;
                if scan.has(end, Kind::From) {
                    let words = origin_words(scan, end + 1);
                    if words > end + 1 {
                        b = words;
                    }
                }
                return Some(Mention {
                    a: i,
                    b,
                    place: false,
                });
            }
        }
    }
    if let Some(o) = scan.at(i, Kind::Origin) {
        let j = origin_words(scan, o.end as usize);
        if j > o.end as usize {
            return Some(Mention {
                a: i,
                b: j,
                place: false,
            });
        }
    }
    // A slur names a group, unless it is itself a predicate ("subhuman").
    if scan.has(i, Kind::Pred) {
        return None;
    }
    slurs
        .iter()
        .find(|s| s.0 == i)
        .map(|&(a, b)| Mention { a, b, place: false })
}

/// Every group named in the message, in order; `slurs` are token spans of the lexicon's identity
/// hits, which name a group too. "They" after a named group is a mention of it.
pub(crate) fn mentions(scan: &Scan, slurs: &[(usize, usize)], out: &mut Vec<Mention>) {
    out.clear();
    // A mention starts at a group, an origin frame or a slur ("they" needs one before it).
    let openers = Kind::bits(&[Kind::Group, Kind::Origin]);
    if slurs.is_empty() && !scan.message_has_any(openers) {
        return;
    }
    let n = scan.len();
    let mut i = 0;
    let mut named = false;
    while i < n {
        if scan.mask(i) & (openers | Kind::They.bit()) == 0 && !slurs.iter().any(|s| s.0 == i) {
            i += 1;
            continue;
        }
        if let Some(mut m) = group_at(scan, i, slurs) {
            // "jews and muslims": one subject.
            while !m.place && scan.has(m.b, Kind::Conj) {
                let mut j = m.b + 1;
                while scan.has(j, Kind::Quant) {
                    j += 1;
                }
                match group_at(scan, j, slurs) {
                    Some(m2) if !m2.place => m.b = m2.b,
                    _ => break,
                }
            }
            named |= !m.place;
            out.push(m);
            i = m.b.max(i + 1);
            continue;
        }
        if let Some(t) = scan.at(i, Kind::They) {
            if named {
                out.push(Mention {
                    a: i,
                    b: t.end as usize,
                    place: false,
                });
                i = t.end as usize;
                continue;
            }
        }
        i += 1;
    }
}

/// What the clause says of a subject ending before token `from`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Said {
    /// One past the predicate's last token.
    pub end: usize,
    pub severity: u8,
    /// The predicate is violence (a threat) rather than a derogatory word.
    pub harm: bool,
    /// The predicate removes the group's rights or presence ("should be deported").
    pub exclude: bool,
    /// A negation stands between subject and predicate.
    pub negated: bool,
}

/// Scans forward from `from` for a link and a predicate (see the module doc). `link` says whether
/// the subject already carried a copula ("theyre", "youre") or a question put one before it;
/// `max_pre` is how many unknown words may stand between subject and link ("Muslims in this
/// country are...": a group's modifiers; a pronoun subject allows fewer).
pub(crate) fn predicate_after(
    scan: &Scan,
    from: usize,
    mut link: bool,
    cyr: bool,
    max_pre: usize,
) -> Option<Said> {
    let n = scan.len();
    let (mut modal, mut future, mut be, mut deserve) = (false, false, false, false);
    let (mut neg, mut positive) = (false, false);
    let mut unknown = 0usize;
    let mut k = from;
    // "Muslims who are violent": a relative clause picks out some of them.
    if scan.has(from, Kind::Rel) {
        return None;
    }
    while k < n && k < from + 12 {
        let t = scan.text(k);
        if t == "," {
            unknown += 1;
            if unknown > 3 {
                break;
            }
            k += 1;
            continue;
        }
        if scan.breaks_clause(k) || t == "\"" || (k > from && scan.has(k, Kind::Clause)) {
            break;
        }
        if k > from && (scan.has(k, Kind::Group) || scan.has(k, Kind::You)) {
            break;
        }
        if let Some(p) = scan.at(k, Kind::Pred) {
            // A predicate may hold its own copula ("arent human").
            if p.b == pred_kind::VERB || link || (cyr && unknown == 0) || scan.has(k, Kind::Copula)
            {
                return Some(Said {
                    end: p.end as usize,
                    severity: p.a,
                    harm: false,
                    exclude: false,
                    negated: neg,
                });
            }
            break;
        }
        if let Some(v) = scan.at(k, Kind::Violent) {
            let form = v.b & !violent_form::EXCLUDE;
            let ok = match form {
                // "should be shot", "will be gassed"; not "women get cancer", "X get shot" (news).
                violent_form::PART => be && (modal || future || deserve),
                violent_form::DIE => modal || deserve,
                violent_form::INF => modal && cyr,
                _ => false,
            };
            if ok {
                let exclude = v.b & violent_form::EXCLUDE != 0;
                return Some(Said {
                    end: v.end as usize,
                    severity: v.a,
                    harm: !exclude,
                    exclude,
                    negated: neg,
                });
            }
            if !(cyr && form == violent_form::INF) {
                break;
            }
        }
        // "X are nothing but <anything>", "X ничем не лучше <чего угодно>": the comparison is the
        // attack, whatever noun follows.
        if let Some(b) = scan.at(k, Kind::Belittle) {
            let mut j = b.end as usize;
            while j < n
                && (scan.text(j) == "," || (scan.has(j, Kind::Filler) && !scan.has(j, Kind::Pred)))
            {
                j += 1;
            }
            let noun = j < n
                && scan.text(j).chars().next().is_some_and(char::is_alphabetic)
                && !scan.has(j, Kind::Positive)
                && !scan.has(j, Kind::Quant)
                && !scan.has(j, Kind::Comp)
                && !scan.has(j, Kind::Copula)
                && !scan.has(j, Kind::Group)
                && !scan.has(j, Kind::Person)
                && !scan.has(j, Kind::Negator);
            if noun && !scan.has(j, Kind::Pred) {
                return Some(Said {
                    end: j + 1,
                    severity: 2,
                    harm: false,
                    exclude: false,
                    negated: neg,
                });
            }
        }
        if (link || cyr) && !positive {
            if let Some(b) = scan.at(k, Kind::Burden) {
                let society = scan.at(b.end as usize, Kind::Society);
                let generic_ok = if cyr {
                    true
                } else {
                    society.is_some() && unknown >= 1
                };
                if generic_ok {
                    return Some(Said {
                        end: society.map_or(b.end, |s| s.end) as usize,
                        severity: 2,
                        harm: false,
                        exclude: false,
                        negated: neg,
                    });
                }
            }
        }
        let mut step = 1usize;
        let mut known = false;
        let take = |a: Option<Ann>, step: &mut usize, known: &mut bool| -> bool {
            match a {
                Some(a) => {
                    *step = (*step).max(a.len());
                    *known = true;
                    true
                }
                None => false,
            }
        };
        if take(scan.at(k, Kind::Unneg), &mut step, &mut known) {
            // "nothing but", "ничем не лучше": assert like a copula, not negate.
            link = true;
        } else if is_negator(scan, k) {
            neg = true;
            step = scan.at(k, Kind::Negator).map_or(1, |a| a.len());
            known = true;
        }
        if let Some(c) = scan.at(k, Kind::Copula) {
            // "The people you are referring to are...": a second copula after other words
            // belongs to another clause.
            if link && unknown > 0 {
                break;
            }
            take(Some(c), &mut step, &mut known);
            link = true;
        }
        if take(scan.at(k, Kind::Modal), &mut step, &mut known) {
            link = true;
            modal = true;
        }
        if take(scan.at(k, Kind::Future), &mut step, &mut known) {
            link = true;
            future = true;
        }
        if take(scan.at(k, Kind::Be), &mut step, &mut known) {
            be = true;
        }
        if take(scan.at(k, Kind::Deserve), &mut step, &mut known) {
            link = true;
            deserve = true;
        }
        if scan.has(k, Kind::Positive) {
            positive = true;
        }
        take(scan.at(k, Kind::Filler), &mut step, &mut known);
        take(scan.at(k, Kind::Quant), &mut step, &mut known);
        take(scan.at(k, Kind::They), &mut step, &mut known);
        // "you are making the mistake": a progressive verb after the copula is not a predicate noun.
        if !known && link && !cyr && t.len() > 4 && t.ends_with("ing") {
            break;
        }
        if !known {
            unknown += 1;
            if unknown > if link { 1 } else { max_pre } {
                break;
            }
        }
        k += step;
    }
    None
}

/// The first token of a subject with the quantifiers and fillers before it ("all the X").
fn extend_back(scan: &Scan, a: usize) -> usize {
    let mut p = a;
    while p > 0
        && (scan.has(p - 1, Kind::Quant) || scan.has(p - 1, Kind::Filler))
        && !scan.has(p - 1, Kind::Comp)
        && a - p < 3
    {
        p -= 1;
    }
    p
}

/// A derogatory adjective (or a chain of them) right before token `a`, as `[start, a)`.
fn attributive_before(scan: &Scan, a: usize) -> Option<(usize, u8)> {
    let mut start = None;
    let mut sev = 0;
    let mut q = a;
    loop {
        let found = (q.saturating_sub(2)..q).find_map(|s| {
            scan.at(s, Kind::Pred)
                .filter(|p| p.end as usize == q && p.b == pred_kind::ATTR)
        });
        match found {
            Some(p) => {
                start = Some(p.start as usize);
                sev = sev.max(p.a);
                q = p.start as usize;
            }
            // One filler may stand in the chain: "filthy fucking X".
            None if start.is_some()
                && q > 0
                && scan.has(q - 1, Kind::Filler)
                && !scan.has(q - 1, Kind::Quant) =>
            {
                q -= 1;
                if !(q.saturating_sub(2)..q).any(|s| {
                    scan.at(s, Kind::Pred)
                        .is_some_and(|p| p.end as usize == q && p.b == pred_kind::ATTR)
                }) {
                    break;
                }
            }
            None => break,
        }
    }
    start.map(|s| (s, sev))
}

/// The annotation of `kind` that ends where a group's quantifiers and fillers `[ext, a)` begin or
/// among them ("fuck" in "fuck all X"; "нахуй" is a filler too, as in "убью нахуй").
fn ends_before(scan: &Scan, kind: Kind, ext: usize, a: usize) -> Option<Ann> {
    (ext.saturating_sub(3)..a).find_map(|s| {
        scan.at(s, kind)
            .filter(|h| (ext..=a).contains(&(h.end as usize)))
    })
}

/// The first token of the speaker's hatred right before a group's quantifiers and fillers
/// `[ext, a)` ("i really hate" in "I really hate all X"), if there is one.
fn hatred_before(scan: &Scan, ext: usize, a: usize) -> Option<usize> {
    let h = ends_before(scan, Kind::Hatred, ext, a)?;
    let verb = h.start as usize;
    // At most two fillers between the speaker and the verb: "I really hate", "I fucking hate".
    let mut j = verb;
    while j > 0 && verb - j < 2 && scan.has(j - 1, Kind::Filler) && !scan.has(j - 1, Kind::Speaker)
    {
        j -= 1;
    }
    if j > 0 && scan.has(j - 1, Kind::Speaker) && scan.clause(j - 1) == scan.clause(verb) {
        return Some(j - 1);
    }
    // The Russian forms listed are first person: "ненавижу X".
    scan.cyrillic(verb).then_some(verb)
}

/// The first token of a curse right before a group's quantifiers and fillers `[ext, a)` ("fuck"
/// in "fuck all X"), if there is one.
fn curse_before(scan: &Scan, ext: usize, a: usize) -> Option<usize> {
    ends_before(scan, Kind::Curse, ext, a).map(|c| c.start as usize)
}

/// Whether the group ending before token `b` is followed by a clause about it: a relative ("X who
/// kill", "X, которые убивают") or an English gerund ("X being bullied", "X getting hurt"). Hating
/// or cursing that is about some of them, or about what is done to them, not an attack on the group.
fn clause_follows(scan: &Scan, b: usize) -> bool {
    let k = if b < scan.len() && scan.is_punct(b) {
        b + 1
    } else {
        b
    };
    k < scan.len()
        && (scan.has(k, Kind::Rel) || (!scan.cyrillic(k) && scan.text(k).ends_with("ing")))
}

/// The end of the speaker's hatred, or of a curse, right after a Russian group ("мигрантов
/// ненавижу", "мигрантов нахуй").
fn hatred_after(scan: &Scan, b: usize) -> Option<usize> {
    if b >= scan.len() || !scan.cyrillic(b) {
        return None;
    }
    scan.at(b, Kind::Hatred)
        .or_else(|| scan.at(b, Kind::Curse))
        .map(|h| h.end as usize)
}

fn labels(list: &[Label]) -> LabelSet {
    list.iter().copied().collect()
}

/// Identity attacks (and insults at one person) found by structure.
pub(crate) fn hits(scan: &Scan, mentions: &[Mention], out: &mut Vec<Found>) {
    for m in mentions.iter().filter(|m| !m.place) {
        let cyr = scan.cyrillic(m.a);
        let ext = extend_back(scan, m.a);
        // "Aren't all X animals?", "Are X even human?": the copula came first.
        let inverted = ext > 0
            && scan.is_question(scan.sentence(m.a))
            && (scan.has(ext - 1, Kind::Copula) || scan.has(ext - 1, Kind::Aux));
        let rh = rhetorical(scan, m.a);
        let before = negated_before(scan, ext, PRIOR_WINDOW);
        if let Some(said) =
            predicate_after(scan, m.b, inverted || scan.has(m.a, Kind::Copula), cyr, 3)
        {
            let mut set = vec![Label::IdentityAttack];
            if said.harm {
                set.push(Label::Threat);
            }
            out.push(Found {
                a: ext.min(m.a),
                b: said.end,
                labels: labels(&set),
                severity: said.severity,
                negated: (said.negated || before) && !rh,
            });
        }
        let emotive = hatred_before(scan, ext, m.a).or_else(|| curse_before(scan, ext, m.a));
        if let Some(start) = emotive.filter(|_| !clause_follows(scan, m.b)) {
            out.push(Found {
                a: start,
                b: m.b,
                labels: labels(&[Label::IdentityAttack]),
                severity: 2,
                negated: negated_before(scan, start, PRIOR_WINDOW) && !rh,
            });
        } else if let Some(end) = hatred_after(scan, m.b) {
            out.push(Found {
                a: ext.min(m.a),
                b: end,
                labels: labels(&[Label::IdentityAttack]),
                severity: 2,
                negated: (before || (m.b..end).any(|j| is_negator(scan, j))) && !rh,
            });
        }
        if let Some((start, sev)) = attributive_before(scan, m.a) {
            let neg = negated_before(scan, extend_back(scan, start), PRIOR_WINDOW) && !rh;
            out.push(Found {
                a: start,
                b: m.b,
                labels: labels(&[Label::IdentityAttack]),
                severity: sev,
                negated: neg,
            });
        }
    }
    // Second person and one third person: the same predicates are insults.
    let subjects = Kind::bits(&[Kind::You, Kind::Single]);
    if !scan.message_has_any(subjects) {
        return;
    }
    for i in 0..scan.len() {
        if scan.mask(i) & subjects == 0 {
            continue;
        }
        let subj = scan.at(i, Kind::You).or_else(|| scan.at(i, Kind::Single));
        let Some(subj) = subj else { continue };
        if mentions.iter().any(|m| m.a <= i && i < m.b) {
            continue;
        }
        let cyr = scan.cyrillic(i);
        let link = (i..subj.end as usize).any(|k| scan.has(k, Kind::Copula));
        let said = predicate_after(scan, subj.end as usize, link, cyr, 0);
        if said.is_none() && !cyr {
            if let Some(end) = vocative(scan, i, subj.end as usize) {
                out.push(Found {
                    a: i,
                    b: end,
                    labels: labels(&[Label::Insult]),
                    severity: 2,
                    negated: negated_before(scan, i, PRIOR_WINDOW) && !rhetorical(scan, i),
                });
                continue;
            }
        }
        if let Some(said) = said {
            // "you have no right to", "you smell": verb phrases are about groups, except the
            // severe ones ("you should not exist").
            let verb = (said.end.saturating_sub(6)..said.end)
                .filter_map(|k| scan.at(k, Kind::Pred))
                .find(|p| p.end as usize == said.end)
                .is_some_and(|p| p.b == pred_kind::VERB && p.a < 3);
            if said.exclude || verb {
                continue;
            }
            let set = if said.harm {
                labels(&[Label::Threat])
            } else {
                labels(&[Label::Insult])
            };
            out.push(Found {
                a: i,
                b: said.end,
                labels: set,
                severity: said.severity,
                negated: (said.negated || negated_before(scan, i, PRIOR_WINDOW))
                    && !rhetorical(scan, i),
            });
        }
    }
}

/// Listed nouns that are also verbs said of "you" ("you joke", "you drain the pasta"): never
/// read as a name the speaker calls someone.
/// "The problem" is left out too: "you the problem" is rarely how anyone is addressed.
const VERB_LIKE_NOUNS: &[&str] = &["joke", "jokes", "mistake", "drain", "burden", "the"];

/// The end of an English vocative insult after the subject "you" at token `i` (`after` is one past
/// it): "you clown", "shut up you stupid fool!", "you filthy animals". Only listed adjectives may
/// stand between "you" and a listed noun, and the noun must end its clause: "you hate clowns" and
/// "you creep me out" are no insults.
fn vocative(scan: &Scan, i: usize, after: usize) -> Option<usize> {
    if after != i + 1 || !matches!(scan.text(i), "you" | "u") {
        return None;
    }
    let n = scan.len();
    let mut k = after;
    while k < n && k < after + 2 {
        match scan.at(k, Kind::Pred) {
            Some(p) if p.b == pred_kind::ADJ || p.b == pred_kind::ATTR => k = p.end as usize,
            _ => break,
        }
    }
    let p = scan.at(k, Kind::Pred).filter(|p| p.b == pred_kind::NOUN)?;
    let end = p.end as usize;
    if VERB_LIKE_NOUNS.contains(&scan.text(k)) {
        return None;
    }
    // A new subject "you" starts the next clause: "you idiot you ruined it".
    let closes =
        end == n || scan.is_punct(end) || scan.has(end, Kind::Conj) || scan.has(end, Kind::You);
    closes.then_some(end)
}

/// Whether a dehumanising word at tokens `[a, b)` is said of "you" or of one third person ("ты
/// биомусор", "you are subhuman"): an insult, not an identity attack. Slurs are not predicates and
/// stay identity attacks whoever they are aimed at.
pub(crate) fn aimed_at_person(scan: &Scan, a: usize) -> bool {
    if !scan.has(a, Kind::Pred) {
        return false;
    }
    for k in (scan.clause_start(a).max(a.saturating_sub(super::WINDOW))..a).rev() {
        if scan.has(k, Kind::Group) {
            return false;
        }
        if scan.has(k, Kind::You) || scan.has(k, Kind::Single) {
            return true;
        }
    }
    false
}

/// Whether a slur at tokens `[a, b)` is the speaker naming themself ("I'm a proud dyke", "мы,
/// хохлы, ..."): a reclaimed use, neither an identity attack nor an insult.
pub(crate) fn reclaimed(scan: &Scan, a: usize, b: usize) -> bool {
    for s in a.saturating_sub(5)..a {
        let Some(r) = scan.at(s, Kind::SelfRef) else {
            continue;
        };
        let end = r.end as usize;
        if end > a {
            continue;
        }
        let gap: Vec<usize> = (end..a).collect();
        let single = r.len() == 1;
        let gap_ok = if single {
            gap.iter().all(|&k| scan.text(k) == ",") && gap.len() <= 1
        } else {
            gap.len() <= 2
                && gap.iter().all(|&k| {
                    !scan.breaks_clause(k) && !scan.has(k, Kind::You) && !scan.has(k, Kind::Target)
                })
        };
        if !gap_ok {
            continue;
        }
        // Russian word order is free: "мы хохлов ненавидим" is not self-naming. Require the slur to
        // end its clause or be followed by a conjunction or filler.
        if single && scan.cyrillic(a) && b < scan.len() {
            let k = b;
            if !(scan.is_punct(k)
                || scan.has(k, Kind::Conj)
                || scan.has(k, Kind::Clause)
                || scan.has(k, Kind::Filler))
            {
                continue;
            }
        }
        return true;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::vocab::Vocab;
    use crate::normalize::normalize;

    fn run(msg: &str) -> Vec<(String, LabelSet, bool)> {
        crate::context::run_rule(msg, hits)
    }

    /// (message, evidence, label, negated) — evidence "" means no hit at all.
    const CASES: &[(&str, &str, Label, bool)] = &[
        (
            "I hate Muslims",
            "i hate muslims",
            Label::IdentityAttack,
            false,
        ),
        (
            "I really hate all the Jews",
            "i really hate all the jews",
            Label::IdentityAttack,
            false,
        ),
        (
            "we can't stand immigrants",
            "we cant stand immigrants",
            Label::IdentityAttack,
            false,
        ),
        (
            "I would never say I hate Muslims",
            "i hate muslims",
            Label::IdentityAttack,
            true,
        ),
        ("I don't hate Muslims", "", Label::IdentityAttack, false),
        ("I hate racists", "", Label::IdentityAttack, false),
        (
            "I hate it when people call Muslims terrorists",
            "",
            Label::IdentityAttack,
            false,
        ),
        (
            "Muslims hate being stereotyped",
            "",
            Label::IdentityAttack,
            false,
        ),
        ("do you hate Muslims", "", Label::IdentityAttack, false),
        (
            "Я ненавижу мусульман",
            "я ненавижу мусульман",
            Label::IdentityAttack,
            false,
        ),
        (
            "Терпеть не могу мигрантов",
            "терпеть не могу мигрантов",
            Label::IdentityAttack,
            false,
        ),
        (
            "мы мигрантов ненавидим",
            "мигрантов ненавидим",
            Label::IdentityAttack,
            false,
        ),
        (
            "Я не ненавижу евреев",
            "ненавижу евреев",
            Label::IdentityAttack,
            true,
        ),
        ("Я ненавижу понедельники", "", Label::IdentityAttack, false),
        (
            "I hate gay people getting bullied",
            "",
            Label::IdentityAttack,
            false,
        ),
        (
            "I hate Muslims who kill people",
            "",
            Label::IdentityAttack,
            false,
        ),
        (
            "Я ненавижу мусульман, которые убивают",
            "",
            Label::IdentityAttack,
            false,
        ),
        (
            "Fuck all Muslims",
            "fuck all muslims",
            Label::IdentityAttack,
            false,
        ),
        (
            "нахуй мигрантов",
            "нахуй мигрантов",
            Label::IdentityAttack,
            false,
        ),
        (
            "мигрантов нахуй",
            "мигрантов нахуй",
            Label::IdentityAttack,
            false,
        ),
        ("fuck, Muslims won again", "", Label::IdentityAttack, false),
        ("fuck racists", "", Label::IdentityAttack, false),
        (
            "I don't give a fuck about Muslims",
            "",
            Label::IdentityAttack,
            false,
        ),
        (
            "Immigrants are vermin",
            "immigrants are vermin",
            Label::IdentityAttack,
            false,
        ),
        (
            "Gay men are a plague on this country",
            "gay men are a plague",
            Label::IdentityAttack,
            false,
        ),
        (
            "Jews are a stain on society",
            "jews are a stain on society",
            Label::IdentityAttack,
            false,
        ),
        (
            "Jews are an asset to society",
            "",
            Label::IdentityAttack,
            false,
        ),
        (
            "Aren't all Muslims animals?",
            "all muslims animals",
            Label::IdentityAttack,
            false,
        ),
        (
            "Muslims are not animals",
            "muslims are not animals",
            Label::IdentityAttack,
            true,
        ),
        (
            "Muslims are not human",
            "muslims are not human",
            Label::IdentityAttack,
            false,
        ),
        (
            "I would never say women are worthless",
            "women are worthless",
            Label::IdentityAttack,
            true,
        ),
        (
            "All refugees should be shot",
            "all refugees should be shot",
            Label::Threat,
            false,
        ),
        (
            "People from Eritrea are parasites",
            "people from eritrea are parasites",
            Label::IdentityAttack,
            false,
        ),
        (
            "I met some Kurds and Jews. They are rats",
            "they are rats",
            Label::IdentityAttack,
            false,
        ),
        ("They are rats", "", Label::IdentityAttack, false),
        ("Spammers are vermin", "", Label::IdentityAttack, false),
        (
            "those filthy immigrants again",
            "filthy immigrants",
            Label::IdentityAttack,
            false,
        ),
        ("You are vermin", "you are vermin", Label::Insult, false),
        // Vocative: "you" and a listed noun that ends its clause, listed adjectives between.
        ("shut up you clown", "you clown", Label::Insult, false),
        ("you stupid fool!", "you stupid fool", Label::Insult, false),
        ("I never called you clown", "you clown", Label::Insult, true),
        ("you creep me out", "", Label::Insult, false),
        ("do you hate clowns", "", Label::Insult, false),
        ("you joke, right?", "", Label::Insult, false),
        (
            "Мигранты — крысы",
            "мигранты крысы",
            Label::IdentityAttack,
            false,
        ),
        ("Мигранты любят животных", "", Label::IdentityAttack, false),
        (
            "Разве не все евреи животные?",
            "все евреи животные",
            Label::IdentityAttack,
            false,
        ),
        (
            "Таджиков надо депортировать",
            "таджиков надо депортировать",
            Label::IdentityAttack,
            false,
        ),
        (
            "Мигранты не животные",
            "мигранты не животные",
            Label::IdentityAttack,
            true,
        ),
        (
            "Muslims are nothing but rats",
            "muslims are nothing but rats",
            Label::IdentityAttack,
            false,
        ),
        (
            "Muslims are nothing but hyenas",
            "muslims are nothing but hyenas",
            Label::IdentityAttack,
            false,
        ),
        (
            "Muslims are nothing but wonderful",
            "",
            Label::IdentityAttack,
            false,
        ),
        (
            "Беженцы ничем не лучше, чем шакалы",
            "беженцы ничем не лучше , чем шакалы",
            Label::IdentityAttack,
            false,
        ),
    ];

    #[test]
    fn table() {
        for &(msg, evidence, label, negated) in CASES {
            let got = run(msg);
            if evidence.is_empty() {
                assert!(got.iter().all(|h| !h.1.contains(label)), "{msg:?}: {got:?}");
                continue;
            }
            assert!(
                got.iter()
                    .any(|h| h.0 == evidence && h.1.contains(label) && h.2 == negated),
                "{msg:?}: {got:?}"
            );
        }
    }

    #[test]
    fn reclaimed_slurs() {
        let v = Vocab::builtin().unwrap();
        let mut scan = Scan::default();
        for (msg, slur, want) in [
            ("I'm a proud dyke", "dyke", true),
            ("as a fag myself I can say it", "fag", true),
            ("you are a dyke", "dyke", false),
            ("I hate fags", "fags", false),
            ("я хохол и горжусь этим", "хохол", true),
            ("мы хохлов ненавидим", "хохлов", false),
        ] {
            let norm = normalize(msg);
            crate::context::vocab::scan_of(&v, &mut scan, norm.as_str());
            let i = (0..scan.len()).find(|&i| scan.text(i) == slur).unwrap();
            assert_eq!(reclaimed(&scan, i, i + 1), want, "{msg:?}");
        }
    }
}
