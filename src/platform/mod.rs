//! Platforms: the wire conventions of each webhook sender, and the
//! verifiers, signers and requests bound to them.

use alloc::borrow::Cow;
use alloc::{boxed::Box, vec::Vec};

#[cfg(feature = "http")]
use http::Uri;

#[cfg(feature = "http")]
use crate::RequestBuilder;
use crate::{
    Header, KeyError, KeyKind, Scheme, SecretFormat, Signer, SigningKey, Verifier,
    key::{self, AnyKey},
    scheme::{Wire, discord, slack, standard_webhooks, twitch, zendesk},
    verify::{Keys, uses},
};
#[cfg(feature = "ed25519")]
use crate::{KeyPair, PublicKey};

mod presets;

/// The wire conventions of one webhook platform: which header carries the
/// signature and in which [`Scheme`], how its secrets are written, which
/// headers name the event and the delivery, and the user agent and content
/// type it sends.
///
/// A platform builds what is bound to it: [`Platform::verifier`] and
/// [`Platform::signer`] read a secret in the platform's [`SecretFormat`],
/// and [`Platform::request`] builds a signed request in its conventions.
/// The presets (`Platform::CORTEX`, `Platform::STRIPE`, ...) are
/// `&'static Platform`s written exactly as each platform documents them;
/// describe your own with [`Platform::custom`].
///
/// ```
/// use hooksig::{Encoding, Header, Platform, Scheme};
///
/// assert_eq!(Platform::CORTEX.signature_header().as_str(), "X-Cortex-Signature");
/// assert_eq!(Platform::CORTEX.scheme(), Scheme::Body(Encoding::Sha256Hex));
///
/// let acme = Platform::custom("Acme", Header::new("X-Acme-Signature")?, Scheme::Body(Encoding::Hex))
///     .with_event_header(Header::new("X-Acme-Event")?)
///     .strict();
/// assert!(acme.is_strict());
/// let verifier = acme.verifier("acme-secret")?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Platform {
    wire: Wire,
    secret: SecretPolicy,
    format: SecretFormat,
    event: Option<Header>,
    // Text, not `HeaderValue`s: a preset holds no `http` type, so that it
    // can be a `&'static` constant (and the core needs no `http`).
    user_agent: Option<Cow<'static, str>>,
    content_type: Cow<'static, str>,
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
    pub const EMULUXE: &'static Self = &presets::EMULUXE;

    /// PulseLABS: `X-PulseLabs-Signature: sha256=<hex>`, `X-PulseLabs-Event`,
    /// `X-PulseLabs-Delivery` (a UUID), `User-Agent: PulseLabs-Webhooks/1.0`.
    pub const PULSELABS: &'static Self = &presets::PULSELABS;

    /// Capawesome Cloud: `X-Signature` as bare hex, sent only when the
    /// webhook has a signing secret; the event is named in the body only.
    pub const CAPAWESOME: &'static Self = &presets::CAPAWESOME;

    /// SPLEXA: `x-splexa-signature: sha256=<hex>`,
    /// `user-agent: splexa-universe/1.0 (+webhook)`; the event is named in
    /// the body only.
    pub const SPLEXA: &'static Self = &presets::SPLEXA;

    /// Cortex: `X-Cortex-Signature: sha256=<hex>`, `X-Cortex-Event`,
    /// `X-Cortex-Delivery`.
    pub const CORTEX: &'static Self = &presets::CORTEX;

    /// GitHub: `X-Hub-Signature-256: sha256=<hex>`, `X-GitHub-Event`,
    /// `X-GitHub-Delivery`. GitHub signs only when the webhook has a secret.
    /// Its user agent (`GitHub-Hookshot/<build>`) changes with GitHub's
    /// builds, so none is set.
    pub const GITHUB: &'static Self = &presets::GITHUB;

    /// Shopify: `X-Shopify-Hmac-Sha256`, the body's MAC in base64 (keyed
    /// with the app's client secret), `X-Shopify-Topic`,
    /// `X-Shopify-Webhook-Id`.
    pub const SHOPIFY: &'static Self = &presets::SHOPIFY;

    /// Stripe: `Stripe-Signature: t=<ts>,v1=<hex>`, over `ts.body`, keyed with
    /// the `whsec_...` string as it stands. The event type is in the body.
    pub const STRIPE: &'static Self = &presets::STRIPE;

    /// Slack: `X-Slack-Signature: v0=<hex>` over `v0:ts:body`, the timestamp
    /// in `X-Slack-Request-Timestamp`, keyed with the app's signing secret.
    pub const SLACK: &'static Self = &presets::SLACK;

    /// Standard Webhooks: `webhook-signature: v1,<base64>` over
    /// `id.timestamp.body`, with `webhook-id` and `webhook-timestamp`; the
    /// secret is `whsec_` + base64, and the key is the decoded bytes.
    pub const STANDARD_WEBHOOKS: &'static Self = &presets::STANDARD_WEBHOOKS;

    /// Svix: Standard Webhooks under `svix-id`, `svix-timestamp` and
    /// `svix-signature`, with `whsec_` + base64 secrets (or `whpk_` public
    /// keys for its Ed25519 `v1a` signatures).
    pub const SVIX: &'static Self = &presets::SVIX;

    /// Discord (interactions and webhook events):
    /// `X-Signature-Ed25519: <128 hex>`, Ed25519 over the
    /// `X-Signature-Timestamp` value followed by the body. Its key is no
    /// secret: the application's public key, 64 hex digits from the
    /// developer portal. Discord expects `401` for a request that fails the
    /// check (every [`VerifyError`](crate::VerifyError); the `axum`
    /// extractors answer so), and sends invalid signatures on purpose to
    /// see it. Like Discord's own libraries, its verifiers check no time
    /// unless given a tolerance.
    ///
    /// ```
    /// use hooksig::Platform;
    ///
    /// let verifier = Platform::DISCORD
    ///     .verifier("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")?;
    /// // The key only verifies: Discord signs with a private key it keeps.
    /// assert!(Platform::DISCORD
    ///     .signer("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
    ///     .is_err());
    /// # Ok::<(), hooksig::KeyError>(())
    /// ```
    pub const DISCORD: &'static Self = &presets::DISCORD;

    /// Linear: `Linear-Signature`, the body's MAC as bare hex, keyed with
    /// the webhook's signing secret; `Linear-Event` (`Issue`, `Comment`,
    /// ...), `Linear-Delivery`.
    ///
    /// Linear signs no header time: its replay guard is the
    /// `webhookTimestamp` field of the body, Unix milliseconds, which
    /// `@linear/sdk`'s `LinearWebhookClient::verify` requires within 60
    /// seconds of its clock, either way, after the signature matched. The
    /// verifier checks the signature; check `webhookTimestamp` the same way
    /// once the body is parsed.
    pub const LINEAR: &'static Self = &presets::LINEAR;

    /// Dropbox: `X-Dropbox-Signature`, the body's MAC as bare hex, keyed
    /// with the app secret. Notifications carry no event header and no
    /// time. (The `GET` with a `challenge` parameter that Dropbox sends to
    /// a new URL is not signed: echo the parameter.)
    pub const DROPBOX: &'static Self = &presets::DROPBOX;

    /// Razorpay: `X-Razorpay-Signature`, the body's MAC as bare hex, keyed
    /// with the webhook secret set in the dashboard; `X-Razorpay-Event-Id`
    /// names the delivery. The event is named in the body.
    pub const RAZORPAY: &'static Self = &presets::RAZORPAY;

    /// Coinbase Commerce: `X-CC-Webhook-Signature`, the body's MAC as bare
    /// hex, keyed with the endpoint's shared secret.
    pub const COINBASE_COMMERCE: &'static Self = &presets::COINBASE_COMMERCE;

    /// Typeform: `Typeform-Signature: sha256=<base64>`, the body's MAC in
    /// base64 after `sha256=` ([`Encoding::Sha256Base64`](crate::Encoding::Sha256Base64)),
    /// keyed with the webhook's secret.
    pub const TYPEFORM: &'static Self = &presets::TYPEFORM;

    /// Zoom: `x-zm-signature: v0=<hex>` over `v0:ts:body`, the timestamp
    /// (Unix seconds) in `x-zm-request-timestamp`, keyed with the app's
    /// secret token: Slack's scheme under Zoom's names. Zoom documents no
    /// window for the timestamp; its verifiers hold Slack's, 5 minutes each
    /// way.
    ///
    /// Zoom also checks a new endpoint with an `endpoint.url_validation`
    /// event, whose answer [`provider::Zoom`](crate::provider::Zoom)
    /// computes.
    pub const ZOOM: &'static Self = &presets::ZOOM;

    /// Paddle Billing: `Paddle-Signature: ts=<ts>;h1=<hex>` over `ts:body`,
    /// an `h1` per secret while one rotates, keyed with the notification
    /// destination's secret key (`pdl_ntfset_...`) as it stands. Like
    /// Paddle's SDKs, its verifiers allow the timestamp 5 seconds.
    pub const PADDLE: &'static Self = &presets::PADDLE;

    /// Twitch EventSub: `Twitch-Eventsub-Message-Signature: sha256=<hex>`
    /// over the `Twitch-Eventsub-Message-Id` value, the
    /// `Twitch-Eventsub-Message-Timestamp` value (RFC 3339, to the
    /// nanosecond) and the body, with no separator; keyed with the
    /// subscription's secret; `Twitch-Eventsub-Subscription-Type` names the
    /// event. As Twitch's documentation asks, its verifiers refuse a
    /// message older than 10 minutes.
    pub const TWITCH: &'static Self = &presets::TWITCH;

    /// Zendesk: `X-Zendesk-Webhook-Signature`, base64 of the MAC over the
    /// `X-Zendesk-Webhook-Signature-Timestamp` value (ISO 8601,
    /// `2021-07-25T10:00:00Z`) followed by the body, keyed with the
    /// webhook's signing secret as it stands. Zendesk documents no window;
    /// its verifiers allow 5 minutes each way.
    pub const ZENDESK: &'static Self = &presets::ZENDESK;

    /// Clerk: a Svix sender, so Standard Webhooks under `svix-id`,
    /// `svix-timestamp` and `svix-signature`, with the endpoint's
    /// `whsec_` + base64 signing secret (Clerk's documentation verifies
    /// with `svix`'s `Webhook.verify`).
    pub const CLERK: &'static Self = &presets::CLERK;

    /// Resend: a Svix sender, so Standard Webhooks under `svix-id`,
    /// `svix-timestamp` and `svix-signature`, with the webhook's `whsec_` +
    /// base64 signing secret (Resend's documentation verifies with `svix`).
    pub const RESEND: &'static Self = &presets::RESEND;

    /// The five platforms of the seed documents, and GitHub: all sign the
    /// raw body alone.
    pub const SEEDS: [&'static Self; 6] = [
        Self::EMULUXE,
        Self::PULSELABS,
        Self::CAPAWESOME,
        Self::SPLEXA,
        Self::CORTEX,
        Self::GITHUB,
    ];

    /// Every preset, for code that treats them alike.
    pub const PRESETS: [&'static Self; 23] = [
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
        Self::DISCORD,
        Self::LINEAR,
        Self::DROPBOX,
        Self::RAZORPAY,
        Self::COINBASE_COMMERCE,
        Self::TYPEFORM,
        Self::ZOOM,
        Self::PADDLE,
        Self::TWITCH,
        Self::ZENDESK,
        Self::CLERK,
        Self::RESEND,
    ];

    // One constructor with every field: `const` code cannot overwrite a field
    // that owns memory, so the presets cannot use the `with_` methods.
    #[allow(clippy::too_many_arguments)]
    const fn preset(
        name: &'static str,
        signature: Header,
        scheme: Scheme,
        secret: presets::Secret,
        event: Option<Header>,
        delivery: Option<Header>,
        timestamp: Option<Header>,
        user_agent: Option<&'static str>,
    ) -> Self {
        Self {
            wire: Wire {
                name: Cow::Borrowed(name),
                scheme,
                signature,
                delivery,
                timestamp,
                strict: false,
            },
            secret: secret.policy,
            format: secret.format,
            event,
            user_agent: match user_agent {
                Some(agent) => Some(Cow::Borrowed(agent)),
                None => None,
            },
            content_type: Cow::Borrowed("application/json"),
        }
    }

    /// A platform of your own: its name, the header that carries the
    /// signature and the scheme it signs with. It starts with a required
    /// key in the scheme's format (`whsec_` + base64 for Standard Webhooks,
    /// a hex public key for Discord's scheme, raw bytes otherwise),
    /// `Content-Type: application/json`, and the headers its scheme cannot
    /// do without (`webhook-id` and `webhook-timestamp` for Standard
    /// Webhooks, `X-Slack-Request-Timestamp` for Slack,
    /// `X-Signature-Timestamp` for Discord's, Twitch's message-id and
    /// timestamp headers, Zendesk's timestamp header); add or replace
    /// headers with the `with_` methods.
    #[must_use]
    pub fn custom(name: impl Into<Cow<'static, str>>, signature: Header, scheme: Scheme) -> Self {
        let (delivery, timestamp, secret) = match scheme {
            Scheme::StandardWebhooks => (
                Some(standard_webhooks::ID),
                Some(standard_webhooks::TIMESTAMP),
                presets::Secret {
                    policy: SecretPolicy::Required,
                    format: SecretFormat::StandardWebhooks,
                },
            ),
            Scheme::Slack => (None, Some(slack::TIMESTAMP), raw()),
            Scheme::Twitch => (Some(twitch::ID), Some(twitch::TIMESTAMP), raw()),
            Scheme::Zendesk => (None, Some(zendesk::TIMESTAMP), raw()),
            Scheme::Discord => (
                None,
                Some(discord::TIMESTAMP),
                presets::Secret {
                    policy: SecretPolicy::Required,
                    format: SecretFormat::Ed25519PublicKeyHex,
                },
            ),
            _ => (None, None, raw()),
        };
        let mut platform = Self::preset(
            "", signature, scheme, secret, None, delivery, timestamp, None,
        );
        platform.wire.name = name.into();
        platform
    }

    /// The same platform with its event-name header.
    #[must_use]
    pub fn with_event_header(mut self, header: Header) -> Self {
        self.event = Some(header);
        self
    }

    /// The same platform with its delivery-id header, which Standard
    /// Webhooks and Twitch sign as the message id.
    #[must_use]
    pub fn with_delivery_header(mut self, header: Header) -> Self {
        self.wire.delivery = Some(header);
        self
    }

    /// The same platform with the header that carries the signed timestamp
    /// of Standard Webhooks, Slack, Discord, Twitch or Zendesk's scheme.
    #[must_use]
    pub fn with_timestamp_header(mut self, header: Header) -> Self {
        self.wire.timestamp = Some(header);
        self
    }

    /// The same platform with the `User-Agent` its sender uses. A value a
    /// header cannot carry is reported when a request is built
    /// ([`HeaderError::NotText`](crate::HeaderError::NotText)).
    #[must_use]
    pub fn with_user_agent(mut self, user_agent: impl Into<Cow<'static, str>>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// The same platform with another `Content-Type`. Defaults to
    /// `application/json`.
    #[must_use]
    pub fn with_content_type(mut self, content_type: impl Into<Cow<'static, str>>) -> Self {
        self.content_type = content_type.into();
        self
    }

    /// The same platform with another secret policy.
    #[must_use]
    pub fn with_secret_policy(mut self, secret: SecretPolicy) -> Self {
        self.secret = secret;
        self
    }

    /// The same platform, reading secrets in another format.
    #[must_use]
    pub fn with_secret_format(mut self, format: SecretFormat) -> Self {
        self.format = format;
        self
    }

    /// A copy of the platform whose receivers accept only signatures written
    /// in its own [`Encoding`](crate::Encoding): a `sha256=` value for a
    /// bare-hex platform, or the reverse, fails with
    /// [`SignatureError::WrongEncoding`](crate::SignatureError::WrongEncoding).
    ///
    /// Without it, both hex forms are accepted, since either states the same
    /// MAC unambiguously. The other schemes have one form and are always
    /// held to it.
    #[must_use]
    pub fn strict(&self) -> Self {
        let mut strict = self.clone();
        strict.wire.strict = true;
        strict
    }

    /// Whether receivers accept only this platform's own encoding.
    pub const fn is_strict(&self) -> bool {
        self.wire.strict
    }

    /// The platform's name.
    pub fn name(&self) -> &str {
        &self.wire.name
    }

    /// The header that carries the signature.
    pub const fn signature_header(&self) -> &Header {
        &self.wire.signature
    }

    /// How the platform signs.
    pub const fn scheme(&self) -> Scheme {
        self.wire.scheme
    }

    /// Whether the platform always signs.
    pub const fn secret_policy(&self) -> SecretPolicy {
        self.secret
    }

    /// How the platform writes its secrets.
    pub const fn secret_format(&self) -> SecretFormat {
        self.format
    }

    /// The header that names the event, if the platform sends one.
    pub const fn event_header(&self) -> Option<&Header> {
        self.event.as_ref()
    }

    /// The header that carries the delivery id, if the platform sends one.
    pub const fn delivery_header(&self) -> Option<&Header> {
        self.wire.delivery.as_ref()
    }

    /// The header that carries the signed timestamp, for the schemes that
    /// send it apart from the signature (Standard Webhooks, Slack, Discord,
    /// Twitch, Zendesk).
    pub const fn timestamp_header(&self) -> Option<&Header> {
        self.wire.timestamp.as_ref()
    }

    /// The `User-Agent` the platform sends, if it documents one.
    pub fn user_agent(&self) -> Option<&str> {
        self.user_agent.as_deref()
    }

    /// The `Content-Type` of the platform's requests.
    pub fn content_type(&self) -> &str {
        &self.content_type
    }

    pub(crate) const fn wire(&self) -> &Wire {
        &self.wire
    }

    /// Reads `secret` in the platform's [`SecretFormat`] and keys
    /// HMAC-SHA256 with it.
    ///
    /// # Errors
    ///
    /// A [`KeyError`]: an empty or all-zero secret, or (for `whsec_`
    /// secrets) one that is not base64, with the offset of the bad byte;
    /// [`KeyError::WrongKind`] for an Ed25519 key (`whpk_`, `whsk_`, or any
    /// of Discord's), which [`Platform::public_key`] and
    /// [`Platform::key_pair`] read.
    pub fn key(&self, secret: impl AsRef<[u8]>) -> Result<SigningKey, KeyError> {
        SigningKey::from_secret(secret, self.format)
    }

    /// Reads an Ed25519 public key in the platform's format: `whpk_` +
    /// base64 of the 32 bytes or of their SPKI DER for Standard Webhooks and
    /// Svix, 64 hex digits for Discord.
    ///
    /// # Errors
    ///
    /// As [`PublicKey::from_text`].
    #[cfg(feature = "ed25519")]
    #[cfg_attr(docsrs, doc(cfg(feature = "ed25519")))]
    pub fn public_key(&self, key: impl AsRef<[u8]>) -> Result<PublicKey, KeyError> {
        PublicKey::from_text(key, self.format)
    }

    /// Reads an Ed25519 signing key in the platform's format: `whsk_` +
    /// base64 for Standard Webhooks and Svix (Discord keeps its own).
    ///
    /// # Errors
    ///
    /// As [`KeyPair::from_text`].
    #[cfg(feature = "ed25519")]
    #[cfg_attr(docsrs, doc(cfg(feature = "ed25519")))]
    pub fn key_pair(&self, key: impl AsRef<[u8]>) -> Result<KeyPair, KeyError> {
        KeyPair::from_text(key, self.format)
    }

    /// A verifier for this platform's requests, holding `key` read in the
    /// platform's format: a Standard Webhooks or Svix `whsec_...` secret is
    /// base64-decoded and a `whpk_...` public key read as one; a Stripe
    /// `whsec_...` secret is used as it stands; Discord's key is the
    /// application's public key in hex.
    ///
    /// ```
    /// use hooksig::{KeyError, KeyKind, Platform};
    ///
    /// let stripe = Platform::STRIPE.verifier("whsec_from_the_stripe_dashboard")?;
    /// let svix = Platform::SVIX.verifier("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?;
    /// let asymmetric = Platform::SVIX.verifier("whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4=")?;
    /// // A Svix secret must be base64: the wrong kind of secret is an error, not a silent mismatch.
    /// assert!(Platform::SVIX.verifier("whsec_from_the_stripe_dashboard").is_err());
    /// // The sender's signing key stays with the sender.
    /// assert!(matches!(
    ///     Platform::SVIX.verifier("whsk_6Xb/dCcHpPea21PS1N9VY/NZW723CEc77N4rJCubMbfVKIDij2HKpMKkioLlX0dRqSKJp4AJ6p9lMicMFs6Kvg=="),
    ///     Err(KeyError::WrongKind { found: KeyKind::Ed25519SigningKey, .. }),
    /// ));
    /// # Ok::<(), hooksig::KeyError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Platform::key`] and [`Platform::public_key`], by the kind the
    /// text is; [`KeyError::WrongKind`] for an Ed25519 signing key.
    pub fn verifier(&self, key: impl AsRef<[u8]>) -> Result<Verifier, KeyError> {
        let key = self.read_for_verifier(key.as_ref())?;
        self.verifier_of(Keys::new([key])?)
    }

    /// A verifier that accepts a signature made with any of `keys`: the
    /// new and the old key while a rotation is under way, or secrets and
    /// public keys side by side (Standard Webhooks' `v1` and `v1a`), each
    /// read as [`Platform::verifier`] reads one. Every key is tried on
    /// every request, so the time taken does not tell which one matched.
    ///
    /// # Errors
    ///
    /// [`KeyError::NoSecrets`] for an empty list, and [`KeyError::InList`]
    /// saying which key could not be read and why.
    pub fn verifier_with_secrets<I>(&self, keys: I) -> Result<Verifier, KeyError>
    where
        I: IntoIterator,
        I::Item: AsRef<[u8]>,
    {
        let keys = listed(keys, |key| self.read_for_verifier(key))?;
        self.verifier_of(Keys::new(keys)?)
    }

    /// A verifier holding only Ed25519 public keys, read in the platform's
    /// format: it never needs a secret. Several keys for a rotation.
    ///
    /// ```
    /// use hooksig::Platform;
    ///
    /// let verifier = Platform::STANDARD_WEBHOOKS.verifier_for_public_keys([
    ///     "whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4=",
    ///     "whpk_MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=",
    /// ])?;
    /// assert_eq!(verifier.public_keys().len(), 2);
    /// // A shared secret is not a public key.
    /// assert!(Platform::STANDARD_WEBHOOKS
    ///     .verifier_for_public_keys(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])
    ///     .is_err());
    /// # Ok::<(), hooksig::KeyError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`KeyError::NoSecrets`] for an empty list; [`KeyError::InList`]
    /// around the error of [`Platform::public_key`] (a `whsec_` secret is
    /// [`KeyError::WrongKind`]), or around [`KeyError::NotForScheme`] for a
    /// platform whose scheme has no public keys.
    #[cfg(feature = "ed25519")]
    #[cfg_attr(docsrs, doc(cfg(feature = "ed25519")))]
    pub fn verifier_for_public_keys<I>(&self, keys: I) -> Result<Verifier, KeyError>
    where
        I: IntoIterator,
        I::Item: AsRef<[u8]>,
    {
        let keys = listed(keys, |key| {
            let key = AnyKey::Public(self.public_key(key)?);
            Keys::check(self.wire.scheme, &key).map(|()| key)
        })?;
        self.verifier_of(Keys::new(keys)?)
    }

    /// A verifier holding HMAC keys already built, such as from
    /// [`SigningKey::new`] for a secret held as raw bytes.
    ///
    /// # Errors
    ///
    /// [`KeyError::NoSecrets`] when `keys` is empty, and
    /// [`KeyError::NotForScheme`] for a platform that signs with Ed25519
    /// only (Discord).
    pub fn verifier_from_keys(
        &self,
        keys: impl IntoIterator<Item = SigningKey>,
    ) -> Result<Verifier, KeyError> {
        self.verifier_from_any(keys.into_iter().map(AnyKey::Secret))
    }

    /// A verifier holding Ed25519 public keys already built.
    ///
    /// # Errors
    ///
    /// [`KeyError::NoSecrets`] when `keys` is empty, and
    /// [`KeyError::NotForScheme`] for a platform that signs with HMAC only.
    #[cfg(feature = "ed25519")]
    #[cfg_attr(docsrs, doc(cfg(feature = "ed25519")))]
    pub fn verifier_from_public_keys(
        &self,
        keys: impl IntoIterator<Item = PublicKey>,
    ) -> Result<Verifier, KeyError> {
        self.verifier_from_any(keys.into_iter().map(AnyKey::Public))
    }

    /// A verifier holding HMAC keys and Ed25519 public keys already built,
    /// side by side: for Standard Webhooks while a sender signs with both
    /// (`v1` and `v1a` entries).
    ///
    /// ```
    /// use hooksig::{KeyPair, Platform, SigningKey};
    ///
    /// let pair = KeyPair::from_seed(&[42; 32])?;
    /// let verifier = Platform::STANDARD_WEBHOOKS
    ///     .verifier_from_keys_and_public_keys([SigningKey::new("a shared secret")?], [pair.public_key()])?;
    /// assert_eq!(verifier.key_count(), 2);
    /// # Ok::<(), hooksig::KeyError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`KeyError::NoSecrets`] when both are empty, and
    /// [`KeyError::NotForScheme`] for a key of a kind the platform's scheme
    /// never uses.
    #[cfg(feature = "ed25519")]
    #[cfg_attr(docsrs, doc(cfg(feature = "ed25519")))]
    pub fn verifier_from_keys_and_public_keys(
        &self,
        keys: impl IntoIterator<Item = SigningKey>,
        public_keys: impl IntoIterator<Item = PublicKey>,
    ) -> Result<Verifier, KeyError> {
        self.verifier_from_any(
            keys.into_iter()
                .map(AnyKey::Secret)
                .chain(public_keys.into_iter().map(AnyKey::Public)),
        )
    }

    fn verifier_from_any(&self, keys: impl Iterator<Item = AnyKey>) -> Result<Verifier, KeyError> {
        let keys: Vec<AnyKey> = keys.collect();
        for key in &keys {
            Keys::check(self.wire.scheme, key)?;
        }
        self.verifier_of(Keys::new(keys)?)
    }

    fn verifier_of(&self, keys: Keys) -> Result<Verifier, KeyError> {
        Ok(Verifier::new(self.wire.clone(), keys))
    }

    /// A key of any kind read for a verifier of this platform.
    fn read_for_verifier(&self, text: &[u8]) -> Result<AnyKey, KeyError> {
        let key = key::read(text, self.format)?;
        Keys::check(self.wire.scheme, &key)?;
        Ok(key)
    }

    /// A key of any kind read for a signer of this platform.
    fn read_for_signer(&self, text: &[u8]) -> Result<AnyKey, KeyError> {
        let key = key::read(text, self.format)?;
        if let AnyKey::Public(_) = key {
            return Err(KeyError::WrongKind {
                expected: KeyKind::Ed25519SigningKey,
                found: KeyKind::Ed25519PublicKey,
            });
        }
        let kind = key.kind();
        if !uses(self.wire.scheme, kind) {
            return Err(KeyError::NotForScheme {
                scheme: self.wire.scheme,
                kind,
            });
        }
        Ok(key)
    }

    /// A signer holding `key` read in the platform's format, for
    /// [`RequestBuilder::sign_with`]: an HMAC secret, or for Standard
    /// Webhooks and Svix a `whsk_` Ed25519 signing key, which signs `v1a`.
    ///
    /// ```
    /// use hooksig::{KeyError, KeyKind, Platform};
    ///
    /// let signer = Platform::SVIX.signer("whsk_6Xb/dCcHpPea21PS1N9VY/NZW723CEc77N4rJCubMbfVKIDij2HKpMKkioLlX0dRqSKJp4AJ6p9lMicMFs6Kvg==")?;
    /// // A public key cannot sign, and the error says what can.
    /// let error = Platform::SVIX.signer("whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4=").unwrap_err();
    /// assert!(matches!(error, KeyError::WrongKind { found: KeyKind::Ed25519PublicKey, .. }));
    /// assert!(error.to_string().contains("whsk_"));
    /// # Ok::<(), KeyError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Platform::key`] and [`Platform::key_pair`], by the kind the text
    /// is; [`KeyError::WrongKind`] for a public key (a `whpk_` key, or
    /// Discord's, which only Discord's private key signs for).
    pub fn signer(&self, key: impl AsRef<[u8]>) -> Result<Signer, KeyError> {
        Signer::from_any([self.read_for_signer(key.as_ref())], false)
    }

    /// A signer holding several keys while one rotates, the new one first:
    /// the schemes that list signatures send one per key. For Standard
    /// Webhooks, `whsec_` secrets and `whsk_` keys together send `v1` and
    /// `v1a` entries side by side.
    ///
    /// # Errors
    ///
    /// As [`Platform::verifier_with_secrets`], and
    /// [`KeyError::WrongKind`] in [`KeyError::InList`] for a public key.
    pub fn signer_with_secrets<I>(&self, keys: I) -> Result<Signer, KeyError>
    where
        I: IntoIterator,
        I::Item: AsRef<[u8]>,
    {
        Signer::from_any(
            keys.into_iter()
                .map(|key| self.read_for_signer(key.as_ref())),
            true,
        )
    }

    /// Starts an outgoing, signed request to `uri` in this platform's
    /// conventions; see [`RequestBuilder`].
    #[cfg(feature = "http")]
    #[cfg_attr(docsrs, doc(cfg(feature = "http")))]
    pub fn request<U>(&self, uri: U) -> RequestBuilder<'_>
    where
        U: TryInto<Uri>,
        U::Error: Into<http::Error>,
    {
        RequestBuilder::new(self, uri)
    }
}

/// Each key of `keys` read by `read`, an error naming the one that failed.
fn listed<I>(
    keys: I,
    mut read: impl FnMut(&[u8]) -> Result<AnyKey, KeyError>,
) -> Result<Vec<AnyKey>, KeyError>
where
    I: IntoIterator,
    I::Item: AsRef<[u8]>,
{
    keys.into_iter()
        .enumerate()
        .map(|(index, key)| {
            read(key.as_ref()).map_err(|error| KeyError::InList {
                index,
                error: Box::new(error),
            })
        })
        .collect()
}

const fn raw() -> presets::Secret {
    presets::Secret {
        policy: SecretPolicy::Required,
        format: SecretFormat::Raw,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preset_names_are_their_spellings_in_lowercase() {
        for platform in Platform::PRESETS {
            let headers = [platform.signature_header()]
                .into_iter()
                .chain(platform.event_header())
                .chain(platform.delivery_header())
                .chain(platform.timestamp_header());
            for header in headers {
                assert_eq!(header.name(), header.as_str().to_ascii_lowercase());
                // The name a preset's header inserts with is valid.
                assert_eq!(header.to_header_name().as_str(), header.name());
            }
        }
    }

    #[test]
    fn strict_changes_only_the_scheme_rule() {
        let strict = Platform::CORTEX.strict();
        assert!(strict.is_strict());
        assert!(!Platform::CORTEX.is_strict());
        assert_ne!(&strict, Platform::CORTEX);
        assert_eq!(
            strict.signature_header(),
            Platform::CORTEX.signature_header()
        );
    }

    #[test]
    fn custom_platforms_start_plain() {
        let acme = Platform::custom(
            "Acme",
            Header::new("X-Acme-Sig").unwrap(),
            Scheme::Body(crate::Encoding::Hex),
        );
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

#[cfg(test)]
mod binding {
    use super::*;

    #[test]
    fn presets_are_statics_and_secrets_follow_the_platform() {
        fn cortex() -> &'static Platform {
            Platform::CORTEX
        }
        assert!(core::ptr::eq(cortex(), Platform::CORTEX));
        assert_eq!(
            Platform::SVIX.secret_format(),
            SecretFormat::StandardWebhooks
        );
        assert_eq!(Platform::STRIPE.secret_format(), SecretFormat::Raw);
        // Stripe keys the string as it stands, Svix the decoded bytes.
        let stripe = Platform::STRIPE.key("whsec_dGVzdA==").unwrap();
        let svix = Platform::SVIX.key("whsec_dGVzdA==").unwrap();
        assert_eq!(
            stripe.sign(b"m"),
            SigningKey::new("whsec_dGVzdA==").unwrap().sign(b"m")
        );
        assert_eq!(svix.sign(b"m"), SigningKey::new("test").unwrap().sign(b"m"));
        assert_eq!(
            Platform::SVIX
                .verifier_with_secrets(["whsec_dGVzdA==", "whsec_x!"])
                .err(),
            Some(KeyError::InList {
                index: 1,
                error: Box::new(KeyError::NotBase64 { offset: 7 })
            })
        );
    }
}
