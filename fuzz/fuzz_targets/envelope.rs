//! Every typed envelope's `decode`, and `RawEvent::decode`, on any body.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = hooksig_fuzz::envelope(data);
});
