import datetime
import os
from collections.abc import Mapping, Sequence
from typing import Any, Literal, final, overload

# Optional dependencies: their types when installed (pandas needs pandas-stubs), Any otherwise.
import matplotlib.axes  # type: ignore[import-not-found, import-untyped, unused-ignore]
import pandas  # type: ignore[import-not-found, import-untyped, unused-ignore]
import polars  # type: ignore[import-not-found, import-untyped, unused-ignore]

from kim._tables import DataTable

__version__: str
__all__ = [
    "BOUNDARIES_LICENSE",
    "CoverageTable",
    "Forums",
    "MappingReport",
    "Moderator",
    "Pembinaan",
    "PembinaanReport",
    "Ranking",
    "Reference",
    "Registry",
    "Report",
    "Rubric",
    "Scores",
    "Table",
    "Verdict",
    "__version__",
    "ahp",
    "assess",
    "boundaries",
    "classify",
    "code_list_crosswalk",
    "code_list_diff",
    "code_list_in_force",
    "code_list_versions",
    "coverage",
    "coverage_by_date",
    "coverage_geojson",
    "coverage_series",
    "eligibility",
    "findings",
    "forum_coverage",
    "gaps",
    "kim_forum_affiliation",
    "mapping_report",
    "mapping_reports_province",
    "migrate_registry",
    "pembinaan_report",
    "profiles",
    "rank",
    "redact",
    "score",
    "target_progress",
    "unit_denominators",
    "validate",
]

_Level = Literal[
    "provinsi",
    "kab_kota",
    "kecamatan",
    "desa",
    "kabupaten",
    "kota",
    "kab/kota",
    "kab",
    "kec",
    "kel",
    "kelurahan",
    "prov",
]
# A date argument: a datetime.date (a datetime counts by its day) or an ISO string YYYY-MM-DD.
_Date = datetime.date | str
_Lang = Literal["id", "en"]

@final
class Reference:
    @staticmethod
    def embedded() -> Reference: ...
    # Attached by kim/__init__.py from kim.versions (the code lists through time).
    @staticmethod
    def versions() -> list[dict[str, Any]]: ...
    @staticmethod
    def in_force(date: datetime.date) -> dict[str, Any]: ...
    @staticmethod
    def diff(from_version: str, to_version: str, *, as_frame: bool | None = None) -> Any: ...
    @staticmethod
    def crosswalk(codes: Sequence[str], from_version: str, to_version: str, *, as_frame: bool | None = None) -> Any: ...
    def population(self, code: str) -> dict[str, Any] | None: ...
    def area_km2(self, code: str) -> dict[str, Any] | None: ...
    def denominators(self, code: str) -> dict[str, Any]: ...
    @staticmethod
    def from_csv(path: str | os.PathLike[str], /, *, version: str = "custom") -> Reference: ...
    @property
    def version(self) -> str: ...
    def __len__(self) -> int: ...
    def counts(self, within: str | None = None, /) -> dict[str, int]: ...
    def get(self, code: str) -> dict[str, Any] | None: ...
    def children(self, code: str | None = None, /) -> list[dict[str, Any]]: ...
    def match_name(
        self, name: str, /, *, within: str | None = None, level: _Level | None = None
    ) -> list[dict[str, Any]]: ...
    def resolve_place(self, text: str) -> dict[str, Any]: ...
    def columns(self, *, level: str | None = None, within: str | None = None) -> dict[str, list[str | None]]: ...
    # Attached by kim/__init__.py (tables of the code list).
    def table(self, level: str | None = None, within: str | None = None) -> DataTable: ...
    def to_pandas(self, level: str | None = None, within: str | None = None) -> pandas.DataFrame: ...
    def to_polars(self, level: str | None = None, within: str | None = None) -> polars.DataFrame: ...
    def __reduce__(self) -> tuple[Any, ...]: ...
    @staticmethod
    def _from_state(state: tuple[str | None, str | None]) -> Reference: ...

@final
class Registry:
    @overload
    @staticmethod
    def from_records(
        kims: Sequence[dict[str, Any]],
        /,
        *,
        members: Sequence[dict[str, Any]] | None = None,
        reference: Reference | None = None,
        errors: Literal["raise"] = "raise",
        places: Any | None = None,
        columns: Mapping[str, str] | None = None,
        dayfirst: bool = True,
        min_year: int = 1900,
        max_year: int = 2100,
        max_errors: int = 1000,
        max_bad_rows: int | None = None,
    ) -> Registry: ...
    @overload
    @staticmethod
    def from_records(
        kims: Sequence[dict[str, Any]],
        /,
        *,
        members: Sequence[dict[str, Any]] | None = None,
        reference: Reference | None = None,
        errors: Literal["collect"],
        places: Any | None = None,
        columns: Mapping[str, str] | None = None,
        dayfirst: bool = True,
        min_year: int = 1900,
        max_year: int = 2100,
        max_errors: int = 1000,
        max_bad_rows: int | None = None,
    ) -> tuple[Registry, list[dict[str, Any]]]: ...
    @overload
    @staticmethod
    def from_records(
        kims: Sequence[dict[str, Any]],
        /,
        *,
        members: Sequence[dict[str, Any]] | None = None,
        reference: Reference | None = None,
        errors: Literal["report"],
        places: Any | None = None,
        columns: Mapping[str, str] | None = None,
        dayfirst: bool = True,
        min_year: int = 1900,
        max_year: int = 2100,
        max_errors: int = 1000,
        max_bad_rows: int | None = None,
    ) -> tuple[Registry, dict[str, Any]]: ...
    @overload
    @staticmethod
    def from_records(
        kims: Sequence[dict[str, Any]],
        /,
        *,
        members: Sequence[dict[str, Any]] | None = None,
        reference: Reference | None = None,
        errors: Literal["review"],
        places: Any | None = None,
        columns: Mapping[str, str] | None = None,
        dayfirst: bool = True,
        min_year: int = 1900,
        max_year: int = 2100,
        max_errors: int = 1000,
        max_bad_rows: int | None = None,
    ) -> tuple[Registry, list[dict[str, Any]], pandas.DataFrame]: ...
    @overload
    @staticmethod
    def from_csv(
        path: str | os.PathLike[str],
        /,
        *,
        members: str | os.PathLike[str] | None = None,
        reference: Reference | None = None,
        errors: Literal["raise"] = "raise",
        places: Any | None = None,
        columns: Mapping[str, str] | None = None,
        dayfirst: bool = True,
        min_year: int = 1900,
        max_year: int = 2100,
        max_errors: int = 1000,
        max_bad_rows: int | None = None,
        delimiter: str | None = None,
        encoding: str | None = None,
        max_columns: int = 1000,
    ) -> Registry: ...
    @overload
    @staticmethod
    def from_csv(
        path: str | os.PathLike[str],
        /,
        *,
        members: str | os.PathLike[str] | None = None,
        reference: Reference | None = None,
        errors: Literal["collect"],
        places: Any | None = None,
        columns: Mapping[str, str] | None = None,
        dayfirst: bool = True,
        min_year: int = 1900,
        max_year: int = 2100,
        max_errors: int = 1000,
        max_bad_rows: int | None = None,
        delimiter: str | None = None,
        encoding: str | None = None,
        max_columns: int = 1000,
    ) -> tuple[Registry, list[dict[str, Any]]]: ...
    @overload
    @staticmethod
    def from_csv(
        path: str | os.PathLike[str],
        /,
        *,
        members: str | os.PathLike[str] | None = None,
        reference: Reference | None = None,
        errors: Literal["report"],
        places: Any | None = None,
        columns: Mapping[str, str] | None = None,
        dayfirst: bool = True,
        min_year: int = 1900,
        max_year: int = 2100,
        max_errors: int = 1000,
        max_bad_rows: int | None = None,
        delimiter: str | None = None,
        encoding: str | None = None,
        max_columns: int = 1000,
    ) -> tuple[Registry, dict[str, Any]]: ...
    @overload
    @staticmethod
    def from_csv(
        path: str | os.PathLike[str],
        /,
        *,
        members: str | os.PathLike[str] | None = None,
        reference: Reference | None = None,
        errors: Literal["review"],
        places: Any | None = None,
        columns: Mapping[str, str] | None = None,
        dayfirst: bool = True,
        min_year: int = 1900,
        max_year: int = 2100,
        max_errors: int = 1000,
        max_bad_rows: int | None = None,
        delimiter: str | None = None,
        encoding: str | None = None,
        max_columns: int = 1000,
    ) -> tuple[Registry, list[dict[str, Any]], pandas.DataFrame]: ...
    @overload
    @staticmethod
    def from_pandas(
        df: Any,
        /,
        *,
        members: Any | None = None,
        reference: Reference | None = None,
        errors: Literal["raise"] = "raise",
        places: Any | None = None,
        columns: Mapping[str, str] | None = None,
        dayfirst: bool = True,
        min_year: int = 1900,
        max_year: int = 2100,
        max_errors: int = 1000,
        max_bad_rows: int | None = None,
    ) -> Registry: ...
    @overload
    @staticmethod
    def from_pandas(
        df: Any,
        /,
        *,
        members: Any | None = None,
        reference: Reference | None = None,
        errors: Literal["collect"],
        places: Any | None = None,
        columns: Mapping[str, str] | None = None,
        dayfirst: bool = True,
        min_year: int = 1900,
        max_year: int = 2100,
        max_errors: int = 1000,
        max_bad_rows: int | None = None,
    ) -> tuple[Registry, list[dict[str, Any]]]: ...
    @overload
    @staticmethod
    def from_pandas(
        df: Any,
        /,
        *,
        members: Any | None = None,
        reference: Reference | None = None,
        errors: Literal["report"],
        places: Any | None = None,
        columns: Mapping[str, str] | None = None,
        dayfirst: bool = True,
        min_year: int = 1900,
        max_year: int = 2100,
        max_errors: int = 1000,
        max_bad_rows: int | None = None,
    ) -> tuple[Registry, dict[str, Any]]: ...
    @overload
    @staticmethod
    def from_pandas(
        df: Any,
        /,
        *,
        members: Any | None = None,
        reference: Reference | None = None,
        errors: Literal["review"],
        places: Any | None = None,
        columns: Mapping[str, str] | None = None,
        dayfirst: bool = True,
        min_year: int = 1900,
        max_year: int = 2100,
        max_errors: int = 1000,
        max_bad_rows: int | None = None,
    ) -> tuple[Registry, list[dict[str, Any]], pandas.DataFrame]: ...
    @staticmethod
    def from_json(json: str) -> Registry: ...
    def to_json(self, *, for_logs: bool = False) -> str: ...
    def to_records(self, *, reveal: bool = False) -> list[dict[str, Any]]: ...
    def get(self, id: str, /, *, reveal: bool = False) -> dict[str, Any] | None: ...
    def ids(self) -> list[str]: ...
    def __len__(self) -> int: ...
    def __reduce__(self) -> tuple[Any, ...]: ...

@final
class Report:
    @property
    def ok(self) -> bool: ...
    @property
    def kim_id(self) -> str: ...
    @property
    def as_of(self) -> datetime.date: ...
    @property
    def profiles(self) -> list[str]: ...
    @property
    def findings(self) -> list[dict[str, Any]]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_pandas(self) -> Any: ...
    def __reduce__(self) -> tuple[Any, ...]: ...
    @staticmethod
    def _from_json(json: str) -> Report: ...

@final
class CoverageTable:
    @property
    def total(self) -> dict[str, Any]: ...
    @property
    def unmatched(self) -> list[dict[str, Any]]: ...
    @property
    def excluded_invalid(self) -> list[str]: ...
    @property
    def denominators(self) -> dict[str, Any] | None: ...
    @property
    def as_of(self) -> datetime.date: ...
    @property
    def code_list_version(self) -> str: ...
    @property
    def level(self) -> str: ...
    @property
    def within(self) -> str | None: ...
    @property
    def before_oldest(self) -> bool: ...
    @property
    def seats_rekeyed(self) -> int: ...
    def to_records(self) -> list[dict[str, Any]]: ...
    def records_slice(self, start: int, stop: int) -> list[dict[str, Any]]: ...
    def column(self, name: str) -> list[Any]: ...
    def to_pandas(self) -> pandas.DataFrame: ...
    def to_polars(self) -> polars.DataFrame: ...
    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object: ...
    # Attached by kim/__init__.py (kim/_coverage.py): presentation.
    def _repr_html_(self) -> str: ...
    def to_html(self, *, lang: _Lang | None = None, max_rows: int = 20) -> str: ...
    def plot(
        self,
        *,
        metric: Literal["village_ratio", "kecamatan_ratio", "desa_ratio", "kelurahan_ratio"] = "village_ratio",
        sort: Literal["desc", "asc"] | None = "desc",
        top: int | None = None,
        bottom: int | None = None,
        group: bool | None = None,
        lang: _Lang | None = None,
        ax: matplotlib.axes.Axes | None = None,
        title: str | None = None,
    ) -> matplotlib.axes.Axes: ...
    def to_excel(self, path: str | os.PathLike[str], *, lang: _Lang | None = None) -> None: ...
    # Implemented by kim.maps (imported when called).
    def plot_map(self, **kwargs: Any) -> Any: ...
    def to_geopandas(self, **kwargs: Any) -> Any: ...
    def to_geojson(self, **kwargs: Any) -> Any: ...
    def __len__(self) -> int: ...
    def __reduce__(self) -> tuple[Any, ...]: ...
    @staticmethod
    def _from_json(json: str, before_oldest: bool = False, seats_rekeyed: int = 0) -> CoverageTable: ...

@final
class Verdict:
    @property
    def decision(self) -> Literal["allow", "hold", "block"]: ...
    @property
    def categories(self) -> list[str]: ...
    @property
    def matches(self) -> list[dict[str, Any]]: ...
    @property
    def omitted(self) -> dict[str, int]: ...
    @property
    def fact_check(self) -> bool: ...
    @property
    def lexicon_version(self) -> str: ...
    @property
    def redacted(self) -> str | None: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __reduce__(self) -> tuple[Any, ...]: ...
    @staticmethod
    def _from_json(json: str) -> Verdict: ...

@final
class Moderator:
    @staticmethod
    def default(*, hold_model: bool = True) -> Moderator: ...
    @staticmethod
    def from_lexicon(
        path: str | os.PathLike[str],
        /,
        *,
        version: str | None = None,
        extend: bool = True,
        hold_model: bool | None = None,
    ) -> Moderator: ...
    def check(self, text: str) -> Verdict: ...
    def check_many(self, texts: Sequence[str]) -> list[Verdict]: ...
    @property
    def lexicon_version(self) -> str: ...
    @property
    def version(self) -> str: ...
    @property
    def hold_model(self) -> bool: ...
    def __reduce__(self) -> tuple[Any, ...]: ...
    @staticmethod
    def _from_state(
        state: tuple[tuple[str, str, bool] | None, bool] | tuple[str, str, bool] | None,
    ) -> Moderator: ...

@overload
def validate(
    obj: Registry,
    /,
    *,
    profile: str | Sequence[str] | None = None,
    as_of: _Date | None = None,
    reference: Reference | None = None,
) -> list[Report]: ...
@overload
def validate(
    obj: dict[str, Any],
    /,
    *,
    profile: str | Sequence[str] | None = None,
    as_of: _Date | None = None,
    reference: Reference | None = None,
) -> Report: ...
def profiles() -> list[dict[str, Any]]: ...
def findings(
    registry: Registry,
    /,
    *,
    profile: str | Sequence[str] | None = None,
    as_of: _Date | None = None,
    reference: Reference | None = None,
) -> list[dict[str, Any]]: ...
def coverage(
    registry: Registry,
    /,
    *,
    level: _Level = "kecamatan",
    within: str | None = None,
    as_of: _Date | None = None,
    active: Sequence[str] | None = None,
    only_valid: bool = False,
    code_list: str | None = None,
    reference: Reference | None = None,
    denominators: bool = False,
) -> CoverageTable: ...
def gaps(
    registry: Registry,
    /,
    *,
    within: str | None = None,
    as_of: _Date | None = None,
    active: Sequence[str] | None = None,
    only_valid: bool = False,
    code_list: str | None = None,
    reference: Reference | None = None,
) -> dict[str, Any]: ...
def coverage_series(
    registry: Registry,
    /,
    *,
    start: _Date | None = None,
    end: _Date | None = None,
    dates: Sequence[_Date] | None = None,
    within: str | None = None,
    active: Sequence[str] | None = None,
    code_list: str | None = None,
    reference: Reference | None = None,
) -> list[dict[str, Any]]: ...
def target_progress(
    registry: Registry,
    /,
    *,
    ratio: float,
    date: _Date,
    within: str | None = None,
    as_of: _Date | None = None,
    window_months: int = 12,
    active: Sequence[str] | None = None,
    reference: Reference | None = None,
) -> dict[str, Any]: ...
def redact(text: str) -> str: ...
def code_list_versions() -> list[dict[str, Any]]: ...
def code_list_in_force(date: datetime.date) -> dict[str, Any]: ...
def code_list_diff(from_version: str, to_version: str) -> list[dict[str, Any]]: ...
def code_list_crosswalk(codes: Sequence[str], from_version: str, to_version: str) -> list[dict[str, Any]]: ...
def coverage_by_date(
    registry: Registry,
    /,
    *,
    as_of: datetime.date,
    level: _Level = "kecamatan",
    within: str | None = None,
    code_list: str | None = None,
    denominators: bool = False,
) -> dict[str, Any]: ...
def unit_denominators(code: str, /, *, reference: Reference | None = None) -> dict[str, Any]: ...
def migrate_registry(
    registry: Registry, /, from_version: str, to_version: str | None = None
) -> tuple[Registry, list[dict[str, Any]]]: ...

_ForumLevel = Literal["kecamatan", "kab_kota", "provinsi", "nasional"]

@final
class Forums:
    def __new__(cls, forums: Sequence[Mapping[str, Any]]) -> Forums: ...
    @staticmethod
    def from_json(json: str) -> Forums: ...
    def to_json(self) -> str: ...
    @property
    def ids(self) -> list[str]: ...
    def get(self, id: str) -> dict[str, Any] | None: ...
    def memberships_of(self, kim_id: str, as_of: datetime.date | None = None) -> list[str]: ...
    def forum_of(self, kim_id: str, level: _ForumLevel, as_of: datetime.date | None = None) -> str | None: ...
    def check(
        self,
        registry: Registry,
        *,
        as_of: datetime.date | None = None,
        rules: Mapping[str, Any] | None = None,
        reference: Reference | None = None,
    ) -> dict[str, Any]: ...
    def __len__(self) -> int: ...

@final
class Pembinaan:
    def __new__(cls) -> Pembinaan: ...
    @staticmethod
    def from_json(json: str) -> Pembinaan: ...
    def to_json(self) -> str: ...
    @property
    def activity_ids(self) -> list[str]: ...
    def import_activities_csv(
        self,
        source: str | os.PathLike[str] | bytes,
        *,
        columns: Mapping[str, str] | None = None,
        dayfirst: bool = True,
        min_year: int = 1900,
        max_year: int = 2100,
        max_errors: int = 1000,
        max_bad_rows: int | None = None,
        delimiter: str | None = None,
        encoding: str | None = None,
        max_columns: int = 1000,
    ) -> dict[str, Any]: ...
    def import_attendance_csv(
        self,
        source: str | os.PathLike[str] | bytes,
        registry: Registry | None = None,
        *,
        columns: Mapping[str, str] | None = None,
        dayfirst: bool = True,
        min_year: int = 1900,
        max_year: int = 2100,
        max_errors: int = 1000,
        max_bad_rows: int | None = None,
        delimiter: str | None = None,
        encoding: str | None = None,
        max_columns: int = 1000,
    ) -> dict[str, Any]: ...
    def attended_by(self, kim_id: str, start: datetime.date, end: datetime.date) -> list[str]: ...
    def check(self, registry: Registry, *, as_of: datetime.date | None = None) -> dict[str, Any]: ...
    def __len__(self) -> int: ...

@final
class Table:
    @property
    def columns(self) -> list[str]: ...
    def to_records(self) -> list[dict[str, Any]]: ...
    def to_pandas(self) -> Any: ...
    def to_polars(self) -> Any: ...
    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object: ...
    def __len__(self) -> int: ...

@final
class PembinaanReport:
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    @property
    def recipients(self) -> list[tuple[str, bool]]: ...
    def metrics(self) -> Table: ...
    def activities(self) -> Table: ...
    def sarpras(self) -> Table: ...
    def funding(self) -> Table: ...

def forum_coverage(
    forums: Forums,
    /,
    *,
    level: _ForumLevel = "kecamatan",
    within: str | None = None,
    as_of: datetime.date | None = None,
    reference: Reference | None = None,
) -> dict[str, Any]: ...
def kim_forum_affiliation(
    forums: Forums,
    registry: Registry,
    /,
    *,
    level: _ForumLevel | None = None,
    within: str | None = None,
    as_of: datetime.date | None = None,
    reference: Reference | None = None,
) -> dict[str, Any]: ...
def pembinaan_report(
    pembinaan: Pembinaan,
    registry: Registry,
    /,
    *,
    unit: str,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    training: Sequence[str] | None = None,
    window_months: int = 12,
    reference: Reference | None = None,
) -> PembinaanReport: ...

# kim-geo: GeoJSON text (kim.maps parses and draws it), and the boundaries' licence.
BOUNDARIES_LICENSE: str

def boundaries(level: str, codes: Sequence[str] | None = None, *, within: str | None = None) -> str: ...
def coverage_geojson(table: CoverageTable) -> str: ...

# Pemetaan (Permenkominfo 4/2024 Pasal 24) and assessment.
_Scope = Literal["kab_kota", "provinsi"]

@final
class Rubric:
    def __new__(cls, obj: str | Mapping[str, Any], /) -> Rubric: ...
    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def illustrative(self) -> bool: ...
    @property
    def criteria(self) -> list[dict[str, Any]]: ...
    @property
    def weights(self) -> list[float]: ...
    @property
    def ahp(self) -> dict[str, Any] | None: ...
    def with_max_cr(self, max_cr: float) -> Rubric: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __reduce__(self) -> tuple[Any, ...]: ...

@final
class MappingReport:
    @property
    def completeness(self) -> float | None: ...
    @property
    def active_kims(self) -> int: ...
    @property
    def mapped_kims(self) -> int: ...
    @property
    def unmapped(self) -> list[dict[str, Any]]: ...
    @property
    def priority(self) -> list[dict[str, Any]]: ...
    @property
    def counts(self) -> list[dict[str, Any]]: ...
    @property
    def code_list_version(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def to_records(self) -> list[dict[str, Any]]: ...
    def to_pandas(self) -> Any: ...
    def to_polars(self) -> Any: ...
    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object: ...

@final
class Scores:
    @property
    def totals(self) -> list[tuple[str, float]]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_records(self) -> list[dict[str, Any]]: ...
    def to_pandas(self) -> Any: ...
    def to_polars(self) -> Any: ...
    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object: ...
    def __len__(self) -> int: ...

@final
class Ranking:
    @property
    def rows(self) -> list[dict[str, Any]]: ...
    @property
    def ties(self) -> list[dict[str, Any]]: ...
    @property
    def unranked(self) -> list[dict[str, Any]]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_records(self) -> list[dict[str, Any]]: ...
    def to_pandas(self) -> Any: ...
    def to_polars(self) -> Any: ...
    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object: ...
    def __len__(self) -> int: ...

def ahp(matrix: Sequence[Sequence[float]], /, *, max_cr: float = 0.1) -> dict[str, Any]: ...
def mapping_report(
    registry: Registry,
    mappings: str | Sequence[Mapping[str, Any]],
    /,
    *,
    kab_kota: str,
    start: datetime.date,
    end: datetime.date,
    max_age_days: int = 365,
    reference: Reference | None = None,
) -> MappingReport: ...
def mapping_reports_province(
    registry: Registry,
    mappings: str | Sequence[Mapping[str, Any]],
    /,
    *,
    provinsi: str,
    start: datetime.date,
    end: datetime.date,
    max_age_days: int = 365,
    reference: Reference | None = None,
) -> list[MappingReport]: ...
def score(rubric: Rubric, observations: Any, /) -> Scores: ...
def eligibility(
    registry: Registry, /, *, as_of: datetime.date | None = None, reference: Reference | None = None
) -> list[dict[str, Any]]: ...
def rank(
    scores: Scores, registry: Registry, eligibility: Sequence[Mapping[str, Any]], /, *, scope: _Scope = "kab_kota"
) -> Ranking: ...
def classify(total: float, /, scheme: Mapping[str, Any] | None = None) -> dict[str, Any]: ...
def assess(
    rubric: Rubric,
    registry: Registry,
    /,
    observations: Any = None,
    *,
    as_of: datetime.date | None = None,
    scope: _Scope = "kab_kota",
    eligibility: Sequence[Mapping[str, Any]] | None = None,
    scheme: Mapping[str, Any] | None = None,
    period: tuple[datetime.date, datetime.date] | None = None,
    all_kims: bool = False,
    forums: Forums | None = None,
    pembinaan: Pembinaan | None = None,
    cases: str | Sequence[Mapping[str, Any]] | None = None,
    validation: bool = False,
    reference: Reference | None = None,
) -> tuple[Scores, Ranking, list[dict[str, Any]]]: ...
