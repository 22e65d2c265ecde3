//! The HMAC providers of `hooksig::provider` verify without touching the
//! heap: Twilio's form fields sorted on the stack, HubSpot's URI decoded
//! into the MAC, Mailgun's body fields read in place.

use std::hint::black_box;

#[cfg(feature = "sha512")]
use hooksig::provider::Paystack;
use hooksig::provider::{HubSpot, Mailgun, Square};
#[cfg(feature = "sha1")]
use hooksig::provider::{Intercom, Twilio};
use http::{HeaderMap, HeaderValue};
use jiff::Timestamp;

use crate::allocations;

const SECRET: &str = "allocation-test-secret";

fn map(pairs: &[(&'static str, &str)]) -> HeaderMap {
    let mut headers = HeaderMap::new();
    for (name, value) in pairs {
        headers.append(*name, HeaderValue::from_str(value).unwrap());
    }
    headers
}

/// Runs `verify` with nothing counted but what it allocates, and checks it
/// passed, so that a refusal (which may allocate its error) is not what was
/// measured.
fn none<E: std::fmt::Debug>(what: &str, verify: impl FnOnce() -> Result<(), E>) {
    let mut result = None;
    let count = allocations(|| result = Some(black_box(verify())));
    result.unwrap().unwrap();
    assert_eq!(count, 0, "{what}");
}

#[cfg(feature = "sha1")]
#[test]
fn twilio_form_and_json_bodies() {
    let twilio = Twilio::new(SECRET).unwrap();
    let url = "https://example.com:8443/sms?x=1";
    // A full-size SMS webhook, with escapes and a repeated field, and the
    // most fields the verifier reads.
    let sms = "ToCountry=US&ToState=CA&SmsMessageSid=SM1&NumMedia=0&ToCity=&FromZip=94105\
               &SmsSid=SM1&FromState=CA&SmsStatus=received&FromCity=SAN+FRANCISCO\
               &Body=Hello+%F0%9F%98%80+world%21&FromCountry=US&To=%2B15005550006\
               &ToZip=&NumSegments=1&MessageSid=SM1&AccountSid=AC1&From=%2B14155551212\
               &ApiVersion=2010-04-01&Body=Hello+%F0%9F%98%80+world%21";
    let full = vec!["Digits=1"; Twilio::MAX_FIELDS].join("&");
    for body in [sms.as_bytes(), full.as_bytes(), b""] {
        let signature = twilio.sign(url, body).unwrap();
        let headers = map(&[("x-twilio-signature", signature.as_str())]);
        none("twilio form", || twilio.verify(url, &headers, body));
    }
    let json = br#"{"status":"delivered"}"#;
    let json_url = format!("{url}&bodySHA256={}", Twilio::body_sha256(json));
    let signature = twilio.sign(&json_url, json).unwrap();
    let headers = map(&[("x-twilio-signature", signature.as_str())]);
    none("twilio json", || twilio.verify(&json_url, &headers, json));
}

#[test]
fn square_hubspot_and_mailgun() {
    let url = "https://example.com/hooks?a=%3A%2Fb";
    let body = vec![b'x'; 10 * 1024];
    let square = Square::new(SECRET).unwrap();
    let signature = square.sign(url, &body);
    let headers = map(&[("x-square-hmacsha256-signature", signature.as_str())]);
    none("square", || square.verify(url, &headers, &body));

    let hubspot = HubSpot::new(SECRET).unwrap();
    let now = Timestamp::from_millisecond(1_700_000_000_000).unwrap();
    let signed = hubspot.sign("POST", url, &body, now).unwrap();
    let headers = map(&[
        ("x-hubspot-signature-v3", signed.signature.as_str()),
        ("x-hubspot-request-timestamp", signed.timestamp.as_str()),
    ]);
    none("hubspot", || {
        hubspot.verify("POST", url, &headers, &body, now)
    });

    let mailgun = Mailgun::new(SECRET).unwrap();
    let sent = Timestamp::from_second(1_700_000_000).unwrap();
    let token = "a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0";
    let signature = mailgun.sign(sent, token);
    let payload = format!(
        r#"{{"event-data":{{"event":"delivered","message":{{"headers":{{"subject":"a \"quoted\" \u00e9 subject"}}}},"tags":[1,2.5,null,true]}},"signature":{{"timestamp":"1700000000","token":"{token}","signature":"{signature}"}}}}"#
    );
    none("mailgun", || {
        mailgun
            .verify(payload.as_bytes(), sent)
            .map(|verified| assert_eq!(verified, token))
    });
}

#[cfg(all(feature = "sha1", feature = "sha512"))]
#[test]
fn intercom_and_paystack() {
    let body = vec![b'{'; 4096];
    let intercom = Intercom::new(SECRET).unwrap();
    let signature = intercom.sign(&body);
    let headers = map(&[("x-hub-signature", signature.as_str())]);
    none("intercom", || intercom.verify(&headers, &body));
    let paystack = Paystack::new(SECRET).unwrap();
    let signature = paystack.sign(&body);
    let headers = map(&[("x-paystack-signature", signature.as_str())]);
    none("paystack", || paystack.verify(&headers, &body));
}
