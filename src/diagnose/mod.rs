//! **Offline only**: why a webhook signature failed, for a developer at a
//! desk or reading logs. Never wire it into a response.
//!
//! A verifier says only "did not match", and must: an answer that says
//! more helps a forger. This module says more. Given what a receiver got
//! (headers and raw body), the [`Platform`] it expected and the secrets it
//! holds, [`Offline::diagnose`] undoes each known mistake in turn and
//! reports the one under which a signature in the request matches, as a
//! [`Finding`] with a plain-language message and a fix:
//!
//! | cause | what is tried |
//! |---|---|
//! | body parsed and written again by a framework | the received JSON written in each common style ([`JsonStyle`]): compact, Python's `", "`/`": "`, 2- and 4-space indents, sorted keys, `\/`, `\u0026` and `\uXXXX` escapes |
//! | secret read in the wrong format | `whsec_` base64-decoded or not, the prefix kept, dropped or added |
//! | whitespace, a line break or quotes around the secret | the secret trimmed |
//! | the wrong kind of secret | its prefix named (`sk_live_` is a Stripe API key); each [other secret](Offline::other_secret) held tried |
//! | body base64-encoded by a gateway | the body decoded |
//! | line endings changed | a final `\n` or `\r\n` added or removed, LF ↔ CRLF |
//! | text re-encoded | Latin-1/Windows-1252 ↔ UTF-8 mojibake undone |
//! | timestamp in milliseconds, or the clock skewed | once a MAC matches, the signed time judged: how far from `now`, and which way |
//! | the wrong platform or scheme | other presets' signature headers present in the request, and the platform's header read in each other scheme |
//! | the header mangled by a proxy | a repeated header's copies, comma-joined values and quotes taken apart |
//!
//! When nothing explains the failure, the [`Outcome`] is
//! [`Unexplained`](Outcome::Unexplained): a forged or tampered request, or
//! one signed with a secret not held, gets no confirmed finding. Only one
//! mistake at a time is undone (with a stale timestamp reported beside
//! it); two at once are not looked for.
//!
//! # Bounded work
//!
//! Each try costs one HMAC-SHA256 per secret held. A call computes at most
//! [`MAX_HMACS`] = 256 of them, whatever the input: at most
//! [`MAX_SECRETS`] = 4 secrets are accepted, and each costs at most 64
//! HMACs (2 for the request as received, 3 secret readings, 26 body
//! variants, 4 header values, 11 other platforms and schemes; other
//! secrets cost 1 each). With one secret and a JSON body, a diagnosis
//! costs a few dozen. The work per HMAC grows with the body, as it does for
//! verification.
//!
//! # Why offline
//!
//! Trying variants is a signing oracle: a diagnosis returned to the sender
//! of a request would tell a forger which of its guesses came close, and
//! each call spends up to 256 HMACs of the receiver's CPU on input the
//! sender controls. Run it on a captured request, in a test, a script or
//! the `hooksig` example's `diagnose` command; log a finding for the
//! developer, never send it back. Findings never show a secret or a MAC.
//! The module sits behind the `diagnose` feature, off by default.
//!
//! ```
//! use hooksig::Platform;
//! use hooksig::diagnose::{Finding, Offline, Outcome};
//! use jiff::Timestamp;
//!
//! // Stripe signs the body as it sends it: indented by 2 spaces.
//! let sent = b"{\n  \"id\": \"evt_1\",\n  \"object\": \"event\"\n}";
//! let now = Timestamp::from_second(1_700_000_000)?;
//! let signer = Platform::STRIPE.signer("whsec_test_secret")?;
//! let request = Platform::STRIPE.request("https://example.com/hooks")
//!     .timestamp(now)
//!     .sign_with(&signer)
//!     .body(sent.to_vec())?;
//!
//! // The receiver verified `JSON.stringify(req.body)`: compact JSON.
//! let verified = br#"{"id":"evt_1","object":"event"}"#;
//! let diagnosis = Offline::new(Platform::STRIPE)
//!     .secret("whsec_test_secret")
//!     .diagnose(request.headers(), verified, now)?;
//!
//! assert_eq!(diagnosis.outcome(), Outcome::Explained);
//! assert!(matches!(diagnosis.findings()[0], Finding::Reserialized { .. }));
//! println!("{diagnosis}");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use core::fmt;

use http::Request;
use jiff::Timestamp;

use crate::{Headers, Platform, Tolerance, VerifyError};

mod body;
mod finding;
mod frame;
mod json;
mod search;
mod secret;

pub use finding::{
    Evidence, Finding, LineEndingChange, Mangling, Padding, Recoding, SecretReading,
};
pub use json::{Escapes, JsonStyle, KeyOrder, Layout};

use secret::Held;

/// The most HMACs one diagnosis computes, whatever the input.
pub const MAX_HMACS: usize = MAX_SECRETS * PER_SECRET;

/// The most secrets, held and other together, one diagnosis accepts.
pub const MAX_SECRETS: usize = 4;

/// The most HMACs a diagnosis spends on one held secret.
const PER_SECRET: usize = 64;

// Each held secret costs: the verifier's check and the check as received,
// its readings, each body variant, each value of a mangled header, each
// other platform (in two formats) and each other scheme. A test holds the
// total under `PER_SECRET`.
const WORST_PER_SECRET: usize = 2
    + secret::MAX_READINGS
    + body::MAX_VARIANTS
    + search::MAX_MANGLED
    + 2 * search::MAX_OTHER_PLATFORMS
    + 5;

const _: () = assert!(WORST_PER_SECRET <= PER_SECRET);
// The number the documentation gives.
const _: () = assert!(MAX_HMACS == 256);

/// A diagnosis bench for one platform's requests, for offline use only
/// (see [the module](self) for why): the platform expected, the secrets
/// the receiver holds, and other secrets the developer has that the
/// request may have been signed with.
///
/// Secrets are kept as given, since trying the ways a sender may read them
/// needs their text; they are wiped from memory when the bench is dropped,
/// and `Debug` shows only how many there are.
///
/// A request no known mistake explains gets no confirmed finding: here, one
/// signed with a secret the receiver does not hold.
///
/// ```
/// use hooksig::Platform;
/// use hooksig::diagnose::{Offline, Outcome};
///
/// let forged = Platform::CORTEX.request("https://example.com/hooks")
///     .event("scan.completed")
///     .delivery_id("d-1")
///     .sign_with(&Platform::CORTEX.signer("a forger's guess")?)
///     .body(br#"{"event":"scan.completed"}"#.to_vec())?;
/// let diagnosis = Offline::new(Platform::CORTEX)
///     .secret("the receiver's secret")
///     .diagnose_request(&forged, jiff::Timestamp::UNIX_EPOCH)?;
/// assert_eq!(diagnosis.outcome(), Outcome::Unexplained);
/// assert!(diagnosis.findings().is_empty());
/// assert!(diagnosis.to_string().contains("No known mistake explains this"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
#[must_use]
pub struct Offline {
    platform: Platform,
    secrets: Vec<Held>,
    others: Vec<Held>,
    tolerance: Tolerance,
}

impl Offline {
    /// A bench for `platform`'s requests, holding no secret yet, judging
    /// signed times with a tolerance of 300 seconds.
    pub fn new(platform: &Platform) -> Self {
        Self {
            platform: platform.clone(),
            secrets: Vec::new(),
            others: Vec::new(),
            tolerance: Tolerance::DEFAULT,
        }
    }

    /// Adds a secret the receiver verifies with, as it is configured
    /// (whitespace and all: a stray newline is one of the mistakes found).
    pub fn secret(mut self, secret: impl AsRef<[u8]>) -> Self {
        self.secrets.push(Held::new(secret.as_ref()));
        self
    }

    /// Adds a secret the receiver does not verify with but the request may
    /// have been signed with: another environment's (test and live mode),
    /// another endpoint's, a `stripe listen` session's.
    pub fn other_secret(mut self, secret: impl AsRef<[u8]>) -> Self {
        self.others.push(Held::new(secret.as_ref()));
        self
    }

    /// The tolerance a signed time is judged with. Defaults to
    /// [`Tolerance::DEFAULT`], 300 seconds.
    pub fn with_tolerance(mut self, tolerance: Tolerance) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// Diagnoses a request from its headers and raw body, judging a signed
    /// time against `now` (the time the request was received, for a
    /// captured one).
    ///
    /// # Errors
    ///
    /// [`DiagnoseError::NoSecret`] without a secret (other secrets alone do
    /// not count), [`DiagnoseError::TooManySecrets`] past [`MAX_SECRETS`].
    /// Everything about the request itself is a finding, not an error.
    pub fn diagnose<H: Headers + ?Sized>(
        &self,
        headers: &H,
        body: &[u8],
        now: Timestamp,
    ) -> Result<Diagnosis, DiagnoseError> {
        if self.secrets.is_empty() {
            return Err(DiagnoseError::NoSecret);
        }
        let given = self.secrets.len() + self.others.len();
        if given > MAX_SECRETS {
            return Err(DiagnoseError::TooManySecrets {
                given,
                max: MAX_SECRETS,
            });
        }
        let mut notes = Vec::new();
        let mut keys = Vec::new();
        for (index, held) in self.secrets.iter().enumerate() {
            if let Some((prefix, kind)) = secret::wrong_kind(held.bytes()) {
                notes.push(Finding::WrongKindOfSecret {
                    secret: index,
                    prefix,
                    kind,
                });
            }
            match self.platform.key(held.bytes()) {
                Ok(key) => keys.push(key),
                Err(reason) => notes.push(Finding::SecretUnusable {
                    secret: index,
                    reason,
                }),
            }
        }
        let mut spent = 0;
        let verdict = match self.platform.verifier_from_keys(keys.iter().cloned()) {
            Ok(verifier) => {
                spent += keys.len();
                Some(
                    verifier
                        .with_tolerance(self.tolerance)
                        .verify(headers, body, now),
                )
            }
            Err(_) => None,
        };
        if verdict == Some(Ok(())) {
            return Ok(Diagnosis {
                platform: self.platform.name().to_owned(),
                verify_error: None,
                findings: Vec::new(),
                hmacs: spent,
                exhausted: false,
            });
        }
        if body == b"[object Object]" {
            notes.push(Finding::ObjectNotBytes);
        }
        let mut run = search::Run {
            platform: &self.platform,
            headers,
            body,
            now,
            tolerance: self.tolerance,
            secrets: &self.secrets,
            others: &self.others,
            keys: &keys,
            spent,
            exhausted: false,
        };
        let mut findings = run.search();
        findings.extend(notes);
        Ok(Diagnosis {
            platform: self.platform.name().to_owned(),
            verify_error: verdict.and_then(Result::err),
            findings,
            hmacs: run.spent,
            exhausted: run.exhausted,
        })
    }

    /// [`Offline::diagnose`] on an `http::Request` whose body is the raw
    /// bytes received.
    ///
    /// # Errors
    ///
    /// As [`Offline::diagnose`].
    pub fn diagnose_request<B: AsRef<[u8]>>(
        &self,
        request: &Request<B>,
        now: Timestamp,
    ) -> Result<Diagnosis, DiagnoseError> {
        self.diagnose(request.headers(), request.body().as_ref(), now)
    }
}

impl fmt::Debug for Offline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Offline")
            .field("platform", &self.platform.name())
            .field(
                "secrets",
                &format_args!("[REDACTED; {}]", self.secrets.len()),
            )
            .field("others", &format_args!("[REDACTED; {}]", self.others.len()))
            .field("tolerance", &self.tolerance)
            .finish()
    }
}

/// Why a diagnosis could not run. Everything about the request is a
/// finding; these are about the bench.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DiagnoseError {
    /// No secret was given to verify with.
    #[error("no secret was given: a diagnosis needs the secret the receiver verifies with")]
    NoSecret,
    /// More secrets were given than a diagnosis tries.
    #[error("{given} secrets were given; a diagnosis tries at most {max}")]
    TooManySecrets {
        /// How many secrets, held and other, were given.
        given: usize,
        /// The most a diagnosis accepts, [`MAX_SECRETS`].
        max: usize,
    },
}

/// What a diagnosis concluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Outcome {
    /// The request verifies as received: there is no mistake to find.
    Verified,
    /// A finding confirmed by a signature explains the failure.
    Explained,
    /// No known mistake explains the failure: the request may be forged or
    /// tampered with, or signed with a secret not held.
    Unexplained,
}

/// A diagnosis of one request: its [`Outcome`], the verifier's own error,
/// and the [`Finding`]s, those confirmed by a signature first.
///
/// `Display` is a report a person reads at a glance: the verdict, then
/// each finding with its fix. It never shows a secret or a MAC.
#[derive(Debug, Clone)]
pub struct Diagnosis {
    platform: String,
    verify_error: Option<VerifyError>,
    findings: Vec<Finding>,
    hmacs: usize,
    exhausted: bool,
}

impl Diagnosis {
    /// Verified, explained, or not explained.
    pub fn outcome(&self) -> Outcome {
        if self.verify_error.is_none() && self.findings.is_empty() && !self.exhausted {
            // Verified, unless no secret could be keyed (then there are
            // findings saying so).
            return Outcome::Verified;
        }
        if self
            .findings
            .iter()
            .any(|finding| finding.evidence() == Evidence::Signature)
        {
            Outcome::Explained
        } else {
            Outcome::Unexplained
        }
    }

    /// What the diagnosis found: findings confirmed by a signature first,
    /// then what it noticed in the secrets or body.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// What [`Verifier::verify`](crate::Verifier::verify) says of the request
    /// as received; `None` when it verified, or when no secret could be
    /// read in the platform's format.
    pub fn verify_error(&self) -> Option<&VerifyError> {
        self.verify_error.as_ref()
    }

    /// How many HMACs the diagnosis computed, at most [`MAX_HMACS`].
    pub fn hmacs(&self) -> usize {
        self.hmacs
    }

    /// Whether the search stopped because [`MAX_HMACS`] were spent before
    /// every mistake was tried.
    pub fn is_exhausted(&self) -> bool {
        self.exhausted
    }
}

impl fmt::Display for Diagnosis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let platform = &self.platform;
        match (self.outcome(), &self.verify_error) {
            (Outcome::Verified, _) => {
                return write!(f, "VERIFIED: the {platform} signature matches.");
            }
            (_, Some(error)) => writeln!(f, "NOT VERIFIED ({platform}): {error}.")?,
            (_, None) => writeln!(f, "NOT VERIFIED ({platform}): no secret could be used.")?,
        }
        let mut explained = false;
        for finding in &self.findings {
            let label = match finding.evidence() {
                Evidence::Signature => {
                    explained = true;
                    "Cause"
                }
                _ => "Note",
            };
            writeln!(f, "{label}: {finding}")?;
            writeln!(f, "  Fix: {}", finding.fix())?;
        }
        if !explained {
            writeln!(
                f,
                "No known mistake explains this: the request may be forged or altered, or \
                 signed with a secret you do not hold."
            )?;
        }
        if self.exhausted {
            writeln!(
                f,
                "The search stopped after {} HMACs, before every mistake was tried.",
                self.hmacs
            )?;
        }
        write!(f, "({} HMACs computed.)", self.hmacs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bench_needs_a_secret_and_not_too_many() {
        let bench = Offline::new(Platform::CORTEX);
        let headers: [(&str, &str); 0] = [];
        let now = Timestamp::UNIX_EPOCH;
        assert_eq!(
            bench
                .clone()
                .other_secret("a")
                .diagnose(&headers, b"", now)
                .err(),
            Some(DiagnoseError::NoSecret)
        );
        let five = (0..5).fold(bench, |bench, i| bench.secret(format!("s{i}")));
        assert_eq!(
            five.diagnose(&headers, b"", now).err(),
            Some(DiagnoseError::TooManySecrets { given: 5, max: 4 })
        );
        assert_eq!(
            format!("{five:?}"),
            "Offline { platform: \"Cortex\", secrets: [REDACTED; 5], others: [REDACTED; 0], \
             tolerance: Tolerance(300s) }"
        );
    }
}
