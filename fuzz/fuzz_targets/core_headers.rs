//! Paddle's `ts=;h1=` header, Typeform's `sha256=<base64>` and the RFC 3339
//! timestamps of Twitch and Zendesk on any value.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = hooksig_fuzz::core_headers(data);
});
