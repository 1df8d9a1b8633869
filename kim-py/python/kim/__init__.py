"""kim: the reference implementation of Indonesia's KIM rules (Komunitas Informasi Masyarakat).

- ``Reference``: the Kemendagri code list (embedded official list, or your own CSV) with name matching.
- ``Registry``: KIMs loaded from records, CSV, pandas or JSON; bad rows raise ``ValidationError`` (or are collected).
- ``validate``: findings under the rule profile in force (Permenkominfo 08/2010, 4/2024) and local overlays.
- ``coverage``, ``gaps``, ``coverage_series``: village and kecamatan coverage at every level, as of any date.
- ``Forums``, ``forum_coverage``, ``kim_forum_affiliation``: Forum KIM at four levels, rules FR1–FR13, coverage.
- ``Pembinaan``, ``pembinaan_report``: activities and sarpras grants, rules PB1–PB8, the pembinaan report.
- ``Moderator``, ``redact``: moderation of Indonesian KIM content.
- ``mapping_report``: the Pasal 24 mapping report of a kab/kota; ``Rubric``, ``ahp``, ``score``, ``eligibility``,
  ``rank``, ``classify``: rubrics with explicit or AHP weights, scores, rankings with ties, tiers only under a
  scheme you supply.
- ``versions``: the code lists since 2015, the list in force on a date, diffs and a crosswalk for seat codes.
"""

from kim import versions
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
    classify,
    coverage,
    coverage_series,
    eligibility,
    forum_coverage,
    gaps,
    kim_forum_affiliation,
    mapping_report,
    pembinaan_report,
    profiles,
    rank,
    redact,
    score,
    validate,
)
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
    "ahp",
    "classify",
    "coverage",
    "coverage_series",
    "eligibility",
    "forum_coverage",
    "gaps",
    "kim_forum_affiliation",
    "mapping_report",
    "pembinaan_report",
    "profiles",
    "rank",
    "redact",
    "score",
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
