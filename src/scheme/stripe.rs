//! Stripe: `timestamp.body` signed, `Stripe-Signature: t=<ts>,v1=<hex>,...`.

use alloc::vec::Vec;

use super::{Candidates, Listing, Message, items, split_pair};
use crate::{Encoding, Signature, SignatureError};

/// Reads the header: exactly one `t`, and at least one well-formed `v1`,
/// each decoded once. Other keys (`v0`, the test mode's legacy signature,
/// or future ones) are skipped, and so are `v1` entries that cannot be
/// read, as `stripe-python` and `stripe-node` skip them (they compare each
/// as text): the first one's problem is the error only when no `v1` entry
/// is left.
///
/// Every `v1` is a candidate: during a secret rotation Stripe sends one per
/// secret, and keeping only one (as async-stripe does) rejects good
/// requests.
pub(crate) fn parse(value: &[u8]) -> Result<(&[u8], Candidates), SignatureError> {
    let mut ts = None;
    let mut found = Candidates::new();
    for (offset, item) in items(value, b',') {
        if let Some(read) = Listing::STRIPE.entry(offset, item) {
            found.push(read);
            continue;
        }
        match split_pair(item, b'=') {
            Some((b"t", _, _)) if ts.is_some() => return Err(SignatureError::DuplicateTimestamp),
            Some((b"t", text, _)) => ts = Some(text),
            _ => {}
        }
    }
    let ts = ts.ok_or(SignatureError::NoTimestamp)?;
    if found.is_empty() {
        Err(found
            .passed_over()
            .unwrap_or(SignatureError::NoSignature { version: "v1" }))
    } else {
        Ok((ts, found))
    }
}

/// What Stripe signs: `timestamp.body`.
pub(crate) fn message<'a>(ts: &'a [u8], body: &'a [u8]) -> Message<'a> {
    Message::new([ts, b".", body])
}

/// The `Stripe-Signature` value: `t=<ts>`, then `,v1=<hex>` for each
/// signature (one per secret while a secret rotates).
#[cfg_attr(not(feature = "http"), allow(dead_code))]
pub(crate) fn format(ts: &str, signatures: impl Iterator<Item = Signature>) -> Vec<u8> {
    let mut text = Vec::with_capacity(80);
    text.extend_from_slice(b"t=");
    text.extend_from_slice(ts.as_bytes());
    for signature in signatures {
        text.extend_from_slice(b",v1=");
        text.extend_from_slice(Encoding::Hex.render(&signature).as_bytes());
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_of_the_header() {
        let hex = "ab".repeat(32);
        let read = |value: String| {
            parse(value.as_bytes()).map(|(ts, found)| (ts.to_vec(), found.iter().count()))
        };
        assert_eq!(read(format!("t=12,v1={hex}")), Ok((b"12".to_vec(), 1)));
        assert_eq!(
            read(format!("v0={hex}, t=12 ,v1={hex},x,v1={hex}")),
            Ok((b"12".to_vec(), 2))
        );
        let error = |value: &str| read(value.to_owned()).unwrap_err();
        assert_eq!(error(&format!("v1={hex}")), SignatureError::NoTimestamp);
        assert_eq!(
            error(&format!("t=1,t=2,v1={hex}")),
            SignatureError::DuplicateTimestamp
        );
        assert_eq!(
            error(&format!("t=1,v0={hex}")),
            SignatureError::NoSignature { version: "v1" }
        );
        assert_eq!(
            error("t=1,v1=zz"),
            SignatureError::InvalidCharacter {
                encoding: Encoding::Hex,
                offset: 7
            }
        );
        // A malformed v1 beside a good one is skipped, as Stripe's own
        // libraries skip it; a list of any length is read.
        assert_eq!(read(format!("t=1,v1=zz,v1={hex}")), Ok((b"1".to_vec(), 1)));
        let many = format!("t=1{}", format!(",v1={hex}").repeat(9));
        assert_eq!(read(many), Ok((b"1".to_vec(), 8)));
    }
}
