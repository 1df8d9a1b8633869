"""The messy Excel fixture of issue 14 (kim-core/tests/data/excel/*_messy.csv) through Python, and a pandas frame
with NaT, NaN, pd.NA and float NIKs. The Rust test kim-core/tests/excel_fixture.rs asserts the same rows."""

from __future__ import annotations

import datetime
import pathlib

import kim
import pytest

pd = pytest.importorskip("pandas")

DATA = pathlib.Path(__file__).resolve().parents[2] / "kim-core" / "tests" / "data" / "excel"
KIMS, MEMBERS = DATA / "kims_messy.csv", DATA / "members_messy.csv"
JULY_12 = datetime.date(2022, 7, 12)
HINT = "format the column as Text"

KIM_ERRORS = [
    (5, "desa", "KIM-E-NAME-AMBIGUOUS"),
    (7, "seat", "KIM-E-REQUIRED"),
    (8, "sk_date", "KIM-E-DATE"),
    (8, "status_date", "KIM-E-REQUIRED"),
]
MEMBER_ERRORS = [
    (3, "nik", "KIM-E-NIK"),
    (4, "nik", "KIM-E-NIK"),
    (7, "kim_id", "KIM-E-UNKNOWN-KIM"),
    (8, "kim_id", "KIM-E-UNKNOWN-KIM"),
]


def _rows(bad: list[dict[str, object]], table: str) -> list[tuple[object, object, object]]:
    return [(b["line"], b["field"], b["code"]) for b in bad if b["table"] == table]


def test_from_csv_row_by_row() -> None:
    reg, bad = kim.Registry.from_csv(KIMS, members=MEMBERS, errors="collect")
    assert [k["id"] for k in reg.to_records()] == ["K01", "K02", "K03", "K05"]
    assert _rows(bad, "kims") == KIM_ERRORS
    assert _rows(bad, "members") == MEMBER_ERRORS
    for b in bad[4:6]:
        assert "scientific notation" in b["reason"] and HINT in b["reason"]
        assert b["value"] in ("6,40201E+15", "6.40201E+15")
    k1 = reg.get("K01", reveal=True)
    assert (k1["name"], k1["seat"], k1["sk"]["date"]) == ("KIM Loa Ipuh Café", "64.02.06.1002", JULY_12)
    assert k1["members"][0]["nik"] == "6402014101900001"
    assert k1["members"][0]["occupation_raw"] == "guru"
    k2 = reg.get("K02")
    assert (k2["seat"], k2["sk"]["issuer"], k2["sk"]["issuer_raw"]) == ("64.02.01.2001", "other", "Ketua RT")
    assert k2["members"][0]["nik"] == "6402**********00", "masked unless reveal=True"
    k3 = reg.get("K03")
    assert (k3["name"], k3["sk"]["issuer"], k3["history"]) == ("KIM Sinar\u2019s", "kepala_desa", [])


def test_from_csv_review_then_places_from_the_edited_frame() -> None:
    reg, bad, review = kim.Registry.from_csv(KIMS, members=MEMBERS, errors="review")
    assert len(reg) == 4 and len(bad) == 8
    assert list(review["id"]) == ["K04", "K04"]
    assert list(review["line"]) == [5, 5]
    assert list(review["code"]) == ["64.02.14.1004", "64.02.16.2013"]
    assert list(review["candidate_kecamatan"]) == ["Muara Jawa", "Tenggarong Seberang"]
    review.loc[review["code"] == "64.02.14.1004", "chosen"] = True
    reg, bad = kim.Registry.from_csv(KIMS, members=MEMBERS, places=review, errors="collect")
    k4 = reg.get("K04")
    assert k4["seat"] == "64.02.14.1004"
    assert k4["sk"]["issuer"] == "tidak_diketahui" and "issuer_raw" not in k4["sk"]
    assert [m["name"] for m in k4["members"]] == ["Dewi Lestari"]
    assert _rows(bad, "kims") == KIM_ERRORS[1:]
    assert _rows(bad, "members") == [r for r in MEMBER_ERRORS if r[0] != 7]


def test_read_csv_then_from_pandas() -> None:
    kims = pd.read_csv(KIMS, sep=";", encoding="cp1252")
    members = pd.read_csv(MEMBERS, sep=";", encoding="cp1252")
    # The column mixes "6,40201E+15" with digits, so pandas keeps it as text: the text hint applies.
    reg, bad = kim.Registry.from_pandas(kims, members=members, errors="collect")
    # Lines count data rows from 1 for a frame.
    assert _rows(bad, "kims") == [(line - 1, f, c) for line, f, c in KIM_ERRORS]
    assert _rows(bad, "members") == [(line - 1, f, c) for line, f, c in MEMBER_ERRORS]
    assert len(reg) == 4
    assert reg.get("K05")["seat"] == "64.02.04.2007", "the whole place in the desa cell, with commas"
    # A user "cleans" the column into numbers (or Excel saved only numbers): it becomes float64 with NaN.
    members["NIK"] = pd.to_numeric(members["NIK"].str.replace(",", "."))
    assert members["NIK"].dtype == "float64"
    reg, bad = kim.Registry.from_pandas(kims, members=members, errors="collect")
    nik = [b for b in bad if b["field"] == "nik"]
    assert [(b["line"], b["code"]) for b in nik] == [(2, "KIM-E-NIK"), (3, "KIM-E-NIK")]
    for b in nik:
        assert "arrived as a number (float)" in b["reason"] and HINT in b["reason"], b["reason"]
    # 6402015207901000 may have lost its last digits to the float, but nothing tells: it is accepted.
    assert reg.get("K02", reveal=True)["members"][0]["nik"] == "6402015207901000"
    assert reg.get("K01", reveal=True)["members"][0]["nik"] == "6402014101900001"


def test_a_frame_with_nat_nan_na_and_float_niks() -> None:
    kims = pd.DataFrame(
        {
            "id": ["K1", "K2", "K3"],
            "nama_kim": ["KIM Satu", "KIM Dua", "KIM Tiga"],
            "seat": ["64.02.01.2001", "64.02.06.1002", "64.02.01.2001"],
            "nomor_sk": ["1/SK/2022", None, "3/SK/2022"],
            "tanggal_sk": pd.to_datetime(["2022-07-12", None, None]),
            "status": ["active", pd.NA, "active"],
            "tanggal_status": pd.to_datetime(["2022-07-12", None, "2022-07-12"]),
        }
    )
    members = pd.DataFrame(
        {
            "kim_id": ["K1", "K1", "K1"],
            "id": ["m1", "m2", "m3"],
            "name": ["Siti", "Budi", "Ani"],
            "nik": [6402014101900001.0, float("nan"), 6.40201e15],
            "tanggal_lahir": pd.to_datetime(["1990-01-01", None, None]),
        }
    )
    assert members["tanggal_lahir"].isna().sum() == 2
    reg, bad = kim.Registry.from_pandas(kims, members=members, errors="collect")
    # K2: no SK number, NaT date, NA status: no SK, no history, nothing invented.
    k2 = reg.get("K2")
    assert k2["sk"] is None and k2["history"] == []
    k1 = reg.get("K1", reveal=True)
    assert k1["sk"]["date"] == JULY_12
    m1, m2 = k1["members"]
    assert (m1["nik"], m1["birth_date"]) == ("6402014101900001", datetime.date(1990, 1, 1))
    assert m2.get("nik") is None and m2.get("birth_date") is None
    # K3: an SK number with a NaT date is refused where it is, not dated.
    assert reg.get("K3") is None
    rows = [(b["table"], b["line"], b["field"], b["code"]) for b in bad]
    assert rows == [("kims", 3, "sk_date", "KIM-E-REQUIRED"), ("members", 3, "nik", "KIM-E-NIK")]
    assert HINT in bad[1]["reason"]
