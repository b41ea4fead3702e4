//! Neutral sentences that name groups, written for this project: each group name of a short list
//! in each template of a short list, as benign messages.
//!
//! Why: in the hate-speech sets the names of groups ("jews", "muslims") occur mostly in hate, so
//! the model learned the names themselves as evidence, and a plain sentence naming a group
//! ("Jews are people too") scored toxicity 0.38, over the strict threshold. Adding non-toxic
//! sentences with the same names is the usual remedy for this unintended bias (Dixon et al.,
//! "Measuring and Mitigating Unintended Bias in Text Classification", AIES 2018).
//!
//! The templates differ from the functional suite's (`tests/functional/generate.py`), so the
//! suite still measures what the model learned elsewhere; slurs are left out, as a neutral sentence
//! cannot use one. That is also why the names are listed here rather than read from
//! `lexicons/groups.tsv`: that file holds slurs used as group nouns, Russian stems rather than
//! words, and adjectives ("black") where a neutral sentence says "black people".

use super::{targets, Dataset, BENIGN};
use crate::example::Example;
use std::path::Path;

pub const DATASET: Dataset = Dataset {
    name: "neutral_mentions",
    title: "moderato's neutral sentences naming groups, generated from templates (training only)",
    language: "en, ru",
    licence: "the project's own",
    files: "train/src/datasets/neutral_mentions.rs (in this repository)",
    mapping: &[(
        "every sentence",
        "toxicity, insult, identity_attack, threat 0",
    )],
    validation: false,
    weight: super::REFERENCE_WEIGHT,
    load,
};

const EN_GROUPS: &[&str] = &[
    "muslims",
    "jews",
    "christians",
    "catholics",
    "hindus",
    "buddhists",
    "atheists",
    "black people",
    "white people",
    "asians",
    "arabs",
    "africans",
    "latinos",
    "hispanics",
    "roma",
    "mexicans",
    "chinese people",
    "indians",
    "russians",
    "ukrainians",
    "poles",
    "nigerians",
    "syrians",
    "afghans",
    "iranians",
    "turks",
    "palestinians",
    "israelis",
    "immigrants",
    "migrants",
    "refugees",
    "asylum seekers",
    "foreigners",
    "women",
    "men",
    "girls",
    "gay people",
    "gays",
    "lesbians",
    "bisexual people",
    "transgender people",
    "trans women",
    "disabled people",
    "deaf people",
    "blind people",
    "wheelchair users",
    "autistic people",
];

const EN_TEMPLATES: &[&str] = &[
    "{} held a street festival downtown on saturday",
    "{} have lived in this region for centuries",
    "a documentary about {} airs tonight at nine",
    "i met some {} at the conference in berlin",
    "{} told reporters about their work and families",
    "the library is hosting a talk by {} next week",
    "{} and their neighbours cooked dinner together",
    "the census counted more {} this year than last",
    "{} opened a new community centre near the park",
    "are {} going to the meeting tomorrow?",
];

const RU_GROUPS: &[&str] = &[
    "мусульмане",
    "евреи",
    "христиане",
    "православные",
    "католики",
    "буддисты",
    "атеисты",
    "арабы",
    "армяне",
    "грузины",
    "азербайджанцы",
    "таджики",
    "узбеки",
    "казахи",
    "чеченцы",
    "украинцы",
    "русские",
    "татары",
    "цыгане",
    "африканцы",
    "китайцы",
    "американцы",
    "мигранты",
    "беженцы",
    "иммигранты",
    "иностранцы",
    "женщины",
    "мужчины",
    "геи",
    "лесбиянки",
    "инвалиды",
    "глухие",
    "слепые",
];

const RU_TEMPLATES: &[&str] = &[
    "{} провели уличный фестиваль в центре города",
    "{} живут в этом регионе много веков",
    "{} рассказали журналистам о своей работе и семьях",
    "{} и их соседи вместе готовили ужин",
    "{} открыли новый культурный центр у парка",
    "{} пришли на встречу в библиотеке",
    "в субботу {} собрались на концерт",
];

fn load(_data: &Path) -> Result<Vec<Example>, String> {
    Ok(sentences())
}

fn sentences() -> Vec<Example> {
    let pairs = [(EN_GROUPS, EN_TEMPLATES), (RU_GROUPS, RU_TEMPLATES)];
    pairs
        .iter()
        .flat_map(|(groups, templates)| {
            templates.iter().flat_map(move |t| {
                groups
                    .iter()
                    .map(move |g| Example::new(&t.replace("{}", g), targets(&[], BENIGN)))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use moderato::Label;

    #[test]
    fn every_group_in_every_template_once_and_benign() {
        let ex = sentences();
        assert_eq!(
            ex.len(),
            EN_GROUPS.len() * EN_TEMPLATES.len() + RU_GROUPS.len() * RU_TEMPLATES.len()
        );
        assert!(ex.iter().all(|e| !e.text.contains("{}")));
        assert!(ex
            .iter()
            .all(|e| e.targets.get(Label::IdentityAttack) == Some(false)));
        assert!(ex
            .iter()
            .any(|e| e.text == "jews have lived in this region for centuries"));
    }
}
