//! Ways to let requests through without checking a signature or its time.
//!
//! Nothing here is needed to receive signed webhooks. It exists for a
//! platform whose secret is optional (Capawesome, GitHub) when the webhook
//! was set up without one, for replaying recorded requests whose signed
//! timestamps have expired, and for local development. Code that calls into
//! this module accepts requests that anyone could have sent, or sent long
//! ago; the module's name is there so that a reviewer sees it.

use core::time::Duration;

use crate::{Platform, Tolerance, Verifier};

/// A [`Verifier`] for `platform` that accepts every request, signed or not,
/// whatever its signature header says, without reading the header at all.
///
/// Use it only where the sender has no secret to sign with. Its `Debug`
/// says `DANGEROUS: accepts unsigned requests`.
///
/// ```
/// use hooksig::{Platform, dangerous};
///
/// let verifier = dangerous::accept_unsigned(Platform::CAPAWESOME);
/// let request = Platform::CAPAWESOME
///     .request("https://example.com/hooks")
///     .body(br#"{"event":"job_created","data":{}}"#.to_vec())?;
/// assert!(verifier.verify_request(&request, jiff::Timestamp::UNIX_EPOCH).is_ok());
/// # Ok::<(), hooksig::RequestError>(())
/// ```
pub fn accept_unsigned(platform: &Platform) -> Verifier {
    Verifier::accept_unsigned(platform.wire().clone())
}

/// The same verifier, with the timestamp check of the timestamped schemes
/// turned off: a signature still has to match, timestamp included, but a
/// request signed at any time passes, so a captured request can be replayed
/// forever.
///
/// For re-running recorded requests in tests; never for live traffic.
///
/// ```
/// use hooksig::{Platform, dangerous};
///
/// let verifier = dangerous::skip_timestamp_check(Platform::STRIPE.verifier("whsec_test")?);
/// assert_eq!(verifier.tolerance(), None);
/// # Ok::<(), hooksig::KeyError>(())
/// ```
pub fn skip_timestamp_check(verifier: Verifier) -> Verifier {
    verifier.skip_timestamp_check()
}

/// A tolerance of any width, past [`Tolerance::MAX`] (one day): a window
/// that wide accepts a captured request for as long. For replaying a
/// recorded request in a test; prefer [`skip_timestamp_check`], which says
/// what it does.
///
/// ```
/// use std::time::Duration;
/// use hooksig::dangerous;
///
/// let week = dangerous::unbounded_tolerance(Duration::from_secs(7 * 86_400));
/// assert_eq!(week.duration(), Duration::from_secs(7 * 86_400));
/// ```
pub const fn unbounded_tolerance(duration: Duration) -> Tolerance {
    Tolerance::unbounded(duration)
}
