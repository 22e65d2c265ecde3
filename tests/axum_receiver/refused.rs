//! Refused requests: 401 for verification, 400 for a body that is not an
//! event, 413 for one over the limit; nothing handled.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use axum::http::StatusCode;
use hooksig::Platform;

use super::{LIMIT, bounded, case, seed, send, signer};

#[tokio::test]
async fn tampered_bodies_wrong_secrets_and_missing_signatures_get_401() {
    bounded(|server| async move {
        for platform in Platform::SEEDS {
            let case = case(platform);
            let name = platform.name();
            let intruder = platform.signer("not-the-secret").unwrap();

            // Still a valid event after the change: only the signature
            // can tell.
            let mut tampered = case.signed(&server.base, "d-1");
            tampered.body_mut().push(b' ');
            let (status, body) = send(tampered).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{name}");
            assert_eq!(body, "signature did not match", "{name}");

            let wrong = case.request(&server.base, &intruder, "d-2", &case.body);
            let signature = wrong.headers()[platform.signature_header().name()]
                .to_str()
                .unwrap()
                .to_owned();
            let (status, body) = send(wrong).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{name}");
            assert_eq!(body, "signature did not match", "{name}");
            assert!(!body.contains(&signature[signature.len() - 64..]));

            // Verified before decoded: garbage from an intruder is a 401.
            let garbage = case.request(&server.base, &intruder, "d-5", b"not json");
            assert_eq!(send(garbage).await.0, StatusCode::UNAUTHORIZED, "{name}");

            let mut unsigned = case.signed(&server.base, "d-3");
            unsigned
                .headers_mut()
                .remove(platform.signature_header().name());
            let (status, body) = send(unsigned).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{name}");
            assert_eq!(
                body,
                format!("missing header {}", platform.signature_header())
            );

            let mut malformed = case.signed(&server.base, "d-4");
            malformed.headers_mut().insert(
                platform.signature_header().name(),
                "sha256=not-hex".parse().unwrap(),
            );
            let (status, body) = send(malformed).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{name}");
            assert!(body.starts_with("header "), "{name}: {body}");
            assert!(!body.contains("not-hex"), "{name}: {body}");
        }
        assert!(server.log.handled().is_empty());
    })
    .await;
}

#[tokio::test]
async fn authentic_bodies_that_are_not_events_get_400() {
    bounded(|server| async move {
        for platform in Platform::SEEDS.into_iter().filter(|p| p.name() != "GitHub") {
            let case = case(platform);
            let name = platform.name();
            let signer = signer(platform);

            let not_json = case.request(&server.base, &signer, "d-1", b"{\"event\":");
            let (status, body) = send(not_json).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{name}");
            assert!(
                body.starts_with("body is not a JSON object"),
                "{name}: {body}"
            );

            // A documented event without its fields: the error names the
            // event.
            let bare = format!(r#"{{"event":"{}"}}"#, case.event);
            let (status, body) =
                send(case.request(&server.base, &signer, "d-2", bare.as_bytes())).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{name}");
            assert!(body.starts_with(case.event), "{name}: {body}");
            assert!(body.contains("missing field"), "{name}: {body}");
        }
        assert!(server.log.handled().is_empty());
    })
    .await;
}

#[tokio::test]
async fn bodies_over_the_limit_get_413_and_the_limit_itself_passes() {
    bounded(|server| async move {
        let cortex = case(Platform::CORTEX);
        let signer = signer(Platform::CORTEX);
        // The seed event padded with JSON whitespace: still valid, still
        // signed, exactly `size` bytes.
        let padded = |size: usize| {
            let mut body = cortex.body.clone();
            body.resize(size, b' ');
            body
        };

        let at_limit = cortex.request(&server.base, &signer, "d-1", &padded(LIMIT));
        assert_eq!(send(at_limit).await.0, StatusCode::NO_CONTENT);

        let over = cortex.request(&server.base, &signer, "d-2", &padded(LIMIT + 1));
        let (status, body) = send(over).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(
            body,
            format!("body is larger than the limit of {LIMIT} bytes")
        );

        // Without a Content-Length the limit holds as the chunks arrive.
        let chunked = |body: &[u8]| cortex.request(&server.base, &signer, "d-3", body);
        let small = chunked(&seed("cortex_issue_critical.json"));
        assert_eq!(
            send_raw(small, Framing::Chunked).await,
            StatusCode::NO_CONTENT
        );
        let large = chunked(&padded(LIMIT + 1000));
        assert_eq!(
            send_raw(large, Framing::Chunked).await,
            StatusCode::PAYLOAD_TOO_LARGE
        );

        // A declared length over the limit is refused before any of the
        // body is read: here none is ever sent.
        let declared = cortex.request(&server.base, &signer, "d-4", b"");
        assert_eq!(
            send_raw(declared, Framing::Declared(1 << 30)).await,
            StatusCode::PAYLOAD_TOO_LARGE
        );

        assert_eq!(server.log.count(Platform::CORTEX), 2);
    })
    .await;
}

/// How [`send_raw`] frames a body.
pub(super) enum Framing {
    /// `Transfer-Encoding: chunked`, in chunks of at most 4 KiB.
    Chunked,
    /// A `Content-Length` of this many bytes, and then nothing: a client
    /// that would stream a huge body.
    Declared(usize),
}

/// Sends `request` over a plain socket, its body framed as `framing`, and
/// returns the status of the answer.
pub(super) async fn send_raw(request: http::Request<Vec<u8>>, framing: Framing) -> StatusCode {
    let address = request.uri().authority().unwrap().as_str().to_owned();
    let mut wire = format!(
        "POST {} HTTP/1.1\r\nhost: {address}\r\nconnection: close\r\n",
        request.uri().path()
    );
    for (name, value) in request.headers() {
        wire.push_str(&format!("{name}: {}\r\n", value.to_str().unwrap()));
    }
    let wire = match framing {
        Framing::Chunked => {
            let mut wire = format!("{wire}transfer-encoding: chunked\r\n\r\n").into_bytes();
            for chunk in request.body().chunks(4096) {
                wire.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
                wire.extend_from_slice(chunk);
                wire.extend_from_slice(b"\r\n");
            }
            wire.extend_from_slice(b"0\r\n\r\n");
            wire
        }
        Framing::Declared(length) => format!("{wire}content-length: {length}\r\n\r\n").into_bytes(),
    };

    // A blocking socket on its own thread: the tests' tokio has no io-util.
    let answer = tokio::task::spawn_blocking(move || {
        let mut stream = TcpStream::connect(&address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        // The server may answer and stop reading before the end.
        let _ = stream.write_all(&wire);
        // Up to the end of the status line: the server need not close.
        let mut answer = Vec::new();
        let mut buffer = [0; 1024];
        while !answer.windows(2).any(|pair| pair == b"\r\n") {
            match stream.read(&mut buffer) {
                Ok(0) | Err(_) => break,
                Ok(n) => answer.extend_from_slice(&buffer[..n]),
            }
        }
        answer
    })
    .await
    .unwrap();
    let answer = String::from_utf8_lossy(&answer);
    let status = answer
        .strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .unwrap_or_else(|| panic!("no status line in {answer:?}"));
    StatusCode::from_bytes(status.as_bytes()).unwrap()
}
