//! Signing and verifying, for any secret and any body: what a signer makes,
//! a verifier holding the same secret accepts, in every encoding and from
//! every platform's request; one flipped bit in the body, the signature or
//! the secret makes it a mismatch.

use hooksig::{Encoding, Platform, Signature, Signer, Verifier, VerifyError};
use jiff::Timestamp;
use proptest::{collection::vec, prelude::*, sample::Index};

const ENCODINGS: [Encoding; 3] = [Encoding::Hex, Encoding::Sha256Hex, Encoding::Base64];

/// Secrets on both sides of HMAC's 64-byte block: shorter keys are padded,
/// longer ones hashed first.
fn secret() -> impl Strategy<Value = Vec<u8>> {
    vec(any::<u8>(), 1..=130)
}

/// Bodies across a few SHA-256 blocks, empty included.
fn body() -> impl Strategy<Value = Vec<u8>> {
    vec(any::<u8>(), 0..=300)
}

fn flip(bytes: &mut [u8], bit: &Index) {
    let bit = bit.index(bytes.len() * 8);
    bytes[bit / 8] ^= 1 << (bit % 8);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn what_is_signed_verifies(secret in secret(), body in body()) {
        let signer = Signer::new(&secret).unwrap();
        let verifier = Verifier::new(&secret).unwrap();
        for encoding in ENCODINGS {
            let header = signer.sign_header(&body, encoding);
            prop_assert_eq!(
                verifier.verify_encoded(&body, header.to_header_value(), encoding),
                Ok(())
            );
            if encoding != Encoding::Base64 {
                prop_assert_eq!(verifier.verify(&body, header.to_string()), Ok(()));
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
        let signer = Signer::new(&secret).unwrap();
        let verifier = Verifier::new(&secret).unwrap();
        let now = Timestamp::from_second(signed_at + delay).unwrap();
        for platform in Platform::PRESETS {
            let request = platform
                .request("https://example.com/hooks")
                .event("session.started")
                .delivery_id("msg_5f0c6a4e1d2b4c3d9e8f7a6b5c4d3e2f")
                .timestamp(Timestamp::from_second(signed_at).unwrap())
                .sign_with(&signer)
                .body(body.clone())
                .unwrap();
            prop_assert_eq!(verifier.verify_request_at(&platform, &request, now), Ok(()));
            prop_assert_eq!(
                verifier.verify_request_at(&platform.clone().strict(), &request, now),
                Ok(())
            );
        }
    }

    #[test]
    fn any_secret_of_a_rotation_verifies(
        secrets in vec(secret(), 1..4),
        which in any::<Index>(),
        body in body(),
    ) {
        let signer = Signer::new(which.get(&secrets)).unwrap();
        let verifier = Verifier::with_secrets(&secrets).unwrap();
        prop_assert_eq!(verifier.verify(&body, signer.sign(&body).to_string()), Ok(()));
    }

    #[test]
    fn a_flipped_body_bit_is_a_mismatch(
        secret in secret(),
        body in vec(any::<u8>(), 1..=300),
        bit in any::<Index>(),
    ) {
        let signature = Signer::new(&secret).unwrap().sign(&body);
        let mut tampered = body;
        flip(&mut tampered, &bit);
        let verifier = Verifier::new(&secret).unwrap();
        for encoding in ENCODINGS {
            prop_assert_eq!(
                verifier.verify_encoded(&tampered, signature.to_header(encoding).to_string(), encoding),
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
        let mut bytes = *Signer::new(&secret).unwrap().sign(&body).as_bytes();
        flip(&mut bytes, &bit);
        let verifier = Verifier::new(&secret).unwrap();
        for encoding in ENCODINGS {
            let header = Signature::from_bytes(bytes).to_header(encoding).to_string();
            prop_assert_eq!(
                verifier.verify_encoded(&body, header, encoding),
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
        let signed = Signer::new(&other).unwrap().sign(&body).to_string();
        prop_assert_eq!(
            Verifier::new(&secret).unwrap().verify(&body, &signed),
            Err(VerifyError::Mismatch)
        );
        let signed = Signer::new(&secret).unwrap().sign(&body).to_string();
        prop_assert_eq!(
            Verifier::new(&other).unwrap().verify(&body, &signed),
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
        let header = Signer::new(&secret).unwrap().sign_header(&body, encoding).to_string();
        let mut tampered = header.clone().into_bytes();
        flip(&mut tampered, &bit);
        let result = Verifier::new(&secret).unwrap().verify_encoded(&body, &tampered, encoding);
        let same = match encoding {
            Encoding::Base64 => false,
            _ => tampered.eq_ignore_ascii_case(header.as_bytes()),
        };
        prop_assert_eq!(result.is_ok(), same, "{}", String::from_utf8_lossy(&tampered));
    }
}
