#!/usr/bin/env python3
"""Generate the ILLUSTRATIVE sample registry in examples/data/ (not the real Kutai Kartanegara registry).

Deterministic (seeded). Writes:
- examples/data/kim_sample.json: registry JSON (schema_version 1) with 40 KIMs in Kab. Kutai Kartanegara (64.02),
  plus a few deliberately flawed records so that validation has something to report;
- examples/data/kim_legacy.csv and examples/data/kim_legacy_members.csv: a legacy export with free-text village,
  kecamatan and kab/kota names instead of codes, for the name-matching import.

Every NIK here is synthetic: structurally valid, belonging to no one.
Run from the repository root: python3 scripts/gen_sample.py
"""

import csv
import datetime as dt
import json
import pathlib
import random

ROOT = pathlib.Path(__file__).resolve().parent.parent
TSV = ROOT / "kim-core" / "data" / "wilayah.tsv"
OUT = ROOT / "examples" / "data"
rng = random.Random(2026)

units = {}
for line in TSV.read_text(encoding="utf-8").splitlines():
    if line.startswith("#"):
        continue
    code, name = line.split("\t")
    units[code] = name
villages = sorted(c for c in units if c.startswith("64.02.") and c.count(".") == 3)
kecamatan = sorted(c for c in units if c.startswith("64.02.") and c.count(".") == 2)

FIRST_M = ["Ahmad", "Budi", "Rudi", "Slamet", "Hendra", "Joko", "Arif", "Dedi", "Yusuf", "Fajar", "Rahmat", "Agus"]
FIRST_F = ["Siti", "Nur", "Dewi", "Rina", "Wati", "Aisyah", "Lestari", "Fitri", "Yuni", "Ratna", "Sri", "Indah"]
LAST = ["Saputra", "Hidayat", "Wijaya", "Rahman", "Kusuma", "Pratama", "Lestari", "Syahputra", "Nugroho", "Aminah"]
OCC = ["petani", "nelayan", "wiraswasta", "pelajar", "ibu_rumah_tangga", "lainnya", "petani", "wiraswasta"]
MEDIA = ["media_sosial", "tatap_muka", "online", "luar_ruang", "cetak", "penyiaran"]
SECTORS = ["pertanian", "perikanan", "umkm", "kesehatan", "pendidikan", "pariwisata", "lingkungan"]


def nik(region: str, sex: str, birth: dt.date, serial: int) -> str:
    day = birth.day + (40 if sex == "female" else 0)
    return f"{region.replace('.', '')}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"


def d(x: dt.date) -> str:
    return x.isoformat()


serial = 9000
kims = []
chosen = rng.sample(villages, 36)
# A few villages get two KIMs, so that n_kim differs from villages with a KIM.
chosen += rng.sample(chosen, 4)
for i, seat in enumerate(chosen, 1):
    formed = dt.date(2014, 1, 1) + dt.timedelta(days=rng.randrange(0, 11 * 365))
    sk_date = formed + dt.timedelta(days=rng.randrange(3, 40))
    kelurahan = seat.split(".")[3].startswith("1")
    kim = {
        "id": f"KIM-6402-{i:03d}",
        "name": f"KIM {units[seat]}" + (" Bersatu" if i % 3 == 0 else " Mandiri" if i % 3 == 1 else " Cerdas"),
        "kind": "pemberdayaan" if i % 4 == 0 else "informasi",
        "seat": seat,
        "sk": {
            "number": f"{140 + i}/{i:02d}/SK-KIM/{sk_date.year}",
            "date": d(sk_date),
            "issuer": "lurah" if kelurahan else "kepala_desa",
        },
        "registration": None,
        "formation": {"kind": "berita_acara_musyawarah", "reference": f"BA/{i:02d}/{formed.year}", "date": d(formed)},
        "media": sorted(rng.sample(MEDIA, rng.randrange(1, 4))),
        "sectors": sorted(rng.sample(SECTORS, rng.randrange(1, 3))),
        "statutes": rng.random() < 0.6,
        "members": [],
        "history": [{"date": d(sk_date), "status": "established"}],
    }
    reg_date = sk_date + dt.timedelta(days=rng.randrange(10, 120))
    kim["registration"] = {
        "number": f"555/{i:03d}/Diskominfo/{reg_date.year}",
        "date": d(reg_date),
        "kab_kota": "64.02",
    }
    kim["history"].append({"date": d(reg_date), "status": "registered"})
    active = reg_date + dt.timedelta(days=rng.randrange(1, 30))
    kim["history"].append({"date": d(active), "status": "active"})
    roll = rng.random()
    if roll < 0.15:
        t = active + dt.timedelta(days=rng.randrange(200, 900))
        kim["history"].append({"date": d(t), "status": "inactive"})
        if rng.random() < 0.5:
            kim["history"].append({"date": d(t + dt.timedelta(days=rng.randrange(100, 400))), "status": "active"})
    elif roll < 0.22:
        t = active + dt.timedelta(days=rng.randrange(300, 1500))
        kim["history"].append({"date": d(t), "status": "dissolved", "note": "SK pembubaran kepala desa"})
    n = rng.randrange(5, 16)
    roles = ["ketua", "sekretaris", "bendahara"] + ["anggota"] * (n - 3)
    for j, role in enumerate(roles, 1):
        sex = "female" if rng.random() < 0.45 else "male"
        birth = dt.date(1965, 1, 1) + dt.timedelta(days=rng.randrange(0, 40 * 365))
        serial += 1
        first = rng.choice(FIRST_F if sex == "female" else FIRST_M)
        start = sk_date if j <= 3 else sk_date + dt.timedelta(days=rng.randrange(0, 700))
        kim["members"].append(
            {
                "id": f"m{j}",
                "name": f"{first} {rng.choice(LAST)}",
                "nik": nik(seat[:8], sex, birth, serial),
                "sex": sex,
                "birth_date": d(birth),
                "role": role,
                "occupation": rng.choice(OCC),
                "term_start": d(start),
                "term_end": None,
                "clean_record": None,
                "residence": seat,
            }
        )
    kims.append(kim)

# Deliberate flaws, so that the sample report shows what validation finds.
kims[1]["members"][4]["occupation"] = "pns"  # Kukar overlay: no PNS
kims[2]["sk"] = None  # F3: no SK
kims[2]["history"] = [{"date": kims[2]["history"][0]["date"], "status": "draft"}]
kims[2]["registration"] = None  # F4: not registered
kims[3]["registration"]["kab_kota"] = "64.03"  # F4: registered in Berau
kims[4]["formation"] = None  # F1: no evidence recorded
kims[5]["sk"]["issuer"] = "other"  # F3: issuer below kepala desa
m = kims[6]["members"][3]  # NIK does not match birth date
m["birth_date"] = d(dt.date.fromisoformat(m["birth_date"]) + dt.timedelta(days=1))
kims[7]["members"] = kims[7]["members"][:2]  # 2010 profile: fewer than 3 members

registry = {"schema_version": 1, "kims": kims}
OUT.mkdir(parents=True, exist_ok=True)
(OUT / "kim_sample.json").write_text(json.dumps(registry, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

# Legacy export: names instead of codes, Indonesian dates, some typos and abbreviations.
with open(OUT / "kim_legacy.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(
        ["id", "name", "desa", "kecamatan", "kab_kota", "sk_number", "sk_date", "sk_issuer", "status", "status_date"]
    )
    for k in kims[:12]:
        seat = k["seat"]
        desa, kec = units[seat], units[seat[:8]]
        if k["id"].endswith("3"):
            desa = desa.upper()
        kab = "Kukar" if k["id"].endswith(("2", "5")) else "Kab. Kutai Kartanegara"
        sk = k["sk"] or {"number": "", "date": "", "issuer": ""}
        date = dt.date.fromisoformat(sk["date"]).strftime("%d/%m/%Y") if sk["date"] else ""
        last = k["history"][-1]
        w.writerow(
            [
                k["id"],
                k["name"],
                f"Desa {desa}" if not seat.split(".")[3].startswith("1") else f"Kel. {desa}",
                f"Kec. {kec}",
                kab,
                sk["number"],
                date,
                sk["issuer"],
                last["status"],
                last["date"],
            ]
        )
    w.writerow(
        [
            "KIM-LEGACY-X",
            "KIM Atlantis",
            "Desa Atlantis",
            "Kec. Muara Muntai",
            "Kukar",
            "",
            "",
            "",
            "active",
            "2024-01-01",
        ]
    )
    w.writerow(
        [
            "KIM-LEGACY-Y",
            "KIM Tanggal Salah",
            "Desa Perian",
            "Kec. Muara Muntai",
            "Kukar",
            "1/2024",
            "30/02/2024",
            "kepala_desa",
            "active",
            "2024-03-01",
        ]
    )
with open(OUT / "kim_legacy_members.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["kim_id", "id", "name", "nik", "sex", "birth_date", "role", "occupation"])
    for k in kims[:3]:
        for m in k["members"][:4]:
            w.writerow([k["id"], m["id"], m["name"], m["nik"], m["sex"], m["birth_date"], m["role"], m["occupation"]])
    w.writerow(["KIM-6402-001", "m99", "NIK Rusak", "6402011399000001", "male", "1999-01-01", "anggota", "petani"])
print(f"wrote {len(kims)} KIMs to {OUT}")
