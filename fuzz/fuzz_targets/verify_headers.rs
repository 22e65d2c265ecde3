//! `Verifier::verify` with each platform preset on any delivery, at any `now`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = hooksig_fuzz::verify_headers(data);
});
