//! What a diagnosis found: each known mistake, said in plain language with
//! its fix. No finding holds or shows a secret or a MAC.

use core::fmt;

use jiff::{SignedDuration, Timestamp};

use super::JsonStyle;
use crate::{Header, KeyError, Scheme, SecretFormat, TimestampError, Tolerance};

/// One thing a diagnosis found about a request that failed verification.
///
/// `Display` says what happened in a sentence or two, [`Finding::fix`]
/// what to do about it, and [`Finding::evidence`] whether a signature in
/// the request confirms it. Secrets are named by their position among the
/// secrets given (`secret 1` is the first); neither a secret nor a MAC is
/// ever shown.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Finding {
    /// The signature matches the body parsed as JSON and written again in
    /// `style`: the JSON was re-serialized between signing and verifying,
    /// usually by the receiver's body parser.
    Reserialized {
        /// The way of writing JSON whose output was signed.
        style: JsonStyle,
    },
    /// The body is a Node.js `Buffer` passed through `JSON.stringify`
    /// (`{"type":"Buffer","data":[...]}`); the signature matches the bytes
    /// it holds.
    NodeBuffer,
    /// The signature matches the body base64-decoded: a gateway (AWS API
    /// Gateway, Lambda function URLs) delivered it base64-encoded.
    Base64Body,
    /// The signature matches the body with its line endings changed back.
    LineEndings {
        /// What happened to the body after it was signed.
        change: LineEndingChange,
    },
    /// The signature matches the body with its text re-encoding undone.
    Mojibake {
        /// What happened to the body's text after it was signed.
        change: Recoding,
    },
    /// The signature was made with a held secret read another way than
    /// the platform reads it.
    SecretFormat {
        /// Zero-based position of the secret among those given.
        secret: usize,
        /// The reading that produced the signature.
        reading: SecretReading,
        /// How the platform reads its secrets.
        expected: SecretFormat,
    },
    /// The signature was made with a held secret without the whitespace,
    /// line break or quotes around it.
    SecretPadding {
        /// Zero-based position of the secret among those given.
        secret: usize,
        /// What surrounds the secret.
        padding: Padding,
    },
    /// The signature was made with one of the other secrets given (another
    /// environment's or endpoint's), not with the verifier's.
    OtherSecret {
        /// Zero-based position among the other secrets.
        secret: usize,
    },
    /// The signature is good, but its signed time is outside the
    /// tolerance of `now`.
    Stale {
        /// The header that carried the signed time.
        header: Header,
        /// When the sender says it signed.
        signed_at: Timestamp,
        /// The `now` the request was judged against.
        now: Timestamp,
        /// The tolerance it exceeded.
        tolerance: Tolerance,
    },
    /// The signature is good, but the signed time is in milliseconds where
    /// the scheme sends seconds.
    TimestampInMilliseconds {
        /// The header that carried the signed time.
        header: Header,
        /// The time the value means when read as milliseconds.
        signed_at: Option<Timestamp>,
        /// The `now` the request was judged against.
        now: Timestamp,
    },
    /// The signature is good, but the signed time is not a Unix time.
    TimestampUnreadable {
        /// The header that carried the signed time.
        header: Header,
        /// What is wrong with it.
        reason: TimestampError,
    },
    /// The request carries another preset's signature header, and it is a
    /// valid signature of that platform: the request comes from it.
    OtherPlatform {
        /// The name of the preset that verifies it.
        platform: String,
        /// That preset's signature header.
        header: Header,
    },
    /// The platform's signature header holds a valid signature of another
    /// scheme (another signed content or encoding).
    OtherScheme {
        /// The signature header.
        header: Header,
        /// The scheme it verifies in.
        scheme: Scheme,
    },
    /// The signature header was changed on the way, and one of the values
    /// recovered from it is a valid signature.
    HeaderMangled {
        /// The signature header.
        header: Header,
        /// How it was changed.
        mangling: Mangling,
    },
    /// A held secret has the prefix of a credential that is not a webhook
    /// signing secret. Seen in the secret; no signature confirms it.
    WrongKindOfSecret {
        /// Zero-based position of the secret among those given.
        secret: usize,
        /// The prefix it starts with, such as `sk_live_`.
        prefix: &'static str,
        /// What a secret with that prefix is.
        kind: &'static str,
    },
    /// A held secret cannot be read in the platform's format. Seen in the
    /// secret; no signature confirms it.
    SecretUnusable {
        /// Zero-based position of the secret among those given.
        secret: usize,
        /// Why it cannot become a key.
        reason: KeyError,
    },
    /// The body is the text `[object Object]`: a JavaScript object was
    /// passed where the raw bytes belong. Seen in the body.
    ObjectNotBytes,
}

/// Whether a finding is confirmed by a signature in the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Evidence {
    /// A signature in the request matched once the mistake was undone: the
    /// finding explains the failure.
    Signature,
    /// Seen in the input (a secret's prefix, the body's text); no
    /// signature confirms that it is why verification failed.
    Inspection,
}

/// What happened to a body's line endings after it was signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LineEndingChange {
    /// A `\n` was added at the end (by an editor, `echo`, or a logger).
    TrailingNewlineAdded,
    /// A `\r\n` was added at the end.
    TrailingCrlfAdded,
    /// The `\n` the body ended with was dropped (by a `trim()`, or a shell
    /// `$(...)`).
    TrailingNewlineDropped,
    /// The `\r\n` the body ended with was dropped.
    TrailingCrlfDropped,
    /// Each `\n` became `\r\n` (a text-mode write, a Windows checkout).
    LfToCrlf,
    /// Each `\r\n` became `\n`.
    CrlfToLf,
}

/// What happened to a body's text encoding after it was signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Recoding {
    /// The UTF-8 bytes were decoded as Latin-1 or Windows-1252 and encoded
    /// again as UTF-8: `é` became `Ã©`, `’` became `â€™`.
    DecodedAsLatin1,
    /// The text was converted from UTF-8 to Latin-1 or Windows-1252: `é`
    /// became the single byte `0xE9`.
    EncodedAsLatin1,
}

/// A way of reading a secret other than the platform's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SecretReading {
    /// The text after `whsec_` (or the whole secret) base64-decoded, as
    /// Standard Webhooks and Svix read secrets.
    Base64Decoded,
    /// The text after `whsec_` used as it stands, prefix dropped.
    PrefixDropped,
    /// `whsec_` followed by the secret: the sender keys with the prefix
    /// that the copy held lacks.
    PrefixAdded,
    /// The whole secret used as text, not decoded.
    Text,
}

/// What surrounds a secret that should not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Padding {
    /// Spaces or tabs at either end.
    Whitespace,
    /// A line break at either end, as a `.env` file, `echo` or a secret
    /// manager's file leaves one.
    LineBreak,
    /// Quotes around it, kept from a `.env` file or a config template.
    Quotes,
}

/// How a proxy changed a signature header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Mangling {
    /// The header was sent this many times; one copy holds a valid
    /// signature.
    Repeated {
        /// How many copies arrived.
        count: usize,
    },
    /// Several values were joined into one with commas, as a proxy joins a
    /// header it received more than once.
    Joined,
    /// The value was wrapped in quotes.
    Quoted,
}

impl Finding {
    /// Whether a signature in the request confirms the finding.
    pub fn evidence(&self) -> Evidence {
        match self {
            Self::WrongKindOfSecret { .. } | Self::SecretUnusable { .. } | Self::ObjectNotBytes => {
                Evidence::Inspection
            }
            _ => Evidence::Signature,
        }
    }

    /// For [`Finding::Stale`]: how long before `now` the request was signed,
    /// negative when it was signed after `now`.
    pub fn age(&self) -> Option<SignedDuration> {
        match self {
            Self::Stale { signed_at, now, .. } => Some(now.duration_since(*signed_at)),
            Self::TimestampInMilliseconds {
                signed_at: Some(at),
                now,
                ..
            } => Some(now.duration_since(*at)),
            _ => None,
        }
    }

    /// What to do about it, in a sentence or two.
    pub fn fix(&self) -> String {
        const RAW_BODY: &str = "Verify the raw body bytes as they arrived, before any parsing: \
            express.raw({ type: 'application/json' }) in Express, request.get_data() in Flask, \
            `Bytes` in axum; never JSON.stringify(req.body) or a re-encoded string.";
        match self {
            Self::Reserialized { .. } | Self::NodeBuffer => RAW_BODY.to_owned(),
            Self::Base64Body => "Decode the body when the gateway says it is base64 \
                (`isBase64Encoded` in a Lambda event), then verify the decoded bytes."
                .to_owned(),
            Self::LineEndings { change } => match change {
                LineEndingChange::TrailingNewlineAdded | LineEndingChange::TrailingCrlfAdded => {
                    "Verify the bytes as received; if you replay a saved request, save it \
                     without a final newline (`printf '%s'`, not `echo`)."
                }
                LineEndingChange::TrailingNewlineDropped
                | LineEndingChange::TrailingCrlfDropped => {
                    "Do not trim the body before verifying it: the final line break is signed."
                }
                LineEndingChange::LfToCrlf | LineEndingChange::CrlfToLf => {
                    "Keep the body as bytes end to end: read and write files in binary mode, \
                     and keep fixtures out of git's line-ending conversion (`-text` in \
                     .gitattributes)."
                }
            }
            .to_owned(),
            Self::Mojibake { .. } => "Read the body as bytes, not as text in some charset; if \
                something must decode it, decode it as UTF-8 (the charset of JSON)."
                .to_owned(),
            Self::SecretFormat {
                reading, expected, ..
            } => secret_format_fix(*reading, *expected).to_owned(),
            Self::SecretPadding { padding, .. } => match padding {
                Padding::Quotes => "Remove the quotes from the stored secret (or from the \
                    template that writes it)."
                    .to_owned(),
                _ => "Trim the secret where it is loaded (`.trim()`), and store it without the \
                    line break or spaces."
                    .to_owned(),
            },
            Self::OtherSecret { .. } => "Configure the signing secret of the endpoint that sent \
                the request: test and live mode, each endpoint, and each `stripe listen` session \
                have their own."
                .to_owned(),
            Self::Stale { signed_at, now, .. } => {
                if signed_at > now {
                    "The sender's clock is ahead of yours, or yours is behind: sync the \
                     receiver's clock (NTP). If you passed `now` by hand, pass the time the \
                     request was received."
                        .to_owned()
                } else {
                    "If you are replaying a captured request, pass the time it was received as \
                     `now` (the command line's --now), or sign a fresh one; if live requests \
                     arrive this late, check the receiver's clock (NTP) and any queue in \
                     front of it."
                        .to_owned()
                }
            }
            Self::TimestampInMilliseconds { .. } => "The sender must send whole seconds since \
                1970: `Math.floor(Date.now() / 1000)` in JavaScript, `int(time.time())` in \
                Python."
                .to_owned(),
            Self::TimestampUnreadable { .. } => "The sender must send the signed time as decimal \
                Unix seconds."
                .to_owned(),
            Self::OtherPlatform { platform, .. } => {
                let constant = platform.to_ascii_uppercase().replace(' ', "_");
                format!("Verify this request with the {platform} preset (`Platform::{constant}`).")
            }
            Self::OtherScheme { scheme, .. } => format!(
                "Describe the sender as it signs: `Platform::custom(name, header, {})`, or fix \
                 the sender.",
                scheme_path(*scheme)
            ),
            Self::HeaderMangled { mangling, .. } => match mangling {
                Mangling::Quoted => "Find what quotes the header (a proxy rule, a config \
                    template, a test fixture) and pass the value unchanged."
                    .to_owned(),
                _ => "Make sure the header reaches the verifier once: look for a proxy or \
                    middleware that adds a copy of it, and for a client that sets it twice."
                    .to_owned(),
            },
            Self::WrongKindOfSecret { .. } => "Use the webhook endpoint's signing secret, shown \
                where the webhook is set up (for Stripe, `whsec_...` on the endpoint's page or \
                printed by `stripe listen`), never an API key or token."
                .to_owned(),
            Self::SecretUnusable { .. } => "Check that the secret is the one this platform \
                issued, copied whole."
                .to_owned(),
            Self::ObjectNotBytes => RAW_BODY.to_owned(),
        }
    }
}

fn secret_format_fix(reading: SecretReading, expected: SecretFormat) -> &'static str {
    match (reading, expected) {
        (SecretReading::Base64Decoded, _) => {
            "The sender reads the secret as Standard Webhooks does: verify with \
             `Platform::STANDARD_WEBHOOKS` or `Platform::SVIX`, or with \
             `.with_secret_format(SecretFormat::StandardWebhooks)` on your platform."
        }
        (SecretReading::PrefixAdded, _) => {
            "Store the whole secret as the platform shows it, `whsec_` prefix included: Stripe \
             keys its HMAC with the whole string."
        }
        (SecretReading::PrefixDropped, SecretFormat::Raw) => {
            "The sender keys with the text after `whsec_`: store the secret the way it keys, \
             or fix the sender to use the whole string."
        }
        _ => {
            "The sender keys its HMAC with the secret's text instead of decoding the base64 \
             after `whsec_` (standard-webhooks#235): fix the sender, or read the secret raw \
             with `.with_secret_format(SecretFormat::Raw)` for this sender."
        }
    }
}

fn scheme_path(scheme: Scheme) -> String {
    match scheme {
        Scheme::Body(encoding) => format!("Scheme::Body(Encoding::{encoding:?})"),
        other => format!("Scheme::{other:?}"),
    }
}

/// `duration` for a person: `7 min 30 s`, `2 h 5 min`, `3 days 4 h`.
pub(crate) fn human(duration: SignedDuration) -> String {
    let seconds = duration.as_secs().unsigned_abs();
    let (days, hours, minutes, secs) = (
        seconds / 86_400,
        seconds / 3600 % 24,
        seconds / 60 % 60,
        seconds % 60,
    );
    match (days, hours, minutes) {
        (0, 0, 0) => format!("{secs} s"),
        (0, 0, _) if secs == 0 => format!("{minutes} min"),
        (0, 0, _) => format!("{minutes} min {secs} s"),
        (0, _, _) => format!("{hours} h {minutes} min"),
        (1, _, _) => format!("1 day {hours} h"),
        _ => format!("{days} days {hours} h"),
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Reserialized { style } => write!(
                f,
                "The signature matches this JSON written another way, as {style}; the bytes \
                 you verified differ: the JSON was parsed and written again between signing \
                 and verifying, usually by the receiver's body parser."
            ),
            Self::NodeBuffer => f.write_str(
                "The body is a Node.js Buffer passed through JSON.stringify \
                 ({\"type\":\"Buffer\",\"data\":[...]}); the signature matches the bytes it holds.",
            ),
            Self::Base64Body => f.write_str(
                "The signature matches the body base64-decoded: the bytes you verified are the \
                 base64 of what was signed, as API Gateway and Lambda deliver a body when \
                 `isBase64Encoded` is true.",
            ),
            Self::LineEndings { change } => {
                let what = match change {
                    LineEndingChange::TrailingNewlineAdded => {
                        "a newline (\\n) was added at the end"
                    }
                    LineEndingChange::TrailingCrlfAdded => {
                        "a line break (\\r\\n) was added at the end"
                    }
                    LineEndingChange::TrailingNewlineDropped => {
                        "the newline (\\n) it ended with was dropped"
                    }
                    LineEndingChange::TrailingCrlfDropped => {
                        "the line break (\\r\\n) it ended with was dropped"
                    }
                    LineEndingChange::LfToCrlf => "each \\n became \\r\\n",
                    LineEndingChange::CrlfToLf => "each \\r\\n became \\n",
                };
                write!(
                    f,
                    "The body's line endings changed after it was signed: {what}. The signature \
                     matches the body as it was."
                )
            }
            Self::Mojibake { change } => {
                let what = match change {
                    Recoding::DecodedAsLatin1 => {
                        "its UTF-8 was decoded as Latin-1 or Windows-1252 and encoded again \
                         (é became Ã©)"
                    }
                    Recoding::EncodedAsLatin1 => {
                        "it was converted from UTF-8 to Latin-1 or Windows-1252 (é became one \
                         byte, 0xE9)"
                    }
                };
                write!(
                    f,
                    "The body's text was re-encoded after it was signed: {what}. The signature \
                     matches the body as it was."
                )
            }
            Self::SecretFormat {
                secret,
                reading,
                expected,
            } => {
                let n = secret + 1;
                let how = match reading {
                    SecretReading::Base64Decoded => {
                        "base64-decoded (after its `whsec_` prefix), as Standard Webhooks and \
                         Svix read secrets"
                    }
                    SecretReading::PrefixDropped => "without its `whsec_` prefix, as text",
                    SecretReading::PrefixAdded => "with `whsec_` in front of it",
                    SecretReading::Text => "as text, not base64-decoded",
                };
                let platform = match expected {
                    SecretFormat::StandardWebhooks => {
                        "the platform base64-decodes the text after `whsec_`"
                    }
                    _ => "the platform uses the secret as it stands",
                };
                write!(
                    f,
                    "The signature was made with secret {n} read {how}; {platform}."
                )
            }
            Self::SecretPadding { secret, padding } => {
                let n = secret + 1;
                let what = match padding {
                    Padding::Whitespace => "spaces or tabs around it",
                    Padding::LineBreak => "a line break at its end or start",
                    Padding::Quotes => "quotes around it",
                };
                write!(
                    f,
                    "Secret {n} has {what}; the signature was made with the secret without them."
                )
            }
            Self::OtherSecret { secret } => write!(
                f,
                "The signature was made with other secret {} (another environment's or \
                 endpoint's), not with a secret the verifier holds.",
                secret + 1
            ),
            Self::Stale {
                header,
                signed_at,
                now,
                tolerance,
            } => {
                let age = now.duration_since(*signed_at);
                let when = if age.is_negative() { "after" } else { "before" };
                write!(
                    f,
                    "The signature is good, but {header} says it was signed at {signed_at}, {} \
                     {when} now ({now}); the tolerance is {tolerance} each way.",
                    human(age)
                )
            }
            Self::TimestampInMilliseconds {
                header, signed_at, ..
            } => {
                write!(
                    f,
                    "The signature is good, but {header} gives the time in milliseconds where \
                     the scheme sends seconds"
                )?;
                if let Some(age) = self.age() {
                    let when = if age.is_negative() { "after" } else { "before" };
                    let at = signed_at.map(|at| at.to_string()).unwrap_or_default();
                    write!(
                        f,
                        " (read as milliseconds, {at}, {} {when} now)",
                        human(age)
                    )?;
                }
                f.write_str(".")
            }
            Self::TimestampUnreadable { header, reason } => write!(
                f,
                "The signature is good, but the signed time in {header} is unusable: {reason}."
            ),
            Self::OtherPlatform { platform, header } => write!(
                f,
                "The request carries {header}, a valid {platform} signature: it comes from \
                 {platform}, not from the platform you verify for."
            ),
            Self::OtherScheme { header, scheme } => write!(
                f,
                "{header} holds a valid signature in another scheme ({scheme}), not in the one \
                 the platform uses."
            ),
            Self::HeaderMangled { header, mangling } => match mangling {
                Mangling::Repeated { count } => write!(
                    f,
                    "{header} arrived {count} times; one copy is a valid signature, but a \
                     verifier refuses a header it cannot tell apart."
                ),
                Mangling::Joined => write!(
                    f,
                    "{header} holds several values joined with commas, as a proxy joins a \
                     header it received more than once; one of them is a valid signature."
                ),
                Mangling::Quoted => write!(
                    f,
                    "{header} is wrapped in quotes; without them it is a valid signature."
                ),
            },
            Self::WrongKindOfSecret {
                secret,
                prefix,
                kind,
            } => write!(
                f,
                "Secret {} starts with `{prefix}`: it is {kind}, not a webhook signing secret.",
                secret + 1
            ),
            Self::SecretUnusable { secret, reason } => write!(
                f,
                "Secret {} cannot be read the way the platform reads secrets: {reason}.",
                secret + 1
            ),
            Self::ObjectNotBytes => f.write_str(
                "The body is the text \"[object Object]\": a parsed JavaScript object was passed \
                 where the raw body bytes belong.",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_at_a_glance() {
        let s = SignedDuration::from_secs;
        assert_eq!(human(s(45)), "45 s");
        assert_eq!(human(s(-450)), "7 min 30 s");
        assert_eq!(human(s(600)), "10 min");
        assert_eq!(human(s(7500)), "2 h 5 min");
        assert_eq!(human(s(86_400 + 3600)), "1 day 1 h");
        assert_eq!(human(s(3 * 86_400)), "3 days 0 h");
    }

    #[test]
    fn stale_says_how_far_and_which_way() {
        let header = Header::new("Stripe-Signature").unwrap();
        let now = Timestamp::from_second(1_700_000_450).unwrap();
        let stale = Finding::Stale {
            header,
            signed_at: Timestamp::from_second(1_700_000_000).unwrap(),
            now,
            tolerance: Tolerance::DEFAULT,
        };
        assert_eq!(stale.age(), Some(SignedDuration::from_secs(450)));
        let text = stale.to_string();
        assert!(text.contains("7 min 30 s before now"), "{text}");
        assert!(text.contains("300 s each way"), "{text}");
        assert_eq!(stale.evidence(), Evidence::Signature);
    }

    #[test]
    fn inspection_findings_are_marked() {
        let kind = Finding::WrongKindOfSecret {
            secret: 0,
            prefix: "sk_live_",
            kind: "a Stripe secret API key",
        };
        assert_eq!(kind.evidence(), Evidence::Inspection);
        assert!(
            kind.to_string()
                .starts_with("Secret 1 starts with `sk_live_`")
        );
        assert_eq!(Finding::ObjectNotBytes.evidence(), Evidence::Inspection);
    }

    #[test]
    fn other_platform_fix_names_the_preset() {
        let finding = Finding::OtherPlatform {
            platform: "Standard Webhooks".to_owned(),
            header: Header::new("webhook-signature").unwrap(),
        };
        assert!(finding.fix().contains("Platform::STANDARD_WEBHOOKS"));
    }
}
