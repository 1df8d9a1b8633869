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


# ---- issue 14/23: one KIM shape, legacy values with findings, member problems that stay visible --------------------

AS_OF = datetime.date(2025, 6, 30)


def _codes(report: kim.Report) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in report.findings:
        out.setdefault(f["code"], []).append(f["path"])
    return out


def _legacy() -> tuple[kim.Registry, list[dict[str, object]]]:
    kims = [
        {
            "id": "K1",
            "name": "KIM RT",
            "seat": SEAT,
            "sk_number": "1/2023",
            "sk_date": "2023-01-01",
            "sk_issuer": "Ketua RT 03",
        },
        {"id": "K2", "name": "KIM Tanpa Penerbit", "seat": SEAT, "sk_number": "2/2023", "sk_date": "2023-01-01"},
        {
            "id": "K3",
            "name": "KIM Desa",
            "seat": SEAT,
            "sk_number": "3/2023",
            "sk_date": "2023-01-01",
            "sk_issuer": "Kades",
        },
    ]
    members = [
        {"kim_id": "K3", "id": "m1", "name": "Siti", "nik": NIK, "occupation": "guru", "role": "ketua"},
        {"kim_id": "K3", "id": "m2", "name": "Budi", "nik": NIK[:-1]},
        {"kim_id": "K3", "id": "m3", "name": "Wati", "role": "Pembina"},
    ]
    return kim.Registry.from_records(kims, members=members, errors="collect")


def test_legacy_values_are_imported_and_flagged() -> None:
    reg, bad = _legacy()
    assert len(reg) == 3, "a legacy issuer or an SK without issuer no longer drops the KIM"
    assert [(b["field"], b["code"]) for b in bad] == [("nik", "KIM-E-NIK")]
    k1 = reg.get("K1")
    assert k1 is not None and k1["sk"]["issuer"] == "other" and k1["sk"]["issuer_raw"] == "Ketua RT 03"
    assert _codes(kim.validate(reg.get("K1"), as_of=AS_OF))["KIM-LEGACY-ISSUER"] == ["sk.issuer"]
    assert _codes(kim.validate(reg.get("K2"), as_of=AS_OF))["KIM-SK-NO-ISSUER"] == ["sk.issuer"]
    k3 = reg.get("K3")
    assert k3 is not None and k3["sk"]["issuer"] == "kepala_desa" and "issuer_raw" not in k3["sk"]


def test_a_rejected_member_row_stays_visible_in_the_kims_report() -> None:
    reg, _ = _legacy()
    codes = _codes(kim.validate(reg.get("K3", reveal=True), as_of=AS_OF))
    assert codes["KIM-MEMBER-REJECTED"] == ["members[m2].nik"]
    assert codes["KIM-LEGACY-OCCUPATION"] == ["members[m1].occupation"]
    assert codes["KIM-LEGACY-ROLE"] == ["members[m3].role"]
    # The whole registry gives the same.
    reports = {r.kim_id: r for r in kim.validate(reg, as_of=AS_OF)}
    assert _codes(reports["K3"])["KIM-MEMBER-REJECTED"] == ["members[m2].nik"]


def test_get_masks_by_default_and_reveal_round_trips_through_validate() -> None:
    reg, _ = _legacy()
    masked = reg.get("K3")
    assert masked is not None and masked["members"][0]["nik"] != NIK
    with pytest.raises(kim.JsonError) as e:
        kim.validate(masked, as_of=AS_OF)
    assert str(e.value).startswith("members[m1].nik: ") and "masked" in str(e.value) and "reveal=True" in str(e.value)
    full = reg.get("K3", reveal=True)
    assert full is not None and full["members"][0]["nik"] == NIK
    assert kim.validate(full, as_of=AS_OF).kim_id == "K3"
    assert reg.to_records(reveal=True)[2] == full
    assert reg.to_records()[2] == masked


@pytest.mark.parametrize("bad", ["K1\u200b", "K1\x00", "K1\u202e", "K1\u00ad", "\ufeffK1", "K1\x9f"])
def test_one_text_rule_for_ids_on_dicts_records_and_pandas(bad: str) -> None:
    with pytest.raises(kim.JsonError, match=r"^id: .*KIM-E-TEXT"):
        kim.validate({"id": bad, "name": "KIM", "seat": SEAT}, as_of=AS_OF)
    _, rows = kim.Registry.from_records([{"id": bad, "name": "KIM", "seat": SEAT}], errors="collect")
    assert [(r["field"], r["code"]) for r in rows] == [("id", "KIM-E-TEXT")]
    _, rows = kim.Registry.from_pandas(pd.DataFrame({"id": [bad], "name": ["KIM"], "seat": [SEAT]}), errors="collect")
    assert [(r["field"], r["code"]) for r in rows] == [("id", "KIM-E-TEXT")]


def test_zero_width_space_does_not_make_a_second_kim() -> None:
    _, rows = kim.Registry.from_records(
        [{"id": "K1", "name": "KIM", "seat": SEAT}, {"id": "K1\u200b", "name": "KIM", "seat": SEAT}], errors="collect"
    )
    assert [(r["line"], r["code"]) for r in rows] == [(2, "KIM-E-TEXT")]
    # Surrounding whitespace (NEL included) is trimmed on every input, so it never makes a second id either.
    assert kim.validate({"id": "K1\x85", "name": " KIM ", "seat": SEAT}, as_of=AS_OF).kim_id == "K1"
    reg = kim.Registry.from_records([{"id": "K1\x85", "name": "KIM", "seat": SEAT}])
    assert reg.ids() == ["K1"]


def test_import_report_counts_rows_accepted_with_findings() -> None:
    kims = [
        {
            "id": "K1",
            "name": "KIM RT",
            "seat": SEAT,
            "sk_number": "1/2023",
            "sk_date": "2023-01-01",
            "sk_issuer": "Ketua RT",
        },
        {
            "id": "K2",
            "name": "KIM Desa",
            "seat": SEAT,
            "sk_number": "2/2023",
            "sk_date": "2023-01-01",
            "sk_issuer": "lurah",
        },
        {"id": "K3", "name": "KIM Rusak", "seat": "64.0x"},
    ]
    reg, report = kim.Registry.from_records(kims, errors="report")
    k = report["kims"]
    assert (k["rows_in"], k["accepted"], k["accepted_with_findings"], k["rejected"]) == (3, 1, 1, 1)
    assert [(e["line"], e["field"]) for e in k["errors"]] == [(3, "seat")]
    assert reg.ids() == ["K1", "K2"]
    with pytest.raises(kim.ValidationError, match="1 KIM rows and 0 member rows accepted with findings"):
        kim.Registry.from_records(kims)
