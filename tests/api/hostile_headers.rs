//! No header value makes verification panic or pass: each gets its typed
//! error.

use hooksig::{Encoding, Header, Platform, SignatureError, Verifier, VerifyError};
use http::{HeaderMap, HeaderValue};
use jiff::Timestamp;

const BODY: &[u8] = b"{}";

fn verifier() -> Verifier {
    Platform::CORTEX.verifier("secret").unwrap()
}

/// The bare value check: the value under Cortex's signature header, given
/// as a `(name, value)` pair, so any bytes at all can be tried. Cortex is a
/// lenient hex platform, so both hex forms are read.
fn verify(value: &[u8]) -> Result<(), VerifyError> {
    // A body-only scheme ignores `now`.
    verifier().verify(
        &[("X-Cortex-Signature", value)],
        BODY,
        Timestamp::UNIX_EPOCH,
    )
}

fn signature_header() -> Header {
    Platform::CORTEX.signature_header().clone()
}

fn malformed(reason: SignatureError) -> Result<(), VerifyError> {
    Err(VerifyError::Malformed {
        header: signature_header(),
        reason,
    })
}

#[test]
fn each_bad_value_gets_its_error() {
    let hex64 = "ab".repeat(32);
    let cases: Vec<(Vec<u8>, Result<(), VerifyError>)> = vec![
        (b"".to_vec(), malformed(SignatureError::Empty)),
        (
            hex64[..63].into(),
            malformed(SignatureError::Length {
                encoding: Encoding::Hex,
                found: 63,
                expected: 64,
            }),
        ),
        (
            format!("{hex64}a").into(),
            malformed(SignatureError::Length {
                encoding: Encoding::Hex,
                found: 65,
                expected: 64,
            }),
        ),
        (
            format!("sha256={}", &hex64[..63]).into(),
            malformed(SignatureError::Length {
                encoding: Encoding::Sha256Hex,
                found: 63,
                expected: 64,
            }),
        ),
        (
            "é".repeat(32).into(),
            malformed(SignatureError::InvalidCharacter {
                encoding: Encoding::Hex,
                offset: 0,
            }),
        ),
        (
            vec![0xff; 64],
            malformed(SignatureError::InvalidCharacter {
                encoding: Encoding::Hex,
                offset: 0,
            }),
        ),
        (
            b"sha256=".to_vec(),
            malformed(SignatureError::NoDigits {
                encoding: Encoding::Sha256Hex,
            }),
        ),
        (
            b"sha256".to_vec(),
            malformed(SignatureError::InvalidCharacter {
                encoding: Encoding::Hex,
                offset: 0,
            }),
        ),
        (
            vec![b'a'; 10 * 1024],
            malformed(SignatureError::Length {
                encoding: Encoding::Hex,
                found: 10 * 1024,
                expected: 64,
            }),
        ),
        (hex64.clone().into(), Err(VerifyError::Mismatch)),
        (format!("sha256={hex64}").into(), Err(VerifyError::Mismatch)),
    ];
    for (value, expected) in cases {
        assert_eq!(
            verify(&value),
            expected,
            "{:?}",
            String::from_utf8_lossy(&value)
        );
    }
}

#[test]
fn other_algorithms_are_named_as_unsupported() {
    let value = format!("sha1={}", "ab".repeat(20));
    let error = verify(value.as_bytes()).unwrap_err();
    // The message now names the header the value came from.
    assert_eq!(
        error.to_string(),
        "header X-Cortex-Signature: sha1 is not supported, only sha256"
    );
    for nameless in [&b"="[..], b"=ab", b"\xff=ab", b"v1,dGVzdA=="] {
        let error = verify(nameless).unwrap_err();
        assert_eq!(
            error.to_string(),
            "header X-Cortex-Signature: an unnamed algorithm is not supported, only sha256"
        );
    }
}

#[test]
fn every_single_byte_value_and_every_length_is_handled() {
    for byte in 0..=u8::MAX {
        assert!(verify(&[byte]).is_err());
        for len in [63usize, 64, 65, 71, 72] {
            assert!(verify(&vec![byte; len]).is_err(), "{byte:#04x} x {len}");
        }
    }
}

#[test]
fn hostile_values_through_a_header_map() {
    let verifier = verifier();
    let values: [&[u8]; 5] = [
        b"",
        b"sha256=",
        b"\x80\x81",
        &[b'f'; 10 * 1024],
        b"\tsha1=00 ",
    ];
    for value in values {
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-cortex-signature",
            HeaderValue::from_bytes(value).unwrap(),
        );
        let error = verifier
            .verify(&headers, BODY, Timestamp::UNIX_EPOCH)
            .unwrap_err();
        assert!(
            matches!(&error, VerifyError::Malformed { header, .. } if header.as_str() == "X-Cortex-Signature"),
            "{error}"
        );
        assert!(error.to_string().starts_with("header X-Cortex-Signature: "));
        // Messages stay short whatever the header's size.
        assert!(error.to_string().len() < 120, "{error}");
    }
}
