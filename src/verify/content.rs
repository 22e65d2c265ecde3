//! Why signed content beyond the headers and the raw body cannot be read:
//! the URL the sender used, a form body read field by field, a field of a
//! JSON body. The providers of [`provider`](crate::provider) sign these.
//!
//! Messages say what is wrong and where (an offset, a field's number or
//! name), and never echo the content: a URL or a form field can carry a
//! customer's data.

use crate::{SignatureError, TimestampError};

/// What is wrong with the URL a provider signs (Twilio's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UrlError {
    /// The URL does not start with `http://` or `https://` (in any case):
    /// the sender's public URL is always one of those.
    #[error("URL does not start with http:// or https://")]
    NotHttp,
    /// Nothing between `://` and the path: no host.
    #[error("URL has no host after its scheme")]
    NoHost,
    /// A port that is empty or not decimal digits.
    #[error("URL has a port that is not decimal digits at offset {offset}")]
    Port {
        /// Zero-based offset of the port's first byte in the URL.
        offset: usize,
    },
    /// A query parameter the scheme reads appears more than once, so it is
    /// unclear which the sender meant.
    #[error("URL has {count} {name} query parameters, expected one")]
    RepeatedParameter {
        /// The parameter's name.
        name: &'static str,
        /// How many times it appears.
        count: usize,
    },
    /// Twilio's `bodySHA256` query parameter is not the 64 lowercase hex
    /// digits of a SHA-256 digest.
    #[error(
        "URL bodySHA256 is {found} characters, expected 64 lowercase hex digits (bad byte at offset {offset} of it)"
    )]
    BodyHash {
        /// How many characters the parameter's value has.
        found: usize,
        /// Zero-based offset of the first byte that is not a lowercase hex
        /// digit, or of the end when only the length is wrong.
        offset: usize,
    },
}

/// What is wrong with an `application/x-www-form-urlencoded` body a
/// provider signs field by field (Twilio's). Fields count from 1, in the
/// order sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FormError {
    /// A `%` not followed by two hex digits.
    #[error("form body: field {field} has a % not followed by two hex digits at offset {offset}")]
    Escape {
        /// The field's number, from 1.
        field: usize,
        /// Zero-based offset of the `%` in the body.
        offset: usize,
    },
    /// More fields than the verifier reads: it sorts them on the stack, in
    /// a fixed number of slots.
    #[error("form body: field {field} is past the {max} this verifier reads")]
    TooManyFields {
        /// The number of the first field past the bound.
        field: usize,
        /// How many fields the verifier reads.
        max: usize,
    },
}

/// What is wrong with a JSON body whose fields a provider signs or carries
/// its signature in (Mailgun's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BodyFieldError {
    /// The body is not JSON, or not an object holding the fields the
    /// scheme reads (one is missing); serde_json's position of the first
    /// problem.
    #[error("body: not a JSON object with the signed fields (line {line}, column {column})")]
    NotJson {
        /// One-based line of the problem in the body.
        line: usize,
        /// One-based column of the problem in the body.
        column: usize,
    },
    /// A field the scheme reads is not a JSON string.
    #[error("body: field {field} is not a string")]
    NotString {
        /// The field, such as `signature.token`.
        field: &'static str,
    },
    /// A field the scheme reads is a string with escapes (`\"`, `\u0041`):
    /// it is read in place, without allocating, and no sender escapes
    /// these fields, so it is refused rather than unescaped.
    #[error("body: field {field} has escapes, which this verifier does not read")]
    Escaped {
        /// The field.
        field: &'static str,
    },
    /// A signed timestamp field is not a usable Unix time.
    #[error("body: field {field}: {reason}")]
    Timestamp {
        /// The field.
        field: &'static str,
        /// What is wrong with it.
        reason: TimestampError,
    },
    /// The signature field cannot be read as a signature.
    #[error("body: field {field}: {reason}")]
    Signature {
        /// The field.
        field: &'static str,
        /// What is wrong with it.
        reason: SignatureError,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_say_what_and_where() {
        assert_eq!(
            FormError::TooManyFields {
                field: 129,
                max: 128
            }
            .to_string(),
            "form body: field 129 is past the 128 this verifier reads"
        );
        assert_eq!(
            UrlError::RepeatedParameter {
                name: "bodySHA256",
                count: 2
            }
            .to_string(),
            "URL has 2 bodySHA256 query parameters, expected one"
        );
        assert_eq!(
            BodyFieldError::Escaped {
                field: "signature.token"
            }
            .to_string(),
            "body: field signature.token has escapes, which this verifier does not read"
        );
    }
}
