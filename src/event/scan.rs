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

use alloc::string::String;
use jiff::Timestamp;

use super::{
    Extra, IdempotencyKey, Rfc3339, Timestamped,
    macros::{data_envelope, event_data, open_enum},
    record::record,
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

record! {
    /// `scan.completed` data. Every field is in the seed's example.
    ///
    /// Build one with [`CompletedFields`], which names each of its
    /// numbers.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Completed {
        /// `scan_id`.
        scan_id: String = "scan_id",
        /// `repo_url`: the repository scanned.
        repo_url: String = "repo_url",
        /// `status`: `completed` in the example.
        status: ScanStatus = "status",
        /// `score`: 85 in the example.
        score: u32 = "score",
        /// `issues_count`: how many issues the scan found.
        issues_count: u64 = "issues_count",
        /// `duration_seconds`: how long the scan took.
        duration_seconds: u64 = "duration_seconds",
    }
    ///
    /// ```
    /// use hooksig::event::scan::{Completed, CompletedFields, ScanStatus};
    ///
    /// let completed = Completed::from(CompletedFields {
    ///     scan_id: "scan_abc123".into(),
    ///     repo_url: "https://github.com/user/repo".into(),
    ///     status: ScanStatus::Completed,
    ///     score: 85,
    ///     issues_count: 12,
    ///     duration_seconds: 45,
    /// });
    /// assert_eq!((completed.score, completed.issues_count), (85, 12));
    /// assert!(completed.extra.is_empty());
    /// ```
    named CompletedFields;
}

record! {
    /// `issue.critical` data. Every field is in the seed's example.
    ///
    /// Build one with [`CriticalIssueFields`], severity included: the seed
    /// shows `critical`, and the field is the sender's to fill.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct CriticalIssue {
        /// `scan_id`: the scan that found the issue.
        scan_id: String = "scan_id",
        /// `issue_id`.
        issue_id: String = "issue_id",
        /// `severity`: `critical` in the example.
        severity: Severity = "severity",
        /// `title`, such as `SQL Injection Vulnerability`.
        title: String = "title",
        /// `file`: the path of the file, such as `api/user.js`.
        file: String = "file",
        /// `line`: the line in `file`.
        line: u32 = "line",
    }
    ///
    /// ```
    /// use hooksig::event::scan::{CriticalIssue, CriticalIssueFields, Severity};
    ///
    /// let issue = CriticalIssue::from(CriticalIssueFields {
    ///     scan_id: "scan_abc123".into(),
    ///     issue_id: "issue_xyz789".into(),
    ///     severity: Severity::Critical,
    ///     title: "SQL Injection Vulnerability".into(),
    ///     file: "api/user.js".into(),
    ///     line: 42,
    /// });
    /// assert_eq!(issue.severity.as_str(), "critical");
    /// ```
    named CriticalIssueFields;
}

record! {
    /// `scan.started` data. The seed shows no example and its prose ("a
    /// scan begins processing") names no field: `scan_id`, which every
    /// example carries, is required; anything else is kept in `extra`.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Started {
        /// `scan_id`.
        scan_id: String = "scan_id",
    }
}

record! {
    /// `scan.progress` data. The seed shows no example: `scan_id`, which
    /// every example carries, is required; `progress` is inferred from
    /// "periodic updates" and optional.
    #[derive(Debug, Clone, PartialEq)]
    pub struct Progress {
        /// `scan_id`.
        scan_id: String = "scan_id",
        /// `progress` (inferred): how far the scan is, as a number.
        #[serde(
            skip_serializing_if = "Option::is_none",
            serialize_with = "wire::js_number::option"
        )]
        progress: Option<f64> = "progress",
    }
}

record! {
    /// `scan.failed` data. The seed shows no example: `scan_id`, which
    /// every example carries, is required; `error` is inferred from
    /// "encounters an error" and optional.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Failed {
        /// `scan_id`.
        scan_id: String = "scan_id",
        /// `error` (inferred): what went wrong.
        #[serde(skip_serializing_if = "Option::is_none")]
        error: Option<String> = "error",
    }
}

record! {
    /// `scan.timeout` data. The seed shows no example: `scan_id`, which
    /// every example carries, is required; `duration_seconds` is inferred
    /// from "exceeds time limits", named as in `scan.completed`, and
    /// optional.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct TimedOut {
        /// `scan_id`.
        scan_id: String = "scan_id",
        /// `duration_seconds` (inferred): how long the scan ran.
        #[serde(skip_serializing_if = "Option::is_none")]
        duration_seconds: Option<u64> = "duration_seconds",
    }
}

impl Started {
    /// `scan.started` data for the scan `scan_id`.
    pub fn new(scan_id: impl Into<String>) -> Self {
        Self {
            scan_id: scan_id.into(),
            extra: Extra::new(),
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
                    extra: Extra::new(),
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
    // Four attempts over at most 390 s (`DeliveryPolicy::CORTEX`), and
    // room for the two clocks to disagree.
    const FRESHNESS: Option<crate::Tolerance> =
        match crate::Tolerance::new(core::time::Duration::from_secs(600)) {
            Ok(tolerance) => Some(tolerance),
            Err(_) => None,
        };

    fn timestamp(&self) -> Timestamp {
        self.timestamp.instant()
    }
}
