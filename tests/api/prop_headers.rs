//! Headers, whatever they hold: `Verifier::verify` returns an error and
//! never panics for any header bytes, any header map (or list of pairs), any
//! body and any `now`; `SignatureValue` reads back what it writes.

use hooksig::{
    Encoding, Header, HeaderError, Platform, Scheme, Signature, SignatureValue, Tolerance,
    Verifier, VerifyError,
};
use http::{HeaderMap, HeaderName, HeaderValue};
use jiff::Timestamp;
use proptest::{collection::vec, prelude::*, sample::select};

/// `whsec_` + base64 of "prop-headers-secret": the Standard Webhooks and
/// Svix presets decode it, the others use it as it stands.
const SECRET: &str = "whsec_cHJvcC1oZWFkZXJzLXNlY3JldA==";
const ENCODINGS: [Encoding; 3] = [Encoding::Hex, Encoding::Sha256Hex, Encoding::Base64];
const SIGNED_AT: i64 = 1_700_000_000;

/// The platform's verifier, judging time within 5 minutes (Paddle's own
/// window is 5 seconds, narrower than the delays drawn here).
fn verifier(platform: &Platform) -> Verifier {
    let verifier = crate::keys::verifier(platform, SECRET);
    if platform.scheme() == Scheme::Paddle {
        verifier.with_tolerance(Tolerance::DEFAULT)
    } else {
        verifier
    }
}

fn at(second: i64) -> Timestamp {
    Timestamp::from_second(second).unwrap()
}

/// Each preset, lenient and strict.
fn platforms() -> Vec<Platform> {
    crate::keys::presets()
        .flat_map(|platform| [platform.clone(), platform.strict()])
        .collect()
}

/// A body-only platform signing in `encoding`, lenient or strict: a
/// lenient hex platform reads either hex form (`SignatureValue::parse`),
/// the others exactly their own (`SignatureValue::parse_as`).
fn body_only(encoding: Encoding, strict: bool) -> Platform {
    let header = Header::new("X-Prop-Signature").unwrap();
    let platform = Platform::custom("Prop", header, Scheme::Body(encoding));
    if strict { platform.strict() } else { platform }
}

/// Any bytes, and bytes that look nearly right: a prefix, hex digits or
/// base64 in any case, blanks, a stray byte, Stripe's and Standard
/// Webhooks' shapes.
fn header_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        vec(any::<u8>(), 0..=100),
        "[ \t]{0,2}((sha256|SHA256|sha1|v0|v1)=)?[0-9a-fA-F]{60,68}[ \t\r\n]{0,2}"
            .prop_map(String::into_bytes),
        "[ \t]{0,2}(v1,)?[A-Za-z0-9+/]{41,45}={0,2}[ \t]{0,2}".prop_map(String::into_bytes),
        "(t=[0-9]{1,11},)?(v1=[0-9a-f]{62,66},?){0,2}(t=[0-9]{10})?".prop_map(String::into_bytes),
        ("[0-9a-f]{64}", any::<u8>(), 0..64usize).prop_map(|(hex, byte, at)| {
            let mut bytes = hex.into_bytes();
            bytes[at] = byte;
            bytes
        }),
    ]
}

/// Names from every preset's headers, other plausible names, and any
/// token-like name; values of any bytes a header value may carry.
fn header_map() -> impl Strategy<Value = HeaderMap> {
    let known: Vec<HeaderName> = Platform::PRESETS
        .iter()
        .flat_map(|p| {
            [
                Some(p.signature_header()),
                p.event_header(),
                p.delivery_header(),
                p.timestamp_header(),
            ]
            .into_iter()
            .flatten()
            .map(|header| header.to_header_name())
        })
        .chain([http::header::USER_AGENT, http::header::CONTENT_TYPE])
        .collect();
    let name = prop_oneof![
        select(known),
        "[A-Za-z0-9!#$%&'*+.^_`|~-]{1,24}"
            .prop_filter_map("not a name", |name| HeaderName::from_bytes(name.as_bytes())
                .ok()),
    ];
    let value = prop_oneof![
        header_bytes(),
        "[0-9]{1,12}".prop_map(String::into_bytes),
        "msg_[A-Za-z0-9.]{0,12}".prop_map(String::into_bytes),
    ]
    .prop_filter_map("not a value", |bytes| HeaderValue::from_bytes(&bytes).ok());
    vec((name, value), 0..8).prop_map(|pairs| {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.append(name, value);
        }
        headers
    })
}

/// The same headers as `(name, value)` pairs, names in upper case, in the
/// order received: what another HTTP stack would hand over.
fn pairs(headers: &HeaderMap) -> Vec<(String, Vec<u8>)> {
    headers
        .iter()
        .map(|(name, value)| (name.as_str().to_uppercase(), value.as_bytes().to_vec()))
        .collect()
}

/// An error that comes from reading the headers, not from judging the
/// time or comparing MACs.
fn is_read_error(error: &VerifyError) -> bool {
    matches!(
        error,
        VerifyError::Header(_)
            | VerifyError::Malformed { .. }
            | VerifyError::Timestamp { .. }
            | VerifyError::Id { .. }
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any header bytes and body, under a body-only platform of each
    /// encoding, lenient and strict: an error, and the one the value calls
    /// for. (Was `Verifier::verify` and `verify_encoded` on a bare value.)
    #[test]
    fn verify_refuses_any_header_bytes(value in header_bytes(), body in vec(any::<u8>(), 0..200)) {
        for encoding in ENCODINGS {
            for strict in [false, true] {
                let platform = body_only(encoding, strict);
                let parsed = if strict || encoding == Encoding::Base64 {
                    SignatureValue::parse_as(&value, encoding)
                } else {
                    SignatureValue::parse(&value)
                };
                let expected = parsed.map_or_else(
                    |reason| VerifyError::Malformed {
                        header: platform.signature_header().clone(),
                        reason,
                    },
                    |_| VerifyError::Mismatch,
                );
                let headers = [("X-Prop-Signature", value.as_slice())];
                // A body-only scheme ignores `now`.
                for now in [Timestamp::MIN, Timestamp::UNIX_EPOCH, Timestamp::MAX] {
                    prop_assert_eq!(
                        verifier(&platform).verify(&headers, &body, now),
                        Err(expected.clone()),
                        "{:?}, strict {}", encoding, strict
                    );
                }
            }
        }
    }

    /// Any header map, for every platform, with `now` anywhere: an error,
    /// naming the platform's signature header when it is missing, repeated
    /// or malformed; the same through a list of pairs; for a body-only
    /// scheme the same at any `now`, and for a timestamped one the same at
    /// any `now` whenever the headers themselves are at fault.
    #[test]
    fn verify_refuses_any_header_map(
        headers in header_map(),
        body in vec(any::<u8>(), 0..200),
        now in -1_000_000_000..5_000_000_000i64,
        other_now in -1_000_000_000..5_000_000_000i64,
    ) {
        let pairs = pairs(&headers);
        for platform in platforms() {
            let verifier = verifier(&platform);
            let result = verifier.verify(&headers, &body, at(now));
            prop_assert!(result.is_err(), "{}: {:?}", platform.name(), headers);
            prop_assert_eq!(
                verifier.verify(pairs.as_slice(), &body, at(now)),
                result.clone(),
                "{} through pairs", platform.name()
            );
            let elsewhen = verifier.verify(&headers, &body, at(other_now));
            let Scheme::Body(encoding) = platform.scheme() else {
                // headers are read before the time is judged
                let error = result.clone().unwrap_err();
                if is_read_error(&error) {
                    prop_assert_eq!(elsewhen, Err(error), "{}", platform.name());
                }
                continue;
            };
            prop_assert_eq!(elsewhen, result.clone(), "{} ignores now", platform.name());
            let header = platform.signature_header().clone();
            let values: Vec<_> = headers.get_all(header.name()).iter().collect();
            match values.as_slice() {
                [] => prop_assert_eq!(
                    result,
                    Err(VerifyError::Header(HeaderError::Missing { header }))
                ),
                [value] => {
                    let exact = platform.is_strict()
                        || matches!(encoding, Encoding::Base64 | Encoding::Sha256Base64);
                    let parsed = if exact {
                        SignatureValue::parse_as(value, encoding)
                    } else {
                        SignatureValue::parse(value)
                    };
                    let expected = match parsed {
                        Ok(_) => VerifyError::Mismatch,
                        Err(reason) => VerifyError::Malformed { header, reason },
                    };
                    prop_assert_eq!(result, Err(expected));
                }
                more => prop_assert_eq!(
                    result,
                    Err(VerifyError::Header(HeaderError::Repeated { header, count: more.len() }))
                ),
            }
        }
    }

    /// Whatever else a request carries, the headers the crate's sender
    /// wrote pass, and a second copy of the signature header (even the same
    /// value) is refused.
    #[test]
    fn the_right_signature_passes_among_any_headers(
        headers in header_map(),
        body in vec(any::<u8>(), 0..200),
        delay in -300..=300i64,
    ) {
        for platform in platforms() {
            let signer = crate::keys::signer(&platform, SECRET);
            let sent = platform
                .request("https://example.com/hooks")
                .event("session.started")
                .delivery_id("msg_2b4c3d9e8f7a6b5c")
                .timestamp(at(SIGNED_AT))
                .sign_with(&signer)
                .body(body.clone())
                .unwrap();
            let mut received = headers.clone();
            let read = [
                Some(platform.signature_header()),
                platform.timestamp_header(),
                platform.delivery_header(),
            ];
            for header in read.into_iter().flatten() {
                if let Some(value) = sent.headers().get(header.name()) {
                    received.insert(header.to_header_name(), value.clone());
                }
            }
            let now = at(SIGNED_AT + delay);
            let verifier = verifier(&platform);
            prop_assert_eq!(verifier.verify(&received, &body, now), Ok(()));
            prop_assert_eq!(verifier.verify(pairs(&received).as_slice(), &body, now), Ok(()));
            let name = platform.signature_header().to_header_name();
            let value = received[&name].clone();
            received.append(name, value);
            let repeated = Err(VerifyError::Header(HeaderError::Repeated {
                header: platform.signature_header().clone(),
                count: 2,
            }));
            prop_assert_eq!(verifier.verify(&received, &body, now), repeated.clone());
            prop_assert_eq!(verifier.verify(pairs(&received).as_slice(), &body, now), repeated);
        }
    }

    /// Rendering then reading gives the same value, and so does any
    /// spelling the reader accepts: hex in other case, blanks around it,
    /// base64 without its padding.
    #[test]
    fn header_round_trips(
        bytes in any::<[u8; 32]>(),
        encoding in select(ENCODINGS.to_vec()),
        upper in vec(any::<bool>(), 71),
        lead in "[ \t]{0,3}",
        trail in "[ \t]{0,3}",
    ) {
        let header = Signature::from_bytes(bytes).to_value(encoding);
        let text = header.to_string();
        prop_assert_eq!(header.to_header_value(), text.as_str());
        prop_assert_eq!(SignatureValue::parse_as(&text, encoding), Ok(header));
        let respelled = match encoding {
            Encoding::Base64 => {
                prop_assert_eq!(text.len(), 44);
                let unpadded = text.trim_end_matches('=');
                prop_assert_eq!(SignatureValue::parse_as(unpadded, encoding), Ok(header));
                text.clone()
            }
            _ => {
                prop_assert_eq!(text.len(), encoding.prefix().len() + 64);
                prop_assert_eq!(SignatureValue::parse(&text), Ok(header));
                prop_assert_eq!(text.parse::<SignatureValue>(), Ok(header));
                text.chars()
                    .zip(&upper)
                    .map(|(c, &up)| if up { c.to_ascii_uppercase() } else { c })
                    .collect()
            }
        };
        let respelled = format!("{lead}{respelled}{trail}");
        prop_assert_eq!(SignatureValue::parse_as(&respelled, encoding), Ok(header));
    }

    /// Whatever the hex reader accepts, it writes back as the same value in
    /// lowercase without the blanks, and reads that back the same.
    #[test]
    fn parse_then_render_is_a_normal_form(value in header_bytes()) {
        if let Ok(header) = SignatureValue::parse(&value) {
            let text = header.to_string();
            let trimmed = value.trim_ascii_start().trim_ascii_end().to_ascii_lowercase();
            prop_assert_eq!(text.as_bytes(), trimmed.as_slice());
            prop_assert_eq!(SignatureValue::parse(&text), Ok(header));
        }
    }
}
