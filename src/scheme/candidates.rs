//! The signatures a header lists, decoded once, on the stack.

use crate::{Signature, SignatureError};

/// The signatures a header lists, decoded once, on the stack: a sender lists
/// one per secret it signs with, so a handful covers every rotation, and
/// a bound keeps a hostile header from costing a hash per entry per key.
///
/// Keys of another kind (Ed25519 public keys beside HMAC keys) get a list of
/// their own signatures here; a verifier compares each list with its keys of
/// that kind.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Candidates {
    list: [Signature; Candidates::MAX],
    len: usize,
}

impl Candidates {
    /// The most signatures one header may list.
    pub(crate) const MAX: usize = 8;

    pub(crate) const fn new() -> Self {
        Self {
            list: [Signature::from_bytes([0; Signature::LEN]); Self::MAX],
            len: 0,
        }
    }

    /// Adds a signature.
    ///
    /// # Errors
    ///
    /// [`SignatureError::TooManySignatures`] past [`Candidates::MAX`].
    pub(crate) fn push(&mut self, signature: Signature) -> Result<(), SignatureError> {
        let slot = self
            .list
            .get_mut(self.len)
            .ok_or(SignatureError::TooManySignatures { max: Self::MAX })?;
        *slot = signature;
        self.len += 1;
        Ok(())
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The signatures pushed, in order.
    pub(crate) fn as_slice(&self) -> &[Signature] {
        self.list.get(..self.len).unwrap_or_default()
    }

    #[cfg(test)]
    pub(crate) fn iter(&self) -> impl Iterator<Item = Signature> + '_ {
        self.as_slice().iter().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_and_in_order() {
        let mut found = Candidates::new();
        assert!(found.is_empty());
        for byte in 0..8 {
            found.push(Signature::from_bytes([byte; 32])).unwrap();
        }
        assert_eq!(
            found.push(Signature::from_bytes([9; 32])),
            Err(SignatureError::TooManySignatures { max: 8 })
        );
        let firsts: Vec<u8> = found.iter().map(|s| s.as_bytes()[0]).collect();
        assert_eq!(firsts, (0..8).collect::<Vec<_>>());
    }
}
