"""The presentation methods of ``kim.CoverageTable`` (attached to the class by ``kim/__init__.py``): the chart, the
HTML view, the Excel export, and the map methods that ``kim.maps`` implements."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from kim import _charts, _labels, _tables

if TYPE_CHECKING:
    import os

# Rows the HTML view shows after the total.
HTML_ROWS = 20


def plot(
    self: Any,
    *,
    metric: str = "village_ratio",
    sort: str | None = "desc",
    top: int | None = None,
    bottom: int | None = None,
    group: bool | None = None,
    lang: str | None = None,
    ax: Any | None = None,
    title: str | None = None,
) -> Any:
    """A chart of ``metric`` (``village_ratio`` by default, or ``kecamatan_ratio``, ``desa_ratio``,
    ``kelurahan_ratio``) per row, in %, with the code-list version and ``as_of`` under the title (matplotlib).

    Up to 40 rows: horizontal bars, sorted (``sort="desc"``, ``"asc"`` or ``None`` for code order). ``top=N`` or
    ``bottom=N`` keeps the N highest or lowest. Wider tables (national or provincial views) show one box per parent
    unit (province, or kab/kota inside a province) with the spread of its rows, sorted by median; ``group=False``
    draws the top 40 bars instead. The axis ends a little above the largest value. Returns the Axes."""
    return _charts.plot_coverage(
        self, metric=metric, sort=sort, top=top, bottom=bottom, group=group, lang=lang, ax=ax, title=title
    )


def _pct_pair(num: int, den: int, ratio: float | None, lang: str) -> str:
    return f"{num} {_labels.label('of', lang)} {den} ({_labels.percent(ratio)})"


def to_html(self: Any, *, lang: str | None = None, max_rows: int = HTML_ROWS) -> str:
    """The HTML view: a header with the unit, level, ``as_of`` and code-list version, then the total row, then the
    first ``max_rows`` rows. Percentages keep enough precision that a small share never reads as 0.0%."""
    lang = _labels.check(lang)
    total = self.total
    head = (
        f"<p><b>{html.escape(_labels.label('coverage', lang))} · {html.escape(total['name'])}</b> · "
        f"{_labels.label('level', lang)} {html.escape(_labels.label(self.level, lang))} · "
        f"{_labels.label('as_of', lang)} {self.as_of} · {_labels.label('code_list', lang)} "
        f"{html.escape(self.code_list_version)}</p>"
    )
    notes = []
    if self.unmatched:
        notes.append(f"{len(self.unmatched)} {_labels.label('unmatched', lang)}")
    if self.excluded_invalid:
        notes.append(f"{len(self.excluded_invalid)} {_labels.label('excluded', lang)}")
    if notes:
        head += f"<p>{html.escape(' · '.join(notes))}</p>"
    cols = ["code", "name", "villages_with_kim", "kecamatan_with_kim", "n_kim"]
    th = "".join(f"<th>{html.escape(_labels.label(c, lang))}</th>" for c in cols)

    def tr(r: dict[str, Any], bold: bool) -> str:
        cells = [
            r["code"] or "",
            html.escape(r["name"]),
            _pct_pair(r["villages_with_kim"], r["villages"], r["village_ratio"], lang),
            _pct_pair(r["kecamatan_with_kim"], r["kecamatan"], r["kecamatan_ratio"], lang),
            str(r["n_kim"]),
        ]
        style = ' style="font-weight:bold"' if bold else ""
        return f"<tr{style}>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"

    body = [tr({**total, "name": f"{_labels.label('total', lang)}: {total['name']}"}, True)]
    body += [tr(r, False) for r in self.records_slice(0, max_rows)]
    if len(self) > max_rows:
        more = _labels.label("more_rows", lang).format(n=len(self) - max_rows)
        body.append(f'<tr><td colspan="{len(cols)}">{html.escape(more)}</td></tr>')
    return f"{head}<table><thead><tr>{th}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _repr_html_(self: Any) -> str:
    return to_html(self)


def to_excel(self: Any, path: str | os.PathLike[str], *, lang: str | None = None) -> None:
    """Writes an Excel workbook (openpyxl, the ``excel`` extra): the total row, then every row, on the first sheet
    (display labels in ``lang`` on row 1, the column names on row 2, ratios as percentages); a second sheet gives
    the code-list version, ``as_of``, the level, the unit and the metric definitions in Indonesian and English."""
    rows = [self.total, *self.records_slice(0, len(self))]
    names = list(rows[0])
    types = {n: "float" if n.endswith("ratio") else "date" if n == "as_of" else "str" for n in names}
    about = [
        ("title", f"{_labels.label('coverage', lang)} · {self.total['name']}"),
        ("code_list_version", self.code_list_version),
        ("as_of", str(self.as_of)),
        ("level", self.level),
        ("within", self.within or "Indonesia"),
        ("unmatched", str(len(self.unmatched))),
        ("excluded_invalid", str(len(self.excluded_invalid))),
    ]
    _tables.write_excel(path, names, types, rows, about, lang, bold_first=True)


def attach(cls: type) -> None:
    """Adds the presentation methods to ``kim.CoverageTable``."""
    for name, fn in (
        ("plot", plot),
        ("to_html", to_html),
        ("_repr_html_", _repr_html_),
        ("to_excel", to_excel),
        ("plot_map", _tables.MapMixin.plot_map),
        ("to_geopandas", _tables.MapMixin.to_geopandas),
        ("to_geojson", _tables.MapMixin.to_geojson),
    ):
        setattr(cls, name, fn)
