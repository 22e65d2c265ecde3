//! Heap-allocation checks, in one test binary of their own.
//!
//! Linking `allocation-counter` replaces the global allocator of the whole
//! binary with its counting one, so these tests stay apart from the others:
//! every other test binary keeps the system allocator untouched. The counts
//! are per thread (the crate keeps them in thread-locals), so the harness
//! running these tests in parallel, or its own threads allocating, does not
//! change what a test measures; nothing here needs to run serially.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

#[path = "../events/event_support.rs"]
mod event_support;

mod events;
mod providers;

#[cfg(all(feature = "p256", feature = "rsa"))]
mod providers_asym;
mod signing;

/// Heap allocations made on this thread while `f` runs.
fn allocations(f: impl FnOnce()) -> u64 {
    allocation_counter::measure(f).count_total
}
