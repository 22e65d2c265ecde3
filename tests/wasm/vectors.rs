//! RFC 4231, Wycheproof, GitHub and the timestamped schemes' published
//! vectors, from `tests/vectors/` (the files tests/api reads).

use hooksig::{Encoding, KeyError, Platform, Signer, SigningKey, VerifyError};
use hooksig_wasm_tests::load;
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

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Wycheproof {
    number_of_tests: usize,
    test_groups: Vec<WycheproofGroup>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WycheproofGroup {
    tag_size: usize,
    tests: Vec<WycheproofCase>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WycheproofCase {
    tc_id: u32,
    key: String,
    msg: String,
    tag: String,
    result: String,
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

#[derive(Deserialize)]
struct Timestamped {
    standard_webhooks: Group<SwCase>,
    slack: Group<SlackCase>,
}

#[derive(Deserialize)]
struct Group<T> {
    cases: Vec<T>,
}

#[derive(Deserialize)]
struct SwCase {
    secret: String,
    id: String,
    timestamp: i64,
    body: String,
    signature: String,
}

#[derive(Deserialize)]
struct SlackCase {
    secret: String,
    timestamp: i64,
    body: String,
    signature: String,
}

fn at(second: i64) -> Timestamp {
    Timestamp::from_second(second).unwrap()
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
            let verifier = Platform::EMULUXE.verifier(&key).unwrap();
            let headers = [("X-Emuluxe-Signature", case.mac.as_str())];
            assert_eq!(
                verifier.verify(&headers, &data, Timestamp::UNIX_EPOCH),
                Ok(())
            );
            let wrong = [("X-Emuluxe-Signature", case.mac.replace(&case.mac[..1], "f"))];
            if wrong[0].1 != case.mac {
                assert_eq!(
                    verifier.verify(&wrong, &data, Timestamp::UNIX_EPOCH),
                    Err(VerifyError::Mismatch)
                );
            }
        }
    }
}

#[test]
fn wycheproof_hmac_sha256() {
    let vectors: Wycheproof = load("wycheproof_hmac_sha256.json");
    let (mut run, mut valid, mut invalid) = (0, 0, 0);
    for group in &vectors.test_groups {
        assert!(group.tag_size % 8 == 0 && group.tag_size <= 256);
        let tag_len = group.tag_size / 8;
        for case in &group.tests {
            run += 1;
            let key = hex::decode(&case.key).unwrap();
            let msg = hex::decode(&case.msg).unwrap();
            let tag = hex::decode(&case.tag).unwrap();
            if key.is_empty() {
                assert_eq!(SigningKey::new(&key).err(), Some(KeyError::EmptySecret));
                continue;
            }
            let signature = SigningKey::new(&key).unwrap().sign(&msg);
            let computed = &signature.as_bytes()[..tag_len];
            match case.result.as_str() {
                "valid" => {
                    assert_eq!(computed, tag.as_slice(), "tcId {}", case.tc_id);
                    valid += 1;
                }
                "invalid" => {
                    assert_ne!(computed, tag.as_slice(), "tcId {}", case.tc_id);
                    invalid += 1;
                }
                other => panic!("tcId {}: result {other}", case.tc_id),
            }
        }
    }
    assert_eq!(run, vectors.number_of_tests);
    assert_eq!((valid, invalid), (66, 108));
}

#[test]
fn github_published_examples() {
    let vectors: GitHub = load("github.json");
    assert!(!vectors.cases.is_empty());
    for case in vectors.cases {
        let signer = Platform::GITHUB.signer(&case.secret).unwrap();
        let value = signer
            .sign(case.body.as_bytes())
            .unwrap()
            .to_value(Encoding::Sha256Hex);
        assert_eq!(value.to_string(), case.header, "{}", case.name);
        let verifier = Platform::GITHUB.strict().verifier(&case.secret).unwrap();
        let headers = vec![("X-Hub-Signature-256".to_owned(), case.header.clone())];
        let body = case.body.as_bytes();
        assert_eq!(
            verifier.verify(&headers, body, Timestamp::UNIX_EPOCH),
            Ok(())
        );
        assert_eq!(
            verifier.verify_value(&case.header, body, Timestamp::UNIX_EPOCH),
            Ok(())
        );
        let tampered = [body, b" "].concat();
        assert_eq!(
            verifier.verify(&headers, &tampered, Timestamp::UNIX_EPOCH),
            Err(VerifyError::Mismatch),
            "{}",
            case.name
        );
    }
}

#[test]
fn standard_webhooks_published_vectors() {
    let cases = load::<Timestamped>("timestamped.json")
        .standard_webhooks
        .cases;
    assert!(!cases.is_empty());
    for case in cases {
        let ts = case.timestamp.to_string();
        // Signing by hand, as a no_std sender does: `id.timestamp.body`.
        let key = Platform::STANDARD_WEBHOOKS.key(&case.secret).unwrap();
        let parts: [&[u8]; 5] = [
            case.id.as_bytes(),
            b".",
            ts.as_bytes(),
            b".",
            case.body.as_bytes(),
        ];
        let signed = format!("v1,{}", key.sign_parts(&parts).to_value(Encoding::Base64));
        assert_eq!(signed, case.signature);

        let headers = [
            ("webhook-id", case.id.as_str()),
            ("webhook-timestamp", ts.as_str()),
            ("webhook-signature", case.signature.as_str()),
        ];
        let unpadded = case.secret.trim_end_matches('=');
        for secret in [case.secret.as_str(), unpadded] {
            let verifier = Platform::STANDARD_WEBHOOKS.verifier(secret).unwrap();
            let body = case.body.as_bytes();
            assert_eq!(
                verifier.verify(&headers, body, at(case.timestamp + 10)),
                Ok(())
            );
            assert!(matches!(
                verifier.verify(&headers, body, at(case.timestamp + 301)),
                Err(VerifyError::Stale(_))
            ));
        }
    }
}

#[test]
fn slack_published_vectors() {
    let cases = load::<Timestamped>("timestamped.json").slack.cases;
    assert!(!cases.is_empty());
    for case in cases {
        let ts = case.timestamp.to_string();
        let key = Platform::SLACK.key(&case.secret).unwrap();
        let parts: [&[u8]; 4] = [b"v0:", ts.as_bytes(), b":", case.body.as_bytes()];
        assert_eq!(format!("v0={}", key.sign_parts(&parts)), case.signature);

        let headers = [
            ("X-Slack-Signature", case.signature.as_str()),
            ("X-Slack-Request-Timestamp", ts.as_str()),
        ];
        let verifier = Platform::SLACK.verifier(&case.secret).unwrap();
        let body = case.body.as_bytes();
        assert_eq!(
            verifier.verify(&headers, body, at(case.timestamp + 60)),
            Ok(())
        );
        let v1 = case.signature.replace("v0=", "v1=");
        let error = verifier
            .verify(
                &[
                    ("X-Slack-Signature", v1.as_str()),
                    ("X-Slack-Request-Timestamp", &ts),
                ],
                body,
                at(case.timestamp + 60),
            )
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "header X-Slack-Signature: v1 is not supported, only v0"
        );
    }
}
