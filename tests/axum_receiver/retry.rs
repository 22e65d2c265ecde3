//! A sender following PulseLABS's retry schedule against a receiver that
//! fails twice, then recovers.

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use hooksig::Platform;
use hooksig::delivery::{
    Attempt, Delivery, DeliveryId, DeliveryPolicy, Endpoint, Jitter, Next, Subscriptions,
};
use hooksig::event::debate;
use jiff::Timestamp;

use super::{bounded, signer};

#[tokio::test]
async fn a_sender_on_the_pulselabs_schedule_delivers_on_the_third_attempt() {
    bounded(|server| async move {
        server.log.failures_left.store(2, Ordering::SeqCst);
        let policy = DeliveryPolicy::PULSELABS;
        let endpoint =
            Endpoint::new(&format!("{}/flaky", server.base), Subscriptions::all()).unwrap();
        let signer = signer(Platform::PULSELABS);
        let event = debate::Event::new(debate::Data::ReportReady(debate::ReportReady::new(
            "sim_42",
            "Q3 launch",
            12,
        )));
        let id: DeliveryId = "0b5cf4c2-8a64-4f04-9c64-6a4c1d0d3f8e".parse().unwrap();
        let delivery = Delivery::from_event(id, &event).unwrap();
        let client = reqwest::Client::builder()
            .timeout(policy.timeout)
            .build()
            .unwrap();

        let mut attempt = Attempt::FIRST;
        let mut answers = Vec::new();
        let mut decisions = Vec::new();
        let last = loop {
            let request = delivery
                .request(Platform::PULSELABS, &endpoint, Some(&signer))
                .unwrap();
            let started = Instant::now();
            let response = client
                .execute(reqwest::Request::try_from(request).unwrap())
                .await
                .unwrap();
            let outcome = policy.outcome(response.status(), started.elapsed());
            answers.push((attempt.get(), response.status()));
            let ended_at = Timestamp::now();
            let next = policy.retry.next(attempt, &outcome, ended_at, Jitter::NONE);
            match next {
                Next::Retry {
                    attempt: following,
                    delay,
                    at,
                } => {
                    assert_eq!(at, ended_at.checked_add(delay).unwrap());
                    decisions.push((following.get(), delay));
                    // The schedule's seconds, run a thousand times faster.
                    tokio::time::sleep(delay / 1000).await;
                    attempt = following;
                }
                finished => break finished,
            }
        };

        assert_eq!(
            answers,
            [
                (1, StatusCode::SERVICE_UNAVAILABLE),
                (2, StatusCode::SERVICE_UNAVAILABLE),
                (3, StatusCode::NO_CONTENT),
            ]
        );
        assert_eq!(
            decisions,
            [(2, Duration::from_secs(1)), (3, Duration::from_secs(5))]
        );
        assert_eq!(
            last,
            Next::Delivered {
                attempts: Attempt::new(3).unwrap()
            }
        );
        // Every attempt was verified and carried the same delivery id; the
        // event was handled once, after the receiver recovered.
        assert_eq!(
            *server.log.flaky_deliveries.lock().unwrap(),
            ["0b5cf4c2-8a64-4f04-9c64-6a4c1d0d3f8e"; 3]
        );
        assert_eq!(
            server.log.handled(),
            [(
                "PulseLABS (flaky)".to_owned(),
                "simulation.report.ready".to_owned()
            )]
        );
    })
    .await;
}
