"""Tables of kim results for analysts: every tabular result converts with ``to_pandas()``, ``to_polars()`` (through
Arrow), ``pyarrow.table(t)`` (the Arrow PyCapsule interface), ``to_excel(path)``, and shows as HTML in Jupyter.

The numbers come from kim-core; this module only presents them (columns, labels, charts, sheets)."""

from __future__ import annotations

import datetime
import html
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Self

from kim import _labels

if TYPE_CHECKING:
    import os

# Arrow types of the columns, by the name of their kind.
_ARROW = {"str": "string", "int": "int64", "float": "float64", "date": "date32", "bool": "bool_"}


class DataTable:
    """A table of kim results: named columns of one kind each (``str``, ``int``, ``float``, ``date``, ``bool``),
    with the code-list version and ``as_of`` it was computed with when they apply.

    ``len(t)``, ``t[i]`` (a row as a dict), iteration over the rows, ``t.to_records()``, ``t.to_pandas()``,
    ``t.to_polars()``, ``pyarrow.table(t)``, ``t.to_excel(path)``."""

    kind = "table"

    def __init__(
        self,
        columns: Mapping[str, Sequence[Any]],
        types: Mapping[str, str],
        *,
        title: str = "",
        as_of: datetime.date | None = None,
        code_list_version: str | None = None,
    ) -> None:
        self._names = list(types)
        self._types = dict(types)
        self._columns = {name: list(columns.get(name, [])) for name in self._names}
        lengths = {len(c) for c in self._columns.values()}
        if len(lengths) > 1:
            raise ValueError(f"columns of different lengths: {sorted(lengths)}")
        self.title = title
        self.as_of = as_of
        self.code_list_version = code_list_version

    @classmethod
    def from_records(
        cls,
        records: Sequence[Mapping[str, Any]],
        types: Mapping[str, str],
        **meta: Any,
    ) -> Self:
        """A table of ``records`` (dicts), keeping the columns of ``types`` in that order."""
        columns = {name: [r.get(name) for r in records] for name in types}
        return cls(columns, types, **meta)

    @property
    def columns(self) -> list[str]:
        """The column names, in order."""
        return list(self._names)

    def column(self, name: str) -> list[Any]:
        """One column as a list."""
        return list(self._columns[name])

    def __len__(self) -> int:
        return len(self._columns[self._names[0]]) if self._names else 0

    def __getitem__(self, i: int) -> dict[str, Any]:
        n = len(self)
        if i < -n or i >= n:
            raise IndexError(f"row {i} of a table of {n} rows")
        return {name: self._columns[name][i] for name in self._names}

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return (self[i] for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DataTable):
            return NotImplemented
        return (self._columns, self.as_of, self.code_list_version) == (
            other._columns,
            other.as_of,
            other.code_list_version,
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        meta = [f"{len(self)} rows"]
        if self.as_of is not None:
            meta.append(f"as_of {self.as_of}")
        if self.code_list_version:
            meta.append(self.code_list_version)
        return f"<kim.{type(self).__name__} {self.title + ' · ' if self.title else ''}{' · '.join(meta)}>"

    def to_records(self) -> list[dict[str, Any]]:
        """The rows as dicts."""
        return list(self)

    def to_arrow(self) -> Any:
        """A ``pyarrow.Table`` with one typed column per column (pyarrow is imported here)."""
        import pyarrow as pa

        fields = [pa.field(name, getattr(pa, _ARROW[self._types[name]])()) for name in self._names]
        schema = pa.schema(fields)
        arrays = [pa.array(self._columns[f.name], type=f.type) for f in fields]
        return pa.Table.from_arrays(arrays, schema=schema)

    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object:
        """The Arrow PyCapsule stream interface: ``pyarrow.table(t)``, ``polars.DataFrame(t)``, DuckDB."""
        return self.to_arrow().__arrow_c_stream__(requested_schema)

    def to_pandas(self) -> Any:
        """A pandas DataFrame (through Arrow when pyarrow is installed)."""
        import pandas as pd

        try:
            return self.to_arrow().to_pandas()
        except ImportError:
            return pd.DataFrame(self._columns, columns=self._names)

    def to_polars(self) -> Any:
        """A polars DataFrame (through Arrow when pyarrow is installed)."""
        import polars as pl

        try:
            return pl.from_arrow(self.to_arrow())
        except ImportError:
            return pl.DataFrame(self._columns)

    def _header(self, lang: str | None) -> str:
        parts = [self.title or _labels.label(self.kind, lang)]
        if self.as_of is not None:
            parts.append(f"{_labels.label('as_of', lang)} {self.as_of}")
        if self.code_list_version:
            parts.append(f"{_labels.label('code_list', lang)} {self.code_list_version}")
        parts.append(f"{len(self)} rows" if _labels.check(lang) == "en" else f"{len(self)} baris")
        return " · ".join(parts)

    def _cell(self, name: str, value: Any) -> str:
        if value is None:
            return ""
        if self._types[name] == "float" and name.endswith("ratio"):
            return _labels.percent(value)
        return html.escape(str(value))

    def to_html(self, *, lang: str | None = None, max_rows: int = 30) -> str:
        """An HTML view: a header line (title, ``as_of``, code-list version, row count), then the first rows."""
        head = "".join(f"<th>{html.escape(n)}</th>" for n in self._names)
        body = []
        for row in list(self)[:max_rows]:
            body.append("<tr>" + "".join(f"<td>{self._cell(n, row[n])}</td>" for n in self._names) + "</tr>")
        if len(self) > max_rows:
            more = _labels.label("more_rows", lang).format(n=len(self) - max_rows)
            body.append(f'<tr><td colspan="{len(self._names)}">{html.escape(more)}</td></tr>')
        return (
            f"<p><b>{html.escape(self._header(lang))}</b></p>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        )

    def _repr_html_(self) -> str:
        return self.to_html()

    def _about(self, lang: str | None) -> list[tuple[str, str]]:
        rows = [(_labels.label("coverage", lang) if self.kind == "coverage" else self.kind, self.title)]
        if self.as_of is not None:
            rows.append(("as_of", str(self.as_of)))
        if self.code_list_version:
            rows.append(("code_list_version", self.code_list_version))
        return rows

    def to_excel(self, path: str | os.PathLike[str], *, lang: str | None = None) -> None:
        """Writes an Excel workbook (openpyxl, the ``excel`` extra): the table on the first sheet, then a sheet with
        the code-list version, ``as_of`` and the definitions of the metrics in Indonesian and English."""
        write_excel(path, self._names, self._types, list(self), self._about(lang), lang)


def write_excel(
    path: str | os.PathLike[str],
    names: Sequence[str],
    types: Mapping[str, str],
    rows: Sequence[Mapping[str, Any]],
    about: Sequence[tuple[str, str]],
    lang: str | None,
    bold_first: bool = False,
) -> None:
    """The one Excel writer of every table: data sheet (labels in ``lang`` on row 1, the column names on row 2),
    then the sheet of metadata and definitions."""
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Font
    except ImportError as e:
        raise ImportError('to_excel needs openpyxl: pip install "kim-rs[excel]" (or pip install openpyxl)') from e
    lang = _labels.check(lang)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = _labels.label("sheet", lang)
    ws.append([_labels.label(n, lang) for n in names])
    ws.append(list(names))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for i, row in enumerate(rows):
        ws.append([row[n] for n in names])
        if bold_first and i == 0:
            for cell in ws[ws.max_row]:
                cell.font = Font(bold=True)
    for j, name in enumerate(names, start=1):
        if types[name] == "float" and name.endswith("ratio"):
            for (cell,) in ws.iter_rows(min_row=3, min_col=j, max_col=j):
                cell.number_format = "0.00%"
        elif types[name] == "date":
            for (cell,) in ws.iter_rows(min_row=3, min_col=j, max_col=j):
                cell.number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A3"
    info = wb.create_sheet(_labels.label("about", lang))
    info.append([_labels.label("field", lang), _labels.label("value", lang)])
    for key, value in about:
        info.append([key, value])
    info.append([])
    info.append(["column", _labels.label("definition_id", "id"), _labels.label("definition_en", "en")])
    for name, text_id, text_en in _labels.DEFINITIONS:
        if name in names:
            info.append([name, text_id, text_en])
    for r in (1, info.max_row - sum(n in names for n, _, _ in _labels.DEFINITIONS)):
        for cell in info[r]:
            cell.font = Font(bold=True)
    info.column_dimensions["A"].width = 22
    info.column_dimensions["B"].width = 70
    info.column_dimensions["C"].width = 70
    wb.save(path)


class MapMixin:
    """The map methods of a table whose rows are units of the code list. They are implemented in ``kim.maps``
    (imported when called)."""

    def plot_map(self, **kwargs: Any) -> Any:
        """A choropleth of this table (``kim.maps.plot_map``)."""
        from kim import maps  # type: ignore[attr-defined]

        return maps.plot_map(self, **kwargs)

    def to_geopandas(self, **kwargs: Any) -> Any:
        """This table with the units' boundaries as a GeoDataFrame (``kim.maps.to_geopandas``)."""
        from kim import maps  # type: ignore[attr-defined]

        return maps.to_geopandas(self, **kwargs)

    def to_geojson(self, **kwargs: Any) -> Any:
        """This table as GeoJSON for web maps (``kim.maps.to_geojson``)."""
        from kim import maps  # type: ignore[attr-defined]

        return maps.to_geojson(self, **kwargs)


GAP_TYPES = {
    "level": "str",
    "code": "str",
    "name": "str",
    "kind": "str",
    "kecamatan": "str",
    "kecamatan_name": "str",
    "kab_kota": "str",
    "kab_kota_name": "str",
    "provinsi": "str",
    "provinsi_name": "str",
    "as_of": "date",
    "code_list_version": "str",
}


class GapTable(MapMixin, DataTable):
    """Villages or kecamatan without an active KIM, with the names of the units above each one."""

    kind = "gaps"


class Gaps:
    """The gap lists: ``.villages`` and ``.kecamatan`` (each a table; also ``g["villages"]``), ``as_of`` and
    ``code_list_version``."""

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.as_of: datetime.date = raw["as_of"]
        self.code_list_version: str = raw["code_list_version"]
        meta = {"as_of": self.as_of, "code_list_version": self.code_list_version}
        tables = {}
        for part in ("villages", "kecamatan"):
            rows = [{**r, **meta} for r in raw[part]]
            tables[part] = GapTable.from_records(rows, GAP_TYPES, title=part, **meta)
        self.villages: GapTable = tables["villages"]
        self.kecamatan: GapTable = tables["kecamatan"]

    def __getitem__(self, part: str) -> GapTable:
        if part == "villages":
            return self.villages
        if part == "kecamatan":
            return self.kecamatan
        raise KeyError(part)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Gaps):
            return NotImplemented
        return (self.villages, self.kecamatan) == (other.villages, other.kecamatan)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (
            f"<kim.Gaps {len(self.villages)} villages and {len(self.kecamatan)} kecamatan without an active KIM"
            f" · as_of {self.as_of} · {self.code_list_version}>"
        )

    def _repr_html_(self) -> str:
        return self.kecamatan.to_html() + self.villages.to_html()


SERIES_TYPES = {
    "date": "date",
    "villages": "int",
    "desa": "int",
    "kelurahan": "int",
    "desa_adat": "int",
    "villages_with_kim": "int",
    "desa_with_kim": "int",
    "kelurahan_with_kim": "int",
    "desa_adat_with_kim": "int",
    "village_ratio": "float",
    "kecamatan": "int",
    "kecamatan_with_kim": "int",
    "kecamatan_ratio": "float",
    "n_kim": "int",
    "code_list_version": "str",
}


def flat_point(p: Mapping[str, Any]) -> dict[str, Any]:
    """A series point with its village counts as columns named like the coverage table's."""
    row = {k: v for k, v in p.items() if not isinstance(v, Mapping)}
    for part in ("villages", "villages_with_kim"):
        counts = p[part]
        suffix = "" if part == "villages" else "_with_kim"
        row[part] = counts["total"]
        for kind in ("desa", "kelurahan", "desa_adat"):
            row[kind + suffix] = counts[kind]
    return row


class SeriesTable(DataTable):
    """Coverage of one unit through time: one row per date. ``.plot(target=...)`` draws it, with a target."""

    kind = "series"

    def plot(
        self,
        *,
        metric: str = "village_ratio",
        target: Mapping[str, Any] | None = None,
        lang: str | None = None,
        ax: Any | None = None,
        title: str | None = None,
    ) -> Any:
        """A line chart of ``metric`` (in %) by date; with ``target`` (a ``kim.target_progress`` result), the target
        ratio, its date and the projected path to it. Returns the Axes."""
        from kim import _charts

        return _charts.plot_series(self, metric=metric, target=target, lang=lang, ax=ax, title=title)


FINDING_TYPES = {
    "kim_id": "str",
    "kim_name": "str",
    "seat": "str",
    "kim_ok": "bool",
    "as_of": "date",
    "code": "str",
    "severity": "str",
    "path": "str",
    "profile": "str",
    "instrument": "str",
    "pasal": "str",
    "message_id": "str",
    "message_en": "str",
}

UNIT_TYPES = {"code": "str", "name": "str", "level": "str", "parent": "str", "kind": "str"}
