//! Twilio's URL and form reading, HubSpot's URI and timestamp, Mailgun's
//! body: a URL, a zero byte, then a body. Needs hooksig's `sha1` feature.
#![no_main]

#[allow(dead_code)]
#[path = "../../tests/fuzz_corpus/providers_hmac.rs"]
mod providers_hmac;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = providers_hmac::providers_hmac(data);
});
