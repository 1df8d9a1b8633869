#!/usr/bin/env bash
# Runs kim's cargo-fuzz targets, each for SECONDS (default 600), one after another, and prints the execution count
# of each. Needs a nightly toolchain (`rustup toolchain install nightly`) and `cargo install cargo-fuzz`.
#
#   bash fuzz/run.sh 600                 # every target, 10 minutes each
#   bash fuzz/run.sh 60 moderation ffi   # some targets
#
# The corpus grows in fuzz/corpus/<target>/ (not committed). A crash stops that target and leaves the input in
# fuzz/artifacts/<target>/: fix the bug, then copy the input to fuzz/regressions/<target>/<bug-name> so that
# `cargo test -p kim-fuzz-harness` replays it forever.
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-600}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo +nightly fuzz list)
fi
mkdir -p logs
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  echo "== $t: ${secs}s"
  status=0
  cargo +nightly fuzz run "$t" "corpus/$t" "seeds/$t" -- \
    -max_total_time="$secs" -rss_limit_mb=4096 -max_len=65536 -timeout=30 -print_final_stats=1 \
    > "logs/$t.log" 2>&1 || status=$?
  runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "logs/$t.log" | grep -Eo '[0-9]+$' || echo '?')
  cov=$(grep -Eo 'cov: [0-9]+' "logs/$t.log" | tail -1 || true)
  echo "   exit $status, $runs executions, $cov, corpus $(ls "corpus/$t" | wc -l) inputs, log fuzz/logs/$t.log"
done
