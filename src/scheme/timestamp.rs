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
///
/// Read here, digit by digit, with jiff's calendar arithmetic, rather than
/// with jiff's Temporal parser: that parser reads time zone annotations
/// too, and brings 190 KB into a wasm verifier of any scheme (measured with
/// scripts/wasm-size.sh). The unit tests check that the two agree.
pub(crate) fn parse_rfc3339(text: &[u8]) -> Result<Timestamp, TimestampError> {
    if text.is_empty() {
        return Err(TimestampError::Empty);
    }
    rfc3339(text).ok_or(TimestampError::NotRfc3339)
}

/// `YYYY-MM-DD`, `T` (or `t`, or a space, as RFC 3339 allows), `hh:mm:ss`,
/// an optional fraction of up to nine digits, and `Z` (or `z`) or
/// `±hh:mm`. A leap second (`:60`) reads as `:59`, as jiff reads it.
fn rfc3339(text: &[u8]) -> Option<Timestamp> {
    /// The number the `N` ASCII digits at `at` spell.
    fn digits<const N: usize>(text: &[u8], at: usize) -> Option<i32> {
        let field: &[u8; N] = text.get(at..at + N)?.try_into().ok()?;
        field.iter().try_fold(0, |number: i32, &byte| {
            byte.is_ascii_digit()
                .then(|| number * 10 + i32::from(byte - b'0'))
        })
    }
    let at = |index: usize, byte: u8| text.get(index) == Some(&byte);
    if !(at(4, b'-') && at(7, b'-') && at(13, b':') && at(16, b':')) {
        return None;
    }
    if !matches!(text.get(10), Some(b'T' | b't' | b' ')) {
        return None;
    }
    let (year, month, day) = (
        digits::<4>(text, 0)?,
        digits::<2>(text, 5)?,
        digits::<2>(text, 8)?,
    );
    let (hour, minute) = (digits::<2>(text, 11)?, digits::<2>(text, 14)?);
    let second = match digits::<2>(text, 17)? {
        60 => 59,
        second => second,
    };
    let mut rest = text.get(19..)?;
    let mut nanosecond = 0;
    if let Some(fraction) = rest.strip_prefix(b".") {
        let count = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
        if !(1..=9).contains(&count) {
            return None;
        }
        let read = digits_of(fraction.get(..count)?)?;
        nanosecond = read * 10_i32.pow(9 - u32::try_from(count).ok()?);
        rest = fraction.get(count..)?;
    }
    let offset = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), ..] if rest.len() == 6 && rest.get(3) == Some(&b':') => {
            let (hours, minutes) = (digits::<2>(rest, 1)?, digits::<2>(rest, 4)?);
            // jiff reads offsets up to 25 hours (Temporal's range), a little past
            // RFC 3339's 23.
            if hours > 25 || minutes > 59 {
                return None;
            }
            let seconds = hours * 3600 + minutes * 60;
            if *sign == b'-' { -seconds } else { seconds }
        }
        _ => return None,
    };
    let civil = jiff::civil::DateTime::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
        i8::try_from(hour).ok()?,
        i8::try_from(minute).ok()?,
        i8::try_from(second).ok()?,
        nanosecond,
    )
    .ok()?;
    jiff::tz::Offset::from_seconds(offset)
        .ok()?
        .to_timestamp(civil)
        .ok()
}

/// The number a run of ASCII digits spells; `None` past `i32`.
fn digits_of(run: &[u8]) -> Option<i32> {
    run.iter().try_fold(0_i32, |number, &byte| {
        number
            .checked_mul(10)?
            .checked_add(i32::from(byte.checked_sub(b'0').filter(|d| *d < 10)?))
    })
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
    fn reads_rfc3339_as_jiffs_parser_does() {
        let jiff = |text: &str| {
            jiff::fmt::temporal::DateTimeParser::new()
                .parse_timestamp(text)
                .ok()
        };
        let mut cases: Vec<String> = [
            "2019-11-16T10:11:12.634234626Z",
            "2019-11-16t10:11:12.6z",
            "2019-11-16 10:11:12Z",
            "2021-07-25T12:00:00+02:00",
            "2021-07-25T12:00:00-09:30",
            "2016-12-31T23:59:60Z",
            "2024-02-29T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2021-07-25T24:00:00Z",
            "2021-07-25T10:60:00Z",
            "2021-07-25T10:00:00.Z",
            "2021-07-25T10:00:00.1234567891Z",
            "2021-07-25T10:00:00+24:00",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z",
        ]
        .map(String::from)
        .to_vec();
        // Every digit of a good value swapped for each byte that could
        // stand there.
        let good = "2021-07-25T10:00:00.5+02:00";
        for index in 0..good.len() {
            for byte in [b'0', b'3', b'9', b'-', b':', b'Z', b'x'] {
                let mut bytes = good.as_bytes().to_vec();
                bytes[index] = byte;
                cases.push(String::from_utf8(bytes).unwrap());
            }
        }
        for case in &cases {
            assert_eq!(rfc3339(case.as_bytes()), jiff(case), "{case}");
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
