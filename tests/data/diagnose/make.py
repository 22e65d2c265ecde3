#!/usr/bin/env python3
"""Writes the fixtures of the `diagnose` test binary's command-line tests.

Signatures are computed here with Python's hmac, not with hooksig, so the
tests check the crate against an outside implementation. The curl captures
are real: curl sends each request to a throwaway local server (which
answers 501; only what curl sent matters). Re-run with `python3 make.py`
in this folder; the curl files then change in their port and curl version
lines only. Secrets (test values, nothing real) are in README.md.
"""

import base64
import hashlib
import hmac
import http.server as httpserver
import json
import subprocess
import threading

STRIPE = "whsec_hooksig_fixture_stripe"
GITHUB = "It's a Secret to Everybody"
SVIX = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
T = 1700000000

EVENT = {"id": "evt_1", "object": "event", "type": "invoice.paid",
         "data": {"object": {"customer_name": "Zoë", "url": "https://example.com/a?b&c"}}}


def mac(secret: bytes, message: bytes) -> bytes:
    return hmac.new(secret, message, hashlib.sha256).digest()


def http(headers, body: bytes, target="/webhooks") -> bytes:
    head = f"POST {target} HTTP/1.1\r\nhost: example.com\r\n"
    for name, value in headers:
        head += f"{name}: {value}\r\n"
    head += f"content-length: {len(body)}\r\n\r\n"
    return head.encode() + body


def stripe(body: bytes, signed: bytes, t=T, sig=None) -> bytes:
    v1 = sig or mac(STRIPE.encode(), f"{t}.".encode() + signed).hex()
    return http([("content-type", "application/json"),
                 ("stripe-signature", f"t={t},v1={v1}")], body)


def main():
    # Stripe sends JSON indented by 2 spaces.
    pretty = json.dumps(EVENT, indent=2, ensure_ascii=False).encode()
    # What Express hands over after `express.json()` and JSON.stringify.
    compact = json.dumps(EVENT, separators=(",", ":"), ensure_ascii=False).encode()
    write("stripe_ok.http", stripe(pretty, pretty))
    write("stripe_compact.http", stripe(compact, pretty))
    write("stripe_forged.http", stripe(pretty, pretty, sig="ab" * 32))
    write("stripe_tampered.http", stripe(pretty.replace(b"invoice.paid", b"invoice.void"), pretty))

    # Svix signs `id.t.body` with the base64-decoded secret.
    key = base64.b64decode(SVIX.removeprefix("whsec_"))
    msg_id = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"
    sig = base64.b64encode(mac(key, f"{msg_id}.{T}.".encode() + compact)).decode()
    write("svix.http", http([("content-type", "application/json"), ("svix-id", msg_id),
                             ("svix-timestamp", str(T)), ("svix-signature", f"v1,{sig}")],
                            compact))

    # GitHub, captured by curl: a trace with the bytes, and -v without.
    body = json.dumps({"action": "opened", "title": "Résumé ✓"}, indent=2,
                      ensure_ascii=False).encode() + b"\n"
    write("github_body.json", body)
    signature = "sha256=" + hmac.new(GITHUB.encode(), body, hashlib.sha256).hexdigest()
    server = httpserver.ThreadingHTTPServer(("127.0.0.1", 0), httpserver.BaseHTTPRequestHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/webhooks/github"
    args = ["curl", "-s", "-o", "/dev/null", url, "--data-binary", "@github_body.json",
            "-H", "Content-Type: application/json", "-H", "X-GitHub-Event: issues",
            "-H", "X-GitHub-Delivery: 72d3162e-cc78-11e3-81ab-4c9367dc0958",
            "-H", f"X-Hub-Signature-256: {signature}"]
    subprocess.run(args + ["--trace", "github_trace.txt"], check=True)
    verbose = subprocess.run(args + ["-v"], check=True, capture_output=True)
    write("github_verbose.txt", verbose.stderr)
    server.shutdown()


def write(name, data: bytes):
    with open(name, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main()
