//! The compiled tables: the lexicons, allow list, term automaton and context vocabulary, built
//! once from `lexicons/*.tsv` and stored as bytes, so a classifier starts without parsing,
//! normalising or compiling anything.

pub(crate) mod codec;
