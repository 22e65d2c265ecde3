use super::*;
use p256::ecdsa::signature::hazmat::PrehashSigner;

const SECOND: i64 = 1_700_000_000;

fn at(second: i64) -> Timestamp {
    Timestamp::from_second(second).unwrap()
}

fn signer() -> SendGridSigner {
    SendGridSigner::from_bytes(&[0x42; 32]).unwrap()
}

fn as_pairs(headers: &[(Header, String); 2]) -> [(&str, &str); 2] {
    headers
        .each_ref()
        .map(|(name, value)| (name.as_str(), value.as_str()))
}

#[test]
fn what_the_signer_signs_verifies_and_nothing_else() {
    let signer = signer();
    let verifier = SendGrid::new(signer.verification_key()).unwrap();
    let headers = signer.sign(at(SECOND), b"[{\"event\":\"open\"}]");
    let pairs = as_pairs(&headers);
    assert_eq!(
        verifier.verify(&pairs, b"[{\"event\":\"open\"}]", at(SECOND)),
        Ok(())
    );
    assert_eq!(
        verifier.verify(&pairs, b"[{\"event\":\"opem\"}]", at(SECOND)),
        Err(VerifyError::Mismatch)
    );
    let other = SendGridSigner::from_bytes(&[0x43; 32]).unwrap().verifier();
    assert_eq!(
        other.verify(&pairs, b"[{\"event\":\"open\"}]", at(SECOND)),
        Err(VerifyError::Mismatch)
    );
}

#[test]
fn signing_is_deterministic() {
    let signer = signer();
    assert_eq!(signer.signature(b"1", b"x"), signer.signature(b"1", b"x"));
    assert_ne!(signer.signature(b"1", b"x"), signer.signature(b"2", b"x"));
}

#[test]
fn a_high_s_signature_verifies_as_the_sdks_accept_it() {
    let signer = signer();
    let digest = Sha256::new()
        .chain_update(b"1700000000")
        .chain_update(b"[]")
        .finalize();
    let signature: Signature = signer.key.sign_prehash(&digest).unwrap();
    let (r, s) = signature.split_scalars();
    let flipped = Signature::from_scalars(r, -*s).unwrap();
    assert_ne!(flipped, signature);
    let der = flipped.to_der();
    let mut text = [0u8; 96];
    let len = crate::codec::base64::encode(der.as_bytes(), &mut text);
    let value = core::str::from_utf8(&text[..len]).unwrap();
    let headers = [
        ("X-Twilio-Email-Event-Webhook-Signature", value),
        ("X-Twilio-Email-Event-Webhook-Timestamp", "1700000000"),
    ];
    assert_eq!(
        signer.verifier().verify(&headers, b"[]", at(SECOND)),
        Ok(())
    );
}

#[test]
fn the_default_tolerance_covers_a_day_of_retries() {
    let signer = signer();
    let verifier = signer.verifier();
    let headers = signer.sign(at(SECOND), b"[]");
    let pairs = as_pairs(&headers);
    let day = 24 * 60 * 60;
    assert_eq!(verifier.verify(&pairs, b"[]", at(SECOND + day)), Ok(()));
    assert_eq!(
        verifier.verify(&pairs, b"[]", at(SECOND + day + 300)),
        Ok(())
    );
    assert!(matches!(
        verifier.verify(&pairs, b"[]", at(SECOND + day + 301)),
        Err(VerifyError::Stale(_))
    ));
    let narrow = verifier.with_tolerance(Tolerance::DEFAULT);
    assert!(matches!(
        narrow.verify(&pairs, b"[]", at(SECOND + 301)),
        Err(VerifyError::Stale(_))
    ));
}

#[test]
fn keys_of_other_kinds_say_what_they_are() {
    assert_eq!(
        SendGrid::new("").unwrap_err(),
        KeyError::PublicKeyNotBase64 { offset: 0 }
    );
    assert_eq!(
        SendGrid::new("  MFkw$").unwrap_err(),
        KeyError::PublicKeyNotBase64 { offset: 6 }
    );
    assert!(matches!(
        SendGrid::new("AAAA").unwrap_err(),
        KeyError::NotDer { .. }
    ));
    // An Ed25519 SPKI (RFC 8410's example key).
    assert_eq!(
        SendGrid::new("MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=").unwrap_err(),
        KeyError::WrongKeyType {
            expected: "an ECDSA P-256 public key",
            found: "an Ed25519 public key"
        }
    );
    // The SDK's key with its point's last byte changed: off the curve.
    let mut buf = [0u8; 93];
    let key = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEDr2LjtURuePQzplybdC+u4CwrqDqBaWjcMMsTbhdbcwHBcepxo7yAQGhHPTnlvFYPAZFceEu/1FwCM/QmGUhA==";
    let len = crate::codec::base64::decode(key.as_bytes(), &mut buf).unwrap();
    assert_eq!(len, 91);
    let mut der = buf[..91].to_vec();
    assert!(SendGrid::from_der(&der).is_ok());
    der[90] ^= 1;
    assert!(matches!(
        SendGrid::from_der(&der).unwrap_err(),
        KeyError::InvalidPublicKey { .. }
    ));
}

#[test]
fn debug_shows_no_key() {
    let signer = signer();
    assert!(format!("{signer:?}").contains("[REDACTED]"));
    assert!(!format!("{:?}", signer.verifier()).contains(&signer.verification_key()));
}
