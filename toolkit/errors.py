"""One exception hierarchy for everything a user can get wrong.

Every error carries what went wrong, where (a path, optionally a line or byte offset) and what
to do about it. The CLI turns any :class:`ToolkitError` into one line on stderr and exit code 2;
nothing else in the package decides how errors look.
"""

from __future__ import annotations

from pathlib import Path

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


class ToolkitError(Exception):
    """Base of every error the toolkit reports to a user."""

    exit_code = EXIT_ERROR

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        offset: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.offset = offset
        self.hint = hint

    @property
    def location(self) -> str | None:
        if self.path is None:
            return None
        loc = str(self.path)
        if self.line is not None:
            loc += f":{self.line}"
        if self.offset is not None:
            loc += f" (byte {self.offset})"
        return loc

    def __str__(self) -> str:
        parts = []
        if self.location:
            parts.append(f"{self.location}: ")
        parts.append(self.message)
        if self.hint:
            parts.append(f" ({self.hint})")
        return "".join(parts)


class ConfigError(ToolkitError):
    """The project settings are missing, unreadable or invalid."""


class LanguageError(ToolkitError):
    """A language code Babel does not know, or one the project is not set up for."""


class CorpusError(ToolkitError):
    """An article cannot be read or imported (encoding, unknown id, empty text)."""


class CatalogError(ToolkitError):
    """A gettext catalog is missing, malformed or cannot be written."""


class GlossaryError(ToolkitError):
    """The termbase is inconsistent or cannot be read."""


class EngineUnavailable(ToolkitError):
    """No translation model can serve a language pair, or a model is broken."""


class JobBusy(ToolkitError):
    """Another translate job holds the project's lock."""
