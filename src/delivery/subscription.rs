//! Subscriptions: which events an endpoint wants.

use alloc::{boxed::Box, string::String, string::ToString, vec::Vec};
use core::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};

/// An event as a subscription sees it: its name and, on platforms that
/// group events (SPLEXA's `network_event`, `audit_event`), its category.
///
/// ```
/// use hooksig::delivery::EventKind;
///
/// let degraded = EventKind::new("device.degraded").in_category("network_event");
/// assert_eq!(degraded.name(), "device.degraded");
/// assert_eq!(degraded.category(), Some("network_event"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EventKind<'a> {
    name: &'a str,
    category: Option<&'a str>,
}

impl<'a> EventKind<'a> {
    /// An event named `name`, in no category.
    pub const fn new(name: &'a str) -> Self {
        Self {
            name,
            category: None,
        }
    }

    /// The same event, in `category`.
    #[must_use]
    pub const fn in_category(mut self, category: &'a str) -> Self {
        self.category = Some(category);
        self
    }

    /// The event's name, such as `scan.completed`.
    pub const fn name(&self) -> &'a str {
        self.name
    }

    /// The event's category, if it has one.
    pub const fn category(&self) -> Option<&'a str> {
        self.category
    }
}

/// One entry of an endpoint's event list.
///
/// Written as text, as the platforms write it:
///
/// | text | variant | matches |
/// |---|---|---|
/// | `*` | [`All`](Pattern::All) | every event (Emuluxe) |
/// | `scan.*` | [`Prefix`](Pattern::Prefix) | every event whose name starts with `scan.`, at any depth (`scan.started`, `scan.a.b`), but not `scan` itself |
/// | `scan.completed`, `job_finished`, `network_event` | [`Name`](Pattern::Name) | the event of that name, or every event of that category |
///
/// A bare name matches categories too because the platforms' lists mix
/// them: SPLEXA subscribes by category (`network_event`), Capawesome by event
/// names of the same shape (`job_finished`), and no seed platform uses one
/// word for both. Matching is exact and case-sensitive.
///
/// Names are made of ASCII letters, digits, `_` and `-`, in segments joined
/// by single dots; `*` stands alone, or as the whole last segment.
///
/// ```
/// use hooksig::delivery::{EventKind, Pattern, PatternError};
///
/// let scans: Pattern = "scan.*".parse()?;
/// assert!(scans.matches(EventKind::new("scan.started")));
/// assert!(!scans.matches(EventKind::new("issue.critical")));
///
/// assert_eq!(
///     "scan*".parse::<Pattern>(),
///     Err(PatternError::MisplacedWildcard { pattern: "scan*".into(), at: 4 }),
/// );
/// # Ok::<(), PatternError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[non_exhaustive]
pub enum Pattern {
    /// `*`: every event.
    All,
    /// `prefix.*`: events whose name starts with the prefix and a dot. Holds
    /// the prefix without the dot.
    Prefix(Box<str>),
    /// An event name or a category name.
    Name(Box<str>),
}

impl Pattern {
    /// Whether `event` is one this pattern subscribes to.
    pub fn matches(&self, event: EventKind<'_>) -> bool {
        match self {
            Self::All => true,
            Self::Prefix(prefix) => event
                .name
                .strip_prefix(&**prefix)
                .is_some_and(|rest| rest.len() > 1 && rest.starts_with('.')),
            Self::Name(name) => event.name == &**name || event.category == Some(&**name),
        }
    }
}

impl FromStr for Pattern {
    type Err = PatternError;

    fn from_str(pattern: &str) -> Result<Self, Self::Err> {
        if pattern.is_empty() {
            return Err(PatternError::Empty);
        }
        if pattern == "*" {
            return Ok(Self::All);
        }
        let (name, prefix) = match pattern.strip_suffix(".*") {
            Some(prefix) => (prefix, true),
            None => (pattern, false),
        };
        check_name(pattern, name)?;
        Ok(if prefix {
            Self::Prefix(name.into())
        } else {
            Self::Name(name.into())
        })
    }
}

/// Checks `name`, the start of `pattern`, for the characters and dots a name
/// may have; offsets in errors are into `pattern`.
fn check_name(pattern: &str, name: &str) -> Result<(), PatternError> {
    let mut segment_start = true;
    for (at, c) in name.char_indices() {
        match c {
            '.' if segment_start => {
                return Err(PatternError::EmptySegment {
                    pattern: pattern.into(),
                    at,
                });
            }
            '.' => segment_start = true,
            '*' => {
                return Err(PatternError::MisplacedWildcard {
                    pattern: pattern.into(),
                    at,
                });
            }
            c if c.is_ascii_alphanumeric() || c == '_' || c == '-' => segment_start = false,
            found => {
                return Err(PatternError::InvalidCharacter {
                    pattern: pattern.into(),
                    at,
                    found,
                });
            }
        }
    }
    if segment_start {
        // A trailing dot (`scan.`), or a prefix pattern ending in one
        // (`scan..*`): the segment that should end the name is empty.
        return Err(PatternError::EmptySegment {
            pattern: pattern.into(),
            at: name.len(),
        });
    }
    Ok(())
}

impl TryFrom<String> for Pattern {
    type Error = PatternError;

    fn try_from(pattern: String) -> Result<Self, Self::Error> {
        pattern.parse()
    }
}

impl From<Pattern> for String {
    fn from(pattern: Pattern) -> Self {
        pattern.to_string()
    }
}

impl fmt::Display for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::All => f.write_str("*"),
            Self::Prefix(prefix) => write!(f, "{prefix}.*"),
            Self::Name(name) => f.write_str(name),
        }
    }
}

/// Why a subscription pattern was refused. Offsets are byte offsets into the
/// pattern.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PatternError {
    /// The pattern was the empty string.
    #[error("the event pattern is empty")]
    Empty,
    /// A `*` stood somewhere other than alone or as the whole last segment.
    #[error(
        "event pattern {pattern:?} has a `*` at byte {at}: it may only stand alone or as the last segment, as in `scan.*`"
    )]
    MisplacedWildcard {
        /// The pattern as given.
        pattern: String,
        /// Where the `*` is.
        at: usize,
    },
    /// Two dots in a row, or a dot at the start or end.
    #[error("event pattern {pattern:?} has an empty segment at byte {at}")]
    EmptySegment {
        /// The pattern as given.
        pattern: String,
        /// Where the empty segment is.
        at: usize,
    },
    /// A character other than ASCII letters, digits, `_`, `-`, `.` and `*`.
    #[error(
        "event pattern {pattern:?} has {found:?} at byte {at}, which an event name cannot hold"
    )]
    InvalidCharacter {
        /// The pattern as given.
        pattern: String,
        /// Where the character is.
        at: usize,
        /// The character.
        found: char,
    },
}

/// The events an endpoint subscribes to: one or more [`Pattern`]s, any of
/// which may match.
///
/// Serializes as the list of strings the platforms' registration bodies use
/// (`"events": ["scan.completed", "issue.critical"]`).
///
/// ```
/// use hooksig::delivery::{EventKind, Subscriptions};
///
/// let events = Subscriptions::parse(["scan.completed", "issue.*"])?;
/// assert!(events.matches(EventKind::new("issue.critical")));
/// assert!(!events.matches(EventKind::new("scan.started")));
///
/// let splexa = Subscriptions::parse(["audit_event"])?;
/// assert!(splexa.matches(EventKind::new("user.login").in_category("audit_event")));
/// # Ok::<(), hooksig::delivery::SubscriptionError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<String>", into = "Vec<String>")]
pub struct Subscriptions {
    // Never empty: the constructors refuse an empty list.
    patterns: Box<[Pattern]>,
}

impl Subscriptions {
    /// Every event: the list `["*"]`.
    pub fn all() -> Self {
        Self {
            patterns: Box::new([Pattern::All]),
        }
    }

    /// Parses each of `patterns`.
    ///
    /// # Errors
    ///
    /// [`SubscriptionError::Empty`] for an empty list (the platforms want
    /// one or more events), [`SubscriptionError::Pattern`] with the index of
    /// the first pattern that does not parse.
    pub fn parse<I>(patterns: I) -> Result<Self, SubscriptionError>
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        let patterns = patterns
            .into_iter()
            .enumerate()
            .map(|(index, pattern)| {
                pattern
                    .as_ref()
                    .parse()
                    .map_err(|reason| SubscriptionError::Pattern { index, reason })
            })
            .collect::<Result<Box<[Pattern]>, _>>()?;
        Self::new(patterns)
    }

    /// The subscriptions made of `patterns`.
    ///
    /// # Errors
    ///
    /// [`SubscriptionError::Empty`] for an empty list.
    pub fn new(patterns: impl Into<Box<[Pattern]>>) -> Result<Self, SubscriptionError> {
        let patterns = patterns.into();
        if patterns.is_empty() {
            return Err(SubscriptionError::Empty);
        }
        Ok(Self { patterns })
    }

    /// Whether any pattern matches `event`.
    pub fn matches(&self, event: EventKind<'_>) -> bool {
        self.patterns.iter().any(|pattern| pattern.matches(event))
    }

    /// The patterns, in the order given.
    pub fn patterns(&self) -> &[Pattern] {
        &self.patterns
    }
}

impl TryFrom<Vec<String>> for Subscriptions {
    type Error = SubscriptionError;

    fn try_from(patterns: Vec<String>) -> Result<Self, Self::Error> {
        Self::parse(patterns)
    }
}

impl From<Subscriptions> for Vec<String> {
    fn from(subscriptions: Subscriptions) -> Self {
        subscriptions
            .patterns
            .iter()
            .map(ToString::to_string)
            .collect()
    }
}

/// Why a list of event patterns was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SubscriptionError {
    /// The list held no pattern.
    #[error("the event list is empty: subscribe to one or more events, or `*`")]
    Empty,
    /// A pattern in the list did not parse.
    #[error("event {index} of the list: {reason}")]
    Pattern {
        /// Zero-based position of the pattern in the list.
        index: usize,
        /// What is wrong with it.
        reason: PatternError,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_round_trips() {
        for text in ["*", "scan.*", "simulation.tick.*", "job_finished", "a-b.c"] {
            assert_eq!(text.parse::<Pattern>().unwrap().to_string(), text);
        }
    }

    #[test]
    fn errors_point_at_the_problem() {
        let cases = [
            (".scan", "has an empty segment at byte 0"),
            ("scan.", "has an empty segment at byte 5"),
            ("scan..*", "has an empty segment at byte 5"),
            ("a..b", "has an empty segment at byte 2"),
            (".*", "has an empty segment at byte 0"),
            ("*.started", "has a `*` at byte 0"),
            ("scan.*.x", "has a `*` at byte 5"),
            ("**", "has a `*` at byte 0"),
            ("scan *", "has ' ' at byte 4"),
            ("scän", "has 'ä' at byte 2"),
        ];
        for (pattern, expected) in cases {
            let error = pattern.parse::<Pattern>().unwrap_err();
            assert!(
                error.to_string().contains(expected),
                "{pattern}: {error} should contain {expected}"
            );
        }
        assert_eq!("".parse::<Pattern>(), Err(PatternError::Empty));
    }

    #[test]
    fn list_errors_carry_the_index() {
        let error = Subscriptions::parse(["scan.completed", "bad pattern"]).unwrap_err();
        assert!(matches!(error, SubscriptionError::Pattern { index: 1, .. }));
        assert_eq!(
            Subscriptions::parse(Vec::<String>::new()),
            Err(SubscriptionError::Empty)
        );
    }
}
