//! Paddle Billing: `ts:body` signed, `Paddle-Signature: ts=<ts>;h1=<hex>`.

use alloc::vec::Vec;

use super::{Candidates, Listing, Message, items, split_pair};
use crate::{Encoding, Signature, SignatureError};

/// The field of the signed timestamp.
const TS: &str = "ts";
/// The one signature version Paddle sends.
const H1: &str = "h1";

/// Reads the header: exactly one `ts`, and the `h1` signatures, each
/// decoded once (Paddle's documentation: "Signatures contain at least one
/// `h1`"; one per secret while a secret rotates).
///
/// As in Paddle's own SDKs, an `h1` that is not a MAC is passed over rather
/// than failing the header (`paddle-python-sdk` compares each as text, and
/// its tests sign `ts=...;h1=dummy;h1=<hex>`), and so are other keys and
/// items without `=` (`@paddle/paddle-node-sdk` skips them). A header with
/// no readable `h1` reports why its first one is not.
pub(crate) fn parse(value: &[u8]) -> Result<(&[u8], Candidates), SignatureError> {
    if value.iter().all(|b| matches!(b, b' ' | b'\t')) {
        return Err(SignatureError::Empty);
    }
    let mut ts = None;
    let mut found = Candidates::new();
    for (offset, item) in items(value, b';') {
        if let Some(read) = Listing::PADDLE.entry(offset, item) {
            found.push(read);
            continue;
        }
        match split_pair(item, b'=') {
            Some((b"ts", _, _)) if ts.is_some() => {
                return Err(SignatureError::DuplicateTimestampField { field: TS });
            }
            Some((b"ts", text, _)) => ts = Some(text),
            _ => {}
        }
    }
    let ts = ts.ok_or(SignatureError::NoTimestampField { field: TS })?;
    if found.is_empty() {
        Err(found
            .passed_over()
            .unwrap_or(SignatureError::NoSignature { version: H1 }))
    } else {
        Ok((ts, found))
    }
}

/// What Paddle signs: `ts:body`.
pub(crate) fn message<'a>(ts: &'a [u8], body: &'a [u8]) -> Message<'a> {
    Message::new([ts, b":", body])
}

/// The `Paddle-Signature` value: `ts=<ts>`, then `;h1=<hex>` for each
/// signature (one per secret while a secret rotates).
#[cfg_attr(not(feature = "http"), allow(dead_code))]
pub(crate) fn format(ts: &str, signatures: impl Iterator<Item = Signature>) -> Vec<u8> {
    let mut text = Vec::with_capacity(80);
    text.extend_from_slice(b"ts=");
    text.extend_from_slice(ts.as_bytes());
    for signature in signatures {
        text.extend_from_slice(b";h1=");
        text.extend_from_slice(Encoding::Hex.render(&signature).as_bytes());
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(value: &str) -> Result<(Vec<u8>, usize), SignatureError> {
        parse(value.as_bytes()).map(|(ts, found)| (ts.to_vec(), found.iter().count()))
    }

    #[test]
    fn shape_of_the_header() {
        let hex = "ab".repeat(32);
        assert_eq!(read(&format!("ts=12;h1={hex}")), Ok((b"12".to_vec(), 1)));
        assert_eq!(
            read(&format!(" h1={hex} ; ts=12;h1={hex};x=1;junk")),
            Ok((b"12".to_vec(), 2))
        );
        // paddle-python-sdk's own test header: a malformed `h1` beside a good one.
        assert_eq!(
            read(&format!("ts=1696195954;h1=dummy;h1={hex}")),
            Ok((b"1696195954".to_vec(), 1))
        );
        assert_eq!(
            read(&format!("h1={hex}")),
            Err(SignatureError::NoTimestampField { field: "ts" })
        );
        assert_eq!(
            read(&format!("ts=1;ts=2;h1={hex}"))
                .unwrap_err()
                .to_string(),
            "more than one ts= timestamp in the header"
        );
        assert_eq!(
            read("ts=1"),
            Err(SignatureError::NoSignature { version: "h1" })
        );
        assert_eq!(
            read("ts=1;h1=zz"),
            Err(SignatureError::InvalidCharacter {
                encoding: Encoding::Hex,
                offset: 8
            })
        );
        assert_eq!(read(" "), Err(SignatureError::Empty));
        assert_eq!(
            read("h1"),
            Err(SignatureError::NoTimestampField { field: "ts" })
        );
        // Past the eight held, the verifier reads the rest again.
        let many = format!("ts=1{}", format!(";h1={hex}").repeat(9));
        assert_eq!(read(&many), Ok((b"1".to_vec(), 8)));
    }

    #[test]
    fn formats_what_it_reads() {
        let signatures = [
            Signature::from_bytes([1; 32]),
            Signature::from_bytes([2; 32]),
        ];
        let text = format("1671552777", signatures.into_iter());
        let (ts, found) = parse(&text).unwrap();
        assert_eq!(ts, b"1671552777");
        assert_eq!(found.as_slice(), signatures);
        assert_eq!(message(b"1", b"{}").parts(), [&b"1"[..], b":", b"{}"]);
    }
}
