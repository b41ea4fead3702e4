//! Turns a core [`Verdict`] into the plain object JavaScript sees.
//!
//! The core reports evidence as UTF-8 byte offsets; JavaScript strings are indexed in UTF-16 code
//! units, so offsets are translated here, once per message, and `text.slice(start, end)` returns
//! the evidence even after emoji or other astral characters.

use moderato::{Label, Verdict};
use serde::ser::{Serialize, SerializeStruct, Serializer};

/// The JS shape of a verdict (see `Verdict` in the TypeScript declarations).
#[derive(serde::Serialize)]
pub struct VerdictOut<'a> {
    flagged: bool,
    labels: Vec<Name>,
    scores: PerLabel,
    spans: Vec<SpanOut<'a>>,
    language: Name,
}

/// One piece of evidence, in UTF-16 code units of the original text.
#[derive(serde::Serialize)]
struct SpanOut<'a> {
    start: u32,
    end: u32,
    label: Name,
    term: &'a str,
}

/// A name from a fixed set (a label, a language code), written as a plain JS string. It goes
/// through serde's unit-variant path because serde-wasm-bindgen makes the JS string of a
/// `&'static str` there once and reuses it, where a `str` value is copied across the boundary for
/// every verdict.
struct Name(&'static str);

impl Serialize for Name {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_unit_variant("Name", 0, self.0)
    }
}

/// One number per label, as an object keyed by label name in `Label::ALL` order.
pub struct PerLabel(pub [f64; Label::COUNT]);

/// Written as a struct, not a map: the JS object is the same, but serde-wasm-bindgen makes the JS
/// string of a struct's field name once and reuses it, where it makes a map's keys anew for every
/// verdict (eight crossings of the boundary per message).
impl Serialize for PerLabel {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut object = s.serialize_struct("PerLabel", Label::COUNT)?;
        for (label, score) in Label::ALL.iter().zip(self.0) {
            object.serialize_field(label.name(), &score)?;
        }
        object.end()
    }
}

/// Rounds a score to 4 decimals, as the CLI does, so `0.7` reads `0.7` and not `0.699999988`.
fn round(x: f32) -> f64 {
    (f64::from(x) * 10_000.0).round() / 10_000.0
}

impl<'a> VerdictOut<'a> {
    pub fn new(text: &str, v: &'a Verdict) -> VerdictOut<'a> {
        let mut bounds: Vec<usize> = v.spans.iter().flat_map(|s| [s.start, s.end]).collect();
        bounds.sort_unstable();
        bounds.dedup();
        let units = utf16_offsets(text, &bounds);
        let at = |b: usize| bounds.binary_search(&b).map(|i| units[i]).unwrap_or(0);
        let mut scores = [0.0; Label::COUNT];
        for (slot, (_, s)) in scores.iter_mut().zip(v.scores.iter()) {
            *slot = round(s);
        }
        VerdictOut {
            flagged: v.flagged,
            labels: v.labels.iter().map(|l| Name(l.name())).collect(),
            scores: PerLabel(scores),
            spans: v
                .spans
                .iter()
                .map(|s| SpanOut {
                    start: at(s.start),
                    end: at(s.end),
                    label: Name(s.label.name()),
                    term: &s.term,
                })
                .collect(),
            language: Name(v.language.code()),
        }
    }
}

/// The UTF-16 offset of each byte offset in `sorted` (ascending, deduplicated), in one pass over
/// the text. An offset inside a character maps to the start of the next one and an offset past
/// the end to the end, so a bad offset can never panic.
pub fn utf16_offsets(text: &str, sorted: &[usize]) -> Vec<u32> {
    let mut out = Vec::with_capacity(sorted.len());
    let mut units: u32 = 0;
    let mut chars = text.char_indices().peekable();
    for &b in sorted {
        while let Some(&(i, c)) = chars.peek() {
            if i >= b {
                break;
            }
            units += c.len_utf16() as u32;
            chars.next();
        }
        out.push(units);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::utf16_offsets;

    #[test]
    fn offsets_count_utf16_units() {
        let text = "a🙂бx"; // bytes: a=0, 🙂=1..5, б=5..7, x=7..8; UTF-16: a=0, 🙂=1..3, б=3, x=4
        assert_eq!(
            utf16_offsets(text, &[0, 1, 5, 7, 8, 100]),
            vec![0, 1, 3, 4, 5, 5]
        );
        // Inside the emoji: rounds up to the next character.
        assert_eq!(utf16_offsets(text, &[2]), vec![3]);
        assert_eq!(utf16_offsets("", &[0, 3]), vec![0, 0]);
    }
}
