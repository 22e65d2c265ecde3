//! What SendGrid's and PayPal's verify allocate. SendGrid's (ECDSA P-256,
//! `p256` on stack integers) allocates nothing; PayPal's allocates inside
//! the `rsa` crate only, whose big integers live on the heap: the count is
//! pinned so that an allocation of the crate's own would show.

use std::{fs, hint::black_box, path::Path};

use hooksig::provider::{PayPal, SendGrid, SendGridSigner};
use jiff::Timestamp;
use serde_json::Value;

use crate::allocations;

#[test]
fn sendgrid_verify_allocates_nothing() {
    let signer = SendGridSigner::from_bytes(&[9; 32]).unwrap();
    let verifier = SendGrid::new(signer.verification_key()).unwrap();
    let now = Timestamp::from_second(1_700_000_000).unwrap();
    for len in [0, 64, 100 * 1024] {
        let body: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
        let signed = signer.sign(now, &body);
        let headers = signed
            .each_ref()
            .map(|(name, value)| (name.as_str(), value.as_str()));
        let mut tampered = body.clone();
        tampered.push(1);
        assert_eq!(
            allocations(|| {
                black_box(verifier.verify(black_box(&headers), black_box(&body), now)).unwrap();
            }),
            0,
            "{len} bytes"
        );
        assert_eq!(
            allocations(|| {
                black_box(verifier.verify(&headers, &tampered, now)).unwrap_err();
            }),
            0
        );
    }
}

#[test]
fn paypal_verify_allocates_only_in_rsa() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/providers/paypal.json");
    let vector: Value = serde_json::from_slice(&fs::read(path).unwrap()).unwrap();
    let text = |key: &str| vector[key].as_str().unwrap().to_owned();
    let paypal = PayPal::new(&text("webhook_id"), text("certificate_pem")).unwrap();
    let (id, time, signature) = (
        text("transmission_id"),
        text("transmission_time"),
        text("signature"),
    );
    let headers = [
        ("PAYPAL-TRANSMISSION-ID", id.as_str()),
        ("PAYPAL-TRANSMISSION-TIME", time.as_str()),
        ("PAYPAL-TRANSMISSION-SIG", signature.as_str()),
        ("PAYPAL-AUTH-ALGO", "SHA256withRSA"),
    ];
    let body = text("body").into_bytes();
    let count = allocations(|| {
        black_box(paypal.verify(black_box(&headers), black_box(&body))).unwrap();
    });
    // Measured with rsa 0.10.0 and a 2048-bit key; `rsa` allocates the
    // signature's integer and the modular exponentiation's.
    assert!(
        count > 0,
        "rsa 0.10 allocates; a change here is worth a look"
    );
    assert!(count <= 64, "{count} allocations");
    println!("PayPal verify, 2048-bit key: {count} allocations");
    // A malformed signature is refused before any RSA, so without a heap.
    let short = [
        ("PAYPAL-TRANSMISSION-ID", id.as_str()),
        ("PAYPAL-TRANSMISSION-TIME", time.as_str()),
        ("PAYPAL-TRANSMISSION-SIG", "AAAA"),
        ("PAYPAL-AUTH-ALGO", "SHA256withRSA"),
    ];
    assert_eq!(
        allocations(|| {
            black_box(paypal.verify(&short, &body)).unwrap_err();
        }),
        0
    );
}
