//! Stripe: `timestamp.body` signed, `Stripe-Signature: t=<ts>,v1=<hex>,...`.

use http::{HeaderMap, HeaderValue};
use jiff::Timestamp;

use super::{Candidates, items, sensitive_value, split_pair};
use crate::{
    Encoding, Platform, SignatureError, SigningKey, Verifier, VerifyError, verify::required,
};

pub(crate) fn verify(
    verifier: &Verifier,
    platform: &Platform,
    headers: &HeaderMap,
    body: &[u8],
    now: Timestamp,
) -> Result<(), VerifyError> {
    let header = platform.signature_header();
    let value = required(header.find(headers), header)?;
    let (ts, candidates) = parse(value).map_err(VerifyError::malformed(header))?;
    verifier.check_signed_time(header, ts, now)?;
    // Every v1 is a candidate: during a secret rotation Stripe sends one per
    // secret, and keeping only one (as async-stripe does) rejects good
    // requests.
    verifier.matches_any(&[ts, b".", body], candidates.iter())
}

/// Reads the header: exactly one `t`, and at least one `v1`, each well
/// formed and decoded once. Other keys (`v0`, the test mode's legacy
/// signature, or future ones) are skipped.
fn parse(value: &[u8]) -> Result<(&[u8], Candidates), SignatureError> {
    let mut ts = None;
    let mut found = Candidates::new();
    for (offset, item) in items(value, b',') {
        match split_pair(item, b'=') {
            Some((b"t", _, _)) if ts.is_some() => return Err(SignatureError::DuplicateTimestamp),
            Some((b"t", text, _)) => ts = Some(text),
            Some((b"v1", text, at)) => found.push(Encoding::Hex.decode(text, offset + at)?)?,
            _ => {}
        }
    }
    let ts = ts.ok_or(SignatureError::NoTimestamp)?;
    if found.is_empty() {
        Err(SignatureError::NoSignature { version: "v1" })
    } else {
        Ok((ts, found))
    }
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
        let many = format!("t=1{}", format!(",v1={hex}").repeat(9));
        assert_eq!(error(&many), SignatureError::TooManySignatures { max: 8 });
    }
}
