//! Subscription patterns against event names, as a table.

use hooksig::delivery::{EventKind, Pattern, PatternError, SubscriptionError, Subscriptions};

/// (pattern, event name, event category, wanted)
const TABLE: &[(&str, &str, Option<&str>, bool)] = &[
    // Emuluxe: `*` subscribes to everything.
    ("*", "session.started", None, true),
    ("*", "device.degraded", Some("network_event"), true),
    // Exact names, dotted (PulseLABS, Cortex) or not (Capawesome).
    ("session.started", "session.started", None, true),
    ("session.started", "session.ended", None, false),
    ("session.started", "session.started.late", None, false),
    ("scan.completed", "scan.completed", None, true),
    ("scan.completed", "Scan.Completed", None, false),
    ("job_finished", "job_finished", None, true),
    ("job_finished", "job_created", None, false),
    ("webhook.test", "webhook.test", None, true),
    // Dotted prefixes, at any depth, but never the bare prefix.
    ("scan.*", "scan.started", None, true),
    ("scan.*", "scan.timeout", None, true),
    ("scan.*", "issue.critical", None, false),
    ("scan.*", "scan", None, false),
    ("scan.*", "scanner.started", None, false),
    ("scan.*", "scan.", None, false),
    ("simulation.*", "simulation.tick.completed", None, true),
    ("simulation.*", "simulation.report.ready", None, true),
    ("simulation.tick.*", "simulation.tick.completed", None, true),
    ("simulation.tick.*", "simulation.report.ready", None, false),
    ("simulation.*", "debate.synthesized", None, false),
    // SPLEXA categories: the event carries its category.
    (
        "network_event",
        "device.degraded",
        Some("network_event"),
        true,
    ),
    (
        "network_event",
        "device.degraded",
        Some("audit_event"),
        false,
    ),
    ("network_event", "device.degraded", None, false),
    ("audit_event", "user.login", Some("audit_event"), true),
    ("audit_event", "network_event", None, false),
    // A prefix looks at the name, not the category.
    ("network.*", "device.degraded", Some("network.event"), false),
];

#[test]
fn pattern_table() {
    for &(pattern, name, category, wanted) in TABLE {
        let parsed: Pattern = pattern.parse().unwrap();
        let mut event = EventKind::new(name);
        if let Some(category) = category {
            event = event.in_category(category);
        }
        assert_eq!(
            parsed.matches(event),
            wanted,
            "{pattern} against {name} ({category:?})"
        );
        // A list holding it alone answers the same.
        let list = Subscriptions::parse([pattern]).unwrap();
        assert_eq!(list.matches(event), wanted);
    }
    // And a list of all of them wants every event any of them wants.
    let all = Subscriptions::parse(TABLE.iter().map(|row| row.0)).unwrap();
    for &(_, name, category, _) in TABLE {
        let mut event = EventKind::new(name);
        if let Some(category) = category {
            event = event.in_category(category);
        }
        let any = TABLE
            .iter()
            .any(|row| row.0.parse::<Pattern>().unwrap().matches(event));
        assert_eq!(all.matches(event), any, "{name}");
    }
}

#[test]
fn invalid_patterns_say_what_is_wrong() {
    let cases: &[(&str, PatternError)] = &[
        ("", PatternError::Empty),
        (
            "scan*",
            PatternError::MisplacedWildcard {
                pattern: "scan*".into(),
                at: 4,
            },
        ),
        (
            "*.completed",
            PatternError::MisplacedWildcard {
                pattern: "*.completed".into(),
                at: 0,
            },
        ),
        (
            "scan..completed",
            PatternError::EmptySegment {
                pattern: "scan..completed".into(),
                at: 5,
            },
        ),
        (
            "scan.",
            PatternError::EmptySegment {
                pattern: "scan.".into(),
                at: 5,
            },
        ),
        (
            "scan completed",
            PatternError::InvalidCharacter {
                pattern: "scan completed".into(),
                at: 4,
                found: ' ',
            },
        ),
        (
            "scan/completed",
            PatternError::InvalidCharacter {
                pattern: "scan/completed".into(),
                at: 4,
                found: '/',
            },
        ),
    ];
    for (pattern, expected) in cases {
        assert_eq!(
            &pattern.parse::<Pattern>().unwrap_err(),
            expected,
            "{pattern}"
        );
    }
    assert_eq!(
        "scan*".parse::<Pattern>().unwrap_err().to_string(),
        "event pattern \"scan*\" has a `*` at byte 4: it may only stand alone or as the last segment, as in `scan.*`"
    );
}

#[test]
fn lists_are_checked_when_read() {
    let error =
        serde_json::from_str::<Subscriptions>(r#"["scan.completed", "scan.*.x"]"#).unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("event 1 of the list: event pattern \"scan.*.x\" has a `*` at byte 5"),
        "{error}"
    );
    assert_eq!(Subscriptions::parse([""; 0]), Err(SubscriptionError::Empty));
    let list: Subscriptions = serde_json::from_str(r#"["*","scan.*","job_finished"]"#).unwrap();
    assert_eq!(
        list.patterns(),
        [
            Pattern::All,
            "scan.*".parse().unwrap(),
            "job_finished".parse().unwrap()
        ]
    );
    assert_eq!(
        serde_json::to_string(&list).unwrap(),
        r#"["*","scan.*","job_finished"]"#
    );
}
