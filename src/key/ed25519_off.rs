//! Ed25519 keys without the `ed25519` feature: types with no values.
//!
//! The verifier's and signer's key sets hold Ed25519 keys beside secrets.
//! Without the feature no key of either kind can be made (reading one is
//! `KeyError::Unsupported`), so these stand-ins have no values at all: the
//! code that holds them compiles unchanged, never runs, and brings no curve
//! arithmetic into the binary.

use crate::Ed25519Signature;

/// No Ed25519 public key exists without the feature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum PublicKey {}

impl PublicKey {
    pub(crate) fn verify_parts(&self, _: &[&[u8]], _: &Ed25519Signature) -> bool {
        match *self {}
    }
}

/// No Ed25519 key pair exists without the feature.
#[derive(Debug, Clone)]
pub(crate) enum KeyPair {}

impl KeyPair {
    pub(crate) fn sign_parts(&self, _: &[&[u8]]) -> Ed25519Signature {
        match *self {}
    }
}

/// Without public keys no signature is ever checked.
pub(crate) fn strict_r(_: &Ed25519Signature) -> bool {
    false
}
