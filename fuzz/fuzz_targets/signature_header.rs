//! `SignatureValue::parse` and `parse_as`, and `Verifier::verify` on any
//! signature header value.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = hooksig_fuzz::signature_header(data);
});
