//! Every example payload in the seed documents, kept byte for byte in
//! tests/data/seeds/, decodes to the typed value the document describes and
//! re-encodes to the same JSON.

use std::path::Path;

use hooksig::event::{
    Envelope, Rfc3339, UnixMillis,
    job::{self, Job, JobStatus},
    network::{self, Device, DeviceEvent, Kind, Metrics, MetricsFields},
    scan::{
        self, Completed, CompletedFields, CriticalIssue, CriticalIssueFields, ScanStatus, Severity,
    },
    session::{self, Source, Started},
};
use serde_json::Value;

use crate::event_support::{SEEDS, seed};

fn time(text: &str) -> Rfc3339 {
    text.parse().unwrap()
}

fn millis(ms: i64) -> UnixMillis {
    UnixMillis::new(ms).unwrap()
}

/// The body without the whitespace between tokens: what a compact encoder
/// writes for the same fields in the same order.
fn compact(body: &[u8]) -> Vec<u8> {
    let (mut out, mut in_string, mut escaped) = (Vec::new(), false, false);
    for &byte in body {
        if in_string {
            in_string = escaped || byte != b'"';
            escaped = !escaped && byte == b'\\';
        } else if byte.is_ascii_whitespace() {
            continue;
        } else {
            in_string = byte == b'"';
        }
        out.push(byte);
    }
    out
}

/// Decodes `body` as `E`, checks it equals `expected`, and that encoding
/// gives the same JSON value and, byte for byte, the body made compact.
fn round_trip<E: Envelope + PartialEq + std::fmt::Debug>(body: &[u8], expected: &E) {
    let decoded = E::decode(body).unwrap();
    assert_eq!(&decoded, expected);
    let encoded = decoded.to_vec().unwrap();
    assert_eq!(
        serde_json::from_slice::<Value>(&encoded).unwrap(),
        serde_json::from_slice::<Value>(body).unwrap()
    );
    assert_eq!(
        String::from_utf8(encoded).unwrap(),
        String::from_utf8(compact(body)).unwrap()
    );
    assert_eq!(expected.to_vec().unwrap(), compact(body));
}

#[test]
fn data_files_are_the_seed_examples_byte_for_byte() {
    // Copies of the seed documents, committed so that a clean clone can run
    // this check without the workspace's shared folder.
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/seeds/documents");
    for (file, document) in SEEDS {
        let path = seeds.join(document);
        let text = std::fs::read(&path).unwrap_or_else(|error| {
            panic!(
                "{}: {error} (copies of ../shared/seeds/*.txt)",
                path.display()
            )
        });
        let payload = seed(file);
        assert!(
            text.windows(payload.len()).any(|window| window == payload),
            "{file} is not a byte-for-byte copy from {document}"
        );
    }
}

#[test]
fn emuluxe_session_started() {
    let started = Started::new("iphone-15-pro-max", "https:/staging.acme.com", Source::Cli);
    let expected = session::Event::new(
        time("2024-03-23T14:30:00.000Z"),
        "b4cf-9a2e-4b1a-8c3d",
        "user_29384",
        session::Data::Started(started),
    );
    let body = seed("emuluxe_session_started.json");
    round_trip(&body, &expected);
    let decoded = session::Event::decode(&body).unwrap();
    assert_eq!(decoded.name(), "session.started");
    assert_eq!(decoded.timestamp.instant().as_second(), 1_711_204_200);
}

#[test]
fn capawesome_job_finished() {
    let mut job = Job::new(
        "16555c02-a320-4bec-a14a-52754d783970",
        "70922e93-0944-48cc-a560-61135ab291ad",
        "a7249949-a705-4952-a293-a06df84950dc",
        "macos-tahoe",
        JobStatus::Canceled,
        millis(1_771_143_256_161),
    );
    job.app_build_id = Some("647d1fe4-9cb7-4f25-afaf-7a0c13a1bb8c".into());
    job.canceled_at = Some(millis(1_771_143_284_003));
    job.canceled_by = Some("f624e455-b19c-4f17-8282-e4a7a02597f3".into());
    job.finished_at = Some(millis(1_771_143_284_003));
    job.in_progress_at = Some(millis(1_771_143_275_311));
    job.in_progress_time_in_seconds = Some(8);
    job.pending_at = Some(millis(1_771_143_256_381));
    job.pending_time_in_seconds = Some(18);
    job.total_time_in_seconds = Some(27);
    job.created_by = Some("f624e455-b19c-4f17-8282-e4a7a02597f3".into());
    let expected = job::Event::new(job::Data::JobFinished(job));
    round_trip(&seed("capawesome_job_finished.json"), &expected);
}

#[test]
fn capawesome_nulls_stay_null() {
    let event = job::Event::decode(&seed("capawesome_job_finished.json")).unwrap();
    let job::Data::JobFinished(job) = &event.data else {
        panic!("{event:?}")
    };
    assert_eq!(
        (
            job.app_deployment_id.as_ref(),
            job.queued_at,
            job.queue_time_in_seconds
        ),
        (None, None, None)
    );
    let encoded: Value = serde_json::from_slice(&event.to_vec().unwrap()).unwrap();
    assert_eq!(encoded["data"]["queuedAt"], Value::Null);
    assert_eq!(
        job.finished_at.unwrap().timestamp().to_string(),
        "2026-02-15T08:14:44.003Z"
    );
}

#[test]
fn splexa_device_degraded() {
    let device = Device::new("ckxyz...", "edge-router-04", "ckabc...");
    let metrics = Metrics::from(MetricsFields {
        loss_pct: 6.4,
        avg_latency_ms: 215.0,
        peak_latency_ms: 540.0,
    });
    let expected = network::Event::new(
        "device.degraded",
        time("2026-04-29T12:34:56.000Z"),
        Kind::Device(DeviceEvent::new(device, Some(metrics))),
    );
    let body = seed("splexa_device_degraded.json");
    round_trip(&body, &expected);
    assert_eq!(
        network::Event::decode(&body).unwrap().category(),
        "network_event"
    );
}

#[test]
fn cortex_scan_completed() {
    let completed = Completed::from(CompletedFields {
        scan_id: "scan_abc123".into(),
        repo_url: "https://github.com/user/repo".into(),
        status: ScanStatus::Completed,
        score: 85,
        issues_count: 12,
        duration_seconds: 45,
    });
    // Each number lands in the field that names it, with no unknown fields.
    assert_eq!(
        (
            completed.score,
            completed.issues_count,
            completed.duration_seconds
        ),
        (85, 12, 45)
    );
    assert_eq!(completed.status, ScanStatus::Completed);
    assert!(completed.extra.is_empty());
    let expected = scan::Event::new(
        "evt_1234567890",
        time("2024-01-01T12:00:00Z"),
        scan::Data::Completed(completed),
    );
    round_trip(&seed("cortex_scan_completed.json"), &expected);
}

#[test]
fn cortex_issue_critical() {
    let issue = CriticalIssue::from(CriticalIssueFields {
        scan_id: "scan_abc123".into(),
        issue_id: "issue_xyz789".into(),
        severity: Severity::Critical,
        title: "SQL Injection Vulnerability".into(),
        file: "api/user.js".into(),
        line: 42,
    });
    assert_eq!(issue.severity, Severity::Critical);
    assert_eq!(
        (issue.title.as_str(), issue.file.as_str(), issue.line),
        ("SQL Injection Vulnerability", "api/user.js", 42)
    );
    assert!(issue.extra.is_empty());
    let expected = scan::Event::new(
        "evt_1234567891",
        time("2024-01-01T12:05:00Z"),
        scan::Data::CriticalIssue(issue),
    );
    round_trip(&seed("cortex_issue_critical.json"), &expected);
}

#[test]
fn every_seed_reads_as_a_raw_event_too() {
    let expected = [
        ("session.started", Some("2024-03-23T14:30:00Z"), None, true),
        ("job_finished", None, None, true),
        ("device.degraded", Some("2026-04-29T12:34:56Z"), None, false),
        (
            "scan.completed",
            Some("2024-01-01T12:00:00Z"),
            Some("evt_1234567890"),
            true,
        ),
        (
            "issue.critical",
            Some("2024-01-01T12:05:00Z"),
            Some("evt_1234567891"),
            true,
        ),
    ];
    for ((file, _), (name, timestamp, id, has_data)) in SEEDS.into_iter().zip(expected) {
        let body = seed(file);
        let raw = hooksig::event::RawEvent::decode(&body).unwrap();
        assert_eq!(raw.name(), name);
        assert_eq!(
            raw.timestamp().map(|at| at.to_string()).as_deref(),
            timestamp
        );
        assert_eq!(raw.id(), id);
        assert_eq!(raw.data().is_some(), has_data, "{file}");
    }
}

#[test]
fn a_critical_issue_keeps_the_severity_it_is_given() {
    // The seed shows `critical`; the field is the sender's to fill.
    for severity in [Severity::Critical, Severity::from("high")] {
        let issue = CriticalIssue::from(CriticalIssueFields {
            scan_id: "scan_abc123".into(),
            issue_id: "issue_xyz789".into(),
            severity: severity.clone(),
            title: "Hard-coded credentials".into(),
            file: "config/db.js".into(),
            line: 3,
        });
        let event = scan::Event::new(
            "evt_2",
            time("2024-01-01T12:05:00Z"),
            scan::Data::CriticalIssue(issue.clone()),
        );
        let body: Value = serde_json::from_slice(&event.to_vec().unwrap()).unwrap();
        assert_eq!(body["data"]["severity"], severity.as_str());
        assert_eq!(
            scan::Event::decode(&event.to_vec().unwrap()).unwrap(),
            event
        );
    }
}

#[test]
fn named_fields_encode_as_the_object_does() {
    let fields = CompletedFields {
        scan_id: "s".into(),
        repo_url: "r".into(),
        status: ScanStatus::Completed,
        score: 1,
        issues_count: 2,
        duration_seconds: 3,
    };
    assert_eq!(
        serde_json::to_value(&fields).unwrap(),
        serde_json::to_value(Completed::from(fields)).unwrap()
    );
}
