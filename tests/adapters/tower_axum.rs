//! `hooksig::tower::VerifyLayer` on an axum router, as a `route_layer` on
//! each webhook route.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::extract::{Request, State};
use axum::http::{HeaderValue, Uri};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{MethodRouter, post};
use axum::{Extension, Router};
use bytes::Bytes;
use hooksig::Platform;
use hooksig::event::{Envelope, debate, job, network, scan, session};
use hooksig::tower::{Decoded, Verification, VerifyLayer};
use http::StatusCode;
use tokio::net::TcpListener;
use tower::ServiceExt;

use super::suite::suite;
use super::{Log, Server, bounded, case, receiver, send, signer, tag};

suite!(start);

/// A typed route: the event the layer decoded, beside the exact bytes.
async fn typed<E: Envelope + Clone + Send + Sync + 'static>(
    State(log): State<Arc<Log>>,
    Decoded(event): Decoded<E>,
    body: Bytes,
) -> StatusCode {
    assert_eq!(E::decode(&body).unwrap().name(), event.name());
    log.event(&event);
    StatusCode::NO_CONTENT
}

/// A raw route: the verified bytes.
async fn raw(
    State(log): State<Arc<Log>>,
    Extension(_): Extension<Verification>,
    uri: Uri,
    body: Bytes,
) -> StatusCode {
    log.bytes(uri.path(), body);
    StatusCode::NO_CONTENT
}

fn typed_route<E: Envelope + Clone + Send + Sync + 'static>(
    platform: &Platform,
) -> MethodRouter<Arc<Log>> {
    post(typed::<E>).route_layer(VerifyLayer::decoding(receiver::<E>(platform)))
}

fn raw_route<T: 'static>(platform: &Platform) -> MethodRouter<Arc<Log>> {
    post(raw).route_layer(VerifyLayer::new(receiver::<T>(platform)).with_mark())
}

fn router(log: Arc<Log>) -> Router {
    Router::new()
        .route(
            "/typed/emuluxe",
            typed_route::<session::Event>(Platform::EMULUXE),
        )
        .route(
            "/typed/pulselabs",
            typed_route::<debate::Event>(Platform::PULSELABS),
        )
        .route(
            "/typed/capawesome",
            typed_route::<job::Event>(Platform::CAPAWESOME),
        )
        .route(
            "/typed/splexa",
            typed_route::<network::Event>(Platform::SPLEXA),
        )
        .route(
            "/typed/cortex",
            typed_route::<scan::Event>(Platform::CORTEX),
        )
        .route("/raw/emuluxe", raw_route::<tag::Emuluxe>(Platform::EMULUXE))
        .route(
            "/raw/pulselabs",
            raw_route::<tag::PulseLabs>(Platform::PULSELABS),
        )
        .route(
            "/raw/capawesome",
            raw_route::<tag::Capawesome>(Platform::CAPAWESOME),
        )
        .route("/raw/splexa", raw_route::<tag::Splexa>(Platform::SPLEXA))
        .route("/raw/cortex", raw_route::<tag::Cortex>(Platform::CORTEX))
        .route("/raw/github", raw_route::<tag::GitHub>(Platform::GITHUB))
        .route("/raw/stripe", raw_route::<tag::Stripe>(Platform::STRIPE))
        .with_state(log)
}

async fn serve(router: Router, log: Arc<Log>) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let task = tokio::spawn(async move { axum::serve(listener, router).await });
    Server {
        base,
        log,
        stop: Some(Box::new(move || task.abort())),
    }
}

async fn start() -> Server {
    let log = Arc::new(Log::default());
    serve(router(Arc::clone(&log)), log).await
}

/// Requests that reached the router's outer middleware.
static SEEN_OUTSIDE: AtomicUsize = AtomicUsize::new(0);

async fn count(request: Request, next: Next) -> Response {
    SEEN_OUTSIDE.fetch_add(1, Ordering::SeqCst);
    next.run(request).await
}

async fn stamp(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert("x-served-by", HeaderValue::from_static("test"));
    response
}

/// The router's own layers run around the verifying layer: on accepted and
/// refused requests alike; the route layer runs only on its route, so an
/// unknown path is a plain 404.
#[tokio::test]
async fn the_layer_composes_with_the_routers_other_layers() {
    let log = Arc::new(Log::default());
    let router = router(Arc::clone(&log))
        .layer(middleware::map_response(stamp))
        .layer(middleware::from_fn(count));
    bounded(serve(router, log), |server| async move {
        let cortex = case(Platform::CORTEX);
        let url = format!("{}{}", server.base, cortex.typed_path());
        let signed = cortex.request(url.clone(), &signer(Platform::CORTEX), "d-1", &cortex.body);
        let forged = cortex.request(url, &signer(Platform::SPLEXA), "d-2", &cortex.body);
        let client = reqwest::Client::new();
        for (request, status) in [
            (signed, StatusCode::NO_CONTENT),
            (forged, StatusCode::UNAUTHORIZED),
        ] {
            let response = client
                .execute(reqwest::Request::try_from(request).unwrap())
                .await
                .unwrap();
            assert_eq!(response.status().as_u16(), status.as_u16());
            assert_eq!(response.headers()["x-served-by"], "test");
        }
        let nowhere = http::Request::post(format!("{}/typed/nowhere", server.base))
            .body(Vec::new())
            .unwrap();
        assert_eq!(send(nowhere).await.0, StatusCode::NOT_FOUND);
        assert_eq!(SEEN_OUTSIDE.load(Ordering::SeqCst), 3);
        assert_eq!(server.log.seen().len(), 1);
    })
    .await;
}

/// `Decoded<E>` takes the event the layer left, so there is none left for
/// `Extension<E>`; axum's `Extension<E>` alone still gets it (a clone).
/// Where no layer decoded one, `Decoded<E>` refuses with a 500 rather than
/// run the handler.
#[tokio::test]
async fn decoded_moves_the_event_out_and_refuses_where_none_was_decoded() {
    async fn cloned(Extension(event): Extension<scan::Event>) -> String {
        event.name().to_owned()
    }
    async fn moved(
        Decoded(event): Decoded<scan::Event>,
        again: Option<Extension<scan::Event>>,
    ) -> String {
        assert!(again.is_none(), "the event was moved out");
        event.name().to_owned()
    }
    async fn unverified(Decoded(_): Decoded<scan::Event>) -> StatusCode {
        unreachable!("no event was decoded for this route")
    }
    let router: Router = Router::new()
        .route(
            "/cloned",
            post(cloned).route_layer(VerifyLayer::decoding(receiver::<scan::Event>(
                Platform::CORTEX,
            ))),
        )
        .route(
            "/moved",
            post(moved).route_layer(VerifyLayer::decoding(receiver::<scan::Event>(
                Platform::CORTEX,
            ))),
        )
        .route(
            "/undecoded",
            post(unverified)
                .route_layer(VerifyLayer::new(receiver::<tag::Cortex>(Platform::CORTEX))),
        );
    let cortex = case(Platform::CORTEX);
    for (path, status, text) in [
        ("/cloned", StatusCode::OK, "scan.completed"),
        ("/moved", StatusCode::OK, "scan.completed"),
        (
            "/undecoded",
            StatusCode::INTERNAL_SERVER_ERROR,
            "webhook receiver is not configured",
        ),
    ] {
        let request = cortex
            .request(
                path.to_owned(),
                &signer(Platform::CORTEX),
                "d-1",
                &cortex.body,
            )
            .map(axum::body::Body::from);
        let response = router.clone().oneshot(request).await.unwrap();
        assert_eq!(response.status(), status, "{path}");
        let body = axum::body::to_bytes(response.into_body(), 1024)
            .await
            .unwrap();
        assert_eq!(body, text, "{path}");
    }
}
