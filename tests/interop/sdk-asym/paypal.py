"""PayPal's self-verification against the crate, with paypalrestsdk 1.13.3's
own code for the signed content (WebhookEvent._get_expected_sig).

  paypal.py sign SPEC.json    -> a throwaway RSA key and certificate made
                                 with `cryptography`, and the spec's
                                 deliveries signed as PayPal signs them
  paypal.py verify CASES.json -> [true|false, ...]: the SDK's
                                 _verify_signature step per delivery

_verify_signature calls pyOpenSSL's crypto.verify(cert, b64decode(sig),
expected.encode('utf-8'), 'sha256'), removed from pyOpenSSL since 24.3;
the same RSASSA-PKCS1-v1_5 SHA-256 check is done here with `cryptography`
on the certificate's key. The SDK's chain, name and date checks need
PayPal's real certificate and are not run.

A delivery is {"id", "time", "body": hex (UTF-8 text), "signature": base64}."""

import base64, datetime, json, sys

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID
from paypalrestsdk.notifications import WebhookEvent


def expected(delivery, webhook_id):
    body = bytes.fromhex(delivery["body"]).decode("utf-8")
    return WebhookEvent._get_expected_sig(delivery["id"], delivery["time"], webhook_id, body)


def sign(spec):
    key = rsa.generate_private_key(public_exponent=65537, key_size=spec["bits"])
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "messageverificationcerts.paypal.test")])
    start = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(7)
        .not_valid_before(start).not_valid_after(start + datetime.timedelta(days=365))
        .sign(key, hashes.SHA256())
    )
    deliveries = []
    for delivery in spec["deliveries"]:
        content = expected(delivery, spec["webhook_id"]).encode("utf-8")
        signature = key.sign(content, padding.PKCS1v15(), hashes.SHA256())
        deliveries.append(dict(delivery, signature=base64.b64encode(signature).decode()))
    return {
        "certificate_pem": cert.public_bytes(serialization.Encoding.PEM).decode(),
        "webhook_id": spec["webhook_id"],
        "deliveries": deliveries,
    }


def verify(data):
    cert = x509.load_pem_x509_certificate(data["certificate_pem"].encode())
    answers = []
    for delivery in data["deliveries"]:
        content = expected(delivery, data["webhook_id"]).encode("utf-8")
        try:
            cert.public_key().verify(
                base64.b64decode(delivery["signature"]), content, padding.PKCS1v15(), hashes.SHA256()
            )
            answers.append(True)
        except (InvalidSignature, ValueError):
            answers.append(False)
    return answers


mode, path = sys.argv[1], sys.argv[2]
with open(path) as f:
    data = json.load(f)
print(json.dumps(verify(data) if mode == "verify" else sign(data)))
