"""Registry data as users really have it (issue 14): blanks from pandas, NIK columns read as numbers, error texts."""

from __future__ import annotations

import datetime

import kim
import pytest

pd = pytest.importorskip("pandas")

SEAT = "64.02.01.2001"
NIK = "6402014101900001"  # below 2**53: a float holds it exactly
NIK_HIGH = "9201014101900001"  # above 2**53 (Papua Barat): a float cannot hold every such number


def _kims(n: int = 1) -> list[dict[str, object]]:
    return [
        {"id": f"K{i + 1}", "name": f"KIM {i + 1}", "seat": SEAT, "status": "active", "status_date": "2024-01-01"}
        for i in range(n)
    ]


# ---- 1. a blank is a blank ------------------------------------------------------------------------------------------


def test_nat_in_a_required_date_rejects_the_row_with_line_and_field() -> None:
    df = pd.DataFrame(
        {
            "id": ["K1", "K2"],
            "name": ["KIM 1", "KIM 2"],
            "seat": [SEAT, SEAT],
            "status": ["active", "active"],
            "status_date": pd.to_datetime(["2024-01-01", None]),
        }
    )
    assert df["status_date"].dtype.kind == "M" and df["status_date"].isna().iloc[1]
    reg, bad = kim.Registry.from_pandas(df, errors="collect")
    assert reg.ids() == ["K1"]
    assert reg.get("K1")["history"][0]["date"] == datetime.date(2024, 1, 1)
    assert [(b["table"], b["line"], b["field"], b["code"]) for b in bad] == [
        ("kims", 2, "status_date", "KIM-E-REQUIRED")
    ]


def test_nat_in_optional_dates_is_absent_never_year_1() -> None:
    kims = pd.DataFrame(
        {
            "id": ["K1"],
            "name": ["KIM 1"],
            "seat": [SEAT],
            "status": ["active"],
            "status_date": pd.to_datetime(["2024-01-01"]),
        }
    )
    members = pd.DataFrame(
        {
            "kim_id": ["K1", "K1"],
            "id": ["m1", "m2"],
            "name": ["Siti", "Budi"],
            "birth_date": pd.to_datetime(["1990-01-01", None]),
            "term_start": pd.to_datetime([None, "2024-01-01"]),
        }
    )
    reg = kim.Registry.from_pandas(kims, members=members)
    m1, m2 = reg.get("K1")["members"]
    assert m1["birth_date"] == datetime.date(1990, 1, 1) and m1["term_start"] is None
    assert m2["birth_date"] is None and m2["term_start"] == datetime.date(2024, 1, 1)
    assert "0001-01-01" not in reg.to_json()


@pytest.mark.parametrize("blank", [None, float("nan"), "", "  "])
def test_every_blank_is_treated_like_none(blank: object) -> None:
    rows = _kims(1)
    rows[0]["status_date"] = blank
    _, bad = kim.Registry.from_records(rows, errors="collect")
    assert [(b["line"], b["field"], b["code"]) for b in bad] == [(1, "status_date", "KIM-E-REQUIRED")]


@pytest.mark.parametrize("blank", ["NaT", "NA", "np.nan", "np.datetime64(NaT)"])
def test_pandas_and_numpy_blanks_are_treated_like_none(blank: str) -> None:
    np = pytest.importorskip("numpy")
    value = {
        "NaT": pd.NaT,
        "NA": pd.NA,
        "np.nan": np.nan,
        "np.datetime64(NaT)": np.datetime64("NaT"),
    }[blank]
    rows = _kims(1)
    rows[0]["status_date"] = value
    rows[0]["sk_number"] = value  # an optional text field: simply absent
    _, bad = kim.Registry.from_records(rows, errors="collect")
    assert [(b["line"], b["field"], b["code"]) for b in bad] == [(1, "status_date", "KIM-E-REQUIRED")]


@pytest.mark.parametrize(
    "value",
    [
        datetime.date(2024, 1, 1),
        datetime.datetime(2024, 1, 1, 0, 0),
        pd.Timestamp("2024-01-01"),
        "2024-01-01",
        "01/01/2024",
    ],
)
def test_real_dates_still_work(value: object) -> None:
    rows = _kims(1)
    rows[0]["status_date"] = value
    reg = kim.Registry.from_records(rows)
    assert reg.get("K1")["history"][0]["date"] == datetime.date(2024, 1, 1)


# ---- 2. a NIK column read as float ----------------------------------------------------------------------------------


def _members_with_float_niks(niks: list[str | None]) -> object:
    df = pd.DataFrame(
        {
            "kim_id": ["K1"] * len(niks),
            "id": [f"m{i + 1}" for i in range(len(niks))],
            "name": [f"Anggota {i + 1}" for i in range(len(niks))],
            "nik": niks,
        }
    )
    df["nik"] = pd.to_numeric(df["nik"])  # what read_csv does to a NIK column with a blank cell
    assert df["nik"].dtype == "float64"
    return df


def test_float_nik_column_with_a_blank_is_read_when_exact() -> None:
    members = _members_with_float_niks([NIK, None])
    reg = kim.Registry.from_pandas(pd.DataFrame(_kims(1)), members=members)
    m1, m2 = reg.get("K1")["members"]
    assert m1["nik"] == "6402**********01" and m2.get("nik") is None
    assert NIK in reg.to_json()


def test_float_nik_above_2_53_is_rejected_with_a_hint() -> None:
    members = _members_with_float_niks([NIK_HIGH, None])
    _, bad = kim.Registry.from_pandas(pd.DataFrame(_kims(1)), members=members, errors="collect")
    assert [(b["table"], b["line"], b["field"], b["code"]) for b in bad] == [("members", 1, "nik", "KIM-E-NIK")]
    reason = bad[0]["reason"]
    assert "arrived as a number (float)" in reason and "dtype={'nik': str}" in reason
    assert "2^53" in reason
    assert NIK_HIGH not in repr(bad) and NIK_HIGH[:12] not in repr(bad)


def test_a_bad_nik_that_arrived_as_a_number_says_so() -> None:
    # Exact as a float, but the day is 99: the reason says both what is wrong and that it came as a number.
    rows = [{"kim_id": "K1", "id": "m1", "name": "Siti", "nik": 6402019901900001.0}]
    _, bad = kim.Registry.from_records(_kims(1), members=rows, errors="collect")
    assert len(bad) == 1
    reason = bad[0]["reason"]
    assert "day" in reason and "arrived as a number (float)" in reason
    assert bad[0]["value"] == "6402**********01", "the value is the 16 digits, masked, not a 17-character float"
    rows = [{"kim_id": "K1", "id": "m1", "name": "Siti", "nik": 640201410190000}]  # an int with a digit lost
    _, bad = kim.Registry.from_records(_kims(1), members=rows, errors="collect")
    assert "16 digits" in bad[0]["reason"] and "arrived as a number (int)" in bad[0]["reason"]


def test_integer_nik_column_is_read() -> None:
    members = pd.DataFrame({"kim_id": ["K1"], "id": ["m1"], "name": ["Siti"], "nik": [int(NIK)]})
    assert members["nik"].dtype == "int64"
    reg = kim.Registry.from_pandas(pd.DataFrame(_kims(1)), members=members)
    assert reg.get("K1")["members"][0]["nik"] == "6402**********01"


def test_non_integral_float_nik_is_rejected() -> None:
    rows = [{"kim_id": "K1", "id": "m1", "name": "Siti", "nik": 640201410190000.5}]
    _, bad = kim.Registry.from_records(_kims(1), members=rows, errors="collect")
    assert [(b["field"], b["code"]) for b in bad] == [("nik", "KIM-E-NIK")]
    assert "arrived as a number (float)" in bad[0]["reason"]


# ---- 6. kim.validate(dict) names the member and the field -----------------------------------------------------------


def test_validate_dict_with_a_bad_member_nik_names_member_and_field() -> None:
    k = {
        "id": "K1",
        "name": "KIM 1",
        "seat": SEAT,
        "members": [{"id": "m1", "name": "Siti"}, {"id": "m2", "name": "Budi", "nik": "123"}],
    }
    with pytest.raises(kim.KimError) as e:
        kim.validate(k, as_of=datetime.date(2025, 6, 30))
    msg = str(e.value)
    assert "members[m2].nik" in msg, msg
    assert "16 digits" in msg
    assert "line 0" not in msg


def test_validate_dict_masks_a_member_id_that_looks_like_a_nik() -> None:
    k = {"id": "K1", "name": "KIM 1", "seat": SEAT, "members": [{"id": NIK, "name": "Budi", "nik": "123"}]}
    with pytest.raises(kim.KimError) as e:
        kim.validate(k, as_of=datetime.date(2025, 6, 30))
    msg = str(e.value)
    assert "members[6402**********01].nik" in msg, msg
    assert NIK not in msg


# ---- 7. ValidationError lists the bad rows --------------------------------------------------------------------------


def test_validation_error_text_lists_the_bad_rows() -> None:
    rows = _kims(13)
    for r in rows[1:]:
        r["seat"] = "64.0x"
    with pytest.raises(kim.ValidationError) as e:
        kim.Registry.from_records(rows)
    msg = str(e.value)
    assert "12 of 13 KIM rows" in msg
    assert "kims line 2, field seat:" in msg
    assert "kims line 11, field seat:" in msg
    assert "kims line 12, field seat:" not in msg
    assert "… and 2 more" in msg
    assert len(e.value.errors()) == 12
