"""Ed25519 with Python's `cryptography` (OpenSSL), for the crate's interop
tests: Standard Webhooks `v1a` and Discord, both ways.

    python3 ed25519.py sign <cases.json>     # [{seed, id, ts, body}] -> signatures
    python3 ed25519.py verify <cases.json>   # [{public, id, ts, body, v1a, discord}] -> verdicts

All bytes travel as hex. `sign` builds each scheme's signed content itself
(`id.ts.body` for Standard Webhooks, `ts` then body for Discord) and prints,
per case, the public key (raw and SPKI DER, base64), the `v1a,<base64>`
entry and Discord's hex. `verify` reads the public key from its SPKI DER
(`public_spki`, base64) or raw bytes (`public`, hex), parses the crate's
`v1a,<base64>` list and hex, and prints per case whether each verifies.
"""

import base64
import json
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)


def contents(case):
    body = bytes.fromhex(case["body"])
    ts = str(case["ts"]).encode()
    return case["id"].encode() + b"." + ts + b"." + body, ts + body


def sign(case):
    key = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(case["seed"]))
    public = key.public_key()
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    spki = public.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    standard, discord = contents(case)
    return {
        "public_raw": base64.b64encode(raw).decode(),
        "public_spki": base64.b64encode(spki).decode(),
        "public_hex": raw.hex(),
        "v1a": "v1a," + base64.b64encode(key.sign(standard)).decode(),
        "discord": key.sign(discord).hex(),
    }


def verified(public, message, signature):
    try:
        public.verify(signature, message)
        return True
    except InvalidSignature:
        return False


def verify(case):
    if "public_spki" in case:
        public = serialization.load_der_public_key(base64.b64decode(case["public_spki"]))
    else:
        public = Ed25519PublicKey.from_public_bytes(bytes.fromhex(case["public"]))
    standard, discord = contents(case)
    entries = [entry.split(",", 1) for entry in case["v1a"].split(" ")]
    v1a = any(
        verified(public, standard, base64.b64decode(text))
        for version, text in entries
        if version == "v1a"
    )
    return {"v1a": v1a, "discord": verified(public, discord, bytes.fromhex(case["discord"]))}


mode, path = sys.argv[1], sys.argv[2]
with open(path, encoding="utf-8") as file:
    cases = json.load(file)
json.dump([sign(case) if mode == "sign" else verify(case) for case in cases], sys.stdout)
