//! Which language a message is in, from the scripts of its letters.

use core::fmt;

/// The language moderato believes a message is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Language {
    /// English (Latin script).
    English,
    /// Russian (Cyrillic script).
    Russian,
    /// No letters to judge by (empty, numbers, emoji only).
    Unknown,
}

impl Language {
    /// ISO 639-1 code, or `"und"` (undetermined, as in BCP 47).
    pub const fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Russian => "ru",
            Language::Unknown => "und",
        }
    }

    /// Decides from letter counts taken before look-alike folding, so that a few Latin look-alikes
    /// hidden in a Russian message do not change its language.
    pub fn from_letter_counts(latin: usize, cyrillic: usize) -> Language {
        if cyrillic == 0 && latin == 0 {
            Language::Unknown
        } else if cyrillic >= latin {
            Language::Russian
        } else {
            Language::English
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_counts() {
        let table = [
            (0, 0, Language::Unknown),
            (10, 0, Language::English),
            (2, 10, Language::Russian),
            (5, 5, Language::Russian),
        ];
        for (lat, cyr, want) in table {
            assert_eq!(Language::from_letter_counts(lat, cyr), want);
        }
    }
}
