"""Signs with Python's own hmac module.

For each {"secret": "<hex>", "body": "<hex>"} in the JSON file, the
HMAC-SHA256 of the body under the secret, as hex and as base64, printed as a
JSON list of {"hex", "base64"}.

    python3 sign.py <cases.json>
"""

import base64
import hashlib
import hmac
import json
import sys

with open(sys.argv[1], encoding="utf-8") as file:
    cases = json.load(file)

digests = []
for case in cases:
    mac = hmac.new(
        bytes.fromhex(case["secret"]), bytes.fromhex(case["body"]), hashlib.sha256
    )
    digests.append(
        {"hex": mac.hexdigest(), "base64": base64.b64encode(mac.digest()).decode()}
    )
json.dump(digests, sys.stdout)
