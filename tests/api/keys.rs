//! Keys for a test that treats every preset alike: a platform's own secret,
//! or for Discord, whose key is a public key and whose private key only
//! Discord holds, a key pair drawn from the same text.

use hooksig::{KeyPair, Platform, Scheme, Signer, Verifier};
use sha2::{Digest, Sha256};

/// The Ed25519 key pair that stands in for `secret` on a Discord-style
/// platform: its seed is the text's SHA-256.
pub(crate) fn pair(secret: &str) -> KeyPair {
    KeyPair::from_seed(&Sha256::digest(secret).into()).unwrap()
}

/// A signer for `platform` keyed with `secret` (read in the platform's
/// format), or with `pair(secret)` for Discord.
pub(crate) fn signer(platform: &Platform, secret: &str) -> Signer {
    if platform.scheme() == Scheme::Discord {
        Signer::from_key_pair(pair(secret))
    } else {
        platform.signer(secret).unwrap()
    }
}

/// The verifier that accepts what `signer(platform, secret)` signs.
pub(crate) fn verifier(platform: &Platform, secret: &str) -> Verifier {
    if platform.scheme() == Scheme::Discord {
        platform
            .verifier_from_public_keys([pair(secret).public_key()])
            .unwrap()
    } else {
        platform.verifier(secret).unwrap()
    }
}
