"""Writes tests/data/providers/paypal.json: a PayPal-style delivery signed
with a throwaway RSA key and certificate made here with Python's
`cryptography`, because PayPal publishes no signed example whose
certificate and exact body bytes can be had offline. The signed content is
built as paypalrestsdk 1.13.3 builds it (WebhookEvent._get_expected_sig).
The private key is not kept. Run once; the output is committed."""

import base64, binascii, datetime, json, sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import NameOID


def certificate(key, cn):
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])
    now = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=3650))
        .sign(key, hashes.SHA256())
        .public_bytes(serialization.Encoding.PEM)
        .decode()
    )


key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
cert = certificate(key, "messageverificationcerts.sandbox.paypal.test")
issuer_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
issuer = certificate(issuer_key, "Test Issuer CA")
ec_key = ec.generate_private_key(ec.SECP256R1())
ec_cert = certificate(ec_key, "not-rsa.paypal.test")

# PayPal's documented example values (the verify-webhook-signature sample).
transmission_id = "d938e770-8046-11e6-8103-6b62a8a99ac4"
transmission_time = "2016-09-21T22:00:46Z"
webhook_id = "9XL90610J3647323C"
body = (
    '{"id":"WH-9UG43882HX7271132-6E0871324L7949614","event_version":"1.0",'
    '"create_time":"2016-09-21T22:00:45Z","resource_type":"sale",'
    '"event_type":"PAYMENT.SALE.COMPLETED","summary":"Payment completed for $ 21.0 USD"}'
)
crc = binascii.crc32(body.encode("utf-8")) & 0xFFFFFFFF
signed = transmission_id + "|" + transmission_time + "|" + webhook_id + "|" + str(crc)
signature = base64.b64encode(key.sign(signed.encode(), padding.PKCS1v15(), hashes.SHA256())).decode()

json.dump(
    {
        "source": {
            "scheme": "https://developer.paypal.com/api/rest/webhooks/rest/ (self-verification method); "
            "paypalrestsdk 1.13.3 (PyPI) paypalrestsdk/notifications.py WebhookEvent._get_expected_sig and "
            "_verify_signature; PayPal-Java-SDK rest-api-sdk/src/main/java/com/paypal/base/SSLUtil.java (crc32, validateData)",
            "ids": "transmission id, time and webhook id from PayPal's verify-webhook-signature sample "
            "(PayPal-PHP-SDK sample/notifications/ValidateWebhookEvent.php)",
            "vendor_vector": "none: PayPal publishes no signed delivery whose certificate and exact body bytes "
            "are available offline; this one is signed with a throwaway key by Python cryptography "
            + __import__("cryptography").__version__
            + " (tests/interop/sdk-asym/make_paypal_vector.py), the private key not kept",
            "sdk": "paypalrestsdk 1.13.3 (PyPI) is installable but its verify() fetches the certificate and "
            "checks its chain against DigiCert roots; paypal-rest-sdk 1.8.1 (npm) only posts to PayPal's "
            "verify-webhook-signature API. The interop test runs paypalrestsdk's own _get_expected_sig and "
            "_verify_signature offline.",
        },
        "certificate_pem": cert,
        "chain_pem": cert + issuer,
        "ec_certificate_pem": ec_cert,
        "webhook_id": webhook_id,
        "transmission_id": transmission_id,
        "transmission_time": transmission_time,
        "auth_algo": "SHA256withRSA",
        "cert_url": "https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77",
        "body": body,
        "crc32": crc,
        "signed_content": signed,
        "signature": signature,
    },
    sys.stdout,
    indent=2,
)
print()
