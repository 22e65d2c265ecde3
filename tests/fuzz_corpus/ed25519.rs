//! The bodies of the Ed25519 fuzz targets, shared like `targets.rs` by the
//! cargo-fuzz binaries in `fuzz/` and the stable corpus replay in
//! `tests/api/fuzz_corpus.rs`.
//!
//! - [`keys`]: every key reader on any text, in every format: Standard
//!   Webhooks' `whpk_` and `whsk_`, Discord's hex, raw bytes, and the
//!   platforms' readers that choose the kind from the text.
//! - [`ed25519_headers`]: Discord's signature header and Standard
//!   Webhooks' `webhook-signature` list on any value, checked by verifiers
//!   holding public keys.
//!
//! Beyond "does not panic", each answer is checked against what the input
//! calls for, worked out apart from the crate's readers: an independent
//! base64 and hex reading, and the lengths and DER headers each form has.

use std::sync::LazyLock;

use hooksig::{
    Encoding, KeyError, KeyKind, KeyPair, Platform, PublicKey, SecretFormat, SignatureError,
    SigningKey, Verifier, VerifyError,
};
use jiff::Timestamp;

const SPKI: [u8; 12] = [
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
];
const PKCS8: [u8; 16] = [
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
];
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Which readers accepted the text, for the corpus replay to check that
/// the saved inputs reach every outcome.
#[derive(Debug)]
pub struct KeysOutcome {
    /// `PublicKey::from_text` in Standard Webhooks' format.
    pub whpk: Result<PublicKey, KeyError>,
    /// `KeyPair::from_text` in Standard Webhooks' format.
    pub whsk: Result<(), KeyError>,
    /// `PublicKey::from_text` in Discord's hex.
    pub hex: Result<PublicKey, KeyError>,
}

/// Every key reader on `data`.
pub fn keys(data: &[u8]) -> KeysOutcome {
    let sw = SecretFormat::StandardWebhooks;
    let whpk = PublicKey::from_text(data, sw);
    check_public(data, &whpk);
    let whsk = KeyPair::from_text(data, sw);
    check_pair(data, &whsk);
    let hex = PublicKey::from_text(data, SecretFormat::Ed25519PublicKeyHex);
    check_hex(data, &hex);
    // Raw: exactly 32 bytes, read as they stand.
    match PublicKey::from_text(data, SecretFormat::Raw) {
        Ok(key) => assert_eq!(key.as_bytes().as_slice(), data),
        Err(KeyError::KeyLength { found, .. }) => assert_eq!(found, data.len()),
        Err(KeyError::NotOnCurve | KeyError::WeakPublicKey) => assert_eq!(data.len(), 32),
        Err(other) => panic!("raw public key {data:?}: {other:?}"),
    }
    let raw_pair = KeyPair::from_text(data, SecretFormat::Raw);
    assert_eq!(
        raw_pair.is_ok(),
        data.len() == 32 && data.iter().any(|&b| b != 0)
    );

    // The platforms' readers choose the kind from the text.
    let secret = SigningKey::from_secret(data, sw);
    let kind = if data.starts_with(b"whpk_") {
        KeyKind::Ed25519PublicKey
    } else if data.starts_with(b"whsk_") {
        KeyKind::Ed25519SigningKey
    } else {
        KeyKind::HmacSecret
    };
    let verifier = Platform::STANDARD_WEBHOOKS.verifier(data);
    let signer = Platform::STANDARD_WEBHOOKS.signer(data);
    match kind {
        KeyKind::HmacSecret => {
            assert_eq!(verifier.is_ok(), secret.is_ok());
            assert_eq!(signer.is_ok(), secret.is_ok());
        }
        KeyKind::Ed25519PublicKey => {
            assert_eq!(
                verifier.map(|v| v.public_keys().to_vec()).ok(),
                whpk.clone().ok().map(|k| vec![k])
            );
            let wrong = KeyError::WrongKind {
                expected: KeyKind::Ed25519SigningKey,
                found: KeyKind::Ed25519PublicKey,
            };
            assert_eq!(signer.err(), Some(whpk.clone().err().unwrap_or(wrong)));
        }
        _ => {
            assert!(verifier.is_err());
            assert_eq!(signer.is_ok(), whsk.is_ok());
        }
    }
    let discord = Platform::DISCORD.verifier(data);
    assert_eq!(
        discord.map(|v| v.public_keys().to_vec()).ok(),
        hex.clone().ok().map(|k| vec![k])
    );
    assert!(Platform::DISCORD.signer(data).is_err());

    for error in [whpk.as_ref().err(), whsk.as_ref().err(), hex.as_ref().err()]
        .into_iter()
        .flatten()
    {
        // Never echo the key: a short message of the crate's own words and
        // numbers, whatever bytes (and however many) the key had. (A check
        // for the key as a substring would be fooled by a key that copies
        // a message, as the fuzzer found.)
        let message = error.to_string();
        assert!(message.len() <= 240, "{message}");
        assert!(
            message.is_ascii() && !message.bytes().any(|b| b.is_ascii_control()),
            "{message}"
        );
    }
    KeysOutcome {
        whpk,
        whsk: whsk.map(|_| ()),
        hex,
    }
}

fn known_prefix(data: &[u8]) -> bool {
    [&b"whsec_"[..], b"whpk_", b"whsk_"]
        .iter()
        .any(|prefix| data.starts_with(prefix))
}

/// Base64 as the vendors' libraries read a key, worked out by hand: up to
/// two `=` at the end, then symbols only, unused trailing bits ignored.
/// The crate's reader is as lenient or more (it takes some spellings with a
/// third `=`), so the checks below hold its answer to this one only where
/// this one reads the text.
fn lenient_base64(text: &[u8]) -> Option<Vec<u8>> {
    let unpadded = text
        .strip_suffix(b"==")
        .or_else(|| text.strip_suffix(b"="))
        .unwrap_or(text);
    if unpadded.len() % 4 == 1 {
        return None;
    }
    let mut bits = 0u32;
    let mut count = 0;
    let mut out = Vec::new();
    for &byte in unpadded {
        let value = ALPHABET.iter().position(|&symbol| symbol == byte)? as u32;
        bits = (bits << 6) | value;
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    Some(out)
}

fn check_public(data: &[u8], result: &Result<PublicKey, KeyError>) {
    let decoded = data.strip_prefix(b"whpk_").and_then(lenient_base64);
    match result {
        Ok(key) => {
            assert!(data.starts_with(b"whpk_"), "{data:?}");
            if let Some(bytes) = decoded {
                let raw = match bytes.len() {
                    32 => bytes.as_slice(),
                    44 => {
                        assert_eq!(bytes[..12], SPKI, "{data:?}");
                        &bytes[12..]
                    }
                    other => panic!("accepted {other} bytes: {data:?}"),
                };
                assert_eq!(key.as_bytes().as_slice(), raw);
            }
            assert_eq!(
                PublicKey::from_text(key.to_standard_webhooks(), SecretFormat::StandardWebhooks)
                    .as_ref(),
                Ok(key)
            );
        }
        Err(KeyError::MissingPrefix { expected }) => {
            assert_eq!(*expected, "whpk_");
            assert!(!known_prefix(data), "{data:?}");
        }
        Err(KeyError::WrongKind { found, .. }) => match found {
            KeyKind::HmacSecret => assert!(data.starts_with(b"whsec_")),
            KeyKind::Ed25519SigningKey => assert!(data.starts_with(b"whsk_")),
            KeyKind::Ed25519PublicKey => panic!("a public key is the right kind"),
            _ => panic!("unknown kind"),
        },
        Err(KeyError::NotBase64 { offset }) => {
            assert!((5..=data.len()).contains(offset), "{offset} in {data:?}");
        }
        Err(KeyError::KeyLength { found, .. }) => {
            if let Some(bytes) = decoded {
                assert_eq!(bytes.len(), *found);
            }
            assert!(*found != 32 && *found != 44);
        }
        Err(KeyError::NotEd25519Der { len, .. }) => {
            assert_eq!(*len, 44);
            if let Some(bytes) = decoded {
                assert_ne!(bytes[..12], SPKI);
            }
        }
        Err(KeyError::NotOnCurve | KeyError::WeakPublicKey) => {
            let len = decoded.map(|bytes| bytes.len());
            assert!(len.is_none_or(|len| len == 32 || len == 44), "{data:?}");
        }
        Err(other) => panic!("whpk {data:?}: {other:?}"),
    }
}

fn check_pair(data: &[u8], result: &Result<KeyPair, KeyError>) {
    let decoded = data.strip_prefix(b"whsk_").and_then(lenient_base64);
    match result {
        Ok(pair) => {
            assert!(data.starts_with(b"whsk_"), "{data:?}");
            if let Some(bytes) = decoded {
                let seed: [u8; 32] = match bytes.len() {
                    32 => bytes[..].try_into().unwrap(),
                    48 => {
                        assert_eq!(bytes[..16], PKCS8);
                        bytes[16..].try_into().unwrap()
                    }
                    64 => {
                        assert_eq!(&bytes[32..], pair.public_key().as_bytes());
                        bytes[..32].try_into().unwrap()
                    }
                    other => panic!("accepted {other} bytes: {data:?}"),
                };
                let same = KeyPair::from_seed(&seed).unwrap();
                assert_eq!(same.public_key(), pair.public_key());
                assert!(!format!("{pair:?}").contains(&format!("{:?}", &seed[..4])));
            }
            let signature = pair.sign(data);
            assert!(pair.public_key().verify(data, &signature));
        }
        Err(KeyError::MissingPrefix { expected }) => {
            assert_eq!(*expected, "whsk_");
            assert!(!known_prefix(data), "{data:?}");
        }
        Err(KeyError::WrongKind { found, .. }) => match found {
            KeyKind::HmacSecret => assert!(data.starts_with(b"whsec_")),
            KeyKind::Ed25519PublicKey => assert!(data.starts_with(b"whpk_")),
            _ => panic!("a signing key is the right kind"),
        },
        Err(KeyError::NotBase64 { offset }) => {
            assert!((5..=data.len()).contains(offset));
        }
        Err(KeyError::KeyLength { found, .. }) => {
            if let Some(bytes) = decoded {
                assert_eq!(bytes.len(), *found);
            }
            assert!(![32, 48, 64].contains(found));
        }
        Err(KeyError::NotEd25519Der { len, .. }) => {
            assert_eq!(*len, 48);
            if let Some(bytes) = decoded {
                assert_ne!(bytes[..16], PKCS8);
            }
        }
        Err(KeyError::MismatchedKeyPair) => {
            if let Some(bytes) = decoded {
                assert_eq!(bytes.len(), 64);
                let seed: [u8; 32] = bytes[..32].try_into().unwrap();
                assert_ne!(
                    KeyPair::from_seed(&seed)
                        .unwrap()
                        .public_key()
                        .as_bytes()
                        .as_slice(),
                    &bytes[32..]
                );
            }
        }
        Err(KeyError::AllZeroSeed) => {
            if let Some(bytes) = decoded {
                let seed = match bytes.len() {
                    48 => &bytes[16..],
                    _ => &bytes[..32],
                };
                assert!(seed.iter().all(|&b| b == 0));
            }
        }
        Err(other) => panic!("whsk {data:?}: {other:?}"),
    }
}

fn check_hex(data: &[u8], result: &Result<PublicKey, KeyError>) {
    let is_hex = |b: &u8| b.is_ascii_hexdigit();
    match result {
        Ok(key) => {
            assert!(data.len() == 64 && data.iter().all(is_hex), "{data:?}");
            assert_eq!(key.to_string().as_bytes(), data.to_ascii_lowercase());
        }
        Err(KeyError::NotHex { offset }) => {
            assert_eq!(data.iter().position(|b| !is_hex(b)), Some(*offset));
        }
        Err(KeyError::HexDigits { found, expected }) => {
            assert_eq!((*found, *expected), (data.len(), 64));
            assert!(data.iter().all(is_hex));
        }
        Err(KeyError::NotOnCurve | KeyError::WeakPublicKey) => {
            assert!(data.len() == 64 && data.iter().all(is_hex));
        }
        Err(other) => panic!("hex {data:?}: {other:?}"),
    }
}

/// A key pair whose public key the header verifiers hold.
fn held() -> KeyPair {
    KeyPair::from_seed(&[0x5a; 32]).unwrap()
}

static DISCORD: LazyLock<Verifier> = LazyLock::new(|| {
    Platform::DISCORD
        .verifier_from_public_keys([held().public_key()])
        .unwrap()
});

static STANDARD_WEBHOOKS: LazyLock<Verifier> = LazyLock::new(|| {
    Platform::STANDARD_WEBHOOKS
        .verifier_from_public_keys([held().public_key()])
        .unwrap()
});

const TIMESTAMP: &str = "1700000000";
const BODY: &[u8] = b"{}";

/// `data` as Discord's signature header, and as Standard Webhooks'
/// signature list, each checked by a verifier holding a public key. The
/// answers: a mismatch exactly when the value holds a signature of the
/// right shape (none the fuzzer writes is right), and otherwise an error
/// about the value that says what is wrong with it.
pub fn ed25519_headers(data: &[u8]) -> (Result<(), VerifyError>, Result<(), VerifyError>) {
    let now = Timestamp::from_second(1_700_000_000).unwrap();
    let discord = DISCORD.verify(
        &[
            ("X-Signature-Ed25519", data),
            ("X-Signature-Timestamp", TIMESTAMP.as_bytes()),
        ],
        BODY,
        now,
    );
    let value = trim_blanks(data);
    let is_hex = |b: &u8| b.is_ascii_hexdigit();
    match &discord {
        Err(VerifyError::Mismatch) => {
            assert!(value.len() == 128 && value.iter().all(is_hex), "{data:?}");
        }
        Err(VerifyError::Malformed { reason, .. }) => match *reason {
            SignatureError::Empty => assert!(value.is_empty()),
            SignatureError::InvalidCharacter { encoding, offset } => {
                assert_eq!(encoding, Encoding::Hex);
                assert!(
                    !data.get(offset).is_some_and(is_hex),
                    "{offset} in {data:?}"
                );
            }
            SignatureError::Length {
                found, expected, ..
            } => {
                assert_eq!((found, expected), (value.len(), 128));
                assert!(value.iter().all(is_hex));
            }
            ref other => panic!("Discord {data:?}: {other:?}"),
        },
        other => panic!("Discord {data:?}: {other:?}"),
    }

    let sw = STANDARD_WEBHOOKS.verify(
        &[
            ("webhook-id", b"msg_fuzz".as_slice()),
            ("webhook-timestamp", TIMESTAMP.as_bytes()),
            ("webhook-signature", data),
        ],
        BODY,
        now,
    );
    // The v1a entries of the right shape, read by hand.
    let entries: Vec<&[u8]> = data
        .split(|&b| b == b' ')
        .map(trim_blanks)
        .filter(|entry| !entry.is_empty())
        .collect();
    let shaped = entries
        .iter()
        .filter_map(|entry| entry.strip_prefix(b"v1a,"))
        .filter(|text| (86..=88).contains(&text.len()))
        .filter_map(|text| lenient_base64(text).map(|bytes| (text, bytes)))
        .filter(|(text, bytes)| {
            // Only the one canonical spelling of 64 bytes.
            bytes.len() == 64 && {
                let mut canonical = vec![0; 88];
                let len = base64_encode(bytes, &mut canonical);
                canonical[..len].strip_suffix(b"==") == Some(*text) || &canonical[..len] == *text
            }
        })
        .count();
    match &sw {
        Err(VerifyError::Mismatch) => assert!(shaped > 0, "{data:?}"),
        // More entries of the right shape than are checked, none of the
        // checked matching: reported as such, not as a mismatch.
        Err(VerifyError::Malformed {
            reason: SignatureError::TooManyEd25519Signatures { max },
            ..
        }) => assert!(shaped > *max, "{data:?}"),
        Err(VerifyError::Malformed { reason, .. }) => {
            assert!(
                shaped == 0 || entries.iter().any(|e| e.starts_with(b"v1,") || *e == b"v1"),
                "{data:?}: {reason:?}"
            );
            let message = reason.to_string();
            assert!(message.len() <= 80, "{message}");
        }
        Err(VerifyError::Header(_)) => {
            // A value `http` cannot carry is refused by the pairs reader too.
            panic!("the pairs reader took {data:?} as absent");
        }
        other => panic!("Standard Webhooks {data:?}: {other:?}"),
    }
    (discord, sw)
}

fn base64_encode(bytes: &[u8], out: &mut [u8]) -> usize {
    let mut len = 0;
    for chunk in bytes.chunks(3) {
        let n = chunk.len();
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let v = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            out[len + i] = if i <= n {
                ALPHABET[((v >> (18 - 6 * i)) & 63) as usize]
            } else {
                b'='
            };
        }
        len += 4;
    }
    len
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
