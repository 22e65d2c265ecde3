//! Platforms: the wire conventions of each webhook sender.

use std::borrow::Cow;

use http::{HeaderValue, Uri};

use crate::{
    Header, RequestBuilder, Scheme,
    scheme::{slack, standard_webhooks},
};

/// The wire conventions of one webhook platform: which header carries the
/// signature and in which [`Scheme`], which headers name the event and the
/// delivery, and the user agent and content type it sends.
///
/// The presets are written exactly as each platform documents them. Describe
/// your own platform with [`Platform::custom`].
///
/// ```
/// use hooksig::{Header, Platform, Scheme};
///
/// assert_eq!(Platform::CORTEX.signature_header().as_str(), "X-Cortex-Signature");
/// assert_eq!(Platform::CORTEX.scheme(), Scheme::Sha256Hex);
///
/// let acme = Platform::custom("Acme", Header::new("X-Acme-Signature")?, Scheme::Hex)
///     .with_event_header(Header::new("X-Acme-Event")?)
///     .strict();
/// assert!(acme.is_strict());
/// # Ok::<(), http::header::InvalidHeaderName>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Platform {
    name: Cow<'static, str>,
    signature: Header,
    scheme: Scheme,
    accept: Accept,
    secret: SecretPolicy,
    event: Option<Header>,
    delivery: Option<Header>,
    timestamp: Option<Header>,
    user_agent: Option<HeaderValue>,
    content_type: HeaderValue,
}

/// Which signature schemes a receiver takes for a platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Accept {
    /// Bare hex or `sha256=`: what a header holds is unambiguous either way.
    AnyScheme,
    /// Only the platform's own scheme.
    OwnScheme,
}

/// Whether a platform always signs its requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SecretPolicy {
    /// Every request is signed: a sender without a secret is an error.
    Required,
    /// The secret is optional and a sender without one sends no signature
    /// header (Capawesome, GitHub). A receiver that holds a secret still
    /// requires the header.
    Optional,
}

impl Platform {
    /// Emuluxe: `X-Emuluxe-Signature` as bare hex, `X-Emuluxe-Event`.
    pub const EMULUXE: Self = Self::preset(
        "Emuluxe",
        Header::preset("X-Emuluxe-Signature", "x-emuluxe-signature"),
        Scheme::Hex,
        SecretPolicy::Required,
        Some(Header::preset("X-Emuluxe-Event", "x-emuluxe-event")),
        None,
        None,
        None,
    );

    /// PulseLABS: `X-PulseLabs-Signature: sha256=<hex>`, `X-PulseLabs-Event`,
    /// `X-PulseLabs-Delivery` (a UUID), `User-Agent: PulseLabs-Webhooks/1.0`.
    pub const PULSELABS: Self = Self::preset(
        "PulseLABS",
        Header::preset("X-PulseLabs-Signature", "x-pulselabs-signature"),
        Scheme::Sha256Hex,
        SecretPolicy::Required,
        Some(Header::preset("X-PulseLabs-Event", "x-pulselabs-event")),
        Some(Header::preset(
            "X-PulseLabs-Delivery",
            "x-pulselabs-delivery",
        )),
        None,
        Some("PulseLabs-Webhooks/1.0"),
    );

    /// Capawesome Cloud: `X-Signature` as bare hex, sent only when the
    /// webhook has a signing secret; the event is named in the body only.
    pub const CAPAWESOME: Self = Self::preset(
        "Capawesome",
        Header::preset("X-Signature", "x-signature"),
        Scheme::Hex,
        SecretPolicy::Optional,
        None,
        None,
        None,
        None,
    );

    /// SPLEXA: `x-splexa-signature: sha256=<hex>`,
    /// `user-agent: splexa-universe/1.0 (+webhook)`; the event is named in
    /// the body only.
    pub const SPLEXA: Self = Self::preset(
        "SPLEXA",
        Header::preset("x-splexa-signature", "x-splexa-signature"),
        Scheme::Sha256Hex,
        SecretPolicy::Required,
        None,
        None,
        None,
        Some("splexa-universe/1.0 (+webhook)"),
    );

    /// Cortex: `X-Cortex-Signature: sha256=<hex>`, `X-Cortex-Event`,
    /// `X-Cortex-Delivery`.
    pub const CORTEX: Self = Self::preset(
        "Cortex",
        Header::preset("X-Cortex-Signature", "x-cortex-signature"),
        Scheme::Sha256Hex,
        SecretPolicy::Required,
        Some(Header::preset("X-Cortex-Event", "x-cortex-event")),
        Some(Header::preset("X-Cortex-Delivery", "x-cortex-delivery")),
        None,
        None,
    );

    /// GitHub: `X-Hub-Signature-256: sha256=<hex>`, `X-GitHub-Event`,
    /// `X-GitHub-Delivery`. GitHub signs only when the webhook has a secret.
    /// Its user agent (`GitHub-Hookshot/<build>`) changes with GitHub's
    /// builds, so none is set.
    pub const GITHUB: Self = Self::preset(
        "GitHub",
        Header::preset("X-Hub-Signature-256", "x-hub-signature-256"),
        Scheme::Sha256Hex,
        SecretPolicy::Optional,
        Some(Header::preset("X-GitHub-Event", "x-github-event")),
        Some(Header::preset("X-GitHub-Delivery", "x-github-delivery")),
        None,
        None,
    );

    /// Shopify: `X-Shopify-Hmac-Sha256`, the body's MAC in base64 (keyed
    /// with the app's client secret), `X-Shopify-Topic`,
    /// `X-Shopify-Webhook-Id`.
    pub const SHOPIFY: Self = Self::preset(
        "Shopify",
        Header::preset("X-Shopify-Hmac-Sha256", "x-shopify-hmac-sha256"),
        Scheme::Base64,
        SecretPolicy::Required,
        Some(Header::preset("X-Shopify-Topic", "x-shopify-topic")),
        Some(Header::preset(
            "X-Shopify-Webhook-Id",
            "x-shopify-webhook-id",
        )),
        None,
        None,
    );

    /// Stripe: `Stripe-Signature: t=<ts>,v1=<hex>`, over `ts.body`, keyed with
    /// the `whsec_...` string as it stands. The event type is in the body.
    pub const STRIPE: Self = Self::preset(
        "Stripe",
        Header::preset("Stripe-Signature", "stripe-signature"),
        Scheme::Stripe,
        SecretPolicy::Required,
        None,
        None,
        None,
        Some("Stripe/1.0 (+https://stripe.com/docs/webhooks)"),
    );

    /// Slack: `X-Slack-Signature: v0=<hex>` over `v0:ts:body`, the timestamp
    /// in `X-Slack-Request-Timestamp`, keyed with the app's signing secret.
    pub const SLACK: Self = Self::preset(
        "Slack",
        Header::preset("X-Slack-Signature", "x-slack-signature"),
        Scheme::Slack,
        SecretPolicy::Required,
        None,
        None,
        Some(slack::TIMESTAMP),
        None,
    );

    /// Standard Webhooks: `webhook-signature: v1,<base64>` over
    /// `id.timestamp.body`, with `webhook-id` and `webhook-timestamp`. Key it
    /// with [`SigningKey::from_standard_webhooks_secret`](crate::SigningKey::from_standard_webhooks_secret).
    pub const STANDARD_WEBHOOKS: Self = Self::preset(
        "Standard Webhooks",
        Header::preset("webhook-signature", "webhook-signature"),
        Scheme::StandardWebhooks,
        SecretPolicy::Required,
        None,
        Some(standard_webhooks::ID),
        Some(standard_webhooks::TIMESTAMP),
        None,
    );

    /// Svix: Standard Webhooks under `svix-id`, `svix-timestamp` and
    /// `svix-signature`.
    pub const SVIX: Self = Self::preset(
        "Svix",
        Header::preset("svix-signature", "svix-signature"),
        Scheme::StandardWebhooks,
        SecretPolicy::Required,
        None,
        Some(Header::preset("svix-id", "svix-id")),
        Some(Header::preset("svix-timestamp", "svix-timestamp")),
        None,
    );

    /// The five platforms of the seed documents, and GitHub: all sign the
    /// raw body alone.
    pub const SEEDS: [Self; 6] = [
        Self::EMULUXE,
        Self::PULSELABS,
        Self::CAPAWESOME,
        Self::SPLEXA,
        Self::CORTEX,
        Self::GITHUB,
    ];

    /// Every preset, for code that treats them alike.
    pub const PRESETS: [Self; 11] = [
        Self::EMULUXE,
        Self::PULSELABS,
        Self::CAPAWESOME,
        Self::SPLEXA,
        Self::CORTEX,
        Self::GITHUB,
        Self::SHOPIFY,
        Self::STRIPE,
        Self::SLACK,
        Self::STANDARD_WEBHOOKS,
        Self::SVIX,
    ];

    // One constructor with every field: `const` code cannot overwrite a field
    // that owns memory, so the presets cannot use the `with_` methods.
    #[allow(clippy::too_many_arguments)]
    const fn preset(
        name: &'static str,
        signature: Header,
        scheme: Scheme,
        secret: SecretPolicy,
        event: Option<Header>,
        delivery: Option<Header>,
        timestamp: Option<Header>,
        user_agent: Option<&'static str>,
    ) -> Self {
        Self {
            name: Cow::Borrowed(name),
            signature,
            scheme,
            accept: Accept::AnyScheme,
            secret,
            event,
            delivery,
            timestamp,
            user_agent: match user_agent {
                Some(agent) => Some(HeaderValue::from_static(agent)),
                None => None,
            },
            content_type: HeaderValue::from_static("application/json"),
        }
    }

    /// A platform of your own: its name, the header that carries the
    /// signature and the scheme it signs with. It starts with a required
    /// secret, `Content-Type: application/json`, and the headers its scheme
    /// cannot do without (`webhook-id` and `webhook-timestamp` for Standard
    /// Webhooks, `X-Slack-Request-Timestamp` for Slack); add or replace
    /// headers with the `with_` methods.
    pub fn custom(name: impl Into<Cow<'static, str>>, signature: Header, scheme: Scheme) -> Self {
        let (delivery, timestamp) = match scheme {
            Scheme::StandardWebhooks => (
                Some(standard_webhooks::ID),
                Some(standard_webhooks::TIMESTAMP),
            ),
            Scheme::Slack => (None, Some(slack::TIMESTAMP)),
            _ => (None, None),
        };
        let base = Self::preset(
            "",
            signature,
            scheme,
            SecretPolicy::Required,
            None,
            delivery,
            timestamp,
            None,
        );
        Self {
            name: name.into(),
            ..base
        }
    }

    /// The same platform with its event-name header.
    pub fn with_event_header(mut self, header: Header) -> Self {
        self.event = Some(header);
        self
    }

    /// The same platform with its delivery-id header.
    pub fn with_delivery_header(mut self, header: Header) -> Self {
        self.delivery = Some(header);
        self
    }

    /// The same platform with the header that carries the signed timestamp
    /// of a timestamped scheme.
    pub fn with_timestamp_header(mut self, header: Header) -> Self {
        self.timestamp = Some(header);
        self
    }

    /// The same platform with the `User-Agent` its sender uses.
    pub fn with_user_agent(mut self, user_agent: HeaderValue) -> Self {
        self.user_agent = Some(user_agent);
        self
    }

    /// The same platform with another `Content-Type`.
    pub fn with_content_type(mut self, content_type: HeaderValue) -> Self {
        self.content_type = content_type;
        self
    }

    /// The same platform with another secret policy.
    pub fn with_secret_policy(mut self, secret: SecretPolicy) -> Self {
        self.secret = secret;
        self
    }

    /// The same platform, but a receiver accepts only signatures written in
    /// its own [`Encoding`](crate::Encoding): a `sha256=` value for a
    /// bare-hex platform, or the reverse, fails with
    /// [`SignatureError::WrongEncoding`](crate::SignatureError::WrongEncoding).
    ///
    /// Without it, both hex forms are accepted, since either states the same
    /// MAC unambiguously. The other schemes have one form and are always
    /// held to it.
    pub const fn strict(mut self) -> Self {
        self.accept = Accept::OwnScheme;
        self
    }

    /// Whether receivers accept only this platform's own scheme.
    pub const fn is_strict(&self) -> bool {
        matches!(self.accept, Accept::OwnScheme)
    }

    /// The platform's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The header that carries the signature.
    pub const fn signature_header(&self) -> &Header {
        &self.signature
    }

    /// How the platform writes the signature.
    pub const fn scheme(&self) -> Scheme {
        self.scheme
    }

    /// Whether the platform always signs.
    pub const fn secret_policy(&self) -> SecretPolicy {
        self.secret
    }

    /// The header that names the event, if the platform sends one.
    pub const fn event_header(&self) -> Option<&Header> {
        self.event.as_ref()
    }

    /// The header that carries the delivery id, if the platform sends one.
    pub const fn delivery_header(&self) -> Option<&Header> {
        self.delivery.as_ref()
    }

    /// The header that carries the signed timestamp, for the schemes that
    /// send it apart from the signature (Standard Webhooks, Slack).
    pub const fn timestamp_header(&self) -> Option<&Header> {
        self.timestamp.as_ref()
    }

    /// The `User-Agent` the platform sends, if it documents one.
    pub const fn user_agent(&self) -> Option<&HeaderValue> {
        self.user_agent.as_ref()
    }

    /// The `Content-Type` of the platform's requests.
    pub const fn content_type(&self) -> &HeaderValue {
        &self.content_type
    }

    /// Starts an outgoing, signed request to `uri` in this platform's
    /// conventions; see [`RequestBuilder`].
    pub fn request<U>(&self, uri: U) -> RequestBuilder<'_>
    where
        U: TryInto<Uri>,
        U::Error: Into<http::Error>,
    {
        RequestBuilder::new(self, uri)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preset_names_are_their_spellings_in_lowercase() {
        for platform in &Platform::PRESETS {
            let headers = [platform.signature_header()]
                .into_iter()
                .chain(platform.event_header())
                .chain(platform.delivery_header())
                .chain(platform.timestamp_header());
            for header in headers {
                assert_eq!(header.name().as_str(), header.as_str().to_ascii_lowercase());
            }
        }
    }

    #[test]
    fn strict_changes_only_the_scheme_rule() {
        let strict = Platform::CORTEX.strict();
        assert!(strict.is_strict());
        assert!(!Platform::CORTEX.is_strict());
        assert_ne!(strict, Platform::CORTEX);
        assert_eq!(
            strict.signature_header(),
            Platform::CORTEX.signature_header()
        );
    }

    #[test]
    fn custom_platforms_start_plain() {
        let acme = Platform::custom("Acme", Header::new("X-Acme-Sig").unwrap(), Scheme::Hex);
        assert_eq!(acme.name(), "Acme");
        assert_eq!(acme.secret_policy(), SecretPolicy::Required);
        assert_eq!(acme.content_type(), "application/json");
        assert!(acme.event_header().is_none() && acme.user_agent().is_none());
    }

    #[test]
    fn custom_timestamped_platforms_get_their_companion_headers() {
        let hooks = Platform::custom(
            "Hooks",
            Header::new("x-hook-signature").unwrap(),
            Scheme::StandardWebhooks,
        );
        assert_eq!(
            hooks.delivery_header(),
            Platform::STANDARD_WEBHOOKS.delivery_header()
        );
        assert_eq!(
            hooks.timestamp_header(),
            Platform::STANDARD_WEBHOOKS.timestamp_header()
        );
        let slackish = Platform::custom("S", Header::new("x-sig").unwrap(), Scheme::Slack);
        assert_eq!(
            slackish.timestamp_header(),
            Platform::SLACK.timestamp_header()
        );
        assert!(slackish.delivery_header().is_none());
    }
}
