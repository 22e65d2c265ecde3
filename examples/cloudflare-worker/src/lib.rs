//! A Cloudflare Workers fetch handler that verifies a Stripe webhook with
//! `hooksig`'s no_std core (no `http`, no `std` features).
//!
//! Built for `wasm32-unknown-unknown` in CI (`scripts/nostd-ci.sh`); deploy
//! it with `wrangler` and `worker-build`, the secret in
//! `STRIPE_WEBHOOK_SECRET` (`wrangler secret put STRIPE_WEBHOOK_SECRET`).
//!
//! Two things differ from a server:
//! - `now` comes from the Worker's `Date` (JavaScript's `Date.now()`):
//!   `jiff::Timestamp::now()` needs jiff's `js` feature there, and
//!   `std::time::SystemTime::now()` panics on `wasm32-unknown-unknown`.
//! - the headers are read from the Workers `Headers` into `(name, value)`
//!   pairs, which implement `hooksig::Headers`.

use hooksig::{Platform, VerifyError};
use worker::{Context, Date, Env, Request, Response, Result, event};

/// Verifies the raw body, then answers 200; 401 for a signature that does
/// not match, 400 for a request that is malformed or stale.
#[event(fetch)]
pub async fn fetch(mut req: Request, env: Env, _ctx: Context) -> Result<Response> {
    let secret = env.secret("STRIPE_WEBHOOK_SECRET")?.to_string();
    // A verifier per request is cheap (one HMAC key schedule); a Worker may
    // keep one in a `OnceCell` instead.
    let Ok(verifier) = Platform::STRIPE.verifier(secret.as_str()) else {
        return Response::error("webhook secret is not configured", 500);
    };
    let headers: Vec<(String, String)> = req.headers().entries().collect();
    // Read the raw bytes: a re-serialized body would not match.
    let body = req.bytes().await?;
    let Some(now) = now() else {
        return Response::error("clock unavailable", 500);
    };
    match verifier.verify(&headers, &body, now) {
        Ok(()) => Response::ok("verified"),
        Err(VerifyError::Mismatch) => Response::error("signature mismatch", 401),
        Err(error) => Response::error(error.to_string(), 400),
    }
}

/// The time now, from the Worker's `Date` (milliseconds since 1970).
fn now() -> Option<jiff::Timestamp> {
    let millis = i64::try_from(Date::now().as_millis()).ok()?;
    jiff::Timestamp::from_millisecond(millis).ok()
}
