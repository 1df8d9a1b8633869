"""Charts of coverage tables and series (matplotlib, imported when a chart is drawn). Readable at every level: bars
sorted, top or bottom N, one box per parent unit for national views, titles wrapped, the axis scaled to the data."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

from kim import _labels

# Above this many rows a coverage chart groups the units by parent (unless top/bottom is given).
MAX_BARS = 40
_STEPS = (0.1, 0.2, 0.5, 1, 2, 2.5, 5, 10, 20, 25)


def axis_limit(values: Sequence[float]) -> float:
    """The right end of a percentage axis: a round number a little above the largest value (room for the value
    labels), at least 1%, at most 110%."""
    top = max((v for v in values if v == v), default=0.0)
    want = max(top * 1.15, 1.0)
    step = next((s for s in _STEPS if want / s <= 10), 25)
    return min(math.ceil(want / step) * step, 110.0)


def _new_axes(height: float, width: float = 8.0) -> Any:
    import matplotlib.pyplot as plt

    _fig, ax = plt.subplots(figsize=(width, height), layout="constrained")
    return ax


def _titles(ax: Any, title: str, subtitle: str) -> None:
    ax.set_title(textwrap.fill(title, 70) + "\n" + textwrap.fill(subtitle, 90), fontsize=10)


def _group_key(table: Any) -> tuple[int, str] | None:
    """How to group the rows of a wide table: the length of the parent code prefix and that parent level's name."""
    within = table.within
    if within is None:
        return 2, "provinsi"
    depth = within.count(".")
    if depth == 0:
        return 5, "kab_kota"
    if depth == 1 and table.level == "desa":
        return 8, "kecamatan"
    return None


def _ratios(table: Any, metric: str) -> list[float]:
    return [math.nan if v is None else v * 100 for v in table.column(metric)]


def plot_coverage(
    table: Any,
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
    """A coverage chart; see ``CoverageTable.plot``."""
    lang = _labels.check(lang)
    if metric not in ("village_ratio", "kecamatan_ratio", "desa_ratio", "kelurahan_ratio"):
        from kim.errors import ArgumentError

        raise ArgumentError(
            f"metric must be village_ratio, kecamatan_ratio, desa_ratio or kelurahan_ratio, not {metric!r}"
        )
    if sort not in ("desc", "asc", None):
        from kim.errors import ArgumentError

        raise ArgumentError(f'sort must be "desc", "asc" or None, not {sort!r}')
    names = table.column("name")
    codes = table.column("code")
    values = _ratios(table, metric)
    total = table.total
    when = (
        f"{_labels.label('as_of', lang)} {table.as_of} · {_labels.label('code_list', lang)} {table.code_list_version}"
    )
    head = title or (
        f"{_labels.label('coverage', lang)} · {total['name']} · {_labels.label(table.level, lang)} · "
        f"{_labels.label(metric, lang)}: {_labels.percent(total[metric])}"
    )
    key = _group_key(table)
    if group is None:
        group = len(names) > MAX_BARS and top is None and bottom is None and key is not None
    if group:
        if key is None:
            from kim.errors import ArgumentError

            raise ArgumentError("these rows have no parent level to group by; give top= or bottom= instead")
        return _plot_groups(table, codes, values, key, metric, lang, ax, head, when)
    rows = [(n, v, c) for n, v, c in zip(names, values, codes, strict=True)]
    if top is None and bottom is None and len(rows) > MAX_BARS:
        top = MAX_BARS
    note = ""
    if top is not None or bottom is not None:
        ranked = sorted(rows, key=lambda r: (-(r[1] if r[1] == r[1] else -1), r[2]))
        if top is not None:
            rows, note = ranked[:top], _labels.label("top", lang).format(n=top)
        else:
            rows = ranked[::-1][: bottom or 0]
            note = _labels.label("bottom", lang).format(n=bottom)
    if sort is not None:
        rows.sort(key=lambda r: (r[1] if r[1] == r[1] else -1, r[2]), reverse=sort == "desc")
    if ax is None:
        ax = _new_axes(max(3.0, 0.26 * len(rows) + 1.8))
    positions = list(range(len(rows)))
    shown = [0.0 if r[1] != r[1] else r[1] for r in rows]
    bars = ax.barh(positions, shown, color="#2b7bba")
    ax.set_yticks(positions, [r[0] for r in rows], fontsize=8)
    ax.bar_label(
        bars, labels=[_labels.percent(None if r[1] != r[1] else r[1] / 100) for r in rows], padding=2, fontsize=7
    )
    ax.invert_yaxis()
    ax.set_xlim(0, axis_limit(shown))
    ax.set_xlabel(_labels.label(metric, lang))
    _titles(ax, head + (f" · {note}" if note else ""), when)
    return ax


def _plot_groups(
    table: Any,
    codes: Sequence[str],
    values: Sequence[float],
    key: tuple[int, str],
    metric: str,
    lang: str,
    ax: Any | None,
    head: str,
    when: str,
) -> Any:
    import kim

    width, parent_level = key
    groups: dict[str, list[float]] = {}
    for code, value in zip(codes, values, strict=True):
        if value == value:
            groups.setdefault(code[:width], []).append(value)
    reference = kim.Reference.embedded()

    def name(code: str) -> str:
        unit = reference.get(code) if reference.version == table.code_list_version else None
        return unit["name"] if unit else code

    def median(xs: list[float]) -> float:
        s = sorted(xs)
        return (s[(len(s) - 1) // 2] + s[len(s) // 2]) / 2

    ordered = sorted(groups.items(), key=lambda kv: (-median(kv[1]), kv[0]))
    if ax is None:
        ax = _new_axes(max(3.0, 0.3 * len(ordered) + 1.8))
    data = [v for _, v in ordered]
    positions = list(range(1, len(ordered) + 1))
    style = {"patch_artist": True, "widths": 0.6, "showfliers": True, "flierprops": {"markersize": 2}}
    try:
        ax.boxplot(data, positions=positions, orientation="horizontal", **style)
    except TypeError:  # matplotlib < 3.10
        ax.boxplot(data, positions=positions, vert=False, **style)
    ax.set_yticks(positions, [f"{name(c)} ({len(v)})" for c, v in ordered], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, axis_limit([x for v in data for x in v]))
    ax.set_xlabel(_labels.label(metric, lang))
    spread = _labels.label("by_parent", lang).format(parent=_labels.label(parent_level, lang))
    _titles(ax, f"{head} · {spread}", when)
    return ax


def plot_series(
    series: Any,
    *,
    metric: str,
    target: Mapping[str, Any] | None,
    lang: str | None,
    ax: Any | None,
    title: str | None,
) -> Any:
    """A coverage series by date, with a target when given; see ``SeriesTable.plot``."""
    lang = _labels.check(lang)
    dates = series.column("date")
    values = [math.nan if v is None else v * 100 for v in series.column(metric)]
    if ax is None:
        ax = _new_axes(4.0)
    ax.plot(dates, values, marker="o", markersize=3, label=_labels.label(metric, lang))
    shown = list(values)
    if target is not None:
        aim = target["target"]
        goal = aim["ratio"] * 100
        shown.append(goal)
        ax.axhline(goal, color="#c0392b", linestyle="--", linewidth=1)
        ax.plot(
            [target["target"]["date"]],
            [goal],
            marker="*",
            markersize=10,
            color="#c0392b",
            linestyle="none",
            label=f"{_labels.label('target', lang)} {_labels.percent(aim['ratio'])} · {aim['date']}",
        )
        if target.get("projected_date") is not None and target.get("ratio") is not None:
            ax.plot(
                [target["as_of"], target["projected_date"]],
                [target["ratio"] * 100, goal],
                color="#7f8c8d",
                linestyle=":",
                label=f"{_labels.label('projected', lang)} {target['projected_date']}",
            )
    ax.set_ylim(0, axis_limit(shown))
    ax.set_ylabel(_labels.label(metric, lang))
    ax.set_xlabel(_labels.label("date", lang))
    ax.legend(fontsize=8, loc="upper left")
    versions = sorted(set(series.column("code_list_version")))
    _titles(
        ax,
        title or f"{_labels.label('coverage', lang)} · {series.title}",
        f"{_labels.label('code_list', lang)} {', '.join(versions)}",
    )
    return ax
