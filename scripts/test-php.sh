#!/usr/bin/env bash
# The PHP tests of kim (scripts/test-all.sh runs this; Debian packages: php8.2-cli, php8.2-fpm, phpunit, composer,
# libfcgi-bin):
#   1. PHPUnit (php/tests), including the comparison with kim-core's own results;
#   2. the package archive (scripts/package-php.sh) installed by Composer, offline, into a fresh directory outside
#      the repository, where the README's PHP quick start runs verbatim;
#   3. php-fpm configured with the README's recipe (paths of /srv/app replaced by the fresh directory), called through
#      FastCGI on a unix socket: results, the preloaded scope, and a worker under a low memory_limit that stays flat
#      over refused large results and over requests that die of a fatal error holding kim handles.
# Usage: bash scripts/test-php.sh LIB EXPECTED_DIR     (LIB: libkim_ffi.so for PHPUnit; EXPECTED_DIR: ffi_expected)
set -euo pipefail
cd "$(dirname "$0")/.."
lib=$(realpath "$1")
expected=$(realpath "$2")
repo=$PWD
say() { printf -- '--- %s\n' "$*"; }

say "PHPUnit"
KIM_FFI_LIB="$lib" KIM_EXPECTED="$expected" phpunit -c php/phpunit.xml.dist

say "package archive"
bash scripts/package-php.sh target/php-package
archive=$(ls -t target/php-package/kim-php-*.tar.gz | head -n1)
version=$(basename "$archive" | sed 's/^kim-php-\([^-]*\)-.*/\1/')

tmp=$(mktemp -d /tmp/kim-php-XXXXXX)
fpm_pid=""
cleanup() {
  if [ -n "$fpm_pid" ]; then kill "$fpm_pid" 2>/dev/null || true; wait "$fpm_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
chmod 755 "$tmp"
app="$tmp/app"

# A fenced block of the README that follows a `<!-- test-php: NAME -->` line, with /srv/app made the test's directory.
readme_block() {
  awk -v m="<!-- test-php: $1 -->" '$0 == m {f = 1; next} f && /^```/ {if (in_block) exit; in_block = 1; next} in_block {print}' \
    "$repo/README.md" | sed "s#/srv/app#$app#g"
}

say "Composer install of $archive into $app (path repository, no Packagist, no network)"
mkdir -p "$app/packages" "$app/public"
tar -xzf "$archive" -C "$app/packages"
readme_block composer-json > "$app/composer.json"
grep -q "packages/kim-php-$version" "$app/composer.json" || { echo "README's composer.json does not name kim-php-$version" >&2; exit 1; }
(cd "$app" && COMPOSER_HOME="$tmp/composer-home" COMPOSER_DISABLE_NETWORK=1 COMPOSER_NO_INTERACTION=1 \
  composer install --no-progress --quiet)
test -f "$app/vendor/kim/kim/lib/$(rustc -vV | sed -n 's/^host: //p')/libkim_ffi.so"
test ! -L "$app/vendor/kim/kim" # a copy, not a link into the archive

say "README quick start, verbatim, in $app (no KIM_FFI_LIB: the package finds its own library)"
readme_block quick-start > "$app/quickstart.php"
(cd "$app" && env -u KIM_FFI_LIB php quickstart.php) | tee "$tmp/quickstart.out"
grep -q '^KIM-F3-MISSING: ' "$tmp/quickstart.out"
grep -qx 'KIM-E-CODE' "$tmp/quickstart.out"

say "README's kabupaten app, verbatim: validation, coverage, moderation, review and name resolution"
readme_block app > "$app/app.php"
cp examples/data/kim_sample.json "$app/kim_registry.json"
(cd / && env -u KIM_FFI_LIB php "$app/app.php") | tee "$tmp/app.out"
printf '%s\n' '38 provinsi; Kukar has 20 kecamatan' 'unique 64.02.01.2001' 'decided remove' > "$tmp/app.want"
grep -qE '^[0-9]+ of 237 villages have an active KIM$' "$tmp/app.out"
grep -qE '^(valid|invalid), [0-9]+ findings$' "$tmp/app.out"
grep -vxF -f "$tmp/app.out" "$tmp/app.want" && { echo "the app's output lacks the lines above" >&2; exit 1; }

say "README's pembinaan from CSV, verbatim (activities, daftar hadir, then the report)"
readme_block pembinaan > "$app/pembinaan.php"
mkdir -p "$app/data"
cp examples/data/forum_kukar* "$app/data/"
(cd / && env -u KIM_FFI_LIB php "$app/pembinaan.php") | tee "$tmp/pembinaan.out"
printf '%s\n' 'daftar hadir line 4, kim_id: KIM-E-UNKNOWN-KIM' 'trained in 12 months: 8 of 11 active KIMs' \
  | diff - "$tmp/pembinaan.out"

say "README's pemetaan and assessment, verbatim"
readme_block assessment > "$app/assessment.php"
cp examples/data/kim_sample.json examples/data/pemetaan_kukar.json examples/data/rubric_lomba_illustrative.json "$app/data/"
(cd / && env -u KIM_FFI_LIB php "$app/assessment.php") | tee "$tmp/assessment.out"
grep -qx 'mapped: 31 of 36 active KIMs' "$tmp/assessment.out"
grep -qE '^first: KIM-6402-[0-9]{3}, unclassified: no official national scheme$' "$tmp/assessment.out"

say "php-fpm with the README's recipe, through FastCGI"
cp examples/data/kim_sample.json "$app/"
cp php/tests/fpm/index.php "$app/public/"
readme_block fpm-sh > "$tmp/recipe.sh"
(cd "$app" && bash -euo pipefail "$tmp/recipe.sh")
readme_block fpm-ini > "$tmp/php.ini"
cat "$tmp/php.ini"
chmod -R a+rX "$tmp"
install -m 644 -o www-data /dev/null "$tmp/php-error.log"
cat > "$tmp/fpm.conf" <<CONF
[global]
error_log = $tmp/fpm.log
daemonize = no
[kim]
user = www-data
group = www-data
listen = $tmp/fpm.sock
pm = static
pm.max_children = 1
catch_workers_output = yes
php_admin_value[memory_limit] = 32M
php_admin_value[error_log] = $tmp/php-error.log
CONF
php-fpm8.2 --fpm-config "$tmp/fpm.conf" -c "$tmp/php.ini" &
fpm_pid=$!
for _ in $(seq 100); do [ -S "$tmp/fpm.sock" ] && break; sleep 0.1; done
[ -S "$tmp/fpm.sock" ] || { cat "$tmp/fpm.log" >&2; echo "php-fpm did not start" >&2; exit 1; }
request() { # OP → the JSON line of the answer (the whole answer is appended to $tmp/answers)
  SCRIPT_FILENAME="$app/public/index.php" REQUEST_METHOD=GET QUERY_STRING="op=$1" \
    cgi-fcgi -bind -connect "$tmp/fpm.sock" | tr -d '\r' | tee -a "$tmp/answers" | sed -n '/^{/p'
}
field() { php -r 'echo json_encode(json_decode(stream_get_contents(STDIN), true)[$argv[1]] ?? null);' "$1"; }
first=$(request check)
echo "first request: $first"
[ "$(field preloaded <<< "$first")" = true ] || { echo "the KIM scope is not preloaded under php-fpm" >&2; exit 1; }
[ "$(field decision <<< "$first")" = '"block"' ] && [ "$(field villages <<< "$first")" = 237 ]
app_fpm=$(request app)
[ "$(field app <<< "$app_fpm")" = "$(php -r 'echo json_encode(file_get_contents($argv[1]));' "$tmp/app.out")" ] \
  || { echo "the README app under php-fpm differs from php-cli: $app_fpm" >&2; exit 1; }
ms=()
for _ in $(seq 20); do ms+=("$(field ms <<< "$(request check)")"); done
echo "warm requests (ms in PHP): ${ms[*]}"
for _ in $(seq 3); do request big > /dev/null; request fatal > /dev/null || true; done
base=$(field rss_kb <<< "$(request rss)")
for i in $(seq 15); do
  big=$(request big)
  [ "$(field refused <<< "$big")" = true ] || { echo "request $i: a large result was not refused: $big" >&2; exit 1; }
  request fatal > /dev/null || true
done
end=$(field rss_kb <<< "$(request rss)")
pids=$(grep -c . <<< "$(for _ in 1 2 3; do field pid <<< "$(request rss)"; echo; done | sort -u)")
fatals=$(cat "$tmp/answers" "$tmp/php-error.log" | grep -c 'Allowed memory size of 33554432 bytes exhausted' || true)
[ "$fatals" -ge 15 ] || { tail -n 20 "$tmp/answers"; echo "the fatal requests did not die of memory_limit" >&2; exit 1; }
echo "worker RSS: $base KiB after warm-up, $end KiB after 15 refused national results and 15 fatal errors ($pids worker, $fatals requests died of memory_limit)"
[ $((end - base)) -lt 8192 ] || { echo "the php-fpm worker grew by $((end - base)) KiB" >&2; exit 1; }
kill "$fpm_pid"; wait "$fpm_pid" 2>/dev/null || true; fpm_pid=""

say "php-fpm with the same recipe, master not root (preload.php then warms kim in the master, before the fork)"
install -d -o www-data "$tmp/run"
sed -e "s#$tmp/fpm.log#$tmp/run/fpm.log#; s#$tmp/fpm.sock#$tmp/run/fpm.sock#; s#$tmp/php-error.log#$tmp/run/php-error.log#" \
  "$tmp/fpm.conf" > "$tmp/run/fpm.conf"
setpriv --reuid=www-data --regid=www-data --init-groups php-fpm8.2 --fpm-config "$tmp/run/fpm.conf" -c "$tmp/php.ini" &
fpm_pid=$!
for _ in $(seq 100); do [ -S "$tmp/run/fpm.sock" ] && break; sleep 0.1; done
[ -S "$tmp/run/fpm.sock" ] || { cat "$tmp/run/fpm.log" >&2; echo "php-fpm (not root) did not start" >&2; exit 1; }
sock_request() {
  SCRIPT_FILENAME="$app/public/index.php" REQUEST_METHOD=GET QUERY_STRING="op=$1" \
    cgi-fcgi -bind -connect "$tmp/run/fpm.sock" | tr -d '\r' | sed -n '/^{/p'
}
first=$(sock_request check)
echo "first request: $first"
[ "$(field preloaded <<< "$first")" = true ] && [ "$(field decision <<< "$first")" = '"block"' ]
ms=()
for _ in $(seq 10); do ms+=("$(field ms <<< "$(sock_request check)")"); done
echo "warm requests (ms in PHP): ${ms[*]}"
kill "$fpm_pid"; wait "$fpm_pid" 2>/dev/null || true; fpm_pid=""
say "PHP: all passed"
