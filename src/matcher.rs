//! One Aho-Corasick automaton over every deny and allow term, run on a "squeezed" copy of the
//! normalised text in which repeated letters count once.
//!
//! Why squeeze: the normaliser caps letter runs at two (`kiiiill` → `kiill`), and neither `kill` nor
//! `kil` would find that. Here both the text and every term are squeezed (`kil`), the automaton finds
//! the candidates, and a candidate is kept only if each letter run in the text is at least as long
//! as in the term: `kiill` is `kill`, but `as` is not `ass`.

use crate::automaton::Automaton;
use crate::lexicon::{Entry, Term};
use crate::normalize::Normalized;
use crate::tables::codec::{DecodeError, Reader, Writer};

/// What a pattern stands for.
#[derive(Clone, Copy, Debug)]
enum Role {
    /// Index into the deny entries.
    Deny(u32),
    /// An allow term: hits inside its region are dropped.
    Allow,
}

#[derive(Clone, Debug)]
struct Pattern {
    role: Role,
    /// Where the letter-run length of each byte of the squeezed pattern (0 for spaces) is, in
    /// [`Matcher::runs`]: one buffer for all patterns, so that loading the tables does not
    /// allocate once per pattern.
    runs: (u32, u32),
}

/// A deny term found in a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Index of the deny entry.
    pub entry: u32,
    /// Length of the matched pattern itself, before widening: among hits on the same words the
    /// longest pattern wins (`идиотск*` over `идиот*` on "идиотские").
    pub matched: u32,
    /// Byte range of the evidence in the normalised text, widened to whole words.
    pub start: usize,
    pub end: usize,
}

/// The squeezed copy of one normalised message; reusable across messages.
#[derive(Clone, Debug, Default)]
pub struct Squeezed {
    /// `" " + squeezed tokens + " "` (UTF-8: whole chars of the normalised text are copied).
    text: Vec<u8>,
    /// Per byte of `text`: the letter-run length of its char in the normalised text (0 for non-letters).
    runs: Vec<u8>,
    /// Where `text` and the normalised text go out of step, as `(index in text, index in the
    /// normalised text)`: from each on, bytes correspond one to one until the next. Only hits need
    /// to be mapped back, so the map is this short list (one entry per squeezed run or dropped
    /// comma) and [`origin`](Self::origin) works out a byte's place from it on demand.
    jumps: Vec<(u32, u32)>,
}

impl Squeezed {
    /// Builds the squeezed copy of `norm` in place.
    pub fn fill(&mut self, norm: &str) {
        // The copy is never longer than `norm` plus the two boundary spaces: the buffers are sized
        // once and written through a cursor (three `push`es a byte cost more than the work).
        let cap = norm.len() + 2;
        self.text.clear();
        self.text.resize(cap, b' ');
        self.runs.clear();
        self.runs.resize(cap, 0);
        self.jumps.clear();
        self.jumps.push((1, 0));
        let (text, runs, jumps) = (&mut self.text[..], &mut self.runs[..], &mut self.jumps);
        // `text[0]` is the leading space, with run 0.
        let mut w = 1;
        // Byte-wise: ASCII needs no decoding, and a run of one char is found by comparing its
        // bytes; only a non-ASCII char is decoded, to ask whether it is a letter.
        let bytes = norm.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            // Commas do not break a phrase: "I know, where you live" is "i know where you live".
            if b == b',' {
                i += 1;
                if bytes.get(i) == Some(&b' ') {
                    i += 1;
                }
                jumps.push((w as u32, i as u32));
                continue;
            }
            if b < 0x80 {
                // ASCII other than a comma, byte after byte while it lasts: a letter is a run of
                // one unless the next byte repeats it.
                let mut b = b;
                loop {
                    let letter = b.is_ascii_alphabetic();
                    text[w] = b;
                    runs[w] = u8::from(letter);
                    w += 1;
                    i += 1;
                    if letter && bytes.get(i) == Some(&b) {
                        let mut run = 1u8;
                        while bytes.get(i) == Some(&b) {
                            run = run.saturating_add(1);
                            i += 1;
                        }
                        runs[w - 1] = run;
                        jumps.push((w as u32, i as u32));
                    }
                    match bytes.get(i) {
                        Some(&next) if next < 0x80 && next != b',' => b = next,
                        _ => break,
                    }
                }
                continue;
            }
            let (len, letter) = match norm.get(i..).and_then(|rest| rest.chars().next()) {
                Some(c) => (c.len_utf8(), is_letter(c)),
                None => (1, false), // not reachable for a valid `&str`
            };
            let ch = &bytes[i..i + len];
            let mut end = i + len;
            let mut run = 1u8;
            if letter {
                while bytes.get(end..end + len) == Some(ch) {
                    run = run.saturating_add(1);
                    end += len;
                }
            }
            let run = if letter { run } else { 0 };
            for &byte in ch {
                text[w] = byte;
                runs[w] = run;
                w += 1;
            }
            if end > i + len {
                jumps.push((w as u32, end as u32));
            }
            i = end;
        }
        // The trailing space (already in `text`, run 0).
        w += 1;
        self.text.truncate(w);
        self.runs.truncate(w);
    }

    /// The byte range in `norm` (the text this copy was filled from) of the char that byte `k` of
    /// the copy belongs to, with the repeats squeezed after it: what `[k, k + 1)` stands for. The
    /// boundary spaces stand for the empty ranges at either end.
    fn origin(&self, norm: &[u8], k: usize) -> (usize, usize) {
        let n = norm.len();
        if k == 0 {
            return (0, 0);
        }
        if k + 1 >= self.text.len() {
            return (n, n);
        }
        let j = self.jumps.partition_point(|&(at, _)| at as usize <= k) - 1;
        let (at, from) = self.jumps[j];
        let mut i = from as usize + (k - at as usize);
        // Back to the first byte of its char (a squeezed copy holds whole chars).
        while i > 0 && (norm[i] & 0xC0) == 0x80 {
            i -= 1;
        }
        let len = match norm[i] {
            b if b < 0x80 => 1,
            b if b >= 0xF0 => 4,
            b if b >= 0xE0 => 3,
            _ => 2,
        };
        let ch = &norm[i..i + len];
        let letter = core::str::from_utf8(ch)
            .ok()
            .and_then(|s| s.chars().next())
            .is_some_and(is_letter);
        let mut end = i + len;
        if letter {
            while norm.get(end..end + len) == Some(ch) {
                end += len;
            }
        }
        (i, end)
    }

    /// Widens `[start, end)` to the whole words it touches (stopping at spaces).
    fn widen(&self, mut start: usize, mut end: usize) -> (usize, usize) {
        let b = &self.text;
        while start > 0 && b[start - 1] != b' ' {
            start -= 1;
        }
        while end < b.len() && b[end] != b' ' {
            end += 1;
        }
        (start, end)
    }

    /// Maps a squeezed range (no boundary spaces) to `norm`, the normalised text.
    fn to_normalized(&self, norm: &[u8], start: usize, end: usize) -> (usize, usize) {
        if start >= end {
            let at = self.origin(norm, start.min(self.text.len() - 1)).0;
            return (at, at);
        }
        (self.origin(norm, start).0, self.origin(norm, end - 1).1)
    }
}

/// `c.is_alphabetic()`, without the table search for the letters normalised text is made of
/// (ASCII and basic Cyrillic).
#[inline]
pub(crate) fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{400}'..='\u{481}' => true,
        _ if c.is_ascii() => false,
        _ => c.is_alphabetic(),
    }
}

/// `c.is_alphanumeric()`, with the same shortcut.
#[inline]
pub(crate) fn is_letter_or_digit(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' | '\u{400}'..='\u{481}' => true,
        _ if c.is_ascii() => false,
        _ => c.is_alphanumeric(),
    }
}

/// Squeezes a term's text into (squeezed pattern, run lengths per byte).
fn squeeze_term(text: &str) -> (String, Vec<u8>) {
    let mut sq = Squeezed::default();
    sq.fill(text);
    // Drop the boundary spaces `fill` adds.
    let inner = String::from_utf8_lossy(&sq.text[1..sq.text.len() - 1]).into_owned();
    let runs = sq.runs[1..sq.runs.len() - 1].to_vec();
    (inner, runs)
}

/// The compiled automaton with the role of each pattern.
#[derive(Clone, Debug)]
pub struct Matcher {
    automaton: Automaton,
    patterns: Vec<Pattern>,
    /// The patterns' letter runs, one after another.
    runs: Vec<u8>,
}

impl Matcher {
    /// Compiles deny entries and allow terms into one automaton.
    pub fn new(deny: &[Entry], allow: &[Term]) -> Result<Matcher, String> {
        let mut texts = Vec::with_capacity(deny.len() + allow.len());
        let mut patterns = Vec::with_capacity(deny.len() + allow.len());
        let mut all_runs = Vec::new();
        let terms = deny
            .iter()
            .enumerate()
            .map(|(i, e)| (Role::Deny(i as u32), &e.term))
            .chain(allow.iter().map(|t| (Role::Allow, t)));
        for (role, term) in terms {
            let (spaced, spaced_runs) = squeeze_term(&term.text);
            // A phrase may also arrive run together ("k i l l y o u" becomes "killyou"), so
            // deny phrases get a second, space-free pattern.
            let compact = matches!(role, Role::Deny(_)) && spaced.contains(' ');
            let variants = if compact {
                let keep: Vec<bool> = spaced.bytes().map(|b| b != b' ').collect();
                let text: String = spaced.chars().filter(|&c| c != ' ').collect();
                let runs = spaced_runs
                    .iter()
                    .zip(&keep)
                    .filter(|(_, &k)| k)
                    .map(|(r, _)| *r)
                    .collect();
                vec![(spaced, spaced_runs), (text, runs)]
            } else {
                vec![(spaced, spaced_runs)]
            };
            for (core, core_runs) in variants {
                let mut text = String::with_capacity(core.len() + 2);
                let mut runs = Vec::with_capacity(core.len() + 2);
                if !term.open_start {
                    text.push(' ');
                    runs.push(0);
                }
                text.push_str(&core);
                runs.extend_from_slice(&core_runs);
                if !term.open_end {
                    text.push(' ');
                    runs.push(0);
                }
                texts.push(text);
                let from = all_runs.len();
                all_runs.extend_from_slice(&runs);
                patterns.push(Pattern {
                    role,
                    runs: (from as u32, all_runs.len() as u32),
                });
            }
        }
        // Our own automaton (src/automaton.rs) rather than the `aho-corasick` crate's: it can be
        // stored as bytes and loaded at start-up, and it scans a tweet in ~27% fewer instructions.
        let total: usize = texts.iter().map(String::len).sum();
        if total >= 1 << 31 {
            return Err(format!(
                "cannot build the term automaton: {total} bytes of terms"
            ));
        }
        let bytes: Vec<&[u8]> = texts.iter().map(|t| t.as_bytes()).collect();
        let automaton = Automaton::new(&bytes);
        Ok(Matcher {
            automaton,
            patterns,
            runs: all_runs,
        })
    }

    /// The letter runs of `pat`.
    #[inline]
    fn runs_of(&self, pat: &Pattern) -> &[u8] {
        self.runs
            .get(pat.runs.0 as usize..pat.runs.1 as usize)
            .unwrap_or(&[])
    }

    /// Writes the automaton and each pattern's role and letter runs (read back by
    /// [`decode`](Self::decode)), so a classifier can start without compiling the terms.
    pub(crate) fn encode(&self, w: &mut Writer) {
        self.automaton.encode(w);
        w.len(self.patterns.len());
        for pat in &self.patterns {
            match pat.role {
                Role::Deny(entry) => {
                    w.u8(0);
                    w.u32(entry);
                }
                Role::Allow => w.u8(1),
            }
            w.bytes(self.runs_of(pat));
        }
    }

    /// Reads what [`encode`](Self::encode) wrote, for a lexicon of `deny_count` deny entries.
    /// Every check that [`find`](Self::find) relies on is made here: one pattern per automaton
    /// pattern, deny indices below `deny_count`, and runs as long as their pattern.
    pub(crate) fn decode(r: &mut Reader, deny_count: usize) -> Result<Matcher, DecodeError> {
        let automaton = Automaton::decode(r)?;
        let n = r.count(5)?;
        if n != automaton.pattern_count() {
            return Err(format!(
                "matcher: {n} patterns for an automaton of {}",
                automaton.pattern_count()
            ));
        }
        let mut patterns = Vec::with_capacity(n);
        // One run a pattern byte (checked below), so the buffer is sized once.
        let mut all_runs = Vec::with_capacity((0..n).map(|p| automaton.pattern_len(p)).sum());
        for p in 0..n {
            let role = match r.u8()? {
                0 => {
                    let entry = r.u32()?;
                    if entry as usize >= deny_count {
                        return Err(format!(
                            "matcher: pattern {p} names deny entry {entry} of {deny_count}"
                        ));
                    }
                    Role::Deny(entry)
                }
                1 => Role::Allow,
                tag => return Err(format!("matcher: pattern {p} has role {tag}")),
            };
            let runs = r.bytes()?;
            if runs.len() != automaton.pattern_len(p) {
                return Err(format!(
                    "matcher: pattern {p} has {} runs for {} bytes",
                    runs.len(),
                    automaton.pattern_len(p)
                ));
            }
            let from = all_runs.len();
            all_runs.extend_from_slice(runs);
            patterns.push(Pattern {
                role,
                runs: (from as u32, all_runs.len() as u32),
            });
        }
        Ok(Matcher {
            automaton,
            patterns,
            runs: all_runs,
        })
    }

    /// Finds deny hits in `norm` that no allow term covers. `sq` and `out` are scratch space.
    pub fn find(
        &self,
        norm: &Normalized,
        sq: &mut Squeezed,
        allowed: &mut Vec<(usize, usize)>,
        out: &mut Vec<Hit>,
    ) {
        out.clear();
        allowed.clear();
        sq.fill(norm.as_str());
        let bytes = &sq.text[..];
        self.automaton
            .find_overlapping(bytes, |pattern, start, end| {
                let pat = &self.patterns[pattern as usize];
                let ok = self
                    .runs_of(pat)
                    .iter()
                    .zip(&sq.runs[start..end])
                    .all(|(want, have)| have >= want);
                if !ok {
                    return;
                }
                // Trim the boundary spaces the pattern carries, then widen to whole words.
                let mut s = start;
                let mut e = end;
                while s < e && bytes[s] == b' ' {
                    s += 1;
                }
                while e > s && bytes[e - 1] == b' ' {
                    e -= 1;
                }
                let (s, e) = sq.widen(s, e);
                match pat.role {
                    Role::Allow => allowed.push((s, e)),
                    Role::Deny(entry) => out.push(Hit {
                        entry,
                        matched: (end - start) as u32,
                        start: s,
                        end: e,
                    }),
                }
            });
        // A hit inside an allowed region is dropped. With the regions sorted by start and each end
        // raised to the furthest end so far, one binary search per hit decides, so a message full
        // of allowed words and hits stays linear (comparing every hit with every region did not).
        allowed.sort_unstable();
        let mut reach = 0;
        for region in allowed.iter_mut() {
            reach = reach.max(region.1);
            region.1 = reach;
        }
        out.retain(|h| {
            let i = allowed.partition_point(|&(s, _)| s <= h.start);
            i == 0 || allowed[i - 1].1 < h.end
        });
        out.sort_by_key(|h| (h.start, h.end, core::cmp::Reverse(h.matched), h.entry));
        // Among the hits of one region only those of the longest pattern stay. `out` is sorted so
        // the first hit of each region has the longest pattern; compacted in place, in one pass.
        let mut kept = 0;
        let mut i = 0;
        while i < out.len() {
            let (s, e, longest) = (out[i].start, out[i].end, out[i].matched);
            let mut j = i;
            while j < out.len() && out[j].start == s && out[j].end == e {
                if out[j].matched == longest {
                    out[kept] = out[j];
                    kept += 1;
                }
                j += 1;
            }
            i = j;
        }
        out.truncate(kept);
        for h in out.iter_mut() {
            let (s, e) = sq.to_normalized(norm.as_str().as_bytes(), h.start, h.end);
            h.start = s;
            h.end = e;
        }
        out.dedup_by_key(|h| (h.start, h.end, h.entry));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_letter_is_is_alphabetic() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn squeezed_runs_and_commas() {
        let mut sq = Squeezed::default();
        sq.fill("kiill , you ёёж 22 x,y");
        let text = String::from_utf8(sq.text.clone()).unwrap();
        assert_eq!(text, " kil you ёж 22 xy ");
        let runs: Vec<u8> = sq.runs.clone();
        assert_eq!(&runs[1..4], &[1, 2, 2]);
        assert_eq!(sq.origin("kiill , you ёёж 22 x,y".as_bytes(), 2), (1, 3));
        // "ёё" squeezed to one "ё" (2 bytes) with run 2, "ж" with run 1.
        let at = text.find('ё').unwrap();
        assert_eq!(&sq.runs[at..at + 4], &[2, 2, 1, 1]);
        assert_eq!(sq.runs[text.find("22").unwrap()], 0);
    }

    /// The byte ranges `origin` works out, against a plain walk that records each copied byte's
    /// char and run as it goes (what the squeezed copy used to store).
    #[test]
    fn origin_of_every_byte() {
        fn walk(norm: &str) -> Vec<(usize, usize)> {
            let mut out = vec![(0, 0)];
            let chars: Vec<(usize, char)> = norm.char_indices().collect();
            let mut k = 0;
            while k < chars.len() {
                let (i, c) = chars[k];
                if c == ',' {
                    k += 1;
                    if chars.get(k).map(|x| x.1) == Some(' ') {
                        k += 1;
                    }
                    continue;
                }
                let mut j = k + 1;
                if is_letter(c) {
                    while chars.get(j).map(|x| x.1) == Some(c) {
                        j += 1;
                    }
                }
                let end = chars.get(j).map_or(norm.len(), |x| x.0);
                out.extend(std::iter::repeat((i, end)).take(c.len_utf8()));
                k = j;
            }
            out.push((norm.len(), norm.len()));
            out
        }
        let cases = [
            "",
            ",",
            ", ,",
            "kiill , you ёёж 22 x,y",
            "fuuuuuuuuuck, ,, you!!! ...",
            "ааааа бб , в,, г",
            "日日本 𝐤𝐤x 🙂🙂🙂 ok",
            "a,a, a , a",
        ];
        let mut sq = Squeezed::default();
        for norm in cases {
            sq.fill(norm);
            let want = walk(norm);
            assert_eq!(sq.text.len(), want.len(), "{norm:?}");
            for (k, &w) in want.iter().enumerate() {
                assert_eq!(sq.origin(norm.as_bytes(), k), w, "{norm:?} byte {k}");
            }
        }
        let long = "z".repeat(300);
        sq.fill(&long);
        assert_eq!((sq.runs[1], sq.origin(long.as_bytes(), 1)), (255, (0, 300)));
    }

    /// The matcher of the lexicon files, compiled from their text.
    fn builtin() -> (usize, Matcher) {
        let tables = crate::tables::Tables::compile().unwrap();
        (tables.deny.len(), tables.matcher)
    }

    fn hits(m: &Matcher, text: &str) -> Vec<Hit> {
        let norm = crate::normalize::normalize(text);
        let mut out = Vec::new();
        m.find(&norm, &mut Squeezed::default(), &mut Vec::new(), &mut out);
        out
    }

    /// A decoded matcher finds what the built one finds; damaged bytes are refused.
    #[test]
    fn encode_decode() {
        let (deny_count, m) = builtin();
        let mut w = Writer::default();
        m.encode(&mut w);
        let mut r = Reader::new(&w.out);
        let d = Matcher::decode(&mut r, deny_count).unwrap();
        r.finish().unwrap();
        for (text, found) in [
            ("I will kiiiill you, k i l l y o u", true),
            ("я тебя убью, идиотские шутки", true),
            ("an assassin in the class, shiitake", false),
            ("", false),
        ] {
            let want = hits(&m, text);
            assert_eq!(!want.is_empty(), found, "{text:?}");
            assert_eq!(hits(&d, text), want, "{text:?}");
        }
        // One deny entry fewer: some pattern names an entry out of range.
        assert!(Matcher::decode(&mut Reader::new(&w.out), deny_count - 1).is_err());
        for cut in (0..w.out.len()).step_by(97) {
            assert!(Matcher::decode(&mut Reader::new(&w.out[..cut]), deny_count).is_err());
        }
    }
}
