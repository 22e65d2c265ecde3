//! hooksig on wasm: the published vectors and the core sign/verify tests,
//! through only the API the no_std core has (no `http`), so that they run
//! on `wasm32-wasip1` under a wasm runtime, and natively.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod core_api;
mod vectors;

#[test]
fn reports_where_it_runs() {
    // Fails if a wasm run was in fact native: cargo's runner is checked.
    let expected = std::env::var("HOOKSIG_EXPECT_TARGET").unwrap_or_default();
    if !expected.is_empty() {
        assert_eq!(hooksig_wasm_tests::TARGET, expected);
    }
    assert_eq!(
        cfg!(target_family = "wasm"),
        hooksig_wasm_tests::TARGET == "wasm"
    );
}
