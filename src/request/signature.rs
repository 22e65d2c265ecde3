//! The headers that carry a signature, for a sender with its own HTTP
//! stack, or for a test, without building a request.

use http::{HeaderName, HeaderValue};
use jiff::Timestamp;

use super::RequestError;
use crate::{
    Encoding, HeaderError, KeyKind, Platform, Scheme, Signer,
    scheme::{discord, paddle, slack, standard_webhooks, stripe, timestamp, twitch, zendesk},
    signature::sensitive_value,
};

/// The headers that carry one body's signature in a platform's scheme: the
/// signature header, and the signed timestamp's header where the platform
/// sends the time apart (Standard Webhooks, Slack, Discord, Twitch,
/// Zendesk). Values are marked sensitive.
///
/// ```
/// use hooksig::Platform;
///
/// let signer = Platform::STRIPE.signer("whsec_test")?;
/// let now = jiff::Timestamp::from_second(1_700_000_000)?;
/// let signed = Platform::STRIPE.sign(&signer, br#"{"id":"evt_1"}"#, None, Some(now))?;
/// assert!(signed.signature().as_bytes().starts_with(b"t=1700000000,v1="));
/// assert!(signed.timestamp().is_none()); // Stripe's is in its signature header
/// for (name, value) in signed {
///     // your client's `header(name, value)`
///     assert_eq!(name, "stripe-signature");
/// #   let _ = value;
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureHeaders {
    signature: (HeaderName, HeaderValue),
    timestamp: Option<(HeaderName, HeaderValue)>,
}

impl SignatureHeaders {
    /// The signature header's value.
    pub fn signature(&self) -> &HeaderValue {
        &self.signature.1
    }

    /// The signed timestamp header's value, for the platforms that send the
    /// time in a header of its own.
    pub fn timestamp(&self) -> Option<&HeaderValue> {
        self.timestamp.as_ref().map(|(_, value)| value)
    }
}

impl IntoIterator for SignatureHeaders {
    type Item = (HeaderName, HeaderValue);
    type IntoIter = core::iter::Chain<
        core::option::IntoIter<(HeaderName, HeaderValue)>,
        core::option::IntoIter<(HeaderName, HeaderValue)>,
    >;

    /// The timestamp header (if any), then the signature header.
    fn into_iter(self) -> Self::IntoIter {
        self.timestamp.into_iter().chain(Some(self.signature))
    }
}

impl Platform {
    /// Signs `body` in the platform's scheme with `signer`, without building
    /// a request: the headers to send beside it. `delivery_id` is the
    /// message id that Standard Webhooks and Twitch sign (other schemes
    /// ignore it), and `timestamp` the time of sending that the timestamped
    /// schemes sign (body-only ones ignore it): in Unix seconds, or for
    /// Twitch in RFC 3339 to the nanosecond and for Zendesk in whole
    /// seconds (`2021-07-25T10:00:00Z`). A signer with several keys writes one
    /// signature per key where the scheme lists them (Standard Webhooks: a
    /// `v1` per HMAC secret, then a `v1a` per Ed25519 key; Stripe), and the
    /// first key of the scheme's kind's otherwise.
    ///
    /// # Errors
    ///
    /// [`RequestError::MissingTimestamp`] for a timestamped scheme without a
    /// timestamp, [`RequestError::TimestampBefore1970`],
    /// [`RequestError::Header`] for a Standard Webhooks or Twitch platform
    /// without a delivery id, [`RequestError::Id`] for an id it cannot sign, and
    /// [`RequestError::SignerKind`] when the signer holds no key of the kind
    /// the scheme signs with (an HMAC secret, or Discord's Ed25519 key).
    pub fn sign(
        &self,
        signer: &Signer,
        body: &[u8],
        delivery_id: Option<&str>,
        timestamp: Option<Timestamp>,
    ) -> Result<SignatureHeaders, RequestError> {
        let wire = self.wire();
        let name = || wire.signature.to_header_name();
        let scheme = wire.scheme;
        let needs = |needs| RequestError::SignerKind { scheme, needs };
        let (secrets, pairs) = signer.kinds();
        match scheme {
            Scheme::StandardWebhooks => {}
            Scheme::Discord if !pairs => return Err(needs(KeyKind::Ed25519SigningKey)),
            Scheme::Discord => {}
            _ if !secrets => return Err(needs(KeyKind::HmacSecret)),
            _ => {}
        }
        if let Scheme::Body(encoding) = scheme {
            let signature = signer
                .sign_parts(&[body])
                .ok_or(needs(KeyKind::HmacSecret))?;
            let value = signature.to_value(encoding).to_header_value();
            return Ok(SignatureHeaders {
                signature: (name(), value),
                timestamp: None,
            });
        }
        let mut buf = itoa::Buffer::new();
        let at = timestamp.ok_or(RequestError::MissingTimestamp { scheme })?;
        // Twitch and Zendesk send a date and time, the others Unix seconds.
        let rfc3339;
        let ts = if scheme.signs_rfc3339() {
            if at < Timestamp::UNIX_EPOCH {
                return Err(RequestError::TimestampBefore1970 { timestamp: at });
            }
            rfc3339 = timestamp::format_rfc3339(at, scheme == Scheme::Twitch);
            rfc3339.as_str()
        } else {
            timestamp::format_seconds(at, &mut buf)
                .ok_or(RequestError::TimestampBefore1970 { timestamp: at })?
        };
        let hmac = |message: crate::scheme::Message<'_>| {
            signer
                .sign_parts(message.parts())
                .ok_or(needs(KeyKind::HmacSecret))
        };
        let value = match scheme {
            Scheme::StandardWebhooks => {
                let header = wire.id_header();
                let id = delivery_id.ok_or_else(|| HeaderError::Missing {
                    header: header.clone(),
                })?;
                standard_webhooks::check_id(id.as_bytes()).map_err(|reason| RequestError::Id {
                    header: header.clone(),
                    reason,
                })?;
                let message = standard_webhooks::message(id.as_bytes(), ts.as_bytes(), body);
                sensitive_value(&standard_webhooks::format(
                    signer.sign_each(message.parts()),
                    signer.sign_each_ed25519(message.parts()),
                ))
            }
            Scheme::Slack => {
                let signature = hmac(slack::message(ts.as_bytes(), body))?;
                sensitive_value(&slack::format(&signature))
            }
            Scheme::Paddle => {
                let message = paddle::message(ts.as_bytes(), body);
                sensitive_value(&paddle::format(ts, signer.sign_each(message.parts())))
            }
            Scheme::Twitch => {
                let header = wire.id_header();
                let id = delivery_id.ok_or_else(|| HeaderError::Missing {
                    header: header.clone(),
                })?;
                let signature = hmac(twitch::message(id.as_bytes(), ts.as_bytes(), body))?;
                signature.to_value(Encoding::Sha256Hex).to_header_value()
            }
            Scheme::Zendesk => {
                let signature = hmac(zendesk::message(ts.as_bytes(), body))?;
                signature.to_value(Encoding::Base64).to_header_value()
            }
            Scheme::Discord => {
                let message = discord::message(ts.as_bytes(), body);
                let signature = signer
                    .sign_parts_ed25519(message.parts())
                    .ok_or(needs(KeyKind::Ed25519SigningKey))?;
                sensitive_value(&discord::format(&signature))
            }
            _ => {
                let message = stripe::message(ts.as_bytes(), body);
                sensitive_value(&stripe::format(ts, signer.sign_each(message.parts())))
            }
        };
        let timestamp = match (wire.timestamp.as_ref(), scheme) {
            (_, Scheme::Stripe | Scheme::Paddle) => None,
            (Some(header), _) => Some(header),
            (None, _) => Some(wire.timestamp_header()),
        };
        // Decimal digits and RFC 3339 are always valid header values.
        let timestamp = timestamp.map(|header| {
            (
                header.to_header_name(),
                HeaderValue::from_str(ts).unwrap_or(HeaderValue::from_static("0")),
            )
        });
        Ok(SignatureHeaders {
            signature: (name(), value),
            timestamp,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamped_schemes_give_the_time_its_own_header_where_they_send_one() {
        let at = Timestamp::from_second(1_614_265_330).unwrap();
        let signer = Platform::SVIX
            .signer("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
            .unwrap();
        let signed = Platform::SVIX
            .sign(
                &signer,
                br#"{"test": 2432232314}"#,
                Some("msg_p5jXN8AQM9LWM0D4loKWxJek"),
                Some(at),
            )
            .unwrap();
        // The Standard Webhooks specification's example signature.
        assert_eq!(
            signed.signature(),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        );
        assert_eq!(
            signed.timestamp().map(HeaderValue::as_bytes),
            Some(&b"1614265330"[..])
        );
        let names: Vec<_> = signed.into_iter().map(|(name, _)| name).collect();
        assert_eq!(names, ["svix-timestamp", "svix-signature"]);

        let cortex = Platform::CORTEX.signer("s").unwrap();
        let signed = Platform::CORTEX.sign(&cortex, b"{}", None, None).unwrap();
        assert!(signed.signature().is_sensitive());
        assert!(signed.timestamp().is_none());
        assert!(matches!(
            Platform::SLACK.sign(&cortex, b"{}", None, None),
            Err(RequestError::MissingTimestamp { .. })
        ));
    }
}
