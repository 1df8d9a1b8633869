"""Code lists through time from Python: versions, the list in force, diffs, the crosswalk, coverage by date."""

from __future__ import annotations

import datetime
import pathlib

import kim
import pytest


def test_versions_and_the_list_in_force() -> None:
    v = kim.Reference.versions()
    assert [x["id"] for x in v][0] == "permendagri-56-2015"
    assert v[-1]["current"] and v[-1]["counts"]["kecamatan"] == 7285
    f = kim.Reference.in_force(datetime.date(2021, 6, 30))
    assert f["version"]["id"] == "permendagri-72-2019"
    assert not f["before_oldest"]
    assert kim.versions.in_force(datetime.date(2010, 1, 1))["before_oldest"]


def test_diff_is_a_table_with_the_papua_split() -> None:
    rows = kim.Reference.diff("permendagri-58-2021", "kepmendagri-100.1.1-6117-2022", as_frame=False)
    merauke = next(r for r in rows if r["old_code"] == "91.01")
    assert (merauke["change"], merauke["new_code"], merauke["confidence"]) == ("rekeyed", "93.01", 0.9)
    pd = pytest.importorskip("pandas")
    frame = kim.versions.diff("permendagri-58-2021", "kepmendagri-100.1.1-6117-2022")
    assert isinstance(frame, pd.DataFrame)
    assert len(frame) == len(rows)
    added = frame[(frame.change == "added") & (frame.level == "provinsi")]
    assert list(added.new_name) == ["Papua Selatan", "Papua Tengah", "Papua Pegunungan"]


def test_crosswalk_statuses_and_errors() -> None:
    rows = kim.Reference.crosswalk(
        ["92.71.01", "64.02.01", "11.01.01.2999"],
        "kepmendagri-100.1.1-6117-2022",
        "kepmendagri-300.2.2-2138-2025",
        as_frame=False,
    )
    assert [r["status"] for r in rows] == ["rekeyed", "unchanged", "not_in_source"]
    assert rows[0]["new_code"] == "96.71.01"
    with pytest.raises(kim.ArgumentError, match="permendagri-56-2015"):
        kim.versions.diff("permendagri-1-1999", "permendagri-56-2015")
    with pytest.raises(kim.CodeError):
        kim.versions.crosswalk(["92.71.0x"], "permendagri-56-2015", "permendagri-72-2019")


def test_coverage_by_date_uses_the_list_in_force() -> None:
    village = kim.Reference.embedded().children("93.01.01")[0]["code"]
    registry = kim.Registry.from_records(
        [{"id": "K1", "name": "KIM Merauke", "seat": village, "status": "active", "status_date": "2020-01-15"}]
    )
    c2021 = kim.versions.coverage_by_date(registry, as_of=datetime.date(2021, 6, 30), within="93.01")
    assert c2021["version"]["id"] == "permendagri-72-2019"
    assert c2021["table"]["within"] == "91.01"
    assert c2021["table"]["total"]["n_kim"] == 1
    c2025 = kim.versions.coverage_by_date(registry, as_of=datetime.date(2025, 6, 30), within="93.01")
    assert (c2025["table"]["within"], c2025["table"]["total"]["n_kim"]) == ("93.01", 1)
    pinned = kim.versions.coverage_by_date(
        registry, as_of=datetime.date(2021, 6, 30), within="93.01", code_list="permendagri-72-2019"
    )
    assert pinned["table"] == c2021["table"]


def test_population_and_area_with_source_and_year() -> None:
    ref = kim.Reference.embedded()
    p = ref.population("64.02")
    assert p is not None and (p["value"], p["year"]) == (806964, 2024)
    assert "Dukcapil" in p["source"]
    a = kim.versions.area_km2("64.02")
    assert a is not None and a["value"] == pytest.approx(26912.065)
    assert ref.population("64.02.01") is None  # kecamatan: no figure, nothing estimated
    d = ref.denominators("64")
    assert d["code_list_version"] == "kepmendagri-300.2.2-2138-2025"
    assert d["population"]["value"] == 4123303
    with pytest.raises(kim.ArgumentError, match="not in the code list"):
        ref.population("64.99")


def test_coverage_by_date_with_denominators() -> None:
    registry = kim.Registry.from_json((pathlib.Path(__file__).parents[2] / "examples/data/kim_sample.json").read_text())
    c = kim.versions.coverage_by_date(
        registry, as_of=datetime.date(2025, 6, 30), level="kab_kota", within="64", denominators=True
    )
    kukar = next(r for r in c["table"]["rows"] if r["code"] == "64.02")
    d = kukar["denominators"]
    assert d["population"] == 806964
    assert d["kim_per_100k_residents"] == pytest.approx(kukar["n_kim"] * 100_000 / 806964)
    assert c["table"]["denominators"]["rows_without_population"] == 0
    old = kim.versions.coverage_by_date(
        registry, as_of=datetime.date(2021, 6, 30), level="kab_kota", within="64", denominators=True
    )
    assert not old["table"]["denominators"]["applies"]
    assert all(r["denominators"]["population"] is None for r in old["table"]["rows"])
    plain = kim.versions.coverage_by_date(registry, as_of=datetime.date(2025, 6, 30), level="kab_kota", within="64")
    assert "denominators" not in plain["table"]


def test_an_old_registry_migrates_through_the_crosswalk() -> None:
    old = kim.Registry.from_records(
        [
            {"id": "K1", "name": "KIM Sorong", "seat": "92.71.01.1001"},
            {"id": "K2", "name": "KIM Perian", "seat": "64.02.01.2001"},
        ]
    )
    migrated, rows = kim.versions.migrate_registry(old, "kepmendagri-100.1.1-6117-2022", as_frame=False)
    assert [r["status"] for r in rows] == ["rekeyed", "unchanged"]
    assert (rows[0]["new_code"], rows[0]["rewritten"]) == ("96.71.01.1001", True)
    assert len(migrated) == 2
    with pytest.raises(kim.ArgumentError):
        kim.versions.migrate_registry(old, "permendagri-1-1999")


def test_coverage_table_with_denominators_has_the_columns_and_kukar_figures():
    reg = kim.Registry.from_json((pathlib.Path(__file__).parents[2] / "examples/data/kim_sample.json").read_text())
    plain = kim.coverage(reg, level="kab_kota", within="64", as_of="2025-06-30")
    assert plain.denominators is None
    assert "population" not in plain.to_pandas().columns
    t = kim.coverage(reg, level="kab_kota", within="64", as_of="2025-06-30", denominators=True)
    summary = t.denominators
    assert summary is not None and summary["rows_without_population"] == 0
    df = t.to_pandas()
    kukar = df[df["code"] == "64.02"].iloc[0]
    # Dukcapil, December 2024 (docs/domain.md §6): the same figure kim.Reference.population gives.
    assert kukar["population"] == 806_964
    assert abs(kukar["area_km2"] - 26_912) < 1
    assert abs(kukar["kim_per_100k_residents"] - 100_000 * kukar["n_kim"] / 806_964) < 1e-9
    pa = pytest.importorskip("pyarrow")
    arrow = pa.table(t)
    assert arrow.schema.field("population").type == pa.int64()
    assert arrow.column("population").to_pylist() == df["population"].tolist()
