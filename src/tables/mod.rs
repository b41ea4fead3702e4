//! The compiled tables: the deny lexicons, the allow list, their term automaton and the context
//! vocabulary, parsed, normalised and compiled once from `lexicons/*.tsv` and stored as bytes
//! (`lexicons/compiled.bin`), so a classifier starts by reading arrays instead of parsing,
//! normalising and compiling several thousand terms (most of its start-up cost before; in a
//! browser's first, unoptimised tier of WebAssembly, tens of milliseconds).
//!
//! `lexicons/compiled.bin` is generated: after changing a lexicon, the normaliser or this format,
//! run `cargo run --release -p moderato-train -- tables` (the test `compiled_tables_are_current`
//! fails until then). The bytes are checked on load like any other input: a damaged table is an
//! error, never a panic.
//!
//! Layout: magic `MDTB`, format version (u32), then the deny entries, the allow terms, the term
//! automaton ([`Matcher`]), the context vocabulary, the misspellings ([`Spelling`]) and the word-break vocabulary
//! ([`WordBreaks`]), each in the encoding of [`codec`]
//! (little-endian, length-prefixed).

pub(crate) mod codec;
pub(crate) mod words;

use crate::context::Context;
use crate::lexicon::{self, Entry, Term};
use crate::matcher::Matcher;
use crate::spelling::Spelling;
use crate::word_breaks::WordBreaks;
use codec::{DecodeError, Reader, Writer};

const MAGIC: [u8; 4] = *b"MDTB";
/// Raised whenever the layout of any table changes.
const FORMAT_VERSION: u32 = 6;

/// The tables compiled into the library.
const EMBEDDED: &[u8] = include_bytes!("../../lexicons/compiled.bin");

/// Everything a classifier needs from the lexicon files.
pub(crate) struct Tables {
    pub(crate) deny: Vec<Entry>,
    pub(crate) allow: Vec<Term>,
    /// The automaton of `deny` and `allow` (rebuilt when the user adds terms of their own).
    pub(crate) matcher: Matcher,
    pub(crate) context: Context,
    pub(crate) spelling: Spelling,
    pub(crate) word_breaks: WordBreaks,
}

impl Tables {
    /// Parses and compiles the lexicon files embedded as text (the slow path the bytes replace).
    pub(crate) fn compile() -> Result<Tables, String> {
        let mut deny = Vec::new();
        for (name, contents) in lexicon::BUILTIN_DENY {
            deny.extend(lexicon::parse_deny(name, contents)?);
        }
        let allow = lexicon::parse_allow(lexicon::BUILTIN_ALLOW.0, lexicon::BUILTIN_ALLOW.1)?;
        let matcher = Matcher::new(&deny, &allow)?;
        let context = Context::builtin()?;
        let word_breaks = WordBreaks::from_lexicons(&deny, &context, lexicon::BUILTIN_COMMON)?;
        Ok(Tables {
            deny,
            allow,
            matcher,
            context,
            spelling: Spelling::parse(lexicon::BUILTIN_SPELLING.0, lexicon::BUILTIN_SPELLING.1)?,
            word_breaks,
        })
    }

    /// The tables compiled into the library.
    pub(crate) fn embedded() -> Result<Tables, String> {
        Tables::decode(EMBEDDED).map_err(|e| {
            format!(
                "the compiled tables are damaged or stale ({e}); \
                 regenerate them: cargo run --release -p moderato-train -- tables"
            )
        })
    }

    pub(crate) fn encode(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.out.extend_from_slice(&MAGIC);
        w.u32(FORMAT_VERSION);
        w.len(self.deny.len());
        for e in &self.deny {
            e.encode(&mut w);
        }
        w.len(self.allow.len());
        for t in &self.allow {
            t.encode(&mut w);
        }
        self.matcher.encode(&mut w);
        self.context.encode(&mut w);
        self.spelling.encode(&mut w);
        self.word_breaks.encode(&mut w);
        w.out
    }

    pub(crate) fn decode(bytes: &[u8]) -> Result<Tables, DecodeError> {
        let mut r = Reader::new(bytes);
        let magic = [r.u8()?, r.u8()?, r.u8()?, r.u8()?];
        if magic != MAGIC {
            return Err("not a moderato tables file (bad magic)".into());
        }
        let version = r.u32()?;
        if version != FORMAT_VERSION {
            return Err(format!(
                "tables format {version}, this library reads {FORMAT_VERSION}"
            ));
        }
        let n = r.count(7)?;
        let deny = (0..n)
            .map(|_| Entry::decode(&mut r))
            .collect::<Result<Vec<_>, _>>()?;
        let n = r.count(5)?;
        let allow = (0..n)
            .map(|_| Term::decode(&mut r))
            .collect::<Result<Vec<_>, _>>()?;
        let matcher = Matcher::decode(&mut r, deny.len())?;
        let context = Context::decode(&mut r)?;
        let spelling = Spelling::decode(&mut r)?;
        let word_breaks = WordBreaks::decode(&mut r)?;
        r.finish()?;
        Ok(Tables {
            deny,
            allow,
            matcher,
            context,
            spelling,
            word_breaks,
        })
    }
}

/// The bytes of `lexicons/compiled.bin` for the lexicon files compiled into this build: what
/// `moderato-train tables` writes.
pub fn compile_builtin() -> Result<Vec<u8>, String> {
    Ok(Tables::compile()?.encode())
}

/// Whether `bytes` decode as tables, and if they do, runs the context scan, the word breaks and
/// the matcher they hold over a few messages (for the fuzz target: whatever the bytes, an error or a working table, never a
/// panic). `Ok` with the number of deny entries.
pub fn check(bytes: &[u8]) -> Result<usize, String> {
    let tables = Tables::decode(bytes)?;
    let mut scan = crate::context::Scan::default();
    let (mut norm, mut squeezed) = (crate::normalize::Normalized::new(), Default::default());
    let (mut allowed, mut hits) = (Vec::new(), Vec::new());
    for text in [
        "i will kill you",
        "those people are vermin , not news",
        "я тебя убью",
        "y o u a r e a n i d i o t #killalljews hateMuslims Mus-lims",
    ] {
        tables.context.scan(text, &mut scan);
        crate::normalize::normalize_into(text, &mut norm);
        tables.word_breaks.restore(text, &mut norm);
        tables
            .matcher
            .find(&norm, &mut squeezed, &mut allowed, &mut hits);
        if hits
            .iter()
            .any(|h| h.entry as usize >= tables.deny.len() || h.end > norm.as_str().len())
        {
            return Err("a hit outside the tables or the text".into());
        }
    }
    Ok(tables.deny.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The committed bytes are what the lexicon files compile to now.
    #[test]
    fn compiled_tables_are_current() {
        let fresh = compile_builtin().unwrap();
        assert!(
            fresh == EMBEDDED,
            "lexicons/compiled.bin is stale: run cargo run --release -p moderato-train -- tables"
        );
    }

    #[test]
    fn round_trip() {
        let tables = Tables::compile().unwrap();
        let bytes = tables.encode();
        assert_eq!(Tables::decode(&bytes).unwrap().encode(), bytes);
    }

    /// Every truncation, and every single-byte change in a sample of places, is refused or
    /// decodes to tables that still encode (nothing panics).
    #[test]
    fn damaged_bytes_are_refused_without_panicking() {
        let bytes = EMBEDDED;
        for cut in (0..bytes.len()).step_by(499).chain([bytes.len() - 1]) {
            assert!(Tables::decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut damaged = bytes.to_vec();
        for at in (0..bytes.len()).step_by(1009) {
            for flip in [0x01u8, 0x80, 0xff] {
                damaged[at] ^= flip;
                if let Ok(t) = Tables::decode(&damaged) {
                    let _ = t.encode();
                }
                damaged[at] ^= flip;
            }
        }
        let mut longer = bytes.to_vec();
        longer.push(0);
        assert!(Tables::decode(&longer).is_err());
    }
}
