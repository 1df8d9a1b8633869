#!/usr/bin/env python3
"""Regenerate kim-core/data/denominators/ (population and area per unit) from the upstream cahyadsn/wilayah SQL.

The two upstream files, `db/wilayah_penduduk.sql` (population: male, female, total, in persons) and
`db/wilayah_luas.sql` (area in km2), cover the provinces and kab/kota of Kepmendagri 300.2.2-2138/2025, plus a
national population row (code `0`). They are read with the SQL tokenizer of gen_wilayah_versions.py and checked
against today's list (`kim-core/data/wilayah.tsv`):

- every code must be a province or kab/kota of today's list, with the same name once spacing, case and the
  abbreviation `Kab` are set aside; a name that still differs is accepted only when it is a near spelling
  (difflib ratio >= 0.9), and is listed in PROVENANCE.md;
- the area file writes some codes as numbers that lost a trailing zero (`11.1` for 11.10, `31.0` for 31). Such a
  code is repaired only when the repaired code's name matches, and every repair is listed in PROVENANCE.md;
- male + female = total for every row, and the national row equals the sum of the provinces.

Units without a figure get an empty field: nothing is estimated.

    python3 scripts/gen_wilayah_denominators.py            # rewrite kim-core/data/denominators/
    python3 scripts/gen_wilayah_denominators.py --check    # verify the committed files

Without the upstream copies (../shared/data/cahyadsn-wilayah/db or $KIM_WILAYAH_UPSTREAM), --check verifies the
committed table against the sha256 recorded in PROVENANCE.md and says that it skipped the upstream comparison.
"""

import difflib
import hashlib
import re
import sys

from gen_wilayah_versions import COMMIT, REPO, ROOT, TODAY_TSV, UPSTREAM, parse_inserts, read_tsv

OUT = ROOT / "kim-core" / "data" / "denominators"
CODE_LIST = "kepmendagri-300.2.2-2138-2025"
POPULATION_FILE = "wilayah_penduduk.sql"
AREA_FILE = "wilayah_luas.sql"
# From the upstream README ("Jumlah penduduk bersumber dari ...", "Luas wilayah (dalam km persegi) bersumber dari
# ...") and the header of wilayah_luas.sql.
POPULATION_SOURCE = (
    "Ditjen Kependudukan dan Pencatatan Sipil (Dukcapil), Kemendagri: Data Kependudukan Semester II, December 2024"
)
AREA_SOURCE = (
    "Badan Informasi Geospasial: letter of the Deputi Bidang Informasi Geospasial Dasar "
    "B-16.10/DIGD-BIG/IGD.04.04/12/2024, 16 December 2024 (Penghitungan Luas Wilayah di Seluruh Indonesia)"
)
YEAR = "2024"
SHA_LINE = re.compile(r"^- `units.tsv` sha256: `([0-9a-f]{64})`$", re.MULTILINE)


class DataError(ValueError):
    pass


def comparable(name: str) -> str:
    name = " ".join(name.split()).casefold()
    return re.sub(r"^kab\.? ", "kabupaten ", name)


def place(code: str, name: str, today: dict, notes: list) -> str:
    """The code of today's list this upstream row is for (repairing a number-mangled code), or an error."""
    candidates = [code]
    if re.fullmatch(r"\d{2}\.0", code):
        candidates.append(code[:2])
    elif re.fullmatch(r"\d{2}\.\d", code):
        candidates.append(code + "0")
    for c in candidates:
        known = today.get(c)
        if known is None or c.count(".") > 1:
            continue
        if comparable(known) == comparable(name):
            if c != code:
                notes.append(f"code `{code}` read as `{c}` ({known})")
            return c
        if difflib.SequenceMatcher(None, comparable(known), comparable(name)).ratio() >= 0.9:
            notes.append(f"`{c}`: upstream name {name!r}, today's list {known!r}")
            if c != code:
                notes.append(f"code `{code}` read as `{c}` ({known})")
            return c
    raise DataError(f"{code} {name!r} is not a province or kab/kota of today's list")


def read_population(today: dict, notes: list) -> tuple[dict, int]:
    rows = parse_inserts((UPSTREAM / POPULATION_FILE).read_text(encoding="utf-8"))
    out, national = {}, None
    for row in rows:
        male, female, total = (int(row[k]) for k in ("pria", "wanita", "total"))
        if male + female != total:
            raise DataError(f"{POPULATION_FILE} {row['kode']}: {male} + {female} != {total}")
        if row["kode"] == "0":
            national = (total, male, female)
            continue
        code = place(row["kode"], row["nama"], today, notes)
        if code in out:
            raise DataError(f"{POPULATION_FILE}: {code} twice")
        out[code] = (total, male, female)
    provinces = sum(v[0] for c, v in out.items() if "." not in c)
    if national is None or national[0] != provinces:
        raise DataError(f"{POPULATION_FILE}: national row {national} differs from the provinces' sum {provinces}")
    return out, national


def read_area(today: dict, notes: list) -> dict:
    out = {}
    for row in parse_inserts((UPSTREAM / AREA_FILE).read_text(encoding="utf-8")):
        code = place(row["kode"], row["nama"] or "", today, notes)
        if code in out:
            raise DataError(f"{AREA_FILE}: {code} twice")
        value = float(row["luas"])
        if not value > 0:
            raise DataError(f"{AREA_FILE} {code}: area {value} is not positive")
        out[code] = row["luas"]
    return out


def sort_key(code: str) -> tuple[int, ...]:
    return tuple(int(p) for p in code.split("."))


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build() -> dict[str, str]:
    today = read_tsv(TODAY_TSV)
    notes: list[str] = []
    population, national = read_population(today, notes)
    area = read_area(today, notes)
    units = sorted((c for c in today if c.count(".") <= 1), key=sort_key)
    lines = [
        f"#code_list\t{CODE_LIST}",
        f"#population_source\t{POPULATION_SOURCE}",
        f"#population_year\t{YEAR}",
        f"#area_source\t{AREA_SOURCE}",
        f"#area_year\t{YEAR}",
        f"#upstream\t{REPO} {COMMIT} db/{POPULATION_FILE} db/{AREA_FILE} (MIT; see PROVENANCE.md)",
        "code\tpopulation\tmale\tfemale\tarea_km2",
        "\t".join(["0", *map(str, national), ""]),
    ]
    for code in units:
        p = population.get(code)
        lines.append("\t".join([code, *(map(str, p) if p else ("", "", "")), area.get(code, "")]))
    table = "\n".join(lines) + "\n"
    missing_p = [c for c in units if c not in population]
    missing_a = [c for c in units if c not in area]
    raw_p = (UPSTREAM / POPULATION_FILE).read_bytes()
    raw_a = (UPSTREAM / AREA_FILE).read_bytes()
    provenance = f"""# Provenance of `denominators/` (population and area per unit)

Generated by `python3 scripts/gen_wilayah_denominators.py`; do not edit by hand.

- **What.** `units.tsv`: for each province and kab/kota of Kepmendagri 300.2.2-2138/2025
  (`{CODE_LIST}`), its population (total, male, female; persons) and its area (km2). Row `0` is the
  national population. Kecamatan and villages have no figure upstream, so none here.
- **From.** {REPO}, commit `{COMMIT}`:
  - `db/{POPULATION_FILE}`, sha256 `{sha(raw_p)}`;
  - `db/{AREA_FILE}`, sha256 `{sha(raw_a)}`.
- **Sources named upstream.**
  - Population: {POPULATION_SOURCE}.
    Year {YEAR}. Unit: persons.
  - Area: {AREA_SOURCE}.
    Year {YEAR}. Unit: km2 (the upstream README: "Luas wilayah (dalam km persegi)").
- **Licence.** MIT, Copyright (c) 2017-2025 Cahya DSN: see `../LICENSE-wilayah.txt`.
- **Checks.** Every code is a province or kab/kota of today's list with the same name (spacing, case and `Kab`
  set aside); male + female = total on every row; the national row equals the sum of the provinces.
- **Units without a figure.**
  - Population: {len(missing_p)} ({", ".join(missing_p) or "none"}).
  - Area: {len(missing_a)} ({", ".join(missing_a) or "none"}).
  - There is no national area upstream; kim sums the 38 provinces for the country and says so.
- **Upstream oddities, handled.**
{chr(10).join(f"  - {n}" for n in notes) or "  - none"}
- `units.tsv` sha256: `{sha(table.encode("utf-8"))}`
"""
    return {"units.tsv": table, "PROVENANCE.md": provenance}


def check_without_upstream() -> int:
    m = SHA_LINE.search((OUT / "PROVENANCE.md").read_text(encoding="utf-8"))
    got = sha((OUT / "units.tsv").read_bytes())
    if m is None or m.group(1) != got:
        print(f"{OUT}/units.tsv: sha256 {got} differs from PROVENANCE.md", file=sys.stderr)
        return 1
    print(f"{OUT}/units.tsv matches its recorded sha256")
    return 0


def main() -> int:
    check = "--check" in sys.argv
    if not (UPSTREAM / POPULATION_FILE).exists():
        if not check:
            print(f"upstream copies not found in {UPSTREAM} (set KIM_WILAYAH_UPSTREAM)", file=sys.stderr)
            return 1
        print(f"skipping the upstream comparison: {UPSTREAM} is absent (set KIM_WILAYAH_UPSTREAM)")
        return check_without_upstream()
    files = build()
    if check:
        stale = [n for n, t in files.items() if not (OUT / n).exists() or (OUT / n).read_text(encoding="utf-8") != t]
        if stale:
            print(f"{OUT}: stale {stale}: run python3 scripts/gen_wilayah_denominators.py", file=sys.stderr)
            return 1
        print(f"{OUT} is up to date with {UPSTREAM}")
        return check_without_upstream()
    OUT.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (OUT / name).write_text(text, encoding="utf-8")
    print(files["PROVENANCE.md"], end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
