//! A byte trie over the first words of the context vocabulary, looked up once per token.
//!
//! Why not an Aho-Corasick automaton: every vocabulary pattern starts at a word start and is either
//! a whole word or a stem (a prefix of a word), and the tokens are already split. Walking a token
//! down a trie finds every pattern that starts at it in one step per byte, with no failure links
//! to follow; and a trie builds several times faster than an automaton, which counts at start-up.
//!
//! It is built from the sorted words in one depth-first pass into two flat arrays, without an
//! allocation per word or per node.

use crate::tables::codec::{check_below, DecodeError, Reader, Writer};

/// No pattern, no node.
const NONE: u32 = u32::MAX;

#[derive(Clone, Copy, Debug)]
struct Node {
    /// The node's child edges are `first..first + len` in `labels` and `targets`, sorted by byte.
    first: u32,
    len: u32,
    /// The stem (open pattern) that ends here, if any.
    open: u32,
    /// The whole word (exact pattern) that ends here, if any.
    exact: u32,
}

/// The compiled patterns.
#[derive(Clone, Debug)]
pub(crate) struct WordTrie {
    nodes: Vec<Node>,
    /// The byte of every edge, and (at the same index) the node it leads to: the bytes apart, so
    /// that finding a node's edge scans a few contiguous bytes.
    labels: Vec<u8>,
    targets: Vec<u32>,
    /// The child of the root for each first byte (dense: the root has the most children).
    root: Vec<u32>,
}

impl WordTrie {
    /// Compiles `words`: pattern `i` is `words[i]`, `(text, open)`. An open word matches every
    /// token it is a prefix of, a closed one only the token equal to it. Texts must not be empty
    /// (an empty text is ignored); a text listed twice with the same `open` keeps its first id.
    /// Also returns, per word, the id the trie reports for it: its own or that first one.
    pub(crate) fn new(words: &[(&str, bool)]) -> (WordTrie, Vec<u32>) {
        // Sorted by text, so every node's words form one run; ties by id, so the first id of a
        // repeated text comes first and is the one kept. The first eight bytes, as a big-endian
        // number, decide most comparisons without comparing strings.
        let prefix = |w: &str| {
            let mut p = [0u8; 8];
            let n = w.len().min(8);
            p[..n].copy_from_slice(&w.as_bytes()[..n]);
            u64::from_be_bytes(p)
        };
        let mut keyed: Vec<(u64, u32)> = (0..words.len() as u32)
            .filter(|&i| !words[i as usize].0.is_empty())
            .map(|i| (prefix(words[i as usize].0), i))
            .collect();
        keyed.sort_unstable_by(|&(pa, a), &(pb, b)| {
            pa.cmp(&pb)
                .then_with(|| words[a as usize].0.cmp(words[b as usize].0))
                .then(a.cmp(&b))
        });
        let order: Vec<u32> = keyed.into_iter().map(|(_, i)| i).collect();
        let mut trie = WordTrie {
            nodes: Vec::new(),
            labels: Vec::new(),
            targets: Vec::new(),
            root: Vec::new(),
        };
        let mut ids: Vec<u32> = (0..words.len() as u32).collect();
        trie.build(words, &order, 0, &mut ids);
        trie.fill_root();
        (trie, ids)
    }

    /// Fills the dense table of the root's children from its edges.
    fn fill_root(&mut self) {
        self.root = vec![NONE; 256];
        let root = self.nodes[0];
        let edges = root.first as usize..(root.first + root.len) as usize;
        for (&b, &child) in self.labels[edges.clone()].iter().zip(&self.targets[edges]) {
            self.root[b as usize] = child;
        }
    }

    /// Adds the node for the words of `order`, which share their first `depth` bytes and are
    /// sorted; returns its index. Records in `ids` the id kept for each word ending here.
    fn build(
        &mut self,
        words: &[(&str, bool)],
        order: &[u32],
        depth: usize,
        ids: &mut [u32],
    ) -> u32 {
        let me = self.nodes.len();
        self.nodes.push(Node {
            first: 0,
            len: 0,
            open: NONE,
            exact: NONE,
        });
        let byte = |id: u32| words[id as usize].0.as_bytes()[depth];
        // The words that end here sort first.
        let mut i = 0;
        while i < order.len() && words[order[i] as usize].0.len() == depth {
            let id = order[i];
            let slot = if words[id as usize].1 {
                &mut self.nodes[me].open
            } else {
                &mut self.nodes[me].exact
            };
            if *slot == NONE {
                *slot = id;
            }
            ids[id as usize] = *slot;
            i += 1;
        }
        // One edge per distinct next byte; the block is reserved before the children are built.
        let rest = &order[i..];
        let mut count = 0;
        let mut j = 0;
        while j < rest.len() {
            let b = byte(rest[j]);
            while j < rest.len() && byte(rest[j]) == b {
                j += 1;
            }
            count += 1;
        }
        let first = self.labels.len();
        self.labels.resize(first + count, 0);
        self.targets.resize(first + count, NONE);
        self.nodes[me].first = first as u32;
        self.nodes[me].len = count as u32;
        let (mut j, mut k) = (0, 0);
        while j < rest.len() {
            let b = byte(rest[j]);
            let s = j;
            while j < rest.len() && byte(rest[j]) == b {
                j += 1;
            }
            let child = self.build(words, &rest[s..j], depth + 1, ids);
            self.labels[first + k] = b;
            self.targets[first + k] = child;
            k += 1;
        }
        me as u32
    }

    /// Writes the trie to the compiled tables.
    pub(crate) fn encode(&self, w: &mut Writer) {
        let flat: Vec<u32> = self
            .nodes
            .iter()
            .flat_map(|n| [n.first, n.len, n.open, n.exact])
            .collect();
        w.u32s(&flat);
        w.bytes(&self.labels);
        w.u32s(&self.targets);
    }

    /// Reads a trie written by [`encode`](Self::encode), checking that every edge range, node and
    /// pattern id it holds is in range (patterns below `patterns`), so [`matches`](Self::matches)
    /// cannot go out of bounds whatever the bytes were. It cannot loop either: it takes one
    /// step per byte of the token.
    pub(crate) fn decode(r: &mut Reader, patterns: usize) -> Result<WordTrie, DecodeError> {
        let flat = r.u32s()?;
        if flat.len() % 4 != 0 {
            return Err("trie: the node table is not whole nodes".into());
        }
        let nodes: Vec<Node> = flat
            .chunks_exact(4)
            .map(|n| Node {
                first: n[0],
                len: n[1],
                open: n[2],
                exact: n[3],
            })
            .collect();
        let labels = r.bytes()?.to_vec();
        let targets = r.u32s()?;
        if nodes.is_empty() || labels.len() != targets.len() {
            return Err("trie: no root, or edge tables of different sizes".into());
        }
        check_below("trie edge target", &targets, nodes.len())?;
        let pattern_ok = |p: u32| p == NONE || (p as usize) < patterns;
        for (i, n) in nodes.iter().enumerate() {
            let end = n.first as u64 + n.len as u64;
            if end > labels.len() as u64 || !pattern_ok(n.open) || !pattern_ok(n.exact) {
                return Err(format!("trie node {i} is out of range"));
            }
        }
        // The root's dense table is derived from its (checked) edges, not stored.
        let mut trie = WordTrie {
            nodes,
            labels,
            targets,
            root: Vec::new(),
        };
        trie.fill_root();
        Ok(trie)
    }

    /// Calls `f` with every pattern that matches at the start of `token`: the stems that are a
    /// prefix of it, shortest first, then the whole word (a stem equal to the token before the
    /// word). This is the order in which an automaton scanning `" " + token + " "` reports them.
    #[inline]
    pub(crate) fn matches(&self, token: &[u8], mut f: impl FnMut(u32)) {
        let Some((&b0, rest)) = token.split_first() else {
            return;
        };
        let mut node = self.root[b0 as usize];
        let mut rest = rest.iter();
        while node != NONE {
            let n = self.nodes[node as usize];
            if n.open != NONE {
                f(n.open);
            }
            let Some(&b) = rest.next() else {
                if n.exact != NONE {
                    f(n.exact);
                }
                return;
            };
            let first = n.first as usize;
            node = self.labels[first..first + n.len as usize]
                .iter()
                .position(|&l| l == b)
                .map_or(NONE, |k| self.targets[first + k]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(trie: &WordTrie, token: &str) -> Vec<u32> {
        let mut out = Vec::new();
        trie.matches(token.as_bytes(), |id| out.push(id));
        out
    }

    #[test]
    fn stems_then_the_word() {
        let words = [
            ("kill", true),    // 0: kill*
            ("killer", false), // 1
            ("k", true),       // 2: k*
            ("killer", true),  // 3: killer*
            ("kil", false),    // 4
            ("убь", true),     // 5
            ("", true),        // 6: ignored
            ("kill", true),    // 7: repeats 0
        ];
        let (trie, ids) = WordTrie::new(&words);
        assert_eq!(ids, [0, 1, 2, 3, 4, 5, 6, 0]);
        assert_eq!(found(&trie, "killer"), [2, 0, 3, 1]);
        assert_eq!(found(&trie, "killers"), [2, 0, 3]);
        assert_eq!(found(&trie, "kil"), [2, 4]);
        assert_eq!(found(&trie, "ki"), [2]);
        assert_eq!(found(&trie, "убью"), [5]);
        assert_eq!(found(&trie, "x"), Vec::<u32>::new());
        assert_eq!(found(&trie, ""), Vec::<u32>::new());
    }

    /// The same matches as the scan over the padded token that the trie replaces, on every
    /// prefix, extension and neighbour of the words.
    #[test]
    fn agrees_with_a_plain_scan() {
        let words = [
            ("a", false),
            ("a", true),
            ("ab", false),
            ("abc", true),
            ("b", true),
            ("ёж", false),
            ("ёжик", true),
        ];
        let (trie, _) = WordTrie::new(&words);
        let tokens = [
            "a",
            "ab",
            "abc",
            "abcd",
            "abd",
            "b",
            "ba",
            "c",
            "ё",
            "ёж",
            "ёжи",
            "ёжик",
            "ёжики",
        ];
        for t in tokens {
            let padded = format!(" {t} ");
            let mut want: Vec<(usize, u32)> = words
                .iter()
                .enumerate()
                .filter_map(|(i, &(w, open))| {
                    let p = if open {
                        format!(" {w}")
                    } else {
                        format!(" {w} ")
                    };
                    padded.starts_with(&p).then_some((p.len(), i as u32))
                })
                .collect();
            want.sort();
            let want: Vec<u32> = want.into_iter().map(|(_, i)| i).collect();
            assert_eq!(found(&trie, t), want, "{t:?}");
        }
    }
}
