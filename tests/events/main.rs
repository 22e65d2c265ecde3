//! Typed events: the seed payloads, decoding, receiving and the envelope
//! property tests, one module per subject, in one test binary. The
//! allocation checks for events are in tests/alloc/.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

mod event_support;

mod decode;
mod duplicates;
mod prop_event;
mod raw_json;
mod receive;
mod seeds;
