//! The bodies of the fuzz targets, shared by the cargo-fuzz binaries in
//! `fuzz/` (nightly, libFuzzer) and by `tests/fuzz_corpus.rs`, which replays
//! the saved corpus through them on stable.
//!
//! Each target takes the raw bytes the fuzzer made. Beyond "does not panic",
//! each checks the crate's answer against what the input calls for, worked
//! out apart from the crate's own parser where that is practical, so a wrong
//! `Ok` is a finding too.

use std::sync::LazyLock;

use arbitrary::{Arbitrary, Unstructured};
use hooksig::{
    Encoding, Header, HeaderError, KeyPair, Platform, Scheme, Signature, SignatureError,
    SignatureValue, Signer, SigningKey, Tolerance, Verifier, VerifyError,
    event::{DecodeError, Envelope, RawEvent, Timestamped, debate, job, network, scan, session},
};
use http::{HeaderMap, HeaderName, HeaderValue, Request};
use jiff::Timestamp;

/// The secret a sender in the fuzzed deliveries signs with.
const CURRENT: &[u8] = b"fuzz-current-secret";
/// The secret being rotated out, which the verifier still accepts; longer
/// than HMAC's 64-byte block, so it is hashed first.
const PREVIOUS: &[u8] =
    b"fuzz-previous-secret-longer-than-one-sha256-block-of-64-bytes-so-it-is-hashed";
/// A secret the verifier does not hold.
const STRANGER: &[u8] = b"fuzz-stranger";

/// When the fuzzed deliveries were signed, in Unix seconds.
const SIGNED_AT: i64 = 1_700_000_000;
/// How far from `SIGNED_AT` the verifier's `now` may be (its default).
const TOLERANCE: i64 = 300;

const ENCODINGS: [Encoding; 3] = [Encoding::Hex, Encoding::Sha256Hex, Encoding::Base64];

/// The header a bare signature value is checked under.
const VALUE_HEADER: &str = "X-Fuzz-Signature";

fn keys() -> [SigningKey; 2] {
    [CURRENT, PREVIOUS].map(|secret| SigningKey::new(secret).unwrap())
}

/// The Ed25519 key pair that stands for `secret`: its seed is the secret's
/// bytes, repeated and mixed with their position.
fn pair(secret: &[u8]) -> KeyPair {
    let seed = core::array::from_fn(|i| secret[i % secret.len()] ^ (i as u8));
    KeyPair::from_seed(&seed).unwrap()
}

/// The public keys of the two held secrets' key pairs.
fn public_keys() -> [hooksig::PublicKey; 2] {
    [CURRENT, PREVIOUS].map(|secret| pair(secret).public_key())
}

/// A body-only platform of the given encoding, strict or lenient.
fn value_platform(encoding: Encoding, strict: bool) -> Platform {
    let header = Header::new(VALUE_HEADER).unwrap();
    let platform = Platform::custom("Fuzz", header, Scheme::Body(encoding));
    if strict { platform.strict() } else { platform }
}

/// Verifiers holding both secrets for a bare value: one reading either hex
/// form (what `SignatureValue::parse` reads), then one reading exactly each
/// encoding (what `SignatureValue::parse_as` reads), in `ENCODINGS` order.
static VALUE_VERIFIERS: LazyLock<(Verifier, [Verifier; 3])> = LazyLock::new(|| {
    let verifier = |platform: Platform| platform.verifier_from_keys(keys()).unwrap();
    (
        verifier(value_platform(Encoding::Hex, false)),
        ENCODINGS.map(|encoding| verifier(value_platform(encoding, true))),
    )
});

/// For each preset, in `Platform::PRESETS` order, its verifier holding both
/// secrets (keyed as raw bytes, whatever the platform's secret format) and,
/// for Standard Webhooks, their key pairs' public keys beside them; for
/// Discord the public keys alone, with the default tolerance (Discord's
/// own default checks no time). Lenient and then strict.
static VERIFIERS: LazyLock<Vec<[Verifier; 2]>> = LazyLock::new(|| {
    Platform::PRESETS
        .iter()
        .map(|platform| {
            [(*platform).clone(), platform.strict()].map(|platform| match platform.scheme() {
                Scheme::StandardWebhooks => platform
                    .verifier_from_keys_and_public_keys(keys(), public_keys())
                    .unwrap(),
                Scheme::Discord => platform
                    .verifier_from_public_keys(public_keys())
                    .unwrap()
                    .with_tolerance(Tolerance::DEFAULT),
                // Paddle's 5 seconds and Twitch's 10 minutes aside, the
                // window this harness judges freshness by.
                scheme if scheme.is_timestamped() => platform
                    .verifier_from_keys(keys())
                    .unwrap()
                    .with_tolerance(Tolerance::DEFAULT),
                _ => platform.verifier_from_keys(keys()).unwrap(),
            })
        })
        .collect()
});

/// A signer per secret, `[CURRENT, PREVIOUS, STRANGER]`: HMAC only.
static SIGNERS: LazyLock<[Signer; 3]> = LazyLock::new(|| {
    [CURRENT, PREVIOUS, STRANGER].map(|secret| Signer::from_key(SigningKey::new(secret).unwrap()))
});

/// The same, each also holding the secret's key pair: Standard Webhooks
/// senders that write a `v1` and a `v1a` entry.
static MIXED_SIGNERS: LazyLock<[Signer; 3]> = LazyLock::new(|| {
    [CURRENT, PREVIOUS, STRANGER].map(|secret| {
        Signer::from_key(SigningKey::new(secret).unwrap()).with_key_pair(pair(secret))
    })
});

/// The same, each holding only the secret's key pair: Discord senders.
static PAIR_SIGNERS: LazyLock<[Signer; 3]> = LazyLock::new(|| {
    [CURRENT, PREVIOUS, STRANGER].map(|secret| Signer::from_key_pair(pair(secret)))
});

/// `SignatureValue::parse` and `parse_as` on any bytes: never panic, accept
/// exactly the hex values the rules allow, write back what they read (in
/// lowercase, canonical base64), and report errors that point at the right
/// byte and stay short whatever the input. `Verifier::verify` on the value
/// under a lenient hex platform, and under a strict platform of each
/// encoding, agrees with them.
pub fn signature_header(data: &[u8]) -> Result<SignatureValue, SignatureError> {
    let parsed = SignatureValue::parse(data);
    match (&parsed, hex_oracle(data)) {
        (Ok(header), Some((encoding, bytes))) => {
            assert_eq!(header.encoding(), encoding, "{data:?}");
            assert_eq!(header.signature().as_bytes(), &bytes, "{data:?}");
            let text = header.to_string();
            assert_eq!(text.as_bytes(), trim_blanks(data).to_ascii_lowercase());
            check_rendering(header);
        }
        (Err(error), None) => check_error(data, error),
        (parsed, oracle) => panic!("parse {parsed:?} but oracle {oracle:?} for {data:?}"),
    }

    let (lenient, exact_verifiers) = &*VALUE_VERIFIERS;
    let headers = [(VALUE_HEADER, data)];
    for (encoding, verifier) in ENCODINGS.into_iter().zip(exact_verifiers) {
        let exact = SignatureValue::parse_as(data, encoding);
        match (&exact, encoding) {
            (Ok(header), Encoding::Base64) => {
                assert_eq!(header.encoding(), Encoding::Base64);
                // Only the canonical spelling of 32 bytes, padded or not.
                let text = header.to_string();
                let value = trim_blanks(data);
                assert!(
                    value == text.as_bytes() || value == text.trim_end_matches('=').as_bytes(),
                    "{data:?} read as {text}"
                );
                check_rendering(header);
            }
            (Ok(header), _) => assert_eq!(Ok(*header), parsed.clone()),
            (Err(SignatureError::WrongEncoding { expected, found }), _) => {
                assert_eq!(*expected, encoding);
                assert_eq!(parsed.map(|header| header.encoding()), Ok(*found));
            }
            (Err(error), Encoding::Base64) => check_error(data, error),
            (Err(error), _) => assert_eq!(Err(*error), parsed.clone()),
        }
        // With the body empty, nothing the fuzzer writes is the right MAC.
        // A body-only scheme ignores `now`.
        assert_eq!(
            verifier.verify(&headers, b"", Timestamp::UNIX_EPOCH),
            Err(expected_error(exact))
        );
    }
    assert_eq!(
        lenient.verify(&headers, b"", Timestamp::UNIX_EPOCH),
        Err(expected_error(parsed))
    );
    parsed
}

/// A value read back from its own rendering is the same value.
fn check_rendering(header: &SignatureValue) {
    let text = header.to_string();
    assert_eq!(header.to_header_value().as_bytes(), text.as_bytes());
    assert!(header.to_header_value().is_sensitive());
    assert_eq!(
        SignatureValue::parse_as(&text, header.encoding()).as_ref(),
        Ok(header)
    );
}

fn expected_error(parsed: Result<SignatureValue, SignatureError>) -> VerifyError {
    match parsed {
        Ok(_) => VerifyError::Mismatch,
        Err(reason) => VerifyError::Malformed {
            header: Header::new(VALUE_HEADER).unwrap(),
            reason,
        },
    }
}

/// `Verifier::verify` (and `verify_request`) on a fuzzed delivery, for
/// every platform preset, lenient or strict, with `now` near or far from
/// the signing time, through a `HeaderMap` and through `(name, value)`
/// pairs alike. For the body-only schemes the result is exactly the one the
/// headers call for, at any `now`; for the timestamped schemes, `Ok` comes
/// only from a signature one of the held secrets made, within the
/// tolerance, an untouched delivery always passes, and an error in the
/// headers themselves is the same at any `now`.
pub fn verify_headers(data: &[u8]) -> Option<Result<(), VerifyError>> {
    let delivery = Delivery::arbitrary_take_rest(Unstructured::new(data)).ok()?;
    let index = usize::from(delivery.platform) % Platform::PRESETS.len();
    let mut platform = Platform::PRESETS[index].clone();
    if delivery.strict {
        platform = platform.strict();
    }
    let verifier = &VERIFIERS[index][usize::from(delivery.strict)];
    let signed_at = Timestamp::from_second(SIGNED_AT).unwrap();
    let now = Timestamp::from_second(SIGNED_AT + i64::from(delivery.now)).unwrap();
    let signers = match platform.scheme() {
        Scheme::StandardWebhooks => &*MIXED_SIGNERS,
        Scheme::Discord => &*PAIR_SIGNERS,
        _ => &*SIGNERS,
    };
    let sent = signers.each_ref().map(|signer| {
        platform
            .request("https://receiver.example/hooks")
            .event("fuzz.event")
            .delivery_id("msg_fuzz")
            .timestamp(signed_at)
            .sign_with(signer)
            .body(delivery.body.clone())
            .unwrap_or_else(|error| panic!("{}: the sender failed: {error}", platform.name()))
    });

    let mut headers = HeaderMap::new();
    let mut origins = Vec::new();
    for (name, value) in &delivery.headers {
        let Some(name) = name.header_name(&platform) else {
            continue;
        };
        let bytes = value.bytes(&name, &sent);
        if let Ok(bytes) = HeaderValue::from_bytes(&bytes) {
            headers.append(name.clone(), bytes);
            origins.push((name, value));
        }
    }
    let body = delivery.body.as_slice();

    let result = verifier.verify(&headers, body, now);
    let mut request = Request::new(body);
    *request.headers_mut() = headers.clone();
    assert_eq!(verifier.verify_request(&request, now), result);
    // The same headers as pairs from another HTTP stack, names in upper case.
    let pairs: Vec<(String, &[u8])> = headers
        .iter()
        .map(|(name, value)| (name.as_str().to_ascii_uppercase(), value.as_bytes()))
        .collect();
    assert_eq!(verifier.verify(pairs.as_slice(), body, now), result);
    // The same request judged at a time far from the signing time.
    let far = Timestamp::from_second(SIGNED_AT + 10 * TOLERANCE).unwrap();
    let far_result = verifier.verify(&headers, body, far);

    match platform.scheme() {
        Scheme::Body(encoding) => {
            let expected = body_only(&platform, encoding, &headers, body);
            assert_eq!(result, expected, "{delivery:?}");
            // A body-only scheme ignores `now`.
            assert_eq!(far_result, expected);
        }
        _ => {
            // headers are read before the time is judged
            if result.as_ref().is_err_and(is_read_error) {
                assert_eq!(far_result, result, "{delivery:?}");
            }
            // A timestamp signed at SIGNED_AT is never fresh at `far`.
            assert!(far_result.is_err(), "{delivery:?}");
            timestamped(&platform, &origins, delivery.now, &result, &delivery);
        }
    }
    Some(result)
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

/// What `verify` must answer for a body-only scheme.
fn body_only(
    platform: &Platform,
    encoding: Encoding,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(), VerifyError> {
    let header = platform.signature_header().clone();
    let values: Vec<&HeaderValue> = headers.get_all(header.name()).iter().collect();
    let value = match values.as_slice() {
        [] => return Err(HeaderError::Missing { header }.into()),
        [value] => value.as_bytes(),
        more => {
            return Err(HeaderError::Repeated {
                header,
                count: more.len(),
            }
            .into());
        }
    };
    let malformed = |reason| VerifyError::Malformed {
        header: header.clone(),
        reason,
    };
    let signature = if matches!(encoding, Encoding::Base64 | Encoding::Sha256Base64) {
        // The base64 reader itself is checked by `signature_header`.
        SignatureValue::parse_as(value, encoding)
            .map_err(malformed)?
            .signature()
    } else {
        let Some((found, bytes)) = hex_oracle(value) else {
            return Err(malformed(SignatureValue::parse(value).unwrap_err()));
        };
        if platform.is_strict() && found != encoding {
            return Err(malformed(SignatureError::WrongEncoding {
                expected: encoding,
                found,
            }));
        }
        Signature::from_bytes(bytes)
    };
    let held = [&SIGNERS[0], &SIGNERS[1]];
    if held.iter().any(|signer| signer.sign(body) == Ok(signature)) {
        Ok(())
    } else {
        Err(VerifyError::Mismatch)
    }
}

/// What a timestamped scheme's answer must satisfy.
fn timestamped(
    platform: &Platform,
    origins: &[(HeaderName, &Value)],
    now: i16,
    result: &Result<(), VerifyError>,
    delivery: &Delivery,
) {
    let read = |header: Option<&hooksig::Header>| -> Vec<&Value> {
        header.map_or_else(Vec::new, |header| {
            origins
                .iter()
                .filter(|(name, _)| name == header.name())
                .map(|(_, value)| *value)
                .collect()
        })
    };
    let signatures = read(Some(platform.signature_header()));
    // Too old is refused by every scheme; too far ahead by all but Stripe,
    // whose own libraries let it pass.
    let age = i64::from(now);
    let fresh =
        age <= TOLERANCE && (age >= -TOLERANCE || !platform.scheme().refuses_future_timestamps());
    let held = |value: &Value| {
        matches!(
            value,
            Value::Sent {
                by: Secret::Current | Secret::Previous,
                ..
            }
        )
    };
    if result.is_ok() {
        assert!(
            fresh,
            "accepted at {now} s from the signing time: {delivery:?}"
        );
        assert!(
            matches!(signatures.as_slice(), [value] if held(value)),
            "accepted a signature no held secret made: {delivery:?}"
        );
    }
    // An untouched delivery, signed by a held secret and on time, passes.
    let untouched = |values: Vec<&Value>| {
        matches!(
            values.as_slice(),
            [Value::Sent {
                edit: Edit::Keep,
                ..
            }]
        )
    };
    let others = [platform.timestamp_header(), platform.delivery_header()];
    if fresh
        && untouched(signatures.clone())
        && held(signatures[0])
        && others
            .into_iter()
            .flatten()
            .all(|header| untouched(read(Some(header))))
    {
        assert_eq!(*result, Ok(()), "{delivery:?}");
    }
}

/// The errors say what is wrong truthfully, and never echo the input.
fn check_error(data: &[u8], error: &SignatureError) {
    let value = trim_blanks(data);
    match *error {
        SignatureError::Empty => assert!(value.is_empty()),
        SignatureError::NoDigits { .. } => assert!(value.ends_with(b"=")),
        SignatureError::InvalidCharacter { encoding, offset } => {
            let byte = data.get(offset).copied();
            let valid = |b: u8| match encoding {
                Encoding::Base64 => b.is_ascii_alphanumeric() || b"+/=".contains(&b),
                _ => b.is_ascii_hexdigit(),
            };
            // A base64 character can still be misplaced (padding inside).
            assert!(
                byte.is_some_and(|b| !valid(b) || encoding == Encoding::Base64),
                "offset {offset} is {byte:?} in {data:?}"
            );
        }
        SignatureError::Length {
            found, expected, ..
        } => assert_ne!(found, expected),
        SignatureError::DecodedLength { found, expected } => {
            assert_eq!(expected, Signature::LEN);
            assert_ne!(found, expected);
        }
        SignatureError::UnsupportedAlgorithm { algorithm, .. } => {
            assert!(algorithm.as_str().is_none_or(|name| name != "sha256"));
        }
        // The last base64 character, from the alphabet but with unused bits set.
        SignatureError::NonCanonical { offset } => {
            let byte = data.get(offset).copied();
            assert!(
                byte.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/'),
                "offset {offset} is {byte:?} in {data:?}"
            );
        }
        ref other => panic!("a signature value cannot give {other:?}"),
    }
    // An attacker's 8 KB header must not become an 8 KB log line.
    assert!(error.to_string().len() <= 80, "{error}");
}

/// What a hex signature header value holds by the rules the crate documents
/// (spaces and tabs around it ignored, `sha256=` in any case or nothing,
/// then exactly 64 hex digits in any case), decoded without its parser.
fn hex_oracle(value: &[u8]) -> Option<(Encoding, [u8; 32])> {
    let value = trim_blanks(value);
    let (encoding, digits) = match value.iter().position(|&b| b == b'=') {
        None => (Encoding::Hex, value),
        Some(eq) if value[..eq].eq_ignore_ascii_case(b"sha256") => {
            (Encoding::Sha256Hex, &value[eq + 1..])
        }
        Some(_) => return None,
    };
    if digits.len() != 64 {
        return None;
    }
    let mut bytes = [0u8; 32];
    for (byte, pair) in bytes.iter_mut().zip(digits.chunks_exact(2)) {
        *byte = (nibble(pair[0])? << 4) | nibble(pair[1])?;
    }
    Some((encoding, bytes))
}

fn nibble(digit: u8) -> Option<u8> {
    char::from(digit)
        .to_digit(16)
        .and_then(|d| u8::try_from(d).ok())
}

fn trim_blanks(value: &[u8]) -> &[u8] {
    let blank = |b: &u8| *b == b' ' || *b == b'\t';
    let start = value.iter().position(|b| !blank(b)).unwrap_or(value.len());
    let end = value
        .iter()
        .rposition(|b| !blank(b))
        .map_or(start, |i| i + 1);
    &value[start..end]
}

/// A delivery as the fuzzer describes it.
#[derive(Debug, Arbitrary)]
struct Delivery {
    /// Index into `Platform::PRESETS`.
    platform: u8,
    strict: bool,
    /// The receiver's `now`, in seconds after the signing time.
    now: i16,
    headers: Vec<(Name, Value)>,
    body: Vec<u8>,
}

/// A header name: one the platform reads (as `http` stores it, or as the
/// platform spells it), another preset's signature header, or any bytes.
#[derive(Debug, Arbitrary)]
enum Name {
    Signature,
    SignatureAsDocumented,
    Timestamp,
    Delivery,
    Event,
    OtherPreset(u8),
    Raw(Vec<u8>),
}

impl Name {
    fn header_name(&self, platform: &Platform) -> Option<HeaderName> {
        let name = match self {
            Self::Signature => platform.signature_header().to_header_name(),
            Self::SignatureAsDocumented => {
                HeaderName::from_bytes(platform.signature_header().as_str().as_bytes()).ok()?
            }
            Self::Timestamp => platform.timestamp_header()?.to_header_name(),
            Self::Delivery => platform.delivery_header()?.to_header_name(),
            Self::Event => platform.event_header()?.to_header_name(),
            Self::OtherPreset(index) => Platform::PRESETS
                [usize::from(*index) % Platform::PRESETS.len()]
            .signature_header()
            .to_header_name(),
            Self::Raw(bytes) => HeaderName::from_bytes(bytes).ok()?,
        };
        Some(name)
    }
}

/// A header value: any bytes, or what the crate's own sender put in this
/// header when one of the secrets signed the delivery, then edited.
#[derive(Debug, Arbitrary)]
enum Value {
    Raw(Vec<u8>),
    Sent { by: Secret, edit: Edit },
}

#[derive(Debug, Clone, Copy, Arbitrary)]
enum Secret {
    Current,
    Previous,
    Stranger,
}

#[derive(Debug, Arbitrary)]
enum Edit {
    Keep,
    /// Bare hex for `sha256=<hex>`, or the reverse.
    OtherForm,
    /// The value twice, joined by `,` or a space: two `t=` for Stripe, two
    /// signatures for Standard Webhooks.
    Twice {
        space: bool,
    },
    Uppercase,
    Lowercase,
    Pad {
        lead: u8,
        trail: u8,
    },
    Flip {
        at: u8,
        mask: u8,
    },
    Cut {
        at: u8,
    },
    Insert {
        at: u8,
        bytes: Vec<u8>,
    },
}

impl Value {
    fn bytes(&self, name: &HeaderName, sent: &[Request<Vec<u8>>; 3]) -> Vec<u8> {
        let (by, edit) = match self {
            Self::Raw(bytes) => return bytes.clone(),
            Self::Sent { by, edit } => (*by, edit),
        };
        let mut value = sent[by as usize]
            .headers()
            .get(name)
            .map_or_else(Vec::new, |value| value.as_bytes().to_vec());
        let len = value.len();
        let at = |at: u8| usize::from(at) % (len + 1);
        match edit {
            Edit::Keep => {}
            Edit::OtherForm => match value.strip_prefix(b"sha256=") {
                Some(hex) => value = hex.to_vec(),
                None => value = [&b"sha256="[..], &value].concat(),
            },
            Edit::Twice { space } => {
                let copy = value.clone();
                value.push(if *space { b' ' } else { b',' });
                value.extend(copy);
            }
            Edit::Uppercase => value.make_ascii_uppercase(),
            Edit::Lowercase => value.make_ascii_lowercase(),
            Edit::Pad { lead, trail } => {
                let blanks = |n: u8| {
                    (0..n % 4).map(move |i| if (n >> (2 + i)) & 1 == 0 { b' ' } else { b'\t' })
                };
                value = blanks(*lead).chain(value).chain(blanks(*trail)).collect();
            }
            Edit::Flip { at: index, mask } if len > 0 => {
                value[usize::from(*index) % len] ^= mask;
            }
            Edit::Flip { .. } => {}
            Edit::Cut { at: index } => value.truncate(at(*index)),
            Edit::Insert { at: index, bytes } => {
                let index = at(*index);
                value.splice(index..index, bytes.iter().copied());
            }
        }
        value
    }
}

/// Which typed envelopes a body decoded as, in the order of `envelope`.
pub type Decoded = [bool; 5];

/// Every typed envelope's `decode`, and `RawEvent::decode`, on any bytes:
/// never a panic; what decodes re-encodes to bytes that decode to the same
/// event and encode the same again; a typed event's name is the one
/// `RawEvent` reads, when it reads the body too; all agree on whether the
/// body is JSON at all (as a `serde_json::Value` reads it); freshness checks
/// take any timestamp.
pub fn envelope(data: &[u8]) -> Decoded {
    let not_json = |error: Option<DecodeError>| matches!(error, Some(DecodeError::Body { .. }));
    let verdicts = [
        not_json(RawEvent::decode(data).err()),
        not_json(session::Event::decode(data).err()),
        not_json(debate::Event::decode(data).err()),
        not_json(job::Event::decode(data).err()),
        not_json(network::Event::decode(data).err()),
        not_json(scan::Event::decode(data).err()),
    ];
    assert!(
        verdicts.iter().all(|&verdict| verdict == verdicts[0]),
        "{verdicts:?}"
    );
    let raw = RawEvent::decode(data).ok();
    let decoded = [
        round_trip::<session::Event>(data, raw.as_ref()),
        round_trip::<debate::Event>(data, raw.as_ref()),
        round_trip::<job::Event>(data, raw.as_ref()),
        round_trip::<network::Event>(data, raw.as_ref()),
        round_trip::<scan::Event>(data, raw.as_ref()),
    ];
    if let Some(raw) = raw {
        let _ = (raw.timestamp(), raw.id(), raw.data());
    }
    for event in [
        session::Event::decode(data).ok().map(|e| e.timestamp()),
        network::Event::decode(data).ok().map(|e| e.timestamp()),
        scan::Event::decode(data).ok().map(|e| e.timestamp()),
    ]
    .into_iter()
    .flatten()
    {
        for tolerance in [
            Tolerance::DEFAULT,
            hooksig::dangerous::unbounded_tolerance(std::time::Duration::MAX),
        ] {
            for now in [Timestamp::MIN, Timestamp::UNIX_EPOCH, Timestamp::MAX] {
                let _ = tolerance.check(event, now);
            }
        }
    }
    decoded
}

fn round_trip<E>(data: &[u8], raw: Option<&RawEvent<'_>>) -> bool
where
    E: Envelope + PartialEq + std::fmt::Debug,
{
    let Ok(event) = E::decode(data) else {
        return false;
    };
    // RawEvent may refuse what a typed envelope takes (it reads `id` and
    // `timestamp` as text, which `{event, data}` envelopes keep as unknown
    // fields of any type); when both read the body, they agree on the name.
    if let Some(raw) = raw {
        assert_eq!(event.name(), raw.name());
    }
    let bytes = event.to_vec().unwrap();
    let again = E::decode(&bytes)
        .unwrap_or_else(|error| panic!("{event:?} encoded as what it cannot decode: {error}"));
    assert_eq!(again, event);
    assert_eq!(again.to_vec().unwrap(), bytes);
    true
}
