#!/usr/bin/env bash
# Builds the Composer package of kim for PHP (php/) as an installable archive:
#   dist/kim-php-<version>-<triple>.tar.gz  holding  kim-php-<version>/{composer.json, src/, preload.php,
#   include/kim_php.h, lib/<triple>/libkim_ffi.so, README.md, LICENSE-*}
# The library is a release build, stripped, with the SONAME libkim_ffi.so.0 (given to the linker of the cdylib
# alone, through `cargo rustc`, so kim-ffi and its dependencies keep their usual build).
# Usage: bash scripts/package-php.sh [OUT_DIR]     (default: target/php-package; CARGO_TARGET_DIR is honoured)
# Install it: extract the archive and add it to composer.json as a path repository (README, "PHP with Composer").
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/php-package}
target_dir=${CARGO_TARGET_DIR:-target}
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
triple=$(rustc -vV | sed -n 's/^host: //p')
[ -n "$version" ] && [ -n "$triple" ] || { echo "cannot read the version or the host triple" >&2; exit 1; }

cargo rustc --quiet --release --locked -p kim-ffi --lib --crate-type cdylib -- -C link-arg=-Wl,-soname,libkim_ffi.so.0

name="kim-php-$version"
stage="$out/$name"
rm -rf "$stage"
mkdir -p "$stage/lib/$triple" "$stage/include"
cp -R php/src php/bin php/preload.php php/README.md LICENSE-MIT LICENSE-APACHE "$stage/"
cp -L kim-ffi/include/kim_php.h "$stage/include/kim_php.h"
strip --strip-unneeded -o "$stage/lib/$triple/libkim_ffi.so" "$target_dir/release/libkim_ffi.so"
# composer.json with the version stamped in (a path repository needs one), and without the test autoloading.
php -r '
$c = json_decode(file_get_contents($argv[1]), true, 512, JSON_THROW_ON_ERROR);
unset($c["autoload-dev"]);
$c = ["name" => $c["name"], "version" => $argv[2]] + $c;
file_put_contents($argv[3], json_encode($c, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES) . "\n");
' php/composer.json "$version" "$stage/composer.json"

so="$stage/lib/$triple/libkim_ffi.so"
soname=$(readelf -d "$so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ "$soname" = "libkim_ffi.so.0" ] || { echo "no SONAME libkim_ffi.so.0 in $so (got '$soname')" >&2; exit 1; }
glibc=$(objdump -T "$so" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -n1 || true)
archive="$out/$name-$triple.tar.gz"
tar -C "$out" -czf "$archive" "$name"
echo "$archive: $(du -k "$so" | cut -f1) KiB library, SONAME $soname, needs ${glibc:-no GLIBC symbol version} or newer"
