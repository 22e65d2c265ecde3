//! Standard Webhooks (and Svix): `id.timestamp.body` signed, `v1,<base64>`
//! signatures separated by spaces.

use alloc::vec::Vec;

use super::{Candidates, Message, items, split_pair};
use crate::{Encoding, Header, Signature, SignatureError};

/// `webhook-id`: the message id, signed first.
pub(crate) const ID: Header = Header::preset("webhook-id", "webhook-id");
/// `webhook-timestamp`: Unix seconds, signed second.
pub(crate) const TIMESTAMP: Header = Header::preset("webhook-timestamp", "webhook-timestamp");

const VERSION: &[u8] = b"v1";

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

/// The `v1` signatures of a `webhook-signature` value, each decoded once.
/// Every `v1` entry must be well formed, and there must be one: an entry
/// that fails to decode is a sender's bug worth reporting, not skipping.
/// Entries of other versions (`v1a`, ...) are skipped, as the specification
/// says.
pub(crate) fn signatures(value: &[u8], found: &mut Candidates) -> Result<(), SignatureError> {
    // Most headers hold one signature, `v1,` and 44 characters: decode those
    // at once. A blank or a second entry is a byte base64 refuses, so if the
    // decode succeeds there was nothing else to read, and if it fails the
    // list is read in full below, errors and all.
    if let Some(text) = value.strip_prefix(b"v1,")
        && text.len() <= Encoding::Base64.len()
        && let Ok(signature) = Encoding::Base64.decode(text, 3)
    {
        return found.push(signature);
    }
    listed(value, found)
}

/// [`signatures`] without the shortcut: every entry of the list read.
fn listed(value: &[u8], found: &mut Candidates) -> Result<(), SignatureError> {
    for (offset, entry) in items(value, b' ') {
        match split_pair(entry, b',') {
            Some((VERSION, text, at)) => found.push(Encoding::Base64.decode(text, offset + at)?)?,
            None if entry == VERSION => {
                return Err(SignatureError::NoDigits {
                    encoding: Encoding::Base64,
                });
            }
            _ => {}
        }
    }
    if found.is_empty() {
        Err(SignatureError::NoSignature { version: "v1" })
    } else {
        Ok(())
    }
}

/// What Standard Webhooks signs: `id.timestamp.body`.
pub(crate) fn message<'a>(id: &'a [u8], ts: &'a [u8], body: &'a [u8]) -> Message<'a> {
    Message::new([id, b".", ts, b".", body])
}

/// The `webhook-signature` value: `v1,<base64>` for each signature (one
/// per secret while a secret rotates), separated by spaces.
#[cfg_attr(not(feature = "http"), allow(dead_code))]
pub(crate) fn format(signatures: impl Iterator<Item = Signature>) -> Vec<u8> {
    let mut text = Vec::with_capacity(48);
    for signature in signatures {
        if !text.is_empty() {
            text.push(b' ');
        }
        text.extend_from_slice(b"v1,");
        text.extend_from_slice(Encoding::Base64.render(&signature).as_bytes());
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let read = |value: &str, read: fn(&[u8], &mut Candidates) -> Result<(), SignatureError>| {
            let mut found = Candidates::new();
            read(value.as_bytes(), &mut found).map(|()| found.iter().collect::<Vec<_>>())
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
            "v1,".to_owned(),
            "v1,abc!".to_owned(),
        ] {
            assert_eq!(read(&value, signatures), read(&value, listed), "{value:?}");
        }
        assert_eq!(
            read(&format!("v1,{good}"), signatures),
            Ok(vec![Signature::from_bytes([7; 32])])
        );
    }

    #[test]
    fn entries_other_than_v1_are_skipped_and_bad_v1_reported() {
        let good = Encoding::Base64.render(&Signature::from_bytes([1; 32]));
        let good = good.as_str();
        let count = |value: &str| {
            let mut found = Candidates::new();
            signatures(value.as_bytes(), &mut found).map(|()| found.iter().count())
        };
        assert_eq!(count(&format!("v1a,xyz v1,{good}")), Ok(1));
        assert_eq!(count(&format!("v2,{good}  v1,{good} v1,{good}")), Ok(2));
        let none = Err(SignatureError::NoSignature { version: "v1" });
        assert_eq!(count(&format!("v1a,{good}")), none);
        assert_eq!(count(""), none);
        assert_eq!(count(&format!("v1,{good} ").repeat(8)), Ok(8));
        assert_eq!(
            count(&format!("v1,{good} ").repeat(9)),
            Err(SignatureError::TooManySignatures { max: 8 })
        );
        assert_eq!(
            count("v1,abc!"),
            Err(SignatureError::InvalidCharacter {
                encoding: Encoding::Base64,
                offset: 6
            })
        );
        assert_eq!(
            count("v1"),
            Err(SignatureError::NoDigits {
                encoding: Encoding::Base64
            })
        );
    }
}
