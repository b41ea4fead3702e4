//! The binding's contract, run inside a JavaScript engine by wasm-bindgen-test (headless Chromium
//! in scripts/test-js.sh; Node works too): errors are JS `Error`s of the right class, never
//! traps, the classifier keeps working after each, and results are plain objects with UTF-16
//! offsets.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, JsString, Object, Reflect, JSON};
use moderato_wasm::Classifier;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test as test;

fn json(s: &str) -> JsValue {
    JSON::parse(s).expect("test JSON")
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

fn message(err: &JsValue) -> String {
    get(err, "message").as_string().unwrap_or_default()
}

fn still_works(c: &Classifier) {
    let v = c
        .classify(JsValue::from_str("I will kill you"))
        .expect("classify");
    assert_eq!(get(&v, "flagged"), JsValue::TRUE);
}

#[test]
fn verdict_is_a_plain_object() {
    let c = Classifier::new(None).unwrap();
    let v = c.classify(JsValue::from_str("I will kill you")).unwrap();
    let proto = Object::get_prototype_of(&v);
    assert!(
        Object::is(&proto, &Object::get_prototype_of(&Object::new())),
        "not a plain object"
    );
    let keys: Vec<String> = Object::keys(v.unchecked_ref::<Object>())
        .iter()
        .filter_map(|k| k.as_string())
        .collect();
    assert_eq!(keys, ["flagged", "labels", "scores", "spans", "language"]);
    let scores = get(&v, "scores");
    assert_eq!(Object::keys(scores.unchecked_ref::<Object>()).length(), 7);
    assert!(get(&scores, "threat").as_f64().unwrap() >= 0.5);
    assert_eq!(get(&v, "language").as_string().as_deref(), Some("en"));
    assert!(Array::is_array(&get(&v, "spans")));
}

#[test]
fn spans_are_utf16_offsets() {
    let c = Classifier::new(None).unwrap();
    let text = "🙂🙂 I will kill you";
    let v = c.classify(JsValue::from_str(text)).unwrap();
    let spans: Array = get(&v, "spans").unchecked_into();
    let js_text = JsString::from(text);
    let found: Vec<String> = spans
        .iter()
        .map(|s| {
            let (a, b) = (
                get(&s, "start").as_f64().unwrap() as u32,
                get(&s, "end").as_f64().unwrap() as u32,
            );
            String::from(js_text.slice(a, b))
        })
        .collect();
    assert!(found.iter().any(|f| f.contains("kill")), "{found:?}");
}

#[test]
fn wrong_types_throw_type_errors() {
    let c = Classifier::new(None).unwrap();
    for bad in [
        JsValue::from(42),
        JsValue::UNDEFINED,
        JsValue::NULL,
        Object::new().into(),
        Array::new().into(),
    ] {
        let err = c.classify(bad).unwrap_err();
        assert!(err.is_instance_of::<js_sys::TypeError>(), "{err:?}");
        assert!(
            message(&err).starts_with("moderato: classify(text): text must be a string"),
            "{}",
            message(&err)
        );
        still_works(&c);
    }
    let err = c.classify_batch(JsValue::from_str("x")).unwrap_err();
    assert!(err.is_instance_of::<js_sys::TypeError>());
    let err = c.classify_batch(json(r#"["ok", 3]"#)).unwrap_err();
    assert!(
        message(&err).contains("texts[1] must be a string, got number 3"),
        "{}",
        message(&err)
    );
    still_works(&c);
}

#[test]
fn bad_options_throw_clear_errors() {
    let cases: &[(&str, &str)] = &[
        (r#"{"polcy":"strict"}"#, r#"unknown option "polcy""#),
        (r#"{"policy":"lenient"}"#, r#"unknown policy "lenient""#),
        (
            r#"{"thresholds":{"threat":1.5}}"#,
            "options.thresholds.threat must be a number in [0, 1], got 1.5",
        ),
        (r#"{"thresholds":{"hate":0.5}}"#, r#"unknown label "hate""#),
        (
            r#"{"denyTerms":[{"term":"x"}]}"#,
            "options.denyTerms[0].label is missing",
        ),
        (
            r#"{"allowTerms":[1]}"#,
            "options.allowTerms[0] must be a string, got number 1",
        ),
        ("5", "options must be a plain object, got number 5"),
    ];
    for (options, want) in cases {
        let err = match Classifier::new(Some(json(options))) {
            Ok(_) => panic!("{options} was accepted"),
            Err(e) => e,
        };
        assert!(
            err.is_instance_of::<js_sys::Error>(),
            "{options}: not an Error"
        );
        assert!(
            message(&err).contains(want),
            "{options}: {:?} lacks {want:?}",
            message(&err)
        );
    }
    let range = Classifier::new(Some(json(r#"{"thresholds":{"insult":-1}}"#)))
        .err()
        .unwrap();
    assert!(range.is_instance_of::<js_sys::RangeError>());
}

#[test]
fn options_are_applied() {
    let c = Classifier::new(Some(json(
        r#"{"policy":"strict","thresholds":{"threat":0.25},"denyTerms":[{"term":"blorf","label":"insult"}]}"#,
    )))
    .unwrap();
    assert_eq!(c.policy(), "strict");
    assert_eq!(get(&c.thresholds().unwrap(), "threat").as_f64(), Some(0.25));
    let v = c.classify(JsValue::from_str("you blorf")).unwrap();
    assert_eq!(get(&v, "flagged"), JsValue::TRUE);
}

#[test]
fn batch_matches_single() {
    let c = Classifier::new(None).unwrap();
    let texts = json(r#"["I will kill you", "have a nice day", "ты дурак", ""]"#);
    let batch: Array = c.classify_batch(texts.clone()).unwrap().unchecked_into();
    let texts: Array = texts.unchecked_into();
    assert_eq!(batch.length(), 4);
    for (i, t) in texts.iter().enumerate() {
        let single = JSON::stringify(&c.classify(t).unwrap()).unwrap();
        assert_eq!(JSON::stringify(&batch.get(i as u32)).unwrap(), single);
    }
}

#[test]
fn statics() {
    assert_eq!(Classifier::labels().len(), 7);
    assert_eq!(Classifier::policies(), ["default", "strict", "minimal"]);
    assert_eq!(Classifier::version(), env!("CARGO_PKG_VERSION"));
}
