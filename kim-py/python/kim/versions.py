"""Kemendagri code lists through time: every list since Permendagri 56/2015, chosen by date, with diffs and a
crosswalk for seat codes.

>>> import datetime, kim
>>> [v["id"] for v in kim.versions.versions()][:2]
['permendagri-56-2015', 'permendagri-137-2017']
>>> kim.versions.in_force(datetime.date(2021, 6, 30))["version"]["id"]
'permendagri-72-2019'

``diff`` and ``crosswalk`` return a pandas DataFrame when pandas is installed (``as_frame=None``, the default), or
the list of records (dicts) with ``as_frame=False``.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from kim import _kim

__all__ = ["coverage_by_date", "crosswalk", "diff", "in_force", "versions"]


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
) -> dict[str, Any]:
    """Coverage with the list in force on ``as_of`` (or the version ``code_list``); seats and ``within`` are codes of
    today's list, translated when their unit was re-keyed."""
    return _kim.coverage_by_date(registry, as_of=as_of, level=level, within=within, code_list=code_list)  # type: ignore[arg-type]
