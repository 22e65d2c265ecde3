//! `hooksig::tower::VerifyLayer` on a bare hyper server, through
//! hyper-util's `TowerToHyperService`, one layered service per route.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::Arc;

use bytes::Bytes;
use hooksig::Platform;
use hooksig::event::{Envelope, debate, job, network, scan, session};
use hooksig::tower::{Verification, VerifyLayer};
use http::{Request, Response, StatusCode};
use http_body_util::{BodyExt, Either, Full};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tower::util::BoxCloneSyncService;
use tower::{Layer, ServiceExt, service_fn};

use super::suite::suite;
use super::{Log, Server, receiver, tag};

suite!(start);

type Answer = Response<Either<Full<Bytes>, Full<Bytes>>>;
type Route = BoxCloneSyncService<Request<Incoming>, Answer, Infallible>;

fn no_content() -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::default());
    *response.status_mut() = StatusCode::NO_CONTENT;
    response
}

fn typed<E: Envelope + Clone + Send + Sync + 'static>(
    platform: &Platform,
    log: &Arc<Log>,
) -> Route {
    let log = Arc::clone(log);
    let handler = service_fn(move |request: Request<Full<Bytes>>| {
        let log = Arc::clone(&log);
        async move {
            assert!(request.extensions().get::<Verification>().is_some());
            log.event(request.extensions().get::<E>().unwrap());
            Ok::<_, Infallible>(no_content())
        }
    });
    BoxCloneSyncService::new(
        VerifyLayer::decoding(receiver::<E>(platform))
            .with_mark()
            .layer(handler),
    )
}

fn raw<T: 'static>(platform: &Platform, log: &Arc<Log>) -> Route {
    let log = Arc::clone(log);
    let handler = service_fn(move |request: Request<Full<Bytes>>| {
        let log = Arc::clone(&log);
        async move {
            // Marked only when asked.
            assert!(request.extensions().get::<Verification>().is_none());
            let path = request.uri().path().to_owned();
            let body = request.into_body().collect().await?.to_bytes();
            log.bytes(&path, body);
            Ok::<_, Infallible>(no_content())
        }
    });
    BoxCloneSyncService::new(VerifyLayer::new(receiver::<T>(platform)).layer(handler))
}

async fn start() -> Server {
    let log = Arc::new(Log::default());
    let routes: Arc<HashMap<&str, Route>> = Arc::new(HashMap::from([
        (
            "/typed/emuluxe",
            typed::<session::Event>(Platform::EMULUXE, &log),
        ),
        (
            "/typed/pulselabs",
            typed::<debate::Event>(Platform::PULSELABS, &log),
        ),
        (
            "/typed/capawesome",
            typed::<job::Event>(Platform::CAPAWESOME, &log),
        ),
        (
            "/typed/splexa",
            typed::<network::Event>(Platform::SPLEXA, &log),
        ),
        (
            "/typed/cortex",
            typed::<scan::Event>(Platform::CORTEX, &log),
        ),
        ("/raw/emuluxe", raw::<tag::Emuluxe>(Platform::EMULUXE, &log)),
        (
            "/raw/pulselabs",
            raw::<tag::PulseLabs>(Platform::PULSELABS, &log),
        ),
        (
            "/raw/capawesome",
            raw::<tag::Capawesome>(Platform::CAPAWESOME, &log),
        ),
        ("/raw/splexa", raw::<tag::Splexa>(Platform::SPLEXA, &log)),
        ("/raw/cortex", raw::<tag::Cortex>(Platform::CORTEX, &log)),
        ("/raw/github", raw::<tag::GitHub>(Platform::GITHUB, &log)),
        ("/raw/stripe", raw::<tag::Stripe>(Platform::STRIPE, &log)),
    ]));
    let dispatch = service_fn(move |request: Request<Incoming>| {
        let route = routes.get(request.uri().path()).cloned();
        async move {
            match route {
                Some(route) => route.oneshot(request).await,
                None => {
                    let mut response = Response::new(Either::Right(Full::default()));
                    *response.status_mut() = StatusCode::NOT_FOUND;
                    Ok(response)
                }
            }
        }
    });

    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let task = tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            let service = TowerToHyperService::new(dispatch.clone());
            tokio::spawn(async move {
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    Server {
        base,
        log,
        stop: Some(Box::new(move || task.abort())),
    }
}
