//! Ed25519 keys and Standard Webhooks `v1a`: the svix known-answer vector,
//! RFC 8032 and Wycheproof through the crate's keys, strict verification
//! the same as `ed25519-dalek`'s `verify_strict`, public keys beside
//! secrets, rotation, tampering, and the wrong-kind traps.

use curve25519_dalek::{EdwardsPoint, Scalar, scalar::clamp_integer};
use ed25519_dalek::{Signature as DalekSignature, VerifyingKey};
use hooksig::{
    Ed25519Signature, KeyError, KeyKind, KeyPair, Platform, PublicKey, RequestError, Scheme,
    SecretFormat, SignatureError, Signer, SigningKey, VerifyError,
};
use http::{HeaderMap, HeaderValue, Request};
use jiff::Timestamp;
use proptest::{collection::vec, prelude::*};
use serde::Deserialize;
use sha2::{Digest, Sha512};

const SW: &Platform = Platform::STANDARD_WEBHOOKS;
const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

#[derive(Deserialize)]
struct Vectors {
    standard_webhooks_v1a: V1aVectors,
    rfc8032: Rfc8032,
}

#[derive(Deserialize)]
struct V1aVectors {
    cases: Vec<V1aCase>,
}

#[derive(Deserialize)]
struct V1aCase {
    name: String,
    signing_key: String,
    public_key: String,
    public_key_spki: String,
    signing_key_pkcs8: String,
    public_key_hex: String,
    id: String,
    timestamp: i64,
    body: String,
    signature: String,
}

#[derive(Deserialize)]
struct Rfc8032 {
    cases: Vec<RfcCase>,
}

#[derive(Deserialize)]
struct RfcCase {
    name: String,
    secret_key: String,
    public_key: String,
    message: String,
    signature: String,
}

#[derive(Deserialize)]
struct Wycheproof {
    #[serde(rename = "numberOfTests")]
    number_of_tests: usize,
    #[serde(rename = "testGroups")]
    test_groups: Vec<WycheproofGroup>,
}

#[derive(Deserialize)]
struct WycheproofGroup {
    pk: String,
    #[serde(rename = "publicKeyDer")]
    public_key_der: String,
    tests: Vec<WycheproofCase>,
}

#[derive(Deserialize)]
struct WycheproofCase {
    #[serde(rename = "tcId")]
    tc_id: u32,
    comment: String,
    msg: String,
    sig: String,
    result: String,
}

fn load<T: for<'de> Deserialize<'de>>(name: &str) -> T {
    let path = format!("{}/tests/vectors/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn at(second: i64) -> Timestamp {
    Timestamp::from_second(second).unwrap()
}

fn base64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// A request `platform` sends for `body`, signed by `signer` at `ts`.
fn sent(platform: &Platform, signer: &Signer, id: &str, ts: i64, body: &[u8]) -> Request<Vec<u8>> {
    platform
        .request("https://receiver.example/hooks")
        .delivery_id(id)
        .timestamp(at(ts))
        .sign_with(signer)
        .body(body.to_vec())
        .unwrap()
}

/// Standard Webhooks headers with `signature` as the signature list.
fn headers(platform: &Platform, id: &str, ts: i64, signature: &str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(
        platform.delivery_header().unwrap().to_header_name(),
        HeaderValue::from_str(id).unwrap(),
    );
    headers.insert(
        platform.timestamp_header().unwrap().to_header_name(),
        ts.into(),
    );
    headers.insert(
        platform.signature_header().to_header_name(),
        HeaderValue::from_str(signature).unwrap(),
    );
    headers
}

#[test]
fn the_svix_vector_signs_and_verifies_in_every_key_form() {
    let vectors: Vectors = load("ed25519.json");
    let case = &vectors.standard_webhooks_v1a.cases[0];
    let body = case.body.as_bytes();
    for platform in [Platform::STANDARD_WEBHOOKS, Platform::SVIX] {
        let name = format!("{}, {}", case.name, platform.name());
        // Signed from either form of the signing key: exactly the vector.
        for key in [&case.signing_key, &case.signing_key_pkcs8] {
            let signer = platform.signer(key).unwrap();
            let request = sent(platform, &signer, &case.id, case.timestamp, body);
            assert_eq!(
                request.headers()[platform.signature_header().name()],
                case.signature.as_str(),
                "{name}"
            );
            let signed = platform
                .sign(&signer, body, Some(&case.id), Some(at(case.timestamp)))
                .unwrap();
            assert_eq!(signed.signature(), case.signature.as_str(), "{name}");
        }
        // Verified with the public key in either form, no secret held.
        let received = headers(platform, &case.id, case.timestamp, &case.signature);
        for key in [&case.public_key, &case.public_key_spki] {
            let verifier = platform.verifier(key).unwrap();
            assert_eq!(
                verifier.verify(&received, body, at(case.timestamp)),
                Ok(()),
                "{name}, {key}"
            );
            assert_eq!(verifier.public_keys()[0].to_string(), case.public_key_hex);
            assert_eq!(verifier.key_count(), 1);
        }
        let verifier = platform
            .verifier_for_public_keys([&case.public_key])
            .unwrap();
        assert_eq!(verifier.verify(&received, body, at(case.timestamp)), Ok(()));
        // The key pair's public key is the vector's, written as Svix writes it.
        let pair = platform.key_pair(&case.signing_key).unwrap();
        assert_eq!(pair.public_key().to_standard_webhooks(), case.public_key);
    }
}

#[test]
fn rfc8032_vectors_through_the_crates_keys() {
    let vectors: Vectors = load("ed25519.json");
    assert_eq!(vectors.rfc8032.cases.len(), 3);
    for case in &vectors.rfc8032.cases {
        let seed: [u8; 32] = hex::decode(&case.secret_key).unwrap().try_into().unwrap();
        let pair = KeyPair::from_seed(&seed).unwrap();
        assert_eq!(
            pair.public_key().to_string(),
            case.public_key,
            "{}",
            case.name
        );
        let message = hex::decode(&case.message).unwrap();
        let signature = pair.sign(&message);
        assert_eq!(signature.to_string(), case.signature, "{}", case.name);
        let key =
            PublicKey::from_text(&case.public_key, SecretFormat::Ed25519PublicKeyHex).unwrap();
        assert!(key.verify(&message, &signature), "{}", case.name);
        let mut longer = message.clone();
        longer.push(0);
        assert!(!key.verify(&longer, &signature), "{}", case.name);
        // The seed as Standard Webhooks writes it.
        let whsk = format!("whsk_{}", base64(&seed));
        assert_eq!(SW.key_pair(whsk).unwrap().sign(&message), signature);
    }
}

/// Every Wycheproof case: the crate's verdict is the published one, and
/// `ed25519-dalek`'s `verify_strict` on the same bytes agrees. Keys are
/// read from the raw bytes and from the published SPKI DER (`whpk_`).
#[test]
fn wycheproof_ed25519_every_case() {
    let vectors: Wycheproof = load("wycheproof_ed25519.json");
    let (mut run, mut valid) = (0, 0);
    for group in &vectors.test_groups {
        let raw: [u8; 32] = hex::decode(&group.pk).unwrap().try_into().unwrap();
        let key = PublicKey::from_bytes(&raw).unwrap();
        let der = hex::decode(&group.public_key_der).unwrap();
        let spki = SW.public_key(format!("whpk_{}", base64(&der))).unwrap();
        assert_eq!(spki, key);
        let dalek = VerifyingKey::from_bytes(&raw).unwrap();
        for case in &group.tests {
            run += 1;
            let id = format!("tcId {} ({})", case.tc_id, case.comment);
            let msg = hex::decode(&case.msg).unwrap();
            let sig = hex::decode(&case.sig).unwrap();
            let expected = case.result == "valid";
            // A signature of another length is no Ed25519 signature at all.
            let ours = <[u8; 64]>::try_from(sig.as_slice())
                .is_ok_and(|bytes| key.verify(&msg, &Ed25519Signature::from_bytes(bytes)));
            assert_eq!(ours, expected, "{id}");
            let strict = <[u8; 64]>::try_from(sig.as_slice()).is_ok_and(|bytes| {
                dalek
                    .verify_strict(&msg, &DalekSignature::from_bytes(&bytes))
                    .is_ok()
            });
            assert_eq!(strict, ours, "{id}: verify_strict disagrees");
            valid += usize::from(ours);
        }
    }
    assert_eq!(run, vectors.number_of_tests);
    assert_eq!((run, valid), (151, 88));
}

/// The clamped scalar of `seed`'s key, as RFC 8032 derives it.
fn scalar(seed: &[u8; 32]) -> Scalar {
    let hash = Sha512::digest(seed);
    Scalar::from_bytes_mod_order(clamp_integer(hash[..32].try_into().unwrap()))
}

/// A signature of `message` under `seed`'s key whose `R` is the identity,
/// a point of small order: `s = H(R || A || M) * a` satisfies the
/// verification equation, so lax verification accepts it; strict
/// verification must not.
fn identity_r_signature(seed: &[u8; 32], message: &[u8]) -> [u8; 64] {
    let a = scalar(seed);
    let public = EdwardsPoint::mul_base(&a).compress();
    let r = EdwardsPoint::default().compress();
    let mut hash = Sha512::new();
    hash.update(r.as_bytes());
    hash.update(public.as_bytes());
    hash.update(message);
    let k = Scalar::from_bytes_mod_order_wide(&hash.finalize().into());
    let s = k * a;
    let mut signature = [0u8; 64];
    signature[..32].copy_from_slice(r.as_bytes());
    signature[32..].copy_from_slice(s.as_bytes());
    signature
}

#[test]
fn a_small_order_r_passes_lax_verification_and_fails_here() {
    let seed = [11u8; 32];
    let pair = KeyPair::from_seed(&seed).unwrap();
    let (id, ts, body) = ("msg_1", 1_700_000_000, b"{}".as_slice());
    let message = [id.as_bytes(), b".", ts.to_string().as_bytes(), b".", body].concat();
    let forged = identity_r_signature(&seed, &message);
    let dalek = VerifyingKey::from_bytes(pair.public_key().as_bytes()).unwrap();
    let forged_dalek = DalekSignature::from_bytes(&forged);
    // Lax verification (no check of R's order) takes it...
    assert!(ed25519_dalek::hazmat::raw_verify::<Sha512>(&dalek, &message, &forged_dalek).is_ok());
    // ...strict verification does not, and neither does the crate.
    assert!(dalek.verify_strict(&message, &forged_dalek).is_err());
    let forged = Ed25519Signature::from_bytes(forged);
    assert!(!pair.public_key().verify(&message, &forged));
    let verifier = SW.verifier_from_public_keys([pair.public_key()]).unwrap();
    let value = format!("v1a,{}", base64(forged.as_bytes()));
    assert_eq!(
        verifier.verify(&headers(SW, id, ts, &value), body, at(ts)),
        Err(VerifyError::Mismatch)
    );
    // Made properly, the same message passes.
    let good = format!("v1a,{}", base64(pair.sign(&message).as_bytes()));
    assert_eq!(
        verifier.verify(&headers(SW, id, ts, &good), body, at(ts)),
        Ok(())
    );
}

#[test]
fn a_non_canonical_s_is_refused() {
    // s + l is the same scalar spelled above the group order: malleable.
    const ORDER: [u8; 32] = [
        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde,
        0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
    ];
    let pair = KeyPair::from_seed(&[12; 32]).unwrap();
    let signature = *pair.sign(b"m").as_bytes();
    let mut bumped = signature;
    let mut carry = 0u16;
    for (byte, add) in bumped[32..].iter_mut().zip(ORDER) {
        let sum = u16::from(*byte) + u16::from(add) + carry;
        *byte = sum as u8;
        carry = sum >> 8;
    }
    // Still below 2^256 (s < l, and 2l < 2^256).
    assert_eq!(carry, 0);
    assert!(
        pair.public_key()
            .verify(b"m", &Ed25519Signature::from_bytes(signature))
    );
    assert!(
        !pair
            .public_key()
            .verify(b"m", &Ed25519Signature::from_bytes(bumped))
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Through the whole Standard Webhooks path (headers, base64, the
    /// signed content hashed in parts), a `v1a` entry passes exactly when
    /// `verify_strict` accepts it on the concatenated message: for good
    /// signatures, bit flips anywhere, a small-order `R`, and the message
    /// signed under another key.
    #[test]
    fn v1a_verification_is_verify_strict_on_the_concatenation(
        seed in any::<[u8; 32]>().prop_filter("not all zero", |s| s.iter().any(|&b| b != 0)),
        body in vec(any::<u8>(), 0..300),
        ts in 0..4_000_000_000i64,
        id in "[a-zA-Z0-9_]{1,24}",
        flip in proptest::option::of((0..64usize, 0..8u8)),
        forge in any::<bool>(),
    ) {
        let pair = KeyPair::from_seed(&seed).unwrap();
        let message = [id.as_bytes(), b".", ts.to_string().as_bytes(), b".", &body].concat();
        let mut signature = if forge {
            identity_r_signature(&seed, &message)
        } else {
            *pair.sign(&message).as_bytes()
        };
        if let Some((byte, bit)) = flip {
            signature[byte] ^= 1 << bit;
        }
        let dalek = VerifyingKey::from_bytes(pair.public_key().as_bytes()).unwrap();
        let strict = dalek.verify_strict(&message, &DalekSignature::from_bytes(&signature)).is_ok();
        let verifier = SW.verifier_from_public_keys([pair.public_key()]).unwrap();
        let value = format!("v1a,{}", base64(&signature));
        let ours = verifier.verify(&headers(SW, &id, ts, &value), &body, at(ts));
        prop_assert_eq!(ours.is_ok(), strict);
        if !strict {
            prop_assert_eq!(ours, Err(VerifyError::Mismatch));
        }
        prop_assert_eq!(strict, !forge && flip.is_none());
    }
}

#[test]
fn secrets_and_public_keys_side_by_side() {
    let pair_text = format!("whsk_{}", base64(&[21; 32]));
    let pair = SW.key_pair(&pair_text).unwrap();
    let whpk = pair.public_key().to_standard_webhooks();
    let mixed_signer = SW
        .signer_with_secrets([SECRET, pair_text.as_str()])
        .unwrap();
    assert_eq!(mixed_signer.key_count(), 2);
    let (id, ts, body) = ("msg_mixed", 1_700_000_000, br#"{"a":1}"#.as_slice());
    let request = sent(SW, &mixed_signer, id, ts, body);
    let value = request.headers()["webhook-signature"]
        .to_str()
        .unwrap()
        .to_owned();
    let entries: Vec<&str> = value.split(' ').collect();
    assert_eq!(entries.len(), 2, "{value}");
    assert!(
        entries[0].starts_with("v1,") && entries[1].starts_with("v1a,"),
        "{value}"
    );

    let only_secret = SW.verifier(SECRET).unwrap();
    let only_public = SW.verifier(&whpk).unwrap();
    let both = SW.verifier_with_secrets([SECRET, whpk.as_str()]).unwrap();
    assert_eq!(both.key_count(), 2);
    for verifier in [&only_secret, &only_public, &both] {
        assert_eq!(
            verifier.verify_request(&request, at(ts)),
            Ok(()),
            "{verifier:?}"
        );
    }

    // Each entry alone, and each entry tampered beside a good one.
    let alone = |entry: &str| headers(SW, id, ts, entry);
    let (hmac, ed25519) = (entries[0], entries[1]);
    assert_eq!(only_secret.verify(&alone(hmac), body, at(ts)), Ok(()));
    assert_eq!(only_public.verify(&alone(ed25519), body, at(ts)), Ok(()));
    assert_eq!(both.verify(&alone(hmac), body, at(ts)), Ok(()));
    assert_eq!(both.verify(&alone(ed25519), body, at(ts)), Ok(()));
    // A verifier holding only one kind says which kind it found none of.
    let no_signature = |version| {
        Err(VerifyError::Malformed {
            header: SW.signature_header().clone(),
            reason: SignatureError::NoSignature { version },
        })
    };
    assert_eq!(
        only_secret.verify(&alone(ed25519), body, at(ts)),
        no_signature("v1")
    );
    assert_eq!(
        only_public.verify(&alone(hmac), body, at(ts)),
        no_signature("v1a")
    );
    assert_eq!(
        both.verify(&alone("v2,abc"), body, at(ts)),
        no_signature("v1 or v1a")
    );

    // A v1a entry that is not Ed25519 is passed over: a receiver holding
    // only secrets never looks at it; one holding the public key hears why.
    let junk = format!("{hmac} v1a,c29tZXRoaW5nIGVsc2U=");
    assert_eq!(only_secret.verify(&alone(&junk), body, at(ts)), Ok(()));
    assert_eq!(
        only_public.verify(&alone("v1a,c29tZXRoaW5nIGVsc2U="), body, at(ts)),
        Err(VerifyError::Malformed {
            header: SW.signature_header().clone(),
            reason: SignatureError::Length {
                encoding: hooksig::Encoding::Base64,
                found: 20,
                expected: 88
            }
        })
    );
    // A public-key-only verifier holds no secret at all.
    assert!(!format!("{only_public:?}").contains("REDACTED"));
    assert!(format!("{only_public:?}").contains(&pair.public_key().to_string()));
    assert!(format!("{both:?}").contains("[REDACTED; 1]"));
}

#[test]
fn tampering_with_body_id_timestamp_signature_or_key_fails() {
    let pair = KeyPair::from_seed(&[31; 32]).unwrap();
    let signer = Signer::from_key_pair(pair.clone());
    let verifier = SW.verifier_from_public_keys([pair.public_key()]).unwrap();
    let (id, ts, body) = ("msg_tamper", 1_700_000_000, br#"{"amount":100}"#.as_slice());
    let request = sent(SW, &signer, id, ts, body);
    let value = request.headers()["webhook-signature"]
        .to_str()
        .unwrap()
        .to_owned();
    let check = |id: &str, signed_ts: i64, value: &str, body: &[u8]| {
        verifier.verify(&headers(SW, id, signed_ts, value), body, at(ts))
    };
    assert_eq!(check(id, ts, &value, body), Ok(()));
    assert_eq!(
        check(id, ts, &value, br#"{"amount":900}"#),
        Err(VerifyError::Mismatch)
    );
    assert_eq!(
        check("msg_tampeR", ts, &value, body),
        Err(VerifyError::Mismatch)
    );
    assert_eq!(check(id, ts + 1, &value, body), Err(VerifyError::Mismatch));
    // One bit of the signature, through a base64 character that stays valid.
    let mut flipped = value.clone().into_bytes();
    flipped[10] = if flipped[10] == b'A' { b'B' } else { b'A' };
    let flipped = String::from_utf8(flipped).unwrap();
    assert_eq!(check(id, ts, &flipped, body), Err(VerifyError::Mismatch));
    // Another key.
    let stranger = SW
        .verifier_from_public_keys([KeyPair::from_seed(&[32; 32]).unwrap().public_key()])
        .unwrap();
    assert_eq!(
        stranger.verify(&headers(SW, id, ts, &value), body, at(ts)),
        Err(VerifyError::Mismatch)
    );
}

#[test]
fn public_keys_rotate_like_secrets() {
    let [new, old, stranger] = [41u8, 42, 43].map(|byte| format!("whsk_{}", base64(&[byte; 32])));
    let public = |whsk: &str| {
        SW.key_pair(whsk)
            .unwrap()
            .public_key()
            .to_standard_webhooks()
    };
    let verifier = SW
        .verifier_for_public_keys([public(&new), public(&old)])
        .unwrap();
    assert_eq!(verifier.public_keys().len(), 2);
    let (id, ts, body) = ("msg_rotate", 1_700_000_000, b"{}".as_slice());
    for key in [&new, &old] {
        let request = sent(SW, &SW.signer(key).unwrap(), id, ts, body);
        assert_eq!(verifier.verify_request(&request, at(ts)), Ok(()), "{key}");
    }
    let request = sent(SW, &SW.signer(&stranger).unwrap(), id, ts, body);
    assert_eq!(
        verifier.verify_request(&request, at(ts)),
        Err(VerifyError::Mismatch)
    );

    // The sender's side of a rotation: one v1a entry per key, new first,
    // and a receiver holding only the old key still accepts.
    let rotating = SW.signer_with_secrets([&new, &old]).unwrap();
    let request = sent(SW, &rotating, id, ts, body);
    let value = request.headers()["webhook-signature"].to_str().unwrap();
    assert_eq!(value.matches("v1a,").count(), 2, "{value}");
    let old_only = SW.verifier(public(&old)).unwrap();
    assert_eq!(old_only.verify_request(&request, at(ts)), Ok(()));
    // Five v1a entries are one more than a receiver checks: the fifth is
    // passed over (each costs a verification per key), the first four are
    // checked, and a match among them passes...
    let junk = format!("v1a,{}", base64(&[0; 64]));
    let five = [value, value, &junk].join(" ");
    assert_eq!(
        old_only.verify(&headers(SW, id, ts, &five), body, at(ts)),
        Ok(())
    );
    // ...while with the match fifth, the answer says entries went unchecked.
    let late = [junk.as_str(), &junk, &junk, &junk, value].join(" ");
    assert_eq!(
        old_only.verify(&headers(SW, id, ts, &late), body, at(ts)),
        Err(VerifyError::Malformed {
            header: SW.signature_header().clone(),
            reason: SignatureError::TooManyEd25519Signatures { max: 4 }
        })
    );
}

#[test]
fn wrong_kinds_are_typed_errors_that_name_the_fix() {
    let pair_text = format!("whsk_{}", base64(&[51; 32]));
    let whpk = SW
        .key_pair(&pair_text)
        .unwrap()
        .public_key()
        .to_standard_webhooks();

    // A public key given where a signer is wanted.
    let error = SW.signer(&whpk).unwrap_err();
    assert_eq!(
        error,
        KeyError::WrongKind {
            expected: KeyKind::Ed25519SigningKey,
            found: KeyKind::Ed25519PublicKey
        }
    );
    assert!(error.to_string().contains("whsk_"), "{error}");
    assert_eq!(
        SW.signer_with_secrets([SECRET, whpk.as_str()]).err(),
        Some(KeyError::InList {
            index: 1,
            error: Box::new(error)
        })
    );
    // The sender's signing key given to a receiver.
    let error = SW.verifier(&pair_text).unwrap_err();
    assert_eq!(
        error,
        KeyError::WrongKind {
            expected: KeyKind::Ed25519PublicKey,
            found: KeyKind::Ed25519SigningKey
        }
    );
    assert!(error.to_string().contains("whpk_"), "{error}");
    // A shared secret where only public keys are wanted.
    assert_eq!(
        SW.verifier_for_public_keys([SECRET]).err(),
        Some(KeyError::InList {
            index: 0,
            error: Box::new(KeyError::WrongKind {
                expected: KeyKind::Ed25519PublicKey,
                found: KeyKind::HmacSecret
            })
        })
    );
    // An Ed25519 key where an HMAC key is built.
    assert!(matches!(
        SW.key(&whpk),
        Err(KeyError::WrongKind {
            expected: KeyKind::HmacSecret,
            ..
        })
    ));
    // Schemes that have no use for a kind.
    let public = SW.public_key(&whpk).unwrap();
    assert_eq!(
        Platform::STRIPE.verifier_from_public_keys([public]).err(),
        Some(KeyError::NotForScheme {
            scheme: Scheme::Stripe,
            kind: KeyKind::Ed25519PublicKey
        })
    );
    assert_eq!(
        Platform::DISCORD
            .verifier_from_keys([SigningKey::new("s").unwrap()])
            .err(),
        Some(KeyError::NotForScheme {
            scheme: Scheme::Discord,
            kind: KeyKind::HmacSecret
        })
    );
    // Raw secrets stay raw: Stripe reads any text as its secret.
    assert!(Platform::STRIPE.verifier(&whpk).is_ok());

    // A signer whose keys do not suit the platform's scheme.
    let pair_only = SW.signer(&pair_text).unwrap();
    assert_eq!(pair_only.sign(b"m"), Err(KeyError::NoHmacSecret));
    let error = Platform::STRIPE
        .request("https://example.com/")
        .timestamp(at(1_700_000_000))
        .sign_with(&pair_only)
        .body(b"{}".to_vec())
        .unwrap_err();
    assert!(matches!(
        error,
        RequestError::SignerKind {
            scheme: Scheme::Stripe,
            needs: KeyKind::HmacSecret
        }
    ));
    assert_eq!(
        error.to_string(),
        "the Stripe scheme signs with an HMAC secret, and the signer holds none"
    );
}

#[test]
fn key_text_errors_say_what_was_expected_and_found() {
    let spki_header = "302a300506032b6570032100";
    let cases: [(&str, KeyError); 5] = [
        (
            "whpk_",
            KeyError::KeyLength {
                kind: KeyKind::Ed25519PublicKey,
                found: 0,
                expected: "32 (the key) or 44 (its SPKI DER)",
            },
        ),
        ("whpk_abc*", KeyError::NotBase64 { offset: 8 }),
        (
            "1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4=",
            KeyError::MissingPrefix { expected: "whpk_" },
        ),
        (
            "whpk_MCowBQYDK2VxAyEA1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4=",
            KeyError::NotEd25519Der {
                kind: KeyKind::Ed25519PublicKey,
                len: 44,
                prefix: "302a300506032b6570032100",
            },
        ),
        (
            "whpk_AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            KeyError::WeakPublicKey,
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(SW.public_key(text), Err(expected), "{text}");
    }
    assert!(spki_header.len() == 24);
    let error = SW.public_key("whpk_dGVzdA==").unwrap_err();
    assert_eq!(
        error.to_string(),
        "an Ed25519 public key decodes to 4 bytes, expected 32 (the key) or 44 (its SPKI DER)"
    );
    assert_eq!(
        SW.key_pair("whsk_dGVzdA==").unwrap_err().to_string(),
        "an Ed25519 signing key decodes to 4 bytes, expected 32 (the seed), 48 (its PKCS#8 DER) or 64 (seed and public key)"
    );
    // Keys are configuration: read as leniently as Svix reads them.
    let key = SW
        .public_key("whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4")
        .unwrap();
    assert_eq!(
        key.to_standard_webhooks(),
        "whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4="
    );
}
