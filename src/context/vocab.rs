//! The context layer's vocabulary: every cue, group, frame word, predicate, violent verb and
//! extremism frame, read from the `lexicons/*.tsv` data files; their first words are compiled into
//! one trie ([`WordTrie`]). [`Scan`] looks every token up in it once and annotates each token with
//! the roles it can play; the rules in the sibling modules only ever look at those annotations.
//!
//! Why one trie: a token is looked up once, whatever the number of words listed (about two
//! thousand), which keeps the layer inside the throughput budget. A term may have several words and a
//! stem on any of them (`исламск* государств*`): the trie finds the first word, the rest are
//! checked token by token.

use super::trie::WordTrie;
use crate::lexicon::{data_lines, parse_term_with};
use crate::normalize::Normalized;
use crate::tables::codec::{check_below, DecodeError, Reader, Writer};

/// What a span of words can do in a clause. One variant per role column of the data files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Kind {
    // cues.tsv
    Negator,
    Report,
    Denounce,
    Clause,
    Unneg,
    Rhetorical,
    Game,
    News,
    SelfRef,
    Doubt,
    Hypo,
    Dismiss,
    Joke,
    // groups.tsv
    Group,
    // frames.tsv
    Person,
    Copula,
    Modal,
    Future,
    Be,
    Filler,
    Quant,
    Conj,
    Subj1,
    Target,
    Poss,
    You,
    Single,
    They,
    Agent,
    Deserve,
    DeathTo,
    Wish,
    Lead,
    Origin,
    Burden,
    Society,
    Positive,
    Aux,
    Ditrans,
    Comp,
    From,
    Belittle,
    Rel,
    Hatred,
    Speaker,
    Curse,
    Cond,
    People,
    // predicates.tsv
    Pred,
    // violence.tsv
    Violent,
    // extremism.tsv
    Org,
    Leader,
    Attacker,
    Attack,
    Recruit,
    Pledge,
    Glory,
    Hail,
    More,
    Victims,
    // allow.tsv
    Allow,
}

impl Kind {
    /// Every kind, in declaration order (`ALL[k as usize] == k`).
    const ALL: [Kind; Kind::Allow as usize + 1] = {
        use Kind::*;
        [
            Negator, Report, Denounce, Clause, Unneg, Rhetorical, Game, News, SelfRef, Doubt, Hypo,
            Dismiss, Joke, Group, Person, Copula, Modal, Future, Be, Filler, Quant, Conj, Subj1,
            Target, Poss, You, Single, They, Agent, Deserve, DeathTo, Wish, Lead, Origin, Burden,
            Society, Positive, Aux, Ditrans, Comp, From, Belittle, Rel, Hatred, Speaker, Curse,
            Cond, People, Pred, Violent, Org, Leader, Attacker, Attack, Recruit, Pledge, Glory,
            Hail, More, Victims, Allow,
        ]
    };

    /// The kind numbered `v`, if any (for the compiled tables).
    pub(crate) fn from_u8(v: u8) -> Option<Kind> {
        Kind::ALL.get(v as usize).copied()
    }

    /// The bit of this kind in a token's mask.
    pub(crate) const fn bit(self) -> u64 {
        1u64 << (self as u8)
    }

    /// The bits of several kinds.
    pub(crate) const fn bits(kinds: &[Kind]) -> u64 {
        let mut bits = 0;
        let mut i = 0;
        while i < kinds.len() {
            bits |= kinds[i].bit();
            i += 1;
        }
        bits
    }
}

/// Group forms (`groups.tsv`, third column), stored in [`Ann::b`].
pub(crate) mod group_form {
    pub const NOUN: u8 = 0;
    pub const ADJ: u8 = 1;
    pub const PLACE: u8 = 2;
    pub const VAGUE: u8 = 3;
}

/// Predicate kinds (`predicates.tsv`, third column), stored in [`Ann::b`].
pub(crate) mod pred_kind {
    pub const NOUN: u8 = 0;
    pub const ADJ: u8 = 1;
    pub const ATTR: u8 = 2;
    pub const VERB: u8 = 3;
}

/// Violent verb forms (`violence.tsv`, second column), stored in [`Ann::b`]; [`EXCLUDE`] is or-ed in
/// for the `exclude` effect.
pub(crate) mod violent_form {
    pub const VERB: u8 = 0;
    pub const PART: u8 = 1;
    pub const DIE: u8 = 2;
    pub const FUT1: u8 = 3;
    pub const INF: u8 = 4;
    pub const IMP: u8 = 5;
    pub const PAST: u8 = 6;
    pub const EXCLUDE: u8 = 0x80;
}

/// One annotation: tokens `[start, end)` can play role `kind`. `a` is a severity (2 or 3) where the
/// file has one; `b` a form (see the `*_form`/`*_kind` modules).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Ann {
    pub start: u32,
    pub end: u32,
    pub kind: Kind,
    pub a: u8,
    pub b: u8,
}

impl Ann {
    pub(crate) fn len(&self) -> usize {
        (self.end - self.start) as usize
    }
}

/// One word of a term: bytes `start..end` of the vocabulary's `text`; exact, or a stem (`open`).
#[derive(Clone, Copy, Debug)]
struct Word {
    start: u32,
    end: u32,
    open: bool,
}

/// An entry: its words are `words[first..first + len]` of the vocabulary (all in shared arrays,
/// so that loading the compiled vocabulary allocates a few arrays, not one per word).
#[derive(Clone, Copy, Debug)]
struct Entry {
    first: u32,
    len: u32,
    kind: Kind,
    a: u8,
    b: u8,
}

/// An entry as parsed from a data file: its words, `(text, open)`.
struct Parsed {
    words: Vec<(String, bool)>,
    kind: Kind,
    a: u8,
    b: u8,
}

/// The compiled vocabulary.
#[derive(Clone, Debug)]
pub(crate) struct Vocab {
    trie: WordTrie,
    /// Per trie pattern (a first word): the entries that start with it, in file order.
    /// Each with the first byte of its second word (0 for a one-word entry): a common first word
    /// ("the", "i", "не") starts dozens of entries, and that byte turns most of them away.
    /// Pattern `p`'s are `by_pattern[starts[p]..starts[p + 1]]`.
    by_pattern: Vec<(u32, u8)>,
    starts: Vec<u32>,
    entries: Vec<Entry>,
    words: Vec<Word>,
    /// The text of every word, one after another.
    text: String,
}

/// The embedded data files, `(name, contents)`.
pub(crate) const FILES: &[(&str, &str)] = &[
    ("lexicons/cues.tsv", include_str!("../../lexicons/cues.tsv")),
    (
        "lexicons/groups.tsv",
        include_str!("../../lexicons/groups.tsv"),
    ),
    (
        "lexicons/frames.tsv",
        include_str!("../../lexicons/frames.tsv"),
    ),
    (
        "lexicons/predicates.tsv",
        include_str!("../../lexicons/predicates.tsv"),
    ),
    (
        "lexicons/violence.tsv",
        include_str!("../../lexicons/violence.tsv"),
    ),
    (
        "lexicons/extremism.tsv",
        include_str!("../../lexicons/extremism.tsv"),
    ),
    (
        "lexicons/allow.tsv",
        include_str!("../../lexicons/allow.tsv"),
    ),
];

fn role_kind(file: &str, role: &str) -> Option<Kind> {
    use Kind::*;
    Some(match (file, role) {
        ("cues", "negator") => Negator,
        ("cues", "report") => Report,
        ("cues", "denounce") => Denounce,
        ("cues", "clause") => Clause,
        ("cues", "unneg") => Unneg,
        ("cues", "rhetorical") => Rhetorical,
        ("cues", "game") => Game,
        ("cues", "news") => News,
        ("cues", "self") => SelfRef,
        ("cues", "doubt") => Doubt,
        ("cues", "hypo") => Hypo,
        ("cues", "dismiss") => Dismiss,
        ("cues", "joke") => Joke,
        ("frames", "person") => Person,
        ("frames", "copula") => Copula,
        ("frames", "modal") => Modal,
        ("frames", "future") => Future,
        ("frames", "be") => Be,
        ("frames", "filler") => Filler,
        ("frames", "quant") => Quant,
        ("frames", "conj") => Conj,
        ("frames", "subj1") => Subj1,
        ("frames", "target") => Target,
        ("frames", "poss") => Poss,
        ("frames", "you") => You,
        ("frames", "single") => Single,
        ("frames", "they") => They,
        ("frames", "agent") => Agent,
        ("frames", "deserve") => Deserve,
        ("frames", "deathto") => DeathTo,
        ("frames", "wish") => Wish,
        ("frames", "lead") => Lead,
        ("frames", "origin") => Origin,
        ("frames", "burden") => Burden,
        ("frames", "society") => Society,
        ("frames", "positive") => Positive,
        ("frames", "aux") => Aux,
        ("frames", "ditrans") => Ditrans,
        ("frames", "comp") => Comp,
        ("frames", "from") => From,
        ("frames", "belittle") => Belittle,
        ("frames", "rel") => Rel,
        ("frames", "hatred") => Hatred,
        ("frames", "speaker") => Speaker,
        ("frames", "curse") => Curse,
        ("frames", "cond") => Cond,
        ("frames", "people") => People,
        ("extremism", "org") => Org,
        ("extremism", "leader") => Leader,
        ("extremism", "attacker") => Attacker,
        ("extremism", "attack") => Attack,
        ("extremism", "recruit") => Recruit,
        ("extremism", "pledge") => Pledge,
        ("extremism", "glory") => Glory,
        ("extremism", "hail") => Hail,
        ("extremism", "more") => More,
        ("extremism", "victims") => Victims,
        _ => return None,
    })
}

fn severity(raw: &str) -> Result<u8, String> {
    match raw.trim() {
        "2" => Ok(2),
        "3" => Ok(3),
        other => Err(format!("severity must be 2 or 3, not {other:?}")),
    }
}

/// Splits a term into words, each normalised like messages; `*` at the end of any word is a stem.
/// `buf` is the normaliser's working memory, reused from term to term.
fn parse_words(raw: &str, buf: &mut Normalized) -> Result<Vec<(String, bool)>, String> {
    let mut words = Vec::new();
    for piece in raw.trim_start_matches('*').split_whitespace() {
        let term = parse_term_with(piece, buf)?;
        let count = term.text.split(' ').count();
        for (i, w) in term.text.split(' ').enumerate() {
            let last = i + 1 == count;
            words.push((w.to_string(), last && term.open_end));
        }
    }
    if words.is_empty() {
        return Err(format!("term {raw:?} has no words"));
    }
    Ok(words)
}

/// Parses one data file into entries. `file` is the file's stem (`"groups"`).
fn parse_file(name: &str, contents: &str, out: &mut Vec<Parsed>) -> Result<(), String> {
    let file = name
        .rsplit('/')
        .next()
        .unwrap_or(name)
        .trim_end_matches(".tsv");
    let mut buf = Normalized::new();
    for (line_no, line) in data_lines(contents) {
        let at = |e: String| format!("{name}:{line_no}: {e}");
        // The (at most four) columns read, without a list allocated per line.
        let mut cols = [""; 4];
        let mut count = 0;
        for (k, c) in line.split('\t').map(str::trim).take(cols.len()).enumerate() {
            cols[k] = c;
            count = k + 1;
        }
        let words = parse_words(cols[0], &mut buf).map_err(at)?;
        let col = |i: usize| -> Result<&str, String> {
            cols.get(i)
                .copied()
                .filter(|_| i < count)
                .ok_or_else(|| at(format!("expected {} tab-separated columns", i + 1)))
        };
        let (kind, a, b) = match file {
            "groups" => {
                let cat = match col(1)? {
                    "religion" | "ethnicity" | "nationality" | "migration" | "gender"
                    | "sexuality" | "disability" | "vague" => 0,
                    other => return Err(at(format!("unknown group category {other:?}"))),
                };
                let form = match col(2)? {
                    "noun" => group_form::NOUN,
                    "adj" => group_form::ADJ,
                    "place" => group_form::PLACE,
                    "vague" => group_form::VAGUE,
                    other => return Err(at(format!("unknown group form {other:?}"))),
                };
                (Kind::Group, cat, form)
            }
            "predicates" => {
                let kind = match col(2)? {
                    "noun" => pred_kind::NOUN,
                    "adj" => pred_kind::ADJ,
                    "attr" => pred_kind::ATTR,
                    "verb" => pred_kind::VERB,
                    other => return Err(at(format!("unknown predicate kind {other:?}"))),
                };
                (Kind::Pred, severity(col(1)?).map_err(at)?, kind)
            }
            "violence" => {
                let form = match col(1)? {
                    "verb" => violent_form::VERB,
                    "part" => violent_form::PART,
                    "die" => violent_form::DIE,
                    "fut1" => violent_form::FUT1,
                    "inf" => violent_form::INF,
                    "imp" => violent_form::IMP,
                    "past" => violent_form::PAST,
                    other => return Err(at(format!("unknown violent form {other:?}"))),
                };
                let effect = match col(3)? {
                    "harm" => 0,
                    "exclude" => violent_form::EXCLUDE,
                    other => {
                        return Err(at(format!("effect must be harm or exclude, not {other:?}")))
                    }
                };
                (Kind::Violent, severity(col(2)?).map_err(at)?, form | effect)
            }
            // The lexicon's allow list: idioms no structure hit may lie inside either.
            "allow" => (Kind::Allow, 0, 0),
            _ => {
                let role = col(1)?;
                let kind = role_kind(file, role)
                    .ok_or_else(|| at(format!("unknown {file} role {role:?}")))?;
                (kind, 0, 0)
            }
        };
        out.push(Parsed { words, kind, a, b });
    }
    Ok(())
}

impl Vocab {
    /// Compiles the embedded data files.
    pub(crate) fn builtin() -> Result<Vocab, String> {
        Vocab::from_files(FILES)
    }

    /// Compiles the given data files (`(name, contents)`; the name's stem says which file it is).
    pub(crate) fn from_files(files: &[(&str, &str)]) -> Result<Vocab, String> {
        let mut parsed = Vec::new();
        for (name, contents) in files {
            parse_file(name, contents, &mut parsed)?;
        }
        // One trie pattern per distinct first word (and openness), numbered by its first entry.
        let firsts: Vec<(&str, bool)> = parsed
            .iter()
            .map(|e| (e.words[0].0.as_str(), e.words[0].1))
            .collect();
        let (trie, pattern) = WordTrie::new(&firsts);
        // The entries of each pattern, in file order, in one array (`starts` has each pattern's
        // range): no list of its own per pattern to allocate.
        let mut starts = vec![0u32; parsed.len() + 1];
        for &p in &pattern {
            starts[p as usize + 1] += 1;
        }
        for k in 1..starts.len() {
            starts[k] += starts[k - 1];
        }
        let mut fill = starts.clone();
        let mut by_pattern = vec![(0u32, 0u8); parsed.len()];
        for (i, e) in parsed.iter().enumerate() {
            let second = e.words.get(1).and_then(|w| w.0.bytes().next()).unwrap_or(0);
            let at = &mut fill[pattern[i] as usize];
            by_pattern[*at as usize] = (i as u32, second);
            *at += 1;
        }
        let (mut text, mut words, mut entries) = (String::new(), Vec::new(), Vec::new());
        for e in &parsed {
            entries.push(Entry {
                first: words.len() as u32,
                len: e.words.len() as u32,
                kind: e.kind,
                a: e.a,
                b: e.b,
            });
            for (w, open) in &e.words {
                let start = text.len() as u32;
                text.push_str(w);
                words.push(Word {
                    start,
                    end: text.len() as u32,
                    open: *open,
                });
            }
        }
        Ok(Vocab {
            trie,
            starts,
            by_pattern,
            entries,
            words,
            text,
        })
    }
}

impl Vocab {
    /// Every one-word entry: `(word, open, kind, form)` (for the word-break vocabulary).
    pub(crate) fn single_words(&self) -> impl Iterator<Item = (&str, bool, Kind, u8)> + '_ {
        self.entries.iter().filter(|e| e.len == 1).filter_map(|e| {
            let w = self.words.get(e.first as usize)?;
            let text = self.text.get(w.start as usize..w.end as usize)?;
            Some((text, w.open, e.kind, e.b))
        })
    }

    /// Writes the vocabulary to the compiled tables.
    pub(crate) fn encode(&self, w: &mut Writer) {
        w.str(&self.text);
        let words: Vec<u32> = self
            .words
            .iter()
            .flat_map(|x| [x.start, x.end, u32::from(x.open)])
            .collect();
        w.u32s(&words);
        let entries: Vec<u32> = self
            .entries
            .iter()
            .flat_map(|e| {
                let tags = e.kind as u32 | u32::from(e.a) << 8 | u32::from(e.b) << 16;
                [e.first, e.len, tags]
            })
            .collect();
        w.u32s(&entries);
        self.trie.encode(w);
        w.len(self.by_pattern.len());
        for &(entry, second) in &self.by_pattern {
            w.u32(entry);
            w.u8(second);
        }
        w.u32s(&self.starts);
    }

    /// Reads a vocabulary written by [`encode`](Self::encode), checking every index it holds.
    pub(crate) fn decode(r: &mut Reader) -> Result<Vocab, DecodeError> {
        let text = r.str()?.to_string();
        let flat = r.u32s()?;
        if flat.len() % 3 != 0 {
            return Err("vocabulary: the word table is not whole words".into());
        }
        let mut words = Vec::with_capacity(flat.len() / 3);
        for (i, x) in flat.chunks_exact(3).enumerate() {
            if x[0] > x[1] || x[1] as usize > text.len() || x[2] > 1 {
                return Err(format!("vocabulary word {i} is out of range"));
            }
            words.push(Word {
                start: x[0],
                end: x[1],
                open: x[2] == 1,
            });
        }
        let flat = r.u32s()?;
        if flat.len() % 3 != 0 {
            return Err("vocabulary: the entry table is not whole entries".into());
        }
        let mut entries = Vec::with_capacity(flat.len() / 3);
        for (i, x) in flat.chunks_exact(3).enumerate() {
            let kind = Kind::from_u8(x[2] as u8).filter(|_| x[2] >> 24 == 0);
            let in_range = x[1] >= 1 && (x[0] as u64 + x[1] as u64) <= words.len() as u64;
            let (Some(kind), true) = (kind, in_range) else {
                return Err(format!("vocabulary entry {i} is out of range"));
            };
            entries.push(Entry {
                first: x[0],
                len: x[1],
                kind,
                a: (x[2] >> 8) as u8,
                b: (x[2] >> 16) as u8,
            });
        }
        let trie = WordTrie::decode(r, entries.len())?;
        let n = r.count(5)?;
        let mut by_pattern = Vec::with_capacity(n);
        for _ in 0..n {
            by_pattern.push((r.u32()?, r.u8()?));
        }
        let starts = r.u32s()?;
        let ids: Vec<u32> = by_pattern.iter().map(|&(e, _)| e).collect();
        check_below("vocabulary entry id", &ids, entries.len())?;
        let ordered = starts.windows(2).all(|w| w[0] <= w[1]);
        if starts.len() != entries.len() + 1 || !ordered || starts.last() != Some(&(n as u32)) {
            return Err("vocabulary: the pattern ranges are out of order or out of range".into());
        }
        Ok(Vocab {
            trie,
            by_pattern,
            starts,
            entries,
            words,
            text,
        })
    }
}

/// Tokens of one message with their annotations, clause structure and quotation state. Reusable
/// across messages.
#[derive(Clone, Debug, Default)]
pub struct Scan {
    /// `" " + normalised text + " "`.
    padded: String,
    /// Byte range of each token in the normalised text.
    toks: Vec<(u32, u32)>,
    /// Annotations, sorted by start token then longest first.
    anns: Vec<Ann>,
    /// `anns[first[i]..first[i + 1]]` start at token `i`.
    first: Vec<u32>,
    /// Kinds of the annotations starting at each token.
    masks: Vec<u64>,
    /// Kinds of every annotation in the message: lets a rule family that needs a kind the
    /// message lacks skip the message outright.
    message_mask: u64,
    /// Sentence and clause number of each token.
    sent: Vec<u32>,
    clause: Vec<u32>,
    /// Whether each token stands inside quotation marks.
    quoted: Vec<bool>,
    /// Per sentence: whether it ends with a question mark.
    question: Vec<bool>,
    /// Per sentence: its first and one-past-last token.
    sent_range: Vec<(u32, u32)>,
    /// Per sentence: the kinds of every annotation in it.
    sent_mask: Vec<u64>,
    /// Per sentence: whether it is a rhetorical question (see `negation::rhetorical`).
    rhet: Vec<bool>,
    /// Per token: the first token of its clause.
    clause_start: Vec<u32>,
    /// Counts before each token (`n + 1` entries): report words, denounce or news words, doubt
    /// cues that are neither negated nor rhetorical. Keeps the frame tests O(1) per hit.
    prefix: Vec<[u32; 3]>,
    /// The last quotation mark, if any.
    last_quote: Option<u32>,
    /// Whether a report or denounce word stands outside every quotation.
    report_outside_quotes: bool,
}

/// Indices into [`Scan::prefix`].
pub(crate) mod count {
    pub const REPORT: usize = 0;
    pub const DENOUNCE_OR_NEWS: usize = 1;
    pub const DOUBT: usize = 2;
}

/// Whether a punctuation token ends a sentence.
fn ends_sentence(t: &[u8]) -> bool {
    matches!(t, b"." | b"!" | b"?" | b";")
}

/// Whether a punctuation token ends a clause.
fn ends_clause(t: &[u8]) -> bool {
    matches!(t, b"." | b"!" | b"?" | b";" | b"," | b":" | b"(" | b")")
}

impl Scan {
    /// Tokenises and annotates `norm` (normalised text).
    pub(crate) fn fill(&mut self, vocab: &Vocab, norm: &str) {
        self.padded.clear();
        self.padded.push(' ');
        self.padded.push_str(norm);
        self.padded.push(' ');
        self.toks.clear();
        // The tokens of `norm.split(' ')`, by bytes (a byte loop beats the general searcher on
        // a few dozen short tokens).
        let bytes = norm.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b' ' {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && bytes[i] != b' ' {
                i += 1;
            }
            self.toks.push((start as u32, i as u32));
        }
        let n = self.toks.len();
        self.anns.clear();
        // The patterns starting at each token, in the order an automaton over the padded text
        // reports them (by end position): the annotations' order, and so the sort below, depend
        // on it.
        // Tokens as bytes: slicing a `str` checks char boundaries, and tokens are whole already.
        let (toks, anns) = (&self.toks, &mut self.anns);
        let text = |k: usize| &bytes[toks[k].0 as usize..toks[k].1 as usize];
        for ti in 0..n {
            let next = (ti + 1 < n)
                .then(|| text(ti + 1).first().copied())
                .flatten();
            vocab.trie.matches(text(ti), |p| {
                let p = p as usize;
                let entries = vocab.starts[p] as usize..vocab.starts[p + 1] as usize;
                for &(e, second) in &vocab.by_pattern[entries] {
                    if second != 0 && Some(second) != next {
                        continue;
                    }
                    let entry = &vocab.entries[e as usize];
                    let len = entry.len as usize;
                    if ti + len > n {
                        continue;
                    }
                    let words = &vocab.words[entry.first as usize..][..len];
                    let ok = words.iter().enumerate().skip(1).all(|(k, w)| {
                        let t = text(ti + k);
                        let want = &vocab.text.as_bytes()[w.start as usize..w.end as usize];
                        if w.open {
                            t.starts_with(want)
                        } else {
                            t == want
                        }
                    });
                    if ok {
                        anns.push(Ann {
                            start: ti as u32,
                            end: (ti + len) as u32,
                            kind: entry.kind,
                            a: entry.a,
                            b: entry.b,
                        });
                    }
                }
            });
        }
        self.anns
            .sort_unstable_by_key(|a| (a.start, core::cmp::Reverse(a.end), a.kind as u8));
        self.first.clear();
        self.masks.clear();
        self.masks.resize(n, 0);
        let mut k = 0;
        self.message_mask = 0;
        for i in 0..n {
            self.first.push(k as u32);
            while k < self.anns.len() && self.anns[k].start as usize == i {
                self.masks[i] |= self.anns[k].kind.bit();
                k += 1;
            }
            self.message_mask |= self.masks[i];
        }
        self.first.push(k as u32);
        self.structure();
    }

    /// Sentences, clauses and quotation state.
    fn structure(&mut self) {
        let n = self.toks.len();
        self.sent.clear();
        self.clause.clear();
        self.quoted.clear();
        self.question.clear();
        self.sent_range.clear();
        self.sent_mask.clear();
        self.clause_start.clear();
        self.last_quote = None;
        self.report_outside_quotes = false;
        let (mut s, mut c, mut inside) = (0u32, 0u32, false);
        let mut sent_start = 0u32;
        let mut clause_start = 0u32;
        let mut mask = 0u64;
        let padded = self.padded.as_bytes();
        for i in 0..n {
            let (ts, te) = self.toks[i];
            let t = &padded[1 + ts as usize..1 + te as usize];
            if self.masks[i] & Kind::Clause.bit() != 0 && i > 0 {
                c += 1;
                clause_start = i as u32;
            }
            if t == b"\"" {
                inside = !inside;
                self.last_quote = Some(i as u32);
            }
            let reports = Kind::Report.bit() | Kind::Denounce.bit();
            if !inside && t != b"\"" && self.masks[i] & reports != 0 {
                self.report_outside_quotes = true;
            }
            mask |= self.masks[i];
            self.sent.push(s);
            self.clause.push(c);
            self.clause_start.push(clause_start);
            self.quoted.push(inside && t != b"\"");
            if ends_clause(t) {
                c += 1;
                clause_start = i as u32 + 1;
            }
            if ends_sentence(t) {
                self.question.push(t == b"?");
                self.sent_range.push((sent_start, i as u32 + 1));
                self.sent_mask.push(mask);
                mask = 0;
                sent_start = i as u32 + 1;
                s += 1;
            }
        }
        if (sent_start as usize) < n || self.sent_range.is_empty() {
            self.question.push(false);
            self.sent_range.push((sent_start, n as u32));
            self.sent_mask.push(mask);
        }
    }

    /// Per-message caches that need the rules' own tests: `rhetorical` says whether sentence `s`
    /// is a rhetorical question, `negator` whether token `k` negates.
    pub(crate) fn finish(
        &mut self,
        rhetorical: fn(&Scan, usize) -> bool,
        negator: fn(&Scan, usize) -> bool,
    ) {
        // Filled into the kept buffer (taken out while `rhetorical` reads the scan).
        let mut rhet = std::mem::take(&mut self.rhet);
        rhet.clear();
        rhet.extend((0..self.sent_range.len()).map(|s| rhetorical(self, s)));
        self.rhet = rhet;
        let n = self.toks.len();
        let mut prefix = std::mem::take(&mut self.prefix);
        prefix.clear();
        let mut c = [0u32; 3];
        prefix.push(c);
        for k in 0..n {
            if self.has(k, Kind::Report) {
                c[count::REPORT] += 1;
            }
            if self.has(k, Kind::Denounce) || self.has(k, Kind::News) {
                c[count::DENOUNCE_OR_NEWS] += 1;
            }
            // "Are you saying X...?" doubts; "Don't you think X...?" does not.
            if self.has(k, Kind::Doubt)
                && self.covering(k, Kind::Rhetorical).is_none()
                && !(k > 0 && negator(self, k - 1))
            {
                c[count::DOUBT] += 1;
            }
            prefix.push(c);
        }
        self.prefix = prefix;
    }

    /// How many cues of counter `which` (see [`count`]) stand in tokens `[a, b)`.
    pub(crate) fn count(&self, which: usize, a: usize, b: usize) -> usize {
        let b = b.min(self.toks.len());
        if a >= b {
            return 0;
        }
        (self.prefix[b][which] - self.prefix[a][which]) as usize
    }

    /// Whether sentence `s` is a rhetorical question (cached by [`finish`](Self::finish)).
    pub(crate) fn rhetorical(&self, s: usize) -> bool {
        self.rhet.get(s).copied().unwrap_or(false)
    }

    /// Whether sentence `s` has an annotation of `kind`.
    pub(crate) fn sentence_has(&self, s: usize, kind: Kind) -> bool {
        self.sent_mask[s] & kind.bit() != 0
    }

    /// The first token of the clause of token `i`.
    pub(crate) fn clause_start(&self, i: usize) -> usize {
        self.clause_start[i] as usize
    }

    /// The last quotation mark, if any.
    pub(crate) fn last_quote(&self) -> Option<usize> {
        self.last_quote.map(|q| q as usize)
    }

    /// Whether a report or denounce word stands outside every quotation.
    pub(crate) fn report_outside_quotes(&self) -> bool {
        self.report_outside_quotes
    }

    /// Number of tokens.
    pub(crate) fn len(&self) -> usize {
        self.toks.len()
    }

    /// The text of token `i`.
    pub(crate) fn text(&self, i: usize) -> &str {
        let (s, e) = self.toks[i];
        &self.padded[1 + s as usize..1 + e as usize]
    }

    /// Whether token `i` is punctuation.
    pub(crate) fn is_punct(&self, i: usize) -> bool {
        !self
            .text(i)
            .chars()
            .next()
            .is_some_and(crate::matcher::is_letter_or_digit)
    }

    /// Whether token `i` ends a clause (punctuation).
    pub(crate) fn breaks_clause(&self, i: usize) -> bool {
        ends_clause(self.text(i).as_bytes())
    }

    /// Whether token `i` is Cyrillic (Russian rules allow a missing copula).
    pub(crate) fn cyrillic(&self, i: usize) -> bool {
        self.text(i)
            .chars()
            .next()
            .is_some_and(|c| ('\u{400}'..='\u{4ff}').contains(&c))
    }

    /// The kinds of the annotations starting at token `i`, as bits (see [`Kind::bit`]).
    pub(crate) fn mask(&self, i: usize) -> u64 {
        self.masks.get(i).copied().unwrap_or(0)
    }

    /// Whether the message has an annotation of any of the kinds in `bits`.
    pub(crate) fn message_has_any(&self, bits: u64) -> bool {
        self.message_mask & bits != 0
    }

    /// Whether some annotation of `kind` starts at token `i`.
    pub(crate) fn has(&self, i: usize, kind: Kind) -> bool {
        i < self.masks.len() && self.masks[i] & kind.bit() != 0
    }

    /// The longest annotation of `kind` starting at token `i`.
    pub(crate) fn at(&self, i: usize, kind: Kind) -> Option<Ann> {
        if !self.has(i, kind) {
            return None;
        }
        self.anns[self.first[i] as usize..self.first[i + 1] as usize]
            .iter()
            .find(|a| a.kind == kind)
            .copied()
    }

    /// An annotation of `kind` that covers token `i` (starts at or before it, ends after it).
    pub(crate) fn covering(&self, i: usize, kind: Kind) -> Option<Ann> {
        (i.saturating_sub(4)..=i)
            .rev()
            .filter_map(|s| self.at(s, kind))
            .find(|a| a.end as usize > i)
    }

    /// Sentence number of token `i`.
    pub(crate) fn sentence(&self, i: usize) -> usize {
        self.sent[i] as usize
    }

    /// Clause number of token `i`.
    pub(crate) fn clause(&self, i: usize) -> usize {
        self.clause[i] as usize
    }

    /// First and one-past-last token of sentence `s`.
    pub(crate) fn sentence_range(&self, s: usize) -> (usize, usize) {
        let (a, b) = self.sent_range[s];
        (a as usize, b as usize)
    }

    /// How many sentences the message has.
    pub(crate) fn sentences(&self) -> usize {
        self.sent_range.len()
    }

    /// Whether sentence `s` ends with a question mark.
    pub(crate) fn is_question(&self, s: usize) -> bool {
        self.question[s]
    }

    /// Whether token `i` stands inside quotation marks.
    pub(crate) fn quoted(&self, i: usize) -> bool {
        self.quoted[i]
    }

    /// Normalised byte range of tokens `[a, b)`.
    pub(crate) fn byte_span(&self, a: usize, b: usize) -> (usize, usize) {
        let b = b.max(a + 1).min(self.toks.len());
        (self.toks[a].0 as usize, self.toks[b - 1].1 as usize)
    }

    /// Tokens `[a, b)` covering normalised bytes `[start, end)`.
    pub(crate) fn token_span(&self, start: usize, end: usize) -> (usize, usize) {
        let a = self.toks.partition_point(|t| (t.1 as usize) <= start);
        let b = self.toks.partition_point(|t| (t.0 as usize) < end);
        (a, b.max(a))
    }
}

/// Fills a scan the way `Context::scan` does (for the unit tests of the rule modules).
#[cfg(test)]
pub(crate) fn scan_of(v: &Vocab, scan: &mut Scan, norm: &str) {
    scan.fill(v, norm);
    scan.finish(
        crate::context::negation::rhetorical_sentence,
        crate::context::negation::is_negator,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    /// `Kind::from_u8` reads back every kind `as u8` writes.
    #[test]
    fn every_kind_round_trips_through_its_number() {
        for (i, &k) in Kind::ALL.iter().enumerate() {
            assert_eq!(k as usize, i);
            assert_eq!(Kind::from_u8(k as u8), Some(k));
        }
        assert_eq!(Kind::from_u8(Kind::ALL.len() as u8), None);
    }

    #[test]
    fn builtin_files_parse() {
        let v = Vocab::builtin().unwrap();
        assert!(v.entries.len() > 1500, "{}", v.entries.len());
        // Every role of every file is reachable.
        for k in [
            Kind::Negator,
            Kind::Group,
            Kind::Pred,
            Kind::Violent,
            Kind::Org,
            Kind::Victims,
        ] {
            assert!(v.entries.iter().any(|e| e.kind == k), "{k:?}");
        }
    }

    #[test]
    fn bad_lines_are_reported_with_their_place() {
        let cases = [
            (
                "lexicons/groups.tsv",
                "jews\treligion\tverb",
                "unknown group form",
            ),
            (
                "lexicons/groups.tsv",
                "jews\tplanets\tnoun",
                "unknown group category",
            ),
            ("lexicons/predicates.tsv", "vermin\t7\tnoun", "severity"),
            ("lexicons/violence.tsv", "kill\tverb\t3\tmaybe", "effect"),
            ("lexicons/frames.tsv", "are\tcopulas", "unknown frames role"),
            ("lexicons/frames.tsv", "are", "columns"),
            ("lexicons/cues.tsv", "!!!\tnegator", "no letters"),
        ];
        for (name, line, want) in cases {
            let contents = format!("# header\n{line}\n");
            let err = Vocab::from_files(&[(name, contents.as_str())]).unwrap_err();
            assert!(err.starts_with(&format!("{name}:2: ")), "{err}");
            assert!(err.contains(want), "{err}");
        }
    }

    /// (message, token, kind, expected annotation length or 0 for none)
    const ANNOTATIONS: &[(&str, &str, Kind, usize)] = &[
        ("Someone ought to burn it", "ought", Kind::Modal, 2),
        ("мусульманам не место", "мусульманам", Kind::Group, 1),
        (
            "вступайте в исламское государство",
            "исламское",
            Kind::Org,
            2,
        ),
        ("join the islamic state", "the", Kind::Org, 3),
        ("they are nothing but rats", "nothing", Kind::Unneg, 2),
        ("jewelry is nice", "jewelry", Kind::Group, 0),
        ("I'll kill you", "ill", Kind::Subj1, 1),
    ];

    #[test]
    fn annotations() {
        let v = Vocab::builtin().unwrap();
        let mut scan = Scan::default();
        for &(msg, tok, kind, want) in ANNOTATIONS {
            let norm = normalize(msg);
            scan_of(&v, &mut scan, norm.as_str());
            let i = (0..scan.len()).find(|&i| scan.text(i) == tok).unwrap();
            let got = scan.at(i, kind).map_or(0, |a| a.len());
            assert_eq!(got, want, "{msg:?} {tok:?} {kind:?}");
        }
    }

    #[test]
    fn clauses_sentences_quotes() {
        let v = Vocab::builtin().unwrap();
        let mut scan = Scan::default();
        let norm = normalize("I don't know, but \"X are bad\". Are they?");
        scan_of(&v, &mut scan, norm.as_str());
        let idx = |t: &str| (0..scan.len()).find(|&i| scan.text(i) == t).unwrap();
        assert_ne!(scan.clause(idx("know")), scan.clause(idx("but")));
        assert_eq!(scan.clause(idx("but")), scan.clause(idx("x")));
        assert!(scan.quoted(idx("bad")) && !scan.quoted(idx("know")));
        assert_eq!(scan.sentence(idx("they")), 1);
        assert!(scan.is_question(1) && !scan.is_question(0));
        let (a, b) = scan.token_span(
            norm.as_str().find("x are").unwrap(),
            norm.as_str().find(" bad").unwrap() + 4,
        );
        assert_eq!((scan.text(a), scan.text(b - 1)), ("x", "bad"));
    }
}
