//! An Aho-Corasick automaton over byte patterns that reports every occurrence of every pattern
//! (overlapping matches, as the `aho-corasick` crate's `find_overlapping_iter` with
//! `MatchKind::Standard`), and that can be written to bytes and read back.
//!
//! Why our own: the crate's automaton cannot be serialised, so every classifier rebuilt it at
//! start-up. This one is a handful of flat arrays, cheap to store, and [`Automaton::decode`]
//! checks every index, so that scanning with an automaton read from damaged bytes can neither
//! panic nor loop.
//!
//! Layout. States are numbered in breadth-first order of the trie of patterns, and the trie's
//! transitions are stored state after state, each state's sorted by byte. In that order the
//! transition number `j` always leads to state `j + 1` (breadth-first order enqueues the
//! children of state 0, then those of state 1, ...), so a transition is just its byte and the
//! trie needs no target array: it cannot even be damaged into anything but a tree. The first
//! states (those at most [`DENSE_DEPTH`] bytes deep: the ones nearly every byte of a text passes
//! through) also get a dense row of 256 next states with the failure links already followed.
//! Those rows and the match links are derived from the stored parts when decoding, not stored.

use crate::tables::codec::{DecodeError, Reader, Writer};

/// At most this many dense rows (1 KiB each): a damaged count cannot ask for a large allocation.
const MAX_DENSE: usize = 512;

/// States this deep or shallower get dense rows (42 of the lexicons' 19,819 states). Depth 2
/// took the matcher stage from 10.1k to 9.0k instructions per tweet, depth 1 (5 rows) from 12.4k
/// with the `aho-corasick` crate; depth 3 (212 rows) saved 8% more for 5 times the memory.
const DENSE_DEPTH: usize = 2;

/// No state (for [`State::report`]): state 0, the root, never has a match.
const NO_REPORT: u32 = 0;

/// Set in a next state the scan gets (a dense row's entry, or what [`Automaton::step`] returns)
/// when a pattern ends there: the scan tests the bit instead of loading the state.
const REPORTS: u32 = 1 << 31;

/// [`REPORTS`] if a state's [`State::report`] is set.
#[inline(always)]
fn flag(report: u32) -> u32 {
    if report != NO_REPORT {
        REPORTS
    } else {
        0
    }
}

/// What the scan reads of one state.
#[derive(Clone, Copy, Debug, Default)]
struct State {
    /// Its transitions: `labels[lo..hi]`, leading to states `lo + 1 ..= hi`.
    lo: u32,
    hi: u32,
    /// The state of the longest proper suffix of this state's string that is a trie state.
    fail: u32,
    /// The nearest state on the failure chain starting here (this one included) at which a
    /// pattern ends, or [`NO_REPORT`]: one test a byte says whether anything matches.
    report: u32,
}

/// See the module documentation.
#[derive(Clone, Debug)]
pub(crate) struct Automaton {
    states: Vec<State>,
    /// Transition bytes, state after state (see [`State::lo`]).
    labels: Vec<u8>,
    /// Dense rows of states `0..dense.len()`: the next state for every byte.
    dense: Vec<[u32; 256]>,
    /// Patterns ending at state `s` (and not at a shorter suffix): `own[own_start[s]..own_start[s + 1]]`,
    /// ascending.
    own_start: Vec<u32>,
    own: Vec<u32>,
    /// Byte length of each pattern.
    pattern_lens: Vec<u32>,
}

/// The stored parts: everything else is derived from them.
struct Parts {
    dense_count: usize,
    /// `states + 1` offsets into `labels`.
    trans_start: Vec<u32>,
    labels: Vec<u8>,
    fail: Vec<u32>,
    own_start: Vec<u32>,
    own: Vec<u32>,
    pattern_lens: Vec<u32>,
}

impl Automaton {
    /// Compiles `patterns`; pattern `i` is reported as `i`. Empty patterns are accepted but never
    /// reported (they never occur in the matcher's terms).
    ///
    /// Panics if the patterns hold 2^31 bytes or more in all (state numbers keep a bit free).
    pub(crate) fn new(patterns: &[&[u8]]) -> Automaton {
        let total: usize = patterns.iter().map(|p| p.len()).sum();
        assert!(
            total < REPORTS as usize && patterns.len() <= u32::MAX as usize,
            "too many pattern bytes for the automaton"
        );
        // 1. The trie, built from the patterns in sorted order: each one shares the path of its
        // predecessor up to their common prefix, so nodes are made in depth-first order and, for
        // any node, its children in ascending byte order.
        let mut order: Vec<u32> = (0..patterns.len() as u32)
            .filter(|&p| !patterns[p as usize].is_empty())
            .collect();
        order.sort_unstable_by(|&a, &b| {
            patterns[a as usize]
                .cmp(patterns[b as usize])
                .then(a.cmp(&b))
        });
        let mut parent: Vec<u32> = Vec::with_capacity(total + 1);
        let mut label: Vec<u8> = Vec::with_capacity(total + 1);
        parent.push(0);
        label.push(0);
        let mut end_node = vec![0u32; patterns.len()];
        let mut path: Vec<u32> = vec![0];
        let mut prev: &[u8] = &[];
        for &p in &order {
            let pat = patterns[p as usize];
            let common = prev.iter().zip(pat).take_while(|(a, b)| a == b).count();
            path.truncate(common + 1);
            for &b in &pat[common..] {
                let id = parent.len() as u32;
                parent.push(path[path.len() - 1]);
                label.push(b);
                path.push(id);
            }
            end_node[p as usize] = path[path.len() - 1];
            prev = pat;
        }
        let n = parent.len();
        // 2. Children of each node (depth-first ids), in creation order, which is byte order.
        let mut child_start = vec![0u32; n + 1];
        for &p in &parent[1..] {
            child_start[p as usize + 1] += 1;
        }
        for i in 0..n {
            child_start[i + 1] += child_start[i];
        }
        let mut fill = child_start.clone();
        let mut children = vec![0u32; n.saturating_sub(1)];
        for (node, &p) in parent.iter().enumerate().skip(1) {
            children[fill[p as usize] as usize] = node as u32;
            fill[p as usize] += 1;
        }
        // 3. Breadth-first order: `bfs[s]` is the node of state `s`.
        let mut bfs: Vec<u32> = Vec::with_capacity(n);
        bfs.push(0);
        let mut trans_start = Vec::with_capacity(n + 1);
        let mut labels = Vec::with_capacity(n.saturating_sub(1));
        let mut at = 0;
        while at < bfs.len() {
            let node = bfs[at] as usize;
            trans_start.push(labels.len() as u32);
            for &c in &children[child_start[node] as usize..child_start[node + 1] as usize] {
                labels.push(label[c as usize]);
                bfs.push(c);
            }
            at += 1;
        }
        trans_start.push(labels.len() as u32);
        let mut state_of = vec![0u32; n];
        for (s, &node) in bfs.iter().enumerate() {
            state_of[node as usize] = s as u32;
        }
        // 4. Patterns by the state they end at, ascending within a state.
        let mut own_start = vec![0u32; n + 1];
        for &p in &order {
            own_start[state_of[end_node[p as usize] as usize] as usize + 1] += 1;
        }
        for i in 0..n {
            own_start[i + 1] += own_start[i];
        }
        let mut fill = own_start.clone();
        let mut own = vec![0u32; order.len()];
        for p in 0..patterns.len() {
            if !patterns[p].is_empty() {
                let s = state_of[end_node[p] as usize] as usize;
                own[fill[s] as usize] = p as u32;
                fill[s] += 1;
            }
        }
        // 5. Failure links, level by level: a child's is where the parent's failure chain first
        // continues with the child's byte (the root's row ends every chain).
        let mut root = [0u32; 256];
        for j in trans_start[0]..trans_start[1] {
            root[labels[j as usize] as usize] = j + 1;
        }
        let mut fail = vec![0u32; n];
        for s in 1..n {
            for j in trans_start[s]..trans_start[s + 1] {
                let b = labels[j as usize];
                let mut f = fail[s] as usize;
                fail[j as usize + 1] = loop {
                    if f == 0 {
                        break root[b as usize];
                    }
                    let (lo, hi) = (trans_start[f] as usize, trans_start[f + 1] as usize);
                    if let Some(k) = labels[lo..hi].iter().position(|&l| l == b) {
                        break (lo + k + 1) as u32;
                    }
                    f = fail[f] as usize;
                };
            }
        }
        // Dense rows for the states up to DENSE_DEPTH: those before the first state one deeper.
        let mut dense_count = 1;
        for _ in 0..DENSE_DEPTH {
            dense_count = 1 + trans_start[dense_count] as usize;
        }
        let dense_count = dense_count.min(MAX_DENSE);
        let pattern_lens = patterns.iter().map(|p| p.len() as u32).collect();
        Automaton::from_parts(Parts {
            dense_count,
            trans_start,
            labels,
            fail,
            own_start,
            own,
            pattern_lens,
        })
        .expect("a freshly built automaton is valid")
    }

    /// Checks the stored parts and derives the rest (depths only to check, dense rows, match
    /// links). Every check here is what the scan relies on not to panic or loop: transitions go
    /// to later states, failure links to earlier and shallower ones (so every failure chain and
    /// match chain ends at the root, which has a dense row), and a pattern ends at a state as
    /// deep as it is long. One pass over the states does all of it: this is most of a
    /// classifier's start-up, and in a browser it runs in the first, unoptimised tier.
    fn from_parts(p: Parts) -> Result<Automaton, DecodeError> {
        let Parts {
            dense_count,
            trans_start,
            labels,
            fail,
            own_start,
            own,
            pattern_lens,
        } = p;
        let n = fail.len();
        if n == 0 || n > REPORTS as usize || trans_start.len() != n + 1 || own_start.len() != n + 1
        {
            return Err(format!(
                "automaton: {n} states with {} transition and {} match offsets",
                trans_start.len(),
                own_start.len()
            ));
        }
        if !(1..=n).contains(&dense_count) {
            return Err(format!("automaton: {dense_count} dense states of {n}"));
        }
        if trans_start[0] != 0 || trans_start[n] as usize != n - 1 || labels.len() != n - 1 {
            return Err(format!(
                "automaton: {n} states need {} transitions (offsets end at {}, {} bytes)",
                n - 1,
                trans_start[n],
                labels.len()
            ));
        }
        if fail[0] != 0 {
            return Err("automaton: the root has a failure link".into());
        }
        if own_start[0] != 0 || own_start[n] as usize != own.len() || own_start[1] != 0 {
            return Err("automaton: bad match offsets".into());
        }
        // Both offset arrays must ascend within their arrays' bounds. A state's transitions `lo..hi` lead to states `lo + 1..=hi`: after it, and
        // each state but the root the target of exactly one transition, so its depth is set
        // before the pass reaches it.
        let mut depth = vec![0u32; n];
        let mut states: Vec<State> = Vec::with_capacity(n);
        // Offsets read by pairs and failure links by an iterator: no index checks on them.
        let offsets = trans_start.windows(2).zip(own_start.windows(2)).zip(&fail);
        for (s, ((t, o), &f)) in offsets.enumerate() {
            let (lo, hi) = (t[0] as usize, t[1] as usize);
            let (m0, m1) = (o[0] as usize, o[1] as usize);
            let f = f as usize;
            let d = depth[s];
            // A failure link that is earlier but not shallower could make the scan's state
            // deeper than the bytes read, and a match start before the text.
            if lo > hi
                || hi >= n
                || lo < s
                || m0 > m1
                || m1 > own.len()
                || (s > 0 && (f >= s || depth[f] >= d))
            {
                return Err(format!(
                    "automaton: state {s} (transitions {lo}..{hi}, matches {m0}..{m1}, failure link {f})"
                ));
            }
            depth[lo + 1..hi + 1].fill(d + 1);
            for &p in &own[m0..m1] {
                if pattern_lens.get(p as usize) != Some(&d) {
                    return Err(format!("automaton: pattern {p} does not end at state {s}"));
                }
            }
            // The nearest state on the failure chain where a pattern ends: this one, or the
            // failure link's (an earlier state, already derived).
            let report = if m0 != m1 {
                s as u32
            } else if s == 0 {
                NO_REPORT
            } else {
                states[f].report
            };
            states.push(State {
                lo: lo as u32,
                hi: hi as u32,
                fail: f as u32,
                report,
            });
        }
        // Dense rows, in state order (a failure link points back).
        let mut dense: Vec<[u32; 256]> = Vec::with_capacity(dense_count);
        for s in 0..dense_count {
            let mut row = if s == 0 {
                [0; 256]
            } else {
                dense[fail[s] as usize]
            };
            for j in trans_start[s]..trans_start[s + 1] {
                row[labels[j as usize] as usize] = (j + 1) | flag(states[j as usize + 1].report);
            }
            dense.push(row);
        }
        Ok(Automaton {
            states,
            labels,
            dense,
            own_start,
            own,
            pattern_lens,
        })
    }

    /// Number of patterns (the ones given to [`new`](Self::new), empty ones included).
    pub(crate) fn pattern_count(&self) -> usize {
        self.pattern_lens.len()
    }

    /// Byte length of pattern `p`.
    pub(crate) fn pattern_len(&self, p: usize) -> usize {
        self.pattern_lens[p] as usize
    }

    /// The state after `s` reads `b`, with [`REPORTS`] set if a pattern ends there.
    #[inline(always)]
    fn step(&self, mut s: usize, b: u8) -> u32 {
        loop {
            if let Some(row) = self.dense.get(s) {
                return row[b as usize];
            }
            let st = self.states[s];
            let (lo, hi) = (st.lo as usize, st.hi as usize);
            if let Some(k) = self.labels[lo..hi].iter().position(|&l| l == b) {
                let t = lo + k + 1;
                return t as u32 | flag(self.states[t].report);
            }
            s = st.fail as usize;
        }
    }

    /// Calls `f(pattern, start, end)` for every occurrence of every pattern in `haystack`, in
    /// order of `end`; at one end, longer patterns first, and equal patterns in ascending order.
    pub(crate) fn find_overlapping(&self, haystack: &[u8], mut f: impl FnMut(u32, usize, usize)) {
        let mut s = 0;
        for (i, &b) in haystack.iter().enumerate() {
            let t = self.step(s, b);
            s = (t & !REPORTS) as usize;
            if t & REPORTS != 0 {
                self.report(s, i + 1, &mut f);
            }
        }
    }

    /// Reports the patterns ending at `end` in state `s`: down its failure chain, by the match
    /// links (rare enough to stay out of the scan loop).
    #[inline(never)]
    fn report(&self, s: usize, end: usize, f: &mut impl FnMut(u32, usize, usize)) {
        let mut m = self.states[s].report as usize;
        while m != NO_REPORT as usize {
            for &p in &self.own[self.own_start[m] as usize..self.own_start[m + 1] as usize] {
                f(p, end - self.pattern_lens[p as usize] as usize, end);
            }
            m = self.states[self.states[m].fail as usize].report as usize;
        }
    }

    /// Writes the stored parts (see [`decode`](Self::decode)).
    pub(crate) fn encode(&self, w: &mut Writer) {
        w.len(self.dense.len());
        let trans_start: Vec<u32> = self
            .states
            .iter()
            .map(|s| s.lo)
            .chain(self.states.last().map(|s| s.hi))
            .collect();
        w.u32s(&trans_start);
        w.bytes(&self.labels);
        let fail: Vec<u32> = self.states.iter().map(|s| s.fail).collect();
        w.u32s(&fail);
        w.u32s(&self.own_start);
        w.u32s(&self.own);
        w.u32s(&self.pattern_lens);
    }

    /// Reads what [`encode`](Self::encode) wrote, checking all of it: any bytes give either an
    /// error or an automaton whose scan cannot panic or loop (its matches are then whatever the
    /// damaged tables say, each within the haystack).
    pub(crate) fn decode(r: &mut Reader) -> Result<Automaton, DecodeError> {
        let dense_count = r.len(MAX_DENSE)?;
        let trans_start = r.u32s()?;
        let labels = r.bytes()?.to_vec();
        let fail = r.u32s()?;
        let own_start = r.u32s()?;
        let own = r.u32s()?;
        let pattern_lens = r.u32s()?;
        Automaton::from_parts(Parts {
            dense_count,
            trans_start,
            labels,
            fail,
            own_start,
            own,
            pattern_lens,
        })
    }
}

/// For the fuzz target `tables_automaton` (through `moderato::fuzz_api`): decodes `bytes` and, if
/// they are accepted, scans `haystack`, returning the matches as `(pattern, start, end)`.
pub fn decode_and_scan(bytes: &[u8], haystack: &[u8]) -> Option<Vec<(u32, usize, usize)>> {
    let mut r = Reader::new(bytes);
    let a = Automaton::decode(&mut r).ok()?;
    let mut out = Vec::new();
    a.find_overlapping(haystack, |p, s, e| {
        assert_eq!(
            e - s,
            a.pattern_len(p as usize),
            "a match as long as its pattern"
        );
        out.push((p, s, e));
    });
    Some(out)
}

/// The encoded automaton of a few patterns (the fuzz target's starting point).
pub fn example_bytes() -> Vec<u8> {
    let patterns: [&[u8]; 8] = [
        b" kill ",
        b"kill you",
        b"you",
        b" you ",
        "убью".as_bytes(),
        "бью".as_bytes(),
        b"a",
        b"aa",
    ];
    let mut w = Writer::default();
    Automaton::new(&patterns).encode(&mut w);
    w.out
}

#[cfg(test)]
mod tests {
    use super::*;

    type Matches = Vec<(u32, usize, usize)>;

    fn ours(a: &Automaton, haystack: &[u8]) -> Matches {
        let mut out = Vec::new();
        a.find_overlapping(haystack, |p, s, e| out.push((p, s, e)));
        out.sort_unstable();
        out
    }

    /// The `aho-corasick` crate's overlapping matches, without those of empty patterns (which
    /// this automaton never reports).
    fn oracle(patterns: &[&[u8]], haystack: &[u8]) -> Matches {
        let ac = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::Standard)
            .build(patterns)
            .unwrap();
        let mut out: Matches = ac
            .find_overlapping_iter(haystack)
            .filter(|m| m.start() < m.end())
            .map(|m| (m.pattern().as_u32(), m.start(), m.end()))
            .collect();
        out.sort_unstable();
        out
    }

    fn round_trip(a: &Automaton) -> Automaton {
        let mut w = Writer::default();
        a.encode(&mut w);
        let mut r = Reader::new(&w.out);
        let b = Automaton::decode(&mut r).unwrap();
        r.finish().unwrap();
        b
    }

    /// Same matches as the crate, built and after a round trip through bytes.
    fn check(patterns: &[&[u8]], haystacks: &[&[u8]]) {
        let a = Automaton::new(patterns);
        let b = round_trip(&a);
        for &h in haystacks {
            let want = oracle(patterns, h);
            assert_eq!(ours(&a, h), want, "{patterns:?} in {h:?}");
            assert_eq!(ours(&b, h), want, "decoded: {patterns:?} in {h:?}");
        }
    }

    #[test]
    fn table() {
        let s = |v: &[&'static str]| v.iter().map(|x| x.as_bytes()).collect::<Vec<&[u8]>>();
        let cases: &[(&[&str], &[&str])] = &[
            (&["he", "she", "his", "hers"], &["ushers", "hishe", "", "h"]),
            (&["a", "aa", "aaa"], &["aaaa", "abaa", "a"]),
            (&["ab", "ab", "b", "ab"], &["abab", "b"]),
            (
                &["kill you", "you", " you ", "kill", " kill "],
                &[" kill you ", " kill kill you you "],
            ),
            (&["убью", "бью", "ёж", "ё"], &["я убью тебя ёёж", "бьюубью"]),
            (&[" k", "k ", " ", "  "], &["   k  k k"]),
            (&[], &["abc", ""]),
            (&["", "a"], &["aa", ""]),
            (&["abcd", "bc", "c", "bcd", "xabcdy"], &["xabcdy abcd bcd"]),
            (&["aab", "ab", "b", "aaab"], &["aaaab aab"]),
        ];
        for (patterns, haystacks) in cases {
            check(&s(patterns), &s(haystacks));
        }
        // Every byte value, as a pattern and in the text; bytes that are not UTF-8.
        let all: Vec<[u8; 1]> = (0..=255u8).map(|b| [b]).collect();
        let mut patterns: Vec<&[u8]> = all.iter().map(|b| &b[..]).collect();
        patterns.push(&[0xff, 0x00, 0xff]);
        patterns.push(&[0x00, 0x00]);
        let hay: Vec<u8> = (0..=255u8).chain([0xff, 0, 0xff, 0, 0]).collect();
        check(&patterns, &[&hay]);
    }

    /// The embedded lexicons' terms on a few texts (the shape of the real automaton: deep, with
    /// shared prefixes and suffixes in two scripts).
    #[test]
    fn lexicon_terms() {
        let terms: Vec<String> = crate::bench_api::lexicon_terms()
            .into_iter()
            .flat_map(|t| [t.clone(), format!(" {t} ")])
            .collect();
        let patterns: Vec<&[u8]> = terms.iter().map(|t| t.as_bytes()).collect();
        let texts = [
            " i will kill you you idiot ",
            " я тебя убью идиотские шутки сука ",
            " this traffic is killing me, what an assassin ",
            "killyou idiotidiot бьюбьюбью",
        ];
        let hays: Vec<&[u8]> = texts.iter().map(|t| t.as_bytes()).collect();
        check(&patterns, &hays);
    }

    /// A small deterministic generator for the corruption test (no `rand` dependency).
    fn xorshift(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    }

    /// A decoded automaton's matches lie in the haystack and are as long as their pattern.
    fn scan_is_sane(a: &Automaton, haystack: &[u8]) {
        a.find_overlapping(haystack, |p, s, e| {
            assert!((p as usize) < a.pattern_count());
            assert!(s <= e && e <= haystack.len());
            assert_eq!(e - s, a.pattern_len(p as usize));
        });
    }

    #[test]
    fn damaged_bytes_are_refused_or_harmless() {
        let terms: Vec<String> = crate::bench_api::lexicon_terms()
            .into_iter()
            .step_by(17)
            .flat_map(|t| [t.clone(), format!(" {t} ")])
            .collect();
        let patterns: Vec<&[u8]> = terms.iter().map(|t| t.as_bytes()).collect();
        let mut w = Writer::default();
        Automaton::new(&patterns).encode(&mut w);
        let bytes = w.out;
        let hay = " i will kill you, я тебя убью, идиот \u{ff} aaaa ".as_bytes();
        for cut in 0..bytes.len() {
            assert!(
                Automaton::decode(&mut Reader::new(&bytes[..cut])).is_err(),
                "cut at {cut}"
            );
        }
        let mut rng = 0x9E37_79B9_7F4A_7C15u64;
        let mut accepted = 0;
        for _ in 0..20_000 {
            let mut damaged = bytes.clone();
            let at = xorshift(&mut rng) as usize % damaged.len();
            damaged[at] = xorshift(&mut rng) as u8;
            if let Ok(a) = Automaton::decode(&mut Reader::new(&damaged)) {
                accepted += 1;
                scan_is_sane(&a, hay);
                scan_is_sane(&a, &damaged[..200.min(damaged.len())]);
            }
        }
        // Most damage is in the transition bytes, which stay a valid (different) automaton.
        assert!(accepted > 0);
    }

    #[test]
    fn example_bytes_decode() {
        let found = decode_and_scan(&example_bytes(), " kill you убью aa ".as_bytes()).unwrap();
        assert!(found.len() >= 6, "{found:?}");
        assert!(decode_and_scan(&[], b"x").is_none());
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod props {
        use super::*;
        use proptest::prelude::*;

        /// Small alphabets make nested, repeated and overlapping patterns common: ASCII letters,
        /// a space, and two-byte Cyrillic letters that share their first byte.
        fn text(max: usize) -> impl Strategy<Value = String> {
            prop::collection::vec(
                prop::sample::select(vec!["a", "b", " ", "ё", "я", "ж"]),
                0..max,
            )
            .prop_map(|v| v.concat())
        }

        proptest! {
            #[test]
            fn same_matches_as_the_crate(
                patterns in prop::collection::vec(text(6), 0..12),
                haystacks in prop::collection::vec(text(40), 1..4),
            ) {
                let p: Vec<&[u8]> = patterns.iter().map(|s| s.as_bytes()).collect();
                let h: Vec<&[u8]> = haystacks.iter().map(|s| s.as_bytes()).collect();
                check(&p, &h);
            }
        }
    }
}
