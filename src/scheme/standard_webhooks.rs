//! Standard Webhooks (and Svix): `id.timestamp.body` signed, `v1,<base64>`
//! signatures separated by spaces.

use http::{HeaderMap, HeaderValue};
use jiff::Timestamp;

use super::{Candidates, items, sensitive_value, split_pair};
use crate::{
    Encoding, Header, Platform, SignatureError, SigningKey, Verifier, VerifyError, verify::required,
};

/// `webhook-id`: the message id, signed first.
pub(crate) const ID: Header = Header::preset("webhook-id", "webhook-id");
/// `webhook-timestamp`: Unix seconds, signed second.
pub(crate) const TIMESTAMP: Header = Header::preset("webhook-timestamp", "webhook-timestamp");

// Statics for borrowing: a `const` of a type that owns memory would be
// built and dropped on every use.
static DEFAULT_ID: Header = ID;
static DEFAULT_TIMESTAMP: Header = TIMESTAMP;

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
    match id.iter().position(|b| *b == b'.') {
        Some(offset) => Err(IdError::Dot { offset }),
        None => Ok(()),
    }
}

pub(crate) fn verify(
    verifier: &Verifier,
    platform: &Platform,
    headers: &HeaderMap,
    body: &[u8],
    now: Timestamp,
) -> Result<(), VerifyError> {
    // `Platform::custom` gives every Standard Webhooks platform both
    // headers; the defaults only keep this total.
    let id_header = platform.delivery_header().unwrap_or(&DEFAULT_ID);
    let id = required(headers, id_header)?;
    check_id(id).map_err(|source| VerifyError::Id {
        header: id_header.clone(),
        source,
    })?;
    let ts_header = platform.timestamp_header().unwrap_or(&DEFAULT_TIMESTAMP);
    let ts = required(headers, ts_header)?;
    verifier.check_signed_time(ts_header, ts, now)?;

    let signature_header = platform.signature_header();
    let value = required(headers, signature_header)?;
    let mut candidates = Candidates::new();
    signatures(value, &mut candidates).map_err(VerifyError::malformed(signature_header))?;
    verifier.matches_any(&[id, b".", ts, b".", body], candidates.iter())
}

/// The `v1` signatures of a `webhook-signature` value, each decoded once.
/// Every `v1` entry must be well formed, and there must be one: an entry
/// that fails to decode is a sender's bug worth reporting, not skipping.
/// Entries of other versions (`v1a`, ...) are skipped, as the specification
/// says.
fn signatures(value: &[u8], found: &mut Candidates) -> Result<(), SignatureError> {
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

/// The `webhook-signature` value for one message.
pub(crate) fn sign(key: &SigningKey, id: &str, ts: &str, body: &[u8]) -> HeaderValue {
    let signature = key.sign_parts(&[id.as_bytes(), b".", ts.as_bytes(), b".", body]);
    sensitive_value(&[b"v1,", Encoding::Base64.render(&signature).as_bytes()])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Signature;

    #[test]
    fn ids_that_cannot_be_signed() {
        assert_eq!(check_id(b"msg_1"), Ok(()));
        assert_eq!(check_id(b""), Err(IdError::Empty));
        assert_eq!(check_id(b"msg.1"), Err(IdError::Dot { offset: 3 }));
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
