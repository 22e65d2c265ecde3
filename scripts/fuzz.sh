#!/usr/bin/env bash
# Runs each cargo-fuzz target for <seconds>, one after another, then merges
# the inputs that found new coverage into the committed corpus,
# tests/data/fuzz/<target>/, which tests/api/fuzz_corpus.rs replays on stable.
#
#   scripts/fuzz.sh 600                    # every target, 10 minutes each
#   scripts/fuzz.sh 60 verify_headers      # one target, 1 minute
#
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`);
# CI never runs it. The growing working corpus stays in fuzz/corpus/ (not
# committed); crashes land in fuzz/artifacts/<target>/, and each one becomes
# a regression test. Set FUZZ_NICE=19 on a shared machine.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:?usage: scripts/fuzz.sh <seconds> [target...]}
shift
if [ $# -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(cargo +nightly fuzz list)
fi
nice=(nice -n "${FUZZ_NICE:-0}")

for target in "${targets[@]}"; do
    work=fuzz/corpus/$target
    saved=tests/data/fuzz/$target
    mkdir -p "$work" "$saved"
    echo "== $target: ${seconds}s"
    # -a: debug assertions on, so arithmetic overflow is a crash too.
    "${nice[@]}" cargo +nightly fuzz run -a "$target" "$work" "$saved" -- \
        -max_total_time="$seconds" -timeout=10 -print_final_stats=1
    echo "== $target: merging new coverage into $saved"
    "${nice[@]}" cargo +nightly fuzz run -a "$target" "$saved" "$work" -- \
        -set_cover_merge=1 -use_counters=0
done
