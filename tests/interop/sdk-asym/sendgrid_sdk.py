"""SendGrid's Python SDK (sendgrid 6.12.5, EventWebhook.verify_signature
with starkbank-ecdsa) against the crate, both ways.

  sendgrid_sdk.py verify CASES.json  -> [true|false, ...], the SDK's answer per case
  sendgrid_sdk.py sign COUNT.json    -> cases signed by Python's `cryptography`
                                    (ECDSA P-256, SHA-256, DER), as SendGrid signs

A case is {"key": base64 SPKI, "timestamp": str, "body": hex, "signature": base64}.
Bodies are UTF-8 text: the SDK takes the payload as a str."""

import base64, json, sys

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sendgrid.helpers.eventwebhook import EventWebhook


def verify(cases):
    answers = []
    for case in cases:
        webhook = EventWebhook(case["key"])
        body = bytes.fromhex(case["body"]).decode("utf-8")
        answers.append(bool(webhook.verify_signature(body, case["signature"], case["timestamp"])))
    return answers


def sign(spec):
    cases = []
    for request in spec:
        key = ec.generate_private_key(ec.SECP256R1())
        spki = key.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        content = request["timestamp"].encode() + bytes.fromhex(request["body"])
        signature = key.sign(content, ec.ECDSA(hashes.SHA256()))
        cases.append(
            {
                "key": base64.b64encode(spki).decode(),
                "timestamp": request["timestamp"],
                "body": request["body"],
                "signature": base64.b64encode(signature).decode(),
            }
        )
    return cases


mode, path = sys.argv[1], sys.argv[2]
with open(path) as f:
    data = json.load(f)
print(json.dumps(verify(data) if mode == "verify" else sign(data)))
