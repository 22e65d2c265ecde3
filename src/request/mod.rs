//! The sender's side: a complete, signed `http::Request` in a platform's
//! conventions.

use http::{HeaderMap, HeaderValue, Method, Request, Uri, header};
use jiff::Timestamp;

use crate::{Header, HeaderError, IdError, KeyKind, Platform, Scheme, SecretPolicy, Signer};

mod signature;

pub use signature::SignatureHeaders;

/// Builds the `http::Request` a platform sends for one delivery: `POST` to
/// the endpoint, with the content type, user agent, event-name,
/// delivery-id and signature headers the platform documents.
///
/// Start one with [`Platform::request`]. The signature header is marked
/// sensitive. The crate sends nothing: hand the request to any HTTP client.
///
/// The timestamped schemes (Standard Webhooks, Stripe, Slack, Discord,
/// Paddle, Twitch, Zendesk) sign the time of sending too: give it with
/// [`RequestBuilder::timestamp`], since the crate never reads the clock.
///
/// ```
/// use hooksig::Platform;
///
/// let signer = Platform::PULSELABS.signer("secret")?;
/// let request = Platform::PULSELABS
///     .request("https://example.com/hooks/pulselabs")
///     .event("webhook.test")
///     .delivery_id("0b5cf4c2-8a64-4f04-9c64-6a4c1d0d3f8e")
///     .sign_with(&signer)
///     .body(br#"{"event":"webhook.test"}"#.to_vec())?;
///
/// assert_eq!(request.method(), "POST");
/// assert_eq!(request.headers()["user-agent"], "PulseLabs-Webhooks/1.0");
/// assert!(request.headers()["x-pulselabs-signature"].as_bytes().starts_with(b"sha256="));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
#[must_use = "a request builder does nothing until `body` is called"]
pub struct RequestBuilder<'a> {
    platform: &'a Platform,
    uri: Result<Uri, http::Error>,
    event: Option<&'a str>,
    delivery_id: Option<&'a str>,
    timestamp: Option<Timestamp>,
    signer: Option<&'a Signer>,
}

impl<'a> RequestBuilder<'a> {
    pub(crate) fn new<U>(platform: &'a Platform, uri: U) -> Self
    where
        U: TryInto<Uri>,
        U::Error: Into<http::Error>,
    {
        Self {
            platform,
            uri: uri.try_into().map_err(Into::into),
            event: None,
            delivery_id: None,
            timestamp: None,
            signer: None,
        }
    }

    /// The event name, sent in the platform's event header. Platforms that
    /// name the event only in the body (Capawesome, SPLEXA) ignore it.
    ///
    /// A typed event from [`event`](crate::event) gives its name and its
    /// bytes: `.event(event.name()).body(event.to_vec()?)`.
    pub fn event(mut self, event: &'a str) -> Self {
        self.event = Some(event);
        self
    }

    /// The delivery id, sent in the platform's delivery header (and signed
    /// as the message id by Standard Webhooks and Twitch). The crate makes
    /// no ids (it has no randomness): pass a fresh UUID per delivery.
    /// Platforms without a delivery header ignore it.
    pub fn delivery_id(mut self, delivery_id: &'a str) -> Self {
        self.delivery_id = Some(delivery_id);
        self
    }

    /// The time of sending, which the timestamped schemes sign and send in
    /// whole seconds (Twitch: RFC 3339 to the nanosecond; Zendesk: RFC 3339
    /// in whole seconds). Body-only schemes ignore it.
    pub fn timestamp(mut self, timestamp: Timestamp) -> Self {
        self.timestamp = Some(timestamp);
        self
    }

    /// Signs the body with `signer` in the platform's scheme: with each of
    /// its keys for the schemes that list signatures (Standard Webhooks, a
    /// `v1` entry per secret and a `v1a` entry per Ed25519 key; Stripe, a
    /// `v1` per secret), with its first key of the scheme's kind for the
    /// others (an HMAC secret, or for Discord an Ed25519 key).
    pub fn sign_with(mut self, signer: &'a Signer) -> Self {
        self.signer = Some(signer);
        self
    }

    /// Signs `body` and returns the finished request.
    ///
    /// # Errors
    ///
    /// A [`RequestError`] when the URI is invalid, when the platform has an
    /// event or delivery header and no value was given for it, when a value
    /// cannot be a header value, when the platform requires a secret and
    /// no signer was given, or when the signer holds no key of the kind the
    /// scheme signs with.
    pub fn body(self, body: impl Into<Vec<u8>>) -> Result<Request<Vec<u8>>, RequestError> {
        let Self {
            platform,
            uri,
            event,
            delivery_id,
            timestamp,
            signer,
        } = self;
        let uri = uri.map_err(RequestError::Uri)?;
        let body = body.into();

        let mut headers = HeaderMap::with_capacity(6);
        headers.insert(
            header::CONTENT_TYPE,
            value(&CONTENT_TYPE, Some(platform.content_type()))?,
        );
        if let Some(agent) = platform.user_agent() {
            headers.insert(header::USER_AGENT, value(&USER_AGENT, Some(agent))?);
        }
        if let Some(name) = platform.event_header() {
            headers.insert(name.to_header_name(), value(name, event)?);
        }
        if let Some(name) = platform.delivery_header() {
            headers.insert(name.to_header_name(), value(name, delivery_id)?);
        }
        match (signer, platform.secret_policy()) {
            (Some(signer), _) => {
                let signed = platform.sign(signer, &body, delivery_id, timestamp)?;
                for (name, value) in signed {
                    headers.insert(name, value);
                }
            }
            (None, SecretPolicy::Optional) => {}
            (None, SecretPolicy::Required) => {
                return Err(RequestError::Unsigned {
                    platform: platform.name().to_owned(),
                });
            }
        }

        let mut request = Request::new(body);
        *request.method_mut() = Method::POST;
        *request.uri_mut() = uri;
        *request.headers_mut() = headers;
        Ok(request)
    }
}

static CONTENT_TYPE: Header = Header::preset("Content-Type", "content-type");
static USER_AGENT: Header = Header::preset("User-Agent", "user-agent");

/// The value given for `header`, which the platform sends with every
/// request.
fn value(header: &Header, text: Option<&str>) -> Result<HeaderValue, HeaderError> {
    let text = text.ok_or_else(|| HeaderError::Missing {
        header: header.clone(),
    })?;
    HeaderValue::from_str(text).map_err(|_| HeaderError::NotText {
        header: header.clone(),
    })
}

/// Why an outgoing request could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RequestError {
    /// The endpoint URI is not a valid URI.
    #[error("invalid endpoint URI: {0}")]
    Uri(http::Error),
    /// The platform sends this header with every request, and no value was
    /// given for it ([`HeaderError::Missing`]), or the value given has bytes
    /// a header cannot carry, such as a line break
    /// ([`HeaderError::NotText`]).
    #[error(transparent)]
    Header(#[from] HeaderError),
    /// The platform's scheme signs the time of sending and none was given.
    #[error("the {scheme} scheme signs the time of sending: give it with `timestamp`")]
    MissingTimestamp {
        /// The platform's scheme.
        scheme: Scheme,
    },
    /// The time of sending is before 1970, which no scheme can carry.
    #[error("timestamp {timestamp} is before 1970")]
    TimestampBefore1970 {
        /// The timestamp given.
        timestamp: Timestamp,
    },
    /// The delivery id cannot be signed as a Standard Webhooks message id.
    #[error("header {header}: {reason}")]
    Id {
        /// The header the id goes in.
        header: Header,
        /// What is wrong with the id.
        reason: IdError,
    },
    /// The platform signs every request and no signer was given.
    #[error("{platform} signs every request: give a signer with `sign_with`")]
    Unsigned {
        /// The platform's name.
        platform: String,
    },
    /// The signer holds no key of the kind the platform's scheme signs
    /// with, such as only Ed25519 keys for Stripe.
    #[error("the {scheme} scheme signs with {needs}, and the signer holds none")]
    SignerKind {
        /// The platform's scheme.
        scheme: Scheme,
        /// The kind of key it signs with.
        needs: KeyKind,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_headers_must_have_values() {
        let signer = Platform::CORTEX.signer("s").unwrap();
        let missing = Platform::CORTEX
            .request("https://example.com/")
            .delivery_id("d")
            .sign_with(&signer)
            .body(Vec::new())
            .unwrap_err();
        assert_eq!(missing.to_string(), "missing header X-Cortex-Event");
        let invalid = Platform::CORTEX
            .request("https://example.com/")
            .event("scan\r\nx: y")
            .delivery_id("d")
            .sign_with(&signer)
            .body(Vec::new())
            .unwrap_err();
        assert!(
            matches!(invalid, RequestError::Header(HeaderError::NotText { header }) if header.as_str() == "X-Cortex-Event")
        );
    }

    #[test]
    fn fails_closed_without_a_signer() {
        let error = Platform::SPLEXA
            .request("https://example.com/")
            .body(Vec::new())
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "SPLEXA signs every request: give a signer with `sign_with`"
        );
        let unsigned = Platform::CAPAWESOME
            .request("https://example.com/")
            .body(Vec::new())
            .unwrap();
        assert!(unsigned.headers().get("x-signature").is_none());
    }

    #[test]
    fn bad_uri_is_a_typed_error() {
        let signer = Platform::SPLEXA.signer("s").unwrap();
        let error = Platform::SPLEXA
            .request("not a uri")
            .sign_with(&signer)
            .body(Vec::new())
            .unwrap_err();
        assert!(matches!(error, RequestError::Uri(_)));
    }
}
