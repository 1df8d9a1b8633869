"""The analyst's surface (issue 15): parity with the core, tables everywhere, friendly arguments, charts, HTML, Excel
and display language. Images are checked by size and by their artists, never by pixels."""

from __future__ import annotations

import datetime
import io
import pathlib
import pickle
from typing import Any

import kim
import pytest

DATA = pathlib.Path(__file__).resolve().parents[2] / "examples" / "data"
D = datetime.date(2025, 6, 30)
KUKAR = "64.02"


@pytest.fixture(scope="module")
def registry() -> kim.Registry:
    return kim.Registry.from_json((DATA / "kim_sample.json").read_text(encoding="utf-8"))


def frames(table: Any) -> None:
    """Every tabular result converts to pandas, polars (through Arrow) and Arrow, with the same rows."""
    pa = pytest.importorskip("pyarrow")
    arrow = pa.table(table)
    assert arrow.num_rows == len(table)
    pd = pytest.importorskip("pandas")
    df = table.to_pandas()
    assert isinstance(df, pd.DataFrame) and len(df) == len(table) and list(df.columns) == arrow.column_names
    pl = pytest.importorskip("polars")
    pf = table.to_polars()
    assert isinstance(pf, pl.DataFrame) and pf.height == len(table) and pf.columns == arrow.column_names
    assert pl.DataFrame(table).columns == arrow.column_names, "polars reads the Arrow PyCapsule"


def test_only_valid_counts_only_kims_without_error(registry: kim.Registry) -> None:
    every = kim.coverage(registry, within=KUKAR, as_of=D)
    valid = kim.coverage(registry, within=KUKAR, as_of=D, only_valid=True)
    reports = kim.validate(registry, as_of=D)
    invalid = {r.kim_id for r in reports if not r.ok}
    assert set(valid.excluded_invalid) <= invalid and valid.excluded_invalid
    assert valid.total["n_kim"] == every.total["n_kim"] - len(valid.excluded_invalid)
    assert every.excluded_invalid == []


@pytest.mark.parametrize(
    ("alias", "level"),
    [("kabupaten", "kab_kota"), ("kota", "kab_kota"), ("kab/kota", "kab_kota"), ("kec", "kecamatan"), ("desa", "desa")],
)
def test_level_aliases(registry: kim.Registry, alias: str, level: str) -> None:
    within = None if level == "kab_kota" else KUKAR
    t = kim.coverage(registry, level=alias, within=within, as_of=D)  # type: ignore[arg-type]
    assert (
        t.level == level and t.to_records() == kim.coverage(registry, level=level, within=within, as_of=D).to_records()
    )  # type: ignore[arg-type]


def test_iso_date_strings(registry: kim.Registry) -> None:
    assert (
        kim.coverage(registry, within=KUKAR, as_of="2025-06-30").total
        == kim.coverage(registry, within=KUKAR, as_of=D).total
    )
    assert kim.validate(registry, as_of="2025-06-30")[1].to_dict() == kim.validate(registry, as_of=D)[1].to_dict()
    with pytest.raises(kim.ArgumentError, match="not a date"):
        kim.coverage(registry, as_of="30/06/2025")
    with pytest.raises(TypeError):
        kim.coverage(registry, as_of=20250630)  # type: ignore[arg-type]


def test_code_list_in_force(registry: kim.Registry) -> None:
    old = kim.coverage(registry, within=KUKAR, as_of="2020-06-30", code_list="in_force")
    assert old.code_list_version == "permendagri-72-2019" and old.total["kecamatan"] == 18
    assert not old.before_oldest
    pinned = kim.coverage(registry, within=KUKAR, as_of=D, code_list="permendagri-72-2019")
    assert pinned.code_list_version == "permendagri-72-2019"
    back = pickle.loads(pickle.dumps(old))
    assert (back.total, back.seats_rekeyed, back.before_oldest) == (old.total, old.seats_rekeyed, old.before_oldest)
    with pytest.raises(kim.ArgumentError, match="not both"):
        kim.coverage(registry, as_of=D, code_list="in_force", reference=kim.Reference.embedded())
    g = kim.gaps(registry, within=KUKAR, as_of="2020-06-30", code_list="in_force")
    assert g.code_list_version == "permendagri-72-2019" and len(g.kecamatan) <= 18
    s = kim.coverage_series(registry, dates=["2019-06-30", D], within=KUKAR, code_list="in_force")
    assert [r["code_list_version"] for r in s][1] == "kepmendagri-300.2.2-2138-2025"
    assert s[0]["code_list_version"] != s[1]["code_list_version"]


def test_gaps_have_names_and_parents(registry: kim.Registry) -> None:
    g = kim.gaps(registry, within=KUKAR, as_of=D)
    assert (len(g.villages), len(g.kecamatan)) == (205, 6) and g["kecamatan"] is g.kecamatan
    kec = g.kecamatan[0]
    assert kec["level"] == "kecamatan" and kec["kab_kota_name"] == "Kabupaten Kutai Kartanegara"
    assert kec["provinsi_name"] == "Kalimantan Timur" and kec["kecamatan"] is None
    ref = kim.Reference.embedded()
    for v in g.villages:
        assert v["kecamatan"] == v["code"][:8] and v["kecamatan_name"] == ref.get(v["kecamatan"])["name"]
        assert v["kind"] in ("desa", "kelurahan") and v["as_of"] == D
    frames(g.villages)
    frames(g.kecamatan)
    assert pickle.loads(pickle.dumps(g)) == g


def test_series_with_any_dates_is_a_table(registry: kim.Registry) -> None:
    s = kim.coverage_series(registry, dates=["2025-06-30", datetime.date(2020, 1, 15), "2023-03-03"], within=KUKAR)
    assert s.column("date") == [datetime.date(2020, 1, 15), datetime.date(2023, 3, 3), D]
    assert s[-1]["villages_with_kim"] == 32 and s[-1]["villages"] == 237
    monthly = kim.coverage_series(registry, start="2024-01-01", end=D, within=KUKAR)
    assert len(monthly) == 18 and monthly[-1] == s[-1] | {"date": D}
    frames(s)
    with pytest.raises(kim.ArgumentError, match="start="):
        kim.coverage_series(registry)
    with pytest.raises(kim.ArgumentError, match="`end`"):
        kim.coverage_series(registry, start=D, end="2025-01-01")
    with pytest.raises(kim.ArgumentError, match="`within`"):
        kim.coverage_series(registry, start="2025-01-01", within="64.02.01.2001")


def test_target_progress(registry: kim.Registry) -> None:
    p = kim.target_progress(registry, ratio=0.25, date="2027-12-31", within=KUKAR, as_of=D)
    assert (p["villages"], p["villages_with_kim"]) == (237, 32)
    assert p["villages_needed"] == 60 - 32 and p["target"]["date"] == datetime.date(2027, 12, 31)
    a_year_ago = kim.coverage(registry, within=KUKAR, as_of="2024-06-30").total["villages_with_kim"]
    assert p["pace_per_month"] == pytest.approx((32 - a_year_ago) / 12)
    assert p["on_time"] == (p["projected_date"] is not None and p["projected_date"] <= datetime.date(2027, 12, 31))
    with pytest.raises(kim.ArgumentError):
        kim.target_progress(registry, ratio=1.5, date=D)


def test_findings_table(registry: kim.Registry) -> None:
    f = kim.findings(registry, as_of=D)
    reports = kim.validate(registry, as_of=D)
    assert len(f) == sum(len(r.findings) for r in reports) > 0
    assert f.columns[:6] == ["kim_id", "kim_name", "seat", "kim_ok", "as_of", "code"]
    errors = {r["kim_id"] for r in f if r["severity"] == "error"}
    assert errors == {r.kim_id for r in reports if not r.ok}
    frames(f)


def test_reference_tables() -> None:
    ref = kim.Reference.embedded()
    pd = pytest.importorskip("pandas")
    kab = ref.to_pandas(level="kabupaten")
    assert isinstance(kab, pd.DataFrame) and len(kab) == ref.counts()["kabupaten"] + ref.counts()["kota"]
    assert set(kab["kind"]) == {"kabupaten", "kota"} and list(kab.columns) == [
        "code",
        "name",
        "level",
        "parent",
        "kind",
    ]
    desa = ref.table(level="desa", within=KUKAR)
    assert len(desa) == 237 and {r["kind"] for r in desa} == {"desa", "kelurahan"}
    frames(desa)


def test_coverage_frames(registry: kim.Registry) -> None:
    t = kim.coverage(registry, within=KUKAR, as_of=D)
    frames(t)
    pytest.importorskip("pyarrow")
    pl = pytest.importorskip("polars")
    assert t.to_polars().equals(pl.from_pandas(t.to_pandas()))


def png_size(ax: Any) -> tuple[int, int, int]:
    buf = io.BytesIO()
    ax.figure.savefig(buf, format="png", dpi=50)
    data = buf.getvalue()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big"), len(data)


def title_inside(ax: Any) -> bool:
    fig = ax.figure
    fig.canvas.draw()
    box = ax.title.get_window_extent()
    return box.x0 >= 0 and box.y0 >= 0 and box.x1 <= fig.bbox.x1 + 1 and box.y1 <= fig.bbox.y1 + 1


@pytest.fixture
def plt() -> Any:
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    import matplotlib.pyplot as plt

    yield plt
    plt.close("all")


def test_kukar_chart_sorted_scaled_and_titled(registry: kim.Registry, plt: Any) -> None:
    t = kim.coverage(registry, within=KUKAR, as_of=D)
    ax = t.plot()
    widths = [p.get_width() for p in ax.patches]
    assert len(widths) == 20 and widths == sorted(widths, reverse=True)
    top = max(r["village_ratio"] for r in t.to_records()) * 100
    assert top < ax.get_xlim()[1] <= 50, "the axis ends a little above the largest value, not at 30% nor at 100%"
    assert title_inside(ax) and "2025-06-30" in ax.get_title() and t.code_list_version in ax.get_title()
    w, h, size = png_size(ax)
    assert w == 400 and 150 < h < 500 and size > 5_000
    top5 = t.plot(top=5, lang="en")
    assert len(top5.patches) == 5 and "top 5" in top5.get_title() and "villages" in top5.get_xlabel()
    bottom3 = t.plot(bottom=3, sort="asc")
    assert [p.get_width() for p in bottom3.patches] == [0.0, 0.0, 0.0]


def test_national_chart_is_grouped_by_province(registry: kim.Registry, plt: Any) -> None:
    t = kim.coverage(registry, level="kab_kota", as_of=D)
    ax = t.plot(lang="en")
    labels = [x.get_text() for x in ax.get_yticklabels()]
    assert 30 <= len(labels) <= 38 and any(x.startswith("Kalimantan Timur (") for x in labels)
    assert ax.figure.get_size_inches()[1] < 16, "one row per province, not 514 bars"
    assert title_inside(ax) and "Province" in ax.get_title()
    bars = t.plot(group=False)
    assert len(bars.patches) == 40 and "40" in bars.get_title()
    with pytest.raises(kim.ArgumentError):
        t.plot(metric="n_kim")  # type: ignore[arg-type]


def test_series_chart_with_target(registry: kim.Registry, plt: Any) -> None:
    s = kim.coverage_series(registry, start="2022-01-01", end=D, within=KUKAR)
    p = kim.target_progress(registry, ratio=0.25, date="2027-12-31", within=KUKAR, as_of=D)
    ax = s.plot(target=p, lang="en")
    assert len(ax.lines) >= 3 and ax.get_ylim()[1] > 25 and title_inside(ax)
    assert any("Target" in t.get_text() for t in ax.get_legend().get_texts())


def test_html_totals_first_with_precision(registry: kim.Registry) -> None:
    national = kim.coverage(registry, level="kab_kota", as_of=D)
    h = national._repr_html_()
    assert h.index("Total") < h.index("11.01"), "the total row comes first"
    assert "0.038%" in h and "0.0%</td><td>0 dari 7285" not in h
    assert national.code_list_version in h and "2025-06-30" in h and "494 baris lainnya" in h
    en = national.to_html(lang="en")
    assert "494 more rows" in en and "of 83762" in en
    with pytest.raises(kim.ArgumentError):
        national.to_html(lang="fr")  # type: ignore[arg-type]


def test_set_lang() -> None:
    assert kim.get_lang() == "id"
    kim.set_lang("en")
    try:
        assert kim.get_lang() == "en"
    finally:
        kim.set_lang("id")


def test_excel_export(registry: kim.Registry, tmp_path: pathlib.Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    t = kim.coverage(registry, within=KUKAR, as_of=D)
    path = tmp_path / "kukar.xlsx"
    t.to_excel(path)
    wb = openpyxl.load_workbook(path)
    data, about = wb.worksheets
    assert data.title == "Cakupan" and about.title == "Keterangan"
    assert data.cell(2, 1).value == "code" and data.cell(3, 2).value == "Kabupaten Kutai Kartanegara"
    assert data.max_row == 2 + 1 + 20
    ratio_col = [c.value for c in data[2]].index("village_ratio") + 1
    assert data.cell(3, ratio_col).number_format == "0.00%"
    text = [[c.value for c in row] for row in about.iter_rows()]
    flat = {str(v) for row in text for v in row if v is not None}
    assert t.code_list_version in flat and "2025-06-30" in flat
    definitions = [row for row in text if row and row[0] == "kecamatan_ratio"]
    assert definitions and "SPM" in definitions[0][1] and "Kecamatan coverage" in definitions[0][2]
    t.to_excel(tmp_path / "en.xlsx", lang="en")
    assert openpyxl.load_workbook(tmp_path / "en.xlsx").sheetnames == ["Coverage", "About"]
    kim.gaps(registry, within=KUKAR, as_of=D).villages.to_excel(tmp_path / "gaps.xlsx")
    assert openpyxl.load_workbook(tmp_path / "gaps.xlsx").worksheets[0].max_row == 2 + 205
