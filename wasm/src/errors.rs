//! JavaScript errors for bad input.
//!
//! Every problem a caller can cause becomes a thrown JS `Error` (or its `TypeError`/`RangeError`
//! subclasses) instead of a Rust panic: a panic in wasm32 is a trap, which would leave the module's
//! shadow stack and borrow flags in an unknown state for every later call.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

#[wasm_bindgen]
extern "C" {
    /// `Array.isArray`, which throws for a revoked Proxy: caught, so that the exception does not
    /// unwind through Rust frames (js-sys's binding does not catch).
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array_checked(value: &JsValue) -> Result<bool, JsValue>;
}

/// `Array.isArray(value)`, or the exception it threw (only a revoked Proxy makes it throw).
pub fn is_array(value: &JsValue) -> Result<bool, JsValue> {
    is_array_checked(value)
}

/// The prefix of every message, so that an error in a large app says where it came from.
const PREFIX: &str = "moderato: ";

/// A `TypeError`: a value of the wrong type (`classify(42)`, `policy: 1`).
pub fn type_error(message: impl AsRef<str>) -> JsValue {
    js_sys::TypeError::new(&format!("{PREFIX}{}", message.as_ref())).into()
}

/// A `RangeError`: a value of the right type outside what is allowed (a threshold of 1.5).
pub fn range_error(message: impl AsRef<str>) -> JsValue {
    js_sys::RangeError::new(&format!("{PREFIX}{}", message.as_ref())).into()
}

/// A plain `Error`: an unknown name (option key, label, policy) or a term the core rejects.
pub fn error(message: impl AsRef<str>) -> JsValue {
    js_sys::Error::new(&format!("{PREFIX}{}", message.as_ref())).into()
}

/// Describes a value for an error message: its kind, and the value itself when it is short and
/// harmless to echo (numbers, booleans), never the contents of a string or object.
pub fn describe(value: &JsValue) -> String {
    if value.is_undefined() {
        return "undefined".into();
    }
    if value.is_null() {
        return "null".into();
    }
    if let Some(b) = value.as_bool() {
        return format!("boolean {b}");
    }
    if let Some(n) = value.as_f64() {
        return format!("number {}", fmt_number(n));
    }
    if value.is_string() {
        return "a string".into();
    }
    match is_array(value) {
        Ok(true) => return "an array".into(),
        Ok(false) => {}
        Err(_) => return "a revoked Proxy".into(),
    }
    if value.is_function() {
        return "a function".into();
    }
    if value.is_bigint() {
        return "a bigint".into();
    }
    if value.is_symbol() {
        return "a symbol".into();
    }
    // A named class instance (Map, Date, a user's class) is worth naming. Read through Reflect so
    // that a null prototype or a throwing Proxy cannot raise while we build a message.
    let name = js_sys::Reflect::get(value, &JsValue::from_str("constructor"))
        .ok()
        .filter(|c| c.is_function())
        .and_then(|c| js_sys::Reflect::get(&c, &JsValue::from_str("name")).ok())
        .and_then(|n| n.as_string());
    if let Some(name) = name {
        if !name.is_empty() && name != "Object" {
            return format!("a {name}");
        }
    }
    "an object".into()
}

/// Formats a number as JavaScript would print it for the common cases (no `1.0`, `NaN` as is).
pub fn fmt_number(n: f64) -> String {
    if n.is_nan() {
        "NaN".into()
    } else if n.is_infinite() {
        if n > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else if n == n.trunc() && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}
