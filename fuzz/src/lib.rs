//! The fuzz targets' bodies, shared with the stable corpus replay in
//! `tests/api/fuzz_corpus.rs`.

#[path = "../../tests/fuzz_corpus/targets.rs"]
mod targets;

#[path = "../../tests/fuzz_corpus/ed25519.rs"]
mod ed25519;

#[path = "../../tests/fuzz_corpus/providers_asym.rs"]
mod providers_asym;
#[path = "../../tests/fuzz_corpus/providers_core.rs"]
mod providers_core;

pub use ed25519::*;
pub use providers_asym::*;
pub use providers_core::*;
pub use targets::*;
