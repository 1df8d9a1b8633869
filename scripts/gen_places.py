#!/usr/bin/env python3
"""Generate legacy place strings with a known answer, for the free-text place resolver (issue 14).

Each string names exactly one village of the embedded code list (kim-core/data/wilayah.tsv): the truth is checked by
brute force over the list (every village whose names fit the string's parts and prefixes) and a string that fits
more than one village is dropped. Shapes: prefixed (`Desa`, `Kel.`, `Kelurahan`, `Ds.`, `Kec.`, `Kab.`,
`Kabupaten`, `Kota`) or bare, with and without commas, narrow→broad or reversed, upper/lower/title case,
`Kukar`-style abbreviations of kab/kota names (only where the abbreviation fits a single kab/kota), extra spaces
and punctuation; as one free-text string or as the three fields desa / kecamatan / kab_kota. A separate family has
one small typo in the village name (a near spelling must go to review, never be accepted silently).

Villages are drawn with a fixed seed; the first half of them make the dev set (tune on it), the second half the
held-out set (never looked at while tuning). No village is in both.

Writes kim-core/tests/data/places_dev.tsv and kim-core/tests/data/places_heldout.tsv with the columns
family, shape, text, desa, kecamatan, kab_kota, code (text empty for the field shape; field columns empty for text).
Run from the repository root: python3 scripts/gen_places.py
"""

import pathlib
import random
import unicodedata
from collections import defaultdict

ROOT = pathlib.Path(__file__).resolve().parent.parent
TSV = ROOT / "kim-core" / "data" / "wilayah.tsv"
OUT = ROOT / "kim-core" / "tests" / "data"
PER_SET = 2000
rng = random.Random(1414)


def norm(s):
    out, space = [], True
    for c in unicodedata.normalize("NFKD", s):
        if unicodedata.combining(c) or c in "'’‘`":
            continue
        if c.isalnum():
            out.append(c.lower())
            space = False
        elif not space:
            out.append(" ")
            space = True
    return "".join(out).strip()


def is_abbreviation(abbr, name):
    """Mirror of kim-core's rule: leading parts (≥ 2 letters) of each word, in order, at least two words."""
    words = name.split(" ")

    def go(a, ws):
        if not ws:
            return a == ""
        w = ws[0]
        return any(a[:n] == w[:n] and go(a[n:], ws[1:]) for n in range(min(len(w), len(a)), 1, -1))

    return len(abbr) >= 4 and " " not in abbr and len(words) >= 2 and abbr[0] == name[0] and go(abbr, words)


units = {}
for line in TSV.read_text(encoding="utf-8").splitlines():
    if line.startswith("#") or not line:
        continue
    code, name = line.split("\t")
    units[code] = name

villages = sorted(c for c in units if c.count(".") == 3)
kabs = sorted(c for c in units if c.count(".") == 1)


def kab_core(code):
    n = units[code]
    for p in ("Kabupaten ", "Kota Administrasi ", "Kota "):
        if n.startswith(p):
            return n[len(p) :]
    return n


def is_kota(code):
    return int(code.split(".")[1]) >= 71


# Brute-force tables: villages by normalised name.
by_desa = defaultdict(list)
for v in villages:
    by_desa[norm(units[v])].append(v)
level_names = defaultdict(set)  # normalised names of units above village level (for desa-only strings)
for c, n in units.items():
    if c.count(".") < 3:
        level_names[norm(kab_core(c) if c.count(".") == 1 else n)].add(c)

ABBR = {}  # kab code -> a unique abbreviation (first 2-3 letters of each word)
for k in kabs:
    words = norm(kab_core(k)).split()
    if len(words) != 2:
        continue
    for a in (words[0][:2] + words[1][:3], words[0][:3] + words[1][:3]):
        fits = [x for x in kabs if is_abbreviation(a, norm(kab_core(x)))]
        if fits == [k] and a not in level_names and a not in by_desa:
            ABBR[k] = a
            break


def fits(v, desa, kind, kec, kab, kab_kind, abbr):
    """Does village v fit the given normalised parts?"""
    if norm(units[v]) != desa:
        return False
    vk = "kel" if v.split(".")[3][0] == "1" else "desa"
    if kind and vk != kind:
        return False
    kc = v.rsplit(".", 1)[0]
    if kec is not None and norm(units[kc]) != kec:
        return False
    kb = kc.rsplit(".", 1)[0]
    if abbr is not None and not is_abbreviation(abbr, norm(kab_core(kb))):
        return False
    if kab is not None and norm(kab_core(kb)) != kab:
        return False
    return not (kab_kind == "kota" and not is_kota(kb) or kab_kind == "kab" and is_kota(kb))


def case(s):
    r = rng.random()
    return s.upper() if r < 0.2 else s.lower() if r < 0.35 else s


def typo(s):
    letters = [i for i, c in enumerate(s) if c.isalpha()]
    i = rng.choice(letters[1:-1])
    if rng.random() < 0.5:
        return s[:i] + s[i + 1 :]
    return s[:i] + rng.choice("aiueonrkst".replace(s[i].lower(), "")) + s[i + 1 :]


def make(v, family):
    kc = v.rsplit(".", 1)[0]
    kb = kc.rsplit(".", 1)[0]
    desa_name, kec_name, kab_name = units[v], units[kc], kab_core(kb)
    if family == "typo":
        if len(desa_name) < 7:
            return None
        desa_name = typo(desa_name)
    vkind = "kel" if v.split(".")[3][0] == "1" else "desa"
    # Which parts, and how they are written.
    with_kec = rng.random() < 0.8
    with_kab = rng.random() < 0.75 or not with_kec
    desa_prefix = rng.choice([None, None, "Kel.", "Kelurahan"] if vkind == "kel" else [None, None, "Desa", "Ds."])
    kind = {"Kel.": "kel", "Kelurahan": "kel", "Desa": "desa", "Ds.": "desa"}.get(desa_prefix)
    kec_prefix = rng.choice([None, "Kec.", "Kecamatan"])
    abbr = ABBR.get(kb) if rng.random() < 0.3 else None
    kab_prefix = None if abbr else rng.choice([None, None, "Kota"] if is_kota(kb) else [None, "Kab.", "Kabupaten"])
    kab_kind = {"Kab.": "kab", "Kabupaten": "kab", "Kota": "kota"}.get(kab_prefix)
    shape = rng.choice(["fields", "comma", "comma_reversed", "no_comma", "no_comma_reversed", "punct"])
    if shape == "fields":
        desa_prefix = desa_prefix if rng.random() < 0.3 else None
        kind = {"Kel.": "kel", "Kelurahan": "kel", "Desa": "desa", "Ds.": "desa"}.get(desa_prefix)
    if shape.startswith("no_comma") and (not with_kec or not with_kab):
        shape = "comma"
    # The truth: exactly one village fits (a typo'd name is checked with the true spelling).
    truth_desa = norm(units[v])
    cands = [
        x
        for x in by_desa[truth_desa]
        if fits(
            x,
            truth_desa,
            kind,
            norm(kec_name) if with_kec else None,
            norm(kab_name) if with_kab and not abbr else None,
            kab_kind if with_kab else None,
            abbr if with_kab else None,
        )
    ]
    if cands != [v]:
        return None
    if shape != "fields" and not with_kec and not with_kab and truth_desa in level_names:
        return None
    if shape != "fields" and not desa_prefix and not with_kec and not with_kab:
        return None

    def part(prefix, name):
        name = case(name)
        return f"{case(prefix)} {name}" if prefix else name

    desa_s = part(desa_prefix, desa_name)
    kec_s = part(kec_prefix, kec_name) if with_kec else None
    kab_s = (case(abbr.capitalize()) if abbr else part(kab_prefix, kab_name)) if with_kab else None
    if shape == "fields":
        return (family, shape, "", desa_s, kec_s or "", kab_s or "", v)
    parts = [p for p in (desa_s, kec_s, kab_s) if p]
    if shape.endswith("reversed"):
        parts.reverse()
    if shape.startswith("no_comma"):
        text = " ".join(parts)
    elif shape == "punct":
        seps = [", ", " ,", " - ", ",  ", "; ", " , "]
        text = parts[0]
        for p in parts[1:]:
            text += rng.choice(seps) + p
        text = rng.choice(["", " ", "  "]) + text + rng.choice(["", ".", " ", ","])
        text = text.replace(" ", "  ", 1) if rng.random() < 0.3 else text
    else:
        text = ", ".join(parts)
    return (family, shape, text, "", "", "", v)


def build(pool):
    rows = []
    for v in pool:
        row = make(v, "typo" if rng.random() < 0.05 else "clean")
        if row:
            rows.append(row)
        if len(rows) == PER_SET:
            break
    return rows


order = villages[:]
rng.shuffle(order)
half = len(order) // 2
OUT.mkdir(parents=True, exist_ok=True)
for name, pool in (("places_dev.tsv", order[:half]), ("places_heldout.tsv", order[half:])):
    rows = build(pool)
    with open(OUT / name, "w", encoding="utf-8") as f:
        f.write("family\tshape\ttext\tdesa\tkecamatan\tkab_kota\tcode\n")
        for r in rows:
            assert not any("\t" in x or "\n" in x for x in r)
            f.write("\t".join(r) + "\n")
    print(name, len(rows))
