#!/usr/bin/env python3
"""Print the BENCHMARKS.md ratio table from criterion's output.

Usage: python3 scripts/bench-table.py [CRITERION_DIR]

CRITERION_DIR defaults to $CARGO_TARGET_DIR/criterion, else target/criterion.
It reads the median of each measurement that `cargo bench --bench
sign_verify` wrote (`<group>/<function>/<size>/new/estimates.json`) and
compares it with the baseline measured in the same run. A row whose
measurements are missing is printed as "not yet measured". Standard library
only (Python 3.8+).
"""

import json
import os
import sys
from pathlib import Path

SIZES = ["64B", "1KiB", "16KiB", "1MiB"]

# Each row: what is measured, criterion group, our function, the baseline
# function, the sizes, and per size the target as (kind, bound):
#   "time"    our time / baseline time     must be <= bound
#   "thrpt"   baseline time / our time     must be >= bound (throughput ratio)
#   "faster"  baseline time / our time     must be >= bound (how many times faster)
ROWS = [
    ("verify, `sha256=` header", "verify_sha256", "hooksig", "sha256_digest",
     {"64B": ("time", 1.9), "1KiB": ("time", 1.2),
      "16KiB": ("thrpt", 0.95), "1MiB": ("thrpt", 0.95)}),
    ("verify vs the re-keying way", "verify_sha256", "hooksig", "rekeying",
     {"64B": ("faster", 1.7), "1KiB": ("faster", 1.15),
      "16KiB": ("faster", None), "1MiB": ("faster", None)}),
    ("verify, Standard Webhooks headers", "standard_webhooks", "hooksig",
     "standardwebhooks", {size: ("faster", 5.0) for size in SIZES}),
    ("verify, Standard Webhooks headers, 15 header values", "standard_webhooks",
     "hooksig", "standardwebhooks", {"64B_15_values": ("faster", None)}),
    ("sign", "sign", "hooksig", "sha256_digest",
     {"64B": ("time", 1.9), "1KiB": ("time", 1.2),
      "16KiB": ("thrpt", 0.95), "1MiB": ("thrpt", 0.95)}),
    ("decode a Cortex body, borrowed `RawEvent`", "decode", "raw_event",
     "serde_json_value", {None: ("faster", 1.0)}),
    ("decode a Cortex body, typed `scan::Event`", "decode", "typed_scan_event",
     "serde_json_value", {None: ("faster", 1.0)}),
]

BASELINE_NAMES = {
    "sha256_digest": "raw `sha2::Sha256` digest",
    "rekeying": "`Hmac::new_from_slice` + hex compare",
    "standardwebhooks": "`standardwebhooks` 1.0.1 `verify`",
    "serde_json_value": "`serde_json::from_slice::<Value>`",
}

# Measurements without a baseline, shown for where the time goes.
PARTS = [
    ("small", "parse_sha256", "read a `sha256=<hex>` value"),
    ("small", "parse_hex", "read a bare hex value"),
    ("small", "verify_hex_64B", "verify a bare hex value, 64 B body"),
    ("small", "verify_headers_64B", "`verify_headers` from a `HeaderMap`, 64 B body"),
]


def criterion_dir():
    if len(sys.argv) > 1:
        return Path(sys.argv[1])
    target = os.environ.get("CARGO_TARGET_DIR")
    return Path(target) / "criterion" if target else Path("target") / "criterion"


def median_ns(root, group, function, size):
    path = root / group / function
    if size is not None:
        path = path / size
    try:
        with open(path / "new" / "estimates.json") as file:
            return json.load(file)["median"]["point_estimate"]
    except (OSError, KeyError, ValueError):
        return None


def duration(ns):
    for unit, scale in (("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def judge(kind, bound, ours, base):
    if kind == "time":
        ratio = ours / base
        text = f"{ratio:.2f}x its time"
        target = f"≤ {bound}x its time"
        met = ratio <= bound
    elif kind == "thrpt":
        ratio = base / ours
        text = f"{ratio:.2f}x its throughput"
        target = f"≥ {bound}x its throughput"
        met = ratio >= bound
    else:
        ratio = base / ours
        text = f"{ratio:.2f}x faster"
        if bound is None:
            return text, "", ""
        target = "faster" if bound == 1.0 else f"≥ {bound}x faster"
        met = ratio > bound if bound == 1.0 else ratio >= bound
    return text, target, "yes" if met else "**no**"


def main():
    root = criterion_dir()
    if not root.is_dir():
        sys.exit(f"no criterion output in {root}: run `cargo bench --bench sign_verify` first")
    print("| what | size | hooksig | baseline (same run) | baseline | ratio | target | met |")
    print("|---|---|---|---|---|---|---|---|")
    for what, group, ours_fn, base_fn, targets in ROWS:
        for size, (kind, bound) in targets.items():
            ours = median_ns(root, group, ours_fn, size)
            base = median_ns(root, group, base_fn, size)
            label = size or "—"
            name = BASELINE_NAMES[base_fn]
            if ours is None or base is None:
                print(f"| {what} | {label} | not yet measured | {name} | | | | |")
                continue
            text, target, met = judge(kind, bound, ours, base)
            print(f"| {what} | {label} | {duration(ours)} | {name} | {duration(base)} "
                  f"| {text} | {target} | {met} |")
    print()
    print("| part | median |")
    print("|---|---|")
    for group, function, what in PARTS:
        ns = median_ns(root, group, function, None)
        print(f"| {what} | {duration(ns) if ns is not None else 'not yet measured'} |")


if __name__ == "__main__":
    main()
