//! What the layer leaves in a verified request's extensions.

use jiff::Timestamp;

use crate::Scheme;

/// The mark a [`VerifyLayer`](super::VerifyLayer) leaves in the extensions
/// of every request it forwards: the request was verified, in this
/// scheme. A handler behind the layer can require it (axum:
/// `Extension<Verification>`), so that a route left without the layer by
/// mistake refuses every request instead of trusting it.
///
/// ```
/// use hooksig::tower::Verification;
///
/// fn handle(request: &http::Request<http_body_util::Full<bytes::Bytes>>) -> Result<(), &'static str> {
///     let verified = request.extensions().get::<Verification>().ok_or("not verified")?;
///     if let Some(at) = verified.checked_at() {
///         println!("signed timestamp judged against {at}");
///     }
///     Ok(())
/// }
/// # assert!(handle(&http::Request::new(Default::default())).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verification {
    scheme: Scheme,
    checked_at: Option<Timestamp>,
}

impl Verification {
    pub(crate) fn new(scheme: Scheme, checked_at: Option<Timestamp>) -> Self {
        Self { scheme, checked_at }
    }

    /// The scheme the request was verified in.
    pub fn scheme(&self) -> Scheme {
        self.scheme
    }

    /// The time the signed timestamp was judged against, from the
    /// receiver's clock; `None` for a scheme that signs the body alone,
    /// for which no clock is read.
    pub fn checked_at(&self) -> Option<Timestamp> {
        self.checked_at
    }
}
