//! Square: HMAC-SHA256 over the notification URL then the body, base64.

use core::fmt;

use super::mac::SignatureText;
use crate::{Encoding, Header, Headers, KeyError, SigningKey, VerifyError};

/// Square's webhook signature: `x-square-hmacsha256-signature`, the base64
/// of an HMAC-SHA256 keyed with the subscription's signature key, over the
/// notification URL followed by the raw body, with no separator.
///
/// The notification URL is the one set in the subscription in Square's
/// Developer Console, exactly as entered: the public URL Square posts to,
/// not the URI your server sees behind a proxy or a load balancer. Square
/// signs no timestamp; its documentation asks receivers to use the body's
/// `event_id` to skip repeated deliveries.
///
/// Square's older `x-square-signature` header (HMAC-SHA1 over the same
/// content) is deprecated and not read here.
///
/// ```
/// use hooksig::provider::Square;
///
/// let square = Square::new("signature-key-from-the-console")?;
/// let url = "https://example.com/webhooks/square";
/// let body = br#"{"event_id":"e1","type":"payment.updated"}"#;
/// let signature = square.sign(url, body);
/// square.verify(url, &[("x-square-hmacsha256-signature", signature.as_str())], body)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Square {
    key: SigningKey,
}

impl Square {
    /// `x-square-hmacsha256-signature`.
    pub const SIGNATURE: Header = Header::preset(
        "x-square-hmacsha256-signature",
        "x-square-hmacsha256-signature",
    );

    /// A verifier and signer keyed with the subscription's signature key,
    /// as the Developer Console shows it, used as the text it is (Square's
    /// SDKs use its UTF-8 bytes).
    ///
    /// # Errors
    ///
    /// [`KeyError::EmptySecret`] or [`KeyError::AllZeroSecret`].
    pub fn new(signature_key: impl AsRef<[u8]>) -> Result<Self, KeyError> {
        Ok(Self {
            key: SigningKey::new(signature_key)?,
        })
    }

    /// Checks a request posted to `notification_url`: its headers and its
    /// raw body.
    ///
    /// # Errors
    ///
    /// [`VerifyError::Header`] when the signature header is missing or
    /// repeated, [`VerifyError::Malformed`] when it is not the base64 of 32
    /// bytes, [`VerifyError::Mismatch`] when it is not this URL's and
    /// body's.
    pub fn verify<H: Headers + ?Sized>(
        &self,
        notification_url: &str,
        headers: &H,
        body: &[u8],
    ) -> Result<(), VerifyError> {
        let header = &Self::SIGNATURE;
        let received = Encoding::Base64
            .decode(header.one(headers)?, 0)
            .map_err(|reason| VerifyError::Malformed {
                header: header.clone(),
                reason,
            })?;
        if self.key.sign_parts(&[notification_url.as_bytes(), body]) == received {
            Ok(())
        } else {
            Err(VerifyError::Mismatch)
        }
    }

    /// The `x-square-hmacsha256-signature` value for `body` posted to
    /// `notification_url`.
    pub fn sign(&self, notification_url: &str, body: &[u8]) -> SignatureText {
        let mac = self.key.sign_parts(&[notification_url.as_bytes(), body]);
        SignatureText::base64("", mac.as_bytes())
    }
}

impl fmt::Debug for Square {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Square([REDACTED])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_and_body_are_both_signed() {
        let square = Square::new("key").unwrap();
        let signature = square.sign("https://a.example/h", b"{}");
        let headers = [("X-Square-HmacSha256-Signature", signature.as_str())];
        assert_eq!(
            square.verify("https://a.example/h", &headers, b"{}"),
            Ok(())
        );
        assert_eq!(
            square.verify("https://b.example/h", &headers, b"{}"),
            Err(VerifyError::Mismatch)
        );
        assert_eq!(
            square.verify("https://a.example/h", &headers, b"{ }"),
            Err(VerifyError::Mismatch)
        );
        // The split between URL and body is not signed: Square's scheme.
        assert_eq!(
            square.verify("https://a.example/h{", &headers, b"}"),
            Ok(())
        );
        assert!(matches!(
            square.verify("u", &[("x-square-hmacsha256-signature", "abc")], b""),
            Err(VerifyError::Malformed { .. })
        ));
        assert_eq!(format!("{square:?}"), "Square([REDACTED])");
    }
}
