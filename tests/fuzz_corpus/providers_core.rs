//! Fuzz target body for the header readers of the core presets of issue
//! #19: Paddle's `ts=...;h1=...`, Typeform's `sha256=<base64>` and the RFC
//! 3339 timestamps of Twitch and Zendesk. Shared by the cargo-fuzz target
//! (fuzz/fuzz_targets/core_headers.rs) and the stable corpus replay in
//! tests/providers_core/main.rs.

use std::sync::LazyLock;

use hooksig::{Encoding, Platform, SignatureValue, SigningKey, Verifier, VerifyError};
use jiff::Timestamp;

const SECRET: &str = "core-fuzz-secret";
const BODY: &[u8] = b"{\"fuzz\":true}";

static PADDLE: LazyLock<Verifier> = LazyLock::new(|| Platform::PADDLE.verifier(SECRET).unwrap());
static TYPEFORM: LazyLock<Verifier> =
    LazyLock::new(|| Platform::TYPEFORM.verifier(SECRET).unwrap());
static TWITCH: LazyLock<Verifier> = LazyLock::new(|| Platform::TWITCH.verifier(SECRET).unwrap());
static ZENDESK: LazyLock<Verifier> = LazyLock::new(|| Platform::ZENDESK.verifier(SECRET).unwrap());
static KEY: LazyLock<SigningKey> = LazyLock::new(|| SigningKey::new(SECRET).unwrap());

/// `data` as each header value these presets read. Never panics; accepts
/// only what the secret signed; errors stay short and never echo the value;
/// a `sha256=<base64>` value that reads writes back in its one canonical
/// spelling.
pub fn core_headers(data: &[u8]) -> [Result<(), VerifyError>; 4] {
    let now = Timestamp::from_second(1_700_000_000).unwrap();
    let short = |result: &Result<(), VerifyError>| {
        if let Err(error) = result {
            assert!(error.to_string().len() < 160, "{error}");
        }
    };

    // Paddle: the whole header. `Ok` only with a `ts` whose `ts:body` the
    // secret signed in one of its `h1`s.
    let paddle = PADDLE.verify(&[("Paddle-Signature", data)], BODY, now);
    short(&paddle);
    if paddle.is_ok() {
        let text = std::str::from_utf8(data).unwrap();
        let ts = text
            .split(';')
            .find_map(|item| item.trim_matches([' ', '\t']).strip_prefix("ts="))
            .unwrap();
        let mac = KEY.sign_parts(&[ts.as_bytes(), b":", BODY]).to_string();
        assert!(text.to_ascii_lowercase().contains(&mac), "{text}");
    }

    // Typeform: `sha256=<base64>`.
    let typeform = TYPEFORM.verify(&[("Typeform-Signature", data)], BODY, now);
    short(&typeform);
    if let Ok(value) = SignatureValue::parse_as(data, Encoding::Sha256Base64) {
        let text = value.to_string();
        assert!(text.starts_with("sha256=") && text.len() == 51, "{text}");
        assert_eq!(
            SignatureValue::parse_as(&text, Encoding::Sha256Base64),
            Ok(value)
        );
        assert_eq!(typeform.is_ok(), value.signature() == KEY.sign(BODY));
    } else {
        assert!(typeform.is_err());
    }

    // Twitch and Zendesk: the value as the signed timestamp, under a
    // signature that the secret made for it; a timestamp that reads is
    // then judged, one that does not is a timestamp error.
    let twitch_mac = KEY.sign_parts(&[b"id", data, BODY]);
    let twitch_signature = twitch_mac.to_value(Encoding::Sha256Hex).to_string();
    let twitch = TWITCH.verify(
        &[
            ("Twitch-Eventsub-Message-Id", &b"id"[..]),
            ("Twitch-Eventsub-Message-Timestamp", data),
            (
                "Twitch-Eventsub-Message-Signature",
                twitch_signature.as_bytes(),
            ),
        ],
        BODY,
        now,
    );
    short(&twitch);
    let zendesk_mac = KEY.sign_parts(&[data, BODY]);
    let zendesk_signature = zendesk_mac.to_value(Encoding::Base64).to_string();
    let zendesk = ZENDESK.verify(
        &[
            ("X-Zendesk-Webhook-Signature", zendesk_signature.as_bytes()),
            ("X-Zendesk-Webhook-Signature-Timestamp", data),
        ],
        BODY,
        now,
    );
    short(&zendesk);
    // A timestamp the crate reads is one jiff's own parser reads, as the
    // same instant: a verdict of fresh means jiff's reading is fresh too.
    let jiff = core::str::from_utf8(data).ok().and_then(|text| {
        jiff::fmt::temporal::DateTimeParser::new()
            .parse_timestamp(text)
            .ok()
    });
    if matches!(zendesk, Ok(()) | Err(VerifyError::Stale(_))) {
        let read = jiff.unwrap_or_else(|| panic!("jiff refuses {data:?}"));
        let apart = read.duration_since(now).abs();
        let fresh = apart <= jiff::SignedDuration::from_secs(300);
        assert_eq!(zendesk.is_ok(), fresh, "{data:?}: {read}");
    }
    for result in [&twitch, &zendesk] {
        assert!(
            matches!(
                result,
                Ok(())
                    | Err(VerifyError::Timestamp { .. } | VerifyError::Stale(_))
                    | Err(VerifyError::Header(_))
            ),
            "{result:?}"
        );
    }
    [paddle, typeform, twitch, zendesk]
}
