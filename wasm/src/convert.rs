//! Turns a core [`Verdict`] into the plain object JavaScript sees.
//!
//! The core reports evidence as UTF-8 byte offsets; JavaScript strings are indexed in UTF-16 code
//! units, so offsets are translated here, once per message, and `text.slice(start, end)` returns
//! the evidence even after emoji or other astral characters.

use moderato::{Label, Language, Verdict};
use serde::ser::{Serialize, SerializeStruct, Serializer};
use wasm_bindgen::prelude::*;

// The objects themselves are made in JavaScript (`wasm/js/verdict.js`): one call with numbers per
// verdict, and one per span, instead of serde-wasm-bindgen setting every property and array item
// across the boundary (a third of a `classify` call in Node: 6.3-7.7 µs a message against
// 4.0-4.4 µs for the same classification returning only `flagged`).
#[wasm_bindgen(module = "/js/verdict.js")]
extern "C" {
    #[wasm_bindgen(js_name = makeVerdict)]
    #[allow(clippy::too_many_arguments)]
    fn make_verdict(
        flagged: bool,
        labels: u32,
        language: u32,
        toxicity: f64,
        severe_toxicity: f64,
        identity_attack: f64,
        insult: f64,
        profanity: f64,
        threat: f64,
        extremism: f64,
    ) -> JsValue;

    #[wasm_bindgen(js_name = addSpan)]
    fn add_span(verdict: &JsValue, start: u32, end: u32, label: u32, term: &str);
}

/// The index of each language in `LANGUAGES` of `wasm/js/verdict.js`.
fn language_index(language: Language) -> u32 {
    match language {
        Language::English => 0,
        Language::Russian => 1,
        Language::Unknown => 2,
    }
}

/// One number per label, as an object keyed by label name in `Label::ALL` order.
pub struct PerLabel(pub [f64; Label::COUNT]);

/// Written as a struct, not a map: the JS object is the same, but serde-wasm-bindgen makes the JS
/// string of a struct's field name once and reuses it, where it makes a map's keys anew for every
/// call.
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

/// The JS object of a verdict on `text` (see `Verdict` in the TypeScript declarations).
pub fn verdict_to_js(text: &str, v: &Verdict) -> JsValue {
    let mut scores = [0.0; Label::COUNT];
    for (slot, (_, s)) in scores.iter_mut().zip(v.scores.iter()) {
        *slot = round(s);
    }
    let labels = v.labels.iter().fold(0u32, |set, l| set | 1 << l.index());
    let [toxicity, severe_toxicity, identity_attack, insult, profanity, threat, extremism] = scores;
    let out = make_verdict(
        v.flagged,
        labels,
        language_index(v.language),
        toxicity,
        severe_toxicity,
        identity_attack,
        insult,
        profanity,
        threat,
        extremism,
    );
    if !v.spans.is_empty() {
        let mut bounds: Vec<usize> = v.spans.iter().flat_map(|s| [s.start, s.end]).collect();
        bounds.sort_unstable();
        bounds.dedup();
        let units = utf16_offsets(text, &bounds);
        let at = |b: usize| bounds.binary_search(&b).map(|i| units[i]).unwrap_or(0);
        for s in &v.spans {
            add_span(
                &out,
                at(s.start),
                at(s.end),
                s.label.index() as u32,
                &s.term,
            );
        }
    }
    out
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
    use super::{language_index, utf16_offsets};
    use moderato::{Label, Language};

    /// The JS side names labels and languages by index: its lists must be the core's, in order.
    #[test]
    fn js_lists_match_the_core() {
        let js = include_str!("../js/verdict.js");
        let list = |name: &str| -> Vec<String> {
            let line = js
                .lines()
                .find(|l| l.starts_with(&format!("const {name} = [")))
                .unwrap_or_else(|| panic!("verdict.js has no {name} list"));
            line[line.find('[').unwrap() + 1..line.rfind(']').unwrap()]
                .split(',')
                .map(|s| s.trim().trim_matches('"').to_string())
                .collect()
        };
        let labels: Vec<String> = Label::ALL.iter().map(|l| l.name().to_string()).collect();
        assert_eq!(list("LABELS"), labels);
        for (i, l) in Label::ALL.iter().enumerate() {
            assert_eq!(l.index(), i);
        }
        let languages = list("LANGUAGES");
        for language in [Language::English, Language::Russian, Language::Unknown] {
            assert_eq!(
                languages[language_index(language) as usize],
                language.code()
            );
        }
        // makeVerdict takes the scores in Label::ALL order, named after the labels.
        let params = js
            .lines()
            .find(|l| l.starts_with("export function makeVerdict("))
            .expect("verdict.js has makeVerdict")
            .to_lowercase();
        let mut from = 0;
        for name in &labels {
            let name = name.replace('_', "");
            let at = params[from..]
                .find(&name)
                .unwrap_or_else(|| panic!("makeVerdict: {name} out of order"));
            from += at + name.len();
        }
    }

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
