//! Reading the datasets' files as they are: CSV or TSV, plain or gzipped, columns found by name.

use flate2::read::GzDecoder;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

/// A delimited file with a header row, read row by row.
pub struct Table {
    name: String,
    headers: Vec<String>,
    reader: csv::Reader<Box<dyn Read>>,
}

impl Table {
    /// Opens `path` (gunzipping `*.gz`) with the given field delimiter. Fields may be quoted.
    pub fn open(path: &Path, delimiter: u8) -> Result<Table, String> {
        let name = path.display().to_string();
        let file = File::open(path).map_err(|e| format!("{name}: {e}"))?;
        let input: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
            Box::new(GzDecoder::new(BufReader::new(file)))
        } else {
            Box::new(BufReader::new(file))
        };
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .from_reader(input);
        let headers = reader
            .byte_headers()
            .map_err(|e| format!("{name}: {e}"))?
            .iter()
            .map(|h| String::from_utf8_lossy(h).trim().to_string())
            .collect();
        Ok(Table {
            name,
            headers,
            reader,
        })
    }

    /// Index of the column named `column`.
    pub fn column(&self, column: &str) -> Result<usize, String> {
        self.headers
            .iter()
            .position(|h| h == column)
            .ok_or_else(|| {
                format!(
                    "{}: no column {column:?} (has {:?})",
                    self.name, self.headers
                )
            })
    }

    /// Calls `row` with each data row's fields (invalid UTF-8 replaced, not fatal). Stops at the
    /// first error, naming the file and line.
    pub fn for_each(
        mut self,
        mut row: impl FnMut(&[String]) -> Result<(), String>,
    ) -> Result<(), String> {
        let mut record = csv::ByteRecord::new();
        let mut fields: Vec<String> = Vec::new();
        loop {
            match self.reader.read_byte_record(&mut record) {
                Ok(false) => return Ok(()),
                Ok(true) => {}
                Err(e) => return Err(format!("{}: {e}", self.name)),
            }
            fields.clear();
            fields.extend(
                record
                    .iter()
                    .map(|f| String::from_utf8_lossy(f).into_owned()),
            );
            let line = record.position().map_or(0, |p| p.line());
            row(&fields).map_err(|e| format!("{}:{line}: {e}", self.name))?;
        }
    }
}

/// Parses a number field (`"1.0"`, `"0.8333"`).
pub fn number(field: &str) -> Result<f64, String> {
    field
        .trim()
        .parse::<f64>()
        .map_err(|_| format!("not a number: {field:?}"))
}

/// The text as it should reach the featuriser: trimmed, or `None` when nothing is left.
pub fn text(field: &str) -> Option<&str> {
    let t = field.trim();
    (!t.is_empty()).then_some(t)
}
