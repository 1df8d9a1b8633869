"""kim: the reference implementation of Indonesia's KIM rules (Komunitas Informasi Masyarakat).

- ``Reference``: the Kemendagri code list (embedded official list, or your own CSV) with name matching.
- ``Registry``: KIMs loaded from records, CSV, pandas or JSON; bad rows raise ``ValidationError`` (or are collected).
- ``validate``: findings under the rule profile in force (Permenkominfo 08/2010, 4/2024) and local overlays.
- ``coverage``, ``gaps``, ``coverage_series``, ``target_progress``: village and kecamatan coverage at every level, as
  of any date, with the code list of today or the one in force on the date (``code_list="in_force"``).
- ``findings``: every validation finding of a registry as one table.
- Every tabular result converts with ``to_pandas()``, ``to_polars()``, ``pyarrow.table(t)`` and ``to_excel(path)``;
  display labels are Indonesian or English (``lang=``, ``set_lang``), column names English.
- ``Forums``, ``forum_coverage``, ``kim_forum_affiliation``: Forum KIM at four levels, rules FR1–FR13, coverage.
- ``Pembinaan``, ``pembinaan_report``: activities and sarpras grants, rules PB1–PB8, the pembinaan report.
- ``Moderator``, ``redact``: moderation of Indonesian KIM content.
- ``mapping_report``: the Pasal 24 mapping report of a kab/kota (``mapping_reports_province``: each kab/kota of a
  province); ``Rubric``, ``ahp``, ``score``, ``eligibility``, ``rank``, ``classify``: rubrics with explicit or AHP
  weights, scores, rankings with ties, tiers only under a scheme you supply; ``assess`` does them in one call, with
  the criteria fed by kim's own records.
- ``versions``: the code lists since 2015, the list in force on a date, diffs and a crosswalk for seat codes.
"""

import datetime
from collections.abc import Sequence
from typing import Any

from kim import _coverage, _kim, versions
from kim._kim import (
    CoverageTable,
    Forums,
    MappingReport,
    Moderator,
    Pembinaan,
    PembinaanReport,
    Ranking,
    Reference,
    Registry,
    Report,
    Rubric,
    Scores,
    Table,
    Verdict,
    __version__,
    ahp,
    assess,
    classify,
    coverage,
    eligibility,
    forum_coverage,
    kim_forum_affiliation,
    mapping_report,
    mapping_reports_province,
    pembinaan_report,
    profiles,
    rank,
    redact,
    score,
    target_progress,
    validate,
)
from kim._labels import get_lang, set_lang
from kim._tables import FINDING_TYPES, SERIES_TYPES, UNIT_TYPES, DataTable, Gaps, GapTable, SeriesTable, flat_point
from kim.errors import (
    ArgumentError,
    CodeError,
    CodeListError,
    CsvError,
    JsonError,
    KimError,
    KimIOError,
    LexiconError,
    NikError,
    PersonalDataWarning,
    ProfileError,
    RegistryError,
    TransitionError,
    ValidationError,
)

__all__ = [
    "ArgumentError",
    "CodeError",
    "CodeListError",
    "CoverageTable",
    "CsvError",
    "DataTable",
    "Forums",
    "JsonError",
    "KimError",
    "KimIOError",
    "LexiconError",
    "MappingReport",
    "Moderator",
    "NikError",
    "Pembinaan",
    "PembinaanReport",
    "PersonalDataWarning",
    "ProfileError",
    "Ranking",
    "Reference",
    "Registry",
    "RegistryError",
    "Report",
    "Rubric",
    "Scores",
    "Table",
    "TransitionError",
    "ValidationError",
    "Verdict",
    "__version__",
    "GapTable",
    "Gaps",
    "SeriesTable",
    "ahp",
    "assess",
    "classify",
    "coverage",
    "coverage_series",
    "eligibility",
    "findings",
    "forum_coverage",
    "gaps",
    "get_lang",
    "kim_forum_affiliation",
    "mapping_report",
    "mapping_reports_province",
    "pembinaan_report",
    "profiles",
    "rank",
    "redact",
    "score",
    "set_lang",
    "target_progress",
    "validate",
    "versions",
]

# Reference.versions(), .in_force(date), .diff(a, b) and .crosswalk(codes, a, b): the same functions as kim.versions.
for _name in ("versions", "in_force", "diff", "crosswalk"):
    setattr(Reference, _name, staticmethod(getattr(versions, _name)))
# reference.population(code), .area_km2(code), .denominators(code): figures for that list (kim.versions).
for _name in ("population", "area_km2", "denominators"):
    setattr(Reference, _name, versions.reference_method(getattr(versions, _name)))
del _name

_coverage.attach(CoverageTable)

Date = datetime.date | str
"""A date argument: a ``datetime.date`` or an ISO string ``YYYY-MM-DD``."""


def gaps(
    registry: Registry,
    /,
    *,
    within: str | None = None,
    as_of: Date | None = None,
    active: Sequence[str] | None = None,
    only_valid: bool = False,
    code_list: str | None = None,
    reference: Reference | None = None,
) -> Gaps:
    """Villages and kecamatan without an active KIM on ``as_of`` (today by default) inside ``within``: ``.villages``
    and ``.kecamatan``, tables with the names of the kecamatan, kab/kota and province above each unit (also
    ``g["villages"]``). ``code_list="in_force"`` uses the list in force on ``as_of`` (or give a version id)."""
    raw = _kim.gaps(
        registry,
        within=within,
        as_of=as_of,
        active=active,
        only_valid=only_valid,
        code_list=code_list,
        reference=reference,
    )
    return Gaps(raw)


def coverage_series(
    registry: Registry,
    /,
    *,
    start: Date | None = None,
    end: Date | None = None,
    dates: Sequence[Date] | None = None,
    within: str | None = None,
    active: Sequence[str] | None = None,
    code_list: str | None = None,
    reference: Reference | None = None,
) -> SeriesTable:
    """Coverage of ``within`` (or the country) at every month end from ``start`` to ``end`` (today by default), or
    at any ``dates``: a table with one row per date (``date``, the village counts and ratios, ``kecamatan``,
    ``kecamatan_with_kim``, ``kecamatan_ratio``, ``n_kim``, ``code_list_version``), computed in one pass over the
    history. ``code_list="in_force"`` uses, for each date, the list in force on it. ``.plot(target=...)`` draws it.

    >>> s = kim.coverage_series(reg, start="2024-01-01", end="2025-06-30", within="64.02")
    >>> len(s), s[-1]["villages_with_kim"]
    (18, 32)
    """
    points = _kim.coverage_series(
        registry,
        start=start,
        end=end,
        dates=None if dates is None else list(dates),
        within=within,
        active=active,
        code_list=code_list,
        reference=reference,
    )
    rows = [flat_point(p) for p in points]
    return SeriesTable.from_records(rows, SERIES_TYPES, title=within or "Indonesia")


def findings(
    registry: Registry,
    /,
    *,
    profile: str | Sequence[str] | None = None,
    as_of: Date | None = None,
    reference: Reference | None = None,
) -> DataTable:
    """Every finding of ``validate(registry)`` as one table, one row per finding: ``kim_id``, ``kim_name``, ``seat``,
    ``kim_ok``, ``as_of``, ``code``, ``severity``, ``path``, ``profile``, ``instrument``, ``pasal``, ``message_id``,
    ``message_en``."""
    rows = _kim.findings(registry, profile=profile, as_of=as_of, reference=reference)
    when = rows[0]["as_of"] if rows else None
    return DataTable.from_records(rows, FINDING_TYPES, title="findings", as_of=when)


def _reference_table(self: Reference, level: str | None = None, within: str | None = None) -> DataTable:
    """The units inside ``within`` (or the whole list), only those at ``level`` if given (``"provinsi"``,
    ``"kab_kota"``/``"kabupaten"``/``"kota"``, ``"kecamatan"``/``"kec"``, ``"desa"``): ``code``, ``name``,
    ``level``, ``parent``, ``kind``."""
    cols = self.columns(level=level, within=within)
    return DataTable(cols, UNIT_TYPES, title=within or "Indonesia", code_list_version=self.version)


def _reference_pandas(self: Reference, level: str | None = None, within: str | None = None) -> Any:
    """The code list as a pandas DataFrame (``Reference.table`` for the arguments)."""
    return _reference_table(self, level, within).to_pandas()


def _reference_polars(self: Reference, level: str | None = None, within: str | None = None) -> Any:
    """The code list as a polars DataFrame (``Reference.table`` for the arguments)."""
    return _reference_table(self, level, within).to_polars()


for _name, _fn in (("table", _reference_table), ("to_pandas", _reference_pandas), ("to_polars", _reference_polars)):
    setattr(Reference, _name, _fn)
del _name, _fn
