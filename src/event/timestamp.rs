//! Timestamps as the platforms write them: RFC 3339 text and Capawesome's
//! integer milliseconds.

use alloc::{boxed::Box, format, string::String};
use core::{cmp::Ordering, fmt, str::FromStr};

use jiff::Timestamp;
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

/// An RFC 3339 timestamp, kept exactly as the sender wrote it:
/// `2024-03-23T14:30:00.000Z` (Emuluxe, SPLEXA), `2024-01-01T12:00:00Z`
/// (Cortex).
///
/// jiff reads the instant; the text is kept so that re-encoding an event
/// gives back the sender's bytes, where jiff alone would print
/// `2024-03-23T14:30:00Z` for the first. Any form jiff's Temporal parser
/// takes with an offset is accepted (a space or lowercase `t` for `T`, a
/// comma for the decimal point, a bracketed time zone after the offset);
/// a date-time without an offset is refused, since its instant is unknown.
///
/// Two values are equal only when their texts are. `12:00:00Z` and
/// `12:00:00.000Z` name the same [instant](Rfc3339::instant) but are
/// written differently, so they are *not* equal values: compare their
/// `instant()`s to ask whether two are the same time. Ordering is by
/// instant, then text.
///
/// ```
/// use hooksig::event::Rfc3339;
///
/// let written: Rfc3339 = "2024-03-23T14:30:00.000Z".parse()?;
/// assert_eq!(written.as_str(), "2024-03-23T14:30:00.000Z");
/// assert_eq!(written.instant().as_second(), 1_711_204_200);
///
/// // A sender's timestamp, written with milliseconds like JavaScript's `toISOString`.
/// let now = jiff::Timestamp::from_millisecond(1_711_204_200_120)?;
/// assert_eq!(Rfc3339::from(now).as_str(), "2024-03-23T14:30:00.120Z");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Rfc3339 {
    instant: Timestamp,
    text: Box<str>,
}

impl Rfc3339 {
    /// `instant` written in UTC with `digits` fractional-second digits
    /// (0 to 9; more count as 9), such as `2024-01-01T12:00:00Z` for 0 or
    /// `2024-03-23T14:30:00.000Z` for 3. Digits beyond `digits` are cut off,
    /// and [`Rfc3339::instant`] is the instant the text states.
    pub fn with_precision(instant: Timestamp, digits: u8) -> Self {
        let digits = usize::from(digits.min(9));
        let text = format!("{instant:.digits$}");
        // Read back so that the instant is exactly what the text says.
        let instant = text.parse().unwrap_or(instant);
        Self {
            instant,
            text: text.into_boxed_str(),
        }
    }

    /// The instant.
    pub const fn instant(&self) -> Timestamp {
        self.instant
    }

    /// The text as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl From<Timestamp> for Rfc3339 {
    /// `instant` with millisecond precision in UTC, the form the seeds show
    /// and JavaScript's `Date.prototype.toISOString` writes.
    fn from(instant: Timestamp) -> Self {
        Self::with_precision(instant, 3)
    }
}

impl From<Rfc3339> for Timestamp {
    fn from(time: Rfc3339) -> Self {
        time.instant
    }
}

impl FromStr for Rfc3339 {
    type Err = EventTimeError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Ok(Self {
            instant: instant(text)?,
            text: text.into(),
        })
    }
}

impl TryFrom<String> for Rfc3339 {
    type Error = EventTimeError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        Ok(Self {
            instant: instant(&text)?,
            text: text.into_boxed_str(),
        })
    }
}

fn instant(text: &str) -> Result<Timestamp, EventTimeError> {
    text.parse().map_err(|reason| EventTimeError::Rfc3339 {
        text: text.into(),
        reason,
    })
}

impl Ord for Rfc3339 {
    fn cmp(&self, other: &Self) -> Ordering {
        self.instant
            .cmp(&other.instant)
            .then_with(|| self.text.cmp(&other.text))
    }
}

impl PartialOrd for Rfc3339 {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Rfc3339 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for Rfc3339 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Rfc3339({:?})", self.text)
    }
}

impl Serialize for Rfc3339 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Rfc3339 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl de::Visitor<'_> for Visitor {
            type Value = Rfc3339;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an RFC 3339 timestamp")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Rfc3339, E> {
                text.parse().map_err(E::custom)
            }

            fn visit_string<E: de::Error>(self, text: String) -> Result<Rfc3339, E> {
                Rfc3339::try_from(text).map_err(E::custom)
            }
        }

        deserializer.deserialize_str(Visitor)
    }
}

/// A time written as whole milliseconds since the Unix epoch, as Capawesome
/// writes `createdAt: 1771143256161`.
///
/// It holds a [`Timestamp`](https://docs.rs/jiff/0.2/jiff/struct.Timestamp.html) that is a whole number of milliseconds, so
/// re-encoding gives back the same integer.
///
/// ```
/// use hooksig::event::UnixMillis;
///
/// let created = UnixMillis::new(1_771_143_256_161)?;
/// assert_eq!(created.as_millisecond(), 1_771_143_256_161);
/// assert_eq!(created.timestamp().to_string(), "2026-02-15T08:14:16.161Z");
/// # Ok::<(), hooksig::event::EventTimeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnixMillis(Timestamp);

impl UnixMillis {
    /// The time `millisecond` milliseconds after the Unix epoch (before it
    /// when negative).
    ///
    /// # Errors
    ///
    /// [`EventTimeError::Millis`] when the time is outside what jiff
    /// represents (years -9999 to 9999).
    pub fn new(millisecond: i64) -> Result<Self, EventTimeError> {
        Timestamp::from_millisecond(millisecond)
            .map(Self)
            .map_err(|reason| EventTimeError::Millis {
                millisecond,
                reason,
            })
    }

    /// `timestamp` cut to whole milliseconds.
    pub fn from_timestamp(timestamp: Timestamp) -> Self {
        Self(Timestamp::from_millisecond(timestamp.as_millisecond()).unwrap_or(timestamp))
    }

    /// The instant.
    pub const fn timestamp(self) -> Timestamp {
        self.0
    }

    /// Milliseconds since the Unix epoch, as on the wire.
    pub fn as_millisecond(self) -> i64 {
        self.0.as_millisecond()
    }
}

impl From<UnixMillis> for Timestamp {
    fn from(time: UnixMillis) -> Self {
        time.0
    }
}

impl fmt::Display for UnixMillis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl Serialize for UnixMillis {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(self.as_millisecond())
    }
}

impl<'de> Deserialize<'de> for UnixMillis {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl de::Visitor<'_> for Visitor {
            type Value = UnixMillis;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an integer number of milliseconds since the Unix epoch")
            }

            fn visit_i64<E: de::Error>(self, millisecond: i64) -> Result<UnixMillis, E> {
                UnixMillis::new(millisecond).map_err(E::custom)
            }

            fn visit_u64<E: de::Error>(self, millisecond: u64) -> Result<UnixMillis, E> {
                i64::try_from(millisecond)
                    .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(millisecond), &self))
                    .and_then(|millisecond| self.visit_i64(millisecond))
            }
        }

        deserializer.deserialize_i64(Visitor)
    }
}

/// Why a timestamp could not be read.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum EventTimeError {
    /// The text is not an RFC 3339 timestamp with an offset.
    #[error("`{text}` is not an RFC 3339 timestamp: {reason}")]
    Rfc3339 {
        /// The text that was read.
        text: Box<str>,
        /// What jiff found wrong with it.
        reason: jiff::Error,
    },
    /// The milliseconds lie outside the years jiff represents.
    #[error("{millisecond} ms since the Unix epoch is out of range: {reason}")]
    Millis {
        /// The milliseconds that were read.
        millisecond: i64,
        /// What jiff found wrong with them.
        reason: jiff::Error,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_kept_whatever_jiff_would_print() {
        for text in [
            "2024-03-23T14:30:00.000Z",
            "2024-01-01T12:00:00Z",
            "2024-03-23T16:30:00.000+02:00",
            "2024-03-23t14:30:00,5z",
        ] {
            let time: Rfc3339 = text.parse().unwrap();
            assert_eq!(time.as_str(), text);
            let json = serde_json::to_string(&time).unwrap();
            assert_eq!(serde_json::from_str::<Rfc3339>(&json).unwrap(), time);
        }
        let plus_two: Rfc3339 = "2024-03-23T16:30:00.000+02:00".parse().unwrap();
        let zulu: Rfc3339 = "2024-03-23T14:30:00Z".parse().unwrap();
        assert_eq!(plus_two.instant(), zulu.instant());
        assert_ne!(plus_two, zulu);
    }

    #[test]
    fn without_an_offset_is_refused() {
        let error = "2024-03-23T14:30:00".parse::<Rfc3339>().unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("`2024-03-23T14:30:00` is not an RFC 3339 timestamp: "),
            "{error}"
        );
        assert!(serde_json::from_str::<Rfc3339>("1711204200").is_err());
    }

    #[test]
    fn precision_cuts_and_the_instant_follows() {
        let instant = Timestamp::new(1_711_204_200, 123_456_789).unwrap();
        let cut = Rfc3339::with_precision(instant, 3);
        assert_eq!(cut.as_str(), "2024-03-23T14:30:00.123Z");
        assert_eq!(
            cut.instant(),
            Timestamp::from_millisecond(1_711_204_200_123).unwrap()
        );
        assert_eq!(
            Rfc3339::with_precision(instant, 0).as_str(),
            "2024-03-23T14:30:00Z"
        );
        assert_eq!(
            Rfc3339::with_precision(instant, 200).as_str(),
            "2024-03-23T14:30:00.123456789Z"
        );
    }

    #[test]
    fn millis_round_trip_and_range() {
        let time: UnixMillis = serde_json::from_str("1771143284003").unwrap();
        assert_eq!(serde_json::to_string(&time).unwrap(), "1771143284003");
        assert_eq!(
            serde_json::from_str::<UnixMillis>("-1")
                .unwrap()
                .as_millisecond(),
            -1
        );
        assert!(serde_json::from_str::<UnixMillis>("1771143284003.5").is_err());
        assert!(serde_json::from_str::<UnixMillis>("\"1771143284003\"").is_err());
        assert!(serde_json::from_str::<UnixMillis>("18446744073709551615").is_err());
        assert!(matches!(
            UnixMillis::new(i64::MAX),
            Err(EventTimeError::Millis {
                millisecond: i64::MAX,
                ..
            })
        ));
        let precise = Timestamp::new(1, 999_999_999).unwrap();
        assert_eq!(UnixMillis::from_timestamp(precise).as_millisecond(), 1_999);
    }
}
