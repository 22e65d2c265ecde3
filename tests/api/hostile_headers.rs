//! No header value makes verification panic or pass: each gets its typed
//! error.

use hooksig::{Encoding, Platform, SignatureError, Verifier, VerifyError};
use http::{HeaderMap, HeaderValue};

const BODY: &[u8] = b"{}";

fn verify(value: &[u8]) -> Result<(), VerifyError> {
    Verifier::new("secret").unwrap().verify(BODY, value)
}

fn malformed(source: SignatureError) -> Result<(), VerifyError> {
    Err(VerifyError::Malformed {
        header: None,
        source,
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
    assert_eq!(error.to_string(), "sha1 is not supported, only sha256");
    for nameless in [&b"="[..], b"=ab", b"\xff=ab", b"v1,dGVzdA=="] {
        let error = verify(nameless).unwrap_err();
        assert_eq!(
            error.to_string(),
            "an unnamed algorithm is not supported, only sha256"
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
    let verifier = Verifier::new("secret").unwrap();
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
            .verify_headers(&Platform::CORTEX, &headers, BODY)
            .unwrap_err();
        assert!(
            matches!(&error, VerifyError::Malformed { header: Some(h), .. } if h.as_str() == "X-Cortex-Signature"),
            "{error}"
        );
        assert!(error.to_string().starts_with("header X-Cortex-Signature: "));
        // Messages stay short whatever the header's size.
        assert!(error.to_string().len() < 120, "{error}");
    }
}
