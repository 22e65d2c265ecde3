//! Secrets as a developer holds them, and the other ways a sender may have
//! read them.

use core::fmt;

use zeroize::Zeroizing;

use super::{
    Finding,
    finding::{Padding, SecretReading},
};
use crate::{SecretFormat, codec::base64};

const PREFIX: &[u8] = b"whsec_";

/// A secret as given, wiped from memory when dropped; `Debug` shows only
/// its length.
#[derive(Clone)]
pub(crate) struct Held(Zeroizing<Vec<u8>>);

impl Held {
    pub(crate) fn new(secret: &[u8]) -> Self {
        Self(Zeroizing::new(secret.to_vec()))
    }

    pub(crate) fn bytes(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for Held {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[REDACTED; {} bytes]", self.0.len())
    }
}

/// The most readings [`readings`] gives for one secret.
pub(crate) const MAX_READINGS: usize = 3;

/// The key bytes of `secret` read in `format`, as [`SigningKey::from_secret`]
/// reads it; `None` when it cannot be read so.
///
/// [`SigningKey::from_secret`]: crate::SigningKey::from_secret
fn in_format(secret: &[u8], format: SecretFormat) -> Option<Zeroizing<Vec<u8>>> {
    match format {
        SecretFormat::Raw => Some(Zeroizing::new(secret.to_vec())),
        SecretFormat::StandardWebhooks => {
            // Read as leniently as the platform reads it.
            let text = secret.strip_prefix(PREFIX).unwrap_or(secret);
            let mut bytes = Zeroizing::new(vec![0; base64::max_decoded_len(text.len())]);
            let len = base64::decode_lenient(text, &mut bytes).ok()?;
            bytes.truncate(len);
            (!bytes.is_empty()).then_some(bytes)
        }
        #[allow(unreachable_patterns)]
        _ => None,
    }
}

fn decode(text: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    let mut bytes = Zeroizing::new(vec![0; base64::max_decoded_len(text.len())]);
    let len = base64::decode(text, &mut bytes).ok()?;
    bytes.truncate(len);
    (!bytes.is_empty()).then_some(bytes)
}

/// Each reading of secret number `index` other than `format`'s, with the
/// finding it would confirm; readings that give the same key bytes as
/// `format`'s, or as an earlier reading, are left out.
pub(crate) fn readings(
    secret: &[u8],
    index: usize,
    format: SecretFormat,
) -> Vec<(Finding, Zeroizing<Vec<u8>>)> {
    let mut out: Vec<(Finding, Zeroizing<Vec<u8>>)> = Vec::new();
    let own = in_format(secret, format);
    let mut add = |finding: Finding, bytes: Option<Zeroizing<Vec<u8>>>| {
        if let Some(bytes) = bytes
            && !bytes.is_empty()
            && own.as_ref() != Some(&bytes)
            && out.iter().all(|(_, earlier)| *earlier != bytes)
        {
            out.push((finding, bytes));
        }
    };
    if let Some((padding, trimmed)) = unpadded(secret) {
        add(
            Finding::SecretPadding {
                secret: index,
                padding,
            },
            in_format(trimmed, format),
        );
    }
    let reading = |reading| Finding::SecretFormat {
        secret: index,
        reading,
        expected: format,
    };
    let rest = secret.strip_prefix(PREFIX);
    match format {
        SecretFormat::Raw => match rest {
            Some(rest) => {
                add(reading(SecretReading::Base64Decoded), decode(rest));
                add(
                    reading(SecretReading::PrefixDropped),
                    Some(Zeroizing::new(rest.to_vec())),
                );
            }
            None => {
                add(
                    reading(SecretReading::PrefixAdded),
                    Some(Zeroizing::new([PREFIX, secret].concat())),
                );
                add(reading(SecretReading::Base64Decoded), decode(secret));
            }
        },
        SecretFormat::StandardWebhooks => {
            add(
                reading(SecretReading::Text),
                Some(Zeroizing::new(secret.to_vec())),
            );
            if let Some(rest) = rest {
                add(
                    reading(SecretReading::PrefixDropped),
                    Some(Zeroizing::new(rest.to_vec())),
                );
            }
        }
        #[allow(unreachable_patterns)]
        _ => {}
    }
    out
}

/// The secret without the blanks, line breaks or quotes around it, and
/// what was around it; `None` when nothing was.
fn unpadded(secret: &[u8]) -> Option<(Padding, &[u8])> {
    let trimmed = secret.trim_ascii();
    let unquoted = [b'"', b'\'']
        .iter()
        .find_map(|&q| trimmed.strip_prefix(&[q])?.strip_suffix(&[q]))
        .map(<[u8]>::trim_ascii);
    let padding = if unquoted.is_some() {
        Padding::Quotes
    } else if trimmed.len() == secret.len() {
        return None;
    } else if secret
        .iter()
        .take_while(|b| b.is_ascii_whitespace())
        .chain(secret.iter().rev().take_while(|b| b.is_ascii_whitespace()))
        .any(|b| matches!(b, b'\n' | b'\r'))
    {
        Padding::LineBreak
    } else {
        Padding::Whitespace
    };
    let bare = unquoted.unwrap_or(trimmed);
    (!bare.is_empty()).then_some((padding, bare))
}

/// Prefixes of credentials that are not webhook signing secrets, with what
/// each is. Webhook secrets have none of them: Stripe's start `whsec_`,
/// Svix's and Standard Webhooks' `whsec_`, Slack's signing secrets are 32
/// hex digits, GitHub's and Shopify's are what the developer or app
/// chose or was given as the app's client secret.
const NOT_WEBHOOK_SECRETS: [(&str, &str); 18] = [
    (
        "sk_live_",
        "a Stripe secret API key (live mode), which calls Stripe's API",
    ),
    (
        "sk_test_",
        "a Stripe secret API key (test mode), which calls Stripe's API",
    ),
    ("rk_live_", "a Stripe restricted API key (live mode)"),
    ("rk_test_", "a Stripe restricted API key (test mode)"),
    (
        "pk_live_",
        "a Stripe publishable key (live mode), meant for browsers",
    ),
    (
        "pk_test_",
        "a Stripe publishable key (test mode), meant for browsers",
    ),
    ("xoxb-", "a Slack bot token, which calls Slack's API"),
    ("xoxp-", "a Slack user token, which calls Slack's API"),
    ("xapp-", "a Slack app-level token, for Socket Mode"),
    ("xoxe-", "a Slack refresh token"),
    ("github_pat_", "a GitHub fine-grained personal access token"),
    ("ghp_", "a GitHub personal access token"),
    ("gho_", "a GitHub OAuth access token"),
    ("ghu_", "a GitHub App user access token"),
    ("ghs_", "a GitHub App installation access token"),
    ("shpat_", "a Shopify Admin API access token"),
    ("shpca_", "a Shopify custom app access token"),
    ("shppa_", "a Shopify private app password"),
];

/// The prefix `secret` starts with and what it means, when it is the
/// prefix of a credential that is not a webhook signing secret. Leading
/// blanks and quotes are looked past.
pub(crate) fn wrong_kind(secret: &[u8]) -> Option<(&'static str, &'static str)> {
    let text = secret.trim_ascii_start();
    let text = text.strip_prefix(b"\"").unwrap_or(text);
    NOT_WEBHOOK_SECRETS
        .iter()
        .find(|(prefix, _)| text.starts_with(prefix.as_bytes()))
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn findings(secret: &str, format: SecretFormat) -> Vec<Finding> {
        readings(secret.as_bytes(), 0, format)
            .into_iter()
            .map(|(finding, _)| finding)
            .collect()
    }

    fn reading(reading: SecretReading, expected: SecretFormat) -> Finding {
        Finding::SecretFormat {
            secret: 0,
            reading,
            expected,
        }
    }

    #[test]
    fn a_stripe_secret_is_also_tried_decoded_and_without_its_prefix() {
        let raw = SecretFormat::Raw;
        assert_eq!(
            findings("whsec_dGVzdHNlY3JldA==", raw),
            [
                reading(SecretReading::Base64Decoded, raw),
                reading(SecretReading::PrefixDropped, raw),
            ]
        );
        // Not base64 after the prefix: only dropped.
        assert_eq!(
            findings("whsec_not*base64", raw),
            [reading(SecretReading::PrefixDropped, raw)]
        );
        assert_eq!(
            findings("abc*", raw),
            [reading(SecretReading::PrefixAdded, raw)]
        );
    }

    #[test]
    fn a_standard_webhooks_secret_is_also_tried_as_text() {
        let sw = SecretFormat::StandardWebhooks;
        let found = readings(b"whsec_dGVzdA==", 0, sw);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].0, reading(SecretReading::Text, sw));
        assert_eq!(&found[0].1[..], b"whsec_dGVzdA==");
        assert_eq!(found[1].0, reading(SecretReading::PrefixDropped, sw));
        assert_eq!(&found[1].1[..], b"dGVzdA==");
    }

    #[test]
    fn padding_is_named_and_trimmed() {
        assert_eq!(
            unpadded(b"s3cret\n"),
            Some((Padding::LineBreak, &b"s3cret"[..]))
        );
        assert_eq!(
            unpadded(b" s3cret\t"),
            Some((Padding::Whitespace, &b"s3cret"[..]))
        );
        assert_eq!(
            unpadded(b"\"s3cret\""),
            Some((Padding::Quotes, &b"s3cret"[..]))
        );
        assert_eq!(
            unpadded(b"'s3cret'\n"),
            Some((Padding::Quotes, &b"s3cret"[..]))
        );
        assert_eq!(unpadded(b"s3cret"), None);
        assert_eq!(unpadded(b" \n"), None);
        let found = findings("whsec_abc\n", SecretFormat::Raw);
        assert_eq!(
            found[0],
            Finding::SecretPadding {
                secret: 0,
                padding: Padding::LineBreak
            }
        );
        assert!(found.len() <= MAX_READINGS);
    }

    #[test]
    fn api_keys_are_recognized() {
        assert_eq!(wrong_kind(b"sk_live_123").map(|k| k.0), Some("sk_live_"));
        assert_eq!(wrong_kind(b"\"xoxb-1-2\"").map(|k| k.0), Some("xoxb-"));
        assert_eq!(wrong_kind(b"whsec_123"), None);
        assert_eq!(
            format!("{:?}", Held::new(b"hunter2")),
            "[REDACTED; 7 bytes]"
        );
    }
}
