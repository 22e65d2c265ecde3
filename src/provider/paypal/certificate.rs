//! PayPal's certificate, as the caller fetched it from `PAYPAL-CERT-URL`:
//! PEM (the first certificate of the chain PayPal serves) or DER, down to
//! the RSA public key of its SubjectPublicKeyInfo. `x509-cert` and `der`
//! read the ASN.1; nothing here checks the chain, the dates or the names.

use rsa::PublicKey;
use x509_cert::{
    Certificate,
    der::{Decode, pem, referenced::OwnedToRef},
    spki::ObjectIdentifier,
};

use crate::KeyError;

const BEGIN: &[u8] = b"-----BEGIN CERTIFICATE-----";
const END: &[u8] = b"-----END CERTIFICATE-----";
const EXPECTED: &str = "an RSA public key";
const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");

/// The RSA key of the first certificate in `text`: PayPal's URL serves the
/// signing certificate first, then its issuers, and its SDKs take the first.
pub(super) fn from_pem(text: &[u8]) -> Result<PublicKey, KeyError> {
    let begin = find(text, BEGIN).ok_or(KeyError::NotPem {
        reason: "no -----BEGIN CERTIFICATE----- line",
    })?;
    let block = text.get(begin..).unwrap_or_default();
    let end = find(block, END).ok_or(KeyError::NotPem {
        reason: "no -----END CERTIFICATE----- line after its -----BEGIN CERTIFICATE-----",
    })?;
    let block = block.get(..end + END.len()).unwrap_or_default();
    let (_, der) = pem::decode_vec(block).map_err(|_| KeyError::NotPem {
        reason: "the first certificate's base64 or line breaks are broken",
    })?;
    from_der(&der)
}

/// The RSA key of a certificate in DER.
pub(super) fn from_der(der: &[u8]) -> Result<PublicKey, KeyError> {
    let certificate = Certificate::from_der(der).map_err(|_| KeyError::NotDer {
        what: "certificate (X.509)",
    })?;
    let spki = certificate.tbs_certificate().subject_public_key_info();
    match spki.algorithm.oid {
        RSA_ENCRYPTION => {}
        EC_PUBLIC_KEY => {
            return Err(KeyError::WrongKeyType {
                expected: EXPECTED,
                found: "an elliptic-curve public key",
            });
        }
        _ => {
            return Err(KeyError::WrongKeyType {
                expected: EXPECTED,
                found: "a public key of another algorithm",
            });
        }
    }
    PublicKey::try_from(spki.owned_to_ref()).map_err(|_| KeyError::InvalidPublicKey {
        kind: "RSA public key (a modulus of 1024 to 8192 bits, an odd exponent)",
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}
