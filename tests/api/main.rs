//! The public signing and verifying API: platforms, schemes, secrets,
//! published vectors, hostile headers, property tests and the fuzz corpus
//! replay, one module per subject, in one test binary.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

mod binding;
#[cfg(feature = "ed25519")]
mod discord;
#[cfg(feature = "ed25519")]
mod ed25519;
#[allow(dead_code)]
#[path = "../fuzz_corpus/replay.rs"]
mod replay;
// The fuzz targets sign and verify with Ed25519 keys too.
#[cfg(feature = "ed25519")]
mod fuzz_corpus;
mod hostile_headers;
mod keys;
mod platforms;
mod prop_headers;
mod prop_signing;
#[cfg(all(feature = "sha1", feature = "sha512"))]
mod providers_hmac;

#[cfg(all(feature = "p256", feature = "rsa"))]
mod providers_asym;
mod schemes;
mod secrets;
mod vectors;
