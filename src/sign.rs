//! The sender's side: signing bodies.

use crate::{Encoding, KeyError, Signature, SignatureHeader, SigningKey};

/// Signs webhook bodies with one secret.
///
/// The secret is keyed into HMAC-SHA256 once, in [`Signer::new`]; each
/// [`Signer::sign`] copies that state and hashes the body, so it neither
/// re-keys nor allocates.
///
/// ```
/// use hooksig::{Encoding, Signer};
///
/// let signer = Signer::new("It's a Secret to Everybody")?;
/// let signature = signer.sign(b"Hello, World!");
/// assert_eq!(
///     signature.to_string(),
///     "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
/// );
/// assert_eq!(
///     signer.sign_header(b"Hello, World!", Encoding::Sha256Hex).to_string(),
///     "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
/// );
/// # Ok::<(), hooksig::KeyError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Signer {
    key: SigningKey,
}

impl Signer {
    /// A signer for `secret`, used as raw bytes.
    ///
    /// # Errors
    ///
    /// [`KeyError::EmptySecret`] when `secret` is empty.
    pub fn new(secret: impl AsRef<[u8]>) -> Result<Self, KeyError> {
        SigningKey::new(secret).map(Self::from_key)
    }

    /// A signer for a key already built.
    pub const fn from_key(key: SigningKey) -> Self {
        Self { key }
    }

    /// The key this signer uses.
    pub const fn key(&self) -> &SigningKey {
        &self.key
    }

    /// The HMAC-SHA256 of the raw `body` bytes.
    #[inline]
    pub fn sign(&self, body: &[u8]) -> Signature {
        self.key.sign(body)
    }

    /// The signature of `body`, written in `encoding`, ready to be a header
    /// value. The timestamped schemes sign more than the body: build their
    /// headers with [`Platform::request`](crate::Platform::request).
    #[inline]
    pub fn sign_header(&self, body: &[u8], encoding: Encoding) -> SignatureHeader {
        self.sign(body).to_header(encoding)
    }
}
