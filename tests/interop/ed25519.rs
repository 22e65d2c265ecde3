//! Ed25519 interop, both ways, with Python's `cryptography` and Node's
//! `crypto` (tests/interop/ed25519.py, ed25519.mjs): Standard Webhooks
//! `v1a` and Discord signatures on random keys, ids, timestamps and
//! bodies. Each program builds the signed content itself; public keys
//! travel raw and as SPKI DER, as each program exports them.

use std::path::Path;

use hooksig::{KeyPair, Platform, SecretFormat, Signer, VerifyError};
use http::{HeaderMap, HeaderValue, Request};
use jiff::Timestamp;
use proptest::{
    collection::vec, prelude::any, strategy::Strategy, strategy::ValueTree, test_runner::TestRunner,
};
use serde_json::{Value, json};

use super::{interop, run, write_json};

const PROGRAMS: [(&str, &str); 2] = [("python3", "ed25519.py"), ("node", "ed25519.mjs")];

/// One delivery: a random seed, id, timestamp and body.
struct Case {
    seed: [u8; 32],
    id: String,
    ts: i64,
    body: Vec<u8>,
}

/// Random cases, the same from run to run, at bodies around SHA-512's
/// 128-byte block (Ed25519 hashes the content twice), empty, and 70 KB.
fn cases() -> Vec<Case> {
    let mut runner = TestRunner::deterministic();
    let body_lens = [0, 1, 63, 64, 111, 112, 127, 128, 129, 1000, 70 * 1024];
    body_lens
        .into_iter()
        .map(|len| {
            let seed = any::<[u8; 32]>()
                .prop_filter("not all zero", |seed| seed.iter().any(|&b| b != 0))
                .new_tree(&mut runner)
                .unwrap()
                .current();
            let body = vec(any::<u8>(), len)
                .new_tree(&mut runner)
                .unwrap()
                .current();
            let id = "[a-zA-Z0-9_]{1,32}"
                .new_tree(&mut runner)
                .unwrap()
                .current();
            let ts = (0..4_000_000_000i64)
                .new_tree(&mut runner)
                .unwrap()
                .current();
            Case { seed, id, ts, body }
        })
        .collect()
}

fn at(second: i64) -> Timestamp {
    Timestamp::from_second(second).unwrap()
}

fn as_json(case: &Case) -> Value {
    json!({
        "seed": hex::encode(case.seed),
        "id": case.id,
        "ts": case.ts,
        "body": hex::encode(&case.body),
    })
}

fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
    pairs
        .iter()
        .map(|(name, value)| {
            (
                http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                HeaderValue::from_str(value).unwrap(),
            )
        })
        .collect()
}

#[test]
#[ignore = "needs node and python3 (with cryptography): run by .ci/run"]
fn python_and_node_ed25519_signatures_verify_in_the_crate() {
    let cases = cases();
    let file = write_json(
        "ed25519-sign.json",
        &cases.iter().map(as_json).collect::<Vec<_>>().into(),
    );
    let sw = Platform::STANDARD_WEBHOOKS;
    for (program, script) in PROGRAMS {
        let signed = run(program, &[&interop(script), Path::new("sign"), &file], &[]);
        let signed = signed.as_array().unwrap();
        assert_eq!(signed.len(), cases.len());
        for (case, theirs) in cases.iter().zip(signed) {
            let name = format!("{program}: {}-byte body", case.body.len());
            let field = |key: &str| theirs[key].as_str().unwrap().to_owned();
            // Their public key, in each form, is the crate's for the seed.
            let pair = KeyPair::from_seed(&case.seed).unwrap();
            let whpk = format!("whpk_{}", field("public_raw"));
            let spki = format!("whpk_{}", field("public_spki"));
            assert_eq!(pair.public_key().to_standard_webhooks(), whpk, "{name}");
            assert_eq!(sw.public_key(&spki), Ok(pair.public_key()), "{name}");
            // Ed25519 is deterministic: the crate writes the same text.
            let ours = sw
                .sign(
                    &Signer::from_key_pair(pair.clone()),
                    &case.body,
                    Some(&case.id),
                    Some(at(case.ts)),
                )
                .unwrap();
            assert_eq!(ours.signature(), field("v1a").as_str(), "{name}");

            let ts = case.ts.to_string();
            let received = headers(&[
                ("webhook-id", &case.id),
                ("webhook-timestamp", &ts),
                ("webhook-signature", &field("v1a")),
            ]);
            for key in [&whpk, &spki] {
                let verifier = sw.verifier(key).unwrap();
                assert_eq!(
                    verifier.verify(&received, &case.body, at(case.ts)),
                    Ok(()),
                    "{name}, {key}"
                );
                let mut tampered = case.body.clone();
                tampered.push(b'\n');
                assert_eq!(
                    verifier.verify(&received, &tampered, at(case.ts)),
                    Err(VerifyError::Mismatch),
                    "{name}"
                );
            }

            let discord = Platform::DISCORD.verifier(field("public_hex")).unwrap();
            let received = headers(&[
                ("x-signature-ed25519", &field("discord")),
                ("x-signature-timestamp", &ts),
            ]);
            assert_eq!(
                discord.verify(&received, &case.body, at(case.ts)),
                Ok(()),
                "{name}, Discord"
            );
            let moved = headers(&[
                ("x-signature-ed25519", &field("discord")),
                ("x-signature-timestamp", &(case.ts + 1).to_string()),
            ]);
            assert_eq!(
                discord.verify(&moved, &case.body, at(case.ts)),
                Err(VerifyError::Mismatch),
                "{name}, Discord"
            );
        }
    }
}

/// What the crate sends, and the same tampered, as the programs read it.
fn sent(case: &Case, platform: &Platform, signer: &Signer) -> Request<Vec<u8>> {
    platform
        .request("https://receiver.example/hooks")
        .delivery_id(&case.id)
        .timestamp(at(case.ts))
        .sign_with(signer)
        .body(case.body.clone())
        .unwrap()
}

#[test]
#[ignore = "needs node and python3 (with cryptography): run by .ci/run"]
fn the_crates_ed25519_signatures_verify_in_python_and_node() {
    let cases = cases();
    let mut requests = Vec::new();
    let mut expected = Vec::new();
    for (index, case) in cases.iter().enumerate() {
        // A whsk_ key, as Svix writes it (seed and public key), read back.
        let pair = KeyPair::from_seed(&case.seed).unwrap();
        let whsk = {
            use base64::Engine;
            let bytes = [case.seed.as_slice(), pair.public_key().as_bytes()].concat();
            format!(
                "whsk_{}",
                base64::engine::general_purpose::STANDARD.encode(bytes)
            )
        };
        let signer = Platform::STANDARD_WEBHOOKS.signer(&whsk).unwrap();
        let standard = sent(case, Platform::STANDARD_WEBHOOKS, &signer);
        let discord = sent(
            case,
            Platform::DISCORD,
            &Signer::from_key_pair(pair.clone()),
        );
        let v1a = standard.headers()["webhook-signature"].to_str().unwrap();
        let hex = discord.headers()["x-signature-ed25519"].to_str().unwrap();
        let public = hex::encode(pair.public_key().as_bytes());
        let mut request = json!({
            "id": case.id, "ts": case.ts, "body": hex::encode(&case.body),
            "v1a": v1a, "discord": hex,
        });
        // Half the cases hand over the public key as SPKI DER.
        if index % 2 == 0 {
            request["public"] = json!(public);
        } else {
            let spki = [
                hex::decode("302a300506032b6570032100").unwrap(),
                pair.public_key().as_bytes().to_vec(),
            ]
            .concat();
            use base64::Engine;
            request["public_spki"] = json!(base64::engine::general_purpose::STANDARD.encode(spki));
        }
        requests.push(request.clone());
        expected.push(json!({ "v1a": true, "discord": true }));
        // Tampered: the body, the id, the timestamp; and another key's.
        let mut body = request.clone();
        let mut tampered = case.body.clone();
        tampered.push(0);
        body["body"] = json!(hex::encode(tampered));
        requests.push(body);
        expected.push(json!({ "v1a": false, "discord": false }));
        let mut id = request.clone();
        id["id"] = json!(format!("{}x", case.id));
        requests.push(id);
        expected.push(json!({ "v1a": false, "discord": true }));
        let mut ts = request.clone();
        ts["ts"] = json!(case.ts + 1);
        requests.push(ts);
        expected.push(json!({ "v1a": false, "discord": false }));
        let mut key = request.clone();
        let other = KeyPair::from_text(
            [case.seed[1..].to_vec(), vec![case.seed[0] ^ 1]].concat(),
            SecretFormat::Raw,
        )
        .unwrap();
        key.as_object_mut().unwrap().remove("public_spki");
        key["public"] = json!(hex::encode(other.public_key().as_bytes()));
        requests.push(key);
        expected.push(json!({ "v1a": false, "discord": false }));
    }
    let file = write_json("ed25519-verify.json", &requests.clone().into());
    for (program, script) in PROGRAMS {
        let verdicts = run(
            program,
            &[&interop(script), Path::new("verify"), &file],
            &[],
        );
        let verdicts = verdicts.as_array().unwrap();
        assert_eq!(verdicts.len(), expected.len());
        for ((verdict, wanted), request) in verdicts.iter().zip(&expected).zip(&requests) {
            assert_eq!(verdict, wanted, "{program}: {request}");
        }
    }
}
