#!/usr/bin/env bash
# Builds and tests the outbox: unit tests, the SQLite tests, the crash test
# (a worker process killed with SIGKILL), and the Postgres tests against a
# throwaway server started here (scripts/throwaway-postgres.sh). Arguments
# go to `cargo test`, before its `--`.
#
# Needs Rust and Debian's postgresql package (apt-get install -y postgresql).
set -euo pipefail
cd "$(dirname "$0")"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
export CARGO_TERM_COLOR=never
source scripts/throwaway-postgres.sh

# fsync off: the server is thrown away; the crash test runs on SQLite.
throwaway_postgres -F
echo "== cargo test (outbox)"
cargo test -j2 "$@" -- --include-ignored
