//! A verify-only wasm module: two exports that verify a Cortex (body-only)
//! and a Stripe (timestamped) webhook, and an allocator export for the host
//! to pass bytes in. Its size is what BENCHMARKS.md reports.
//!
//! Each export returns 0 when the request verifies, 1 on a mismatch, 2 on
//! any other error (bad secret, malformed or stale header).

use hooksig::{Platform, VerifyError};

/// `len` bytes for the host to write into; never freed (a one-shot module).
#[unsafe(no_mangle)]
pub extern "C" fn hooksig_alloc(len: usize) -> *mut u8 {
    let mut buffer = Vec::<u8>::with_capacity(len);
    let pointer = buffer.as_mut_ptr();
    core::mem::forget(buffer);
    pointer
}

/// Reads `len` bytes at `pointer`, which the host wrote via `hooksig_alloc`.
fn bytes<'a>(pointer: *const u8, len: usize) -> &'a [u8] {
    if len == 0 {
        return &[];
    }
    // SAFETY: the host passes a buffer it got from `hooksig_alloc(len)` and
    // filled; the module never frees it.
    unsafe { core::slice::from_raw_parts(pointer, len) }
}

fn code(result: Result<(), VerifyError>) -> i32 {
    match result {
        Ok(()) => 0,
        Err(VerifyError::Mismatch) => 1,
        Err(_) => 2,
    }
}

/// Verifies an `X-Cortex-Signature` value over `body` with `secret`.
#[unsafe(no_mangle)]
pub extern "C" fn hooksig_verify_cortex(
    secret: *const u8,
    secret_len: usize,
    value: *const u8,
    value_len: usize,
    body: *const u8,
    body_len: usize,
) -> i32 {
    let Ok(verifier) = Platform::CORTEX.verifier(bytes(secret, secret_len)) else {
        return 2;
    };
    let now = jiff::Timestamp::UNIX_EPOCH; // a body-only scheme ignores it
    code(verifier.verify_value(bytes(value, value_len), bytes(body, body_len), now))
}

/// Verifies a `Stripe-Signature` value over `body` with `secret` at `now`
/// (Unix seconds, from the host's clock).
#[unsafe(no_mangle)]
pub extern "C" fn hooksig_verify_stripe(
    secret: *const u8,
    secret_len: usize,
    value: *const u8,
    value_len: usize,
    body: *const u8,
    body_len: usize,
    now: i64,
) -> i32 {
    let Ok(verifier) = Platform::STRIPE.verifier(bytes(secret, secret_len)) else {
        return 2;
    };
    let Ok(now) = jiff::Timestamp::from_second(now) else {
        return 2;
    };
    code(verifier.verify_value(bytes(value, value_len), bytes(body, body_len), now))
}
