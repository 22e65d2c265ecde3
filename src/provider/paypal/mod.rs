//! PayPal's webhooks, checked by PayPal's self-verification method:
//! RSA-SHA256 over the transmission id, time, webhook id and the CRC32 of
//! the body, with the certificate the caller fetched.

mod certificate;
mod url;

use alloc::boxed::Box;
use core::fmt;

use rsa::{
    PublicKey as RsaKey,
    pkcs1v15::{Signature, VerifyingKey},
    signature::hazmat::PrehashVerifier,
    traits::PublicKeyParts,
};
use sha2::{Digest, Sha256};

use super::variable_signature;
use crate::{AlgorithmName, Header, HeaderError, Headers, KeyError, SignatureError, VerifyError};

/// Room for the base64 of the longest signature `rsa` verifies (8192-bit
/// keys, 1024 bytes), a multiple of 3.
const MAX_SIGNATURE_LEN: usize = 1026;

/// The one `PAYPAL-AUTH-ALGO` PayPal documents.
const SHA256_WITH_RSA: &str = "SHA256withRSA";

/// PayPal's webhooks, verified by its self-verification method with the
/// certificate from `PAYPAL-CERT-URL` and the webhook id from your app's
/// settings in PayPal's developer dashboard.
///
/// PayPal signs `<transmission id>|<transmission time>|<webhook id>|<crc32>`,
/// the first two as sent in `PAYPAL-TRANSMISSION-ID` and
/// `PAYPAL-TRANSMISSION-TIME`, the webhook id that names your endpoint's
/// subscription (it does not travel in the request), and the CRC-32 (IEEE,
/// as zlib computes it) of the raw body bytes as an unsigned decimal
/// number. The signature is RSASSA-PKCS1-v1_5 with SHA-256
/// (`PAYPAL-AUTH-ALGO: SHA256withRSA`), base64 in
/// `PAYPAL-TRANSMISSION-SIG`. So do PayPal's own SDKs build and check it
/// (`WebhookEvent.verify` in `paypalrestsdk` 1.13.3, Python;
/// `Event.validateReceivedEvent` in the Java SDK; `WebhookEvent.ValidateReceivedEvent`
/// in the .NET SDK).
///
/// # The certificate, and what the crate does not check
///
/// The crate never fetches anything. Read `PAYPAL-CERT-URL` with
/// [`PayPal::certificate_url`], which refuses any URL that is not `https://`
/// on PayPal's API hosts, fetch it over TLS with your HTTP client, and
/// build a `PayPal` from the PEM it returns (cache it by URL: PayPal reuses
/// a certificate for many deliveries and changes the URL when it changes
/// the certificate). That TLS fetch from PayPal's own host is what makes
/// the certificate PayPal's. PayPal's SDKs check the certificate itself
/// instead: its chain up to the DigiCert roots they ship, its dates, and
/// that its subject's common name ends in `.paypal.com`. The crate does
/// none of these, holding no trust store and reading no clock: a
/// certificate from anywhere else would verify whatever its key signed.
///
/// # Time
///
/// Like PayPal's SDKs, [`verify`](Self::verify) checks no time: the
/// transmission time is signed as sent and never read as a date. PayPal
/// retries a delivery that got no 2xx answer up to 25 times over 3 days,
/// longer than the widest window the crate allows, and does not say
/// whether a retry is signed anew. Against replays, deduplicate on the
/// transmission id or the event's `id`.
///
/// ```
/// use hooksig::provider::PayPal;
///
/// let url = "https://api.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77";
/// let headers = [("PAYPAL-CERT-URL", url)];
/// assert_eq!(PayPal::certificate_url(&headers)?, url);
/// assert!(PayPal::check_certificate_url("https://api.paypal.com.evil.example/cert").is_err());
/// // Then fetch `url` and build the verifier:
/// // let paypal = PayPal::new("1JE4291016473214C", &pem_text)?;
/// // paypal.verify(&request_headers, &raw_body)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct PayPal {
    webhook_id: Box<str>,
    key: VerifyingKey<Sha256>,
    /// The modulus's length in bytes: every signature's length.
    size: usize,
}

impl PayPal {
    /// `PAYPAL-TRANSMISSION-ID`: the delivery's id, signed as sent.
    pub const TRANSMISSION_ID: Header =
        Header::preset("PAYPAL-TRANSMISSION-ID", "paypal-transmission-id");
    /// `PAYPAL-TRANSMISSION-TIME`: when PayPal sent it (RFC 3339), signed
    /// as sent.
    pub const TRANSMISSION_TIME: Header =
        Header::preset("PAYPAL-TRANSMISSION-TIME", "paypal-transmission-time");
    /// `PAYPAL-TRANSMISSION-SIG`: the base64 RSA signature.
    pub const TRANSMISSION_SIG: Header =
        Header::preset("PAYPAL-TRANSMISSION-SIG", "paypal-transmission-sig");
    /// `PAYPAL-CERT-URL`: where the signing certificate is. Not signed.
    pub const CERT_URL: Header = Header::preset("PAYPAL-CERT-URL", "paypal-cert-url");
    /// `PAYPAL-AUTH-ALGO`: the signature algorithm, `SHA256withRSA`.
    pub const AUTH_ALGO: Header = Header::preset("PAYPAL-AUTH-ALGO", "paypal-auth-algo");

    /// A verifier for the webhook `webhook_id` (from your app's webhook
    /// settings; PayPal writes it as letters and digits, such as
    /// `1JE4291016473214C`) and the certificate PayPal serves at the
    /// request's `PAYPAL-CERT-URL`, in PEM. When the text holds a chain,
    /// the first certificate is the signer's, as PayPal serves it and as
    /// its SDKs read it.
    ///
    /// # Errors
    ///
    /// - [`KeyError::WebhookId`]: the id is empty or has a byte that is not
    ///   an ASCII letter or digit.
    /// - [`KeyError::NotPem`]: no PEM certificate in the text, or a broken one.
    /// - [`KeyError::NotDer`]: the PEM holds no well-formed X.509
    ///   certificate.
    /// - [`KeyError::WrongKeyType`]: the certificate's key is not RSA.
    /// - [`KeyError::InvalidPublicKey`]: an RSA key that `rsa` refuses
    ///   (modulus under 1024 or over 8192 bits).
    pub fn new(webhook_id: &str, certificate_pem: impl AsRef<[u8]>) -> Result<Self, KeyError> {
        check_webhook_id(webhook_id)?;
        let key = certificate::from_pem(certificate_pem.as_ref())?;
        Ok(Self::from_key(webhook_id, key))
    }

    /// A verifier for `webhook_id` and a certificate in DER.
    ///
    /// # Errors
    ///
    /// As [`new`](Self::new), but for the PEM.
    pub fn from_certificate_der(webhook_id: &str, der: &[u8]) -> Result<Self, KeyError> {
        check_webhook_id(webhook_id)?;
        let key = certificate::from_der(der)?;
        Ok(Self::from_key(webhook_id, key))
    }

    fn from_key(webhook_id: &str, key: RsaKey) -> Self {
        Self {
            webhook_id: webhook_id.into(),
            size: key.size(),
            key: VerifyingKey::new(key),
        }
    }

    /// The webhook id this verifier signs into the content.
    pub fn webhook_id(&self) -> &str {
        &self.webhook_id
    }

    /// The request's `PAYPAL-CERT-URL`, once it is known to be PayPal's
    /// (see [`check_certificate_url`](Self::check_certificate_url)): the URL
    /// to fetch the certificate from.
    ///
    /// # Errors
    ///
    /// [`CertificateUrlError::Header`] when the header is missing, repeated
    /// or not visible ASCII; [`CertificateUrlError::NotPayPal`] (holding a
    /// [`KeyError::NotPayPalCertificateUrl`]) when the URL is not PayPal's.
    pub fn certificate_url<H: Headers + ?Sized>(headers: &H) -> Result<&str, CertificateUrlError> {
        let value = Self::CERT_URL.one(headers)?;
        let url = core::str::from_utf8(value)
            .ok()
            .filter(|url| url.bytes().all(|b| b.is_ascii_graphic()))
            .ok_or(HeaderError::NotText {
                header: Self::CERT_URL,
            })?;
        Self::check_certificate_url(url)?;
        Ok(url)
    }

    /// Whether `url` may be fetched for a PayPal certificate: `https://`,
    /// on `api.paypal.com` or `api.sandbox.paypal.com` (or their
    /// `api-m.` names), port 443 if any, no user info, and a path. Pure:
    /// reads the text and nothing else.
    ///
    /// # Errors
    ///
    /// [`KeyError::NotPayPalCertificateUrl`], saying which rule the URL
    /// breaks.
    pub fn check_certificate_url(url: &str) -> Result<(), KeyError> {
        url::check(url)
    }

    /// Verifies a delivery: its headers and its raw body bytes as received.
    /// No time is checked (see the type's documentation).
    ///
    /// The RSA arithmetic allocates (the `rsa` crate works on heap
    /// integers); the rest does not.
    ///
    /// # Errors
    ///
    /// - [`VerifyError::Header`] when `PAYPAL-TRANSMISSION-ID`,
    ///   `PAYPAL-TRANSMISSION-TIME`, `PAYPAL-TRANSMISSION-SIG` or
    ///   `PAYPAL-AUTH-ALGO` is missing or repeated.
    /// - [`VerifyError::Malformed`] on `PAYPAL-AUTH-ALGO`:
    ///   [`SignatureError::UnsupportedAlgorithm`] for anything but
    ///   `SHA256withRSA` (in any case).
    /// - [`VerifyError::Malformed`] on `PAYPAL-TRANSMISSION-SIG`: empty,
    ///   not base64, or not as many bytes as the key's modulus
    ///   ([`SignatureError::DecodedLength`]).
    /// - [`VerifyError::Mismatch`]: the signature is not the certificate
    ///   key's over this request and webhook id.
    pub fn verify<H: Headers + ?Sized>(&self, headers: &H, body: &[u8]) -> Result<(), VerifyError> {
        let id = Self::TRANSMISSION_ID.one(headers)?;
        let time = Self::TRANSMISSION_TIME.one(headers)?;
        let value = Self::TRANSMISSION_SIG.one(headers)?;
        let algorithm = Self::AUTH_ALGO.one(headers)?;
        if !algorithm.eq_ignore_ascii_case(SHA256_WITH_RSA.as_bytes()) {
            return Err(VerifyError::Malformed {
                header: Self::AUTH_ALGO,
                reason: SignatureError::UnsupportedAlgorithm {
                    algorithm: AlgorithmName::new(algorithm),
                    supported: SHA256_WITH_RSA,
                },
            });
        }
        let malformed = |reason| VerifyError::Malformed {
            header: Self::TRANSMISSION_SIG,
            reason,
        };
        let mut buf = [0u8; MAX_SIGNATURE_LEN];
        let bytes = variable_signature::decode(value, &mut buf).map_err(malformed)?;
        if bytes.len() != self.size {
            return Err(malformed(SignatureError::DecodedLength {
                found: bytes.len(),
                expected: self.size,
            }));
        }
        let signature = Signature::try_from(bytes).map_err(|_| VerifyError::Mismatch)?;
        let mut crc = itoa::Buffer::new();
        let digest = Sha256::new()
            .chain_update(id)
            .chain_update(b"|")
            .chain_update(time)
            .chain_update(b"|")
            .chain_update(self.webhook_id.as_bytes())
            .chain_update(b"|")
            .chain_update(crc.format(crc32fast::hash(body)).as_bytes())
            .finalize();
        self.key
            .verify_prehash(&digest, &signature)
            .map_err(|_| VerifyError::Mismatch)
    }
}

/// Why [`PayPal::certificate_url`] gave no URL to fetch.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CertificateUrlError {
    /// The header is missing, repeated or not visible ASCII.
    #[error(transparent)]
    Header(#[from] HeaderError),
    /// The URL is not on PayPal's hosts: fetching it would prove nothing.
    #[error(transparent)]
    NotPayPal(#[from] KeyError),
}

fn check_webhook_id(id: &str) -> Result<(), KeyError> {
    if id.is_empty() {
        return Err(KeyError::WebhookId { reason: "is empty" });
    }
    if !id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(KeyError::WebhookId {
            reason: "has a byte that is not an ASCII letter or digit",
        });
    }
    Ok(())
}

impl fmt::Debug for PayPal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PayPal")
            .field("webhook_id", &self.webhook_id)
            .field("key_bits", &(self.size * 8))
            .finish()
    }
}

#[cfg(test)]
mod tests;
