//! Unicode normalisation against evasion, with an offset map back to the original text.
//!
//! Harmful messages are disguised with styled alphabets (`𝐤𝐢𝐥𝐥`), invisible characters
//! (`k\u{200B}ill`), letters from another script (`сука` with a Latin `c`), leetspeak (`k1ll`),
//! spelled-out letters (`k i l l`) and stretched words (`fuuuuck`). [`normalize`] undoes all of that
//! and produces a plain token stream for the lexicon and model stages, plus a map from every byte of
//! that stream back to the original message so matches can be highlighted in the user's own text.
//!
//! # Output
//! Tokens separated by exactly one ASCII space, no leading/trailing space:
//! - words: lowercase Latin/Cyrillic letters (other scripts' letters are kept as they are), possibly
//!   with censor stars inside (`f*ck`), or with digits when they are not leetspeak (`covid19`);
//! - numbers: digits with their internal `. , : - /` (`12:30`, `3.50`, `2024-01-01`, `1,000`);
//! - punctuation: one of `. , ! ? : ; ( ) "`, runs of the same char collapsed; every quotation mark
//!   becomes `"`.
//!
//! Everything else is a separator and produces nothing.
//!
//! # Pipeline
//! 1. Per char (`chars.rs`): drop default-ignorables (zero-width, bidi controls, soft hyphen,
//!    variation selectors, tags) without splitting the word; NFKD (so styled, fullwidth and circled
//!    letters become plain), lowercase, drop combining marks (diacritics), fold stroke/ligature/small
//!    capital letters (`ł ø ß æ ᴋ`) and regional-indicator/enclosed letters. `й` keeps its breve,
//!    `ё` becomes `е`. NFKD per char followed by mark removal gives the same letters as NFKC, then
//!    NFD, then stripping marks.
//! 2. Segmenting (here): units are buffered until a point no rule can look across, i.e. any
//!    separator except a single space after a lone letter (which may be part of `k i l l`).
//! 3. Per segment (`tokenize.rs`): roles, spelled-out runs, then per word look-alike folding into the
//!    word's dominant script (`confusables.rs`), leetspeak (`leet.rs`) and repeated-letter collapsing
//!    (3+ identical letters → 2).
//!
//! Plain words (ASCII letters and/or `А..я Ё ё`, optionally followed by plain punctuation, between
//! ASCII separators) skip steps 1–3 and are written straight from the input bytes; a test checks
//! that this gives exactly the same text and map as the general path.
//!
//! # Choices where the rules needed a judgement call
//! - `.` between letters joins them (`fu.ck` → `fuck`) unless a lowercase letter is followed by an
//!   uppercase one (`end.Start` → `end . start`); all-caps `FU.CK` still joins. `!` between letters
//!   is leet `i` (`sh!t`) under the same sentence-end exception.
//! - `-` joins only spelled-out single letters (`f-u-c-k`); between longer parts it separates, so
//!   `sh-it` → `sh it` just like `well-known` → `well known`.
//! - Spelled-out runs: spaces and single `. - _ * , /` may be mixed, but when a run has both, the
//!   spaces separate words (`j.o.i.n i.s.i.s` → `join isis`, `such a r.e.t.a.r.d` → `such a
//!   retard`). Three space-separated letters that are each a word on their own (`а я в`, `u r a`)
//!   are not joined. Runs may contain decodable leet digits/symbols inside (`k.1.l.l`, `k 1 l l`).
//! - Leet: a digit at the end of a word is never decoded (`mp3`, `ps4`, `web3`), nor a leading digit
//!   followed by a unit/ordinal suffix (`3am`, `1st`, `5min`, `3км`), nor anything in `0x..`.
//!   `b2b` stays `b2b` because `2` has no letter reading. One doubled digit between letters is not
//!   a "run of digits" (`sh00t`, `sch00l` decode), but letters must still outnumber digits
//!   (`l33t`, `1s1s`, `1d10t` stay).
//! - Script of a word: its unambiguous letters decide; if they tie, the message's unambiguous
//!   letters (`ты cyкa` → `ты сука`); then, for a word that mixes scripts, its own majority
//!   (`cука` alone → `сука`); then the message's letter majority (`сор` alone stays Cyrillic,
//!   `call the сор` → `call the cop`). Latin `B`/`H` (capitals) fold to `в`/`н`; lowercase `b` to
//!   `б`; Latin `n`/`u` fold to `п`/`и` by shape.
//! - Inputs longer than `u32::MAX` bytes are cut at that length (offsets are stored as `u32` to
//!   halve the map's size); a single segment (e.g. one "word" without separators) longer than
//!   [`MAX_SEGMENT_UNITS`] units is split there to bound memory.

mod chars;
mod confusables;
mod leet;
mod plain;
mod tokenize;

use chars::{Kind, Script, Sink, Unit};
use confusables::{MessageScript, Votes};
use tokenize::Emitter;

/// Longest run of units buffered before a segment is force-processed. Only reached by inputs with
/// a 64Ki-char "word" or 32Ki spelled-out letters; keeps memory bounded on hostile input.
pub const MAX_SEGMENT_UNITS: usize = 1 << 16;

/// Reusable working buffers (not part of the result).
#[derive(Clone, Default)]
struct Scratch {
    units: Vec<Unit>,
    tok: tokenize::Scratch,
}

impl core::fmt::Debug for Scratch {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Scratch")
    }
}

/// The normalised form of one message plus a map back to the original.
#[derive(Clone, Debug, Default)]
pub struct Normalized {
    text: String,
    /// For each byte of `text`: the byte range of the original input it came from.
    map: Vec<(u32, u32)>,
    src_len: usize,
    latin: usize,
    cyrillic: usize,
    /// Byte ranges of `text` holding a token joined from letters spelled out one by one
    /// (`a m o r o n` → `amoron`): where the word breaks are unknown. Valid until the text is
    /// edited.
    spelled: Vec<(u32, u32)>,
    scratch: Scratch,
}

impl Normalized {
    /// An empty result whose buffers [`normalize_into`] can reuse.
    pub fn new() -> Normalized {
        Normalized::default()
    }

    /// The normalised text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Byte range `[start, end)` of the normalised text → byte range in the original input covering
    /// every original char that produced it. Always on char boundaries of the original, with
    /// `start <= end <= input.len()`. Out-of-range arguments are clamped; an empty range maps to an
    /// empty range at the corresponding place in the original.
    pub fn source_span(&self, start: usize, end: usize) -> (usize, usize) {
        let n = self.map.len();
        let end = end.min(n);
        let start = start.min(end);
        if n == 0 {
            return (0, 0);
        }
        if start == end {
            let p = if start < n {
                self.map[start].0
            } else {
                self.map[n - 1].1
            };
            return (p as usize, p as usize);
        }
        let a = self.map[start].0;
        let b = self.map[end - 1].1.max(a);
        (a as usize, b as usize)
    }

    /// Count of Latin-script letters in the input (after compatibility folding, before look-alike
    /// folding).
    pub fn latin_letters(&self) -> usize {
        self.latin
    }

    /// Count of Cyrillic letters in the input (before look-alike folding).
    pub fn cyrillic_letters(&self) -> usize {
        self.cyrillic
    }

    /// Counts `letters` Latin letters as Cyrillic: the message was Russian typed in Latin letters
    /// (`crate::translit`), and its language is Russian.
    pub(crate) fn read_as_cyrillic(&mut self, letters: usize) {
        let letters = letters.min(self.latin);
        self.latin -= letters;
        self.cyrillic += letters;
    }

    /// Replaces byte ranges of the text (whole tokens, sorted, not overlapping) with other words;
    /// each new byte maps to the whole range of the original that the replaced token came from.
    pub(crate) fn replace_tokens(&mut self, edits: &[(usize, usize, &str)]) {
        let mut text = String::with_capacity(self.text.len() + edits.len() * 4);
        let mut map = Vec::with_capacity(self.map.len() + edits.len() * 4);
        let mut at = 0;
        for &(start, end, word) in edits {
            if start < at
                || start >= end
                || end > self.text.len()
                || !self.text.is_char_boundary(start)
                || !self.text.is_char_boundary(end)
            {
                continue;
            }
            text.push_str(&self.text[at..start]);
            map.extend_from_slice(&self.map[at..start]);
            let source = (self.map[start].0, self.map[end - 1].1);
            text.push_str(word);
            map.extend(core::iter::repeat(source).take(word.len()));
            at = end;
        }
        text.push_str(&self.text[at..]);
        map.extend_from_slice(&self.map[at..]);
        self.text = text;
        self.map = map;
        self.spelled.clear();
    }

    /// The tokens joined from spelled-out letters (byte ranges of [`as_str`](Self::as_str)).
    pub(crate) fn spelled_out(&self) -> &[(u32, u32)] {
        &self.spelled
    }

    /// The first byte of the text that comes from byte `p` of the original or later (the
    /// text's length if none): the map's starts never go down, so a binary search finds it.
    pub(crate) fn first_from(&self, p: usize) -> usize {
        self.map.partition_point(|m| (m.0 as usize) < p)
    }

    /// The map entry of byte `i` of the text.
    pub(crate) fn origin(&self, i: usize) -> Option<(u32, u32)> {
        self.map.get(i).copied()
    }

    /// Edits word breaks: `breaks` holds byte positions of the text, sorted; at a space the space
    /// is removed (two tokens become one word), elsewhere a space is put in (one token becomes
    /// two words) that maps to whatever separated the two letters in the original. Positions
    /// out of order, off a char boundary or at either end are ignored.
    pub(crate) fn edit_breaks(&mut self, breaks: &[usize]) {
        let mut text = String::with_capacity(self.text.len() + breaks.len());
        let mut map = Vec::with_capacity(self.map.len() + breaks.len());
        let mut at = 0;
        for &k in breaks {
            if k < at.max(1) || k >= self.text.len() || !self.text.is_char_boundary(k) {
                continue;
            }
            text.push_str(&self.text[at..k]);
            map.extend_from_slice(&self.map[at..k]);
            if self.text.as_bytes()[k] == b' ' {
                at = k + 1;
            } else {
                let (a, b) = (self.map[k - 1].1, self.map[k].0);
                text.push(' ');
                map.push(if a <= b { (a, b) } else { (b, b) });
                at = k;
            }
        }
        text.push_str(&self.text[at..]);
        map.extend_from_slice(&self.map[at..]);
        self.text = text;
        self.map = map;
        self.spelled.clear();
    }

    /// Length in bytes of the input this was produced from (after the `u32::MAX` cap).
    pub fn source_len(&self) -> usize {
        self.src_len
    }
}

/// Feeds units into segments and segments into the tokenizer.
struct Segmenter<'a> {
    units: &'a mut Vec<Unit>,
    /// Index in `units` where the current trailing run of separators starts.
    sep_start: Option<usize>,
    tok: &'a mut tokenize::Scratch,
    default: MessageScript,
    /// A word of look-alike letters only is Latin in this message.
    latin_default: bool,
    /// Fast paths enabled (tests switch them off to compare).
    fast: bool,
    /// Letters seen so far, by script.
    latin: usize,
    cyrillic: usize,
    em: Emitter<'a>,
}

impl Segmenter<'_> {
    /// Would a non-separator arriving now end the buffered segment (or is nothing buffered)?
    #[inline]
    fn at_boundary(&self) -> bool {
        match self.sep_start {
            None => self.units.is_empty(),
            Some(ss) => {
                let single_space = self.units.len() - ss == 1 && self.units[ss].kind == Kind::Space;
                !(single_space && tokenize::may_continue_run(&self.units[..ss]))
            }
        }
    }

    /// Fast path for the most common input: a word of plain ASCII and/or Russian letters
    /// (optionally followed by plain punctuation) that ends at an ASCII separator or the end of
    /// input, and cannot be part of a spelled-out run, is a segment of its own; it is written
    /// straight from the input without building units. `input[i..]` starts with such a letter.
    /// Otherwise its letters are fed as units (all of them, so each byte is scanned once).
    /// Returns where to continue.
    #[inline]
    fn simple_word(&mut self, input: &str, i: usize) -> usize {
        let bytes = input.as_bytes();
        // One pass over the ASCII letters gathers what the emitter needs; Russian letters (rarely
        // mixed with ASCII ones) send the rest of the word to the per-letter loop below.
        let mut i = i;
        let mut ascii = plain::scan_ascii_letters(bytes.get(i..).unwrap_or(&[]));
        // A stretch of plain words is written in one piece. Its first word has 2+ letters and
        // ends at a space, so it is a segment of its own once whatever is buffered is complete.
        if self.sep_start.is_some() || self.units.is_empty() {
            if let Some(st) = plain::stretch(bytes, i, &ascii, self.latin_default) {
                if let Some(ss) = self.sep_start {
                    self.process(ss);
                }
                self.latin += st.latin;
                self.cyrillic += st.cyrillic;
                let run = input.get(i..st.end).unwrap_or("");
                self.em.begin_token(i as u32);
                if st.cyrillic == 0 {
                    self.em.push_ascii_lower(run, i as u32);
                } else {
                    self.em.push_plain(run, i as u32);
                }
                i = st.next;
                ascii = st.next_word;
            }
        }
        let mut j = i + ascii.len;
        let mut letters = ascii.len;
        let mut cyrillic = 0usize;
        while let Some(&b) = bytes.get(j) {
            if b.is_ascii_alphabetic() {
                j += 1;
            } else if is_basic_cyrillic_utf8(b, bytes.get(j + 1).copied()) {
                j += 2;
                cyrillic += 1;
            } else {
                break;
            }
            letters += 1;
        }
        let mut k = j;
        while k < bytes.len()
            && matches!(
                bytes[k],
                b'.' | b',' | b'!' | b'?' | b':' | b';' | b')' | b'"'
            )
        {
            k += 1;
        }
        // Anything glued on after the word needs the general rules (a non-ASCII char may be a
        // combining mark or an invisible joiner).
        let ends_clean = bytes.get(k).map_or(true, |&nb| {
            nb < 0x80 && matches!(chars::ASCII_KIND[nb as usize], Kind::Space | Kind::Other)
        });
        // A word of 2+ letters is never a run element, so whatever is buffered before it is
        // complete once a separator was seen; a lone letter (`a,`) may still continue a run.
        let boundary = match self.sep_start {
            None => self.units.is_empty(),
            Some(_) if letters >= 2 => true,
            Some(_) => self.at_boundary(),
        };
        if !(ends_clean && (letters >= 2 || k > j) && boundary) {
            let mut p = i;
            while p < j {
                match input.get(p..).and_then(|rest| rest.chars().next()) {
                    Some(c) => {
                        let e = p + c.len_utf8();
                        chars::map_char(c, p as u32, e as u32, self);
                        p = e;
                    }
                    None => break,
                }
            }
            return j;
        }
        if let Some(ss) = self.sep_start {
            self.process(ss);
        }
        let word = input.get(i..j).unwrap_or("");
        self.latin += letters - cyrillic;
        self.cyrillic += cyrillic;
        let punct = &bytes[j..k];
        if cyrillic == 0 {
            tokenize::emit_ascii_word(word, &ascii, punct, i, self.default, &mut self.em);
        } else {
            tokenize::emit_simple_word(word, punct, i, self.default, &mut self.em);
        }
        k
    }

    fn process(&mut self, upto: usize) {
        tokenize::process_segment(
            &self.units[..upto],
            self.tok,
            self.default,
            self.fast,
            &mut self.em,
        );
        self.units.clear();
        self.sep_start = None;
    }

    fn finish(&mut self) {
        let upto = self.sep_start.unwrap_or(self.units.len());
        self.process(upto);
    }
}

impl Sink for Segmenter<'_> {
    #[inline]
    fn unit(&mut self, u: Unit) {
        if u.kind == Kind::Letter {
            match u.script {
                Script::Latin => self.latin += 1,
                Script::Cyrillic => self.cyrillic += 1,
                _ => {}
            }
        }
        if u.is_sep() {
            if self.units.is_empty() {
                return; // nothing before it to join with
            }
            match self.sep_start {
                None => self.sep_start = Some(self.units.len()),
                // Only "one space or more than that" matters: keep at most two separators.
                Some(ss) if self.units.len() - ss >= 2 => return,
                Some(_) => {}
            }
            self.units.push(u);
            return;
        }
        if let Some(ss) = self.sep_start {
            // A single space after a lone letter may continue a spelled-out run: keep buffering.
            let single_space = self.units.len() - ss == 1 && self.units[ss].kind == Kind::Space;
            if single_space && tokenize::may_continue_run(&self.units[..ss]) {
                self.sep_start = None;
            } else {
                self.process(ss);
            }
        }
        if self.units.len() >= MAX_SEGMENT_UNITS {
            let n = self.units.len();
            self.process(n);
        }
        self.units.push(u);
    }

    #[inline]
    fn mark(&mut self, m: char, end: u32) {
        if self.sep_start.is_some() {
            return; // a mark after a separator has no base letter: just dropped
        }
        if let Some(last) = self.units.last_mut() {
            if matches!(last.kind, Kind::Letter | Kind::Digit) {
                if m == '\u{0306}' && last.c == 'и' {
                    last.c = 'й'; // decomposed `й` keeps its breve
                }
                if last.end < end {
                    last.end = end;
                }
            }
        }
    }
}

/// Do bytes `b0 b1` start one of `А..я Ё ё` (two-byte UTF-8: D0 81, D0 90..BF, D1 80..8F, D1 91)?
#[inline]
fn is_basic_cyrillic_utf8(b0: u8, b1: Option<u8>) -> bool {
    match (b0, b1) {
        (0xD0, Some(b)) => b == 0x81 || (0x90..=0xBF).contains(&b),
        (0xD1, Some(b)) => b == 0x91 || (0x80..=0x8F).contains(&b),
        _ => false,
    }
}

/// The longest prefix of `input` whose byte offsets fit in `u32`.
fn clamp_len(input: &str) -> &str {
    let max = u32::MAX as usize;
    if input.len() <= max {
        return input;
    }
    let mut k = max;
    while k > 0 && !input.is_char_boundary(k) {
        k -= 1;
    }
    input.get(..k).unwrap_or("")
}

/// Normalise `input` into `out`, reusing its buffers (no allocation once they are warm).
pub fn normalize_into(input: &str, out: &mut Normalized) {
    normalize_with(input, out, true);
}

fn normalize_with(input: &str, out: &mut Normalized, fast: bool) {
    let input = clamp_len(input);
    out.text.clear();
    out.map.clear();
    out.spelled.clear();
    out.src_len = input.len();
    // The message majority script is needed before the first word is written, so non-ASCII input
    // is counted up front; an ASCII message is Latin-majority by definition and is counted on the
    // way through.
    let ascii = input.is_ascii();
    let (latin, cyrillic, default) = if ascii {
        (0, 0, MessageScript::LATIN)
    } else {
        chars::count_letters(input)
    };
    let Normalized {
        text,
        map,
        spelled,
        scratch,
        ..
    } = out;
    let Scratch { units, tok } = scratch;
    units.clear();
    let mut seg = Segmenter {
        units,
        sep_start: None,
        tok,
        default,
        latin_default: Votes::default().dominant(default) == Script::Latin,
        fast,
        latin: 0,
        cyrillic: 0,
        em: Emitter {
            text,
            map,
            spelled,
            last_end: 0,
        },
    };
    let bytes = input.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if fast && b.is_ascii_alphabetic() {
                i = seg.simple_word(input, i);
                continue;
            }
            seg.unit(chars::ascii_unit(
                b,
                i as u32,
                i as u32 + 1,
                b.is_ascii_uppercase(),
            ));
            i += 1;
            continue;
        }
        if fast && is_basic_cyrillic_utf8(b, bytes.get(i + 1).copied()) {
            i = seg.simple_word(input, i);
            continue;
        }
        match input.get(i..).and_then(|rest| rest.chars().next()) {
            Some(c) => {
                let end = i + c.len_utf8();
                chars::map_char(c, i as u32, end as u32, &mut seg);
                i = end;
            }
            None => i += 1, // not reachable for a valid `&str`; just make progress
        }
    }
    seg.finish();
    debug_assert!(ascii || (seg.latin, seg.cyrillic) == (latin, cyrillic));
    out.latin = seg.latin;
    out.cyrillic = seg.cyrillic;
}

/// Allocate and normalise.
pub fn normalize(input: &str) -> Normalized {
    let mut out = Normalized::new();
    normalize_into(input, &mut out);
    out
}

#[cfg(test)]
mod tests;
