//! Fuzz target `tables_load`: see `tables_load_target` in fuzz/src/harness.rs for what it checks.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| moderato_fuzz::tables_load_target(data));
