//! Signing and verifying, for any secret and any body: what a signer makes,
//! a verifier holding the same secret accepts, in every encoding and from
//! every platform's request; one flipped bit in the body, the signature or
//! the secret makes it a mismatch.

use hooksig::{
    Encoding, Header, KeyError, Platform, Scheme, Signature, Signer, SigningKey, Verifier,
    VerifyError,
};
use jiff::Timestamp;
use proptest::{collection::vec, prelude::*, sample::Index};

const ENCODINGS: [Encoding; 3] = [Encoding::Hex, Encoding::Sha256Hex, Encoding::Base64];
/// Body-only schemes ignore `now`.
const NOW: Timestamp = Timestamp::UNIX_EPOCH;
const HEADER: &str = "X-Prop-Signature";

/// Secrets on both sides of HMAC's 64-byte block: shorter keys are padded,
/// longer ones hashed first. An all-zero secret is refused (it keys HMAC
/// like no secret at all), which `all_zero_secrets_are_refused` checks.
fn secret() -> impl Strategy<Value = Vec<u8>> {
    vec(any::<u8>(), 1..=130).prop_filter("all-zero secrets are refused", |secret| {
        secret.iter().any(|&byte| byte != 0)
    })
}

/// Bodies across a few SHA-256 blocks, empty included.
fn body() -> impl Strategy<Value = Vec<u8>> {
    vec(any::<u8>(), 0..=300)
}

fn flip(bytes: &mut [u8], bit: &Index) {
    let bit = bit.index(bytes.len() * 8);
    bytes[bit / 8] ^= 1 << (bit % 8);
}

fn key(secret: &[u8]) -> SigningKey {
    SigningKey::new(secret).unwrap()
}

fn signer(secret: &[u8]) -> Signer {
    Signer::from_key(key(secret))
}

/// A body-only platform signing in `encoding`. Strict, it reads exactly
/// that encoding (what `verify_encoded` did); lenient and hex, it reads
/// either hex form (what the bare `verify` did).
fn platform(encoding: Encoding, strict: bool) -> Platform {
    let platform = Platform::custom("Prop", Header::new(HEADER).unwrap(), Scheme::Body(encoding));
    if strict { platform.strict() } else { platform }
}

fn verifier(secret: &[u8], encoding: Encoding, strict: bool) -> Verifier {
    platform(encoding, strict).verifier(secret).unwrap()
}

/// The value checked under the platform's one signature header.
fn check(verifier: &Verifier, body: &[u8], value: impl AsRef<[u8]>) -> Result<(), VerifyError> {
    verifier.verify(&[(HEADER, value.as_ref())], body, NOW)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn what_is_signed_verifies(secret in secret(), body in body()) {
        let signer = signer(&secret);
        for encoding in ENCODINGS {
            let value = signer.sign(&body).unwrap().to_value(encoding);
            prop_assert_eq!(
                check(&verifier(&secret, encoding, true), &body, value.to_header_value()),
                Ok(())
            );
            if encoding != Encoding::Base64 {
                // Either hex form, under either lenient hex platform.
                for read_as in [Encoding::Hex, Encoding::Sha256Hex] {
                    prop_assert_eq!(
                        check(&verifier(&secret, read_as, false), &body, value.to_string()),
                        Ok(())
                    );
                }
            }
        }
    }

    #[test]
    fn every_platform_verifies_its_own_requests(
        secret in secret(),
        body in body(),
        signed_at in 0..4_000_000_000i64,
        delay in -300..=300i64,
    ) {
        // Raw key bytes on both sides, whatever the platform's secret format;
        // every platform that signs with HMAC (not Discord).
        let signer = signer(&secret);
        let now = Timestamp::from_second(signed_at + delay).unwrap();
        for platform in Platform::PRESETS
            .into_iter()
            .filter(|platform| platform.scheme() != hooksig::Scheme::Discord)
        {
            let request = platform
                .request("https://example.com/hooks")
                .event("session.started")
                .delivery_id("msg_5f0c6a4e1d2b4c3d9e8f7a6b5c4d3e2f")
                .timestamp(Timestamp::from_second(signed_at).unwrap())
                .sign_with(&signer)
                .body(body.clone())
                .unwrap();
            // Paddle's own window, 5 seconds, is narrower than the delays
            // drawn here.
            let verifier = platform
                .verifier_from_keys([key(&secret)])
                .unwrap()
                .with_tolerance(hooksig::Tolerance::DEFAULT);
            prop_assert_eq!(verifier.verify_request(&request, now), Ok(()));
            let strict = platform
                .strict()
                .verifier_from_keys([key(&secret)])
                .unwrap()
                .with_tolerance(hooksig::Tolerance::DEFAULT);
            prop_assert_eq!(strict.verify_request(&request, now), Ok(()));
        }
    }

    #[test]
    fn any_secret_of_a_rotation_verifies(
        secrets in vec(secret(), 1..4),
        which in any::<Index>(),
        body in body(),
    ) {
        let signer = signer(which.get(&secrets).as_slice());
        let verifier = Platform::CORTEX.verifier_with_secrets(&secrets).unwrap();
        prop_assert_eq!(verifier.key_count(), secrets.len());
        let value = signer.sign(&body).unwrap().to_string();
        prop_assert_eq!(
            verifier.verify(&[("X-Cortex-Signature", value.as_str())], &body, NOW),
            Ok(())
        );
    }

    #[test]
    fn a_flipped_body_bit_is_a_mismatch(
        secret in secret(),
        body in vec(any::<u8>(), 1..=300),
        bit in any::<Index>(),
    ) {
        let signature = signer(&secret).sign(&body).unwrap();
        let mut tampered = body;
        flip(&mut tampered, &bit);
        for encoding in ENCODINGS {
            prop_assert_eq!(
                check(
                    &verifier(&secret, encoding, true),
                    &tampered,
                    signature.to_value(encoding).to_string()
                ),
                Err(VerifyError::Mismatch)
            );
        }
    }

    #[test]
    fn a_flipped_signature_bit_is_a_mismatch(
        secret in secret(),
        body in body(),
        bit in any::<Index>(),
    ) {
        let mut bytes = *signer(&secret).sign(&body).unwrap().as_bytes();
        flip(&mut bytes, &bit);
        for encoding in ENCODINGS {
            let value = Signature::from_bytes(bytes).to_value(encoding).to_string();
            prop_assert_eq!(
                check(&verifier(&secret, encoding, true), &body, value),
                Err(VerifyError::Mismatch)
            );
        }
    }

    #[test]
    fn a_flipped_secret_bit_is_a_mismatch(
        secret in secret(),
        body in body(),
        bit in any::<Index>(),
    ) {
        let mut other = secret.clone();
        flip(&mut other, &bit);
        if other.iter().all(|&byte| byte == 0) {
            // The flip left only zeros: that secret cannot sign at all.
            prop_assert_eq!(SigningKey::new(&other).err(), Some(KeyError::AllZeroSecret));
            return Ok(());
        }
        let signed = signer(&other).sign(&body).unwrap().to_string();
        prop_assert_eq!(
            check(&verifier(&secret, Encoding::Hex, false), &body, &signed),
            Err(VerifyError::Mismatch)
        );
        let signed = signer(&secret).sign(&body).unwrap().to_string();
        prop_assert_eq!(
            check(&verifier(&other, Encoding::Hex, false), &body, &signed),
            Err(VerifyError::Mismatch)
        );
    }

    /// A flipped bit in the header text passes only when it changes the case
    /// of a letter of a hex value (hex digits and `sha256=` are read in
    /// either case; base64 is not), and is otherwise refused, as malformed
    /// or as a mismatch: base64 has one spelling for each MAC.
    #[test]
    fn a_flipped_header_bit_passes_only_as_a_change_of_case(
        secret in secret(),
        body in body(),
        encoding in prop::sample::select(ENCODINGS.to_vec()),
        bit in any::<Index>(),
    ) {
        let header = signer(&secret).sign(&body).unwrap().to_value(encoding).to_string();
        let mut tampered = header.clone().into_bytes();
        flip(&mut tampered, &bit);
        let result = check(&verifier(&secret, encoding, true), &body, &tampered);
        let same = match encoding {
            Encoding::Base64 => false,
            _ => tampered.eq_ignore_ascii_case(header.as_bytes()),
        };
        prop_assert_eq!(result.is_ok(), same, "{}", String::from_utf8_lossy(&tampered));
    }
}

/// The one secret `secret()` leaves out, refused wherever a secret becomes
/// a key.
#[test]
fn all_zero_secrets_are_refused() {
    for len in [1, 31, 32, 64, 65, 130] {
        let zeros = vec![0u8; len];
        assert_eq!(SigningKey::new(&zeros).err(), Some(KeyError::AllZeroSecret));
        assert_eq!(
            Platform::CORTEX.verifier(&zeros).err(),
            Some(KeyError::AllZeroSecret)
        );
        assert_eq!(
            Platform::CORTEX.signer(&zeros).err(),
            Some(KeyError::AllZeroSecret)
        );
    }
}
