"""kim.maps: GeoJSON, GeoDataFrame and matplotlib maps of coverage tables (images checked by size and artists)."""

from __future__ import annotations

import datetime
import json
import pathlib
import struct
import sys
from collections.abc import Callable
from typing import Any

import kim
import kim.maps
import pytest

DATA = pathlib.Path(__file__).resolve().parents[2] / "examples" / "data"
D = datetime.date(2025, 6, 30)


@pytest.fixture(scope="module")
def registry() -> kim.Registry:
    return kim.Registry.from_json((DATA / "kim_sample.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def kukar(registry: kim.Registry) -> kim.CoverageTable:
    return kim.coverage(registry, level="kecamatan", within="64.02", as_of=D)


def _edited(table: kim.CoverageTable, edit: Callable[[dict[str, Any]], None]) -> kim.CoverageTable:
    """A copy of a table with its JSON state edited (as a table of another code-list version would be)."""
    _, (state, *rest) = table.__reduce__()  # the JSON, then before_oldest and seats_rekeyed
    doc = json.loads(state)
    edit(doc)
    return type(table)._from_json(json.dumps(doc), *rest)


# The module functions, and the table methods that delegate to them once kim's table classes have them.
def _module_plot(t: kim.CoverageTable, **kw: Any) -> Any:
    return kim.maps.plot_map(t, **kw)


def _method_plot(t: kim.CoverageTable, **kw: Any) -> Any:
    if not hasattr(t, "plot_map"):
        pytest.skip("CoverageTable.plot_map is not there yet (added with the table methods)")
    return t.plot_map(**kw)


PLOTTERS = [_module_plot, _method_plot]


def test_geojson_of_kukar_kecamatan(kukar: kim.CoverageTable) -> None:
    doc = kim.maps.to_geojson(kukar)
    assert doc["type"] == "FeatureCollection"
    records = kukar.to_records()
    assert [f["id"] for f in doc["features"]] == [r["code"] for r in records]
    for f, r in zip(doc["features"], records, strict=True):
        assert f["type"] == "Feature" and f["geometry"]["type"] == "MultiPolygon"
        assert list(f["properties"]) == list(r)
        assert f["properties"]["villages"] == r["villages"]
        ring = f["geometry"]["coordinates"][0][0]
        assert ring[0] == ring[-1] and len(ring) >= 4
        assert all(115.0 < x < 118.5 and -1.5 < y < 2.0 for x, y in ring)
    meta = doc["kim"]
    assert meta["level"] == "kecamatan" and meta["within"] == "64.02" and meta["as_of"] == "2025-06-30"
    assert meta["code_list_version"] == kukar.code_list_version
    assert meta["boundaries_version"] == "kepmendagri-300.2.2-2430-2025"
    assert meta["versions_differ"] is False
    assert meta["rows_without_boundary"] == [] and meta["boundaries_without_row"] == []
    assert meta["total"]["villages"] == kukar.total["villages"] == 237
    text = kim.maps.to_geojson(kukar, as_text=True)
    assert isinstance(text, str) and json.loads(text) == doc
    west, south, east, north = doc["bbox"]
    assert 115.0 < west < east < 118.5 and -1.5 < south < north < 2.0


def test_rows_without_boundary_are_reported_not_dropped(kukar: kim.CoverageTable) -> None:
    def other_list(doc: dict[str, Any]) -> None:
        doc["rows"][0]["code"] = "64.02.99"
        doc["rows"][0]["name"] = "Kecamatan Baru"
        doc["code_list_version"] = "permendagri-137-2017"

    t = _edited(kukar, other_list)
    doc = kim.maps.to_geojson(t)
    assert len(doc["features"]) == len(t)
    assert doc["features"][0]["geometry"] is None and doc["features"][0]["id"] == "64.02.99"
    meta = doc["kim"]
    assert meta["versions_differ"] is True
    assert meta["rows_without_boundary"] == [{"code": "64.02.99", "name": "Kecamatan Baru"}]
    assert [u["code"] for u in meta["boundaries_without_row"]] == [kukar.to_records()[0]["code"]]
    ax = kim.maps.plot_map(t)
    texts = [x.get_text() for x in ax.texts]
    assert any("1 baris tanpa batas wilayah" in s and "64.02.99 Kecamatan Baru" in s for s in texts), texts
    assert len(ax.collections[0].get_paths()) == len(t) - 1
    import matplotlib.pyplot as plt

    plt.close("all")


def test_boundaries() -> None:
    doc = kim.maps.boundaries("kecamatan", within="64.02")
    assert len(doc["features"]) == 20
    f = doc["features"][0]
    assert set(f["properties"]) == {"code", "name", "level", "centroid"}
    some = kim.maps.boundaries("provinsi", ["64", "11"])
    assert [f["id"] for f in some["features"]] == ["64", "11"]
    assert len(kim.maps.boundaries("provinsi")["features"]) == 38
    assert len(kim.maps.boundaries("kab_kota")["features"]) == 514
    assert len(kim.maps.boundaries("desa", within="64.02")["features"]) == 237
    with pytest.raises(kim.ArgumentError, match=r"only for Kutai Kartanegara \(64\.02\)"):
        kim.maps.boundaries("desa", within="64.01")
    with pytest.raises(kim.ArgumentError, match=r"no boundary for 1 code\(s\): 64\.02\.99"):
        kim.maps.boundaries("kecamatan", ["64.02.99"])
    with pytest.raises(kim.CodeError):
        kim.maps.boundaries("kecamatan", ["64.02.x"])


def _png_size(path: pathlib.Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    w, h = struct.unpack(">II", head[16:24])
    return w, h


@pytest.mark.parametrize("plot", PLOTTERS)
def test_plot_map_of_kukar_kecamatan(kukar: kim.CoverageTable, plot: Any, tmp_path: pathlib.Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.collections import PolyCollection

    ax = plot(kukar)
    fig = ax.figure
    polys = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert len(polys) == 1 and len(polys[0].get_paths()) == 20
    values = polys[0].get_array()
    assert values is not None and len(values) == 20
    assert max(values) == pytest.approx(100 * max(r["village_ratio"] for r in kukar.to_records()))
    # A colour bar (its own Axes) with the Indonesian label, names on the map, the title and the source line.
    assert len(fig.axes) == 2
    assert fig.axes[1].get_ylabel() == "% desa/kelurahan dengan KIM aktif"
    assert len(ax.texts) == 20 + 1
    assert "Kabupaten Kutai Kartanegara" in ax.get_title()
    assert "cahyadsn/wilayah_boundaries" in ax.texts[-1].get_text()
    # Shapes are true: the aspect is 1/cos(latitude), about 1 at Kukar's latitude.
    assert ax.get_aspect() == pytest.approx(1.0, abs=0.01)
    out = tmp_path / "kukar.png"
    fig.savefig(out, dpi=80)
    w, h = _png_size(out)
    assert w >= 500 and h >= 400 and out.stat().st_size > 20_000
    # The title is inside the figure (not clipped).
    fig.canvas.draw()
    box = ax.title.get_window_extent()
    assert box.y1 <= fig.bbox.y1 and box.x0 >= 0 and box.x1 <= fig.bbox.x1
    plt.close(fig)


@pytest.mark.parametrize("plot", PLOTTERS)
def test_plot_map_options(kukar: kim.CoverageTable, plot: Any) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax0 = plt.subplots()
    ax = plot(kukar, ax=ax0, lang="en", column="n_kim", labels=False, title="KIMs", cmap="Blues")
    assert ax is ax0
    assert ax.get_title() == "KIMs"
    assert fig.axes[1].get_ylabel() == "active KIMs"
    assert len(ax.texts) == 1 and ax.texts[0].get_text().startswith("Boundaries:")
    assert ax.collections[0].get_clim() == (0.0, max(r["n_kim"] for r in kukar.to_records()))
    plt.close(fig)
    with pytest.raises(kim.ArgumentError, match="lang"):
        plot(kukar, lang="fr")
    with pytest.raises(kim.ArgumentError, match="column 'nope'"):
        plot(kukar, column="nope")
    plt.close("all")


def test_plot_map_villages_national_and_no_data(registry: kim.Registry) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    villages = kim.coverage(registry, level="desa", within="64.02", as_of=D)
    ax = kim.maps.plot_map(villages)
    assert len(ax.collections[0].get_paths()) == 237
    assert len(ax.texts) == 1  # no names by default above 40 units
    # kelurahan_ratio is undefined for desa: grey, with a "no data" legend entry.
    ax = kim.maps.plot_map(villages, column="kelurahan_ratio")
    legend = ax.get_legend()
    assert legend is not None and [t.get_text() for t in legend.get_texts()] == ["tanpa data"]
    provinces = kim.coverage(registry, level="provinsi", as_of=D)
    ax = kim.maps.plot_map(provinces, lang="en")
    assert len(ax.collections[0].get_paths()) == 38
    assert "KIM coverage by province: Indonesia" in ax.get_title()
    with pytest.raises(kim.ArgumentError, match="only for Kutai Kartanegara"):
        kim.maps.plot_map(kim.coverage(registry, level="desa", within="64.01", as_of=D))
    plt.close("all")


def test_geojson_national_kecamatan(registry: kim.Registry) -> None:
    t = kim.coverage(registry, level="kecamatan", as_of=D)
    doc = kim.maps.to_geojson(t)
    assert len(doc["features"]) == 7285
    assert all(f["geometry"] is not None for f in doc["features"])
    assert doc["kim"]["rows_without_boundary"] == []


def test_to_geopandas_needs_the_extra(kukar: kim.CoverageTable, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "geopandas", None)
    with pytest.raises(ImportError, match=r"pip install 'kim-rs\[geo\]'"):
        kim.maps.to_geopandas(kukar)


def test_to_geopandas(kukar: kim.CoverageTable) -> None:
    pytest.importorskip("geopandas")
    gdf = kim.maps.to_geopandas(kukar)
    assert len(gdf) == 20 and str(gdf.crs) == "EPSG:4326"
    assert list(gdf.columns) == [*kukar.to_records()[0], "geometry"]
    assert gdf.geometry.notna().all()
    assert gdf.attrs["kim"]["level"] == "kecamatan"
    # The union of the kecamatan is about the kabupaten's area (same boundaries, simplified independently).
    kab = kim.maps.boundaries("kab_kota", ["64.02"])
    from shapely.geometry import shape  # type: ignore[import-untyped]

    # (Planar areas in degrees, through shapely: only their ratio matters.)
    total = sum(g.area for g in gdf.geometry)
    assert total == pytest.approx(shape(kab["features"][0]["geometry"]).area, rel=0.02)


def test_licence_ships_with_the_data() -> None:
    assert kim.maps.BOUNDARIES_LICENSE.startswith("MIT License")
    assert "Copyright (c) 2024 Cahya DSN" in kim.maps.BOUNDARIES_LICENSE
    assert "3c5a7960f4d227a38489094d84252bdbb3f978a5" in kim.maps.BOUNDARIES_SOURCE


def test_not_a_table() -> None:
    with pytest.raises(kim.ArgumentError, match="expected a kim.CoverageTable"):
        kim.maps.to_geojson({"rows": []})  # type: ignore[call-overload]
