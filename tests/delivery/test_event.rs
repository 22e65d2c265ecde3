//! PulseLABS's `webhook.test`, built for an endpoint.

use hooksig::Platform;
use hooksig::delivery::{Delivery, Endpoint, Secret, Subscriptions};
use hooksig::event::{Envelope, debate};

use super::at;

#[test]
fn webhook_test_is_a_signed_pulselabs_event() {
    let endpoint = Endpoint::new(
        "https://customer.example/hooks/pulselabs",
        Subscriptions::parse(["debate.synthesized"]).unwrap(),
    )
    .unwrap()
    .with_secret(Secret::new("whsec-test").unwrap());
    let test = Delivery::webhook_test(
        "0b5cf4c2-8a64-4f04-9c64-6a4c1d0d3f8e".parse().unwrap(),
        "wh_123",
        "Test from the dashboard",
        at(0),
    )
    .unwrap();
    assert_eq!(test.event(), "webhook.test");

    let decoded = debate::Event::decode(test.body()).unwrap();
    let debate::Data::WebhookTest(data) = &decoded.data else {
        panic!("not a webhook.test: {decoded:?}");
    };
    assert_eq!(data.webhook_id, "wh_123");
    assert_eq!(data.message, "Test from the dashboard");
    assert_eq!(data.timestamp.as_str(), "2023-11-14T22:13:20.000Z");

    let signer = endpoint.signer(Platform::PULSELABS).unwrap();
    let request = test
        .request(Platform::PULSELABS, &endpoint, signer.as_ref())
        .unwrap();
    assert_eq!(request.headers()["x-pulselabs-event"], "webhook.test");
    assert_eq!(
        request.headers()["x-pulselabs-delivery"],
        "0b5cf4c2-8a64-4f04-9c64-6a4c1d0d3f8e"
    );
    let verifier = Platform::PULSELABS.verifier("whsec-test").unwrap();
    assert_eq!(verifier.verify_request(&request, at(0)), Ok(()));
}
