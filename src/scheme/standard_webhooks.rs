//! Standard Webhooks (and Svix): `id.timestamp.body` signed, `v1,<base64>`
//! (HMAC) and `v1a,<base64>` (Ed25519) signatures separated by spaces.

use alloc::vec::Vec;

#[cfg(feature = "ed25519")]
use super::split_pair;
use super::{Candidates, Ed25519Candidates, Listing, Message, items};
#[cfg(feature = "ed25519")]
use crate::SignatureError;
use crate::{Ed25519Signature, Encoding, Header, Signature};

/// `webhook-id`: the message id, signed first.
pub(crate) const ID: Header = Header::preset("webhook-id", "webhook-id");
/// `webhook-timestamp`: Unix seconds, signed second.
pub(crate) const TIMESTAMP: Header = Header::preset("webhook-timestamp", "webhook-timestamp");

const VERSION: &[u8] = b"v1";
/// The asymmetric (Ed25519) signature's version.
const ASYMMETRIC: &[u8] = b"v1a";

/// Why a message id cannot be signed or checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IdError {
    /// The id is empty.
    #[error("the id is empty")]
    Empty,
    /// The id contains a `.`, the separator of the signed content: with it,
    /// `a.b` + `.1.` could be read as another id and timestamp.
    #[error("the id has a '.' at offset {offset}, which the signed content uses as its separator")]
    Dot {
        /// Zero-based offset of the `.` in the id.
        offset: usize,
    },
}

/// Refuses an id the signed content could not hold unambiguously.
pub(crate) fn check_id(id: &[u8]) -> Result<(), IdError> {
    if id.is_empty() {
        return Err(IdError::Empty);
    }
    match memchr::memchr(b'.', id) {
        Some(offset) => Err(IdError::Dot { offset }),
        None => Ok(()),
    }
}

/// The `v1` signatures of a `webhook-signature` value into `found`, and the
/// `v1a` ones into `ed25519`, each decoded once. An entry of either that
/// cannot be read is passed over and its problem kept, as the Standard
/// Webhooks and Svix libraries skip what does not match (they compare each
/// entry as text): the verifier reports it only when no signature it can
/// check is left. Entries of other versions are skipped, as the
/// specification says. Whether the header holds a signature the verifier
/// can check is the verifier's to say: it knows which keys it holds.
pub(crate) fn signatures(value: &[u8], found: &mut Candidates, ed25519: &mut Ed25519Candidates) {
    // Most headers hold one signature, `v1,` and 44 characters: decode those
    // at once. A blank or a second entry is a byte base64 refuses, so if the
    // decode succeeds there was nothing else to read, and if it fails the
    // list is read in full below.
    if let Some(text) = value.strip_prefix(b"v1,")
        && text.len() <= Encoding::Base64.len()
        && let Ok(signature) = Encoding::Base64.decode(text, 3)
    {
        return found.push(Ok(signature));
    }
    listed(value, found, ed25519);
}

/// [`signatures`] without the shortcut: every entry of the list read.
#[cfg_attr(not(feature = "ed25519"), allow(unused_variables))]
fn listed(value: &[u8], found: &mut Candidates, ed25519: &mut Ed25519Candidates) {
    for (offset, entry) in items(value, b' ') {
        if let Some(read) = Listing::STANDARD_WEBHOOKS.entry(offset, entry) {
            found.push(read);
            continue;
        }
        // Without the `ed25519` feature `v1a` is a version this build
        // cannot check: skipped, like any other.
        #[cfg(feature = "ed25519")]
        match split_pair(entry, b',') {
            Some((ASYMMETRIC, text, at)) => {
                ed25519.push(Ed25519Signature::decode_base64(text, offset + at));
            }
            None if entry == ASYMMETRIC => ed25519.push(Err(SignatureError::NoDigits {
                encoding: Encoding::Base64,
            })),
            _ => {}
        }
    }
}

/// What Standard Webhooks signs: `id.timestamp.body`.
pub(crate) fn message<'a>(id: &'a [u8], ts: &'a [u8], body: &'a [u8]) -> Message<'a> {
    Message::new([id, b".", ts, b".", body])
}

/// The `webhook-signature` value: `v1,<base64>` for each HMAC signature
/// (one per secret while a secret rotates), then `v1a,<base64>` for each
/// Ed25519 signature, separated by spaces.
#[cfg_attr(not(feature = "http"), allow(dead_code))]
pub(crate) fn format(
    signatures: impl Iterator<Item = Signature>,
    ed25519: impl Iterator<Item = Ed25519Signature>,
) -> Vec<u8> {
    let mut text = Vec::with_capacity(48);
    let mut entry = |version: &[u8], base64: &[u8]| {
        if !text.is_empty() {
            text.push(b' ');
        }
        text.extend_from_slice(version);
        text.push(b',');
        text.extend_from_slice(base64);
    };
    for signature in signatures {
        entry(VERSION, Encoding::Base64.render(&signature).as_bytes());
    }
    for signature in ed25519 {
        entry(ASYMMETRIC, &signature.base64());
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(not(feature = "ed25519"))]
    use crate::SignatureError;

    #[test]
    fn ids_that_cannot_be_signed() {
        assert_eq!(check_id(b"msg_1"), Ok(()));
        assert_eq!(check_id(b""), Err(IdError::Empty));
        assert_eq!(check_id(b"msg.1"), Err(IdError::Dot { offset: 3 }));
    }

    #[test]
    fn the_shortcut_reads_as_the_full_list_does() {
        let good = Encoding::Base64.render(&Signature::from_bytes([7; 32]));
        let good = good.as_str();
        type Read = fn(&[u8], &mut Candidates, &mut Ed25519Candidates);
        let read = |value: &str, read: Read| {
            let mut found = Candidates::new();
            let mut ed25519 = Ed25519Candidates::new();
            read(value.as_bytes(), &mut found, &mut ed25519);
            (
                found.iter().collect::<Vec<_>>(),
                found.passed_over(),
                ed25519.as_slice().to_vec(),
                ed25519.passed_over(),
            )
        };
        let unpadded = good.trim_end_matches('=');
        for value in [
            format!("v1,{good}"),
            format!("v1,{unpadded}"),
            format!("v1,{good} "),
            format!(" v1,{good}"),
            format!("v1,{good}\t"),
            format!("v1,{unpadded}="),
            format!("v1,{}", &good[..40]),
            format!("v1,{good}x"),
            format!("v1,{good} v1,{good}"),
            format!("v1,{unpadded} v1a,x"),
            format!("v1a,{good}"),
            format!(
                "v1,{good} v1a,{}",
                core::str::from_utf8(&ed25519()).unwrap()
            ),
            "v1,".to_owned(),
            "v1,abc!".to_owned(),
        ] {
            assert_eq!(read(&value, signatures), read(&value, listed), "{value:?}");
        }
        assert_eq!(
            read(&format!("v1,{good}"), signatures),
            (vec![Signature::from_bytes([7; 32])], None, vec![], None)
        );
    }

    #[test]
    #[cfg(not(feature = "ed25519"))]
    fn without_the_feature_v1a_entries_are_skipped_like_other_versions() {
        let good = Encoding::Base64.render(&Signature::from_bytes([1; 32]));
        let v1a = ed25519();
        let value = format!(
            "v1a,{} v1,{}",
            core::str::from_utf8(&v1a).unwrap(),
            good.as_str()
        );
        let mut found = Candidates::new();
        let mut ed25519 = Ed25519Candidates::new();
        signatures(value.as_bytes(), &mut found, &mut ed25519);
        assert_eq!((found.iter().count(), ed25519.as_slice().len()), (1, 0));
        assert_eq!(ed25519.passed_over(), None);
    }

    /// The base64 of a 64-byte signature of 5s.
    fn ed25519() -> [u8; 88] {
        Ed25519Signature::from_bytes([5; 64]).base64()
    }

    #[test]
    #[cfg(feature = "ed25519")]
    fn entries_other_than_v1_and_v1a_are_skipped_and_bad_ones_reported() {
        let good = Encoding::Base64.render(&Signature::from_bytes([1; 32]));
        let good = good.as_str();
        let both = |value: &str| {
            let mut found = Candidates::new();
            let mut ed25519 = Ed25519Candidates::new();
            signatures(value.as_bytes(), &mut found, &mut ed25519);
            let counts = (found.iter().count(), ed25519.as_slice().len());
            Ok::<_, SignatureError>((counts, ed25519.passed_over()))
        };
        let hmac = |value: &str| {
            let mut found = Candidates::new();
            signatures(value.as_bytes(), &mut found, &mut Ed25519Candidates::new());
            (found.iter().count(), found.passed_over())
        };
        let count = |value: &str| both(value).map(|((hmac, _), _)| hmac);
        let v1a = ed25519();
        let v1a = core::str::from_utf8(&v1a).unwrap();
        assert_eq!(both(&format!("v1a,{v1a} v1,{good}")), Ok(((1, 1), None)));
        assert_eq!(count(&format!("v2,{good}  v1,{good} v1,{good}")), Ok(2));
        // Whether a header without any is an error is the verifier's call.
        assert_eq!(both(&format!("v2,{good}")), Ok(((0, 0), None)));
        assert_eq!(both(""), Ok(((0, 0), None)));
        assert_eq!(both(&format!("v1a,{v1a} ").repeat(4)), Ok(((0, 4), None)));
        assert_eq!(
            both(&format!("v1a,{v1a} ").repeat(5)),
            Ok((
                (0, 4),
                Some(SignatureError::TooManyEd25519Signatures { max: 4 })
            ))
        );
        // A v1a entry is read as Ed25519: an HMAC's 44 characters are not
        // one. It is passed over, not fatal: a receiver holding only
        // secrets never looks at it.
        assert_eq!(
            both(&format!("v1a,{good} v1,{good}")),
            Ok((
                (1, 0),
                Some(SignatureError::Length {
                    encoding: Encoding::Base64,
                    found: 44,
                    expected: 88
                })
            ))
        );
        assert_eq!(
            both("v1a"),
            Ok((
                (0, 0),
                Some(SignatureError::NoDigits {
                    encoding: Encoding::Base64
                })
            ))
        );
        assert_eq!(count(&format!("v1,{good} ").repeat(8)), Ok(8));
        // Past the stack the verifier reads the rest again: not an error.
        assert_eq!(count(&format!("v1,{good} ").repeat(9)), Ok(8));
        // A v1 entry that cannot be read is passed over, its problem kept
        // for when nothing is left to check.
        let bad = SignatureError::InvalidCharacter {
            encoding: Encoding::Base64,
            offset: 6,
        };
        assert_eq!(hmac("v1,abc!"), (0, Some(bad)));
        assert_eq!(hmac(&format!("v1,abc! v1,{good}")), (1, Some(bad)));
        assert_eq!(hmac(&format!("v1,!!!! v1,{good}")).0, 1);
        assert_eq!(
            hmac("v1"),
            (
                0,
                Some(SignatureError::NoDigits {
                    encoding: Encoding::Base64
                })
            )
        );
    }
}
