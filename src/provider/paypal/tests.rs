use super::*;

#[test]
fn webhook_ids_are_letters_and_digits() {
    assert_eq!(check_webhook_id("1JE4291016473214C"), Ok(()));
    assert_eq!(
        check_webhook_id(""),
        Err(KeyError::WebhookId { reason: "is empty" })
    );
    assert!(check_webhook_id("1JE4|291016473214C").is_err());
    assert!(check_webhook_id("1JE4 29").is_err());
}

#[test]
fn certificates_that_are_not_say_why() {
    assert!(matches!(
        PayPal::new("WH1", "not a certificate"),
        Err(KeyError::NotPem { .. })
    ));
    assert!(matches!(
        PayPal::new("WH1", "-----BEGIN CERTIFICATE-----\nAAAA\n"),
        Err(KeyError::NotPem { .. })
    ));
    assert!(matches!(
        PayPal::new(
            "WH1",
            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"
        ),
        Err(KeyError::NotDer { .. })
    ));
    assert!(matches!(
        PayPal::from_certificate_der("WH1", &[0x30, 0x03, 0x02, 0x01, 0x01]),
        Err(KeyError::NotDer { .. })
    ));
    assert!(matches!(
        PayPal::new("", "irrelevant"),
        Err(KeyError::WebhookId { .. })
    ));
}

#[test]
fn the_certificate_url_is_read_and_checked() {
    let url =
        "https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77";
    assert_eq!(
        PayPal::certificate_url(&[("Paypal-Cert-Url", url)]),
        Ok(url)
    );
    assert!(matches!(
        PayPal::certificate_url(&[("Paypal-Cert-Url", "https://evil.example/cert")]),
        Err(CertificateUrlError::NotPayPal(
            KeyError::NotPayPalCertificateUrl { .. }
        ))
    ));
    let none: [(&str, &str); 0] = [];
    assert!(matches!(
        PayPal::certificate_url(&none),
        Err(CertificateUrlError::Header(HeaderError::Missing { .. }))
    ));
}
