//! Reads the `options` object given to `new Classifier(options)`.
//!
//! Checked by hand through `Reflect` rather than deserialised, so that every mistake gets a message
//! naming the exact key (`options.thresholds.threat`), unknown keys are refused instead of ignored
//! (a misspelt `treshold` would otherwise silently do nothing), and a throwing getter or Proxy
//! becomes an error instead of unwinding through Rust.

use crate::errors::{describe, error, fmt_number, is_array, range_error, type_error};
use js_sys::{Object, Reflect};
use moderato::{Classifier, ClassifierBuilder, Label, Policy};
use wasm_bindgen::{JsCast, JsValue};

/// Every option key, as documented in `ClassifierOptions`.
const KNOWN: [&str; 4] = ["policy", "thresholds", "denyTerms", "allowTerms"];

/// At most this many deny terms, and this many allow terms (each list is compiled into the
/// matcher; a word list of a million entries is a mistake, not a setting).
pub const MAX_TERMS: u32 = 100_000;

/// A term is a word or a phrase: at most this many UTF-16 code units.
pub const MAX_TERM_UNITS: u32 = 1_000;

/// Builds a classifier from the JS options value (`undefined` and `null` mean all defaults).
pub fn build(options: &JsValue) -> Result<Classifier, JsValue> {
    let mut builder = Classifier::builder();
    if !(options.is_undefined() || options.is_null()) {
        apply(options, &mut builder)?;
    }
    builder
        .build()
        .map_err(|e| error(format!("invalid options: {e}")))
}

/// Reads every key of an options object into `builder`. Kept out of line: a browser compiles a
/// function on its first call, and `new Classifier()` with no options then skips compiling this.
#[inline(never)]
fn apply(options: &JsValue, builder: &mut ClassifierBuilder) -> Result<(), JsValue> {
    let obj = as_record(options, "options")?;
    for (key, value) in entries(obj, "options")? {
        if !KNOWN.contains(&key.as_str()) {
            return Err(error(format!(
                "unknown option {key:?} (expected one of: {})",
                KNOWN.join(", ")
            )));
        }
        // `{ policy: undefined }` is how JS spells "not set" (spread of partial settings).
        if value.is_undefined() {
            continue;
        }
        match key.as_str() {
            "policy" => {
                builder.policy(policy(&value)?);
            }
            "thresholds" => thresholds(&value, builder)?,
            "denyTerms" => deny_terms(&value, builder)?,
            _ => allow_terms(&value, builder)?,
        }
    }
    Ok(())
}

/// Parses a policy name.
fn policy(value: &JsValue) -> Result<Policy, JsValue> {
    let name = value.as_string().ok_or_else(|| {
        type_error(format!(
            "options.policy must be a string, got {}",
            describe(value)
        ))
    })?;
    name.parse::<Policy>()
        .map_err(|e| error(format!("options.policy: {e}")))
}

/// Parses a label name; `path` says where it came from.
fn label(value: &JsValue, path: &str) -> Result<Label, JsValue> {
    let name = value.as_string().ok_or_else(|| {
        type_error(format!(
            "{path} must be a label name (a string), got {}",
            describe(value)
        ))
    })?;
    name.parse::<Label>()
        .map_err(|e| error(format!("{path}: {e}")))
}

fn thresholds(value: &JsValue, builder: &mut ClassifierBuilder) -> Result<(), JsValue> {
    let obj = as_record(value, "options.thresholds")?;
    for (key, v) in entries(obj, "options.thresholds")? {
        let label = key
            .parse::<Label>()
            .map_err(|e| error(format!("options.thresholds: {e}")))?;
        if v.is_undefined() {
            continue;
        }
        let path = format!("options.thresholds.{key}");
        let t = v.as_f64().ok_or_else(|| {
            type_error(format!(
                "{path} must be a number in [0, 1], got {}",
                describe(&v)
            ))
        })?;
        if !(0.0..=1.0).contains(&t) {
            return Err(range_error(format!(
                "{path} must be a number in [0, 1], got {}",
                fmt_number(t)
            )));
        }
        builder.threshold(label, t as f32);
    }
    Ok(())
}

fn deny_terms(value: &JsValue, builder: &mut ClassifierBuilder) -> Result<(), JsValue> {
    each_item(
        value,
        "options.denyTerms",
        "an array of { term, label } objects",
        MAX_TERMS,
        |i, item| deny_term(i, &item, builder),
    )
}

fn deny_term(i: u32, item: &JsValue, builder: &mut ClassifierBuilder) -> Result<(), JsValue> {
    {
        let path = format!("options.denyTerms[{i}]");
        let obj = as_record(item, &path)?;
        let mut term = None;
        let mut lab = None;
        for (key, v) in entries(obj, &path)? {
            match key.as_str() {
                "term" => term = Some(string(&v, &format!("{path}.term"))?),
                "label" => lab = Some(label(&v, &format!("{path}.label"))?),
                other => {
                    return Err(error(format!(
                        "{path}: unknown key {other:?} (expected term and label)"
                    )))
                }
            }
        }
        let term = term.ok_or_else(|| type_error(format!("{path}.term is missing")))?;
        let lab = lab.ok_or_else(|| type_error(format!("{path}.label is missing")))?;
        builder.deny_term(&term, lab);
    }
    Ok(())
}

fn allow_terms(value: &JsValue, builder: &mut ClassifierBuilder) -> Result<(), JsValue> {
    each_item(
        value,
        "options.allowTerms",
        "an array of strings",
        MAX_TERMS,
        |i, item| {
            builder.allow_term(&string(&item, &format!("options.allowTerms[{i}]"))?);
            Ok(())
        },
    )
}

/// A term: a string of at most [`MAX_TERM_UNITS`] UTF-16 code units.
fn string(value: &JsValue, path: &str) -> Result<String, JsValue> {
    let units = utf16_len(value)
        .ok_or_else(|| type_error(format!("{path} must be a string, got {}", describe(value))))?;
    if units > MAX_TERM_UNITS {
        return Err(range_error(format!(
            "{path} is {units} UTF-16 code units long; a term may have at most {MAX_TERM_UNITS}"
        )));
    }
    value
        .as_string()
        .ok_or_else(|| type_error(format!("{path} must be a string, got {}", describe(value))))
}

/// The length of a JS string in UTF-16 code units, read without copying it; `None` if `value` is
/// not a string.
pub fn utf16_len(value: &JsValue) -> Option<u32> {
    value.dyn_ref::<js_sys::JsString>().map(|s| s.length())
}

/// A plain object (`{...}` or `Object.create(null)`): a `Map`, an array or a class instance would
/// have its settings silently ignored, so they are refused.
fn as_record<'a>(value: &'a JsValue, path: &str) -> Result<&'a Object, JsValue> {
    let array = is_array(value).map_err(|e| rethrow(e, path))?;
    if value.is_object() && !value.is_function() && !array && is_plain(value) {
        Ok(value.unchecked_ref())
    } else {
        Err(type_error(format!(
            "{path} must be a plain object, got {}",
            describe(value)
        )))
    }
}

/// Whether the prototype chain is at most one step long (`Object.prototype` of any realm, or none).
fn is_plain(value: &JsValue) -> bool {
    match Reflect::get_prototype_of(value) {
        Ok(proto) => {
            let proto: &JsValue = proto.as_ref();
            proto.is_null()
                || Reflect::get_prototype_of(proto)
                    .map(|p| JsValue::from(p).is_null())
                    .unwrap_or(false)
        }
        Err(_) => false,
    }
}

/// Calls `f` on each element of a JS array in order, read through `Reflect` (an element getter or
/// a Proxy may throw), and stops at the first error. An array longer than `max` is refused before
/// any element is read: a sparse array or a Proxy can claim a length of 2^32 - 1 at no cost to
/// itself, and reading (let alone keeping) that many elements would exhaust the module's memory,
/// which is a trap, not an error.
pub fn each_item(
    value: &JsValue,
    path: &str,
    what: &str,
    max: u32,
    mut f: impl FnMut(u32, JsValue) -> Result<(), JsValue>,
) -> Result<(), JsValue> {
    if !is_array(value).map_err(|e| rethrow(e, path))? {
        return Err(type_error(format!(
            "{path} must be {what}, got {}",
            describe(value)
        )));
    }
    let len = Reflect::get(value, &JsValue::from_str("length"))
        .map_err(|e| rethrow(e, &format!("{path}.length")))?
        .as_f64()
        .unwrap_or(0.0);
    let len = if len.is_finite() && len > 0.0 {
        len.min(u32::MAX as f64) as u32
    } else {
        0
    };
    if len > max {
        return Err(range_error(format!(
            "{path} has {len} elements; at most {max} are allowed"
        )));
    }
    for i in 0..len {
        let item = Reflect::get_u32(value, i).map_err(|e| rethrow(e, &format!("{path}[{i}]")))?;
        f(i, item)?;
    }
    Ok(())
}

/// The own enumerable string-keyed properties of `obj`, read through `Reflect` so that a getter
/// that throws surfaces as an error.
fn entries(obj: &Object, path: &str) -> Result<Vec<(String, JsValue)>, JsValue> {
    // Object.keys itself throws on a Proxy whose ownKeys trap throws.
    let keys = Reflect::own_keys(obj).map_err(|e| rethrow(e, path))?;
    let mut out = Vec::with_capacity(keys.length() as usize);
    for key in keys.iter() {
        // Symbol keys are not options; skip them as Object.keys would.
        let Some(name) = key.as_string() else {
            continue;
        };
        // Only enumerable properties, as `{...options}` would copy.
        let descriptor =
            Reflect::get_own_property_descriptor(obj, &key).map_err(|e| rethrow(e, path))?;
        let enumerable = descriptor.is_object()
            && Reflect::get(&descriptor, &JsValue::from_str("enumerable"))
                .ok()
                .and_then(|v| v.as_bool())
                == Some(true);
        if !enumerable {
            continue;
        }
        let value = Reflect::get(obj, &key).map_err(|e| rethrow(e, &format!("{path}.{name}")))?;
        out.push((name, value));
    }
    Ok(out)
}

/// Wraps an exception thrown while reading options in an error that says where it happened.
pub fn rethrow(thrown: JsValue, path: &str) -> JsValue {
    let detail = if thrown.is_object() {
        Reflect::get(&thrown, &JsValue::from_str("message"))
            .ok()
            .and_then(|m| m.as_string())
    } else {
        None
    }
    .unwrap_or_else(|| describe(&thrown));
    error(format!("reading {path} threw: {detail}"))
}
