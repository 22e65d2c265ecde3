//! HubSpot v3: HMAC-SHA256 over method, URI, body and timestamp, base64.

use core::fmt;

use jiff::Timestamp;
use sha2::Sha256;

use super::mac::{MacKey, MacState, SignatureText};
use crate::{
    Header, Headers, KeyError, TimestampError, Tolerance, VerifyError,
    signature::decode_base64_bytes,
};

/// HubSpot's v3 request signature: `X-HubSpot-Signature-v3`, the base64 of
/// an HMAC-SHA256 keyed with the app's client secret, over the method, the
/// request URI, the raw body and the `X-HubSpot-Request-Timestamp` header
/// (Unix milliseconds), concatenated with no separators.
///
/// - The URI is the full public URL HubSpot requested (`https://`, host,
///   path and query), not the one your server sees behind a proxy. As
///   HubSpot's documentation says, these percent-escapes in it are decoded
///   before signing, and no others: `%3A` `:`, `%2F` `/`, `%3F` `?`, `%40`
///   `@`, `%21` `!`, `%24` `$`, `%27` `'`, `%28` `(`, `%29` `)`, `%2A`
///   `*`, `%2C` `,`, `%3B` `;` (either case of hex digit). Decoding is
///   idempotent for a URI without `%25`, so an already-decoded URI works
///   too.
/// - The timestamp is refused when it is more than 5 minutes before `now`,
///   as HubSpot's documentation and its Python SDK do; like the SDK, a
///   timestamp in the future is not refused.
/// - The older `X-HubSpot-Signature` (v1 and v2: a bare SHA-256 with the
///   secret inside, no timestamp) is not read.
///
/// ```
/// use hooksig::provider::HubSpot;
/// use jiff::Timestamp;
///
/// let hubspot = HubSpot::new("client-secret-of-the-app")?;
/// let sent = Timestamp::from_millisecond(1_700_000_000_000)?;
/// let (uri, body) = ("https://example.com/hubspot?portal=1", br#"[{"eventId":1}]"#);
/// let signed = hubspot.sign("POST", uri, body, sent)?;
/// let headers = [
///     ("X-HubSpot-Signature-v3", signed.signature.as_str()),
///     ("X-HubSpot-Request-Timestamp", signed.timestamp.as_str()),
/// ];
/// hubspot.verify("POST", uri, &headers, body, sent)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct HubSpot {
    key: MacKey<Sha256>,
}

/// What a sender puts in HubSpot's two headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct HubSpotSignature {
    /// The `X-HubSpot-Signature-v3` value.
    pub signature: SignatureText,
    /// The `X-HubSpot-Request-Timestamp` value: Unix milliseconds.
    pub timestamp: MillisText,
}

/// Unix milliseconds as decimal text, on the stack.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct MillisText {
    buf: [u8; 20],
    len: usize,
}

impl MillisText {
    /// The digits.
    pub fn as_str(&self) -> &str {
        core::str::from_utf8(self.buf.get(..self.len).unwrap_or_default()).unwrap_or_default()
    }
}

impl fmt::Display for MillisText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for MillisText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MillisText({})", self.as_str())
    }
}

impl HubSpot {
    /// `X-HubSpot-Signature-v3`.
    pub const SIGNATURE: Header =
        Header::preset("X-HubSpot-Signature-v3", "x-hubspot-signature-v3");

    /// `X-HubSpot-Request-Timestamp`.
    pub const TIMESTAMP: Header =
        Header::preset("X-HubSpot-Request-Timestamp", "x-hubspot-request-timestamp");

    /// How old a timestamp may be: 5 minutes.
    pub const TOLERANCE: Tolerance = Tolerance::DEFAULT;

    /// A verifier and signer keyed with the app's client secret, as the
    /// app's Auth settings show it (a UUID), used as the text it is.
    ///
    /// # Errors
    ///
    /// [`KeyError::EmptySecret`] or [`KeyError::AllZeroSecret`].
    pub fn new(client_secret: impl AsRef<[u8]>) -> Result<Self, KeyError> {
        Ok(Self {
            key: MacKey::new(client_secret.as_ref())?,
        })
    }

    /// Checks a request: its method as sent (`POST`), the public `uri`
    /// HubSpot requested, its headers, its raw body, and the time `now`.
    ///
    /// # Errors
    ///
    /// - [`VerifyError::Header`]: either header missing or repeated.
    /// - [`VerifyError::Malformed`]: the signature is not the base64 of 32
    ///   bytes.
    /// - [`VerifyError::Timestamp`]: the timestamp is not decimal digits.
    /// - [`VerifyError::Stale`]: the timestamp is more than 5 minutes
    ///   before `now`.
    /// - [`VerifyError::Mismatch`]: the signature is not this request's.
    pub fn verify<H: Headers + ?Sized>(
        &self,
        method: &str,
        uri: &str,
        headers: &H,
        body: &[u8],
        now: Timestamp,
    ) -> Result<(), VerifyError> {
        let [signature, timestamp] =
            crate::header::find_each(headers, [&Self::SIGNATURE, &Self::TIMESTAMP]);
        let signature = signature.one(&Self::SIGNATURE)?;
        let timestamp = timestamp.one(&Self::TIMESTAMP)?;
        let received: [u8; 32] =
            decode_base64_bytes(signature, 0).map_err(|reason| VerifyError::Malformed {
                header: Self::SIGNATURE,
                reason,
            })?;
        let at = parse_millis(timestamp).map_err(|reason| VerifyError::Timestamp {
            header: Self::TIMESTAMP,
            reason,
        })?;
        Self::TOLERANCE.check_age(at, now)?;
        if self
            .mac(method, uri, body, timestamp)
            .finish()
            .matches(&received)
        {
            Ok(())
        } else {
            Err(VerifyError::Mismatch)
        }
    }

    /// The two header values for a request sent at `timestamp`.
    ///
    /// # Errors
    ///
    /// [`TimestampError::Negative`] for a time before 1970.
    pub fn sign(
        &self,
        method: &str,
        uri: &str,
        body: &[u8],
        timestamp: Timestamp,
    ) -> Result<HubSpotSignature, TimestampError> {
        let millis = timestamp.as_millisecond();
        if millis < 0 {
            return Err(TimestampError::Negative);
        }
        let mut digits = itoa::Buffer::new();
        let text = digits.format(millis);
        let mut buf = [0u8; 20];
        if let Some(out) = buf.get_mut(..text.len()) {
            out.copy_from_slice(text.as_bytes());
        }
        let mac = self.mac(method, uri, body, text.as_bytes()).finish();
        Ok(HubSpotSignature {
            signature: SignatureText::base64("", mac.as_bytes()),
            timestamp: MillisText {
                buf,
                len: text.len(),
            },
        })
    }

    fn mac(&self, method: &str, uri: &str, body: &[u8], timestamp: &[u8]) -> MacState<Sha256> {
        let mut state = self.key.begin();
        state.update(method.as_bytes());
        feed_uri(&mut state, uri.as_bytes());
        state.update(body);
        state.update(timestamp);
        state
    }
}

/// The characters HubSpot's documentation decodes in the URI, by the value
/// of their escape.
const DECODED: [u8; 12] = [
    b':', b'/', b'?', b'@', b'!', b'$', b'\'', b'(', b')', b'*', b',', b';',
];

/// The character `%XY` stands for, when HubSpot decodes it.
fn decoded_escape(escape: &[u8]) -> Option<u8> {
    let [b'%', high, low] = *escape else {
        return None;
    };
    let value = u8::from_str_radix(core::str::from_utf8(&[high, low]).ok()?, 16).ok()?;
    DECODED.contains(&value).then_some(value)
}

/// Feeds `uri` with the escapes of [`DECODED`] decoded, runs between them
/// as slices.
fn feed_uri(state: &mut MacState<Sha256>, uri: &[u8]) {
    let mut run_start = 0;
    let mut at = 0;
    while let Some(offset) = uri.get(at..).and_then(|rest| memchr::memchr(b'%', rest)) {
        let percent = at + offset;
        match uri.get(percent..percent + 3).and_then(decoded_escape) {
            Some(byte) => {
                state.update(uri.get(run_start..percent).unwrap_or_default());
                state.update_byte(byte);
                run_start = percent + 3;
                at = run_start;
            }
            None => at = percent + 1,
        }
    }
    state.update(uri.get(run_start..).unwrap_or_default());
}

/// Unix milliseconds: digits only, as HubSpot sends them.
fn parse_millis(text: &[u8]) -> Result<Timestamp, TimestampError> {
    if text.is_empty() {
        return Err(TimestampError::Empty);
    }
    if let Some(offset) = text.iter().position(|b| !b.is_ascii_digit()) {
        return Err(
            if offset == 0 && text.len() > 1 && text.first() == Some(&b'-') {
                TimestampError::Negative
            } else {
                TimestampError::NotDigits { offset }
            },
        );
    }
    if text.len() > 18 {
        return Err(TimestampError::OutOfRange);
    }
    let millis = text
        .iter()
        .fold(0i64, |acc, digit| acc * 10 + i64::from(digit - b'0'));
    Timestamp::from_millisecond(millis).map_err(|_| TimestampError::OutOfRange)
}

impl fmt::Debug for HubSpot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("HubSpot([REDACTED])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(uri: &str) -> Vec<u8> {
        // The reference: replace each listed escape, in either case.
        let mut text = uri.to_owned();
        for byte in DECODED {
            for escape in [format!("%{byte:02X}"), format!("%{byte:02x}")] {
                text = text.replace(&escape, &char::from(byte).to_string());
            }
        }
        text.into_bytes()
    }

    #[test]
    fn listed_escapes_and_no_others_are_decoded() {
        let key = MacKey::<Sha256>::new(b"k").unwrap();
        for uri in [
            "https://x.com/a?b=%3a%2F%3F%40%21%24%27%28%29%2A%2C%3B",
            "https://x.com/a?b=%20%2B%25%3D%26%3",
            "%",
            "%3",
            "%3A",
            "%%3A",
            "%253A",
            "",
        ] {
            let mut state = key.begin();
            feed_uri(&mut state, uri.as_bytes());
            let expected = key.mac_parts(&[&decode(uri)]);
            assert!(state.finish().matches(expected.as_bytes()), "{uri}");
        }
    }

    #[test]
    fn timestamps_are_milliseconds_and_only_old_ones_are_refused() {
        let hubspot = HubSpot::new("secret").unwrap();
        let sent = Timestamp::from_millisecond(1_700_000_000_123).unwrap();
        let signed = hubspot
            .sign("POST", "https://x.com/h", b"[]", sent)
            .unwrap();
        assert_eq!(signed.timestamp.as_str(), "1700000000123");
        let headers = [
            ("x-hubspot-signature-v3", signed.signature.as_str()),
            ("x-hubspot-request-timestamp", signed.timestamp.as_str()),
        ];
        let at = |ms: i64| Timestamp::from_millisecond(ms).unwrap();
        let verify = |now| hubspot.verify("POST", "https://x.com/h", &headers, b"[]", now);
        assert_eq!(verify(at(1_700_000_300_123)), Ok(()));
        assert!(matches!(
            verify(at(1_700_000_300_124)),
            Err(VerifyError::Stale(_))
        ));
        assert_eq!(verify(at(1_699_000_000_000)), Ok(()));
        assert_eq!(
            hubspot.verify("GET", "https://x.com/h", &headers, b"[]", sent),
            Err(VerifyError::Mismatch)
        );
        assert_eq!(parse_millis(b"-5"), Err(TimestampError::Negative));
        assert_eq!(
            parse_millis(b"1.5"),
            Err(TimestampError::NotDigits { offset: 1 })
        );
        assert_eq!(parse_millis(&[b'9'; 19]), Err(TimestampError::OutOfRange));
        assert_eq!(format!("{hubspot:?}"), "HubSpot([REDACTED])");
    }
}
