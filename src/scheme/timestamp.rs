//! Timestamps as the timestamped schemes send them: decimal Unix seconds,
//! or (Twitch, Zendesk) an RFC 3339 date and time.

use jiff::Timestamp;

use super::ReadError;
use crate::Header;

/// Why a timestamp a scheme signed is not a usable Unix time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TimestampError {
    /// The timestamp was empty.
    #[error("timestamp is empty")]
    Empty,
    /// A byte that is not a decimal digit, such as a `.` or a space inside.
    #[error("timestamp has a byte that is not a decimal digit at offset {offset}")]
    NotDigits {
        /// Zero-based offset of the byte in the timestamp.
        offset: usize,
    },
    /// The timestamp is negative: before 1970, so never a real signing time.
    #[error("timestamp is negative")]
    Negative,
    /// The timestamp has more digits than any date a clock can show.
    #[error("timestamp is out of range")]
    OutOfRange,
    /// The scheme sends an RFC 3339 date and time with its offset (such
    /// as `2019-11-16T10:11:12.634234626Z`), and this is not one.
    #[error("timestamp is not an RFC 3339 date and time with an offset")]
    NotRfc3339,
}

/// Reads decimal Unix seconds, the digits alone: no sign, no fraction, no
/// blanks (they would be signed as sent, and a tolerant reader would accept
/// content the sender never meant).
pub(crate) fn parse_seconds(text: &[u8]) -> Result<Timestamp, TimestampError> {
    // One pass for the digits every real timestamp is; errors are worked out
    // again below, off that path. Eighteen digits cannot overflow an i64.
    if (1..=18).contains(&text.len()) {
        let mut digits = true;
        let mut seconds = 0i64;
        for byte in text {
            let digit = byte.wrapping_sub(b'0');
            digits &= digit < 10;
            seconds = seconds.wrapping_mul(10).wrapping_add(i64::from(digit));
        }
        if digits {
            return Timestamp::from_second(seconds).map_err(|_| TimestampError::OutOfRange);
        }
    }
    if text.is_empty() {
        return Err(TimestampError::Empty);
    }
    if text.first() == Some(&b'-') && text.len() > 1 && text.iter().skip(1).all(u8::is_ascii_digit)
    {
        return Err(TimestampError::Negative);
    }
    if let Some(offset) = text.iter().position(|b| !b.is_ascii_digit()) {
        return Err(TimestampError::NotDigits { offset });
    }
    // Only digits, but more of them than any date a clock can show.
    Err(TimestampError::OutOfRange)
}

/// Reads an RFC 3339 date and time with its offset (`Z` or `+01:00`), as
/// Twitch and Zendesk send it; fractional seconds to the nanosecond. The
/// text is signed as sent, so leniency here decides only the time judged.
pub(crate) fn parse_rfc3339(text: &[u8]) -> Result<Timestamp, TimestampError> {
    // The shortest date and time with an offset (`2024-01-01T00:00Z`) is 17
    // bytes, and no real one needs more than 64: the bound keeps a hostile
    // value from costing more than a few bytes of parsing.
    if !(17..=64).contains(&text.len()) || !text.first().is_some_and(u8::is_ascii_digit) {
        return Err(if text.is_empty() {
            TimestampError::Empty
        } else {
            TimestampError::NotRfc3339
        });
    }
    static PARSER: jiff::fmt::temporal::DateTimeParser = jiff::fmt::temporal::DateTimeParser::new();
    PARSER
        .parse_timestamp(text)
        .map_err(|_| TimestampError::NotRfc3339)
}

/// Reads `text`, an RFC 3339 timestamp found in `header`: the text as
/// signed, and the time it says.
///
/// # Errors
///
/// [`ReadError::Timestamp`] naming the header.
pub(crate) fn read_rfc3339<'a>(
    text: &'a [u8],
    header: &Header,
) -> Result<(&'a [u8], Timestamp), ReadError> {
    match parse_rfc3339(text) {
        Ok(at) => Ok((text, at)),
        Err(source) => Err(ReadError::Timestamp {
            header: header.clone(),
            source,
        }),
    }
}

/// Reads `text`, the signed timestamp found in `header`: the text as
/// signed, and the time it says.
///
/// # Errors
///
/// [`ReadError::Timestamp`] naming the header.
pub(crate) fn read<'a>(
    text: &'a [u8],
    header: &Header,
) -> Result<(&'a [u8], Timestamp), ReadError> {
    match parse_seconds(text) {
        Ok(at) => Ok((text, at)),
        Err(source) => Err(ReadError::Timestamp {
            header: header.clone(),
            source,
        }),
    }
}

/// The decimal seconds of `timestamp`, written in `buf`, for signing and
/// sending; `None` before 1970, which no scheme can carry.
#[cfg_attr(not(feature = "http"), allow(dead_code))]
pub(crate) fn format_seconds(timestamp: Timestamp, buf: &mut itoa::Buffer) -> Option<&str> {
    let seconds = timestamp.as_second();
    (seconds >= 0).then(|| buf.format(seconds))
}

/// `timestamp` in RFC 3339 in UTC (`Z`), for signing and sending: to the
/// nanosecond, nine digits, as Twitch sends it, or in whole seconds, as
/// Zendesk does.
#[cfg_attr(not(feature = "http"), allow(dead_code))]
pub(crate) fn format_rfc3339(timestamp: Timestamp, nanoseconds: bool) -> alloc::string::String {
    let printer = jiff::fmt::temporal::DateTimePrinter::new().precision(Some(if nanoseconds {
        9
    } else {
        0
    }));
    let mut text = alloc::string::String::with_capacity(32);
    // Printing into a `String` cannot fail.
    let _ = printer.print_timestamp(&timestamp, &mut text);
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_only() {
        assert_eq!(
            parse_seconds(b"1531420618"),
            Ok(Timestamp::from_second(1_531_420_618).unwrap())
        );
        assert_eq!(parse_seconds(b"0"), Ok(Timestamp::UNIX_EPOCH));
        assert_eq!(parse_seconds(b""), Err(TimestampError::Empty));
        assert_eq!(parse_seconds(b"-5"), Err(TimestampError::Negative));
        assert_eq!(
            parse_seconds(b"-"),
            Err(TimestampError::NotDigits { offset: 0 })
        );
        assert_eq!(
            parse_seconds(b"12.5"),
            Err(TimestampError::NotDigits { offset: 2 })
        );
        assert_eq!(
            parse_seconds(b" 12"),
            Err(TimestampError::NotDigits { offset: 0 })
        );
        assert_eq!(
            parse_seconds(b"+12"),
            Err(TimestampError::NotDigits { offset: 0 })
        );
        assert_eq!(parse_seconds(&[b'9'; 30]), Err(TimestampError::OutOfRange));
        assert_eq!(
            parse_seconds(b"99999999999999"),
            Err(TimestampError::OutOfRange)
        );
    }

    #[test]
    fn rfc3339_with_its_offset() {
        let at = |s| Timestamp::from_second(s).unwrap();
        // Twitch's documented form, nanoseconds and `Z`.
        assert_eq!(
            parse_rfc3339(b"2019-11-16T10:11:12.634234626Z"),
            Ok(Timestamp::new(1_573_899_072, 634_234_626).unwrap())
        );
        // Zendesk's documented form.
        assert_eq!(
            parse_rfc3339(b"2021-07-25T10:00:00Z"),
            Ok(at(1_627_207_200))
        );
        assert_eq!(
            parse_rfc3339(b"2021-07-25T12:00:00+02:00"),
            Ok(at(1_627_207_200))
        );
        assert_eq!(parse_rfc3339(b""), Err(TimestampError::Empty));
        for bad in [
            &b"1627207200"[..],
            b"2021-07-25T10:00:00",
            b"2021-07-25",
            b" 2021-07-25T10:00:00Z",
            b"2021-13-25T10:00:00Z",
            &[b'9'; 100],
        ] {
            assert_eq!(
                parse_rfc3339(bad),
                Err(TimestampError::NotRfc3339),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn formats_rfc3339_as_each_sender_does() {
        let at = Timestamp::new(1_573_899_072, 634_234_626).unwrap();
        assert_eq!(format_rfc3339(at, true), "2019-11-16T10:11:12.634234626Z");
        assert_eq!(format_rfc3339(at, false), "2019-11-16T10:11:12Z");
        let whole = Timestamp::from_second(1_573_899_072).unwrap();
        assert_eq!(
            format_rfc3339(whole, true),
            "2019-11-16T10:11:12.000000000Z"
        );
        assert_eq!(parse_rfc3339(format_rfc3339(at, true).as_bytes()), Ok(at));
    }

    #[test]
    fn formats_what_it_parses() {
        let mut buf = itoa::Buffer::new();
        let at = Timestamp::from_second(1_649_367_553).unwrap();
        assert_eq!(format_seconds(at, &mut buf), Some("1649367553"));
        assert_eq!(parse_seconds(b"1649367553"), Ok(at));
        let before_1970 = Timestamp::from_second(-1).unwrap();
        assert_eq!(format_seconds(before_1970, &mut buf), None);
    }
}
