//! The fuzz targets' bodies, shared with the stable corpus replay in
//! `tests/api/fuzz_corpus.rs`.

#[path = "../../tests/fuzz_corpus/targets.rs"]
mod targets;

pub use targets::*;
