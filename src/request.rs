//! The sender's side: a complete, signed `http::Request` in a platform's
//! conventions.

use http::{HeaderMap, HeaderValue, Method, Request, Uri, header};

use crate::{Header, Platform, SecretPolicy, Signer};

/// Builds the `http::Request` a platform sends for one delivery: `POST` to
/// the endpoint, with the content type, user agent, event-name,
/// delivery-id and signature headers the platform documents.
///
/// Start one with [`Platform::request`]. The signature header is marked
/// sensitive. The crate sends nothing: hand the request to any HTTP client.
///
/// ```
/// use hooksig::{Platform, Signer};
///
/// let signer = Signer::new("secret")?;
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
            signer: None,
        }
    }

    /// The event name, sent in the platform's event header. Platforms that
    /// name the event only in the body (Capawesome, SPLEXA) ignore it.
    pub fn event(mut self, event: &'a str) -> Self {
        self.event = Some(event);
        self
    }

    /// The delivery id, sent in the platform's delivery header. The crate
    /// makes no ids (it has no randomness): pass a fresh UUID per delivery.
    /// Platforms without a delivery header ignore it.
    pub fn delivery_id(mut self, delivery_id: &'a str) -> Self {
        self.delivery_id = Some(delivery_id);
        self
    }

    /// Signs the body with `signer` in the platform's scheme.
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
    /// cannot be a header value, or when the platform requires a secret and
    /// no signer was given.
    pub fn body(self, body: impl Into<Vec<u8>>) -> Result<Request<Vec<u8>>, RequestError> {
        let platform = self.platform;
        let uri = self.uri.map_err(RequestError::Uri)?;
        let body = body.into();

        let mut headers = HeaderMap::with_capacity(6);
        headers.insert(header::CONTENT_TYPE, platform.content_type().clone());
        if let Some(agent) = platform.user_agent() {
            headers.insert(header::USER_AGENT, agent.clone());
        }
        if let Some(name) = platform.event_header() {
            let event = self.event.ok_or_else(|| RequestError::MissingValue {
                header: name.clone(),
            })?;
            headers.insert(name.name().clone(), value(name, event)?);
        }
        if let Some(name) = platform.delivery_header() {
            let id = self.delivery_id.ok_or_else(|| RequestError::MissingValue {
                header: name.clone(),
            })?;
            headers.insert(name.name().clone(), value(name, id)?);
        }
        match (self.signer, platform.secret_policy()) {
            (Some(signer), _) => {
                let signature = signer.sign_header(&body, platform.scheme());
                headers.insert(
                    platform.signature_header().name().clone(),
                    signature.to_header_value(),
                );
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

fn value(header: &Header, text: &str) -> Result<HeaderValue, RequestError> {
    HeaderValue::from_str(text).map_err(|_| RequestError::InvalidValue {
        header: header.clone(),
    })
}

/// Why an outgoing request could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RequestError {
    /// The endpoint URI is not a valid URI.
    #[error("invalid endpoint URI: {0}")]
    Uri(#[source] http::Error),
    /// The platform documents this header and no value was given for it.
    #[error("no value for header {header}, which the platform sends with every request")]
    MissingValue {
        /// The header without a value.
        header: Header,
    },
    /// The value given for this header has bytes a header cannot carry,
    /// such as a line break.
    #[error("the value for header {header} has bytes a header value cannot carry")]
    InvalidValue {
        /// The header whose value was refused.
        header: Header,
    },
    /// The platform signs every request and no signer was given.
    #[error("{platform} signs every request: give a signer with `sign_with`")]
    Unsigned {
        /// The platform's name.
        platform: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_headers_must_have_values() {
        let signer = Signer::new("s").unwrap();
        let missing = Platform::CORTEX
            .request("https://example.com/")
            .delivery_id("d")
            .sign_with(&signer)
            .body(Vec::new())
            .unwrap_err();
        assert_eq!(
            missing.to_string(),
            "no value for header X-Cortex-Event, which the platform sends with every request"
        );
        let invalid = Platform::CORTEX
            .request("https://example.com/")
            .event("scan\r\nx: y")
            .delivery_id("d")
            .sign_with(&signer)
            .body(Vec::new())
            .unwrap_err();
        assert!(
            matches!(invalid, RequestError::InvalidValue { header } if header.as_str() == "X-Cortex-Event")
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
        let signer = Signer::new("s").unwrap();
        let error = Platform::SPLEXA
            .request("not a uri")
            .sign_with(&signer)
            .body(Vec::new())
            .unwrap_err();
        assert!(matches!(error, RequestError::Uri(_)));
    }
}
