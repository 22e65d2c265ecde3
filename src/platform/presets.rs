//! The presets, as statics: a `const` that owns a `HeaderName` would be
//! built and dropped at every use, while `Platform::CORTEX` and the rest
//! are `&'static` references to these, free at every use.

use super::{Platform, SecretPolicy};
use crate::{
    Encoding, Header, Scheme, SecretFormat,
    scheme::{discord, slack, standard_webhooks, twitch, zendesk},
};

const HEX: Scheme = Scheme::Body(Encoding::Hex);
const SHA256_HEX: Scheme = Scheme::Body(Encoding::Sha256Hex);

pub(super) static EMULUXE: Platform = Platform::preset(
    "Emuluxe",
    Header::preset("X-Emuluxe-Signature", "x-emuluxe-signature"),
    HEX,
    Secret::REQUIRED,
    Some(Header::preset("X-Emuluxe-Event", "x-emuluxe-event")),
    None,
    None,
    None,
);

pub(super) static PULSELABS: Platform = Platform::preset(
    "PulseLABS",
    Header::preset("X-PulseLabs-Signature", "x-pulselabs-signature"),
    SHA256_HEX,
    Secret::REQUIRED,
    Some(Header::preset("X-PulseLabs-Event", "x-pulselabs-event")),
    Some(Header::preset(
        "X-PulseLabs-Delivery",
        "x-pulselabs-delivery",
    )),
    None,
    Some("PulseLabs-Webhooks/1.0"),
);

pub(super) static CAPAWESOME: Platform = Platform::preset(
    "Capawesome",
    Header::preset("X-Signature", "x-signature"),
    HEX,
    Secret::OPTIONAL,
    None,
    None,
    None,
    None,
);

pub(super) static SPLEXA: Platform = Platform::preset(
    "SPLEXA",
    Header::preset("x-splexa-signature", "x-splexa-signature"),
    SHA256_HEX,
    Secret::REQUIRED,
    None,
    None,
    None,
    Some("splexa-universe/1.0 (+webhook)"),
);

pub(super) static CORTEX: Platform = Platform::preset(
    "Cortex",
    Header::preset("X-Cortex-Signature", "x-cortex-signature"),
    SHA256_HEX,
    Secret::REQUIRED,
    Some(Header::preset("X-Cortex-Event", "x-cortex-event")),
    Some(Header::preset("X-Cortex-Delivery", "x-cortex-delivery")),
    None,
    None,
);

pub(super) static GITHUB: Platform = Platform::preset(
    "GitHub",
    Header::preset("X-Hub-Signature-256", "x-hub-signature-256"),
    SHA256_HEX,
    Secret::OPTIONAL,
    Some(Header::preset("X-GitHub-Event", "x-github-event")),
    Some(Header::preset("X-GitHub-Delivery", "x-github-delivery")),
    None,
    None,
);

pub(super) static SHOPIFY: Platform = Platform::preset(
    "Shopify",
    Header::preset("X-Shopify-Hmac-Sha256", "x-shopify-hmac-sha256"),
    Scheme::Body(Encoding::Base64),
    Secret::REQUIRED,
    Some(Header::preset("X-Shopify-Topic", "x-shopify-topic")),
    Some(Header::preset(
        "X-Shopify-Webhook-Id",
        "x-shopify-webhook-id",
    )),
    None,
    None,
);

pub(super) static STRIPE: Platform = Platform::preset(
    "Stripe",
    Header::preset("Stripe-Signature", "stripe-signature"),
    Scheme::Stripe,
    Secret::REQUIRED,
    None,
    None,
    None,
    Some("Stripe/1.0 (+https://stripe.com/docs/webhooks)"),
);

pub(super) static SLACK: Platform = Platform::preset(
    "Slack",
    Header::preset("X-Slack-Signature", "x-slack-signature"),
    Scheme::Slack,
    Secret::REQUIRED,
    None,
    None,
    Some(slack::TIMESTAMP),
    None,
);

pub(super) static STANDARD_WEBHOOKS: Platform = Platform::preset(
    "Standard Webhooks",
    Header::preset("webhook-signature", "webhook-signature"),
    Scheme::StandardWebhooks,
    Secret::STANDARD_WEBHOOKS,
    None,
    Some(standard_webhooks::ID),
    Some(standard_webhooks::TIMESTAMP),
    None,
);

/// A sender on Svix's infrastructure: Svix's headers and secrets under
/// its own name (Svix, Clerk, Resend).
const fn svix_sender(name: &'static str) -> Platform {
    Platform::preset(
        name,
        Header::preset("svix-signature", "svix-signature"),
        Scheme::StandardWebhooks,
        Secret::STANDARD_WEBHOOKS,
        None,
        Some(Header::preset("svix-id", "svix-id")),
        Some(Header::preset("svix-timestamp", "svix-timestamp")),
        None,
    )
}

pub(super) static SVIX: Platform = svix_sender("Svix");

pub(super) static DISCORD: Platform = Platform::preset(
    "Discord",
    discord::SIGNATURE,
    Scheme::Discord,
    Secret::ED25519_PUBLIC_KEY_HEX,
    None,
    None,
    Some(discord::TIMESTAMP),
    None,
);

pub(super) static LINEAR: Platform = Platform::preset(
    "Linear",
    Header::preset("Linear-Signature", "linear-signature"),
    HEX,
    Secret::REQUIRED,
    Some(Header::preset("Linear-Event", "linear-event")),
    Some(Header::preset("Linear-Delivery", "linear-delivery")),
    None,
    None,
);

pub(super) static DROPBOX: Platform = Platform::preset(
    "Dropbox",
    Header::preset("X-Dropbox-Signature", "x-dropbox-signature"),
    HEX,
    Secret::REQUIRED,
    None,
    None,
    None,
    None,
);

pub(super) static RAZORPAY: Platform = Platform::preset(
    "Razorpay",
    Header::preset("X-Razorpay-Signature", "x-razorpay-signature"),
    HEX,
    Secret::REQUIRED,
    None,
    Some(Header::preset("X-Razorpay-Event-Id", "x-razorpay-event-id")),
    None,
    None,
);

pub(super) static COINBASE_COMMERCE: Platform = Platform::preset(
    "Coinbase Commerce",
    Header::preset("X-CC-Webhook-Signature", "x-cc-webhook-signature"),
    HEX,
    Secret::REQUIRED,
    None,
    None,
    None,
    None,
);

pub(super) static TYPEFORM: Platform = Platform::preset(
    "Typeform",
    Header::preset("Typeform-Signature", "typeform-signature"),
    Scheme::Body(Encoding::Sha256Base64),
    Secret::REQUIRED,
    None,
    None,
    None,
    None,
);

pub(super) static ZOOM: Platform = Platform::preset(
    "Zoom",
    Header::preset("x-zm-signature", "x-zm-signature"),
    Scheme::Slack,
    Secret::REQUIRED,
    None,
    None,
    Some(Header::preset(
        "x-zm-request-timestamp",
        "x-zm-request-timestamp",
    )),
    None,
);

pub(super) static PADDLE: Platform = Platform::preset(
    "Paddle",
    Header::preset("Paddle-Signature", "paddle-signature"),
    Scheme::Paddle,
    Secret::REQUIRED,
    None,
    None,
    None,
    None,
);

pub(super) static TWITCH: Platform = Platform::preset(
    "Twitch",
    Header::preset(
        "Twitch-Eventsub-Message-Signature",
        "twitch-eventsub-message-signature",
    ),
    Scheme::Twitch,
    Secret::REQUIRED,
    Some(Header::preset(
        "Twitch-Eventsub-Subscription-Type",
        "twitch-eventsub-subscription-type",
    )),
    Some(twitch::ID),
    Some(twitch::TIMESTAMP),
    None,
);

pub(super) static ZENDESK: Platform = Platform::preset(
    "Zendesk",
    Header::preset("X-Zendesk-Webhook-Signature", "x-zendesk-webhook-signature"),
    Scheme::Zendesk,
    Secret::REQUIRED,
    None,
    None,
    Some(zendesk::TIMESTAMP),
    None,
);

pub(super) static CLERK: Platform = svix_sender("Clerk");

pub(super) static RESEND: Platform = svix_sender("Resend");

/// Whether a preset must sign, and how its secrets are written.
#[derive(Clone, Copy)]
pub(super) struct Secret {
    pub(super) policy: SecretPolicy,
    pub(super) format: SecretFormat,
}

impl Secret {
    const REQUIRED: Self = Self {
        policy: SecretPolicy::Required,
        format: SecretFormat::Raw,
    };
    const OPTIONAL: Self = Self {
        policy: SecretPolicy::Optional,
        format: SecretFormat::Raw,
    };
    const STANDARD_WEBHOOKS: Self = Self {
        policy: SecretPolicy::Required,
        format: SecretFormat::StandardWebhooks,
    };
    const ED25519_PUBLIC_KEY_HEX: Self = Self {
        policy: SecretPolicy::Required,
        format: SecretFormat::Ed25519PublicKeyHex,
    };
}
