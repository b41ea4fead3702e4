//! Reading the repository's case files (`tests/cases/*.jsonl`, `tests/functional/*.jsonl`): one
//! JSON object per non-empty line.

use serde_json::Value;
use std::path::Path;

/// Every object of the file at `path`, each with its place (`file.jsonl:line`) for messages.
pub fn read(path: &Path) -> Result<Vec<(String, Value)>, String> {
    let contents = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let mut out = Vec::new();
    for (i, line) in contents.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let place = format!("{name}:{}", i + 1);
        let case = serde_json::from_str(line).map_err(|e| format!("{place}: {e}"))?;
        out.push((place, case));
    }
    Ok(out)
}
