"""Output formats every command shares: a table or text for people, JSON for scripts."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from toolkit.config import Settings


class TableFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


class TextFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


def shown(path: Path, settings: Settings | None) -> str:
    """A path as users read it: relative to the project when inside it, else as given."""
    if settings is not None:
        try:
            return path.resolve().relative_to(settings.root.resolve()).as_posix()
        except ValueError:
            pass
    return str(path)
