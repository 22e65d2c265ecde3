//! What both benchmark targets measure with: the bodies, the secret and the
//! peer crates' ways of verifying.

use hmac::{Hmac, KeyInit, Mac};
use http::{HeaderMap, HeaderValue};
use sha2::Sha256;
use subtle::ConstantTimeEq;

/// The secret for the `sha256=` scheme.
pub(crate) const SECRET: &str = "whsec-benchmark-0123456789abcdef";

/// A Standard Webhooks secret, as `standardwebhooks` and hooksig read it.
pub(crate) const STANDARD_SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

/// Body sizes and their labels (criterion files measurements under them).
pub(crate) const SIZES: [(usize, &str); 4] = [
    (64, "64B"),
    (1024, "1KiB"),
    (16 * 1024, "16KiB"),
    (1024 * 1024, "1MiB"),
];

/// A Cortex `issue.critical` body, as the Cortex seed documents it.
pub(crate) const CORTEX_BODY: &[u8] = br#"{"event":"issue.critical","id":"evt_1234567891","timestamp":"2024-01-01T12:05:00Z","data":{"scan_id":"scan_abc123","issue_id":"issue_xyz789","severity":"critical","title":"SQL Injection Vulnerability","file":"api/user.js","line":42}}"#;

/// A JSON-looking body of exactly `len` bytes: hashing does not care what
/// the bytes are, but a reader of a profile might, and `standardwebhooks`
/// insists on UTF-8.
pub(crate) fn body(len: usize) -> Vec<u8> {
    let pattern = br#"{"event":"scan.completed","data":{"id":"evt_0123456789","ok":true}}"#;
    pattern.iter().copied().cycle().take(len).collect()
}

/// How peer crates verify: key HMAC from the secret on every request, hash,
/// hex-encode the MAC into a `String` and compare the strings (here in
/// constant time, as the careful ones do).
pub(crate) fn rekeying_verify(secret: &[u8], body: &[u8], header: &[u8]) -> bool {
    let Some(digits) = header.strip_prefix(b"sha256=") else {
        return false;
    };
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).unwrap();
    mac.update(body);
    let expected = hex::encode(mac.finalize().into_bytes());
    expected.as_bytes().ct_eq(digits).into()
}

/// Standard Webhooks headers for `body`, signed now by the peer crate itself,
/// so that a comparison also checks that the two agree. The peer checks its
/// five-minute tolerance against the clock: sign just before measuring.
pub(crate) fn standard_webhooks_headers(
    peer: &standardwebhooks::Webhook,
    body: &[u8],
) -> HeaderMap {
    let id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    let now = jiff::Timestamp::now().as_second();
    let mut headers = HeaderMap::new();
    headers.insert("content-type", HeaderValue::from_static("application/json"));
    headers.insert("webhook-id", HeaderValue::from_static(id));
    headers.insert("webhook-timestamp", HeaderValue::from(now));
    let signature = peer.sign(id, now, body).unwrap();
    headers.insert("webhook-signature", signature.parse().unwrap());
    headers
}

/// `headers` as a receiver behind a load balancer sees them: what the
/// client and the proxies add, 15 values in all with the four above. Lookup
/// costs depend on the size of the map, so a bare map would flatter.
pub(crate) fn behind_a_proxy(mut headers: HeaderMap) -> HeaderMap {
    for (name, value) in [
        ("host", "hooks.example.com"),
        ("user-agent", "Svix-Webhooks/1.26"),
        ("content-length", "64"),
        ("accept", "*/*"),
        ("accept-encoding", "gzip, deflate"),
        ("x-forwarded-for", "203.0.113.7"),
        ("x-forwarded-proto", "https"),
        ("x-real-ip", "203.0.113.7"),
        ("x-request-id", "4bf92f3577b34da6"),
        (
            "traceparent",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        ),
        ("via", "1.1 edge"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    headers
}

/// A Cortex `scan.completed` as the seed shows it (compact), with an
/// undocumented `findings` array of small objects in its `data`, at most
/// `len` bytes: real payloads carry more than the documentation shows,
/// and the crate keeps such fields as raw JSON.
#[allow(dead_code)] // Not every benchmark target decodes events.
pub(crate) fn cortex_with_findings(len: usize) -> Vec<u8> {
    let head = br#"{"event":"scan.completed","id":"evt_1234567890","timestamp":"2024-01-01T12:00:00Z","data":{"scan_id":"scan_abc123","repo_url":"https://github.com/user/repo","status":"completed","score":85,"issues_count":12,"duration_seconds":45,"findings":["#;
    let tail = b"]}}";
    let mut body = head.to_vec();
    for index in 0.. {
        let finding = format!(
            r#"{}{{"id":"f_{index:05}","rule":"js/sql-injection","severity":"high","file":"api/user.js","line":{}}}"#,
            if index == 0 { "" } else { "," },
            40 + index % 97
        );
        if body.len() + finding.len() + tail.len() > len {
            break;
        }
        body.extend_from_slice(finding.as_bytes());
    }
    body.extend_from_slice(tail);
    body
}
