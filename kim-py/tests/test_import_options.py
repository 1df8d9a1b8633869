"""Import options of Registry.from_csv / from_records / from_pandas (issues 14 and 23): encoding and delimiter
detected and reported, Indonesian headers, a user column mapping, dates, and bounded error lists."""

from __future__ import annotations

import pathlib

import kim
import pytest

EXCEL = pathlib.Path(__file__).resolve().parents[2] / "kim-core" / "tests" / "data" / "excel"


def _write(tmp: pathlib.Path, name: str, data: bytes) -> pathlib.Path:
    p = tmp / name
    p.write_bytes(data)
    return p


def test_cp1252_semicolon_file_is_detected_and_reported(tmp_path: pathlib.Path) -> None:
    data = "ID KIM;Nama KIM;Kode Wilayah;Status;Tgl. Status\nK1;KIM Bénoa;64.02.01.2001;active;12 Juli 2022\n"
    path = _write(tmp_path, "k.csv", data.encode("cp1252"))
    reg, report = kim.Registry.from_csv(path, errors="report")
    assert reg.get("K1")["name"] == "KIM Bénoa"
    assert str(reg.get("K1")["history"][0]["date"]) == "2022-07-12"
    assert (report["kims"]["encoding"], report["kims"]["delimiter"]) == ("windows-1252", ";")
    assert "windows-1252" in report["summary"]


def test_explicit_options_win(tmp_path: pathlib.Path) -> None:
    data = "id|nama|seat|status|status_date\nK1|KIM Ä|64.02.01.2001|active|07/25/2022\n"
    path = _write(tmp_path, "k.csv", data.encode("latin-1"))
    reg, report = kim.Registry.from_csv(path, errors="report", delimiter="|", encoding="latin-1", dayfirst=False)
    assert len(reg) == 1 and reg.get("K1")["name"] == "KIM Ä"
    assert report["kims"]["encoding"] == "iso-8859-1"


def test_utf16_is_decoded(tmp_path: pathlib.Path) -> None:
    data = "id,name,seat\r\nK1,KIM Bénoa,64.02.01.2001\r\n"
    path = _write(tmp_path, "k.csv", data.encode("utf-16"))
    reg = kim.Registry.from_csv(path)
    assert reg.get("K1")["name"] == "KIM Bénoa"


def test_ambiguous_date_names_the_option(tmp_path: pathlib.Path) -> None:
    rows = [{"id": "K1", "name": "A", "seat": "64.02.01.2001", "status": "active", "status_date": "07/25/2022"}]
    with pytest.raises(kim.ValidationError) as e:
        kim.Registry.from_records(rows)
    assert "dayfirst=False" in str(e.value)
    assert len(kim.Registry.from_records(rows, dayfirst=False)) == 1


def test_year_window() -> None:
    rows = [{"id": "K1", "name": "A", "seat": "64.02.01.2001", "status": "active", "status_date": "0001-01-01"}]
    _, bad = kim.Registry.from_records(rows, errors="collect")
    assert bad[0]["code"] == "KIM-E-DATE" and "1900" in bad[0]["reason"]
    assert len(kim.Registry.from_records(rows, min_year=1)) == 1


def test_columns_mapping_duplicates_and_unknown(tmp_path: pathlib.Path) -> None:
    path = _write(tmp_path, "k.csv", b"Kode,Nama Kelompok,seat,stauts\nK1,KIM A,64.02.01.2001,x\n")
    reg, report = kim.Registry.from_csv(path, errors="report", columns={"Kode": "id", "Nama Kelompok": "name"})
    assert len(reg) == 1
    [w] = report["kims"]["warnings"]
    assert (w["column"], w["suggestion"]) == ("stauts", "status")
    dup = _write(tmp_path, "d.csv", b"nama,nama_kim,id,seat\nA,B,K1,64.02.01.2001\n")
    with pytest.raises(kim.KimError) as e:
        kim.Registry.from_csv(dup)
    assert "`nama`" in str(e.value) and "`nama_kim`" in str(e.value)


def test_bad_options_are_argument_errors(tmp_path: pathlib.Path) -> None:
    with pytest.raises(TypeError, match="delimeter"):
        kim.Registry.from_records([], delimeter=";")  # type: ignore[call-arg]
    with pytest.raises(kim.KimError, match="encoding"):
        kim.Registry.from_csv(_write(tmp_path, "k.csv", b"id,name,seat\n"), encoding="ebcdic")
    with pytest.raises(kim.KimError, match="delimiter"):
        kim.Registry.from_csv(_write(tmp_path, "k.csv", b"id,name,seat\n"), delimiter=";;")


def test_error_lists_are_bounded_and_counted(tmp_path: pathlib.Path) -> None:
    path = _write(tmp_path, "k.csv", b"id,name,seat\n" + b",,\n" * 5000)
    reg, report = kim.Registry.from_csv(path, errors="report", max_errors=10)
    t = report["kims"]
    assert (t["rows_in"], t["accepted"], t["rejected"]) == (5000, 0, 5000)
    assert len(t["errors"]) == 10 and t["errors_truncated"]
    assert t["error_counts"] == {"KIM-E-REQUIRED": 15000}
    _, report = kim.Registry.from_csv(path, errors="report", max_bad_rows=3)
    t = report["kims"]
    assert (t["rows_in"], t["rejected"], t["stopped_at_line"]) == (3, 3, 4)
    assert "stopped at line 4" in report["summary"]


def test_pandas_frame_with_nat_nan_and_indonesian_headers() -> None:
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(
        {
            "ID KIM": ["K1", "K2"],
            "Nama KIM": ["KIM A", "KIM B"],
            "Kode Wilayah": ["64.02.01.2001", "64.02.01.2002"],
            "Status": ["active", "active"],
            "Tanggal Status": [pd.Timestamp("2022-07-12"), pd.NaT],
            "Nomor SK": [float("nan"), float("nan")],
        }
    )
    reg, bad = kim.Registry.from_pandas(df, errors="collect")
    assert reg.ids() == ["K1"]
    assert str(reg.get("K1")["history"][0]["date"]) == "2022-07-12"
    assert [(b["line"], b["field"], b["code"]) for b in bad] == [(2, "status_date", "KIM-E-REQUIRED")]
