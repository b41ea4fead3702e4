//! moderato: an on-device harmful-message classifier for English and Russian.
//!
//! It flags threats, extremism, identity attacks and insults (and, opt-in, profanity), and does not
//! flag news, criticism, counter-speech, negation, idioms or innocent words that contain bad ones.
//! Text is normalised against evasion (look-alike letters, leetspeak, spacing, zero-width
//! characters) before matching, and every piece of evidence points back into the original text.
//!
//! ```
//! use moderato::{Classifier, Label, Policy};
//!
//! let classifier = Classifier::new();
//! let verdict = classifier.classify("I will k1ll you");
//! assert!(verdict.flagged);
//! assert!(verdict.has(Label::Threat));
//!
//! let strict = Classifier::builder().policy(Policy::Strict).build().unwrap();
//! assert!(!strict.classify("this traffic is killing me").flagged);
//! ```
//!
//! The crate is pure Rust with no I/O and no global state; the command-line tool and the
//! WebAssembly binding are separate crates built on it.

mod automaton;
mod classifier;
mod combine;
mod context;
mod error;
mod features;
mod label;
mod language;
mod lexicon;
mod matcher;
mod model;
pub mod normalize;
mod policy;
mod spelling;
mod tables;
mod translit;
mod verdict;
mod word_breaks;

#[doc(hidden)]
pub use classifier::bench_api;
/// Entry points for the fuzz targets (`fuzz/`): hidden, not a stable API.
#[doc(hidden)]
pub mod fuzz_api {
    pub use crate::automaton::{
        decode_and_scan as automaton_decode_and_scan, example_bytes as automaton_example_bytes,
    };
}
pub use classifier::{Classifier, ClassifierBuilder, Scratch, DEFAULT_THRESHOLD};
pub use error::BuildError;
pub use features::{feature_value, BucketCounts};
pub use label::{Label, LabelSet, Scores, UnknownLabel};
pub use language::Language;
pub use model::{Model, ModelError, ModelHead};
pub use policy::{Policy, UnknownPolicy};
#[doc(hidden)]
pub use tables::{check as check_tables, compile_builtin as compile_tables};
pub use verdict::{Span, Verdict};
