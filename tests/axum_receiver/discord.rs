//! Discord's automated checks, through the axum extractor: every request
//! that fails verification (a wrong signature, one that is not hex, a
//! changed timestamp, a missing header) is answered 401, as Discord
//! requires, and a genuine one is handed over.

use axum::body::Body;
use axum::extract::FromRequest;
use axum::http::StatusCode;
use hooksig::axum::{Receiver, VerifiedBody};
use hooksig::{KeyPair, Platform, Signer};
use jiff::Timestamp;

/// Names the Discord receiver.
struct Discord;

fn now() -> Timestamp {
    Timestamp::from_second(1_700_000_000).unwrap()
}

#[tokio::test]
async fn discord_probes_are_refused_with_401_and_genuine_requests_pass() {
    let app = KeyPair::from_seed(&[71; 32]).unwrap();
    let verifier = Platform::DISCORD
        .verifier(app.public_key().to_string())
        .unwrap();
    let receiver = Receiver::<Discord>::new(verifier).with_clock(now);
    let body = br#"{"id":"787053080478613555","type":1,"version":1}"#.to_vec();
    let genuine = Platform::DISCORD
        .request("http://localhost/interactions")
        .timestamp(now())
        .sign_with(&Signer::from_key_pair(app))
        .body(body.clone())
        .unwrap();
    let request = |edit: fn(&mut http::HeaderMap)| {
        let mut request = genuine.clone().map(Body::from);
        edit(request.headers_mut());
        request
    };

    let passed = VerifiedBody::<Discord>::from_request(request(|_| {}), &receiver)
        .await
        .unwrap();
    assert_eq!(passed.into_bytes(), body);

    let probes: [fn(&mut http::HeaderMap); 4] = [
        |headers| {
            headers.insert(
                "x-signature-ed25519",
                "example invalid signature".parse().unwrap(),
            );
        },
        |headers| {
            let value = headers["x-signature-ed25519"].to_str().unwrap();
            let flipped = format!(
                "{}{}",
                if value.starts_with('0') { '1' } else { '0' },
                &value[1..]
            );
            headers.insert("x-signature-ed25519", flipped.parse().unwrap());
        },
        |headers| {
            headers.insert("x-signature-timestamp", "1699990000".parse().unwrap());
        },
        |headers| {
            headers.remove("x-signature-ed25519");
        },
    ];
    for (index, probe) in probes.into_iter().enumerate() {
        let refused = VerifiedBody::<Discord>::from_request(request(probe), &receiver)
            .await
            .err()
            .unwrap_or_else(|| panic!("probe {index} passed"));
        assert_eq!(
            refused.status(),
            StatusCode::UNAUTHORIZED,
            "probe {index}: {refused}"
        );
    }
}
