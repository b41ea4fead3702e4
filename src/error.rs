//! The error returned when a classifier cannot be built.

use core::fmt;

/// Why [`ClassifierBuilder::build`](crate::ClassifierBuilder::build) failed. Opaque: its message
/// names the offending setting, and new causes can be added without breaking callers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildError {
    message: String,
}

impl BuildError {
    pub(crate) fn new(message: impl Into<String>) -> BuildError {
        BuildError {
            message: message.into(),
        }
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for BuildError {}
