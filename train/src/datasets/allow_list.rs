//! The project's own reviewed allow list (`lexicons/allow.tsv`) as benign messages: every term
//! there is a word or phrase the reviewers vouch for although it contains a listed one
//! (`cockpit`, `retardant`, `stab you in the back`, `уродился`). The lexicon skips them; training on
//! them teaches the model the same, so its prefixes and bigrams do not bring the flag back.

use super::{targets, Dataset, BENIGN};
use crate::example::Example;
use std::path::Path;

pub const DATASET: Dataset = Dataset {
    name: "allow_list",
    title: "moderato's reviewed allow list, lexicons/allow.tsv (training only)",
    language: "en, ru",
    licence: "the project's own",
    files: "lexicons/allow.tsv (in this repository)",
    mapping: &[(
        "every term, wildcard stars removed",
        "toxicity, insult, identity_attack, threat 0",
    )],
    validation: false,
    weight: super::REFERENCE_WEIGHT,
    load,
};

fn load(_data: &Path) -> Result<Vec<Example>, String> {
    let path = crate::repo_root().join("lexicons/allow.tsv");
    let contents =
        std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(parse(&contents))
}

fn parse(contents: &str) -> Vec<Example> {
    contents
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .filter_map(|l| {
            let term = l.split('\t').next()?.trim().trim_matches('*').trim();
            (!term.is_empty()).then(|| Example::new(term, targets(&[], BENIGN)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use moderato::Label;

    #[test]
    fn terms_lose_their_stars() {
        let ex = parse("# comment\ncockpit*\n*страху*\n\nstab you in the back\t# note\n");
        let texts: Vec<&str> = ex.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(texts, ["cockpit", "страху", "stab you in the back"]);
        assert!(ex
            .iter()
            .all(|e| e.targets.get(Label::Threat) == Some(false)));
    }

    #[test]
    fn the_real_list_loads() {
        let ex = load(Path::new("")).unwrap();
        assert!(ex.len() > 50, "{}", ex.len());
    }
}
