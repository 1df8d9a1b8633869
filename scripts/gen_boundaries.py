#!/usr/bin/env python3
"""Regenerate kim-geo/data/ (the embedded boundaries) from the upstream cahyadsn/wilayah_boundaries SQL.

Reads provinsi, kab/kota and kecamatan nationally (`db/prov/`, `db/kab/`, `db/kec/`) and the villages of Kutai
Kartanegara (`db/kel/64/wilayah_boundaries_kel_64.02.sql`) with the SQL reader of gen_wilayah_versions.py, and
writes one compact binary file per level:

- coordinates quantised to 1e-5 degree (about 1.1 m; upstream has 15 or more decimals on already simplified
  polygons), stored as zigzag LEB128 varints of the delta from the previous vertex (the first vertex of a unit from
  its centroid), in GeoJSON order (longitude, latitude; upstream stores latitude first);
- rings without their closing vertex (the reader closes them), consecutive vertices that quantise to the same point
  merged; a ring left with fewer than 3 distinct vertices (an islet under the rounding step) is dropped and counted in
  manifest.tsv (46 are, none of them a unit's only ring: a unit left without a polygon is an error);
- no further simplification: the budget (15 MB added to the wheel) does not need it.

The file layout (read by kim-geo/src/codec.rs):

    b"KIMGEO" 0x01 level(1..4) varint(exponent) varint(units)
    per unit: varint(len) code-ascii varint(len) name-utf8 zigzag(lat) zigzag(lng) varint(polygons)
              per polygon: varint(rings), per ring: varint(vertices) then zigzag(dlng) zigzag(dlat) per vertex

`manifest.tsv` records every upstream file with its sha256, every output file with its sha256 and counts, and the
quality loss measured here (the largest vertex displacement in metres, the largest relative change of a unit's area).

    python3 scripts/gen_boundaries.py            # rewrite kim-geo/data/*.bin and manifest.tsv
    python3 scripts/gen_boundaries.py --check    # verify the committed files

The upstream copies are looked for in `../shared/data/cahyadsn-wilayah_boundaries/db` next to the repository (or in
$KIM_BOUNDARIES_UPSTREAM). Without them, --check verifies the committed files against their recorded sha256 and says
that it skipped the upstream comparison.
"""

import hashlib
import json
import math
import os
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from gen_wilayah_versions import SqlError, parse_inserts  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "kim-geo" / "data"
UPSTREAM = pathlib.Path(
    os.environ.get("KIM_BOUNDARIES_UPSTREAM", ROOT.parent / "shared" / "data" / "cahyadsn-wilayah_boundaries" / "db")
)
REPO = "github.com/cahyadsn/wilayah_boundaries"
COMMIT = "3c5a7960f4d227a38489094d84252bdbb3f978a5"
EXPONENT = 5  # coordinates in units of 1e-5 degree
MAGIC = b"KIMGEO\x01"
# (output file, level number, upstream glob under db/)
LEVELS = [
    ("provinsi.bin", 1, "prov/wilayah_boundaries_prov_*.sql"),
    ("kab_kota.bin", 2, "kab/wilayah_boundaries_kab_*.sql"),
    ("kecamatan.bin", 3, "kec/wilayah_boundaries_kec_*.sql"),
    ("desa_64.02.bin", 4, "kel/64/wilayah_boundaries_kel_64.02.sql"),
]
METRES_PER_DEGREE = 111_320.0


def varint(n: int, out: bytearray) -> None:
    if n < 0:
        raise ValueError(f"varint of negative {n}")
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)


def zigzag(n: int, out: bytearray) -> None:
    varint(n * 2 if n >= 0 else -n * 2 - 1, out)


def text(s: str, out: bytearray) -> None:
    b = s.encode("utf-8")
    varint(len(b), out)
    out.extend(b)


def q(x: float) -> int:
    return round(x * 10**EXPONENT)


def polygons_of(path: str, where: str) -> list:
    """Upstream `path` (a polygon `[[[lat, lng], ...]]` or a multipolygon `[[[[lat, lng], ...]]]`) as polygons."""
    p = json.loads(path)
    depth, x = 0, p
    while isinstance(x, list) and x:
        x, depth = x[0], depth + 1
    if depth == 3:
        return [p]
    if depth == 4:
        return p
    raise SqlError(f"{where}: path nested {depth} deep, expected a polygon or a multipolygon")


def ring_area(ring) -> float:
    return 0.5 * sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:] + ring[:1], strict=True))


class Quality:
    def __init__(self) -> None:
        self.max_shift_m = 0.0
        self.max_area_change = 0.0
        self.vertices_in = 0
        self.vertices_out = 0
        self.rings_dropped = 0

    def unit(self, before: list, after: list) -> None:
        a0 = sum(abs(ring_area(r)) for poly in before for r in poly[:1]) - sum(
            abs(ring_area(r)) for poly in before for r in poly[1:]
        )
        a1 = sum(abs(ring_area(r)) for poly in after for r in poly[:1]) - sum(
            abs(ring_area(r)) for poly in after for r in poly[1:]
        )
        if a0 > 0:
            self.max_area_change = max(self.max_area_change, abs(a1 - a0) / a0)


def encode_level(level: int, files: list, quality: Quality) -> tuple[bytes, int]:
    units = {}
    for f in files:
        for row in parse_inserts(f.read_text(encoding="utf-8")):
            code = row["kode"].strip()
            if code in units:
                raise SqlError(f"{f.name}: duplicate code {code}")
            if code.count(".") + 1 != level:
                raise SqlError(f"{f.name}: code {code} is not at level {level}")
            units[code] = row
    out = bytearray(MAGIC)
    out.append(level)
    varint(EXPONENT, out)
    varint(len(units), out)
    for code in sorted(units, key=lambda c: tuple(int(p) for p in c.split("."))):
        row = units[code]
        text(code, out)
        text(" ".join((row.get("nama") or "").split()), out)
        lat, lng = q(float(row["lat"])), q(float(row["lng"]))
        zigzag(lat, out)
        zigzag(lng, out)
        before, after = [], []
        for poly in polygons_of(row["path"], f"{code}"):
            rings_in, rings_out = [], []
            for ring in poly:
                pts = [(float(p[1]), float(p[0])) for p in ring]  # to (lng, lat)
                if len(pts) > 1 and pts[0] == pts[-1]:
                    pts = pts[:-1]
                quality.vertices_in += len(pts)
                qpts = []
                for x, y in pts:
                    qp = (q(x), q(y))
                    shift = math.hypot((qp[0] / 10**EXPONENT - x) * math.cos(math.radians(y)), qp[1] / 10**EXPONENT - y)
                    quality.max_shift_m = max(quality.max_shift_m, shift * METRES_PER_DEGREE)
                    if not qpts or qpts[-1] != qp:
                        qpts.append(qp)
                while len(qpts) > 1 and qpts[0] == qpts[-1]:
                    qpts.pop()
                rings_in.append(pts)
                if len(set(qpts)) < 3:
                    quality.rings_dropped += 1
                    if not rings_out:  # the outer ring: the polygon goes
                        break
                    continue
                rings_out.append(qpts)
            before.append(rings_in)
            if rings_out:
                after.append(rings_out)
        if not after:
            raise SqlError(f"{code}: no polygon survives quantisation")
        quality.unit(before, [[[(x / 10**EXPONENT, y / 10**EXPONENT) for x, y in r] for r in p] for p in after])
        varint(len(after), out)
        px, py = lng, lat
        for poly in after:
            varint(len(poly), out)
            for ring in poly:
                varint(len(ring), out)
                quality.vertices_out += len(ring)
                for x, y in ring:
                    zigzag(x - px, out)
                    zigzag(y - py, out)
                    px, py = x, y
    return bytes(out), len(units)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build() -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    manifest = [f"#source\t{REPO}\t{COMMIT}", "#kind\tname\tsha256\tdetail"]
    for name, level, pattern in LEVELS:
        inputs = sorted(UPSTREAM.glob(pattern), key=lambda p: p.name)
        if not inputs:
            raise SqlError(f"no upstream file matches {UPSTREAM / pattern}")
        quality = Quality()
        data, n = encode_level(level, inputs, quality)
        files[name] = data
        for f in inputs:
            manifest.append(f"upstream\tdb/{f.relative_to(UPSTREAM)}\t{sha(f.read_bytes())}\t{name}")
        detail = (
            f"units={n} vertices_in={quality.vertices_in} vertices_out={quality.vertices_out}"
            f" rings_dropped={quality.rings_dropped} max_shift_m={quality.max_shift_m:.3f}"
            f" max_area_change={quality.max_area_change:.2e} bytes={len(data)}"
        )
        manifest.append(f"output\t{name}\t{sha(data)}\t{detail}")
    files["manifest.tsv"] = ("\n".join(manifest) + "\n").encode("utf-8")
    return files


def check_without_upstream() -> int:
    n = 0
    for line in (OUT / "manifest.tsv").read_text(encoding="utf-8").splitlines():
        kind, name, digest, _ = (line.split("\t") + ["", "", ""])[:4]
        if kind != "output":
            continue
        got = sha((OUT / name).read_bytes())
        if got != digest:
            print(f"{OUT / name}: sha256 {got} differs from manifest.tsv", file=sys.stderr)
            return 1
        n += 1
    print(f"{OUT}: {n} boundary files match their recorded sha256")
    return 0


def main() -> int:
    check = "--check" in sys.argv
    if not (UPSTREAM / "ddl_wilayah_boundaries.sql").exists():
        if not check:
            print(f"upstream copies not found in {UPSTREAM} (set KIM_BOUNDARIES_UPSTREAM)", file=sys.stderr)
            return 1
        print(f"skipping the upstream comparison: {UPSTREAM} is absent (set KIM_BOUNDARIES_UPSTREAM)")
        return check_without_upstream()
    files = build()
    if check:
        stale = [n for n, b in files.items() if not (OUT / n).exists() or (OUT / n).read_bytes() != b]
        if stale:
            print(f"{OUT}: stale {stale}: run python3 scripts/gen_boundaries.py", file=sys.stderr)
            return 1
        print(f"{OUT} is up to date with {UPSTREAM}")
        return check_without_upstream()
    OUT.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (OUT / name).write_bytes(data)
    print("\n".join(line for line in files["manifest.tsv"].decode().splitlines() if not line.startswith("upstream")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
