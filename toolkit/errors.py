"""One exception hierarchy for everything a user can get wrong.

Every error carries what went wrong, where (a path, optionally a line or byte offset) and what
to do about it. The CLI turns any :class:`ToolkitError` into one line on stderr and exit code 2;
nothing else in the package decides how errors look.
"""

from __future__ import annotations

import errno
import os
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


class SystemFault(ToolkitError):
    """The operating system refused a file operation: no space, read-only, no permission, too
    many open files. Files written atomically are left as they were."""

    @classmethod
    def from_os_error(cls, exc: OSError) -> SystemFault | None:
        """The fault an ``OSError`` stands for, naming its file; None for any other error."""
        known = SYSTEM_FAULTS.get(exc.errno or 0)
        if known is None:
            return None
        what, hint = known
        name = exc.filename if exc.filename is not None else exc.filename2
        path = Path(os.fsdecode(name)) if isinstance(name, str | bytes) else None
        return cls(what, path=path, hint=hint)


# errno -> (what happened, what to do). The one table of system faults a user can act on; any
# other OSError is a bug and keeps its traceback.
SYSTEM_FAULTS: dict[int, tuple[str, str]] = {
    errno.ENOSPC: (
        "no space left on the device",
        "free some space and run it again",
    ),
    errno.EDQUOT: (
        "disk quota exceeded",
        "free some space or ask for a larger quota, and run it again",
    ),
    errno.EROFS: (
        "read-only file system",
        "choose a writable folder, or remount it read-write",
    ),
    errno.EACCES: (
        "permission denied",
        "check the permissions of the file and its folder, or choose a writable folder",
    ),
    errno.EPERM: (
        "operation not permitted",
        "check the permissions of the file and its folder, or choose a writable folder",
    ),
    errno.EMFILE: (
        "too many open files",
        "raise the open-file limit (ulimit -n 4096) and run it again",
    ),
    errno.ENFILE: (
        "too many open files in the system",
        "close other programs or raise the system's open-file limit, and run it again",
    ),
}
