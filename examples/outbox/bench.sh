#!/usr/bin/env bash
# Deliveries per second through SQLite and Postgres, with 1 and 4 worker
# processes (one job at a time each, then eight), against a loopback
# receiver; `RUNS` runs of each (default 3). Postgres is a throwaway server
# with its default durability (fsync on), SQLite a file in a temporary
# directory (synchronous = FULL). Prints the bench's lines, as in README.md.
set -euo pipefail
cd "$(dirname "$0")"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
source scripts/throwaway-postgres.sh
cargo build -j2 --release --quiet
bin="$CARGO_TARGET_DIR/release/hooksig-outbox"
throwaway_postgres
scratch=$(mktemp -d /tmp/hooksig-outbox-bench.XXXXXX)
admin=$OUTBOX_POSTGRES_URL
n=0
for run in $(seq "${RUNS:-3}"); do
    for store in sqlite postgres; do
        for workers in 1 4; do
            for concurrency in 1 8; do
                n=$((n + 1))
                if [ "$store" = sqlite ]; then
                    db="sqlite://$scratch/bench-$n.db"
                else
                    psql -q "$admin" -c "CREATE DATABASE bench_$n"
                    db="${admin%/*}/bench_$n"
                fi
                "$bin" bench --db "$db" --workers "$workers" --concurrency "$concurrency" \
                    --batch 8 --poll 20 --heartbeat 5 --deliveries 1000 --endpoints 4 2>/dev/null
            done
        done
    done
done
rm -rf "$scratch"
