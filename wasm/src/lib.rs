//! The WebAssembly binding of moderato: the `Classifier` class of the `moderato` npm package.
//!
//! This is the only crate of the project that knows about JavaScript. It checks every value that
//! crosses the boundary and turns every mistake into a thrown JS error, because a Rust panic in
//! wasm32 is a trap that no caller can handle. Results are plain JS objects built with
//! serde-wasm-bindgen; evidence offsets are UTF-16 code units, as JavaScript strings count.

mod convert;
mod errors;
mod options;

use convert::{PerLabel, VerdictOut};
use errors::{describe, error, type_error};
use moderato::{Label, Policy};
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
  /** The score at or above which a label counts as present, per label; each in [0, 1]. Default 0.5. */
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

    /// Classifies one message. Throws a `TypeError` if `text` is not a string.
    #[wasm_bindgen(unchecked_return_type = "Verdict")]
    pub fn classify(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<JsValue, JsValue> {
        let text = text.as_string().ok_or_else(|| {
            type_error(format!(
                "classify(text): text must be a string, got {}",
                describe(&text)
            ))
        })?;
        let verdict = self.inner.classify(&text);
        to_js(&VerdictOut::new(&text, &verdict))
    }

    /// Classifies many messages in one call into WebAssembly. Throws a `TypeError` if `texts` is
    /// not an array of strings (before classifying any).
    #[wasm_bindgen(js_name = classifyBatch, unchecked_return_type = "Verdict[]")]
    pub fn classify_batch(
        &self,
        #[wasm_bindgen(unchecked_param_type = "readonly string[]")] texts: JsValue,
    ) -> Result<JsValue, JsValue> {
        let items =
            options::array_items(&texts, "classifyBatch(texts): texts", "an array of strings")?;
        let mut strings = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let s = item.as_string().ok_or_else(|| {
                type_error(format!(
                    "classifyBatch(texts): texts[{i}] must be a string, got {}",
                    describe(item)
                ))
            })?;
            strings.push(s);
        }
        let verdicts = self.inner.classify_batch(&strings);
        let out: Vec<VerdictOut> = strings
            .iter()
            .zip(&verdicts)
            .map(|(t, v)| VerdictOut::new(t, v))
            .collect();
        to_js(&out)
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
