//! The labels moderato scores, named as the moderation ecosystem (Perspective, Jigsaw) knows them.

use core::fmt;
use core::str::FromStr;

/// One kind of harm. Every message gets a score in `[0, 1]` for each label.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Label {
    /// Rude, disrespectful or unreasonable language in general.
    Toxicity,
    /// Very hateful, aggressive or disrespectful language (strong slurs, explicit death threats).
    SevereToxicity,
    /// An attack on people for their religion, ethnicity, nationality, gender, sexuality or disability.
    IdentityAttack,
    /// An insult or harassment aimed at a person or a group.
    Insult,
    /// Swearing and obscenity. Opt-in: only the `strict` policy flags it.
    Profanity,
    /// A threat or call for violence against a person or group.
    Threat,
    /// Recruitment to, support or glorification of terrorist groups or attacks, attack instructions.
    Extremism,
}

impl Label {
    /// Every label, in the order used by [`Scores`] and by the model file.
    pub const ALL: [Label; 7] = [
        Label::Toxicity,
        Label::SevereToxicity,
        Label::IdentityAttack,
        Label::Insult,
        Label::Profanity,
        Label::Threat,
        Label::Extremism,
    ];

    /// Number of labels.
    pub const COUNT: usize = 7;

    /// The label's stable name (`"identity_attack"`), used in JSON, lexicons and options.
    pub const fn name(self) -> &'static str {
        match self {
            Label::Toxicity => "toxicity",
            Label::SevereToxicity => "severe_toxicity",
            Label::IdentityAttack => "identity_attack",
            Label::Insult => "insult",
            Label::Profanity => "profanity",
            Label::Threat => "threat",
            Label::Extremism => "extremism",
        }
    }

    /// Position of the label in [`Label::ALL`].
    pub const fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Error returned when a string names no label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownLabel(pub String);

impl fmt::Display for UnknownLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown label {:?} (expected one of: ", self.0)?;
        for (i, l) in Label::ALL.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(l.name())?;
        }
        f.write_str(")")
    }
}

impl std::error::Error for UnknownLabel {}

impl FromStr for Label {
    type Err = UnknownLabel;
    fn from_str(s: &str) -> Result<Label, UnknownLabel> {
        Label::ALL
            .iter()
            .copied()
            .find(|l| l.name() == s)
            .ok_or_else(|| UnknownLabel(s.to_string()))
    }
}

/// A score in `[0, 1]` for every label.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Scores([f32; Label::COUNT]);

impl Scores {
    /// The score of one label.
    pub fn get(&self, label: Label) -> f32 {
        self.0[label.index()]
    }

    /// Sets the score of one label, clamped to `[0, 1]` (NaN becomes 0).
    pub fn set(&mut self, label: Label, score: f32) {
        self.0[label.index()] = if score.is_nan() {
            0.0
        } else {
            score.clamp(0.0, 1.0)
        };
    }

    /// Raises the score of one label to at least `score`.
    pub fn raise(&mut self, label: Label, score: f32) {
        if score > self.get(label) {
            self.set(label, score);
        }
    }

    /// `(label, score)` pairs in [`Label::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = (Label, f32)> + '_ {
        Label::ALL.iter().map(move |&l| (l, self.get(l)))
    }

    /// The scores as an array in [`Label::ALL`] order.
    pub fn as_array(&self) -> &[f32; Label::COUNT] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for (i, l) in Label::ALL.iter().enumerate() {
            assert_eq!(l.index(), i);
            assert_eq!(l.name().parse::<Label>().unwrap(), *l);
        }
        let err = "hate".parse::<Label>().unwrap_err().to_string();
        assert!(err.contains("identity_attack"), "{err}");
    }

    #[test]
    fn scores_are_clamped() {
        let mut s = Scores::default();
        s.set(Label::Threat, 3.0);
        s.set(Label::Insult, f32::NAN);
        s.raise(Label::Profanity, 0.4);
        s.raise(Label::Profanity, 0.2);
        assert_eq!(s.get(Label::Threat), 1.0);
        assert_eq!(s.get(Label::Insult), 0.0);
        assert_eq!(s.get(Label::Profanity), 0.4);
    }
}

/// A set of labels, as a bit mask (a lexicon term can support several labels).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct LabelSet(u8);

impl LabelSet {
    /// The empty set.
    pub const EMPTY: LabelSet = LabelSet(0);

    /// Adds a label.
    pub fn insert(&mut self, label: Label) {
        self.0 |= 1 << label.index();
    }

    /// The set as a bit mask (bit `i` is `Label::ALL[i]`), for the compiled tables.
    pub(crate) fn bits(self) -> u8 {
        self.0
    }

    /// The set of a bit mask from [`bits`](Self::bits); `None` if a bit names no label.
    pub(crate) fn from_bits(bits: u8) -> Option<LabelSet> {
        (u32::from(bits) >> Label::COUNT == 0).then_some(LabelSet(bits))
    }

    /// Whether the set holds `label`.
    pub fn contains(self, label: Label) -> bool {
        self.0 & (1 << label.index()) != 0
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The labels in [`Label::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = Label> {
        Label::ALL.into_iter().filter(move |&l| self.contains(l))
    }
}

impl FromIterator<Label> for LabelSet {
    fn from_iter<I: IntoIterator<Item = Label>>(iter: I) -> LabelSet {
        let mut set = LabelSet::EMPTY;
        for l in iter {
            set.insert(l);
        }
        set
    }
}
