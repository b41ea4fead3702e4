//! Fuzz target `classify`: see `classify_target` in fuzz/src/harness.rs for what it checks.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| moderato_fuzz::classify_target(data));
