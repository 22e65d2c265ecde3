//! `hooksig::actix` extractors on an actix-web server, its receivers in
//! the app data.

use std::sync::Arc;
use std::sync::mpsc;

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use hooksig::Platform;
use hooksig::actix::{Verified, VerifiedBody};
use hooksig::event::{Envelope, debate, job, network, scan, session};
use http::StatusCode;

use super::suite::suite;
use super::{Log, Server, bounded, case, receiver, send, signer, tag};

suite!(start);

async fn typed<E: Envelope + 'static>(
    log: web::Data<Arc<Log>>,
    Verified(event): Verified<E>,
) -> HttpResponse {
    log.event(&event);
    HttpResponse::NoContent().finish()
}

async fn raw<T: 'static>(
    log: web::Data<Arc<Log>>,
    request: HttpRequest,
    body: VerifiedBody<T>,
) -> HttpResponse {
    log.bytes(request.path(), body.into_bytes());
    HttpResponse::NoContent().finish()
}

/// A source no receiver was given for.
struct Unregistered;

fn app(
    log: Arc<Log>,
) -> App<
    impl actix_web::dev::ServiceFactory<
        actix_web::dev::ServiceRequest,
        Config = (),
        Response = actix_web::dev::ServiceResponse,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    App::new()
        .app_data(web::Data::new(log))
        .app_data(receiver::<session::Event>(Platform::EMULUXE))
        .app_data(receiver::<debate::Event>(Platform::PULSELABS))
        .app_data(receiver::<job::Event>(Platform::CAPAWESOME))
        .app_data(receiver::<network::Event>(Platform::SPLEXA))
        .app_data(receiver::<scan::Event>(Platform::CORTEX))
        .app_data(receiver::<tag::Emuluxe>(Platform::EMULUXE))
        .app_data(receiver::<tag::PulseLabs>(Platform::PULSELABS))
        .app_data(receiver::<tag::Capawesome>(Platform::CAPAWESOME))
        .app_data(receiver::<tag::Splexa>(Platform::SPLEXA))
        .app_data(receiver::<tag::Cortex>(Platform::CORTEX))
        .app_data(receiver::<tag::GitHub>(Platform::GITHUB))
        .app_data(receiver::<tag::Stripe>(Platform::STRIPE))
        .route("/typed/emuluxe", web::post().to(typed::<session::Event>))
        .route("/typed/pulselabs", web::post().to(typed::<debate::Event>))
        .route("/typed/capawesome", web::post().to(typed::<job::Event>))
        .route("/typed/splexa", web::post().to(typed::<network::Event>))
        .route("/typed/cortex", web::post().to(typed::<scan::Event>))
        .route("/raw/emuluxe", web::post().to(raw::<tag::Emuluxe>))
        .route("/raw/pulselabs", web::post().to(raw::<tag::PulseLabs>))
        .route("/raw/capawesome", web::post().to(raw::<tag::Capawesome>))
        .route("/raw/splexa", web::post().to(raw::<tag::Splexa>))
        .route("/raw/cortex", web::post().to(raw::<tag::Cortex>))
        .route("/raw/github", web::post().to(raw::<tag::GitHub>))
        .route("/raw/stripe", web::post().to(raw::<tag::Stripe>))
        .route("/raw/unregistered", web::post().to(raw::<Unregistered>))
}

/// The server on its own thread, in actix's own runtime; dropping the
/// [`Server`] stops it.
async fn start() -> Server {
    let log = Arc::new(Log::default());
    let (sender, started) = mpsc::channel();
    let shared = Arc::clone(&log);
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let server = HttpServer::new(move || app(Arc::clone(&shared)))
                .workers(1)
                .bind(("127.0.0.1", 0))
                .unwrap();
            let address = server.addrs()[0];
            let server = server.run();
            sender.send((address, server.handle())).unwrap();
            server.await
        })
    });
    let (address, handle) = tokio::task::spawn_blocking(move || started.recv().unwrap())
        .await
        .unwrap();
    Server {
        base: format!("http://{address}"),
        log,
        stop: Some(Box::new(move || drop(handle.stop(false)))),
    }
}

/// A route whose receiver is missing is a server mistake: 500, with a body
/// that names nothing.
#[tokio::test]
async fn a_route_without_a_receiver_answers_500() {
    bounded(start(), |server| async move {
        let cortex = case(Platform::CORTEX);
        let url = format!("{}/raw/unregistered", server.base);
        let request = cortex.request(url, &signer(Platform::CORTEX), "d-1", &cortex.body);
        let (status, body) = send(request).await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(body, "webhook receiver is not configured");
        assert_eq!(server.log.seen(), []);
    })
    .await;
}
