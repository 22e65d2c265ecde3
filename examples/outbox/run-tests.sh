#!/usr/bin/env bash
# Builds and tests the outbox: unit tests, the SQLite tests, the crash test
# (a worker process killed with SIGKILL), and the Postgres test against a
# throwaway server started here, in a temporary directory on a loopback
# port, and removed at the end.
#
# Needs Rust and Debian's postgresql package (`apt-get install -y
# postgresql`); as root, the server runs as the `postgres` user.
set -euo pipefail
cd "$(dirname "$0")"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
export CARGO_TERM_COLOR=never

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ]; then
    echo "run-tests.sh: PostgreSQL is not installed (apt-get install -y postgresql)" >&2
    exit 1
fi

tmp=$(mktemp -d /tmp/hooksig-outbox-pg.XXXXXX)
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
    # The server refuses to run as root.
    chown postgres: "$tmp"
    as_owner=(runuser -u postgres --)
fi
stop() {
    "${as_owner[@]}" "$pgbin/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$tmp"
}
trap stop EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${as_owner[@]}" "$pgbin/initdb" -D "$tmp/data" -U outbox --auth=trust -E UTF8 >/dev/null
# fsync off: a throwaway server for tests; the crash test runs on SQLite.
"${as_owner[@]}" "$pgbin/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w \
    -o "-k $tmp -p $port -h 127.0.0.1 -F -c max_connections=200" start >/dev/null
export OUTBOX_POSTGRES_URL="postgres://outbox@127.0.0.1:$port/postgres"
echo "== postgres $("$pgbin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"

echo "== cargo test (outbox)"
cargo test -j2 "$@" -- --include-ignored
