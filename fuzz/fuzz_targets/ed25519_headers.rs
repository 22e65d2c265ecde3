//! Discord's signature header and Standard Webhooks' `v1a` entries on any
//! value, checked by verifiers holding public keys.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = hooksig_fuzz::ed25519_headers(data);
});
