//! Published test vectors (RFC 4231, Wycheproof, GitHub), kept as data in
//! `tests/vectors/`, run through the crate's own signer and verifier.

use hooksig::{Encoding, KeyError, Platform, Signer, SigningKey};
use jiff::Timestamp;
use serde::Deserialize;

#[derive(Deserialize)]
struct Rfc4231 {
    cases: Vec<HmacCase>,
}

#[derive(Deserialize)]
struct HmacCase {
    case: u32,
    key: String,
    data: String,
    mac: String,
}

/// Google Wycheproof's HMAC-SHA256 file, trimmed to the fields read here.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Wycheproof {
    number_of_tests: usize,
    test_groups: Vec<WycheproofGroup>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WycheproofGroup {
    /// Bits of the published tag: 256, or 128 for a truncated MAC.
    tag_size: usize,
    tests: Vec<WycheproofCase>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WycheproofCase {
    tc_id: u32,
    comment: String,
    key: String,
    msg: String,
    tag: String,
    result: WycheproofResult,
}

#[derive(Deserialize, PartialEq, Eq, Debug)]
#[serde(rename_all = "lowercase")]
enum WycheproofResult {
    Valid,
    Invalid,
}

#[derive(Deserialize)]
struct GitHub {
    cases: Vec<GitHubCase>,
}

#[derive(Deserialize)]
struct GitHubCase {
    name: String,
    secret: String,
    body: String,
    header: String,
}

fn load<T: for<'de> Deserialize<'de>>(name: &str) -> T {
    let path = format!("{}/tests/vectors/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap()
}

#[test]
fn rfc4231_hmac_sha256() {
    let vectors: Rfc4231 = load("rfc4231.json");
    assert_eq!(vectors.cases.len(), 7);
    for case in vectors.cases {
        let key = hex::decode(&case.key).unwrap();
        let data = hex::decode(&case.data).unwrap();
        let signature = Signer::from_key(SigningKey::new(&key).unwrap())
            .sign(&data)
            .unwrap()
            .to_string();
        // Case 5 publishes a MAC truncated to 128 bits.
        assert!(case.mac.len() == 64 || case.case == 5, "case {}", case.case);
        assert!(
            signature.starts_with(&case.mac),
            "case {}: {signature}",
            case.case
        );
        if case.mac.len() == 64 {
            // The MAC as a bare-hex header value (Emuluxe's form), keyed
            // with the raw key bytes; a body-only scheme ignores `now`.
            let verifier = Platform::EMULUXE.verifier(&key).unwrap();
            assert_eq!(
                verifier.verify(
                    &[("X-Emuluxe-Signature", &case.mac)],
                    &data,
                    Timestamp::UNIX_EPOCH
                ),
                Ok(())
            );
        }
    }
}

/// Every case in Wycheproof's HMAC-SHA256 file, through only the API that
/// outlives the redesign: `SigningKey::new`, `sign`, `Signature::as_bytes`.
#[test]
fn wycheproof_hmac_sha256() {
    let vectors: Wycheproof = load("wycheproof_hmac_sha256.json");
    let (mut run, mut valid, mut invalid, mut refused_empty, mut all_zero) = (0, 0, 0, 0, 0);
    for group in &vectors.test_groups {
        // Tags are whole bytes and at most one SHA-256 output.
        assert!(group.tag_size % 8 == 0 && group.tag_size <= 256);
        let tag_len = group.tag_size / 8;
        for case in &group.tests {
            run += 1;
            let id = format!("tcId {} ({})", case.tc_id, case.comment);
            let key = hex::decode(&case.key).unwrap();
            let msg = hex::decode(&case.msg).unwrap();
            let tag = hex::decode(&case.tag).unwrap();
            assert_eq!(tag.len(), tag_len, "{id}");
            if key.is_empty() {
                // HMAC allows an empty key; the crate refuses it, on purpose.
                assert_eq!(
                    SigningKey::new(&key).err(),
                    Some(KeyError::EmptySecret),
                    "{id}"
                );
                refused_empty += 1;
                continue;
            }
            // An all-zero key is HMAC-equivalent to the empty key (zero
            // padding): the crate refuses it too, with its own error.
            if key.iter().all(|&byte| byte == 0) {
                assert_eq!(
                    SigningKey::new(&key).err(),
                    Some(KeyError::AllZeroSecret),
                    "{id}"
                );
                all_zero += 1;
                continue;
            }
            let signature = SigningKey::new(&key).unwrap().sign(&msg);
            // A truncated tag is the leading bytes of the MAC.
            let computed = &signature.as_bytes()[..tag_len];
            match case.result {
                WycheproofResult::Valid => {
                    assert_eq!(computed, tag.as_slice(), "{id}");
                    valid += 1;
                }
                // A modified tag: it must differ from the MAC at this size.
                WycheproofResult::Invalid => {
                    assert_ne!(computed, tag.as_slice(), "{id}");
                    invalid += 1;
                }
            }
        }
    }
    assert_eq!(run, vectors.number_of_tests);
    // The file's make-up, so that a replaced file is noticed: it has no
    // empty and no all-zero key today (none is refused, none needs flipping).
    assert_eq!((valid, invalid, refused_empty, all_zero), (66, 108, 0, 0));
}

#[test]
fn github_published_examples() {
    let vectors: GitHub = load("github.json");
    // GitHub signs the body alone: `now` is ignored.
    let now = Timestamp::UNIX_EPOCH;
    for case in vectors.cases {
        let signer = Platform::GITHUB.signer(&case.secret).unwrap();
        let header = signer
            .sign(case.body.as_bytes())
            .unwrap()
            .to_value(Encoding::Sha256Hex);
        assert_eq!(header.to_string(), case.header, "{}", case.name);

        let verifier = Platform::GITHUB.verifier(&case.secret).unwrap();
        assert_eq!(
            verifier.verify(
                &[("X-Hub-Signature-256", &case.header)],
                case.body.as_bytes(),
                now
            ),
            Ok(()),
            "{}",
            case.name
        );
        let request = http::Request::builder()
            .header("X-Hub-Signature-256", &case.header)
            .body(case.body.clone().into_bytes())
            .unwrap();
        let strict = Platform::GITHUB.strict().verifier(&case.secret).unwrap();
        assert_eq!(strict.verify_request(&request, now), Ok(()));
    }
}
