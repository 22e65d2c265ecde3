#!/usr/bin/env bash
# Builds examples/wasm-size (a verify-only cdylib: Cortex and Stripe) for
# wasm32-unknown-unknown, release and stripped (opt-level "s", LTO, one
# codegen unit, panic = abort), once per feature set, and prints its size in
# bytes; with `wasm-opt` on PATH also after `wasm-opt -Oz`. Then runs the
# no_std build under Node to check that it verifies a Cortex signature.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
crate="$root/examples/wasm-size"
target="${CARGO_TARGET_DIR:-$root/target}/wasm-size"
printf '%-22s %12s %12s\n' features bytes wasm-opt-Oz
for features in "" "std" "http" "ed25519"; do
  CARGO_TARGET_DIR="$target" cargo build -q --release --target wasm32-unknown-unknown \
    --manifest-path "$crate/Cargo.toml" --no-default-features ${features:+--features "$features"}
  wasm="$target/wasm32-unknown-unknown/release/hooksig_wasm_size.wasm"
  cp "$wasm" "$target/size-${features:-core}.wasm"
  bytes=$(wc -c < "$wasm")
  opt=-
  if command -v wasm-opt > /dev/null; then
    wasm-opt -all -Oz --strip-debug --strip-producers "$wasm" -o "$target/size-${features:-core}.opt.wasm"
    opt=$(wc -c < "$target/size-${features:-core}.opt.wasm")
  fi
  printf '%-22s %12s %12s\n' "no-default${features:++$features}" "$bytes" "$opt"
done
node "$root/scripts/wasm-size-check.mjs" "$target/size-core.wasm"
