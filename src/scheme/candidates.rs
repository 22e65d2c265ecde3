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
    // `None` past the end: only the tags need writing up front, not 256
    // bytes of zeros.
    list: [Option<Signature>; Candidates::MAX],
    len: usize,
}

impl Candidates {
    /// The most signatures one header may list.
    pub(crate) const MAX: usize = 8;

    pub(crate) const fn new() -> Self {
        Self {
            list: [None; Self::MAX],
            len: 0,
        }
    }

    /// The one signature of a body-only header.
    pub(crate) const fn one(signature: Signature) -> Self {
        let mut list = [None; Self::MAX];
        list[0] = Some(signature);
        Self { list, len: 1 }
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
        *slot = Some(signature);
        self.len += 1;
        Ok(())
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = Signature> + Clone + '_ {
        self.list.iter().map_while(|slot| *slot)
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
        assert_eq!(Candidates::one(Signature::from_bytes([3; 32])).iter().count(), 1);
    }
}
