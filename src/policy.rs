//! Policies: which labels lead to a message being flagged.

use crate::label::Label;
use core::fmt;
use core::str::FromStr;

/// Decides which labels flag a message. Every label is still scored and reported; the policy only
/// chooses which of them set [`Verdict::flagged`](crate::Verdict::flagged).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Policy {
    /// Threats, extremism, identity attacks, insults and severe toxicity; not plain swearing or rudeness.
    #[default]
    Default,
    /// Everything `Default` flags, plus toxicity and profanity.
    Strict,
    /// Only threats and extremism: calls for the harm of people.
    Minimal,
}

impl Policy {
    /// Every policy.
    pub const ALL: [Policy; 3] = [Policy::Default, Policy::Strict, Policy::Minimal];

    /// The policy's name as used in options and on the command line.
    pub const fn name(self) -> &'static str {
        match self {
            Policy::Default => "default",
            Policy::Strict => "strict",
            Policy::Minimal => "minimal",
        }
    }

    /// Whether a label passing its threshold flags the message under this policy.
    pub const fn flags(self, label: Label) -> bool {
        match self {
            Policy::Minimal => matches!(label, Label::Threat | Label::Extremism),
            Policy::Default => !matches!(label, Label::Toxicity | Label::Profanity),
            Policy::Strict => true,
        }
    }
}

impl fmt::Display for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Error returned when a string names no policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownPolicy(pub String);

impl fmt::Display for UnknownPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown policy {:?} (expected default, strict or minimal)",
            self.0
        )
    }
}

impl std::error::Error for UnknownPolicy {}

impl FromStr for Policy {
    type Err = UnknownPolicy;
    fn from_str(s: &str) -> Result<Policy, UnknownPolicy> {
        Policy::ALL
            .iter()
            .copied()
            .find(|p| p.name() == s)
            .ok_or_else(|| UnknownPolicy(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_table() {
        use Label::*;
        let table: &[(Policy, &[Label])] = &[
            (
                Policy::Default,
                &[SevereToxicity, IdentityAttack, Insult, Threat, Extremism],
            ),
            (Policy::Strict, &Label::ALL),
            (Policy::Minimal, &[Threat, Extremism]),
        ];
        for &(policy, flagging) in table {
            for l in Label::ALL {
                assert_eq!(policy.flags(l), flagging.contains(&l), "{policy} {l}");
            }
            assert_eq!(policy.name().parse::<Policy>().unwrap(), policy);
        }
        assert!("lenient".parse::<Policy>().is_err());
    }
}
