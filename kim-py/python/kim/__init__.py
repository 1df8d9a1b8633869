"""kim: the reference implementation of Indonesia's KIM rules (Komunitas Informasi Masyarakat).

- ``Reference``: the Kemendagri code list (embedded official list, or your own CSV) with name matching.
- ``Registry``: KIMs loaded from records, CSV, pandas or JSON; bad rows raise ``ValidationError`` (or are collected).
- ``validate``: findings under the rule profile in force (Permenkominfo 08/2010, 4/2024) and local overlays.
- ``coverage``, ``gaps``, ``coverage_series``: village and kecamatan coverage at every level, as of any date.
- ``Moderator``, ``redact``: moderation of Indonesian KIM content.
- ``mapping_report``: the Pasal 24 mapping report of a kab/kota; ``Rubric``, ``ahp``, ``score``, ``eligibility``,
  ``rank``, ``classify``: rubrics with explicit or AHP weights, scores, rankings with ties, tiers only under a
  scheme you supply.
- ``versions``: the code lists since 2015, the list in force on a date, diffs and a crosswalk for seat codes.
"""

from kim import versions
from kim._kim import (
    CoverageTable,
    MappingReport,
    Moderator,
    Ranking,
    Reference,
    Registry,
    Report,
    Rubric,
    Scores,
    Verdict,
    __version__,
    ahp,
    classify,
    coverage,
    coverage_series,
    eligibility,
    gaps,
    mapping_report,
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
    "JsonError",
    "KimError",
    "KimIOError",
    "LexiconError",
    "MappingReport",
    "Moderator",
    "NikError",
    "PersonalDataWarning",
    "ProfileError",
    "Ranking",
    "Reference",
    "Registry",
    "RegistryError",
    "Report",
    "Rubric",
    "Scores",
    "TransitionError",
    "ValidationError",
    "Verdict",
    "__version__",
    "ahp",
    "classify",
    "coverage",
    "coverage_series",
    "eligibility",
    "gaps",
    "mapping_report",
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
