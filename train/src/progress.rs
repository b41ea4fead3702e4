//! Progress bars for the long steps (loading, featurising, training epochs). They draw on stderr
//! only when it is a terminal, so logs and tests stay clean.

use indicatif::{ProgressBar, ProgressStyle};

/// A bar of `len` steps titled `what`.
pub fn bar(len: usize, what: &str) -> ProgressBar {
    let pb = ProgressBar::new(len as u64);
    pb.set_style(
        ProgressStyle::with_template("{msg:>22} [{bar:40}] {pos}/{len} {per_sec} eta {eta}")
            .expect("valid template")
            .progress_chars("=> "),
    );
    pb.set_message(what.to_string());
    pb
}
