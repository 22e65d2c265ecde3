//! Unix timestamps as the timestamped schemes send them: decimal seconds.

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
    fn formats_what_it_parses() {
        let mut buf = itoa::Buffer::new();
        let at = Timestamp::from_second(1_649_367_553).unwrap();
        assert_eq!(format_seconds(at, &mut buf), Some("1649367553"));
        assert_eq!(parse_seconds(b"1649367553"), Ok(at));
        let before_1970 = Timestamp::from_second(-1).unwrap();
        assert_eq!(format_seconds(before_1970, &mut buf), None);
    }
}
