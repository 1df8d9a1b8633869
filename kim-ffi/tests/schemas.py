"""Validates real documents in and out of the C ABI against kim-ffi/schema/*.schema.json (JSON Schema 2020-12).

Calls the library through ctypes as any integrator would, collects every JSON document it writes (and the input
documents the tests send), and checks each against its schema. Also checks that every schema is itself valid, that
every schema is used, and that a document with a wrong field fails (so the schemas do constrain).

Usage: python kim-ffi/tests/schemas.py path/to/libkim_ffi.so examples/data
(run by scripts/test-all.sh with the test venv, which has jsonschema from kim-py/requirements-test.lock).
"""

from __future__ import annotations

import ctypes
import json
import sys
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"

c_char_pp = ctypes.POINTER(ctypes.c_char_p)


class Kim:
    """A thin ctypes wrapper: each call returns the parsed JSON document, or raises with the stable code."""

    def __init__(self, path: str) -> None:
        self.lib = ctypes.CDLL(path)
        self.lib.kim_string_free.argtypes = [ctypes.c_void_p]
        self.lib.kim_last_error_code.restype = ctypes.c_size_t
        self.lib.kim_last_error_message.restype = ctypes.c_size_t

    def error(self) -> str:
        buf = ctypes.create_string_buffer(8192)
        self.lib.kim_last_error_code(buf, 64)
        code = buf.value.decode()
        self.lib.kim_last_error_message(buf, 8192)
        return f"{code}: {buf.value.decode()}"

    def handle(self, fn: str, *args: Any) -> ctypes.c_void_p:
        out = ctypes.c_void_p()
        status = getattr(self.lib, fn)(*args, ctypes.byref(out))
        if status != 0:
            raise RuntimeError(f"{fn}: {status} {self.error()}")
        return out

    def call(self, fn: str, *args: Any) -> Any:
        out = ctypes.c_void_p()
        status = getattr(self.lib, fn)(*args, ctypes.byref(out))
        if status != 0:
            raise RuntimeError(f"{fn}: {status} {self.error()}")
        text = ctypes.string_at(out.value).decode()
        self.lib.kim_string_free(out)
        return json.loads(text)


def buf(s: str | bytes) -> tuple[bytes, int]:
    b = s.encode() if isinstance(s, str) else s
    return b, len(b)


def arg(doc: Any) -> tuple[bytes, int]:
    return buf(json.dumps(doc))


def documents(kim: Kim, data: Path) -> list[tuple[str, Any]]:
    """(schema name, document) for every kind of document in and out of the ABI."""
    docs: list[tuple[str, Any]] = []
    ref = kim.handle("kim_reference_shared")
    registry_json = json.loads((data / "kim_sample.json").read_text())
    docs.append(("registry", registry_json))
    reg = kim.handle("kim_registry_from_json", *arg(registry_json))
    out = ctypes.c_void_p()
    assert kim.lib.kim_registry_to_json(reg, 0, ctypes.byref(out)) == 0
    docs.append(("registry", json.loads(ctypes.string_at(out.value).decode())))
    kim.lib.kim_string_free(out)
    assert kim.lib.kim_registry_to_json(reg, 1, ctypes.byref(out)) == 0
    docs.append(("registry", json.loads(ctypes.string_at(out.value).decode())))
    kim.lib.kim_string_free(out)
    for k in registry_json["kims"][:5]:
        docs.append(("kim", k))

    # Code list.
    docs.append(("reference_lookup", kim.call("kim_reference_lookup", ref, *buf("64.02"))))
    docs.append(("reference_lookup", kim.call("kim_reference_lookup", ref, *buf("64"))))
    docs.append(("reference_children", kim.call("kim_reference_children", ref, None, 0)))
    docs.append(("reference_children", kim.call("kim_reference_children", ref, *buf("64.02.01"))))
    for req in [
        {"place": "Desa Perian, Kec. Muara Muntai, Kukar"},
        {"place": "Sidomulyo"},
        {"place": "Perain, Muara Muntai"},
        {"place": "Atlantis"},
        {"desa": "Perian", "kecamatan": "Muara Muntai", "kab_kota": "Kutai Atlantis"},
        {"parts": ["Kutai Kartanegara", "Muara Muntai", "Perian"]},
    ]:
        docs.append(("resolve_request", req))
        docs.append(("resolution", kim.call("kim_reference_resolve", ref, *arg(req))))
    for name, opts in [("PERIAN", {"within": "64.02.01"}), ("Kukar", {"level": "kab_kota"}), ("Sidomulyo", {})]:
        docs.append(("match_options", opts))
        docs.append(("name_matches", kim.call("kim_reference_match_name", ref, *buf(name), *arg(opts))))

    # Import.
    legacy = (data / "kim_legacy.csv").read_bytes()
    members = (data / "kim_legacy_members.csv").read_bytes()
    csv_opts = {"dayfirst": True, "max_errors": 100, "places": {}}
    docs.append(("csv_options", csv_opts))
    imported = ctypes.c_void_p()
    report = ctypes.c_void_p()
    status = kim.lib.kim_registry_from_csv_with(
        legacy, len(legacy), members, len(members), ref, *arg(csv_opts), ctypes.byref(imported), ctypes.byref(report)
    )
    assert status == 0, kim.error()
    docs.append(("import_report", json.loads(ctypes.string_at(report.value).decode())))
    kim.lib.kim_string_free(report)
    kim.lib.kim_registry_free(imported)

    # Profiles and validation.
    profiles = kim.handle("kim_profiles_builtin")
    listed = kim.call("kim_profiles_list", profiles)
    docs.append(("profile_list", listed))
    for p in listed["profiles"]:
        docs.append(("profile", {"schema_version": 1, **p}))
    for opts in [
        {"as_of": "2025-06-30"},
        {"as_of": "2025-06-30", "profiles": ["permenkominfo-8-2010", "overlay-3578-surabaya"]},
        {"as_of": "2025-06-30", "path_style": "laravel"},
    ]:
        docs.append(("validate_options", opts))
        for k in registry_json["kims"][:10]:
            docs.append(("validation_report", kim.call("kim_validate_kim", profiles, ref, *arg(k), *arg(opts))))
        docs.append(("validation_reports", kim.call("kim_validate_registry", profiles, ref, reg, *arg(opts))))

    # Coverage.
    for opts in [
        {"as_of": "2025-06-30", "level": "kecamatan", "within": "64.02"},
        {"as_of": "2025-06-30", "level": "desa", "within": "64.02.01", "active": ["active"]},
        {"as_of": "2025-06-30", "level": "provinsi", "only_valid": True},
    ]:
        docs.append(("coverage_options", opts))
        docs.append(("coverage", kim.call("kim_coverage", reg, ref, *arg(opts))))
        docs.append(("gaps", kim.call("kim_gaps", reg, ref, *arg(opts))))
        docs.append(("coverage_geojson", kim.call("kim_coverage_geojson", reg, ref, *arg(opts))))
    for opts in [
        {"within": "64.02", "from": "2024-01-01", "to": "2025-06-30"},
        {"dates": ["2025-06-30", "2020-01-01"], "active": ["registered", "active"]},
    ]:
        docs.append(("series_options", opts))
        docs.append(("coverage_series", kim.call("kim_coverage_series", reg, ref, *arg(opts))))
    # Denominators and code lists through time.
    for opts in [
        {"as_of": "2025-06-30", "level": "kab_kota", "within": "64", "denominators": True},
        {"as_of": "2025-06-30", "level": "provinsi", "denominators": True},
    ]:
        docs.append(("coverage_options", opts))
        docs.append(("coverage", kim.call("kim_coverage", reg, ref, *arg(opts))))
    for code in ["64.02", "64", "64.02.01"]:
        docs.append(("reference_denominators", kim.call("kim_reference_denominators", ref, *buf(code))))
    docs.append(("code_list_versions", kim.call("kim_code_list_versions")))
    docs.append(("code_list_in_force", kim.call("kim_code_list_in_force", *buf("2021-06-30"))))
    old, new = buf("kepmendagri-100.1.1-6117-2022"), buf("kepmendagri-300.2.2-2138-2025")
    docs.append(("code_list_diff", kim.call("kim_code_list_diff", *old, *new)))
    seats = ["92.71.01", "64.02.01", "11.01.01.2999"]
    docs.append(("code_list_crosswalk", kim.call("kim_code_list_crosswalk", *old, *new, *arg(seats))))
    for opts, pin in [
        ({"as_of": "2021-06-30", "level": "kecamatan", "within": "64.02", "denominators": True}, None),
        ({"as_of": "2025-06-30", "level": "kab_kota", "within": "93"}, "kepmendagri-300.2.2-2138-2025"),
    ]:
        docs.append(("coverage_options", opts))
        pinned = buf(pin) if pin else (None, 0)
        docs.append(("coverage_by_date", kim.call("kim_coverage_by_date", reg, *arg(opts), *pinned)))
        docs.append(("gaps", kim.call("kim_gaps_by_date", reg, *arg(opts), *pinned)))
    migrated, report = ctypes.c_void_p(), ctypes.c_void_p()
    status = kim.lib.kim_registry_migrate_codes(reg, *old, None, 0, ctypes.byref(migrated), ctypes.byref(report))
    assert status == 0, kim.error()
    docs.append(("registry_migration", json.loads(ctypes.string_at(report.value).decode())))
    kim.lib.kim_string_free(report)
    kim.lib.kim_registry_free(migrated)
    opts = {"within": "64.02", "dates": ["2019-12-31", "2021-06-30", "2025-06-30"]}
    docs.append(("series_options", opts))
    docs.append(("coverage_series_by_date", kim.call("kim_coverage_series_by_date", reg, *arg(opts), None, 0)))

    for opts in [
        {"within": "64.02", "as_of": "2025-06-30", "target": {"ratio": 0.5, "date": "2030-12-31"}},
        {"as_of": "2025-06-30", "target": {"ratio": 0.0, "date": "2026-01-01", "window_months": 6}},
        {"within": "64.02.01", "as_of": "2010-01-01", "target": {"ratio": 1.0, "date": "2011-01-01"}},
    ]:
        docs.append(("target_options", opts))
        docs.append(("coverage_target", kim.call("kim_coverage_target", reg, ref, *arg(opts))))

    # Moderation.
    mod = kim.handle("kim_moderator_shared")
    texts = [
        "Gotong royong membersihkan pantai Desa Perian, Minggu pagi.",
        "Main di s.l.o.t g4c0r, maxwin tiap hari! Hubungi 0812-3456-7890",
        "VIRAL SEBELUM DIHAPUS! Bantuan tunai Rp5 juta untuk semua warga, daftar lewat link ini",
    ]
    verdicts = [kim.call("kim_moderate", mod, *buf(t)) for t in texts]
    docs.extend(("verdict", v) for v in verdicts)
    docs.append(("moderate_batch_input", texts))
    docs.append(("verdicts", kim.call("kim_moderate_batch", mod, *arg(texts))))

    # Review.
    open_req = {
        "id": "C-1",
        "kim_id": "KIM-6402-001",
        "item_id": "post-77",
        "urgency": "normal",
        "at": "2025-03-01T08:00:00Z",
        "verdict": verdicts[2],
    }
    report_req = {
        "id": "C-2",
        "kim_id": "K1",
        "item_id": "p2",
        "at": "2025-03-01T08:00:00Z",
        "report": {"reason": "hoaks", "categories": ["hoaks"], "actor": "warga", "ruleset_version": "v1"},
    }
    docs += [("review_open_request", open_req), ("review_open_request", report_req)]
    c0 = kim.call("kim_review_open", *arg(open_req))
    c_report = kim.call("kim_review_open", *arg(report_req))
    rs = "kim-default-1"
    decide = {
        "actor": "rina",
        "role": "moderator",
        "outcome": "request_edit",
        "reason": "x",
        "hoax_label": "misinformasi",
        "at": "2025-03-01T10:00:00Z",
        "ruleset_version": rs,
    }
    appeal = {"actor": "p", "role": "pengelola_kim", "reason": "y", "at": "2025-03-01T11:00:00Z", "ruleset_version": rs}
    resolve = {"actor": "a", "role": "admin_diskominfo", "outcome": "overturned", "ruleset_version": rs}
    close = {"actor": "rina", "role": "moderator", "at": "2025-03-02T10:00:00Z", "ruleset_version": rs}
    c1 = kim.call("kim_review_decide", *arg(c0), *arg(decide))
    c2 = kim.call("kim_review_appeal", *arg(c1), *arg(appeal))
    c3 = kim.call("kim_review_resolve", *arg(c2), *arg(resolve))
    c4 = kim.call("kim_review_close", *arg(c1), *arg(close))
    docs += [("review_step", s) for s in (decide, appeal, resolve, close)]
    docs += [("case", c) for c in (c0, c_report, c1, c2, c3, c4)]
    overdue_req = {"cases": [c0, c1, c2, c3, c_report], "now": "2025-03-05T00:00:00Z"}
    docs.append(("review_overdue_request", overdue_req))
    docs.append(("review_overdue", kim.call("kim_review_overdue", *arg(overdue_req))))

    # Pemetaan and assessment.
    pemetaan = json.loads((data / "pemetaan_kukar.json").read_text())
    rubric = json.loads((data / "rubric_lomba_illustrative.json").read_text())
    for req in [{"matrix": rubric["weights"]["ahp"]}, {"matrix": [[1, 9], [1 / 9, 1]], "max_cr": 0.05}]:
        docs.append(("ahp_request", req))
        docs.append(("ahp", kim.call("kim_ahp", *arg(req))))
    for req in [
        {"mappings": pemetaan["mappings"], "kab_kota": "64.02", "from": "2025-01-01", "to": "2025-06-30"},
        {"mappings": [], "kab_kota": "64.02", "from": "2025-01-01", "to": "2025-06-30", "max_age_days": 30},
    ]:
        docs.append(("mapping_report_request", req))
        docs.append(("mapping_report", kim.call("kim_mapping_report", reg, ref, *arg(req))))
    province = {"mappings": pemetaan["mappings"], "provinsi": "64", "from": "2025-01-01", "to": "2025-06-30"}
    docs.append(("mapping_reports_province_request", province))
    prov = kim.call("kim_mapping_reports_province", reg, ref, *arg(province))
    assert [r["kab_kota"] for r in prov["reports"]] == ["64.02"], prov
    docs.append(("mapping_reports_province", prov))
    observations = {
        k: {**v, "pemanfaatan_media": 3, "pelanggaran_moderasi": 0, "temuan_validasi": 0}
        for k, v in pemetaan["observations"].items()
    }
    scheme = {"name": "contoh", "provenance": "fictitious, for the test", "tiers": [{"name": "A", "min_total": 0}]}
    for req in [
        {"rubric": rubric, "observations": observations, "as_of": "2025-06-30"},
        {"rubric": rubric, "observations": observations, "scope": "provinsi", "scheme": scheme, "as_of": "2025-06-30"},
    ]:
        docs.append(("assess_request", req))
        docs.append(("assessment", kim.call("kim_assess", reg, profiles, ref, *arg(req))))
    # The fed criteria from kim's own records: review cases and validation on as_of (the rubric's two), with forum
    # and pembinaan documents beside them; every KIM of the registry observed.
    jury = ("administrasi", "pemanfaatan_media", "aktivitas_pokok")
    manual = {k: {c: v[c] for c in jury} for k, v in observations.items()}
    fed = {
        "rubric": rubric,
        "observations": manual,
        "as_of": "2025-06-30",
        "period": {"from": "2025-01-01", "to": "2025-06-30"},
        "feeds": {
            "cases": [c4],
            "validation": True,
            "forums": json.loads((data / "forum_kukar.json").read_text()),
            "pembinaan": json.loads((data / "forum_kukar_pembinaan.json").read_text()),
        },
    }
    docs.append(("assess_request", fed))
    assessed = kim.call("kim_assess", reg, profiles, ref, *arg(fed))
    docs.append(("assessment", assessed))
    assert len(assessed["scores"]["rows"]) == len(manual), assessed["scores"]
    # Without the feeds, the fed criteria are missing values: an error that names the KIM and criterion.
    out = ctypes.c_void_p()
    status = kim.lib.kim_assess(reg, profiles, ref, *arg({**fed, "feeds": {}}), ctypes.byref(out))
    assert status != 0 and "pelanggaran_moderasi" in kim.error(), kim.error()

    kim.lib.kim_profiles_free(profiles)
    kim.lib.kim_registry_free(reg)
    docs += forum_documents(kim, data, ref)
    return docs


def forum_documents(kim: Kim, data: Path, ref: ctypes.c_void_p) -> list[tuple[str, Any]]:
    """Forum KIM and pembinaan: the illustrative Kukar scenario in and out of kim_forum_* and kim_pembinaan_report."""
    docs: list[tuple[str, Any]] = []
    forums = json.loads((data / "forum_kukar.json").read_text())
    pembinaan = json.loads((data / "forum_kukar_pembinaan.json").read_text())
    reg = kim.handle("kim_registry_from_json", *buf((data / "forum_kukar_kims.json").read_text()))
    opts = {"as_of": "2025-06-30", "within": "64.02", "level": "kecamatan", "affiliation_level": "kab_kota"}
    strict = {"as_of": "2025-07-12", "rules": {"overlay": "overlay-x", "term_years": 5, "officers_severity": "error"}}
    report_opts = {"unit": "64.02", "from": "2024-07-01", "to": "2025-06-30", "training": ["bimtek", "pelatihan"]}
    docs += [("forum", forums), ("pembinaan_doc", pembinaan), ("forum_options", opts), ("forum_options", strict)]
    docs.append(("forum_pembinaan_options", report_opts))
    docs.append(("forum_check", kim.call("kim_forum_check", *arg(forums), reg, ref, *arg(opts))))
    checked = kim.call("kim_forum_check", *arg(forums), reg, ref, *arg(strict))
    assert {"FORUM-FR9-TERM-EXPIRED", "FORUM-FR11-TERM-LENGTH"} <= {f["code"] for f in checked["findings"]}, checked
    docs.append(("forum_check", checked))
    metrics = kim.call("kim_forum_metrics", *arg(forums), reg, ref, *arg(opts))
    assert (metrics["forum_coverage"]["numerator"], metrics["forum_coverage"]["denominator"]) == (3, 20), metrics
    docs.append(("forum_metrics", metrics))
    report = kim.call("kim_pembinaan_report", *arg(pembinaan), reg, ref, *arg(report_opts))
    assert report["trained_share_12m"]["numerator"] == 8, report["trained_share_12m"]
    docs.append(("forum_pembinaan_report", report))
    # Bad input: a structured error that names the forum, never a crash.
    bad = {"schema_version": 1, "forums": [{"id": "F1", "name": "F", "level": "desa"}]}
    out = ctypes.c_void_p()
    status = kim.lib.kim_forum_check(*arg(bad), reg, ref, None, 0, ctypes.byref(out))
    assert status != 0 and "forums[F1]" in kim.error(), kim.error()
    status = kim.lib.kim_pembinaan_report(*arg(pembinaan), reg, ref, *arg({"unit": "64.02.06"}), ctypes.byref(out))
    assert status != 0 and "kab/kota or province" in kim.error(), kim.error()
    # CSV: activities (two funding lines on one row) and a daftar hadir with a KIM the registry lacks, added to the
    # scenario's document; both results are documents of their schemas.
    activities = (data / "forum_kukar_activities.csv").read_bytes()
    attendance = (data / "forum_kukar_attendance.csv").read_bytes()
    two_lines = b"id,judul,jenis_kegiatan,jenis_penyelenggara,tanggal_mulai,tanggal_selesai,sumber_dana,anggaran\n"
    two_lines += b'B1,Bimtek,bimtek,dinas_kab_kota,2025-02-03,2025-02-04,apbd_kab_kota;apbn,"1.000.000;"\n'
    from_csv = kim.lib.kim_pembinaan_from_csv
    text, size, out_p = ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(ctypes.c_void_p)
    from_csv.argtypes = [text, size, text, size, text, size, ctypes.c_void_p, text, size, out_p, out_p]
    for acts, base in [(activities, pembinaan), (two_lines, None)]:
        data_out, report_out = ctypes.c_void_p(), ctypes.c_void_p()
        status = from_csv(
            acts,
            len(acts),
            attendance if base else None,
            len(attendance) if base else 0,
            *(arg(base) if base else (None, 0)),
            reg,
            None,
            0,
            ctypes.byref(data_out),
            ctypes.byref(report_out),
        )
        assert status == 0, kim.error()
        doc_out = json.loads(ctypes.string_at(data_out.value).decode())
        imported = json.loads(ctypes.string_at(report_out.value).decode())
        kim.lib.kim_string_free(data_out)
        kim.lib.kim_string_free(report_out)
        docs += [("pembinaan_doc", doc_out), ("pembinaan_import", imported)]
        if base:
            assert len(doc_out["activities"]) == len(pembinaan["activities"]) + 2, doc_out
            assert doc_out["grants"] == pembinaan["grants"]
            att = imported["attendance"]
            assert (att["rows_in"], att["accepted"], att["rejected"]) == (4, 3, 1), att
            assert (att["errors"][0]["line"], att["errors"][0]["code"]) == (4, "KIM-E-UNKNOWN-KIM"), att
        else:
            assert imported["attendance"] is None and len(doc_out["activities"][0]["funding"]) == 2, doc_out
    # A table without its required columns is an error, and neither result is written.
    data_out, report_out = ctypes.c_void_p(), ctypes.c_void_p()
    no_kind = b"id,title\nA,B\n"
    status = from_csv(
        no_kind, len(no_kind), None, 0, None, 0, None, None, 0, ctypes.byref(data_out), ctypes.byref(report_out)
    )
    assert status != 0 and "kind" in kim.error() and not data_out.value and not report_out.value, kim.error()
    kim.lib.kim_registry_free(reg)
    return [(("forum_pembinaan" if n == "pembinaan_doc" else n), d) for n, d in docs]


def main() -> int:
    lib, data = sys.argv[1], Path(sys.argv[2])
    schemas = {p.name.removesuffix(".schema.json"): json.loads(p.read_text()) for p in SCHEMA_DIR.glob("*.schema.json")}
    registry: Registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas.values())
    for name, s in schemas.items():
        Draft202012Validator.check_schema(s)
        assert s.get("$schema") == "https://json-schema.org/draft/2020-12/schema", name
    validators = {n: Draft202012Validator(s, registry=registry) for n, s in schemas.items()}

    kim = Kim(lib)
    docs = documents(kim, data)
    problems = []
    used = set()
    for name, doc in docs:
        used.add(name)
        for e in validators[name].iter_errors(doc):
            problems.append(f"{name}: {'/'.join(map(str, e.absolute_path))}: {e.message[:300]}")
    unused = set(schemas) - used - {"common"}
    problems += [f"schema {n} is never checked" for n in sorted(unused)]

    # The schemas constrain: a wrong field in an output fails.
    case = next(d for n, d in docs if n == "case")
    assert not validators["case"].is_valid({**case, "state": "lost"}), "a bad state must fail"
    verdict = next(d for n, d in docs if n == "verdict")
    assert not validators["verdict"].is_valid({**verdict, "surprise": 1}), "an unknown field must fail"

    report = next(d for n, d in docs if n == "mapping_report")
    assert not validators["mapping_report"].is_valid({**report, "completeness": 2}), "completeness is at most 1"

    for p in problems[:50]:
        print(p)
    print(f"{len(docs)} documents against {len(schemas)} schemas: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
