//! Twilio: HMAC-SHA1 over the public URL and the sorted form fields, or
//! over the URL alone when it carries `bodySHA256` (JSON bodies).

use core::cmp::Ordering;
use core::fmt;

use sha1::Sha1;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::mac::{MacKey, MacState, SignatureText};
use crate::{
    FormError, Header, Headers, KeyError, UrlError, VerifyError, signature::decode_base64_bytes,
};

/// How many bytes a SHA-1 MAC has.
const MAC_LEN: usize = 20;

/// Twilio's webhook signature: `X-Twilio-Signature`, the base64 of an
/// HMAC-SHA1 keyed with the account's Auth Token, over the URL Twilio
/// requested followed by each POST form field, sorted by name, name then
/// value, with no separators.
///
/// HMAC-SHA1 because it is what Twilio signs with by default: the Auth
/// Token and SHA-1 are the whole of the scheme every Twilio account uses.
/// (HMAC-SHA1 is not broken the way SHA-1 collisions are; a forgery still
/// needs the key.) This type needs the `sha1` feature.
///
/// # The URL is the public one
///
/// Pass the URL **exactly as Twilio requested it**: the webhook URL set in
/// the Twilio Console, with its scheme, host, path and query string as
/// configured (query parameters percent-encoded as sent). Behind a proxy,
/// a load balancer or a tunnel, the URI your server sees (`http://`, an
/// internal host, another port) is not the one Twilio signed, and every
/// request fails with [`VerifyError::Mismatch`].
///
/// As Twilio's SDKs do, a URL with a port is also tried without it, and a
/// URL without one with the scheme's default port (`:443` or `:80`):
/// Twilio has signed both forms.
///
/// # Form bodies and JSON bodies
///
/// As Twilio's SDKs decide it: when the URL's query has a `bodySHA256`
/// parameter, the request is a JSON webhook, the signature covers the URL
/// alone, and the body's SHA-256 must equal that parameter (64 lowercase
/// hex digits). Otherwise the body is read as
/// `application/x-www-form-urlencoded` fields (an empty body, as in a GET
/// request, has none), each `+` and `%XX` decoded, and the fields are
/// signed sorted by name then value, a repeated identical field once.
///
/// Verification does not allocate: fields are sorted as slices of the
/// body, on the stack, in [`Twilio::MAX_FIELDS`] slots, and decoded into
/// the MAC as it runs. A body with more fields is refused with
/// [`FormError::TooManyFields`] (an SMS webhook has about 30, a voice
/// webhook about 40). A `%` not followed by two hex digits is refused with
/// [`FormError::Escape`], where a web framework would keep it as it stands:
/// Twilio always encodes correctly.
///
/// ```
/// use hooksig::provider::Twilio;
///
/// // Twilio's SDK test vector (twilio-python tests/unit/test_request_validator.py).
/// let twilio = Twilio::new("12345")?;
/// let url = "https://mycompany.com/myapp.php?foo=1&bar=2";
/// let body = b"CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234\
///              &From=%2B14158675309&To=%2B18005551212";
/// let headers = [("X-Twilio-Signature", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")];
/// twilio.verify(url, &headers, body)?;
///
/// // A sender signs the same way.
/// assert_eq!(twilio.sign(url, body)?.as_str(), "RSOYDt4T1cUTdK1PDd93/VVr8B8=");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Twilio {
    key: MacKey<Sha1>,
}

impl Twilio {
    /// `X-Twilio-Signature`.
    pub const SIGNATURE: Header = Header::preset("X-Twilio-Signature", "x-twilio-signature");

    /// The most form fields a verifier reads, with ample margin over the
    /// 30 to 50 fields of Twilio's SMS and voice webhooks.
    pub const MAX_FIELDS: usize = 128;

    /// A verifier and signer keyed with the account's Auth Token, the 32
    /// hex characters the Twilio Console shows, used as the text it is (as
    /// Twilio's SDKs use it: the UTF-8 bytes, not the decoded hex).
    ///
    /// # Errors
    ///
    /// [`KeyError::EmptySecret`] or [`KeyError::AllZeroSecret`].
    pub fn new(auth_token: impl AsRef<[u8]>) -> Result<Self, KeyError> {
        Ok(Self {
            key: MacKey::new(auth_token.as_ref())?,
        })
    }

    /// Checks a request: `url` as Twilio requested it (see the type's
    /// docs), its headers and its raw body.
    ///
    /// # Errors
    ///
    /// - [`VerifyError::Header`]: no `X-Twilio-Signature`, or more than one.
    /// - [`VerifyError::Malformed`]: the signature is not the base64 of 20
    ///   bytes.
    /// - [`VerifyError::Url`]: `url` is not `http://` or `https://` with a
    ///   host, has a port that is not digits, or a `bodySHA256` parameter
    ///   repeated or not 64 lowercase hex digits.
    /// - [`VerifyError::Form`]: a form body with a bad `%` escape, or more
    ///   than [`Twilio::MAX_FIELDS`] fields.
    /// - [`VerifyError::Mismatch`]: the signature is not the one for this
    ///   URL and body, or a JSON body's SHA-256 is not its `bodySHA256`.
    pub fn verify<H: Headers + ?Sized>(
        &self,
        url: &str,
        headers: &H,
        body: &[u8],
    ) -> Result<(), VerifyError> {
        let header = &Self::SIGNATURE;
        let value = header.one(headers)?;
        let received: [u8; MAC_LEN] =
            decode_base64_bytes(value, 0).map_err(|reason| VerifyError::Malformed {
                header: header.clone(),
                reason,
            })?;
        let parts = UrlParts::split(url)?;
        let body_hash = body_sha256_parameter(url)?;
        let (mut as_sent, mut other_port) = (self.key.begin(), self.key.begin());
        as_sent.update(url.as_bytes());
        parts.feed_other_port(&mut other_port);
        let body_matches = match body_hash {
            Some(expected) => {
                let digest = Sha256::digest(body);
                let computed = SignatureText::hex("", &digest);
                computed.as_bytes().ct_eq(expected)
            }
            None => {
                let mut slots = [EMPTY_FIELD; Self::MAX_FIELDS];
                let fields = read_fields(body, &mut slots)?;
                feed_fields(fields, &mut [&mut as_sent, &mut other_port]);
                subtle::Choice::from(1)
            }
        };
        let signed = as_sent.finish().as_bytes().ct_eq(&received)
            | other_port.finish().as_bytes().ct_eq(&received);
        if bool::from(signed & body_matches) {
            Ok(())
        } else {
            Err(VerifyError::Mismatch)
        }
    }

    /// The `X-Twilio-Signature` value for a request to `url` with `body`,
    /// as Twilio would send it: over `url` as given (no port added or
    /// removed), then the sorted form fields of `body`, or `url` alone
    /// when its query has `bodySHA256` (build it with
    /// [`Twilio::body_sha256`]).
    ///
    /// # Errors
    ///
    /// [`FormError`] for a form body this verifier would refuse.
    pub fn sign(&self, url: &str, body: &[u8]) -> Result<SignatureText, FormError> {
        let mut state = self.key.begin();
        state.update(url.as_bytes());
        if !has_body_sha256(url) {
            let mut slots = [EMPTY_FIELD; Self::MAX_FIELDS];
            let fields = read_fields(body, &mut slots)?;
            feed_fields(fields, &mut [&mut state]);
        }
        Ok(SignatureText::base64("", state.finish().as_bytes()))
    }

    /// The 64 lowercase hex digits of `body`'s SHA-256: the `bodySHA256`
    /// query parameter a sender of a JSON webhook adds to the URL.
    pub fn body_sha256(body: &[u8]) -> SignatureText {
        SignatureText::hex("", &Sha256::digest(body))
    }
}

impl fmt::Debug for Twilio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Twilio([REDACTED])")
    }
}

/// A URL cut around its port: what comes before the port (scheme,
/// userinfo, host), the port with its colon if any, and the rest (path,
/// query, fragment).
struct UrlParts<'a> {
    head: &'a str,
    port: &'a str,
    rest: &'a str,
    default_port: &'static str,
}

impl<'a> UrlParts<'a> {
    fn split(url: &'a str) -> Result<Self, UrlError> {
        let scheme_len = |scheme: &str| {
            url.get(..scheme.len())
                .filter(|head| head.eq_ignore_ascii_case(scheme))
                .map(str::len)
        };
        let (start, default_port) = match (scheme_len("https://"), scheme_len("http://")) {
            (Some(len), _) => (len, ":443"),
            (None, Some(len)) => (len, ":80"),
            (None, None) => return Err(UrlError::NotHttp),
        };
        let after = url.get(start..).unwrap_or_default();
        let authority_len = after.find(['/', '?', '#']).unwrap_or(after.len());
        let authority = after.get(..authority_len).unwrap_or_default();
        let host_start = authority.rfind('@').map_or(0, |at| at + 1);
        let host_port = authority.get(host_start..).unwrap_or_default();
        // An IPv6 literal's colons are inside its brackets.
        let search_from = if host_port.starts_with('[') {
            host_port.find(']').unwrap_or(host_port.len())
        } else {
            0
        };
        let colon = host_port
            .get(search_from..)
            .and_then(|tail| tail.find(':'))
            .map(|at| search_from + at);
        let host_len = colon.unwrap_or(host_port.len());
        if host_len == 0 {
            return Err(UrlError::NoHost);
        }
        let head_len = start + host_start + host_len;
        let port_end = start + authority_len;
        if let Some(colon) = colon {
            let digits = host_port.get(colon + 1..).unwrap_or_default();
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                let bad = digits
                    .bytes()
                    .position(|b| !b.is_ascii_digit())
                    .unwrap_or(0);
                return Err(UrlError::Port {
                    offset: head_len + 1 + bad,
                });
            }
        }
        Ok(Self {
            head: url.get(..head_len).unwrap_or_default(),
            port: url.get(head_len..port_end).unwrap_or_default(),
            rest: url.get(port_end..).unwrap_or_default(),
            default_port,
        })
    }

    /// The URL with its port removed, or with the scheme's default port
    /// when it has none: the other form Twilio's SDKs try.
    fn feed_other_port(&self, state: &mut MacState<Sha1>) {
        state.update(self.head.as_bytes());
        if self.port.is_empty() {
            state.update(self.default_port.as_bytes());
        }
        state.update(self.rest.as_bytes());
    }
}

/// The query of `url`: between the first `?` and the `#`.
fn query(url: &str) -> &str {
    let before_fragment = url.split('#').next().unwrap_or_default();
    before_fragment
        .split_once('?')
        .map_or("", |(_, query)| query)
}

const BODY_SHA256: &str = "bodySHA256";

fn has_body_sha256(url: &str) -> bool {
    query(url)
        .split('&')
        .any(|pair| pair.split('=').next() == Some(BODY_SHA256))
}

/// The value of the one `bodySHA256` query parameter, if any: 64 lowercase
/// hex digits (the parameter's name is matched as Twilio writes it).
fn body_sha256_parameter(url: &str) -> Result<Option<&[u8]>, UrlError> {
    let mut found = None;
    let mut count = 0;
    for pair in query(url).split('&') {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        if name == BODY_SHA256 {
            count += 1;
            found = Some(value.as_bytes());
        }
    }
    match (found, count) {
        (None, _) => Ok(None),
        (Some(value), 1) => {
            let lower_hex = |b: &u8| b.is_ascii_digit() || (b'a'..=b'f').contains(b);
            match value.iter().position(|b| !lower_hex(b)) {
                None if value.len() == 64 => Ok(Some(value)),
                bad => Err(UrlError::BodyHash {
                    found: value.len(),
                    offset: bad.unwrap_or(value.len()),
                }),
            }
        }
        (Some(_), count) => Err(UrlError::RepeatedParameter {
            name: BODY_SHA256,
            count,
        }),
    }
}

/// A form field as sent: its name and value, still encoded.
type Field<'a> = (&'a [u8], &'a [u8]);

const EMPTY_FIELD: Field<'static> = (&[], &[]);

/// Splits a form body into its fields, checking every escape, into
/// `slots`; returns the filled ones. Empty pieces (`a=1&&b=2`, a trailing
/// `&`) are no fields, as browsers and Twilio's SDKs read them.
fn read_fields<'a, 's>(
    body: &'a [u8],
    slots: &'s mut [Field<'a>; Twilio::MAX_FIELDS],
) -> Result<&'s mut [Field<'a>], FormError> {
    let mut count = 0;
    let mut offset = 0;
    for piece in body.split(|&b| b == b'&') {
        let start = offset;
        offset += piece.len() + 1;
        if piece.is_empty() {
            continue;
        }
        let field = count + 1;
        let escape = |at| FormError::Escape {
            field,
            offset: start + at,
        };
        if let Some(at) = bad_escape(piece) {
            return Err(escape(at));
        }
        let Some(slot) = slots.get_mut(count) else {
            return Err(FormError::TooManyFields {
                field,
                max: Twilio::MAX_FIELDS,
            });
        };
        *slot = match piece.iter().position(|&b| b == b'=') {
            Some(eq) => (
                piece.get(..eq).unwrap_or_default(),
                piece.get(eq + 1..).unwrap_or_default(),
            ),
            None => (piece, &[]),
        };
        count = field;
    }
    Ok(slots.get_mut(..count).unwrap_or_default())
}

/// The offset of the first `%` not followed by two hex digits.
fn bad_escape(piece: &[u8]) -> Option<usize> {
    piece.iter().enumerate().find_map(|(at, &b)| {
        let well_formed = piece
            .get(at + 1..at + 3)
            .is_some_and(|digits| digits.iter().all(u8::is_ascii_hexdigit));
        (b == b'%' && !well_formed).then_some(at)
    })
}

/// The bytes `encoded` stands for: `+` is a space, `%XX` the byte XX.
/// Escapes were checked when the fields were read.
fn decoded(encoded: &[u8]) -> impl Iterator<Item = u8> + '_ {
    let mut rest = encoded;
    core::iter::from_fn(move || {
        let (&first, tail) = rest.split_first()?;
        rest = tail;
        Some(match first {
            b'+' => b' ',
            b'%' => match (
                rest.first().copied().and_then(hex_value),
                rest.get(1).copied().and_then(hex_value),
            ) {
                (Some(high), Some(low)) => {
                    rest = rest.get(2..).unwrap_or_default();
                    (high << 4) | low
                }
                _ => b'%',
            },
            other => other,
        })
    })
}

fn hex_value(digit: u8) -> Option<u8> {
    char::from(digit)
        .to_digit(16)
        .and_then(|value| u8::try_from(value).ok())
}

fn compare_fields(a: &Field<'_>, b: &Field<'_>) -> Ordering {
    decoded(a.0)
        .cmp(decoded(b.0))
        .then_with(|| decoded(a.1).cmp(decoded(b.1)))
}

/// Sorts `fields` by decoded name then value (byte order, which is code
/// point order, as Python's SDK sorts) and feeds each distinct one, name
/// then value, decoded, to every state.
fn feed_fields(fields: &mut [Field<'_>], states: &mut [&mut MacState<Sha1>]) {
    // In place and without allocating, unlike the stable sort.
    fields.sort_unstable_by(compare_fields);
    let mut previous: Option<&Field<'_>> = None;
    for field in fields.iter() {
        // The SDKs sign each distinct value of a name once.
        if previous.is_some_and(|seen| compare_fields(seen, field).is_eq()) {
            continue;
        }
        previous = Some(field);
        for state in states.iter_mut() {
            feed_decoded(state, field.0);
            feed_decoded(state, field.1);
        }
    }
}

/// Feeds the decoded bytes of `encoded`, runs without escapes as slices.
fn feed_decoded(state: &mut MacState<Sha1>, encoded: &[u8]) {
    let mut rest = encoded;
    while !rest.is_empty() {
        let plain = rest
            .iter()
            .position(|&b| b == b'+' || b == b'%')
            .unwrap_or(rest.len());
        let (run, tail) = rest.split_at(plain);
        state.update(run);
        rest = tail;
        match rest.first() {
            Some(b'+') => {
                state.update_byte(b' ');
                rest = rest.get(1..).unwrap_or_default();
            }
            Some(_) => {
                let escape = rest.get(..3).unwrap_or(rest);
                for byte in decoded(escape) {
                    state.update_byte(byte);
                }
                rest = rest.get(escape.len()..).unwrap_or_default();
            }
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://mycompany.com/myapp.php?foo=1&bar=2";
    const BODY: &[u8] = b"CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234&From=%2B14158675309&To=%2B18005551212";

    fn twilio() -> Twilio {
        Twilio::new("12345").unwrap()
    }

    fn verify(url: &str, signature: &str, body: &[u8]) -> Result<(), VerifyError> {
        twilio().verify(url, &[("X-Twilio-Signature", signature)], body)
    }

    // The expected values are twilio-python's tests/unit/test_request_validator.py.
    #[test]
    fn sdk_vectors() {
        assert_eq!(verify(URL, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", BODY), Ok(()));
        let with_port = URL.replace(".com", ".com:1234");
        assert_eq!(
            verify(&with_port, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", BODY),
            Ok(())
        );
        let http_port = with_port.replace("https", "http");
        assert_eq!(
            verify(&http_port, "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=", BODY),
            Ok(())
        );
        assert_eq!(verify(URL, "kvajT1Ptam85bY51eRf/AJRuM3w=", BODY), Ok(()));
        let http = URL.replace("https", "http");
        assert_eq!(verify(&http, "0ZXoZLH/DfblKGATFgpif+LLRf4=", BODY), Ok(()));
        let duplicates = b"Sid=CA123&SidAccount=AC123&Digits=5678&Digits=1234";
        assert_eq!(
            verify(URL, "IK+Dwps556ElfBT0I3Rgjkr1wJU=", duplicates),
            Ok(())
        );
        let json_url = format!(
            "{URL}&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620"
        );
        let json = br#"{"property": "value", "boolean": true}"#;
        assert_eq!(
            verify(&json_url, "a9nBmqA0ju/hNViExpshrM61xv4=", json),
            Ok(())
        );
        assert_eq!(
            verify(&json_url, "a9nBmqA0ju/hNViExpshrM61xv4=", b"{}"),
            Err(VerifyError::Mismatch)
        );
        assert_eq!(Twilio::body_sha256(json).as_str().len(), 64);
    }

    #[test]
    fn order_encoding_and_repeats_do_not_matter() {
        let signed = twilio().sign(URL, BODY).unwrap();
        let reordered = b"To=%2b18005551212&From=%2B14158675309&&Digits=1234&Caller=%2B14158675309&CallSid=CA1234567890ABCDE&To=%2B18005551212&";
        assert_eq!(verify(URL, signed.as_str(), reordered), Ok(()));
        let plus = twilio().sign(URL, b"Body=hello+world").unwrap();
        assert_eq!(verify(URL, plus.as_str(), b"Body=hello%20world"), Ok(()));
        assert_eq!(
            verify(URL, plus.as_str(), b"Body=hello%2Bworld"),
            Err(VerifyError::Mismatch)
        );
    }

    #[test]
    fn forms_the_verifier_refuses() {
        let sig = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
        assert_eq!(
            verify(URL, sig, b"a=1&b=%zz"),
            Err(VerifyError::Form(FormError::Escape {
                field: 2,
                offset: 6
            }))
        );
        assert_eq!(
            verify(URL, sig, b"a=%2"),
            Err(VerifyError::Form(FormError::Escape {
                field: 1,
                offset: 2
            }))
        );
        let many = vec!["a=1"; Twilio::MAX_FIELDS + 1].join("&");
        assert_eq!(
            verify(URL, sig, many.as_bytes()),
            Err(VerifyError::Form(FormError::TooManyFields {
                field: 129,
                max: 128
            }))
        );
        let just_enough = vec!["a=1"; Twilio::MAX_FIELDS].join("&");
        assert_eq!(
            verify(URL, sig, just_enough.as_bytes()),
            Err(VerifyError::Mismatch)
        );
    }

    #[test]
    fn urls_the_verifier_refuses() {
        let sig = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
        let url_error = |url: &str| match verify(url, sig, b"") {
            Err(VerifyError::Url(error)) => error,
            other => panic!("{url}: {other:?}"),
        };
        assert_eq!(url_error("ftp://x/"), UrlError::NotHttp);
        assert_eq!(url_error("https:///path"), UrlError::NoHost);
        assert_eq!(url_error("https://:80/"), UrlError::NoHost);
        assert_eq!(url_error("https://x:/"), UrlError::Port { offset: 10 });
        assert_eq!(url_error("https://x:8a/"), UrlError::Port { offset: 11 });
        assert_eq!(
            url_error("https://x/?bodySHA256=ab&bodySHA256=cd"),
            UrlError::RepeatedParameter {
                name: "bodySHA256",
                count: 2
            }
        );
        assert_eq!(
            url_error("https://x/?bodySHA256=ABCD"),
            UrlError::BodyHash {
                found: 4,
                offset: 0
            }
        );
        assert_eq!(
            url_error("https://x/?bodySHA256=abcd"),
            UrlError::BodyHash {
                found: 4,
                offset: 4
            }
        );
    }

    #[test]
    fn ports_userinfo_and_ipv6() {
        let key = twilio();
        for (sent, signed) in [
            ("https://u:p@x.com/a", "https://u:p@x.com:443/a"),
            ("https://u:p@x.com:8443/a", "https://u:p@x.com/a"),
            ("http://[::1]/a?b", "http://[::1]:80/a?b"),
            ("HTTPS://x.com?q", "HTTPS://x.com:443?q"),
        ] {
            let signature = key.sign(signed, b"").unwrap();
            assert_eq!(verify(sent, signature.as_str(), b""), Ok(()), "{sent}");
        }
    }

    #[test]
    fn signature_header_is_read_strictly() {
        let error = verify(URL, "RSOYDt4T1cUTdK1PDd93/VVr8B8", BODY);
        assert_eq!(error, Ok(()), "unpadded base64 is the same signature");
        assert!(matches!(
            verify(URL, "not base64!", BODY),
            Err(VerifyError::Malformed { .. })
        ));
        assert!(matches!(
            twilio().verify(URL, &[("x-other", "v")], BODY),
            Err(VerifyError::Header(_))
        ));
        assert_eq!(format!("{:?}", twilio()), "Twilio([REDACTED])");
        assert!(Twilio::new("").is_err());
    }
}
