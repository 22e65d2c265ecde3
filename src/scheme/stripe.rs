//! Stripe: `timestamp.body` signed, `Stripe-Signature: t=<ts>,v1=<hex>,...`.

use http::{HeaderMap, HeaderValue};
use jiff::Timestamp;

use super::{items, sensitive_value, split_pair, timestamp};
use crate::{
    Encoding, Platform, Signature, SignatureError, SigningKey, Verifier, VerifyError,
    verify::required,
};

pub(crate) fn verify(
    verifier: &Verifier,
    platform: &Platform,
    headers: &HeaderMap,
    body: &[u8],
    now: Timestamp,
) -> Result<(), VerifyError> {
    let header = platform.signature_header();
    let value = required(headers, header)?;
    let ts = parse(value).map_err(|source| VerifyError::Malformed {
        header: Some(header.clone()),
        source,
    })?;
    let at = timestamp::parse_seconds(ts).map_err(|source| VerifyError::Timestamp {
        header: header.clone(),
        source,
    })?;
    verifier.check_fresh(at, now)?;
    // Every v1 is a candidate: during a secret rotation Stripe sends one per
    // secret, and keeping only one (as async-stripe does) rejects good
    // requests.
    verifier.matches_any(&[ts, b".", body], signatures(value))
}

/// Checks the header's shape and returns its `t=` value: exactly one `t`,
/// at least one `v1`, every `v1` well formed. Other keys (`v0`, the test
/// mode's legacy signature, or future ones) are skipped.
fn parse(value: &[u8]) -> Result<&[u8], SignatureError> {
    let mut ts = None;
    let mut found = false;
    for (offset, item) in items(value, b',') {
        match split_pair(item, b'=') {
            Some((b"t", _, _)) if ts.is_some() => return Err(SignatureError::DuplicateTimestamp),
            Some((b"t", text, _)) => ts = Some(text),
            Some((b"v1", text, at)) => {
                Encoding::Hex.decode(text, offset + at)?;
                found = true;
            }
            _ => {}
        }
    }
    let ts = ts.ok_or(SignatureError::NoTimestamp)?;
    if found {
        Ok(ts)
    } else {
        Err(SignatureError::NoSignature { version: "v1" })
    }
}

fn signatures(value: &[u8]) -> impl Iterator<Item = Signature> + Clone + '_ {
    items(value, b',').filter_map(|(_, item)| match split_pair(item, b'=') {
        Some((b"v1", text, _)) => Encoding::Hex.decode(text, 0).ok(),
        _ => None,
    })
}

/// The `Stripe-Signature` value: `t=<ts>,v1=<hex>`.
pub(crate) fn sign(key: &SigningKey, ts: &str, body: &[u8]) -> HeaderValue {
    let signature = key.sign_parts(&[ts.as_bytes(), b".", body]);
    let hex = Encoding::Hex.render(&signature);
    sensitive_value(&[b"t=", ts.as_bytes(), b",v1=", hex.as_bytes()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_of_the_header() {
        let hex = "ab".repeat(32);
        assert_eq!(parse(format!("t=12,v1={hex}").as_bytes()), Ok(&b"12"[..]));
        assert_eq!(
            parse(format!("v0={hex}, t=12 ,v1={hex},x").as_bytes()),
            Ok(&b"12"[..])
        );
        assert_eq!(
            parse(format!("v1={hex}").as_bytes()),
            Err(SignatureError::NoTimestamp)
        );
        assert_eq!(
            parse(format!("t=1,t=2,v1={hex}").as_bytes()),
            Err(SignatureError::DuplicateTimestamp)
        );
        assert_eq!(
            parse(format!("t=1,v0={hex}").as_bytes()),
            Err(SignatureError::NoSignature { version: "v1" })
        );
        assert_eq!(
            parse(b"t=1,v1=zz"),
            Err(SignatureError::InvalidCharacter {
                encoding: Encoding::Hex,
                offset: 7
            })
        );
        assert_eq!(
            signatures(format!("t=1,v1={hex},v1={hex},v0={hex}").as_bytes()).count(),
            2
        );
    }
}
