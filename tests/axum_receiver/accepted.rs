//! Valid deliveries: accepted with a 2xx, and handled once.

use std::collections::HashMap;

use axum::http::StatusCode;
use hooksig::{Platform, Tolerance, VerifyError};
use jiff::{SignedDuration, Timestamp};

use super::{bounded, case, seed, send, signer, stripe_now};

#[tokio::test]
async fn every_seed_platform_is_verified_decoded_and_handled() {
    bounded(|server| async move {
        for (n, platform) in Platform::SEEDS.into_iter().enumerate() {
            let case = case(platform);
            let delivery = format!("00000000-0000-4000-8000-{n:012}");
            let (status, body) = send(case.signed(&server.base, &delivery)).await;
            assert_eq!(
                status,
                StatusCode::NO_CONTENT,
                "{}: {body}",
                platform.name()
            );
        }
        // Decoded from the signed body: the name is the typed event's.
        let expected: Vec<(String, String)> = Platform::SEEDS
            .into_iter()
            .map(|platform| (platform.name().to_owned(), case(platform).event.to_owned()))
            .collect();
        assert_eq!(server.log.handled(), expected);
    })
    .await;
}

#[tokio::test]
async fn replayed_deliveries_are_acknowledged_but_handled_once() {
    bounded(|server| async move {
        let mut counts = HashMap::new();
        for platform in Platform::SEEDS {
            let case = case(platform);
            // The same delivery, byte for byte and with the same id, twice.
            let first =
                send(case.signed(&server.base, "0b5cf4c2-0000-4000-8000-000000000001")).await;
            let again =
                send(case.signed(&server.base, "0b5cf4c2-0000-4000-8000-000000000001")).await;
            assert_eq!(first.0, StatusCode::NO_CONTENT, "{}", platform.name());
            assert!(again.0.is_success(), "{}", platform.name());
            counts.insert(platform.name(), server.log.count(platform));
        }
        // Platforms with an idempotency key are handled once; Emuluxe and
        // Capawesome document none, so their receiver cannot tell.
        let expected = HashMap::from([
            ("Emuluxe", 2),
            ("PulseLABS", 1),
            ("Capawesome", 2),
            ("SPLEXA", 1),
            ("Cortex", 1),
            ("GitHub", 1),
        ]);
        assert_eq!(counts, expected);

        // Cortex keys by the event id in the signed body: a new delivery
        // id does not make the same event new.
        let cortex = case(Platform::CORTEX);
        let (status, _) = send(cortex.signed(&server.base, "another-delivery")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(server.log.count(Platform::CORTEX), 1);
        // ... and another event is.
        let critical = seed("cortex_issue_critical.json");
        let request = cortex.request(&server.base, &signer(Platform::CORTEX), "d", &critical);
        assert_eq!(send(request).await.0, StatusCode::NO_CONTENT);
        assert_eq!(server.log.count(Platform::CORTEX), 2);
    })
    .await;
}

#[tokio::test]
async fn timestamped_schemes_are_judged_by_the_receivers_clock() {
    bounded(|server| async move {
        let signer = signer(Platform::STRIPE);
        let body = br#"{"id":"evt_1","type":"payment_intent.succeeded"}"#.to_vec();
        let stripe = |at: Timestamp| {
            Platform::STRIPE
                .request(format!("{}/stripe", server.base))
                .timestamp(at)
                .sign_with(&signer)
                .body(body.clone())
                .unwrap()
        };
        assert_eq!(send(stripe(stripe_now())).await.0, StatusCode::NO_CONTENT);

        let stale = stripe_now() - SignedDuration::from_mins(10);
        let (status, message) = send(stripe(stale)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let expected =
            VerifyError::Stale(Tolerance::DEFAULT.check(stale, stripe_now()).unwrap_err());
        assert_eq!(message, expected.to_string());
        assert_eq!(
            server.log.handled(),
            [("Stripe".to_owned(), "payment_intent.succeeded".to_owned())]
        );
    })
    .await;
}
