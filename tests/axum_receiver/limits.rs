//! The router's `DefaultBodyLimit` and the receiver's limit: the smaller
//! wins, as for axum's own `Bytes`; and the receiver's freshness window on
//! a typed event's own timestamp (#13).

use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::routing::post;
use hooksig::axum::{Receiver, Verified};
use hooksig::event::{Envelope, Timestamped, scan};
use hooksig::{Platform, Tolerance};
use jiff::Timestamp;
use tokio::net::TcpListener;

use super::refused::{Framing, send_raw};
use super::{BOUND, case, send, signer};

async fn cortex(Verified(_): Verified<scan::Event>) -> StatusCode {
    StatusCode::NO_CONTENT
}

/// Serves `/cortex` with `receiver` behind `limit` (none: axum's default),
/// and returns the base URL and the server's task.
async fn serve(
    receiver: Receiver<scan::Event>,
    limit: Option<DefaultBodyLimit>,
) -> (String, tokio::task::JoinHandle<std::io::Result<()>>) {
    let mut router = Router::new()
        .route("/cortex", post(cortex))
        .with_state(receiver);
    if let Some(limit) = limit {
        router = router.layer(limit);
    }
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    (
        base,
        tokio::spawn(async move { axum::serve(listener, router).await }),
    )
}

fn receiver(limit: usize) -> Receiver<scan::Event> {
    Receiver::new(
        Platform::CORTEX
            .verifier(super::secret(Platform::CORTEX))
            .unwrap(),
    )
    .with_body_limit(limit)
}

/// The seed event padded with JSON whitespace to `size` bytes, signed,
/// for `base`.
fn padded(base: &str, size: usize) -> http::Request<Vec<u8>> {
    let cortex = case(Platform::CORTEX);
    let mut body = cortex.body.clone();
    body.resize(size, b' ');
    cortex.request(base, &signer(Platform::CORTEX), "d-1", &body)
}

#[tokio::test]
async fn the_smaller_of_the_routers_and_the_receivers_limit_wins() {
    tokio::time::timeout(BOUND, async {
        // The router's limit is the smaller: it wins.
        let (base, task) = serve(receiver(16 * 1024), Some(DefaultBodyLimit::max(1024))).await;
        assert_eq!(send(padded(&base, 1024)).await.0, StatusCode::NO_CONTENT);
        let (status, body) = send(padded(&base, 1025)).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(body, "body is larger than the limit of 1024 bytes");
        let chunked = send_raw(padded(&base, 8 * 1024), Framing::Chunked).await;
        assert_eq!(chunked, StatusCode::PAYLOAD_TOO_LARGE);
        task.abort();

        // The receiver's is the smaller: it wins.
        let (base, task) = serve(receiver(1024), Some(DefaultBodyLimit::max(16 * 1024))).await;
        let (status, body) = send(padded(&base, 1025)).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(body, "body is larger than the limit of 1024 bytes");
        task.abort();

        // Disabled on the router: the receiver's limit alone.
        let (base, task) = serve(receiver(4 * 1024), Some(DefaultBodyLimit::disable())).await;
        assert_eq!(
            send(padded(&base, 4 * 1024)).await.0,
            StatusCode::NO_CONTENT
        );
        assert_eq!(
            send(padded(&base, 4 * 1024 + 1)).await.0,
            StatusCode::PAYLOAD_TOO_LARGE
        );
        task.abort();

        // No limit on the router: axum's default of 2 MiB, as for `Bytes`,
        // even under a larger receiver limit. Declared, so never sent.
        let (base, task) = serve(receiver(8 << 20), None).await;
        let declared = padded(&base, 0);
        assert_eq!(
            send_raw(declared, Framing::Declared((2 << 20) + 1)).await,
            StatusCode::PAYLOAD_TOO_LARGE
        );
        task.abort();
    })
    .await
    .expect("the test took too long");
}

/// The seed's `timestamp`.
fn sent_at() -> Timestamp {
    let event = scan::Event::decode(&case(Platform::CORTEX).body).unwrap();
    Timestamped::timestamp(&event)
}

#[tokio::test]
async fn a_freshness_window_refuses_an_old_event_with_401() {
    tokio::time::timeout(BOUND, async {
        let window = Tolerance::new(Duration::from_secs(60)).unwrap();
        fn soon() -> Timestamp {
            sent_at() + Duration::from_secs(30)
        }
        fn late() -> Timestamp {
            sent_at() + Duration::from_secs(61)
        }
        let fresh = receiver(16 * 1024).with_freshness(window);
        let (base, task) = serve(fresh.clone().with_clock(soon), None).await;
        assert_eq!(send(padded(&base, 2048)).await.0, StatusCode::NO_CONTENT);
        task.abort();

        let (base, task) = serve(fresh.with_clock(late), None).await;
        let (status, body) = send(padded(&base, 2048)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let expected = window.check(sent_at(), late()).unwrap_err();
        assert_eq!(body, format!("event {expected}"));
        task.abort();

        // Off by default: the same event, years old by the system clock.
        let (base, task) = serve(receiver(16 * 1024), None).await;
        assert_eq!(send(padded(&base, 2048)).await.0, StatusCode::NO_CONTENT);
        task.abort();
    })
    .await
    .expect("the test took too long");
}
