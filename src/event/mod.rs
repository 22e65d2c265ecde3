//! Typed webhook events: decode a verified body into a typed envelope, or
//! build one and get the exact bytes to sign.
//!
//! One module per domain, each the envelope one platform documents, with
//! the wire names to the letter:
//!
//! | module | platform | body | events |
//! |---|---|---|---|
//! | [`session`] | Emuluxe | `{event, timestamp, sessionId, uid, data}` | `session.started`, `session.ended` |
//! | [`debate`] | PulseLABS | `{event, data}` | `debate.synthesized`, `simulation.tick.completed`, `simulation.report.ready`, `webhook.test` |
//! | [`job`] | Capawesome | `{event, data}` | `app_build_created`, `app_deployment_created`, `job_created`, `job_finished` |
//! | [`network`] | SPLEXA | `{event, category, timestamp, ...}` | category `network_event` (`device.*`), `audit_event` |
//! | [`scan`] | Cortex | `{event, id, timestamp, data}` | `scan.started`, `scan.progress`, `scan.completed`, `scan.failed`, `issue.critical`, `scan.timeout` |
//!
//! and [`RawEvent`], which reads any of them (or another platform's) only
//! as far as routing needs, borrowing its data from the body.
//!
//! # Receiving
//!
//! Verify the request first, with the platform's
//! [`Verifier`](crate::Verifier); then decode the verified body with
//! [`Envelope::decode`]. Answer 401 when verification fails and 400 when
//! the body is not the platform's event.
//!
//! ```
//! use hooksig::event::{Envelope, Timestamped, scan};
//! use hooksig::{Platform, Tolerance};
//! # let request = Platform::CORTEX.request("https://example.com/")
//! #     .event("issue.critical").delivery_id("d-1")
//! #     .sign_with(&Platform::CORTEX.signer("whsec-from-your-config")?)
//! #     .body(br#"{"event":"issue.critical","id":"evt_1234567891","timestamp":"2024-01-01T12:05:00Z","data":{"scan_id":"scan_abc123","issue_id":"issue_xyz789","severity":"critical","title":"SQL Injection Vulnerability","file":"api/user.js","line":42}}"#.to_vec())?;
//! # let (parts, body) = request.into_parts();
//! # let headers = parts.headers;
//! # let now: jiff::Timestamp = "2024-01-01T12:06:00Z".parse()?;
//!
//! let verifier = Platform::CORTEX.verifier("whsec-from-your-config")?;
//!
//! verifier.verify(&headers, &body, now)?;
//! let event = scan::Event::decode(&body)?;
//! event.check_freshness(Tolerance::DEFAULT, now)?;
//! let key = event.idempotency_key(&headers)?; // `event:evt_1234567891`: skip if seen
//!
//! match &event.data {
//!     scan::Data::CriticalIssue(issue) => assert_eq!(issue.line, 42),
//!     scan::Data::Completed(scan) => println!("score {}", scan.score),
//!     // A platform that adds an event never breaks the receiver.
//!     other => println!("ignoring {}", other.name()),
//! }
//! # assert_eq!(key.unwrap().to_string(), "event:evt_1234567891");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Sending
//!
//! Build the event, encode it with [`Envelope::to_vec`], and sign the
//! bytes with the platform's request builder.
//!
//! ```
//! use hooksig::event::{Envelope, debate};
//!
//! let signer = debate::Event::platform().signer("whsec-from-your-config")?;
//! let sent: jiff::Timestamp = "2024-03-23T14:30:00Z".parse()?;
//! let event = debate::Event::webhook_test("wh_123", "Hello from PulseLABS", sent);
//!
//! let request = debate::Event::platform()
//!     .request("https://customer.example/hooks/pulselabs")
//!     .event(event.name())
//!     .delivery_id("0b5cf4c2-8a64-4f04-9c64-6a4c1d0d3f8e")
//!     .sign_with(&signer)
//!     .body(event.to_vec()?)?;
//!
//! assert_eq!(
//!     request.body(),
//!     br#"{"event":"webhook.test","data":{"webhookId":"wh_123","message":"Hello from PulseLABS","timestamp":"2024-03-23T14:30:00.000Z"}}"#,
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Nothing is lost
//!
//! An event name a module does not know decodes to its `Data::Unknown`
//! (SPLEXA: `Kind::Other`), keeping the name and the data; a field the
//! crate does not know lands in the [`Extra`] of the object it was in.
//! Both are kept as raw JSON, the sender's text, and re-encode unchanged;
//! timestamps keep the sender's text too ([`Rfc3339`]). A *documented*
//! event whose fields do not fit is an error naming the event and the
//! field, never silently `Unknown`; so is a key written twice.
//!
//! One difference survives a round trip: an optional field that the seed
//! does not show as `null` (an inferred field, SPLEXA's `metrics`) reads
//! `null` as `None` and is written back absent. Fields the seed's example
//! shows, such as Capawesome's nullable times, are always written.
//!
//! Each type says which of its fields come from a documented example and
//! which are inferred from the documentation's prose.

mod envelope;
mod error;
mod extra;
mod key;
mod macros;
mod raw;
mod record;
mod timestamp;
mod unknown;
mod wire;

pub mod debate;
pub mod job;
pub mod network;
pub mod scan;
pub mod session;

pub use envelope::{Envelope, Timestamped};
pub use error::{DecodeError, EncodeError};
pub use extra::Extra;
pub use key::IdempotencyKey;
pub use raw::RawEvent;
pub use timestamp::{EventTimeError, Rfc3339, UnixMillis};
pub use unknown::Unknown;
