"""Which reader or writer a format name means: the one place that knows every exchange format."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from toolkit.encoding import find_not_utf8
from toolkit.errors import GlossaryError
from toolkit.glossary.exchange.model import Exchange, ExchangeFormat, not_text
from toolkit.glossary.exchange.tabular import read_csv, write_csv
from toolkit.glossary.exchange.tbx import read_tbx, write_tbx
from toolkit.glossary.termbase import Termbase

__all__ = ["export_termbase", "read_exchange"]


def export_termbase(
    termbase: Termbase,
    fmt: ExchangeFormat,
    *,
    languages: Sequence[str] | None = None,
    title: str = "Glossary",
) -> str:
    """The termbase as the text of an exchange file (*languages*: the target languages to
    include, default all)."""
    chosen = tuple(languages) if languages is not None else termbase.languages
    if fmt is ExchangeFormat.TBX:
        return write_tbx(termbase, languages=chosen, title=title)
    return write_csv(termbase, languages=chosen, full=fmt is ExchangeFormat.CSV_FULL)


def read_exchange(
    path: Path,
    *,
    source_language: str,
    languages: Sequence[str],
    fmt: str = "auto",
    target: str | None = None,
) -> Exchange:
    """Read a TBX or CSV file (``fmt``: ``auto``, ``csv`` or ``tbx``; auto looks at the
    content: XML is TBX, anything else CSV)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise GlossaryError("no such file", path=path) from None
    except OSError as exc:
        raise GlossaryError(f"cannot read the file: {exc.strerror}", path=path) from exc
    if fmt not in ("auto", "csv", "tbx"):
        raise GlossaryError(f"unknown exchange format {fmt!r}", hint="use auto, csv or tbx")
    found = _found_format(data, path)
    named = _SUFFIXES.get(path.suffix.lower())
    warnings: tuple[str, ...] = ()
    if fmt == "auto":
        fmt = found
        if named is not None and named != found:
            warnings = (f"{path.name} holds {_NAMES[found]}, not {_NAMES[named]}; read as such",)
    elif fmt != found:
        raise GlossaryError(
            f"not {_NAMES[fmt]}: the file holds {_NAMES[found]}",
            path=path,
            hint=f"import it with --as {found} (or --as auto, which looks at the content)",
        )
    if fmt == "tbx":
        read = read_tbx(data, source_language=source_language, languages=languages, path=path)
    else:
        read = read_csv(
            data, source_language=source_language, languages=languages, path=path, target=target
        )
    return replace(read, warnings=warnings + read.warnings) if warnings else read


# What a file name promises, and how a format is called in a message.
_SUFFIXES = {".csv": "csv", ".tsv": "csv", ".tbx": "tbx", ".xml": "tbx"}
_NAMES = {"csv": "CSV", "tbx": "TBX (XML)"}


def _found_format(data: bytes, path: Path) -> str:
    """``tbx`` for XML, ``csv`` for any other text; binary data is an error saying so."""
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        problem = find_not_utf8(data)
        if problem is not None and problem.guess.binary:
            raise not_text(problem, path)
    head = data.lstrip(b"\xef\xbb\xbf").lstrip()
    if head.startswith(b"<") or head[:4] in (b"\xff\xfe<\x00", b"\xfe\xff\x00<"):
        return "tbx"
    return "csv"
