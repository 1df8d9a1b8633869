"""Kemendagri code lists through time: every list since Permendagri 56/2015, chosen by date, with diffs and a
crosswalk for seat codes.

>>> import datetime, kim
>>> [v["id"] for v in kim.versions.versions()][:2]
['permendagri-56-2015', 'permendagri-137-2017']
>>> kim.versions.in_force(datetime.date(2021, 6, 30))["version"]["id"]
'permendagri-72-2019'

Population and area per unit (provinces and kab/kota of today's list, with their source and year):

>>> kim.versions.population("64.02")["value"]
806964
>>> kim.versions.population("64.02.01") is None  # no kecamatan figures: nothing is estimated
True

``diff`` and ``crosswalk`` return a pandas DataFrame when pandas is installed (``as_frame=None``, the default), or
the list of records (dicts) with ``as_frame=False``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from typing import Any

from kim import _kim

__all__ = [
    "area_km2",
    "coverage_by_date",
    "crosswalk",
    "denominators",
    "diff",
    "in_force",
    "migrate_registry",
    "population",
    "versions",
]


def _frame(rows: list[dict[str, Any]], as_frame: bool | None) -> Any:
    if as_frame is False:
        return rows
    try:
        import pandas as pd
    except ImportError:
        if as_frame:
            raise
        return rows
    return pd.DataFrame.from_records(rows)


def versions() -> list[dict[str, Any]]:
    """Every embedded version, oldest first: id, decree, in_force, upstream_file, upstream_sha256, counts, current."""
    return _kim.code_list_versions()


def in_force(date: datetime.date) -> dict[str, Any]:
    """The version in force on ``date``; before the oldest version the oldest is used and ``before_oldest`` is True."""
    return _kim.code_list_in_force(date)


def diff(from_version: str, to_version: str, *, as_frame: bool | None = None) -> Any:
    """One row per changed unit: change (added, removed, renamed, rekeyed, ambiguous), level, old_code, old_name,
    new_code, new_name, confidence (re-keyed: 1.0, 0.9 or 0.6) and candidates (ambiguous)."""
    return _frame(_kim.code_list_diff(from_version, to_version), as_frame)


def crosswalk(codes: Sequence[str], from_version: str, to_version: str, *, as_frame: bool | None = None) -> Any:
    """What becomes of each seat code: status (unchanged, renamed, rekeyed, ambiguous, gone, not_in_source),
    new_code, old_name, new_name, confidence and candidates."""
    return _frame(_kim.code_list_crosswalk(list(codes), from_version, to_version), as_frame)


def coverage_by_date(
    registry: _kim.Registry,
    /,
    *,
    as_of: datetime.date,
    level: str = "kecamatan",
    within: str | None = None,
    code_list: str | None = None,
    denominators: bool = False,
) -> dict[str, Any]:
    """Coverage with the list in force on ``as_of`` (or the version ``code_list``); seats and ``within`` are codes of
    today's list, translated when their unit was re-keyed. With ``denominators=True`` every row has ``denominators``
    (population, area_km2, kim_per_100k_residents, kim_per_1000_km2: None where there is no figure, as for kecamatan
    and for any list but today's) and the table a ``denominators`` summary (sources, years, rows without a figure)."""
    return _kim.coverage_by_date(  # type: ignore[arg-type]
        registry, as_of=as_of, level=level, within=within, code_list=code_list, denominators=denominators
    )


def migrate_registry(
    registry: _kim.Registry, /, from_version: str, to_version: str | None = None, *, as_frame: bool | None = None
) -> tuple[_kim.Registry, Any]:
    """For a registry exported from a system on an older code list: every seat is read as a code of
    ``from_version`` and goes through the crosswalk to ``to_version`` (today's list by default). Returns the new
    registry and one row per KIM (kim_id, code, status, new_code, old_name, new_name, confidence, candidates,
    rewritten). Seats re-keyed with confidence >= 0.9 take their new code; ambiguous, gone and unknown seats keep
    their old code, so validation and coverage show them."""
    migrated, rows = _kim.migrate_registry(registry, from_version, to_version)
    return migrated, _frame(rows, as_frame)


def denominators(code: str, *, reference: _kim.Reference | None = None) -> dict[str, Any]:
    """Population and area of one unit of ``reference`` (today's list by default): code, code_list_version,
    population and area_km2, each ``{"value", "source", "year"}`` or None. Figures exist for the provinces and
    kab/kota of today's list (Dukcapil, December 2024; Badan Informasi Geospasial, 2024); a kecamatan, a village or
    another list has None. A code not in the list raises."""
    return _kim.unit_denominators(code, reference=reference)


def population(code: str, *, reference: _kim.Reference | None = None) -> dict[str, Any] | None:
    """The population of one unit in persons, ``{"value", "source", "year"}``, or None (see ``denominators``)."""
    return denominators(code, reference=reference)["population"]


def area_km2(code: str, *, reference: _kim.Reference | None = None) -> dict[str, Any] | None:
    """The area of one unit in km², ``{"value", "source", "year"}``, or None (see ``denominators``)."""
    return denominators(code, reference=reference)["area_km2"]


def reference_method(f: Callable[..., Any]) -> Callable[..., Any]:
    """``f(code, reference=...)`` as a method of ``kim.Reference`` (``reference.population(code)``)."""

    def method(self: _kim.Reference, code: str) -> Any:
        return f(code, reference=self)

    method.__name__ = method.__qualname__ = f.__name__
    method.__doc__ = f.__doc__
    return method
