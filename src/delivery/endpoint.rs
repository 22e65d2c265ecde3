//! Endpoints: where a sender delivers, and what it delivers there.

use http::Uri;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Secret;
use super::{EventKind, Subscriptions};
use crate::{KeyError, Platform, Signer};

/// A registered webhook endpoint: an optional name, the URL, the events it
/// subscribes to, an optional signing secret, and whether it is active.
///
/// These are the fields Capawesome lists (name, URL, events, signing
/// secret) and Cortex's registration body carries, which deserializes into
/// it as is:
///
/// ```
/// use hooksig::delivery::Endpoint;
/// use hooksig::delivery::EventKind;
///
/// let endpoint: Endpoint = serde_json::from_str(r#"{
///   "url": "https://your-app.com/webhooks/cortex",
///   "events": ["scan.completed", "issue.critical"],
///   "secret": "your-webhook-secret",
///   "active": true
/// }"#)?;
/// assert!(endpoint.wants(EventKind::new("issue.critical")));
/// assert!(!endpoint.wants(EventKind::new("scan.progress")));
///
/// // The secret never reaches a log.
/// let logged = serde_json::to_string(&endpoint)?;
/// assert!(logged.contains(r#""secret":"[REDACTED]""#));
/// assert!(!format!("{endpoint:?}").contains("your-webhook-secret"));
/// # Ok::<(), serde_json::Error>(())
/// ```
///
/// `name` and `secret` may be absent; `active` defaults to `true`. Unknown
/// fields (an id, a creation date) are ignored. The URL must be absolute,
/// `http` or `https`: the seeds ask for HTTPS, and plain HTTP is left for
/// local receivers.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Endpoint {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(with = "url")]
    url: Uri,
    events: Subscriptions,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    secret: Option<Secret>,
    #[serde(default, rename = "active")]
    status: EndpointStatus,
}

impl Endpoint {
    /// An active endpoint at `url` for `events`, without a name or secret.
    ///
    /// # Errors
    ///
    /// [`EndpointError`] when `url` is not an absolute `http` or `https`
    /// URL.
    pub fn new(url: &str, events: Subscriptions) -> Result<Self, EndpointError> {
        Ok(Self {
            name: None,
            url: url::parse(url)?,
            events,
            secret: None,
            status: EndpointStatus::Active,
        })
    }

    /// The same endpoint with a human-readable name.
    #[must_use]
    pub fn with_name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// The same endpoint with a signing secret.
    #[must_use]
    pub fn with_secret(mut self, secret: Secret) -> Self {
        self.secret = Some(secret);
        self
    }

    /// The same endpoint, active or not.
    #[must_use]
    pub fn with_status(mut self, status: EndpointStatus) -> Self {
        self.status = status;
        self
    }

    /// Whether a delivery of `event` goes to this endpoint: it is active and
    /// subscribes to the event. (Whether failures have disabled it is its
    /// [`Health`](super::Health)'s to say.)
    pub fn wants(&self, event: EventKind<'_>) -> bool {
        self.is_active() && self.events.matches(event)
    }

    /// The endpoint's name, if it has one.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The URL deliveries are posted to.
    pub fn url(&self) -> &Uri {
        &self.url
    }

    /// The events it subscribes to.
    pub fn events(&self) -> &Subscriptions {
        &self.events
    }

    /// The signing secret, if one is set.
    pub fn secret(&self) -> Option<&Secret> {
        self.secret.as_ref()
    }

    /// A [`Signer`] for the endpoint's secret on `platform`, or `None`
    /// without one. Build it once per endpoint and keep it: keying is the
    /// costly part.
    ///
    /// # Errors
    ///
    /// As [`Secret::signer`].
    pub fn signer(&self, platform: &Platform) -> Result<Option<Signer>, KeyError> {
        self.secret
            .as_ref()
            .map(|secret| secret.signer(platform))
            .transpose()
    }

    /// Whether the endpoint is switched on.
    pub fn status(&self) -> EndpointStatus {
        self.status
    }

    /// Whether the endpoint is switched on.
    pub fn is_active(&self) -> bool {
        self.status == EndpointStatus::Active
    }
}

/// Whether an endpoint's owner has it switched on. Serializes as the
/// `"active"` boolean of registration bodies. Defaults to active.
///
/// This is the owner's switch; an endpoint disabled by failures is told by
/// its [`Health`](super::Health).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum EndpointStatus {
    /// Deliveries go out.
    #[default]
    Active,
    /// Switched off by its owner: nothing is delivered.
    Inactive,
}

impl From<bool> for EndpointStatus {
    fn from(active: bool) -> Self {
        if active { Self::Active } else { Self::Inactive }
    }
}

impl Serialize for EndpointStatus {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bool(*self == Self::Active)
    }
}

impl<'de> Deserialize<'de> for EndpointStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        bool::deserialize(deserializer).map(Self::from)
    }
}

/// Why an endpoint URL was refused. The URL itself is not repeated: some
/// webhook URLs carry a token.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EndpointError {
    /// The text is not a URI.
    #[error("the endpoint URL is not a valid URI")]
    InvalidUrl,
    /// A path or other relative reference, with no scheme and host.
    #[error("the endpoint URL is not absolute: it needs a scheme and a host")]
    NotAbsolute,
    /// A scheme other than `http` and `https`.
    #[error("the endpoint URL's scheme is {scheme}: only http and https are delivered to")]
    UnsupportedScheme {
        /// The scheme given.
        scheme: String,
    },
}

/// Endpoint URLs: parsed and checked, and (de)serialized as strings.
mod url {
    use http::Uri;
    use serde::{Deserialize, Deserializer, Serializer, de};

    use super::EndpointError;

    pub(super) fn parse(text: &str) -> Result<Uri, EndpointError> {
        let uri: Uri = text.parse().map_err(|_| EndpointError::InvalidUrl)?;
        let (Some(scheme), Some(_)) = (uri.scheme_str(), uri.authority()) else {
            return Err(EndpointError::NotAbsolute);
        };
        if !(scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http")) {
            return Err(EndpointError::UnsupportedScheme {
                scheme: scheme.to_owned(),
            });
        }
        Ok(uri)
    }

    pub(super) fn serialize<S: Serializer>(uri: &Uri, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(uri)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Uri, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse(&text).map_err(de::Error::custom)
    }
}

impl core::fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Endpoint")
            .field("name", &self.name)
            .field("url", &format_args!("{}", RedactedUrl(&self.url)))
            .field("events", &self.events)
            .field("secret", &self.secret)
            .field("status", &self.status)
            .finish()
    }
}

/// A URL for logs: credentials in it (`user:password@`) and its query, where
/// endpoints often carry a token, are shown as `[REDACTED]`.
struct RedactedUrl<'a>(&'a Uri);

impl core::fmt::Display for RedactedUrl<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let uri = self.0;
        if let Some(scheme) = uri.scheme_str() {
            write!(f, "{scheme}://")?;
        }
        if let Some(authority) = uri.authority() {
            if authority.as_str().contains('@') {
                f.write_str("[REDACTED]@")?;
            }
            f.write_str(authority.host())?;
            if let Some(port) = authority.port_u16() {
                write!(f, ":{port}")?;
            }
        }
        f.write_str(uri.path())?;
        if uri.query().is_some() {
            f.write_str("?[REDACTED]")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events() -> Subscriptions {
        Subscriptions::all()
    }

    #[test]
    fn debug_keeps_credentials_and_query_tokens_out() {
        let endpoint = Endpoint::new(
            "https://user:hunter2@hooks.example:8443/in?token=s3cr3t&x=1",
            Subscriptions::all(),
        )
        .unwrap();
        let shown = format!("{endpoint:?}");
        assert!(
            shown.contains("https://[REDACTED]@hooks.example:8443/in?[REDACTED]"),
            "{shown}"
        );
        for secret in ["user", "hunter2", "s3cr3t", "token"] {
            assert!(!shown.contains(secret), "{shown}");
        }
        let plain = Endpoint::new("https://hooks.example/in", Subscriptions::all()).unwrap();
        assert!(format!("{plain:?}").contains("url: https://hooks.example/in,"));
    }

    #[test]
    fn urls_are_checked() {
        assert!(Endpoint::new("https://example.com/hooks", events()).is_ok());
        assert!(Endpoint::new("http://127.0.0.1:8080/", events()).is_ok());
        assert_eq!(
            Endpoint::new("/hooks", events()).err(),
            Some(EndpointError::NotAbsolute)
        );
        assert_eq!(
            Endpoint::new("ftp://example.com/", events()).err(),
            Some(EndpointError::UnsupportedScheme {
                scheme: "ftp".into()
            })
        );
        assert_eq!(
            Endpoint::new("https://exa mple.com/", events()).err(),
            Some(EndpointError::InvalidUrl)
        );
    }

    #[test]
    fn inactive_endpoints_want_nothing() {
        let endpoint = Endpoint::new("https://example.com/", events())
            .unwrap()
            .with_status(EndpointStatus::Inactive);
        assert!(!endpoint.wants(EventKind::new("scan.started")));
        assert!(
            endpoint
                .with_status(EndpointStatus::Active)
                .wants(EventKind::new("scan.started"))
        );
    }

    #[test]
    fn deserialize_errors_name_the_problem() {
        let error = serde_json::from_str::<Endpoint>(
            r#"{"url":"ftp://x/","events":["*"],"secret":"s","active":true}"#,
        )
        .unwrap_err();
        assert!(error.to_string().contains("scheme is ftp"), "{error}");
        let error =
            serde_json::from_str::<Endpoint>(r#"{"url":"https://x/","events":[]}"#).unwrap_err();
        assert!(error.to_string().contains("event list is empty"), "{error}");
        let error =
            serde_json::from_str::<Endpoint>(r#"{"url":"https://x/","events":["*"],"secret":""}"#)
                .unwrap_err();
        assert!(error.to_string().contains("secret is empty"), "{error}");
    }
}
