//! Support for the fuzz targets: their bodies live in `harness.rs`, which the main workspace's
//! `tests/regressions.rs` also includes to replay kept inputs.
#[path = "harness.rs"]
mod harness;
pub use harness::*;
