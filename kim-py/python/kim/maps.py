"""Maps of coverage tables: a choropleth with matplotlib, a GeoDataFrame, or GeoJSON for web maps.

The boundaries are embedded in kim (crate kim-geo): the 38 provinsi, 514 kab/kota and 7,285 kecamatan of
Indonesia, and the 237 desa/kelurahan of Kutai Kartanegara (64.02), simplified, from github.com/cahyadsn/
wilayah_boundaries (MIT; see ``BOUNDARIES_SOURCE``). A village-level table elsewhere raises ``kim.ArgumentError``.

>>> t = kim.coverage(reg, level="kecamatan", within="64.02", as_of=datetime.date(2025, 6, 30))
>>> ax = kim.maps.plot_map(t)                     # matplotlib Axes
>>> doc = kim.maps.to_geojson(t)                  # dict (as_text=True: str)
>>> gdf = kim.maps.to_geopandas(t)                # needs pip install 'kim-rs[geo]'

Every row of the table is a feature; rows without a boundary (a code of another code-list version) keep a feature
with ``"geometry": null``, are listed in ``doc["kim"]["rows_without_boundary"]``, and are named under the map.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal, overload

from kim import _kim

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["BOUNDARIES_LICENSE", "BOUNDARIES_SOURCE", "boundaries", "plot_map", "to_geojson", "to_geopandas"]

BOUNDARIES_SOURCE = "github.com/cahyadsn/wilayah_boundaries@3c5a7960f4d227a38489094d84252bdbb3f978a5 (MIT)"
"""Where the embedded boundaries come from (also ``to_geojson(t)["kim"]["boundaries_source"]``)."""
BOUNDARIES_LICENSE: str = _kim.BOUNDARIES_LICENSE
"""The boundaries' licence text (MIT, Copyright (c) 2024 Cahya DSN), shipped inside the extension with the data."""

_Lang = Literal["id", "en"]

# Display labels; column names stay the API (English).
_COLUMN_LABELS: dict[str, dict[str, str]] = {
    "id": {
        "village_ratio": "% desa/kelurahan dengan KIM aktif",
        "desa_ratio": "% desa dengan KIM aktif",
        "kelurahan_ratio": "% kelurahan dengan KIM aktif",
        "kecamatan_ratio": "% kecamatan dengan KIM aktif",
        "villages_with_kim": "desa/kelurahan dengan KIM aktif",
        "kecamatan_with_kim": "kecamatan dengan KIM aktif",
        "n_kim": "jumlah KIM aktif",
        "n_members": "jumlah anggota KIM",
        "villages": "jumlah desa/kelurahan",
    },
    "en": {
        "village_ratio": "% of villages with an active KIM",
        "desa_ratio": "% of desa with an active KIM",
        "kelurahan_ratio": "% of kelurahan with an active KIM",
        "kecamatan_ratio": "% of kecamatan with an active KIM",
        "villages_with_kim": "villages with an active KIM",
        "kecamatan_with_kim": "kecamatan with an active KIM",
        "n_kim": "active KIMs",
        "n_members": "KIM members",
        "villages": "villages",
    },
}
_LEVEL_LABELS = {
    "id": {"provinsi": "provinsi", "kab_kota": "kabupaten/kota", "kecamatan": "kecamatan", "desa": "desa/kelurahan"},
    "en": {"provinsi": "province", "kab_kota": "regency/city", "kecamatan": "district", "desa": "village"},
}
_TEXT = {
    "id": {
        "title": "Cakupan KIM per {level}: {total}",
        "subtitle": "per {as_of} · daftar kode {version}",
        "no_data": "tanpa data",
        "no_boundary": "{n} baris tanpa batas wilayah (tidak digambar): {codes}",
        "source": "Batas wilayah: cahyadsn/wilayah_boundaries (MIT), disederhanakan",
    },
    "en": {
        "title": "KIM coverage by {level}: {total}",
        "subtitle": "as of {as_of} · code list {version}",
        "no_data": "no data",
        "no_boundary": "{n} row(s) without a boundary (not drawn): {codes}",
        "source": "Boundaries: cahyadsn/wilayah_boundaries (MIT), simplified",
    },
}


def _lang(lang: str) -> _Lang:
    if lang not in ("id", "en"):
        raise _kim_error("ArgumentError", f"lang must be 'id' or 'en', not {lang!r}")
    return "id" if lang == "id" else "en"


def _kim_error(name: str, message: str) -> Exception:
    from kim import errors

    cls: type[Exception] = getattr(errors, name)
    return cls(message)


def boundaries(level: str, codes: Sequence[str] | None = None, *, within: str | None = None) -> dict[str, Any]:
    """The embedded boundaries at ``level`` inside ``within`` (or only ``codes``) as a GeoJSON FeatureCollection."""
    return json.loads(_kim.boundaries(level, None if codes is None else list(codes), within=within))


@overload
def to_geojson(table: _kim.CoverageTable, *, as_text: Literal[False] = ...) -> dict[str, Any]: ...
@overload
def to_geojson(table: _kim.CoverageTable, *, as_text: Literal[True]) -> str: ...
def to_geojson(table: _kim.CoverageTable, *, as_text: bool = False) -> dict[str, Any] | str:
    """The table as a GeoJSON FeatureCollection (a dict, or its text with ``as_text=True``, e.g. for Leaflet).

    One feature per row, in the table's order, with the row's columns as properties; a ``bbox``; and a ``kim`` member
    with the level, ``within``, ``as_of``, the table's and the boundaries' code-list versions, the total row, the rows
    without a boundary, the boundaries without a row, and names spelt differently.
    """
    text = _kim.coverage_geojson(table)
    return text if as_text else json.loads(text)


def to_geopandas(table: _kim.CoverageTable) -> Any:
    """The table as a ``geopandas.GeoDataFrame`` (EPSG:4326): the row columns and a ``geometry`` column (``None``
    for a row without a boundary). ``gdf.attrs["kim"]`` holds the ``kim`` member of :func:`to_geojson`.

    Needs geopandas: ``pip install 'kim-rs[geo]'``.
    """
    try:
        import geopandas  # type: ignore[import-untyped]
    except ImportError as e:
        raise ImportError("kim.maps.to_geopandas needs geopandas, an optional extra: pip install 'kim-rs[geo]'") from e
    from shapely.geometry import shape  # type: ignore[import-untyped]

    doc = to_geojson(table)
    features = doc["features"]
    columns = list(features[0]["properties"]) if features else ["code", "name"]
    data = {c: [f["properties"][c] for f in features] for c in columns}
    geometry = [None if f["geometry"] is None else shape(f["geometry"]) for f in features]
    gdf = geopandas.GeoDataFrame(data, columns=columns, geometry=geometry, crs="EPSG:4326")
    gdf.attrs["kim"] = doc["kim"]
    return gdf


def _ring_area(xs: Sequence[float], ys: Sequence[float]) -> float:
    return 0.5 * sum(xs[i] * ys[i + 1] - xs[i + 1] * ys[i] for i in range(len(xs) - 1))


def _paths(geometry: dict[str, Any]) -> tuple[list[list[float]], list[int], tuple[float, float]]:
    """One feature's MultiPolygon as a compound path (outer rings counter-clockwise, holes clockwise, so that the
    non-zero fill rule leaves holes open), and a label point: the middle of the largest outer ring's box."""
    from matplotlib.path import Path

    verts: list[list[float]] = []
    codes: list[int] = []
    best, label = -1.0, (0.0, 0.0)
    for polygon in geometry["coordinates"]:
        for i, ring in enumerate(polygon):
            xs = [p[0] for p in ring]
            ys = [p[1] for p in ring]
            area = _ring_area(xs, ys)
            if (area < 0) == (i == 0):  # outer ring clockwise, or hole counter-clockwise: reverse it
                ring = ring[::-1]
            verts.extend(ring)
            codes.extend([int(Path.MOVETO)] + [int(Path.LINETO)] * (len(ring) - 2) + [int(Path.CLOSEPOLY)])
            if i == 0 and abs(area) > best:
                best = abs(area)
                label = ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
    return verts, codes, label


def plot_map(
    table: _kim.CoverageTable,
    *,
    ax: Axes | None = None,
    column: str = "village_ratio",
    lang: str = "id",
    cmap: str = "YlGn",
    vmin: float | None = None,
    vmax: float | None = None,
    title: str | None = None,
    labels: bool | None = None,
    edgecolor: str = "0.35",
    missing_color: str = "0.85",
    figsize: tuple[float, float] | None = None,
) -> Axes:
    """A choropleth of one column of the table (matplotlib only), returning the Axes.

    - ``column``: a numeric column (``village_ratio`` by default; ``kecamatan_ratio``, ``n_kim``, …). Ratios are drawn
      in percent, on a scale from 0 to the largest value (``vmin``/``vmax`` to fix it, e.g. ``vmax=100``).
    - Units with no value (a ratio over no unit of that kind) are grey and in the legend; rows without a boundary are
      named under the map (they cannot be drawn); nothing is left out silently.
    - ``lang``: ``"id"`` (default) or ``"en"`` for the title, colour-bar and legend labels.
    - ``labels``: the unit names on the map; by default when there are at most 40 units.
    - ``ax``: draw into these Axes; otherwise a new figure, with margins that keep the title and notes inside it.
    """
    import matplotlib.pyplot as plt
    from matplotlib.collections import PolyCollection
    from matplotlib.patches import Patch

    lg = _lang(lang)
    doc = to_geojson(table)
    meta = doc["kim"]
    features = doc["features"]
    if features and column not in features[0]["properties"]:
        raise _kim_error("ArgumentError", f"column {column!r} is not a column of the table")
    is_ratio = column.endswith("_ratio")
    drawn = [f for f in features if f["geometry"] is not None]
    values: list[float] = []
    verts: list[list[list[float]]] = []
    codes: list[list[int]] = []
    points: list[tuple[float, float]] = []
    for f in drawn:
        v, c, label = _paths(f["geometry"])
        verts.append(v)
        codes.append(c)
        points.append(label)
        raw = f["properties"][column]
        values.append(math.nan if raw is None else float(raw) * (100.0 if is_ratio else 1.0))

    if ax is None:
        if figsize is None:
            box = doc.get("bbox", [0, 0, 1, 1])
            w, h = max(box[2] - box[0], 1e-6), max(box[3] - box[1], 1e-6)
            # The map takes about 0.8 of the width (the colour bar the rest); 1.3 inch for the title and the notes.
            figsize = (9.0, min(max(7.2 * h / w, 3.5), 11.0) + 1.3)
        _fig, ax = plt.subplots(figsize=figsize)
        # Fixed margins in inches, not constrained layout (a third of savefig's time): the two-line title and the
        # notes under the map always fit, whatever the figure's size.
        fh = figsize[1]
        _fig.subplots_adjust(left=0.02, right=0.98, top=1.0 - 0.75 / fh, bottom=0.55 / fh)
    fig = ax.figure

    finite = [v for v in values if not math.isnan(v)]
    lo = 0.0 if vmin is None else vmin
    hi = vmax if vmax is not None else max([*finite, lo + (1.0 if not is_ratio else 0.0)])
    if hi <= lo:
        hi = lo + (100.0 if is_ratio else 1.0)
    colormap = plt.get_cmap(cmap).with_extremes(bad=missing_color)
    coll = PolyCollection([], cmap=colormap, edgecolors=edgecolor, linewidths=0.4 if len(drawn) <= 600 else 0.1)
    coll.set_verts_and_codes(verts, codes)  # type: ignore[arg-type]  # one code list per path
    coll.set_array([math.nan if math.isnan(v) else v for v in values])
    coll.set_clim(lo, hi)
    ax.add_collection(coll)

    fig.colorbar(coll, ax=ax, label=_COLUMN_LABELS[lg].get(column, column), shrink=0.8)
    if len(finite) < len(values):
        ax.legend(
            handles=[Patch(facecolor=missing_color, edgecolor=edgecolor, label=_TEXT[lg]["no_data"])],
            loc="lower left",
            fontsize="small",
        )

    box = doc.get("bbox")
    if box:
        pad_x, pad_y = (box[2] - box[0]) * 0.02, (box[3] - box[1]) * 0.02
        ax.set_xlim(box[0] - pad_x, box[2] + pad_x)
        ax.set_ylim(box[1] - pad_y, box[3] + pad_y)
        # Degrees of longitude shrink with latitude: 1/cos(lat) keeps shapes true (about 1 near the equator).
        ax.set_aspect(1.0 / math.cos(math.radians((box[1] + box[3]) / 2)))
    else:
        ax.set_aspect("equal")
    ax.set_axis_off()

    if labels is None:
        labels = len(drawn) <= 40
    if labels:
        for f, (x, y) in zip(drawn, points, strict=True):
            ax.annotate(f["properties"]["name"], (x, y), ha="center", va="center", fontsize="x-small", color="0.1")

    level_name = _LEVEL_LABELS[lg].get(meta["level"], meta["level"])
    if title is None:
        title = _TEXT[lg]["title"].format(level=level_name, total=meta["total"]["name"])
        title += "\n" + _TEXT[lg]["subtitle"].format(as_of=meta["as_of"], version=meta["code_list_version"])
    ax.set_title(title, fontsize="medium")

    notes = [_TEXT[lg]["source"]]
    missing = meta["rows_without_boundary"]
    if missing:
        shown = ", ".join(f"{u['code']} {u['name']}" for u in missing[:5]) + (" …" if len(missing) > 5 else "")
        notes.insert(0, _TEXT[lg]["no_boundary"].format(n=len(missing), codes=shown))
    ax.text(0.0, -0.01, "\n".join(notes), transform=ax.transAxes, ha="left", va="top", fontsize="x-small")
    return ax
