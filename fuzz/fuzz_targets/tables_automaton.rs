//! Fuzz target `tables_automaton`: see `tables_automaton_target` in fuzz/src/harness.rs.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| moderato_fuzz::tables_automaton_target(data));
