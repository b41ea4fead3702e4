//! Lexicon files: reviewed word lists, one term per line, compiled into the library.
//!
//! Format (see the header of `lexicons/en.tsv`): `term<TAB>labels<TAB>severity`, `#` comments.
//! A term is words separated by spaces; a leading `*` lets the first word start anywhere inside a
//! word, a trailing `*` lets the last word end anywhere (`убь*` matches `убью`); `\*` is a literal
//! star (`f\*ck`). Terms are run through the same normaliser as messages, so a term written with
//! look-alikes, leetspeak or capitals still means what it says.

use crate::label::{Label, LabelSet};
use crate::normalize::{normalize_into, Normalized};
use crate::tables::codec::{DecodeError, Reader, Writer};

/// The embedded lexicons, `(name, contents)`.
pub(crate) const BUILTIN_DENY: &[(&str, &str)] = &[
    ("lexicons/en.tsv", include_str!("../lexicons/en.tsv")),
    ("lexicons/ru.tsv", include_str!("../lexicons/ru.tsv")),
];

/// The embedded allow list.
pub(crate) const BUILTIN_ALLOW: (&str, &str) =
    ("lexicons/allow.tsv", include_str!("../lexicons/allow.tsv"));

/// The everyday words a glued or spelled-out message is split into (see `word_breaks.rs`).
pub(crate) const BUILTIN_COMMON: (&str, &str) = (
    "lexicons/common.tsv",
    include_str!("../lexicons/common.tsv"),
);

/// The misspellings put right before matching (generated; see `spelling.rs`).
pub(crate) const BUILTIN_SPELLING: (&str, &str) = (
    "lexicons/spelling.tsv",
    include_str!("../lexicons/spelling.tsv"),
);

/// How much a single hit of a term says about its labels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Weak evidence: alone it does not pass a default threshold ("stupid").
    Mild = 1,
    /// Strong evidence: alone it passes a default threshold ("idiot").
    Strong = 2,
    /// Severe: also counts as severe toxicity (strong slurs, explicit death threats).
    Severe = 3,
}

impl Severity {
    /// The score one hit of this severity gives its labels.
    pub fn score(self) -> f32 {
        match self {
            Severity::Mild => 0.3,
            Severity::Strong => 0.8,
            Severity::Severe => 0.95,
        }
    }
}

/// A term after parsing and normalisation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    /// The normalised words, single-space separated, without wildcard stars.
    pub text: String,
    /// The first word may start anywhere inside a word.
    pub open_start: bool,
    /// The last word may end anywhere inside a word.
    pub open_end: bool,
}

/// One deny entry: a term and what it is evidence for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub term: Term,
    pub labels: LabelSet,
    pub severity: Severity,
}

impl Term {
    /// Writes the term to the compiled tables.
    pub(crate) fn encode(&self, w: &mut Writer) {
        w.str(&self.text);
        w.u8(u8::from(self.open_start) | u8::from(self.open_end) << 1);
    }

    /// Reads a term written by [`encode`](Self::encode).
    pub(crate) fn decode(r: &mut Reader) -> Result<Term, DecodeError> {
        let text = r.str()?.to_string();
        if text.is_empty() {
            return Err("an empty term".into());
        }
        let flags = r.u8()?;
        if flags > 3 {
            return Err(format!("term flags {flags} are not 0 to 3"));
        }
        Ok(Term {
            text,
            open_start: flags & 1 != 0,
            open_end: flags & 2 != 0,
        })
    }
}

impl Entry {
    /// Writes the entry to the compiled tables.
    pub(crate) fn encode(&self, w: &mut Writer) {
        self.term.encode(w);
        w.u8(self.labels.bits());
        w.u8(self.severity as u8);
    }

    /// Reads an entry written by [`encode`](Self::encode).
    pub(crate) fn decode(r: &mut Reader) -> Result<Entry, DecodeError> {
        let term = Term::decode(r)?;
        let bits = r.u8()?;
        let labels = LabelSet::from_bits(bits)
            .filter(|l| !l.is_empty())
            .ok_or_else(|| format!("label bits {bits:#x} name no labels"))?;
        let severity = match r.u8()? {
            1 => Severity::Mild,
            2 => Severity::Strong,
            3 => Severity::Severe,
            other => return Err(format!("severity {other} is not 1 to 3")),
        };
        Ok(Entry {
            term,
            labels,
            severity,
        })
    }
}

/// Parses a term written in lexicon syntax. Errors name what is wrong.
pub fn parse_term(raw: &str) -> Result<Term, String> {
    parse_term_with(raw, &mut Normalized::new())
}

/// [`parse_term`], normalising into `buf`: a caller parsing many terms passes the same one, so
/// building a classifier does not allocate the normaliser's buffers once per term.
pub fn parse_term_with(raw: &str, buf: &mut Normalized) -> Result<Term, String> {
    let trimmed = raw.trim();
    let (open_start, rest) = match trimmed.strip_prefix('*') {
        Some(r) => (true, r),
        None => (false, trimmed),
    };
    let (open_end, core) = match rest.strip_suffix('*') {
        Some(r) if !r.ends_with('\\') => (true, r),
        _ => (false, rest),
    };
    if core.contains('\\') {
        normalize_into(&core.replace("\\*", "*"), buf);
    } else {
        normalize_into(core, buf);
    }
    let text = buf.as_str().to_string();
    if text.is_empty() {
        return Err(format!("term {raw:?} has no letters or digits"));
    }
    if !text.chars().any(char::is_alphanumeric) {
        return Err(format!("term {raw:?} has no letters or digits"));
    }
    Ok(Term {
        text,
        open_start,
        open_end,
    })
}

/// Parses a comma-separated label list.
pub fn parse_labels(raw: &str) -> Result<LabelSet, String> {
    let mut set = LabelSet::EMPTY;
    for name in raw.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        set.insert(name.parse::<Label>().map_err(|e| e.to_string())?);
    }
    if set.is_empty() {
        return Err("no label given".to_string());
    }
    Ok(set)
}

/// Parses a severity digit.
pub fn parse_severity(raw: &str) -> Result<Severity, String> {
    match raw.trim() {
        "1" => Ok(Severity::Mild),
        "2" => Ok(Severity::Strong),
        "3" => Ok(Severity::Severe),
        other => Err(format!("severity must be 1, 2 or 3, not {other:?}")),
    }
}

/// Lines that carry data: not blank, not comments. Yields `(line number, line)`.
pub(crate) fn data_lines(contents: &str) -> impl Iterator<Item = (usize, &str)> {
    contents
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
}

/// Parses a deny lexicon file.
pub fn parse_deny(name: &str, contents: &str) -> Result<Vec<Entry>, String> {
    let mut entries = Vec::new();
    let mut buf = Normalized::new();
    for (line_no, line) in data_lines(contents) {
        let at = |e: String| format!("{name}:{line_no}: {e}");
        let mut cols = line.split('\t');
        let term = cols.next().unwrap_or("");
        let labels = cols
            .next()
            .ok_or_else(|| at("expected term<TAB>labels<TAB>severity".into()))?;
        let severity = cols
            .next()
            .ok_or_else(|| at("expected term<TAB>labels<TAB>severity".into()))?;
        entries.push(Entry {
            term: parse_term_with(term, &mut buf).map_err(at)?,
            labels: parse_labels(labels).map_err(at)?,
            severity: parse_severity(severity).map_err(at)?,
        });
    }
    Ok(entries)
}

/// Parses an allow list file: one term per line.
pub fn parse_allow(name: &str, contents: &str) -> Result<Vec<Term>, String> {
    let mut buf = Normalized::new();
    data_lines(contents)
        .map(|(line_no, line)| {
            let term = line.split('\t').next().unwrap_or("");
            parse_term_with(term, &mut buf).map_err(|e| format!("{name}:{line_no}: {e}"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicons_parse() {
        for (name, contents) in BUILTIN_DENY {
            let entries = parse_deny(name, contents).unwrap();
            assert!(
                entries.len() > 50,
                "{name} has only {} entries",
                entries.len()
            );
        }
        let allow = parse_allow(BUILTIN_ALLOW.0, BUILTIN_ALLOW.1).unwrap();
        assert!(!allow.is_empty());
    }

    #[test]
    fn term_syntax() {
        let t = parse_term("*ХУЙ*").unwrap();
        assert_eq!(
            (t.text.as_str(), t.open_start, t.open_end),
            ("хуй", true, true)
        );
        let t = parse_term("f\\*ck").unwrap();
        assert_eq!(
            (t.text.as_str(), t.open_start, t.open_end),
            ("f*ck", false, false)
        );
        let t = parse_term("K1ll   You").unwrap();
        assert_eq!(t.text, "kill you");
        assert!(parse_term("  ").is_err());
        assert!(parse_term("***").is_err());
    }

    #[test]
    fn bad_lines_are_reported_with_their_place() {
        let cases = [
            ("kill you\tthreat", "expected term"),
            ("kill you\thate\t2", "unknown label"),
            ("kill you\tthreat\t7", "severity"),
            ("\tthreat\t2", "no letters"),
        ];
        for (line, want) in cases {
            let err = parse_deny("x.tsv", &format!("# header\n{line}\n")).unwrap_err();
            assert!(err.starts_with("x.tsv:2: "), "{err}");
            assert!(err.contains(want), "{err}");
        }
    }
}
