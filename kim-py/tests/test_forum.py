"""Forums and pembinaan from Python: the illustrative Kukar scenario, tables, CSV import and errors."""

from __future__ import annotations

import datetime
import json
import pathlib

import kim
import pytest

DATA = pathlib.Path(__file__).resolve().parents[2] / "examples" / "data"
AS_OF = datetime.date(2025, 6, 30)


@pytest.fixture(scope="module")
def forums() -> kim.Forums:
    return kim.Forums.from_json((DATA / "forum_kukar.json").read_text())


@pytest.fixture(scope="module")
def registry() -> kim.Registry:
    return kim.Registry.from_json((DATA / "forum_kukar_kims.json").read_text())


@pytest.fixture
def pembinaan() -> kim.Pembinaan:
    return kim.Pembinaan.from_json((DATA / "forum_kukar_pembinaan.json").read_text())


def test_forum_queries_and_metrics(forums: kim.Forums, registry: kim.Registry) -> None:
    assert len(forums) == 5
    assert forums.memberships_of("KIM-6402-001", AS_OF) == ["FK-640201"]
    assert forums.forum_of("KIM-6402-001", "kab_kota", AS_OF) == "FK-6402"
    assert forums.forum_of("KIM-6402-013", "kab_kota", AS_OF) is None
    m = kim.forum_coverage(forums, level="kecamatan", within="64.02", as_of=AS_OF)
    assert (m["numerator"], m["denominator"], m["as_of"]) == (3, 20, AS_OF)
    assert m["code_list_version"].startswith("kepmendagri")
    a = kim.kim_forum_affiliation(forums, registry, level="kab_kota", within="64.02", as_of=AS_OF)
    assert (a["numerator"], a["denominator"]) == (9, 11)
    # The Kukar forum's term ends 2025-07-11: on 2025-07-12 it has expired, which is not dissolution.
    report = forums.check(registry, as_of=datetime.date(2025, 7, 12))
    codes = {f["code"] for f in report["findings"]}
    assert "FORUM-FR9-TERM-EXPIRED" in codes
    strict = forums.check(registry, as_of=AS_OF, rules={"overlay": "overlay-x", "officers_severity": "error"})
    assert not strict["ok"]
    assert json.loads(forums.to_json())["schema_version"] == 1
    assert kim.Forums(json.loads(forums.to_json())["forums"]).ids == forums.ids


def test_pembinaan_report_tables(pembinaan: kim.Pembinaan, registry: kim.Registry) -> None:
    r = kim.pembinaan_report(pembinaan, registry, unit="64.02", end=AS_OF)
    d = r.to_dict()
    assert d["from"] == datetime.date(2024, 7, 1)
    assert (d["trained_share_12m"]["numerator"], d["trained_share_12m"]["denominator"]) == (8, 11)
    assert r.recipients[0] == ("bupati/wali kota", False)
    metrics = r.metrics()
    assert len(metrics) == 5
    assert metrics.columns[:4] == ["name", "within", "numerator", "denominator"]
    recs = {x["name"]: x for x in metrics.to_records()}
    assert recs["spm_kecamatan_coverage"]["numerator"] == 6
    # Sosialisasi counts as training only when asked.
    wide = kim.pembinaan_report(pembinaan, registry, unit="64.02", end=AS_OF, training=["bimtek", "sosialisasi"])
    assert wide.to_dict()["trained_share_12m"]["numerator"] == 9
    with pytest.raises(kim.ArgumentError, match="kab/kota or province"):
        kim.pembinaan_report(pembinaan, registry, unit="64.02.06", end=AS_OF)
    with pytest.raises(kim.ArgumentError, match="training"):
        kim.pembinaan_report(pembinaan, registry, unit="64.02", end=AS_OF, training=["kursus"])


def test_tables_to_pandas_polars_arrow(pembinaan: kim.Pembinaan, registry: kim.Registry) -> None:
    r = kim.pembinaan_report(pembinaan, registry, unit="64.02", end=AS_OF)
    pd = pytest.importorskip("pandas")
    df = r.sarpras().to_pandas()
    assert list(df.columns) == r.sarpras().columns
    assert int(df.loc[df["kind"] == "laptop", "units"].iloc[0]) == 2
    assert isinstance(df, pd.DataFrame)
    pa = pytest.importorskip("pyarrow")
    t = pa.table(r.metrics())
    assert t.num_rows == 5 and t.column_names == r.metrics().columns


def test_tables_to_polars(pembinaan: kim.Pembinaan, registry: kim.Registry) -> None:
    pytest.importorskip("polars")
    f = kim.pembinaan_report(pembinaan, registry, unit="64.02", end=AS_OF).funding().to_polars()
    assert f.columns == ["source", "activities", "grants", "amount", "amounts_unknown"] and f.height == 2


def test_csv_import_reports_rejected_rows(pembinaan: kim.Pembinaan, registry: kim.Registry) -> None:
    rep = pembinaan.import_activities_csv(DATA / "forum_kukar_activities.csv")
    assert (rep["rows_in"], rep["accepted"], rep["rejected"]) == (2, 2, 0)
    rep = pembinaan.import_attendance_csv((DATA / "forum_kukar_attendance.csv").read_bytes(), registry)
    assert (rep["rows_in"], rep["accepted"], rep["rejected"]) == (4, 3, 1)
    e = rep["errors"][0]
    assert (e["line"], e["field"], e["code"]) == (4, "kim_id", "KIM-E-UNKNOWN-KIM")
    assert "SOSIALISASI-2025-SBL" in pembinaan.attended_by("KIM-6402-008", datetime.date(2025, 1, 1), AS_OF)
    codes = {f["code"] for f in pembinaan.check(registry, as_of=AS_OF)["findings"]}
    assert "PB-PB7-SIPD" in codes
    with pytest.raises(kim.KimIOError):
        pembinaan.import_activities_csv(DATA / "no-such-file.csv")
    with pytest.raises(kim.CsvError, match="kind"):
        pembinaan.import_activities_csv(b"id,title\nA,B\n")


def test_csv_import_options_and_funding_lines() -> None:
    p = kim.Pembinaan()
    head = "id;judul;jenis_kegiatan;jenis_penyelenggara;tanggal_mulai;tanggal_selesai;sumber_dana;anggaran;"
    head += "penyelenggara\r\n"
    # An Excel export: Windows-1252, semicolons, day-first dates, two funding sources on one row (quoted).
    row = 'B1;Bimtek;bimtek;dinas_kab_kota;03/02/2025;04/02/2025;"apbd_kab_kota;apbn";"1.000.000;";'
    row += "Dinas Kominfo Kukar \u2013 Bidang IKP\r\n"
    rep = p.import_activities_csv((head + row).encode("cp1252"), delimiter=";", dayfirst=True, encoding="cp1252")
    assert (rep["rows_in"], rep["accepted"], rep["rejected"], rep["encoding"]) == (1, 1, 0, "windows-1252"), rep
    doc = json.loads(p.to_json())["activities"][0]
    assert (doc["start"], doc["organizer"]["name"]) == ("2025-02-03", "Dinas Kominfo Kukar \u2013 Bidang IKP")
    assert [(f["source"], f.get("amount")) for f in doc["funding"]] == [("apbd_kab_kota", 1000000), ("apbn", None)]
    # Unquoted, the `;` splits the sources into cells of their own: the row has too many fields, and says so.
    row = "B2;Bimtek;bimtek;dinas_kab_kota;03/02/2025;04/02/2025;apbd_kab_kota;apbn;1.000.000;;Dinas\r\n"
    rep = p.import_activities_csv((head + row).encode("cp1252"), delimiter=";")
    assert (rep["rows_in"], rep["accepted"], rep["rejected"]) == (1, 0, 1) and rep["errors"][0]["line"] == 2, rep
    with pytest.raises(kim.KimError, match="places"):
        p.import_attendance_csv(b"id_kegiatan,id_kim\nB1,K1\n", places={"K1": "64.02.01.2001"})
    with pytest.raises(TypeError, match="sep"):
        p.import_attendance_csv(b"id_kegiatan,id_kim\nB1,K1\n", sep=";")


def test_bad_json_says_where() -> None:
    bad = {"schema_version": 1, "forums": [{"id": "F1", "name": "F", "level": "desa"}]}
    with pytest.raises(kim.KimError, match=r"forums\[F1\]"):
        kim.Forums.from_json(json.dumps(bad))
    doc = {
        "schema_version": 1,
        "activities": [
            {
                "id": "A1",
                "title": "Bimtek",
                "kind": "bimtek",
                "organizer": {"kind": "dinas_kab_kota", "region": "64.02"},
                "start": "2025-01-02",
                "end": "2025-01-01",
            }
        ],
    }
    with pytest.raises(kim.KimError, match=r"activities\[A1\]\.end"):
        kim.Pembinaan.from_json(json.dumps(doc))
    with pytest.raises(kim.ArgumentError, match="forum level"):
        kim.forum_coverage(kim.Forums([]), level="desa")
