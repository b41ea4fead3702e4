//! Tests that need the training data in ../shared/data (they skip without it).
