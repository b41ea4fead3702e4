//! All datasets loaded and split: the examples the trainer fits and evaluates on.

use crate::datasets::{self, Dataset};
use crate::example::Example;
use crate::progress;
use crate::split::{self, Side};
use std::path::Path;

/// Examples of several datasets, each tagged with its dataset and split side.
pub struct Corpus {
    pub datasets: Vec<&'static Dataset>,
    pub examples: Vec<Example>,
    /// Index into `datasets` of each example.
    pub dataset: Vec<usize>,
    pub side: Vec<Side>,
}

impl Corpus {
    /// Loads `which` (every dataset if empty) from the data folder and splits with `seed`.
    pub fn load(data: &Path, which: &[&'static Dataset], seed: u64) -> Result<Corpus, String> {
        if !data.is_dir() {
            return Err(format!("no data folder at {}", data.display()));
        }
        let which: Vec<&'static Dataset> = if which.is_empty() {
            datasets::ALL.to_vec()
        } else {
            which.to_vec()
        };
        let mut corpus = Corpus {
            datasets: which.clone(),
            examples: Vec::new(),
            dataset: Vec::new(),
            side: Vec::new(),
        };
        let pb = progress::bar(which.len(), "loading datasets");
        for (i, d) in which.iter().enumerate() {
            pb.set_message(format!("loading {}", d.name));
            let examples = (d.load)(data).map_err(|e| format!("{}: {e}", d.name))?;
            for ex in examples {
                corpus.side.push(if d.validation {
                    split::side(&ex.key, seed)
                } else {
                    Side::Train
                });
                corpus.dataset.push(i);
                corpus.examples.push(ex);
            }
            pb.inc(1);
        }
        pb.finish_and_clear();
        Ok(corpus)
    }

    /// Indices of the examples on `side`, in load order.
    pub fn indices(&self, side: Side) -> Vec<usize> {
        (0..self.examples.len())
            .filter(|&i| self.side[i] == side)
            .collect()
    }
}
