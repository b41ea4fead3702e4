//! Any labeled CSV or TSV file (plain or gzipped) as examples: `eval --file` reads it with a text
//! column and, per moderato label, the column (and positive values) that labels it.

use crate::datasets::read::{number, text, Table};
use crate::example::{Example, Targets};
use moderato::Label;
use std::path::Path;

/// Which column labels `label`, and which of its values are positive (empty: a number >= 0.5,
/// or `true`/`yes`, is positive).
#[derive(Clone, Debug, PartialEq)]
pub struct LabelColumn {
    pub label: Label,
    pub column: String,
    pub positive: Vec<String>,
}

impl LabelColumn {
    /// Parses `LABEL=COLUMN` or `LABEL=COLUMN:VALUE[,VALUE...]`.
    pub fn parse(spec: &str) -> Result<LabelColumn, String> {
        let (label, rest) = spec
            .split_once('=')
            .ok_or_else(|| format!("--label {spec:?}: expected LABEL=COLUMN[:VALUES]"))?;
        let label: Label = label
            .trim()
            .parse()
            .map_err(|e| format!("--label {spec:?}: {e}"))?;
        let (column, values) = match rest.split_once(':') {
            Some((c, v)) => (
                c,
                v.split(',')
                    .map(|x| x.trim().to_string())
                    .filter(|x| !x.is_empty())
                    .collect(),
            ),
            None => (rest, Vec::new()),
        };
        Ok(LabelColumn {
            label,
            column: column.trim().to_string(),
            positive: values,
        })
    }

    fn value(&self, field: &str) -> Result<Option<bool>, String> {
        let f = field.trim();
        if f.is_empty() {
            return Ok(None);
        }
        if !self.positive.is_empty() {
            return Ok(Some(self.positive.iter().any(|p| p == f)));
        }
        match f.to_ascii_lowercase().as_str() {
            "true" | "yes" => Ok(Some(true)),
            "false" | "no" => Ok(Some(false)),
            _ => number(f).map(|v| Some(v >= 0.5)),
        }
    }
}

/// Reads the file; the delimiter is a tab for `.tsv` / `.tsv.gz` unless given.
pub fn load(
    path: &Path,
    text_column: &str,
    labels: &[LabelColumn],
    delimiter: Option<u8>,
) -> Result<Vec<Example>, String> {
    let name = path.to_string_lossy();
    let delimiter = delimiter.unwrap_or(if name.ends_with(".tsv") || name.ends_with(".tsv.gz") {
        b'\t'
    } else {
        b','
    });
    let table = Table::open(path, delimiter)?;
    let text_at = table.column(text_column)?;
    let label_at: Vec<usize> = labels
        .iter()
        .map(|l| table.column(&l.column))
        .collect::<Result<_, _>>()?;
    let mut out = Vec::new();
    table.for_each(|row| {
        let Some(t) = row.get(text_at).and_then(|f| text(f)) else {
            return Ok(());
        };
        let mut targets = Targets::default();
        for (spec, &at) in labels.iter().zip(&label_at) {
            if let Some(v) = spec.value(row.get(at).map_or("", String::as_str))? {
                targets.set(spec.label, v);
            }
        }
        out.push(Example::new(t, targets));
        Ok(())
    })?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_specs() {
        let l = LabelColumn::parse("toxicity=subtask_a:OFF").unwrap();
        assert_eq!(
            (l.label, l.column.as_str(), l.positive.clone()),
            (Label::Toxicity, "subtask_a", vec!["OFF".to_string()])
        );
        assert_eq!(l.value("OFF"), Ok(Some(true)));
        assert_eq!(l.value("NOT"), Ok(Some(false)));
        assert_eq!(l.value(""), Ok(None));
        let n = LabelColumn::parse("threat = violence").unwrap();
        assert_eq!(
            (n.value("0.83"), n.value("0"), n.value("yes")),
            (Ok(Some(true)), Ok(Some(false)), Ok(Some(true)))
        );
        assert!(n.value("maybe").is_err());
        assert!(LabelColumn::parse("hate=col").is_err());
        assert!(LabelColumn::parse("toxicity").is_err());
    }

    #[test]
    fn reads_a_file() {
        let dir = std::env::temp_dir().join(format!("moderato-train-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("x.tsv");
        std::fs::write(
            &path,
            "id\tmsg\tlab\n1\thello there\tNOT\n2\t\"quoted\ttab\"\tOFF\n3\t  \tOFF\n",
        )
        .unwrap();
        let spec = [LabelColumn::parse("toxicity=lab:OFF").unwrap()];
        let ex = load(&path, "msg", &spec, None).unwrap();
        assert_eq!(ex.len(), 2);
        assert_eq!(ex[1].text, "quoted\ttab");
        assert_eq!(ex[1].targets.get(Label::Toxicity), Some(true));
        assert!(load(&path, "nope", &spec, None)
            .unwrap_err()
            .contains("no column"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
