//! The WebAssembly binding of moderato: the `Classifier` class of the `moderato` npm package.
//!
//! This is the only crate of the project that knows about JavaScript. It checks every value that
//! crosses the boundary and turns every mistake into a thrown JS error, because a Rust panic in
//! wasm32 is a trap that no caller can handle. Results are plain JS objects built with
//! serde-wasm-bindgen; evidence offsets are UTF-16 code units, as JavaScript strings count.

mod convert;
mod errors;
mod options;

use convert::{verdict_to_js, PerLabel};
use errors::{describe, error, range_error, type_error};
use moderato::{Label, Policy, Scratch};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** A kind of harm. Every message gets a score in [0, 1] for each label. */
export type Label =
  | "toxicity"
  | "severe_toxicity"
  | "identity_attack"
  | "insult"
  | "profanity"
  | "threat"
  | "extremism";

/**
 * Which labels flag a message: `"default"` (threats, extremism, identity attacks, insults, severe
 * toxicity), `"strict"` (also toxicity and profanity) or `"minimal"` (threats and extremism only).
 */
export type Policy = "default" | "strict" | "minimal";

/** The language a message was judged to be in (ISO 639-1; `"und"` when it has no letters). */
export type Language = "en" | "ru" | "und";

/** A term of your own that is strong evidence for one label. */
export interface DenyTerm {
  /** In lexicon syntax: `"badword"`, `"stem*"`, `"two words"`. Evaded spellings match too. */
  term: string;
  label: Label;
}

/** Settings for `new Classifier(options)`. Unknown keys are an error. */
export interface ClassifierOptions {
  /** Default: `"default"`. */
  policy?: Policy | undefined;
  /** The score at or above which a label counts as present, per label; each in [0, 1]. Defaults: the learned model's thresholds for the labels it scores, 0.5 for the others. */
  thresholds?: Partial<Record<Label, number>> | undefined;
  /** Extra terms that count as evidence. */
  denyTerms?: readonly DenyTerm[] | undefined;
  /** Terms whose occurrences never count as evidence (names, places). */
  allowTerms?: readonly string[] | undefined;
}

/** Where the evidence for a label is: `text.slice(start, end)` (UTF-16 code units). */
export interface Span {
  start: number;
  end: number;
  label: Label;
  /** The lexicon or user term that matched, normalised (`"kill you"` for `"k1ll y0u"`). */
  term: string;
}

/** The classifier's decision on one message. */
export interface Verdict {
  /** Whether the policy flags the message. */
  flagged: boolean;
  /** Every label whose score passed its threshold, flagging or not. */
  labels: Label[];
  /** The score of every label, in [0, 1]. */
  scores: Record<Label, number>;
  /** The evidence, in order of position in the text. */
  spans: Span[];
  language: Language;
}
"#;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

/// Reports a panic on the console before the trap, so that a bug is at least diagnosable, then
/// runs the hook that was there before (a test harness's, for one). Input mistakes never get
/// here: they are thrown as errors.
fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            console_error(&format!("moderato: internal error (please report): {info}"));
            previous(info);
        }));
    });
}

/// The longest message accepted, in UTF-16 code units (4 Mi, some 4 to 12 MB of UTF-8): working
/// memory is a few dozen bytes per byte of text, and a WebAssembly module has at most 4 GiB, so a
/// limit well under that keeps an oversized message an error instead of a trap.
pub const MAX_TEXT_UNITS: u32 = 1 << 22;

/// At most this many messages in one `classifyBatch` call (1 Mi): a sparse array or a Proxy can
/// claim a length of 2^32 - 1 at no cost to itself, and the verdicts of more messages than this
/// are better asked for in several calls anyway.
pub const MAX_BATCH: u32 = 1 << 20;

/// At most this many UTF-16 code units in all the messages of one `classifyBatch` call together
/// (64 Mi): they are copied into the module's memory before the first is classified.
pub const MAX_BATCH_UNITS: u64 = 1 << 26;

/// The text of `value` if it is a string within the length limit; `what` names it for errors.
fn text_of(value: &JsValue, what: &str) -> Result<String, JsValue> {
    let units = options::utf16_len(value)
        .ok_or_else(|| type_error(format!("{what} must be a string, got {}", describe(value))))?;
    if units > MAX_TEXT_UNITS {
        return Err(range_error(format!(
            "{what} is {units} UTF-16 code units long; at most {MAX_TEXT_UNITS} are accepted (split the text)"
        )));
    }
    value
        .as_string()
        .ok_or_else(|| type_error(format!("{what} must be a string, got {}", describe(value))))
}

/// A harmful-message classifier (English and Russian). Building one parses the lexicons, so make
/// one and reuse it; it is immutable afterwards.
#[wasm_bindgen]
pub struct Classifier {
    inner: moderato::Classifier,
}

#[wasm_bindgen]
impl Classifier {
    /// Builds a classifier. Throws a `TypeError`, `RangeError` or `Error` naming the bad setting.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "ClassifierOptions")] options: Option<
            JsValue,
        >,
    ) -> Result<Classifier, JsValue> {
        install_panic_hook();
        let inner = options::build(options.as_ref().unwrap_or(&JsValue::UNDEFINED))?;
        Ok(Classifier { inner })
    }

    /// Classifies one message. Throws a `TypeError` if `text` is not a string, a `RangeError` if
    /// it is longer than 4,194,304 UTF-16 code units.
    #[wasm_bindgen(unchecked_return_type = "Verdict")]
    pub fn classify(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<JsValue, JsValue> {
        let text = text_of(&text, "classify(text): text")?;
        let verdict = self.inner.classify(&text);
        Ok(verdict_to_js(&text, &verdict))
    }

    /// Classifies many messages in one call into WebAssembly. Throws a `TypeError` if `texts` is
    /// not an array of strings, a `RangeError` if it has more than 1,048,576 elements, one is
    /// longer than 4,194,304 UTF-16 code units or all together are longer than 67,108,864 (all
    /// checked before any is classified).
    #[wasm_bindgen(js_name = classifyBatch, unchecked_return_type = "Verdict[]")]
    pub fn classify_batch(
        &self,
        #[wasm_bindgen(unchecked_param_type = "readonly string[]")] texts: JsValue,
    ) -> Result<JsValue, JsValue> {
        let mut strings = Vec::new();
        let mut total: u64 = 0;
        options::each_item(
            &texts,
            "classifyBatch(texts): texts",
            "an array of strings",
            MAX_BATCH,
            |i, item| {
                let s = text_of(&item, &format!("classifyBatch(texts): texts[{i}]"))?;
                total += u64::from(options::utf16_len(&item).unwrap_or(0));
                if total > MAX_BATCH_UNITS {
                    return Err(range_error(format!(
                        "classifyBatch(texts): the texts up to texts[{i}] are longer than \
                         {MAX_BATCH_UNITS} UTF-16 code units together (split the batch)"
                    )));
                }
                strings.push(s);
                Ok(())
            },
        )?;
        // One verdict at a time into the result array: the module's memory holds the texts and
        // one verdict, not all the verdicts at once.
        let out = js_sys::Array::new_with_length(strings.len() as u32);
        let mut scratch = Scratch::default();
        for (i, text) in strings.iter().enumerate() {
            let verdict = self.inner.classify_with(text, &mut scratch);
            out.set(i as u32, verdict_to_js(text, &verdict));
        }
        Ok(out.into())
    }

    /// The policy this classifier applies.
    #[wasm_bindgen(getter, unchecked_return_type = "Policy")]
    pub fn policy(&self) -> String {
        self.inner.policy().name().to_string()
    }

    /// The threshold of every label.
    #[wasm_bindgen(getter, unchecked_return_type = "Record<Label, number>")]
    pub fn thresholds(&self) -> Result<JsValue, JsValue> {
        let mut values = [0.0; Label::COUNT];
        for (slot, &label) in values.iter_mut().zip(Label::ALL.iter()) {
            // f32 -> shortest decimal, so a threshold set as 0.3 reads back as 0.3.
            *slot = self
                .inner
                .threshold(label)
                .to_string()
                .parse()
                .unwrap_or(0.0);
        }
        to_js(&PerLabel(values))
    }

    /// Every label, in the order moderato reports them.
    #[wasm_bindgen(getter, unchecked_return_type = "Label[]")]
    pub fn labels() -> Vec<String> {
        Label::ALL.iter().map(|l| l.name().to_string()).collect()
    }

    /// Every policy name.
    #[wasm_bindgen(getter, unchecked_return_type = "Policy[]")]
    pub fn policies() -> Vec<String> {
        Policy::ALL.iter().map(|p| p.name().to_string()).collect()
    }

    /// The version of moderato (the npm package has the same version).
    #[wasm_bindgen(getter)]
    pub fn version() -> String {
        env!("CARGO_PKG_VERSION").to_string()
    }
}

/// Converts to a plain JS value; maps become plain objects, not `Map`s.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
    value
        .serialize(&serializer)
        .map_err(|e| error(format!("internal error while building the result: {e}")))
}
