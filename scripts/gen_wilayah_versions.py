#!/usr/bin/env python3
"""Regenerate kim-core/data/versions/ (the older Kemendagri code lists) from the upstream cahyadsn/wilayah SQL.

Each upstream file is read with a small SQL tokenizer (comments, quoted strings with escapes, INSERT ... VALUES
tuples), not with a regex. Older files spell province and kab/kota names in capitals (`KAB. ACEH SELATAN`); they
are normalised to today's spelling (`Kabupaten Aceh Selatan`): the newer list's name when the two only differ in
case, otherwise title case.

Today's list stays `kim-core/data/wilayah.tsv` (see gen_wilayah.py). Every older version is stored as a delta
against the next newer one: `+code<TAB>name` for a unit added or renamed going back in time, `-code` for a unit
that the older list does not have. `index.tsv` lists every version with its decree, date in force, upstream
file, sha256 of the upstream file and of the delta, and its counts.

    python3 scripts/gen_wilayah_versions.py            # rewrite kim-core/data/versions/
    python3 scripts/gen_wilayah_versions.py --check    # verify the committed files

The upstream copies are looked for in `../shared/data/cahyadsn-wilayah/db` next to the repository (or in
$KIM_WILAYAH_UPSTREAM). Without them, --check verifies the committed deltas against their recorded sha256 and says
that it skipped the upstream comparison.
"""

import hashlib
import os
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "kim-core" / "data" / "versions"
TODAY_TSV = ROOT / "kim-core" / "data" / "wilayah.tsv"
UPSTREAM = pathlib.Path(
    os.environ.get("KIM_WILAYAH_UPSTREAM", ROOT.parent / "shared" / "data" / "cahyadsn-wilayah" / "db")
)
REPO = "github.com/cahyadsn/wilayah"
COMMIT = "b7ad440a1322e7be3189a16a8cac35f7d4c3d7f7"

# Newest first. The date in force of the older lists is 1 January of the year the upstream file is labelled with
# (the year the list applied); the decrees' own dates of enactment are not verified here. 2138/2025: 25 April 2025.
VERSIONS = [
    ("kepmendagri-300.2.2-2138-2025", "Kepmendagri 300.2.2-2138/2025", "2025-04-25", "wilayah.sql"),
    ("kepmendagri-100.1.1-6117-2022", "Kepmendagri 100.1.1-6117/2022", "2023-01-01", "archive/wilayah_2023.sql"),
    (
        "permendagri-58-2021",
        "Permendagri 58/2021 (revised by Kepmendagri 050-145/2022)",
        "2022-01-01",
        "archive/wilayah_2022.sql",
    ),
    (
        "permendagri-72-2019",
        "Permendagri 72/2019 (revised by Kepmendagri 146.1-4717/2020)",
        "2020-01-01",
        "archive/wilayah_2020.sql",
    ),
    ("permendagri-137-2017", "Permendagri 137/2017", "2018-01-01", "archive/wilayah_2018.sql"),
    ("permendagri-56-2015", "Permendagri 56/2015", "2016-01-01", "archive/wilayah_2016.sql"),
]


class SqlError(ValueError):
    pass


def tokens(sql: str):
    """Yields (kind, value, offset): kind is 'str', 'word', 'num' or a punctuation character."""
    i, n = 0, len(sql)
    while i < n:
        c = sql[i]
        if c.isspace():
            i += 1
        elif sql.startswith("--", i) or c == "#":
            j = sql.find("\n", i)
            i = n if j < 0 else j + 1
        elif sql.startswith("/*", i):
            j = sql.find("*/", i + 2)
            if j < 0:
                raise SqlError(f"unterminated comment at byte {i}")
            i = j + 2
        elif c in "'\"`":
            j, out = i + 1, []
            while True:
                if j >= n:
                    raise SqlError(f"unterminated string at byte {i}")
                d = sql[j]
                if d == "\\" and c != "`":
                    out.append({"n": "\n", "t": "\t", "0": "\0"}.get(sql[j + 1], sql[j + 1]))
                    j += 2
                elif d == c:
                    if j + 1 < n and sql[j + 1] == c:
                        out.append(c)
                        j += 2
                    else:
                        break
                else:
                    out.append(d)
                    j += 1
            yield ("ident" if c == "`" else "str", "".join(out), i)
            i = j + 1
        elif c.isalnum() or c == "_":
            j = i
            while j < n and (sql[j].isalnum() or sql[j] in "_.@"):
                j += 1
            yield ("word", sql[i:j], i)
            i = j
        else:
            yield (c, c, i)
            i += 1


def parse_inserts(sql: str):
    """Every row of every INSERT ... (cols) VALUES (...), (...); statement, as dicts keyed by column. A number may have
    a minus sign (the boundaries' coordinates, read by gen_boundaries.py)."""
    toks = list(tokens(sql))
    rows, k = [], 0
    while k < len(toks):
        if toks[k][0] == "word" and toks[k][1].upper() == "INSERT":
            k += 1
            while toks[k][1] != "(":
                k += 1
            k += 1
            cols = []
            while toks[k][1] != ")":
                if toks[k][0] in ("word", "ident"):
                    cols.append(toks[k][1].lower())
                k += 1
            k += 1
            if toks[k][1].upper() != "VALUES":
                raise SqlError(f"expected VALUES at byte {toks[k][2]}")
            k += 1
            while True:
                if toks[k][1] != "(":
                    raise SqlError(f"expected ( at byte {toks[k][2]}")
                k += 1
                vals, sign = [], ""
                while toks[k][1] != ")":
                    if toks[k][0] == "-" and not sign and toks[k + 1][0] == "word":
                        sign = "-"
                    elif toks[k][0] in ("str", "word"):
                        vals.append(sign + toks[k][1])
                        sign = ""
                    elif toks[k][1] != ",":
                        raise SqlError(f"unexpected {toks[k][1]!r} at byte {toks[k][2]}")
                    k += 1
                if len(vals) != len(cols):
                    raise SqlError(f"row of {len(vals)} values for {len(cols)} columns at byte {toks[k][2]}")
                rows.append(dict(zip(cols, vals, strict=True)))
                k += 1
                if toks[k][1] == ",":
                    k += 1
                    continue
                if toks[k][1] == ";":
                    break
                raise SqlError(f"expected , or ; at byte {toks[k][2]}")
        k += 1
    return rows


def read_sql(path: pathlib.Path) -> dict:
    units = {}
    for row in parse_inserts(path.read_text(encoding="utf-8")):
        code, name = row["kode"].strip(), " ".join((row.get("nama") or "").split())
        if code in units:
            raise SqlError(f"{path}: duplicate code {code}")
        units[code] = name
    return units


def level(code: str) -> int:
    return code.count(".") + 1


def counts(units: dict) -> tuple[int, int, int, int]:
    c = [0, 0, 0, 0]
    for code in units:
        c[level(code) - 1] += 1
    return tuple(c)


ACRONYMS = {"DKI", "DI"}


def title(name: str) -> str:
    return " ".join(w if w in ACRONYMS else w[:1].upper() + w[1:].lower() for w in name.split(" "))


def normalise(units: dict, newer: dict) -> dict:
    """Capitalised province and kab/kota names become today's spelling."""
    out = {}
    for code, name in units.items():
        if level(code) <= 2 and name == name.upper():
            for old, new in (("KAB. ", "Kabupaten "), ("KAB ", "Kabupaten "), ("KOTA ", "Kota ")):
                if name.startswith(old):
                    name = new + name[len(old) :]
                    break
            known = newer.get(code)
            name = known if known is not None and known.casefold() == name.casefold() else title(name)
        out[code] = name
    return out


def read_tsv(path: pathlib.Path) -> dict:
    units = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, name = line.split("\t", 1)
            units[code] = name
    return units


def sort_key(code: str) -> tuple[int, ...]:
    return tuple(int(p) for p in code.split("."))


def delta(version: str, base: str, source: str, old: dict, new: dict) -> str:
    lines = [f"#version\t{version}", f"#base\t{base}", f"#source\t{REPO} {COMMIT} db/{source} (MIT; see PROVENANCE.md)"]
    for code in sorted(set(old) | set(new), key=sort_key):
        if code not in old:
            lines.append(f"-{code}")
        elif new.get(code) != old[code]:
            lines.append(f"+{code}\t{old[code]}")
    return "\n".join(lines) + "\n"


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build() -> dict[str, str]:
    """The files of kim-core/data/versions/, by name."""
    files = {}
    today_sql = read_sql(UPSTREAM / VERSIONS[0][3])
    today = read_tsv(TODAY_TSV)
    if today_sql != today:
        differ = sorted(set(today_sql.items()) ^ set(today.items()))[:5]
        raise SqlError(f"upstream wilayah.sql differs from wilayah.tsv, e.g. {differ}")
    header = "id decree in_force upstream_file upstream_sha256 data_file data_sha256"
    header += " provinsi kab_kota kecamatan villages"
    index = [header.replace(" ", "\t")]
    newer = today
    for i, (vid, decree, date, source) in enumerate(VERSIONS):
        raw = (UPSTREAM / source).read_bytes()
        if i == 0:
            units, data_file, data_sha = today, "../wilayah.tsv", sha(TODAY_TSV.read_bytes())
        else:
            units = normalise(read_sql(UPSTREAM / source), newer)
            data_file = f"{vid}.delta"
            text = delta(vid, VERSIONS[i - 1][0], source, units, newer)
            files[data_file] = text
            data_sha = sha(text.encode("utf-8"))
        c = counts(units)
        index.append("\t".join([vid, decree, date, f"db/{source}", sha(raw), data_file, data_sha, *map(str, c)]))
        newer = units
    files["index.tsv"] = "\n".join(index) + "\n"
    return files


def check_without_upstream() -> int:
    rows = [line.split("\t") for line in (OUT / "index.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    for row in rows:
        got = sha((OUT / row[5]).read_bytes())
        if got != row[6]:
            print(f"{row[5]}: sha256 {got} differs from index.tsv", file=sys.stderr)
            return 1
    print(f"{OUT}: {len(rows)} versions match their recorded sha256")
    return 0


def main() -> int:
    check = "--check" in sys.argv
    if not (UPSTREAM / "wilayah.sql").exists():
        if not check:
            print(f"upstream copies not found in {UPSTREAM} (set KIM_WILAYAH_UPSTREAM)", file=sys.stderr)
            return 1
        print(f"skipping the upstream comparison: {UPSTREAM} is absent (set KIM_WILAYAH_UPSTREAM)")
        return check_without_upstream()
    files = build()
    if check:
        stale = [n for n, t in files.items() if not (OUT / n).exists() or (OUT / n).read_text(encoding="utf-8") != t]
        if stale:
            print(f"{OUT}: stale {stale}: run python3 scripts/gen_wilayah_versions.py", file=sys.stderr)
            return 1
        print(f"{OUT} is up to date with {UPSTREAM} ({len(files) - 1} deltas)")
        return check_without_upstream()
    OUT.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (OUT / name).write_text(text, encoding="utf-8")
    print(files["index.tsv"], end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
