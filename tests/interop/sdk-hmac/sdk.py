"""Checks the crate's signatures with the vendors' Python SDKs (twilio's
RequestValidator, hubspot-api-client's Signature) and Mailgun's documented
Python sample, and signs the same content with them for the crate to verify.

Usage: python3 sdk.py cases.json (with the SDKs on PYTHONPATH, installed by
requirements.txt); prints one result per case as JSON. Each SDK module is
loaded from its file, so that neither package's __init__ (and its
dependencies) runs: both modules need only the standard library.
"""

import hashlib
import hmac
import importlib.util
import json
import sys
import types
from pathlib import Path
from urllib.parse import parse_qsl


def load(name, relative):
    for entry in sys.path:
        path = Path(entry) / relative
        if path.is_file():
            spec = importlib.util.spec_from_file_location(name, path)
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module
            spec.loader.exec_module(module)
            return module
    raise SystemExit(f"{relative} is not on PYTHONPATH: pip install -r requirements.txt")


# hubspot/utils/signature.py imports hubspot.exceptions: give it that module alone.
sys.modules["hubspot"] = types.ModuleType("hubspot")
load("hubspot.exceptions", "hubspot/exceptions.py")
Signature = load("hubspot.utils.signature", "hubspot/utils/signature.py").Signature
RequestValidator = load("twilio_request_validator", "twilio/request_validator.py").RequestValidator


class MultiDict(dict):
    """The form fields as Flask's MultiDict gives them to the SDK: every
    value of a repeated name through getall."""

    def __init__(self, pairs):
        super().__init__()
        self.pairs = pairs
        for name, value in pairs:
            self.setdefault(name, value)

    def getall(self, name):
        return [value for key, value in self.pairs if key == name]


def twilio_params(case, body):
    if "bodySHA256" in case["url"]:
        return body
    return MultiDict(parse_qsl(body, keep_blank_values=True))


def mailgun_signature(key, timestamp, token):
    # Mailgun's documented sample.
    return hmac.new(
        key=key.encode(), msg=f"{timestamp}{token}".encode(), digestmod=hashlib.sha256
    ).hexdigest()


def check(case, signature, body):
    provider = case["provider"]
    if provider == "twilio":
        validator = RequestValidator(case["secret"])
        return validator.validate(case["url"], twilio_params(case, body), signature)
    if provider == "hubspot":
        return Signature.is_valid(
            signature=signature,
            client_secret=case["secret"],
            request_body=body,
            http_uri=case["url"],
            http_method=case["method"],
            signature_version="v3",
            timestamp=case["timestamp"],
        )
    if provider == "mailgun":
        expected = mailgun_signature(case["secret"], case["timestamp"], body)
        return hmac.compare_digest(signature, expected)
    raise SystemExit(f"unknown provider {provider}")


def sign(case):
    provider = case["provider"]
    if provider == "twilio":
        params = {} if "bodySHA256" in case["url"] else twilio_params(case, case["body"])
        return RequestValidator(case["secret"]).compute_signature(case["url"], params)
    if provider == "hubspot":
        return Signature.get_signature(
            case["secret"], case["body"], "v3", case["url"], case["method"], case["timestamp"]
        )
    if provider == "mailgun":
        return mailgun_signature(case["secret"], case["timestamp"], case["body"])


def main():
    cases = json.loads(Path(sys.argv[1]).read_text())
    results = [
        {
            "accepts": check(case, case["signature"], case["body"]),
            "accepts_tampered": check(case, case["signature"], case["tampered_body"]),
            "signature": sign(case),
        }
        for case in cases
    ]
    json.dump(results, sys.stdout)


main()
