//! From classified units to output tokens.
//!
//! A *segment* (see `mod.rs`) is processed in three linear passes:
//! 1. [`assign_roles`]: decide locally, from each unit's neighbours, what it is: part of a word,
//!    a connector inside a word (`don't`, `fu.ck`, `f*ck`, `12:30`), a leet candidate (`a$$`),
//!    punctuation, or a separator.
//! 2. [`find_runs`]: find letters spelled out one by one (`k i l l`, `k.i.l.l`, `f-u-c-k`).
//! 3. emit: runs become one word each; other words get look-alike folding, leet decoding and
//!    repeated-letter collapsing; punctuation becomes one-char tokens.
//!
//! [`emit_ascii_word`], [`emit_simple_word`] and [`fast_segment`] are shortcuts for the common
//! shapes where passes 1 and 2 cannot change anything.

use super::chars::{Kind, Script, Unit};
use super::confusables::{self, MessageScript, Votes};
use super::leet;
use super::plain::AsciiLetters;

/// What a unit does inside its segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// Produces nothing and ends any word.
    Sep,
    Letter,
    Digit,
    /// `@ $ | !` inside a word: decoded as a letter if the word is leet, else a separator.
    Cand,
    /// Connector dropped from the word (`'` in `don't`, `.`/`_` in `fu.ck`).
    Drop,
    /// The apostrophe of a clitic written apart from its word (`they 're`, `do n't`): dropped, and
    /// the clitic joins the word before (`theyre`, `dont`).
    Glue,
    /// Connector kept in the word (`*` in `f*ck`, `:` in `12:30`).
    Keep,
    /// A one-char punctuation token.
    Punct,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum OutKind {
    Letter,
    Digit,
    Keep,
}

/// One char of a word being built, with its source span.
#[derive(Clone, Copy, Debug)]
struct OutChar {
    c: char,
    start: u32,
    end: u32,
    kind: OutKind,
}

/// A joined run of single letters: element units `first, first+2, ..., last`.
#[derive(Clone, Copy, Debug)]
struct Run {
    first: usize,
    last: usize,
    dominant: Script,
}

/// Reusable buffers of the tokenizer.
#[derive(Clone, Default)]
pub(crate) struct Scratch {
    roles: Vec<Role>,
    runs: Vec<Run>,
    piece: Vec<OutChar>,
}

#[cfg(test)]
impl Scratch {
    pub(crate) fn capacities(&self) -> (usize, usize, usize) {
        (
            self.roles.capacity(),
            self.runs.capacity(),
            self.piece.capacity(),
        )
    }
}

/// Appends tokens to the output text and its offset map.
pub(crate) struct Emitter<'a> {
    pub text: &'a mut String,
    pub map: &'a mut Vec<(u32, u32)>,
    /// Where each token joined from a spelled-out run was written.
    pub spelled: &'a mut Vec<(u32, u32)>,
    /// End (in the input) of the last token written.
    pub last_end: u32,
}

impl Emitter<'_> {
    /// Write the single separating space (if needed) before a token starting at `start`. The
    /// space maps to the gap between the two tokens' sources.
    #[inline]
    pub(crate) fn begin_token(&mut self, start: u32) {
        if !self.text.is_empty() {
            let (a, b) = if self.last_end <= start {
                (self.last_end, start)
            } else {
                (start, self.last_end)
            };
            self.text.push(' ');
            self.map.push((a, b));
        }
    }

    /// Append an ASCII word lowercased, each byte mapping to itself.
    #[inline]
    pub(crate) fn push_ascii_lower(&mut self, word: &str, start: u32) {
        let from = self.text.len();
        self.text.push_str(word);
        if let Some(tail) = self.text.get_mut(from..) {
            tail.make_ascii_lowercase();
        }
        let n = word.len() as u32;
        self.map.extend((start..start + n).map(|p| (p, p + 1)));
        self.last_end = start + n;
    }

    /// Append text of ASCII and two-byte chars with ASCII lowercased, each char mapping to itself.
    pub(crate) fn push_plain(&mut self, text: &str, start: u32) {
        let from = self.text.len();
        self.text.push_str(text);
        if let Some(tail) = self.text.get_mut(from..) {
            tail.make_ascii_lowercase();
        }
        self.map
            .extend(text.as_bytes().iter().enumerate().map(|(k, &b)| {
                // A continuation byte belongs to the char that started one byte before.
                let s = start + k as u32 - u32::from(b & 0xC0 == 0x80);
                (s, s + 1 + u32::from(b >= 0x80))
            }));
        self.last_end = start + text.len() as u32;
    }

    /// Append text made only of two-byte chars, each mapping to itself.
    #[inline]
    fn push_two_byte_str(&mut self, word: &str, start: u32) {
        self.text.push_str(word);
        let n = word.len() as u32;
        self.map.extend((0..n).map(|k| {
            let p = start + (k & !1);
            (p, p + 2)
        }));
        self.last_end = start + n;
    }

    #[inline(always)]
    fn push(&mut self, c: char, start: u32, end: u32) {
        self.text.push(c);
        let n = c.len_utf8();
        if n == 1 {
            self.map.push((start, end));
        } else {
            for _ in 0..n {
                self.map.push((start, end));
            }
        }
        self.last_end = end;
    }

    /// Grow the last written char's span (collapsed repeats).
    #[inline]
    fn extend_last(&mut self, end: u32) {
        let c_len = match self.text.as_bytes().last() {
            Some(&b) if b < 0x80 => 1,
            _ => self.text.chars().next_back().map_or(0, char::len_utf8),
        };
        let n = self.map.len();
        for e in &mut self.map[n.saturating_sub(c_len)..] {
            if e.1 < end {
                e.1 = end;
            }
        }
        if self.last_end < end {
            self.last_end = end;
        }
    }

    fn token(&mut self, piece: &[OutChar]) {
        if let Some(first) = piece.first() {
            self.begin_token(first.start);
            for oc in piece {
                self.push(oc.c, oc.start, oc.end);
            }
        }
    }
}

/// Units that keep a neighbouring letter from being a "single letter".
#[inline]
fn blocks(k: Kind) -> bool {
    matches!(k, Kind::Letter | Kind::Digit | Kind::Sym | Kind::Apos)
}

/// Pass 1: local roles.
pub(crate) fn assign_roles(u: &[Unit], glued_before: bool, roles: &mut Vec<Role>) {
    roles.clear();
    roles.resize(u.len(), Role::Sep);
    let n = u.len();
    let mut i = 0;
    while i < n {
        let cur = &u[i];
        let prev = if i > 0 { Some(&u[i - 1]) } else { None };
        let next = u.get(i + 1);
        let pk = prev.map(|x| x.kind);
        let nk = next.map(|x| x.kind);
        let p_letter = pk == Some(Kind::Letter);
        let n_letter = nk == Some(Kind::Letter);
        let p_digit = pk == Some(Kind::Digit);
        let n_digit = nk == Some(Kind::Digit);
        let wordish = |k: Option<Kind>| matches!(k, Some(Kind::Letter | Kind::Digit | Kind::Sym));
        let role = match cur.kind {
            Kind::Letter => Role::Letter,
            Kind::Digit => Role::Digit,
            Kind::Sym => {
                // `@user` is a mention, not `auser`; `$5` is a price.
                let mention = cur.c == '@' && !wordish(pk) && n_letter;
                let price = cur.c == '$' && n_digit;
                if !mention && !price && (wordish(pk) || wordish(nk)) {
                    Role::Cand
                } else {
                    Role::Sep
                }
            }
            Kind::Apos => {
                if (p_letter || p_digit) && n_letter {
                    // `do n't`: a `n't` of its own after a word.
                    let apart = i == 1 || (i >= 2 && u[i - 2].is_sep());
                    if u[i - 1].c == 'n'
                        && apart
                        && next.is_some_and(|t| t.c == 't')
                        && clitic_ends(u, i + 2)
                        && after_word(u, i - 1, glued_before)
                    {
                        Role::Glue
                    } else {
                        Role::Drop // don't → dont, 90's → 90s
                    }
                } else if !p_letter && clitic_after(u, i) && after_word(u, i, glued_before) {
                    Role::Glue // they 're → theyre
                } else if cur.c == '\'' || cur.c == '`' {
                    Role::Punct // used as a quote mark (tokenised corpora open quotes with backticks)
                } else {
                    Role::Sep
                }
            }
            Kind::Punct => match cur.c {
                '*' => {
                    // A run of stars between two letters is a censored word (`f*ck`, `f**k`).
                    let mut j = i;
                    while j < n && u[j].kind == Kind::Punct && u[j].c == '*' {
                        j += 1;
                    }
                    let keep = p_letter && u.get(j).map(|x| x.kind) == Some(Kind::Letter);
                    let r = if keep { Role::Keep } else { Role::Sep };
                    for x in &mut roles[i..j] {
                        *x = r;
                    }
                    i = j;
                    continue;
                }
                '.' | '!' if p_letter && n_letter => {
                    // `end.Start`: a sentence end with a missing space, not a split word.
                    let sentence = next.is_some_and(|x| x.upper) && !prev.is_some_and(|x| x.upper);
                    match (cur.c, sentence) {
                        (_, true) => Role::Punct,
                        ('.', false) => Role::Drop,
                        _ => Role::Cand, // sh!t
                    }
                }
                '.' | ',' | ':' | '-' | '/' if p_digit && n_digit => Role::Keep,
                '_' if p_letter && n_letter => Role::Drop,
                '-' | '_' | '/' => Role::Sep,
                _ => Role::Punct,
            },
            Kind::Space | Kind::Other => Role::Sep,
        };
        roles[i] = role;
        i += 1;
    }
}

/// A Latin/Cyrillic/Greek letter, ASCII digit or leet symbol: what a spelled-out run is made of.
#[inline]
fn elem_kind(x: &Unit) -> bool {
    match x.kind {
        Kind::Letter => x.script != Script::Other,
        Kind::Digit => x.c.is_ascii_digit(),
        Kind::Sym => true,
        _ => false,
    }
}

/// Can unit `i` be one element of a spelled-out run? An [`elem_kind`] unit with no
/// letter/digit/symbol/apostrophe directly on either side.
#[inline]
fn is_elem(u: &[Unit], i: usize) -> bool {
    elem_kind(&u[i])
        && (i == 0 || !blocks(u[i - 1].kind))
        && u.get(i + 1).map_or(true, |y| !blocks(y.kind))
}

/// A single space or a single `. - _ * , /` between two run elements.
#[inline]
fn is_gap(x: &Unit) -> bool {
    x.kind == Kind::Space
        || (x.kind == Kind::Punct && matches!(x.c, '.' | '-' | '_' | '*' | ',' | '/'))
}

/// Whether the unit at the end of `u` could still start or continue a spelled-out run if the text
/// goes on after one space. Used by the segmenter to decide how long to buffer.
pub(crate) fn may_continue_run(u: &[Unit]) -> bool {
    match u.len() {
        0 => false,
        n => elem_kind(&u[n - 1]) && (n == 1 || !blocks(u[n - 2].kind)),
    }
}

/// Letters that are words on their own, so three of them in a row are more likely a phrase
/// (`а я в шоке`, `u r a`) than a spelled-out word.
#[inline]
fn standalone(c: char) -> bool {
    matches!(
        c,
        'a' | 'i' | 'r' | 'u' | 'а' | 'б' | 'в' | 'ж' | 'и' | 'к' | 'о' | 'с' | 'у' | 'я'
    )
}

/// Pass 2: spelled-out runs. Elements are at `first, first+2, ...`; a run needs 3+ letters.
/// A run that mixes space gaps with punctuation gaps is split at the spaces.
/// Digits/symbols may sit inside a run (`k.1.l.l`) if each decodes and no two are adjacent;
/// otherwise the run is split at them. Exactly three standalone-word letters separated by plain
/// spaces are left alone.
fn find_runs(u: &[Unit], default: MessageScript, runs: &mut Vec<Run>) {
    runs.clear();
    let n = u.len();
    let mut i = 0;
    while i < n {
        if !is_elem(u, i) {
            i += 1;
            continue;
        }
        let first = i;
        let mut last = i;
        while last + 2 < n && is_gap(&u[last + 1]) && is_elem(u, last + 2) {
            last += 2;
        }
        let gaps = (first + 1..last).step_by(2);
        let spaces = gaps.clone().filter(|&g| u[g].kind == Kind::Space).count();
        if spaces > 0 && spaces < gaps.len() {
            // Letters joined by punctuation with spaces between the groups (`j.o.i.n i.s.i.s`,
            // `such a r.e.t.a.r.d`): the spaces separate words.
            // Consecutive one-letter groups still form a space-separated run (`a.b.c d e f`).
            let mut singles: Option<(usize, usize)> = None;
            let mut group = first;
            let space_ends = gaps.filter(|&g| u[g].kind == Kind::Space).map(|g| g - 1);
            for end in space_ends.chain(core::iter::once(last)) {
                if end == group {
                    singles = Some(singles.map_or((group, group), |(s, _)| (s, group)));
                } else {
                    if let Some((s, e)) = singles.take() {
                        split_run(u, s, e, default, runs);
                    }
                    split_run(u, group, end, default, runs);
                }
                group = end + 2;
            }
            if let Some((s, e)) = singles {
                split_run(u, s, e, default, runs);
            }
        } else if last > first {
            split_run(u, first, last, default, runs);
        }
        i = last + 1;
    }
}

fn split_run(u: &[Unit], first: usize, last: usize, default: MessageScript, runs: &mut Vec<Run>) {
    let mut votes = Votes::default();
    for k in (first..=last).step_by(2) {
        if u[k].kind == Kind::Letter {
            votes.add(u[k].c, u[k].script, u[k].upper);
        }
    }
    let dominant = votes.dominant(default);
    let is_letter = |k: usize| u[k].kind == Kind::Letter;
    let mut start = first;
    let mut k = first;
    while k <= last {
        if !is_letter(k) {
            let interior = k > first && k < last;
            let ok = interior
                && is_letter(k - 2)
                && is_letter(k + 2)
                && (u[k].kind == Kind::Sym || leet::decode_digit(u[k].c, dominant).is_some());
            if !ok {
                if k > start {
                    accept_run(u, start, k - 2, default, runs);
                }
                start = k + 2;
            }
        }
        k += 2;
    }
    if start <= last {
        accept_run(u, start, last, default, runs);
    }
}

fn accept_run(
    u: &[Unit],
    mut first: usize,
    mut last: usize,
    default: MessageScript,
    runs: &mut Vec<Run>,
) {
    // Trim non-letters at both ends (they are tokens of their own).
    while first < last && u[first].kind != Kind::Letter {
        first += 2;
    }
    while last > first && u[last].kind != Kind::Letter {
        last -= 2;
    }
    let spaces_only = (first + 1..last)
        .step_by(2)
        .all(|g| u[g].kind == Kind::Space);
    if spaces_only {
        // The English pronoun is the one capital `I` a lowercase spelled-out run can touch:
        // `a b c I will kill you`, `I h a t e you`. It belongs to the sentence, not to the run.
        let pronoun = |k: usize, next: usize| {
            u[k].kind == Kind::Letter
                && u[k].c == 'i'
                && u[k].upper
                && u[next].kind == Kind::Letter
                && !u[next].upper
        };
        if last > first && pronoun(last, last - 2) {
            last -= 2;
        }
        if last > first && pronoun(first, first + 2) {
            first += 2;
        }
    }
    let mut letters = 0;
    let mut all_standalone = true;
    let mut votes = Votes::default();
    for k in (first..=last).step_by(2) {
        if u[k].kind == Kind::Letter {
            letters += 1;
            all_standalone &= standalone(u[k].c);
            votes.add(u[k].c, u[k].script, u[k].upper);
        }
    }
    if letters < 3 {
        return;
    }
    let elems = (last - first) / 2 + 1;
    if elems == 3 && letters == 3 && all_standalone && spaces_only {
        return;
    }
    runs.push(Run {
        first,
        last,
        dominant: votes.dominant(default),
    });
}

/// Add a letter to a word, collapsing a run of 3+ identical letters to 2 (the kept second letter's
/// span grows to cover the dropped ones).
#[inline]
fn push_letter(piece: &mut Vec<OutChar>, c: char, start: u32, end: u32) {
    let n = piece.len();
    if n >= 2 {
        let (a, b) = (piece[n - 2], piece[n - 1]);
        if a.kind == OutKind::Letter && b.kind == OutKind::Letter && a.c == c && b.c == c {
            piece[n - 1].end = end;
            return;
        }
    }
    piece.push(OutChar {
        c,
        start,
        end,
        kind: OutKind::Letter,
    });
}

/// Emit the word built so far (minus any trailing kept connector) and start a new one.
#[inline]
fn flush(piece: &mut Vec<OutChar>, em: &mut Emitter<'_>) {
    while piece.last().is_some_and(|x| x.kind == OutKind::Keep) {
        piece.pop();
    }
    em.token(piece);
    piece.clear();
}

/// Pass 3 for a spelled-out run.
fn emit_run(u: &[Unit], run: Run, piece: &mut Vec<OutChar>, em: &mut Emitter<'_>) {
    piece.clear();
    for k in (run.first..=run.last).step_by(2) {
        let x = &u[k];
        match x.kind {
            Kind::Letter => {
                let c = confusables::fold(x.c, x.script, x.upper, run.dominant);
                push_letter(piece, c, x.start, x.end);
            }
            Kind::Digit => match leet::decode_digit(x.c, run.dominant) {
                Some(c) => push_letter(piece, c, x.start, x.end),
                None => piece.push(OutChar {
                    c: x.c,
                    start: x.start,
                    end: x.end,
                    kind: OutKind::Digit,
                }),
            },
            _ => push_letter(piece, leet::decode_sym(x.c, run.dominant), x.start, x.end),
        }
    }
    let before = em.text.len();
    flush(piece, em);
    if em.text.len() > before {
        // `begin_token` put a space first unless this is the first token.
        let start = if before == 0 { 0 } else { before + 1 };
        em.spelled.push((start as u32, em.text.len() as u32));
    }
}

/// Pass 3 for an ordinary word: units `a..b`, all with word roles.
fn emit_word(
    u: &[Unit],
    roles: &[Role],
    a: usize,
    b: usize,
    default: MessageScript,
    piece: &mut Vec<OutChar>,
    em: &mut Emitter<'_>,
) {
    let mut k = leet::Counts::default();
    let mut votes = Votes::default();
    let mut last_letterish = None;
    let mut has_cand = false;
    // A digit run of 3+, or of 2 at the word's edge, marks a number or an id (`covid19`).
    let mut long_or_edge_run = false;
    for i in a..b {
        match roles[i] {
            Role::Letter => {
                k.letters += 1;
                votes.add(u[i].c, u[i].script, u[i].upper);
                last_letterish = Some(i);
            }
            Role::Cand => {
                has_cand = true;
                last_letterish = Some(i);
            }
            Role::Digit => {
                k.digits += 1;
                if i == a || roles[i - 1] != Role::Digit {
                    let mut j = i + 1;
                    while j < b && roles[j] == Role::Digit {
                        j += 1;
                    }
                    // A doubled digit between letters is leet too (`sh00t`, `sch00l`); any other
                    // run of digits means a number or an id.
                    let letterish = |r: Role| matches!(r, Role::Letter | Role::Cand);
                    let doubled = j - i == 2
                        && u[i].c == u[i + 1].c
                        && i > a
                        && letterish(roles[i - 1])
                        && j < b
                        && letterish(roles[j]);
                    if j - i >= 2 && !doubled {
                        k.digit_run = true;
                    }
                    let internal = i > a && letterish(roles[i - 1]) && j < b && letterish(roles[j]);
                    if j - i > 2 || (j - i == 2 && !internal) {
                        long_or_edge_run = true;
                    }
                }
            }
            Role::Keep if u[i].c != '*' => k.number_punct = true,
            _ => {}
        }
    }
    let dominant = votes.dominant(default);
    // Heavily digited words still read as leet when shaped like a word: at least two letters,
    // ending in a letter, no long or edge digit runs, digits at most one more than letters
    // (`1d10t`, `1s1s`; an id such as `4a7f` decodes too, harmlessly: it spells nothing).
    let numeric_shape = k.digits > 0
        && leet::looks_numeric(
            (a..b)
                .filter(|&i| matches!(roles[i], Role::Letter | Role::Digit | Role::Cand))
                .map(|i| &u[i]),
        );
    // Heavily digited words still read as leet when shaped like a word: at least two letters,
    // ending in a letter, no long or edge digit runs, digits at most one more than letters
    // (`1d10t`, `1s1s`, `l33t`; an id such as `4a7f` decodes too, harmlessly: it spells nothing).
    let word_shaped = k.letters >= 2
        && k.digits <= k.letters + 1
        && !long_or_edge_run
        && !k.number_punct
        && !numeric_shape
        && last_letterish == Some(b - 1);
    let decode = (k.digits > 0 || has_cand)
        && (word_shaped || leet::should_decode(&leet::Counts { numeric_shape, ..k }));
    piece.clear();
    for i in a..b {
        let x = &u[i];
        match roles[i] {
            Role::Letter => {
                let c = confusables::fold(x.c, x.script, x.upper, dominant);
                push_letter(piece, c, x.start, x.end);
            }
            Role::Digit => {
                // Never decode a trailing digit: `mp3`, `ps4`, `web3` are names, not leet.
                let decoded = if decode && last_letterish.is_some_and(|l| i < l) {
                    leet::decode_digit(x.c, dominant)
                } else {
                    None
                };
                match decoded {
                    Some(c) => push_letter(piece, c, x.start, x.end),
                    None => piece.push(OutChar {
                        c: x.c,
                        start: x.start,
                        end: x.end,
                        kind: OutKind::Digit,
                    }),
                }
            }
            Role::Cand => {
                if decode {
                    push_letter(piece, leet::decode_sym(x.c, dominant), x.start, x.end);
                } else {
                    flush(piece, em);
                    if x.c == '!' {
                        em.begin_token(x.start);
                        em.push('!', x.start, x.end);
                    }
                }
            }
            Role::Keep => {
                if !piece.is_empty() {
                    piece.push(OutChar {
                        c: x.c,
                        start: x.start,
                        end: x.end,
                        kind: OutKind::Keep,
                    });
                }
            }
            Role::Drop | Role::Glue | Role::Sep | Role::Punct => {}
        }
    }
    if glued_clitic(roles, a, b) {
        // `they 're` → `theyre`, `do n't` → `dont`: onto the word before, without a space.
        for oc in piece.iter() {
            em.push(oc.c, oc.start, oc.end);
        }
        piece.clear();
        return;
    }
    flush(piece, em);
}

/// Clitics written apart from their word in tokenised corpora (`they 're`, `it 's`, `I 'm`), after
/// the apostrophe.
const CLITICS: &[&str] = &["s", "re", "m", "ll", "ve", "d"];

/// Whether a clitic ends at unit `j`: the segment ends, or a separator or punctuation other than
/// a quotation mark follows (`they 're ,`, not `the 's' key`).
fn clitic_ends(u: &[Unit], j: usize) -> bool {
    u.get(j).map_or(true, |x| {
        x.is_sep() || (x.kind == Kind::Punct && x.c != '"')
    })
}

/// Whether the letters after the apostrophe at unit `i` are a clitic ([`CLITICS`]) that ends there.
fn clitic_after(u: &[Unit], i: usize) -> bool {
    let mut buf = [0u8; 2];
    let mut n = 0;
    let mut j = i + 1;
    while j < u.len() && u[j].kind == Kind::Letter && u[j].c.is_ascii_lowercase() {
        if n == 2 {
            return false;
        }
        buf[n] = u[j].c as u8;
        n += 1;
        j += 1;
    }
    n > 0 && clitic_ends(u, j) && CLITICS.iter().any(|c| c.as_bytes() == &buf[..n])
}

/// Whether unit `i` follows a word with exactly one separator between (inside the segment, or,
/// for the segment's first unit, `glued_before`).
fn after_word(u: &[Unit], i: usize, glued_before: bool) -> bool {
    if i == 0 {
        return glued_before;
    }
    i >= 2 && u[i - 1].is_sep() && u[i - 2].kind == Kind::Letter && (i < 3 || !u[i - 3].is_sep())
}

/// Whether the word `a..b` is a clitic written apart that joins the word before: its apostrophe,
/// before it (`'re`) or inside (`n't`), is a [`Role::Glue`].
fn glued_clitic(roles: &[Role], a: usize, b: usize) -> bool {
    (a >= 1 && roles[a - 1] == Role::Glue) || (b > a + 1 && roles[a + 1] == Role::Glue)
}

/// Punctuation that is a token of its own wherever it stands next to letters at a word's edge.
#[inline]
fn is_plain_punct(x: &Unit) -> bool {
    x.kind == Kind::Punct && matches!(x.c, '.' | ',' | '!' | '?' | ':' | ';' | '(' | ')' | '"')
}

/// Write punctuation unit `i`, collapsing it into the previous token if that was the same char
/// at unit `i - 1`.
#[inline]
fn emit_punct(u: &[Unit], i: usize, last_punct: &mut Option<(char, usize)>, em: &mut Emitter<'_>) {
    let p = if u[i].kind == Kind::Apos { '"' } else { u[i].c };
    match *last_punct {
        Some((q, j)) if q == p && j + 1 == i => em.extend_last(u[i].end),
        _ => {
            em.begin_token(u[i].start);
            em.push(p, u[i].start, u[i].end);
        }
    }
    *last_punct = Some((p, i));
}

/// Fast path for a whole segment that is an ASCII word followed by plain punctuation, written
/// straight from the input: `word` (2+ letters, or 1 letter if `punct` is non-empty, described by
/// `scan`) starts at input offset `start`, `punct` follows it. Same result as the general path.
pub(crate) fn emit_ascii_word(
    word: &str,
    scan: &AsciiLetters,
    punct: &[u8],
    start: usize,
    default: MessageScript,
    em: &mut Emitter<'_>,
) {
    let bytes = word.as_bytes();
    // All letters are Latin, so the word is Latin unless every letter is a look-alike.
    let dominant = if scan.votes_latin {
        Script::Latin
    } else {
        Votes::default().dominant(default)
    };
    if !bytes.is_empty() {
        em.begin_token(start as u32);
        if dominant == Script::Latin && !scan.triple {
            em.push_ascii_lower(word, start as u32);
        } else {
            let mut prev = '\0';
            let mut same = 0;
            for (k, &b) in bytes.iter().enumerate() {
                let pos = (start + k) as u32;
                let l = (b | 0x20) as char;
                let c = if dominant == Script::Latin {
                    l
                } else {
                    confusables::latin_to_cyrillic(l, b.is_ascii_uppercase())
                };
                if c == prev {
                    same += 1;
                    if same >= 2 {
                        em.extend_last(pos + 1);
                        continue;
                    }
                } else {
                    prev = c;
                    same = 0;
                }
                em.push(c, pos, pos + 1);
            }
        }
    }
    emit_punct_bytes(punct, start + bytes.len(), em);
}

/// Like [`emit_ascii_word`] for a word of ASCII letters and `А..я Ё ё` (at least one of the
/// latter), which needs per-letter votes and folding.
pub(crate) fn emit_simple_word(
    word: &str,
    punct: &[u8],
    start: usize,
    default: MessageScript,
    em: &mut Emitter<'_>,
) {
    let classify = |ch: char| -> (char, bool, Script) {
        if ch.is_ascii() {
            (
                ch.to_ascii_lowercase(),
                ch.is_ascii_uppercase(),
                Script::Latin,
            )
        } else {
            let (l, up) = super::chars::basic_cyrillic(ch).unwrap_or((ch, false));
            (l, up, Script::Cyrillic)
        }
    };
    let mut votes = Votes::default();
    // Every char already a lowercase Russian letter other than `ё` (so the text can be copied).
    let mut plain = true;
    let mut triple = false;
    let (mut p1, mut p2) = ('\0', '\0');
    for ch in word.chars() {
        let (l, up, script) = classify(ch);
        plain &= script == Script::Cyrillic && l == ch;
        votes.add(l, script, up);
        triple |= l == p1 && l == p2;
        p2 = p1;
        p1 = l;
    }
    let dominant = votes.dominant(default);
    if !word.is_empty() {
        em.begin_token(start as u32);
    }
    if plain && !triple && dominant == Script::Cyrillic {
        em.push_two_byte_str(word, start as u32);
    } else {
        let mut prev = '\0';
        let mut same = 0;
        for (k, ch) in word.char_indices() {
            let pos = (start + k) as u32;
            let end = pos + ch.len_utf8() as u32;
            let (l, up, script) = classify(ch);
            let c = confusables::fold(l, script, up, dominant);
            if c == prev {
                same += 1;
                if same >= 2 {
                    em.extend_last(end);
                    continue;
                }
            } else {
                prev = c;
                same = 0;
            }
            em.push(c, pos, end);
        }
    }
    emit_punct_bytes(punct, start + word.len(), em);
}

/// Plain punctuation bytes starting at input offset `start`, runs of the same char collapsed.
fn emit_punct_bytes(punct: &[u8], start: usize, em: &mut Emitter<'_>) {
    let mut prev = 0u8;
    for (k, &b) in punct.iter().enumerate() {
        let pos = (start + k) as u32;
        if b == prev {
            em.extend_last(pos + 1);
        } else {
            em.begin_token(pos);
            em.push(b as char, pos, pos + 1);
            prev = b;
        }
    }
}

/// Fast path for the most common segment shape: optional punctuation, letters, optional
/// punctuation (`hello`, `(world),`, `"ok!"`). No roles, runs or leet can apply; returns `false`
/// (having written nothing) if the segment has another shape.
fn fast_segment(u: &[Unit], default: MessageScript, em: &mut Emitter<'_>) -> bool {
    let n = u.len();
    let mut a = 0;
    while a < n && is_plain_punct(&u[a]) {
        a += 1;
    }
    let mut b = a;
    let mut votes = Votes::default();
    while b < n && u[b].kind == Kind::Letter {
        votes.add(u[b].c, u[b].script, u[b].upper);
        b += 1;
    }
    if u[b..].iter().any(|x| !is_plain_punct(x)) {
        return false;
    }
    let mut last_punct = None;
    for i in 0..a {
        emit_punct(u, i, &mut last_punct, em);
    }
    if b > a {
        let dominant = votes.dominant(default);
        em.begin_token(u[a].start);
        let mut prev = '\0';
        let mut same = 0;
        for x in &u[a..b] {
            let c = confusables::fold(x.c, x.script, x.upper, dominant);
            if c == prev {
                same += 1;
                if same >= 2 {
                    em.extend_last(x.end);
                    continue;
                }
            } else {
                prev = c;
                same = 0;
            }
            em.push(c, x.start, x.end);
        }
    }
    let mut last_punct = None;
    for i in b..n {
        emit_punct(u, i, &mut last_punct, em);
    }
    true
}

/// Tokenise one segment (a slice of units starting and ending with a non-separator).
/// `fast` enables the shortcut for simple segments (switched off only by tests, to check that
/// both paths agree).
pub(crate) fn process_segment(
    u: &[Unit],
    sc: &mut Scratch,
    default: MessageScript,
    fast: bool,
    em: &mut Emitter<'_>,
) {
    if u.is_empty() || (fast && fast_segment(u, default, em)) {
        return;
    }
    let Scratch { roles, runs, piece } = sc;
    // Whether the segment follows a word with one separator between (`they` before `'re`).
    let glued_before = em.last_end + 1 == u[0].start
        && em
            .text
            .as_bytes()
            .last()
            .is_some_and(u8::is_ascii_alphabetic);
    assign_roles(u, glued_before, roles);
    find_runs(u, default, runs);
    let n = u.len();
    let mut next_run = 0;
    let mut i = 0;
    // Last punctuation token written: (char, unit index), to collapse `!!!`.
    let mut last_punct: Option<(char, usize)> = None;
    while i < n {
        if let Some(run) = runs.get(next_run).copied() {
            if run.first == i {
                emit_run(u, run, piece, em);
                last_punct = None;
                i = run.last + 1;
                next_run += 1;
                continue;
            }
        }
        match roles[i] {
            Role::Sep | Role::Drop | Role::Glue | Role::Keep => i += 1,
            Role::Punct => {
                emit_punct(u, i, &mut last_punct, em);
                i += 1;
            }
            Role::Letter | Role::Digit | Role::Cand => {
                let limit = runs.get(next_run).map_or(n, |r| r.first);
                let mut j = i + 1;
                while j < limit
                    && matches!(
                        roles[j],
                        Role::Letter
                            | Role::Digit
                            | Role::Cand
                            | Role::Drop
                            | Role::Glue
                            | Role::Keep
                    )
                {
                    j += 1;
                }
                emit_word(u, roles, i, j, default, piece, em);
                last_punct = None;
                i = j;
            }
        }
    }
}
