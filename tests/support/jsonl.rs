//! Reading the case files shared by the table-driven suites (`tests/cases.rs`,
//! `tests/functional.rs`): one JSON object per non-empty line, compiled in so the suites run
//! unchanged under wasm32.

use serde::de::DeserializeOwned;

/// Every case of `files` (`(path, contents)`), each with its `path:line` for messages; a line that
/// does not parse fails the test there.
pub fn read<T: DeserializeOwned>(files: &[(&str, &str)]) -> Vec<(String, T)> {
    let mut cases = Vec::new();
    for (name, contents) in files {
        for (i, line) in contents.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let case: T =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("{name}:{}: {e}", i + 1));
            cases.push((format!("{name}:{}", i + 1), case));
        }
    }
    cases
}
