"""kim's exceptions. Every error raised by kim is a ``KimError``; each family has its own subclass."""

from __future__ import annotations

from typing import Any


class KimError(Exception):
    """Base class of every kim error."""

    def __init__(self, message: str = "", errors: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self._errors: list[dict[str, Any]] = list(errors or [])

    def errors(self) -> list[dict[str, Any]]:
        """The rejected rows, if any: dicts with ``table``, ``line``, ``field``, ``value``, ``code``, ``reason``."""
        return [dict(e) for e in self._errors]


class CodeError(KimError, ValueError):
    """A malformed Kemendagri code."""


class NikError(KimError, ValueError):
    """A malformed NIK."""


class CodeListError(KimError, ValueError):
    """A code list (reference) was rejected; ``.errors()`` lists the rows."""


class LexiconError(KimError, ValueError):
    """A moderation lexicon was rejected; ``.errors()`` lists the lines."""


class CsvError(KimError, ValueError):
    """CSV could not be read."""


class JsonError(KimError, ValueError):
    """JSON could not be parsed into the expected shape."""


class KimIOError(KimError, OSError):
    """A file could not be read."""


class RegistryError(KimError, ValueError):
    """A registry problem: unknown or duplicate KIM, member."""


class TransitionError(KimError, ValueError):
    """A status or review transition that the workflow does not allow."""


class ProfileError(KimError, LookupError):
    """A rule-profile problem: unknown id, malformed file, or none in force on the date."""


class ArgumentError(KimError, ValueError):
    """An argument or option is unusable."""


class ValidationError(KimError, ValueError):
    """Rows were rejected on import; ``.errors()`` returns every bad row (table, line, field, value, code, reason)."""


class PersonalDataWarning(UserWarning):
    """Emitted when kim hands out full personal data in a form that travels: pickling a ``Registry`` carries every
    member's full NIK (it is data, kept full so that the copy is faithful). Filter it with
    ``warnings.filterwarnings("ignore", category=kim.PersonalDataWarning)`` where that is intended."""


__all__ = [
    "ArgumentError",
    "CodeError",
    "CodeListError",
    "CsvError",
    "JsonError",
    "KimError",
    "KimIOError",
    "LexiconError",
    "NikError",
    "PersonalDataWarning",
    "ProfileError",
    "RegistryError",
    "TransitionError",
    "ValidationError",
]
