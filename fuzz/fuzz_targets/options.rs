//! Fuzz target `options`: see `options_target` in fuzz/src/harness.rs for what it checks.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| moderato_fuzz::options_target(data));
