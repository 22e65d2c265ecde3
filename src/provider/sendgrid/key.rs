//! SendGrid's verification key: the base64 of an ECDSA P-256 public key in
//! its DER SubjectPublicKeyInfo, as the SendGrid app shows it.

use alloc::vec;

use p256::{
    NistP256,
    ecdsa::VerifyingKey,
    elliptic_curve::ALGORITHM_OID as EC_PUBLIC_KEY,
    pkcs8::{AssociatedOid, ObjectIdentifier, spki::SubjectPublicKeyInfoRef},
};

use crate::{KeyError, codec::base64};

const EXPECTED: &str = "an ECDSA P-256 public key";
/// rsaEncryption, for an error that names the commonest wrong key.
const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
/// id-Ed25519.
const ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");

/// Reads the verification key's text: base64 (blanks and line breaks at
/// either end ignored, as a key pasted from a page often has them), then
/// DER.
pub(super) fn read(text: &[u8]) -> Result<VerifyingKey, KeyError> {
    let start = text
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(text.len());
    let end = text
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |i| i + 1);
    let trimmed = text.get(start..end).unwrap_or_default();
    if trimmed.is_empty() {
        return Err(KeyError::PublicKeyNotBase64 { offset: start });
    }
    let mut der = vec![0u8; base64::max_decoded_len(trimmed.len())];
    let len = base64::decode(trimmed, &mut der).map_err(|offset| KeyError::PublicKeyNotBase64 {
        offset: start + offset,
    })?;
    from_der(der.get(..len).unwrap_or_default())
}

/// Reads a DER SubjectPublicKeyInfo as a P-256 key, saying which other kind
/// of key it is when it is not one.
pub(super) fn from_der(der: &[u8]) -> Result<VerifyingKey, KeyError> {
    let spki = SubjectPublicKeyInfoRef::try_from(der).map_err(|_| KeyError::NotDer {
        what: "verification key (a DER SubjectPublicKeyInfo)",
    })?;
    let algorithm = spki.algorithm.oid;
    if algorithm != EC_PUBLIC_KEY {
        return Err(KeyError::WrongKeyType {
            expected: EXPECTED,
            found: match algorithm {
                RSA_ENCRYPTION => "an RSA public key",
                ED25519 => "an Ed25519 public key",
                _ => "a public key of another algorithm",
            },
        });
    }
    match spki.algorithm.parameters_oid() {
        Ok(curve) if curve == NistP256::OID => {}
        _ => {
            return Err(KeyError::WrongKeyType {
                expected: EXPECTED,
                found: "an elliptic-curve public key on another curve",
            });
        }
    }
    let invalid = KeyError::InvalidPublicKey {
        kind: "P-256 public key (its point is not on the curve)",
    };
    let point = spki.subject_public_key.as_bytes().ok_or(invalid.clone())?;
    VerifyingKey::from_sec1_bytes(point).map_err(|_| invalid)
}
