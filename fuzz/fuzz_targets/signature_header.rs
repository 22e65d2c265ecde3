//! `SignatureHeader::parse` and `Verifier::verify` on any header value.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = hooksig_fuzz::signature_header(data);
});
