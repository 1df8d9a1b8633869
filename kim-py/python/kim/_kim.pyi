import datetime
import os
from collections.abc import Mapping, Sequence
from typing import Any, Literal, final

__version__: str
__all__ = [
    "CoverageTable",
    "Moderator",
    "Reference",
    "Registry",
    "Report",
    "Verdict",
    "__version__",
    "code_list_crosswalk",
    "code_list_diff",
    "code_list_in_force",
    "code_list_versions",
    "coverage",
    "coverage_by_date",
    "coverage_series",
    "gaps",
    "profiles",
    "redact",
    "validate",
]

_Level = Literal["provinsi", "kab_kota", "kecamatan", "desa"]

@final
class Reference:
    @staticmethod
    def embedded() -> Reference: ...
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
    def __reduce__(self) -> tuple[Any, ...]: ...
    @staticmethod
    def _from_state(state: tuple[str | None, str | None]) -> Reference: ...

@final
class Registry:
    @staticmethod
    def from_records(
        kims: Sequence[dict[str, Any]],
        /,
        *,
        members: Sequence[dict[str, Any]] | None = None,
        reference: Reference | None = None,
        errors: Literal["raise", "collect", "report", "review"] = "raise",
        places: Any | None = None,
        columns: Mapping[str, str] | None = None,
        dayfirst: bool = True,
        min_year: int = 1900,
        max_year: int = 2100,
        max_errors: int = 1000,
        max_bad_rows: int | None = None,
    ) -> Any: ...
    @staticmethod
    def from_csv(
        path: str | os.PathLike[str],
        /,
        *,
        members: str | os.PathLike[str] | None = None,
        reference: Reference | None = None,
        errors: Literal["raise", "collect", "report", "review"] = "raise",
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
    ) -> Any: ...
    @staticmethod
    def from_pandas(
        df: Any,
        /,
        *,
        members: Any | None = None,
        reference: Reference | None = None,
        errors: Literal["raise", "collect", "report", "review"] = "raise",
        places: Any | None = None,
        columns: Mapping[str, str] | None = None,
        dayfirst: bool = True,
        min_year: int = 1900,
        max_year: int = 2100,
        max_errors: int = 1000,
        max_bad_rows: int | None = None,
    ) -> Any: ...
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
    def as_of(self) -> datetime.date: ...
    @property
    def code_list_version(self) -> str: ...
    @property
    def level(self) -> str: ...
    def to_records(self) -> list[dict[str, Any]]: ...
    def to_pandas(self) -> Any: ...
    def to_polars(self) -> Any: ...
    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object: ...
    def _repr_html_(self) -> str: ...
    def plot(self, *, ax: Any | None = None) -> Any: ...
    def __len__(self) -> int: ...
    def __reduce__(self) -> tuple[Any, ...]: ...
    @staticmethod
    def _from_json(json: str) -> CoverageTable: ...

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
    def to_dict(self) -> dict[str, Any]: ...
    def __reduce__(self) -> tuple[Any, ...]: ...
    @staticmethod
    def _from_json(json: str) -> Verdict: ...

@final
class Moderator:
    @staticmethod
    def default() -> Moderator: ...
    @staticmethod
    def from_lexicon(
        path: str | os.PathLike[str], /, *, version: str | None = None, extend: bool = True
    ) -> Moderator: ...
    def check(self, text: str) -> Verdict: ...
    def check_many(self, texts: Sequence[str]) -> list[Verdict]: ...
    @property
    def lexicon_version(self) -> str: ...
    def __reduce__(self) -> tuple[Any, ...]: ...
    @staticmethod
    def _from_state(state: tuple[str, str, bool] | None) -> Moderator: ...

def validate(
    obj: Registry | dict[str, Any],
    /,
    *,
    profile: str | Sequence[str] | None = None,
    as_of: datetime.date | None = None,
    reference: Reference | None = None,
) -> Any: ...
def profiles() -> list[dict[str, Any]]: ...
def coverage(
    registry: Registry,
    /,
    *,
    level: _Level = "kecamatan",
    within: str | None = None,
    as_of: datetime.date | None = None,
    active: Sequence[str] | None = None,
    reference: Reference | None = None,
) -> CoverageTable: ...
def gaps(
    registry: Registry,
    /,
    *,
    within: str | None = None,
    as_of: datetime.date | None = None,
    reference: Reference | None = None,
) -> dict[str, Any]: ...
def coverage_series(
    registry: Registry,
    /,
    *,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    dates: Sequence[datetime.date] | None = None,
    within: str | None = None,
    reference: Reference | None = None,
) -> list[dict[str, Any]]: ...
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
) -> dict[str, Any]: ...
