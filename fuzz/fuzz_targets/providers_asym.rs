//! SendGrid's and PayPal's header parsers, key and certificate readers,
//! and PayPal's certificate URL check, on any bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = hooksig_fuzz::providers_asym(data);
});
