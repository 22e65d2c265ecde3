//! Every key reader (`whpk_`, `whsk_`, Discord's hex, raw bytes, and the
//! platforms' readers that choose the kind) on any text.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = hooksig_fuzz::keys(data);
});
