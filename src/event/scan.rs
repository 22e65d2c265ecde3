//! Security-scan events, as Cortex sends them.
//!
//! Every body is `{ "event", "id", "timestamp", "data" }` (seed 004): the
//! `id` is the idempotency key ("implement idempotent handling using event
//! IDs") and the `timestamp` is to be checked for freshness ("verify
//! timestamps are recent"). Fields are snake_case.
//!
//! The seed shows example payloads for `scan.completed` and
//! `issue.critical`; every field in them is typed and required. The other
//! four events are named with one line of prose each: their `data` types
//! require the `scan_id` every example carries and add an optional field
//! where the prose suggests one, as each type's documentation says; any
//! other field is kept in their `extra`.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{
    IdempotencyKey, Rfc3339, Timestamped,
    macros::{data_envelope, event_data, open_enum},
    wire,
};
use crate::Platform;

data_envelope! {
    platform: Platform::CORTEX,
    /// A Cortex webhook body.
    ///
    /// ```
    /// use hooksig::event::{Envelope, scan};
    ///
    /// let event = scan::Event::decode(br#"{
    ///   "event": "scan.completed",
    ///   "id": "evt_1234567890",
    ///   "timestamp": "2024-01-01T12:00:00Z",
    ///   "data": { "scan_id": "scan_abc123", "repo_url": "https://github.com/user/repo",
    ///             "status": "completed", "score": 85, "issues_count": 12, "duration_seconds": 45 }
    /// }"#)?;
    /// match &event.data {
    ///     scan::Data::Completed(scan) => assert_eq!(scan.score, 85),
    ///     other => panic!("unexpected {}", other.name()),
    /// }
    /// # Ok::<(), hooksig::event::DecodeError>(())
    /// ```
    pub struct Event {
        /// `id`: unique per event, and the same when an event is delivered
        /// again.
        id: String = "id",
        /// `timestamp`: when Cortex sent the event.
        timestamp: Rfc3339 = "timestamp",
    }
    // Cortex: "implement idempotent handling using event IDs".
    idempotency_key(event) {
        Ok(Some(IdempotencyKey::EventId(event.id.clone())))
    }
}

event_data! {
    /// The `data` of a Cortex event, chosen by its name.
    pub enum Data {
        /// `scan.started`: a scan began processing.
        "scan.started" => Started(Started),
        /// `scan.progress`: a periodic update while a scan runs.
        "scan.progress" => Progress(Progress),
        /// `scan.completed`: a scan finished successfully.
        "scan.completed" => Completed(Completed),
        /// `scan.failed`: a scan ran into an error.
        "scan.failed" => Failed(Failed),
        /// `issue.critical`: a scan found a critical security issue.
        "issue.critical" => CriticalIssue(CriticalIssue),
        /// `scan.timeout`: a scan exceeded its time limit.
        "scan.timeout" => TimedOut(TimedOut),
    }
}

open_enum! {
    /// A scan's `status`. The seed shows `completed`.
    pub enum ScanStatus {
        /// `completed`.
        Completed = "completed",
    }
}

open_enum! {
    /// An issue's `severity`. The seed shows `critical`.
    pub enum Severity {
        /// `critical`.
        Critical = "critical",
    }
}

/// `scan.completed` data. Every field is in the seed's example.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Completed {
    /// `scan_id`.
    pub scan_id: String,
    /// `repo_url`: the repository scanned.
    pub repo_url: String,
    /// `status`: `completed` in the example.
    pub status: ScanStatus,
    /// `score`: 85 in the example.
    pub score: u32,
    /// `issues_count`: how many issues the scan found.
    pub issues_count: u64,
    /// `duration_seconds`: how long the scan took.
    pub duration_seconds: u64,
    /// Fields the crate does not know, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Completed {
    /// `scan.completed` data with every documented field.
    pub fn new(
        scan_id: impl Into<String>,
        repo_url: impl Into<String>,
        score: u32,
        issues_count: u64,
        duration_seconds: u64,
    ) -> Self {
        Self {
            scan_id: scan_id.into(),
            repo_url: repo_url.into(),
            status: ScanStatus::Completed,
            score,
            issues_count,
            duration_seconds,
            extra: Map::new(),
        }
    }
}

/// `issue.critical` data. Every field is in the seed's example.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CriticalIssue {
    /// `scan_id`: the scan that found the issue.
    pub scan_id: String,
    /// `issue_id`.
    pub issue_id: String,
    /// `severity`: `critical` in the example.
    pub severity: Severity,
    /// `title`, such as `SQL Injection Vulnerability`.
    pub title: String,
    /// `file`: the path of the file, such as `api/user.js`.
    pub file: String,
    /// `line`: the line in `file`.
    pub line: u32,
    /// Fields the crate does not know, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CriticalIssue {
    /// `issue.critical` data with every documented field and `severity`
    /// `critical`.
    pub fn new(
        scan_id: impl Into<String>,
        issue_id: impl Into<String>,
        title: impl Into<String>,
        file: impl Into<String>,
        line: u32,
    ) -> Self {
        Self {
            scan_id: scan_id.into(),
            issue_id: issue_id.into(),
            severity: Severity::Critical,
            title: title.into(),
            file: file.into(),
            line,
            extra: Map::new(),
        }
    }
}

/// `scan.started` data. The seed shows no example and its prose ("a scan
/// begins processing") names no field: `scan_id`, which every example
/// carries, is required; anything else is kept in `extra`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Started {
    /// `scan_id`.
    pub scan_id: String,
    /// Fields the crate does not know, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `scan.progress` data. The seed shows no example: `scan_id`, which every
/// example carries, is required; `progress` is inferred from "periodic
/// updates" and optional.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Progress {
    /// `scan_id`.
    pub scan_id: String,
    /// `progress` (inferred): how far the scan is, as a number.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "wire::js_number::option"
    )]
    pub progress: Option<f64>,
    /// Fields the crate does not know, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `scan.failed` data. The seed shows no example: `scan_id`, which every
/// example carries, is required; `error` is inferred from "encounters an
/// error" and optional.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Failed {
    /// `scan_id`.
    pub scan_id: String,
    /// `error` (inferred): what went wrong.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Fields the crate does not know, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `scan.timeout` data. The seed shows no example: `scan_id`, which every
/// example carries, is required; `duration_seconds` is inferred from
/// "exceeds time limits", named as in `scan.completed`, and optional.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TimedOut {
    /// `scan_id`.
    pub scan_id: String,
    /// `duration_seconds` (inferred): how long the scan ran.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_seconds: Option<u64>,
    /// Fields the crate does not know, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Started {
    /// `scan.started` data for the scan `scan_id`.
    pub fn new(scan_id: impl Into<String>) -> Self {
        Self {
            scan_id: scan_id.into(),
            extra: Map::new(),
        }
    }
}

macro_rules! scan_and {
    ($($data:ident { $optional:ident }),+) => {$(
        impl $data {
            /// Data for the scan `scan_id`, with the optional field unset.
            pub fn new(scan_id: impl Into<String>) -> Self {
                Self {
                    scan_id: scan_id.into(),
                    $optional: None,
                    extra: Map::new(),
                }
            }
        }
    )+};
}

scan_and! {
    Progress { progress },
    Failed { error },
    TimedOut { duration_seconds }
}

impl Timestamped for Event {
    fn timestamp(&self) -> Timestamp {
        self.timestamp.instant()
    }
}
