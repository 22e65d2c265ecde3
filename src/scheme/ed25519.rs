//! The Ed25519 signatures a header lists, decoded once, on the stack.

use crate::{Ed25519Signature, SignatureError};

/// The Ed25519 signatures a header lists (Standard Webhooks' `v1a`
/// entries), decoded once, on the stack, beside the HMAC
/// [`Candidates`](super::Candidates).
///
/// Bounded more tightly than the HMAC list: an HMAC entry costs a 32-byte
/// compare against MACs computed once per key, while an Ed25519 entry costs
/// a full verification for every public key held (tens of microseconds). A
/// sender lists one per key it signs with, two during a rotation.
///
/// An entry that cannot be read, or one past the bound, is passed over and
/// the first such problem kept: a receiver holding only secrets must not
/// fail on `v1a` entries it never checks (before `v1a` was read, every
/// receiver skipped them), and one holding public keys hears of the problem
/// when no signature was left to check.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ed25519Candidates {
    list: [Ed25519Signature; Ed25519Candidates::MAX],
    len: usize,
    passed_over: Option<SignatureError>,
}

impl Ed25519Candidates {
    /// The most Ed25519 signatures one header may list.
    pub(crate) const MAX: usize = 4;

    pub(crate) const fn new() -> Self {
        Self {
            list: [Ed25519Signature::from_bytes([0; Ed25519Signature::LEN]); Self::MAX],
            len: 0,
            passed_over: None,
        }
    }

    /// Adds a signature read from an entry, or passes over one that could
    /// not be read, keeping the first problem. Past
    /// [`Ed25519Candidates::MAX`] the problem is
    /// [`SignatureError::TooManyEd25519Signatures`].
    #[cfg_attr(not(feature = "ed25519"), allow(dead_code))]
    pub(crate) fn push(&mut self, read: Result<Ed25519Signature, SignatureError>) {
        let problem = match (read, self.list.get_mut(self.len)) {
            (Ok(signature), Some(slot)) => {
                *slot = signature;
                self.len += 1;
                return;
            }
            (Ok(_), None) => SignatureError::TooManyEd25519Signatures { max: Self::MAX },
            (Err(error), _) => error,
        };
        self.passed_over.get_or_insert(problem);
    }

    /// The first entry passed over, and why.
    pub(crate) fn passed_over(&self) -> Option<SignatureError> {
        self.passed_over
    }

    /// The signatures pushed, in order.
    pub(crate) fn as_slice(&self) -> &[Ed25519Signature] {
        self.list.get(..self.len).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_and_in_order() {
        let mut found = Ed25519Candidates::new();
        assert!(found.as_slice().is_empty());
        found.push(Err(SignatureError::Empty));
        for byte in 0..4 {
            found.push(Ok(Ed25519Signature::from_bytes([byte; 64])));
        }
        assert_eq!(found.passed_over(), Some(SignatureError::Empty));
        found.push(Ok(Ed25519Signature::from_bytes([9; 64])));
        let firsts: Vec<u8> = found.as_slice().iter().map(|s| s.as_bytes()[0]).collect();
        assert_eq!(firsts, [0, 1, 2, 3]);
        // The first problem is the one kept.
        assert_eq!(found.passed_over(), Some(SignatureError::Empty));
        let mut many = Ed25519Candidates::new();
        for byte in 0..5 {
            many.push(Ok(Ed25519Signature::from_bytes([byte; 64])));
        }
        assert_eq!(
            many.passed_over(),
            Some(SignatureError::TooManyEd25519Signatures { max: 4 })
        );
    }
}
