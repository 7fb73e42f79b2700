"""Which reader or writer a format name means: the one place that knows every exchange format."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from toolkit.errors import GlossaryError
from toolkit.glossary.exchange.model import Exchange, ExchangeFormat
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
    if fmt == "auto":
        head = data.lstrip(b"\xef\xbb\xbf").lstrip()
        is_xml = head.startswith(b"<") or head[:4] in (b"\xff\xfe<\x00", b"\xfe\xff\x00<")
        fmt = "tbx" if is_xml else "csv"
    if fmt == "tbx":
        return read_tbx(data, source_language=source_language, languages=languages, path=path)
    if fmt == "csv":
        return read_csv(
            data, source_language=source_language, languages=languages, path=path, target=target
        )
    raise GlossaryError(f"unknown exchange format {fmt!r}", hint="use auto, csv or tbx")
