"""Verifies each request in a JSON file with the vendor's Python SDK and
prints one boolean per request: paddle-python-sdk's Verifier, razorpay's
Utility.verify_webhook_signature, coinbase-commerce's
WebhookSignature.verify_sig_header.

usage: python3 run.py requests.json   (PYTHONPATH=.pydeps)
"""

import json
import logging
import sys

logging.disable(logging.CRITICAL)

from coinbase_commerce.webhook import WebhookSignature  # noqa: E402
from paddle_billing.Notifications import Secret, Verifier  # noqa: E402
from razorpay.utility.utility import Utility  # noqa: E402


class Request:
    def __init__(self, headers, body):
        self.headers = {name.title(): value for name, value in headers.items()}
        self.headers["Paddle-Signature"] = headers.get("paddle-signature")
        self.body = body


def paddle(secret, headers, body):
    # Verifier() allows 5 seconds each way, as its default.
    return Verifier().verify(Request(headers, body), Secret(secret)) is True


def razorpay(secret, headers, body):
    return Utility().verify_webhook_signature(body.decode("utf-8"), headers["x-razorpay-signature"], secret) is True


def coinbase_commerce(secret, headers, body):
    return WebhookSignature.verify_sig_header(body.decode("utf-8"), headers["x-cc-webhook-signature"], secret) is True


VERIFIERS = {"paddle": paddle, "razorpay": razorpay, "coinbase_commerce": coinbase_commerce}

answers = []
for request in json.load(open(sys.argv[1])):
    try:
        ok = VERIFIERS[request["provider"]](request["secret"], request["headers"], bytes.fromhex(request["body"]))
    except Exception:
        ok = False
    answers.append(ok)
print(json.dumps(answers))
