//! Mailgun: the signature travels in the JSON body, as
//! `signature: {timestamp, token, signature}`: hex HMAC-SHA256 of the
//! timestamp then the token.

use core::fmt;

use jiff::Timestamp;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::mac::SignatureText;
use crate::signature::decode_hex_bytes;
use crate::{BodyFieldError, KeyError, SigningKey, Tolerance, VerifyError};

/// Mailgun's webhook signature, carried in the JSON body rather than in a
/// header:
///
/// ```json
/// {"signature": {"timestamp": "1529006854", "token": "a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0",
///                "signature": "d2271d12299f6592d9d44cd9d250f0704e4674c30d79d07c47a66f95ce71cf55"},
///  "event-data": {...}}
/// ```
///
/// `signature.signature` is the hex HMAC-SHA256, keyed with the HTTP
/// webhook signing key, of `signature.timestamp` (Unix seconds) followed by
/// `signature.token` (50 random characters), with no separator.
///
/// # Freshness and replays
///
/// Mailgun's documentation recommends checking that the timestamp is
/// recent and remembering tokens, refusing one seen before. This verifier
/// refuses a timestamp more than 5 minutes from `now`, either way
/// ([`Mailgun::TOLERANCE`]). It has no storage: [`Mailgun::verify`] gives
/// you the verified token, and refusing a token you have seen in the last
/// 5 minutes is yours to do (a set with a 5-minute expiry is enough, since
/// older requests are refused here).
///
/// # Reading the body
///
/// The three fields are read in place with `serde_json`, without
/// allocating: they must be JSON strings with no escapes (`\"`, `\u0030`),
/// which Mailgun never writes in digits and hex, and are refused with
/// [`BodyFieldError::Escaped`] otherwise. The timestamp may also be a JSON
/// integer, as Mailgun's documentation types it. The rest of the body is
/// skipped, not checked: it is not signed, so decode `event-data` only
/// after this check, and trust nothing in it beyond what Mailgun's
/// signature covers (the timestamp and the token).
///
/// Legacy form-encoded webhooks (the same three fields as form fields)
/// are not read.
///
/// ```
/// use hooksig::provider::Mailgun;
/// use jiff::Timestamp;
///
/// let mailgun = Mailgun::new("key-from-the-sending-settings")?;
/// let now = Timestamp::from_second(1_529_006_854)?;
/// let signature = mailgun.sign(now, "a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0");
/// let body = format!(
///     r#"{{"signature":{{"timestamp":"1529006854","token":"a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0","signature":"{signature}"}},"event-data":{{}}}}"#
/// );
/// let token = mailgun.verify(body.as_bytes(), now)?;
/// assert_eq!(token, "a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Mailgun {
    key: SigningKey,
}

#[derive(Deserialize)]
struct Body<'a> {
    #[serde(borrow)]
    signature: Fields<'a>,
}

#[derive(Deserialize)]
struct Fields<'a> {
    #[serde(borrow)]
    timestamp: &'a RawValue,
    #[serde(borrow)]
    token: &'a RawValue,
    #[serde(borrow)]
    signature: &'a RawValue,
}

const TIMESTAMP: &str = "signature.timestamp";
const TOKEN: &str = "signature.token";
const SIGNATURE: &str = "signature.signature";

impl Mailgun {
    /// How far the timestamp may lie from `now`, either way: 5 minutes.
    pub const TOLERANCE: Tolerance = Tolerance::DEFAULT;

    /// A verifier and signer keyed with the HTTP webhook signing key, as
    /// Mailgun's dashboard shows it (Sending, Webhooks), used as the text
    /// it is.
    ///
    /// # Errors
    ///
    /// [`KeyError::EmptySecret`] or [`KeyError::AllZeroSecret`].
    pub fn new(signing_key: impl AsRef<[u8]>) -> Result<Self, KeyError> {
        Ok(Self {
            key: SigningKey::new(signing_key)?,
        })
    }

    /// Checks a webhook's raw JSON body at time `now`, and returns its
    /// token (a slice of `body`) for the caller's replay check.
    ///
    /// # Errors
    ///
    /// - [`VerifyError::BodyField`]: the body is not JSON with the three
    ///   fields, one is not a string (the timestamp may be an integer) or
    ///   has escapes, the timestamp is not decimal digits, or the signature
    ///   is not 64 hex digits.
    /// - [`VerifyError::Stale`]: the timestamp is more than 5 minutes from
    ///   `now`.
    /// - [`VerifyError::Mismatch`]: the signature is not the timestamp's and
    ///   token's.
    pub fn verify<'b>(&self, body: &'b [u8], now: Timestamp) -> Result<&'b str, VerifyError> {
        let fields = read_fields(body)?;
        let timestamp = number_or_string(fields.timestamp, TIMESTAMP)?;
        let token = string(fields.token, TOKEN)?;
        let signature = string(fields.signature, SIGNATURE)?;
        let at =
            crate::scheme::timestamp::parse_seconds(timestamp.as_bytes()).map_err(|reason| {
                BodyFieldError::Timestamp {
                    field: TIMESTAMP,
                    reason,
                }
            })?;
        let received: [u8; 32] = decode_hex_bytes(signature.as_bytes(), 0).map_err(|reason| {
            BodyFieldError::Signature {
                field: SIGNATURE,
                reason,
            }
        })?;
        Self::TOLERANCE.check(at, now)?;
        let mac = self
            .key
            .sign_parts(&[timestamp.as_bytes(), token.as_bytes()]);
        if mac == crate::Signature::from_bytes(received) {
            Ok(token)
        } else {
            Err(VerifyError::Mismatch)
        }
    }

    /// The `signature.signature` value for a webhook sent at `timestamp`
    /// (whole seconds) with `token`: 64 hex digits.
    pub fn sign(&self, timestamp: Timestamp, token: &str) -> SignatureText {
        let mut digits = itoa::Buffer::new();
        let seconds = digits.format(timestamp.as_second());
        let mac = self.key.sign_parts(&[seconds.as_bytes(), token.as_bytes()]);
        SignatureText::hex("", mac.as_bytes())
    }
}

/// The three fields of the body's `signature` object.
///
/// `serde_json` skips an ignored value that nests (as `event-data` does)
/// with a stack it allocates, so the `signature` member is first found by
/// a scan that tracks strings and depth only, and `serde_json` reads that
/// flat object alone. When the scan finds no single top-level `signature`
/// member, `serde_json` reads the whole body, to return its error (or its
/// fields, should the scan have missed them).
fn read_fields(body: &[u8]) -> Result<Fields<'_>, BodyFieldError> {
    let not_json = |error: serde_json::Error| BodyFieldError::NotJson {
        line: error.line(),
        column: error.column(),
    };
    match signature_member(body) {
        Some(member) => serde_json::from_slice::<Fields<'_>>(member).map_err(not_json),
        None => serde_json::from_slice::<Body<'_>>(body)
            .map(|body| body.signature)
            .map_err(not_json),
    }
}

/// The value of the top-level `"signature"` member of a JSON object, when
/// there is exactly one. Only strings and nesting are tracked: the rest of
/// the body is not signed, and is the caller's to parse.
fn signature_member(body: &[u8]) -> Option<&[u8]> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut string_start = 0;
    // At depth 1: where the value of a `"signature"` key starts.
    let mut value_start = None;
    let mut found = None;
    let mut at = body.iter().position(|b| !b.is_ascii_whitespace())?;
    if body.get(at) != Some(&b'{') {
        return None;
    }
    while let Some(&byte) = body.get(at) {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => {
                    in_string = false;
                    let is_key = depth == 1
                        && body
                            .get(at + 1..)?
                            .iter()
                            .find(|b| !b.is_ascii_whitespace())
                            == Some(&b':');
                    if is_key && body.get(string_start..=at) == Some(b"\"signature\"".as_slice()) {
                        let colon = at + 1 + body.get(at + 1..)?.iter().position(|&b| b == b':')?;
                        value_start = Some(colon + 1);
                    }
                }
                _ => {}
            }
        } else {
            match byte {
                b'"' => {
                    in_string = true;
                    string_start = at;
                }
                b'{' | b'[' => depth += 1,
                b'}' | b']' | b',' => {
                    if depth == 1
                        && let Some(start) = value_start.take()
                    {
                        if found.is_some() {
                            return None;
                        }
                        found = Some(body.get(start..at)?);
                    }
                    if byte != b',' {
                        depth = depth.checked_sub(1)?;
                        if depth == 0 {
                            break;
                        }
                    }
                }
                _ => {}
            }
        }
        at += 1;
    }
    if depth != 0 {
        return None;
    }
    found
}

/// The characters of a JSON string without escapes.
fn string<'a>(raw: &'a RawValue, field: &'static str) -> Result<&'a str, BodyFieldError> {
    let text = raw.get();
    match text
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
    {
        Some(inner) if inner.contains('\\') => Err(BodyFieldError::Escaped { field }),
        Some(inner) => Ok(inner),
        None => Err(BodyFieldError::NotString { field }),
    }
}

/// A JSON string without escapes, or the digits of a JSON integer.
fn number_or_string<'a>(raw: &'a RawValue, field: &'static str) -> Result<&'a str, BodyFieldError> {
    let text = raw.get();
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(text);
    }
    string(raw, field)
}

impl fmt::Debug for Mailgun {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Mailgun([REDACTED])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::TimestampError;

    const TOKEN_TEXT: &str = "a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0";

    fn body(timestamp: &str, token: &str, signature: &str) -> String {
        format!(
            r#"{{"event-data":{{"event":"delivered","x":"\"quoted\""}},"signature":{{"timestamp":{timestamp},"token":{token},"signature":{signature}}}}}"#
        )
    }

    #[test]
    fn reads_the_three_fields_in_place() {
        let mailgun = Mailgun::new("key").unwrap();
        let now = Timestamp::from_second(1_529_006_854).unwrap();
        let signature = mailgun.sign(now, TOKEN_TEXT);
        let quoted = |text: &str| format!("\"{text}\"");
        let good = body(
            "\"1529006854\"",
            &quoted(TOKEN_TEXT),
            &quoted(signature.as_str()),
        );
        assert_eq!(mailgun.verify(good.as_bytes(), now), Ok(TOKEN_TEXT));
        let number = body(
            "1529006854",
            &quoted(TOKEN_TEXT),
            &quoted(signature.as_str()),
        );
        assert_eq!(mailgun.verify(number.as_bytes(), now), Ok(TOKEN_TEXT));
        let later = Timestamp::from_second(1_529_007_155).unwrap();
        assert!(matches!(
            mailgun.verify(good.as_bytes(), later),
            Err(VerifyError::Stale(_))
        ));
        let other_token = body("1529006854", &quoted("b"), &quoted(signature.as_str()));
        assert_eq!(
            mailgun.verify(other_token.as_bytes(), now),
            Err(VerifyError::Mismatch)
        );
        let field_error = |text: String| match mailgun.verify(text.as_bytes(), now) {
            Err(VerifyError::BodyField(error)) => error,
            other => panic!("{text}: {other:?}"),
        };
        assert_eq!(
            field_error(body("1", r#""a\u0062""#, r#""00""#)),
            BodyFieldError::Escaped { field: TOKEN }
        );
        assert_eq!(
            field_error(body("1", "7", r#""00""#)),
            BodyFieldError::NotString { field: TOKEN }
        );
        assert_eq!(
            field_error(body("\"1.5\"", "\"t\"", r#""00""#)),
            BodyFieldError::Timestamp {
                field: TIMESTAMP,
                reason: TimestampError::NotDigits { offset: 1 }
            }
        );
        assert!(matches!(
            field_error(body("1", "\"t\"", r#""00""#)),
            BodyFieldError::Signature {
                field: SIGNATURE,
                ..
            }
        ));
        assert!(matches!(
            field_error(r#"{"signature":{"timestamp":"1"}}"#.to_owned()),
            BodyFieldError::NotJson { line: 1, .. }
        ));
        assert!(matches!(
            field_error("not json".to_owned()),
            BodyFieldError::NotJson { .. }
        ));
        assert_eq!(format!("{mailgun:?}"), "Mailgun([REDACTED])");
    }

    #[test]
    fn the_scan_finds_the_one_top_level_member() {
        let member = |text: &str| {
            signature_member(text.as_bytes()).map(|m| String::from_utf8(m.to_vec()).unwrap())
        };
        assert_eq!(
            member(r#"{"signature":{"a":1}}"#).as_deref(),
            Some(r#"{"a":1}"#)
        );
        assert_eq!(
            member(r#" { "x" : {"signature": 1, "y": ["signature", "}"]}, "sig\"nature": 2 , "signature" : {"t":"\"}"} , "z":[] } "#).as_deref(),
            Some(r#" {"t":"\"}"} "#)
        );
        assert_eq!(member(r#"{"signature":1,"signature":2}"#), None);
        assert_eq!(member(r#"{"x":"signature"}"#), None);
        assert_eq!(member(r#"["signature"]"#), None);
        assert_eq!(member(r#"{"signature":{"a":1}"#), None);
        assert_eq!(member(r#"{"signature":1}}"#).as_deref(), Some("1"));
        assert_eq!(member(""), None);
    }
}
