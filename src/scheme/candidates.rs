//! The HMAC signatures a header lists, decoded once, on the stack, and how
//! to read the rest of a list longer than the stack holds.

use super::{items, split_pair};
use crate::{Encoding, Signature, SignatureError};

/// The signatures a header lists, decoded once, on the stack: a sender lists
/// one per secret it signs with, so a handful covers every rotation.
///
/// Entries that cannot be read are passed over, the first problem kept, as
/// the vendors' own libraries skip what does not match (Stripe's and the
/// Standard Webhooks libraries compare each entry as text, so a malformed
/// one simply fails to match): a sender's garbled extra entry must not
/// refuse the good one beside it. A list longer than the stack holds is not
/// refused either: the verifier reads the rest from the header again
/// ([`Overflow`]), and each extra entry costs a decode and a 32-byte
/// compare per key, never a hash.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Candidates {
    list: [Signature; Candidates::MAX],
    len: usize,
    /// Every well-formed entry seen, the ones past the stack included.
    seen: usize,
    passed_over: Option<SignatureError>,
}

impl Candidates {
    /// How many signatures are held on the stack.
    pub(crate) const MAX: usize = 8;

    pub(crate) const fn new() -> Self {
        Self {
            list: [Signature::from_bytes([0; Signature::LEN]); Self::MAX],
            len: 0,
            seen: 0,
            passed_over: None,
        }
    }

    /// Adds a signature read from an entry, or passes over one that could
    /// not be read, keeping the first problem.
    pub(crate) fn push(&mut self, read: Result<Signature, SignatureError>) {
        match read {
            Ok(signature) => {
                if let Some(slot) = self.list.get_mut(self.len) {
                    *slot = signature;
                    self.len += 1;
                }
                self.seen += 1;
            }
            Err(problem) => {
                self.passed_over.get_or_insert(problem);
            }
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether the header listed more well-formed signatures than are held.
    pub(crate) fn overflowed(&self) -> bool {
        self.seen > Self::MAX
    }

    /// The first entry passed over, and why.
    pub(crate) fn passed_over(&self) -> Option<SignatureError> {
        self.passed_over
    }

    /// The signatures held, in order.
    pub(crate) fn as_slice(&self) -> &[Signature] {
        self.list.get(..self.len).unwrap_or_default()
    }

    #[cfg(test)]
    pub(crate) fn iter(&self) -> impl Iterator<Item = Signature> + '_ {
        self.as_slice().iter().copied()
    }
}

/// How a header lists HMAC signatures: entries split at `separator`, each
/// `version<delimiter>signature` in `encoding`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Listing {
    separator: u8,
    delimiter: u8,
    version: &'static [u8],
    encoding: Encoding,
}

impl Listing {
    /// `t=<ts>,v1=<hex>,v1=<hex>`.
    pub(crate) const STRIPE: Self = Self {
        separator: b',',
        delimiter: b'=',
        version: b"v1",
        encoding: Encoding::Hex,
    };

    /// `v1,<base64> v1,<base64>`.
    pub(crate) const STANDARD_WEBHOOKS: Self = Self {
        separator: b' ',
        delimiter: b',',
        version: b"v1",
        encoding: Encoding::Base64,
    };

    /// `ts=<ts>;h1=<hex>;h1=<hex>` (Paddle Billing).
    pub(crate) const PADDLE: Self = Self {
        separator: b';',
        delimiter: b'=',
        version: b"h1",
        encoding: Encoding::Hex,
    };

    /// The signature of `item`, an entry `offset` bytes into the header
    /// value, if it is an entry of this listing's version: `None` for an
    /// entry of another key or version, which the caller reads or skips.
    #[inline]
    pub(crate) fn entry(
        self,
        offset: usize,
        item: &[u8],
    ) -> Option<Result<Signature, SignatureError>> {
        match split_pair(item, self.delimiter) {
            Some((version, text, at)) if version == self.version => {
                Some(self.encoding.decode(text, offset + at))
            }
            None if item == self.version => Some(Err(SignatureError::NoDigits {
                encoding: self.encoding,
            })),
            _ => None,
        }
    }

    /// Every well-formed signature of the version in `value`, in order.
    fn signatures(self, value: &[u8]) -> impl Iterator<Item = Signature> + '_ {
        items(value, self.separator)
            .filter_map(move |(offset, item)| self.entry(offset, item)?.ok())
    }
}

/// The signatures of a header past the ones [`Candidates`] holds, read
/// again from the header value when a verifier compares: a list of any
/// length is judged without allocating.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Overflow<'a> {
    value: &'a [u8],
    listing: Listing,
}

impl<'a> Overflow<'a> {
    /// The overflow of `value`, read in `listing`, if `found` overflowed.
    pub(crate) fn of(value: &'a [u8], listing: Listing, found: &Candidates) -> Option<Self> {
        found.overflowed().then_some(Self { value, listing })
    }

    /// The well-formed signatures past the first [`Candidates::MAX`].
    pub(crate) fn signatures(self) -> impl Iterator<Item = Signature> + 'a {
        self.listing.signatures(self.value).skip(Candidates::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn held_in_order_and_counted_past_the_stack() {
        let mut found = Candidates::new();
        assert!(found.is_empty());
        found.push(Err(SignatureError::Empty));
        for byte in 0..8 {
            found.push(Ok(Signature::from_bytes([byte; 32])));
        }
        assert!(!found.overflowed());
        found.push(Ok(Signature::from_bytes([9; 32])));
        assert!(found.overflowed());
        let firsts: Vec<u8> = found.iter().map(|s| s.as_bytes()[0]).collect();
        assert_eq!(firsts, (0..8).collect::<Vec<_>>());
        assert_eq!(found.passed_over(), Some(SignatureError::Empty));
    }

    #[test]
    fn the_overflow_is_what_the_stack_did_not_hold() {
        let hex = |byte: u8| Encoding::Hex.render(&Signature::from_bytes([byte; 32]));
        let mut value = String::from("t=1");
        for byte in 0..11 {
            value.push_str(&format!(
                ",v1={},v1=zz,v0={}",
                hex(byte).as_str(),
                hex(99).as_str()
            ));
        }
        let mut found = Candidates::new();
        for (offset, item) in items(value.as_bytes(), b',') {
            if let Some(read) = Listing::STRIPE.entry(offset, item) {
                found.push(read);
            }
        }
        assert_eq!(found.as_slice().len(), 8);
        let rest: Vec<u8> = Overflow::of(value.as_bytes(), Listing::STRIPE, &found)
            .unwrap()
            .signatures()
            .map(|s| s.as_bytes()[0])
            .collect();
        assert_eq!(rest, [8, 9, 10]);
        let mut few = Candidates::new();
        few.push(Ok(Signature::from_bytes([1; 32])));
        assert!(Overflow::of(b"", Listing::STRIPE, &few).is_none());
    }

    #[test]
    fn entries_of_other_versions_are_not_the_listings() {
        let sw = Listing::STANDARD_WEBHOOKS;
        assert_eq!(sw.entry(0, b"v1a,abc"), None);
        assert_eq!(sw.entry(0, b"v2,abc"), None);
        assert_eq!(
            sw.entry(0, b"v1"),
            Some(Err(SignatureError::NoDigits {
                encoding: Encoding::Base64
            }))
        );
        assert_eq!(
            sw.entry(4, b"v1,ab!"),
            Some(Err(SignatureError::InvalidCharacter {
                encoding: Encoding::Base64,
                offset: 9
            }))
        );
    }
}
