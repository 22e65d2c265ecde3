//! Keys for a test that treats every preset alike: a platform's own secret,
//! or for Discord, whose key is a public key and whose private key only
//! Discord holds, a key pair drawn from the same text.

#[cfg(feature = "ed25519")]
use hooksig::KeyPair;
use hooksig::{Platform, Scheme, Signer, Verifier};

/// The presets this build can sign and verify for: every one, except
/// Discord without the `ed25519` feature.
pub(crate) fn presets() -> impl Iterator<Item = &'static Platform> {
    Platform::PRESETS
        .into_iter()
        .filter(|platform| cfg!(feature = "ed25519") || platform.scheme() != Scheme::Discord)
}

/// The Ed25519 key pair that stands in for `secret` on a Discord-style
/// platform: its seed is the text's SHA-256.
#[cfg(feature = "ed25519")]
pub(crate) fn pair(secret: &str) -> KeyPair {
    use sha2::{Digest, Sha256};
    KeyPair::from_seed(&Sha256::digest(secret).into()).unwrap()
}

/// A signer for `platform` keyed with `secret` (read in the platform's
/// format), or with `pair(secret)` for Discord.
pub(crate) fn signer(platform: &Platform, secret: &str) -> Signer {
    #[cfg(feature = "ed25519")]
    if platform.scheme() == Scheme::Discord {
        return Signer::from_key_pair(pair(secret));
    }
    platform.signer(secret).unwrap()
}

/// The verifier that accepts what `signer(platform, secret)` signs.
pub(crate) fn verifier(platform: &Platform, secret: &str) -> Verifier {
    #[cfg(feature = "ed25519")]
    if platform.scheme() == Scheme::Discord {
        return platform
            .verifier_from_public_keys([pair(secret).public_key()])
            .unwrap();
    }
    platform.verifier(secret).unwrap()
}
