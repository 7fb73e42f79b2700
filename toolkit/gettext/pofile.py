"""PO, POT and MO storage: the one module that imports polib.

Reading goes through polib's parser. Writing is done here, not by polib, because polib's
writer would break the promise that a catalog round-trips byte-identically: it re-wraps long
comment lines into several (a structured glossary comment would come back split), splits
strings at every Unicode line break rather than at ``\\n`` only, and reorders header fields.
The writer follows GNU gettext's layout (79 columns, strings broken after ``\\n`` and after
spaces, comments never wrapped): merging a toolkit catalog again with ``msgmerge --previous``
gives the very same bytes (a test checks it), and ``dump_catalog(parse_catalog(dump_catalog(c)))``
equals ``dump_catalog(c)``.

What polib cannot read back is never written: ``#~|`` (the previous msgid of an obsolete
entry, which polib skips). What polib drops when reading (empty ``#.`` lines, whitespace at the
end of a comment) is therefore not part of the model either. GNU gettext drops flags it does
not know (``#, x-person``) when msgmerge or msgcat rewrite a file; the toolkit keeps them.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib

from toolkit.errors import CatalogError
from toolkit.fileio import write_atomic, write_text_atomic
from toolkit.gettext.model import CONTENT_TYPE, Catalog, Message

WIDTH = 79  # GNU gettext's default page width

_ESCAPES = str.maketrans(
    {
        "\\": "\\\\",
        '"': '\\"',
        "\t": "\\t",
        "\r": "\\r",
        "\n": "\\n",
        "\v": "\\v",
        "\b": "\\b",
        "\f": "\\f",
    }
)
_PREFIX = r"(?:#~\s+|#~?\|\s+)?"  # obsolete "#~ ", previous "#| ", both "#~| "
_KEYWORD_LINE = re.compile(_PREFIX + r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(.*)")
_CONTINUATION = re.compile(_PREFIX + r'(".*)')
_CLOSED = re.compile(r'"(?:[^"\\]|\\.)*"')  # a whole string whose last quote is not escaped
_POLIB_LINE = re.compile(r"\(line (\d+)\)(?::\s*(.*))?")
_CHARSET = re.compile(r"charset=([^\s;]+)", re.IGNORECASE)


class _LinesText(str):
    """PO text that polib splits into lines at ``\\n`` only.

    polib splits text with ``str.splitlines``, which also breaks at U+2028, U+0085 and other
    characters that may stand inside a quoted string.
    """

    def splitlines(self, keepends: bool = False) -> list[str]:
        return [line.removesuffix("\r") for line in self.split("\n")]


# --- reading -------------------------------------------------------------------------------


def read_catalog(path: Path) -> Catalog:
    """Read a PO or POT file; every failure is a CatalogError naming the file."""
    # polib takes any string that is not an existing file for PO text: check first.
    if not path.exists():
        raise CatalogError(
            "catalog file does not exist",
            path=path,
            hint="check the path; `toolkit extract` and `toolkit catalog update` create catalogs",
        )
    if not path.is_file():
        raise CatalogError("not a file", path=path, hint="give the path of a .po or .pot file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CatalogError(f"cannot read: {exc.strerror or exc}", path=path) from exc
    return decode_catalog(data, path)


def decode_catalog(data: bytes, path: Path | str | None = None) -> Catalog:
    """Parse the bytes of a PO or POT file (UTF-8); *path* names it in error messages."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CatalogError(
            "not valid UTF-8",
            path=path,
            line=data.count(b"\n", 0, exc.start) + 1,
            offset=exc.start,
            hint="save it as UTF-8 (e.g. `msgconv --to-code=UTF-8`)",
        ) from exc
    return parse_catalog(text, path)


def parse_catalog(text: str, origin: Path | str | None = None) -> Catalog:
    """Parse PO text; *origin* names it in error messages."""
    _check_strings(text, origin)
    if not text.endswith("\n"):
        text += "\n"  # also keeps polib from taking a one-line text for a file name
    try:
        po = polib.pofile(_LinesText(text), encoding="utf-8", wrapwidth=WIDTH)
    except (OSError, ValueError) as exc:
        found = _POLIB_LINE.search(str(exc))
        detail = found.group(2) if found and found.group(2) else "syntax error"
        raise CatalogError(
            f"malformed PO file: {detail}",
            path=origin,
            line=int(found.group(1)) if found else None,
            hint="fix the line, or restore the file from version control",
        ) from exc
    for entry in po:
        _check_plural(entry, origin)
    messages = tuple(_message(entry) for entry in po)
    _check_duplicates(messages, origin)
    header = tuple((str(key).strip(), str(value)) for key, value in po.metadata.items())
    catalog = Catalog(
        header=header,
        header_comment=tuple(po.header.split("\n")) if po.header else (),
        header_fuzzy=bool(po.metadata_is_fuzzy),
        messages=messages,
    )
    _check_charset(catalog, text, origin)
    return catalog


def _check_strings(text: str, origin: Path | str | None) -> None:
    # polib silently drops the last character of a string that lacks its closing quote.
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        keyword = _KEYWORD_LINE.fullmatch(line)
        string = keyword.group(2) if keyword else None
        if string is None:
            continued = _CONTINUATION.fullmatch(line)
            string = continued.group(1) if continued else None
        if string is None or _CLOSED.fullmatch(string):
            continue
        raise CatalogError(
            "malformed PO file: string without closing quote"
            if not _CLOSED.match(string)
            else 'malformed PO file: unescaped double quote in string (write \\")',
            path=origin,
            line=number,
            hint='every string is in double quotes on one line: "..."',
        )


def _check_plural(entry: polib.POEntry, origin: Path | str | None) -> None:
    # polib accepts these and its entry would lose the msgstr it read; msgfmt rejects both.
    problem = None
    if entry.msgid_plural and not entry.msgstr_plural:
        problem = "msgid_plural needs msgstr[0], msgstr[1]... instead of msgstr"
    elif not entry.msgid_plural and entry.msgstr_plural:
        problem = "msgstr[N] without msgid_plural"
    if problem is not None:
        raise CatalogError(
            f"malformed PO file: {problem}",
            path=origin,
            line=entry.linenum or None,
            hint="a plural message has msgid_plural and one msgstr[N] per plural form",
        )


def _check_duplicates(messages: tuple[Message, ...], origin: Path | str | None) -> None:
    seen: set[tuple[str | None, str]] = set()
    for message in messages:
        if message.obsolete:
            continue
        if message.key in seen or message.key == (None, ""):
            what = "header entry" if message.key == (None, "") else f"message {message.msgid!r}"
            raise CatalogError(
                f"malformed PO file: duplicate {what}",
                path=origin,
                line=message.lineno or None,
                hint="merge the two entries into one (msgfmt rejects duplicates)",
            )
        seen.add(message.key)


def _check_charset(catalog: Catalog, text: str, origin: Path | str | None) -> None:
    found = _CHARSET.search(catalog.header_value("Content-Type") or "")
    charset = found.group(1) if found else None
    if charset is None or charset.upper() in {"UTF-8", "UTF8", "CHARSET"}:
        return
    line = next((n for n, raw in enumerate(text.split("\n"), 1) if "Content-Type:" in raw), None)
    raise CatalogError(
        f"catalog declares charset {charset}; the toolkit reads and writes UTF-8 only",
        path=origin,
        line=line,
        hint="convert it with `msgconv --to-code=UTF-8`",
    )


def _lines(text: str) -> tuple[str, ...]:
    return tuple(text.split("\n")) if text else ()


def _message(entry: polib.POEntry) -> Message:
    plural = entry.msgid_plural or None
    forms = entry.msgstr_plural or {}
    return Message(
        msgid=entry.msgid,
        msgstr=entry.msgstr or "",
        msgctxt=entry.msgctxt,
        msgid_plural=plural,
        msgstr_plural=tuple(forms[i] for i in sorted(forms)) if plural else (),
        flags=tuple(flag for flag in entry.flags if flag),
        translator_comments=_lines(entry.tcomment),
        extracted_comments=_lines(entry.comment),
        references=tuple(f"{path}:{line}" if line else path for path, line in entry.occurrences),
        previous_msgid=entry.previous_msgid,
        previous_msgctxt=entry.previous_msgctxt,
        previous_msgid_plural=entry.previous_msgid_plural,
        obsolete=bool(entry.obsolete),
        lineno=entry.linenum or None,
    )


# --- writing -------------------------------------------------------------------------------


def dump_catalog(catalog: Catalog) -> str:
    """The PO text of a catalog, deterministic and in GNU gettext's layout."""
    head = [_comment("#", line) for line in catalog.header_comment]
    if catalog.header_fuzzy:
        head.append("#, fuzzy")
    head += _string("msgid", "")
    head += _string("msgstr", "".join(f"{key}: {value}\n" for key, value in catalog.header))
    blocks = ["\n".join(head)]
    blocks += ["\n".join(_entry(message)) for message in catalog.messages]
    return "\n\n".join(blocks) + "\n"


def write_catalog(path: Path, catalog: Catalog) -> None:
    """Write a catalog atomically (a reader never sees half a file)."""
    write_text_atomic(path, dump_catalog(catalog))


def _entry(message: Message) -> list[str]:
    lines = [_comment("#", c) for c in message.translator_comments]
    lines += [_comment("#.", c) for c in message.extracted_comments]
    lines += _references(message.references)
    if message.flags:
        lines.append("#, " + ", ".join(message.flags))
    prefix = "#~ " if message.obsolete else ""
    if not message.obsolete:
        for keyword, value in (
            ("msgctxt", message.previous_msgctxt),
            ("msgid", message.previous_msgid),
            ("msgid_plural", message.previous_msgid_plural),
        ):
            if value is not None:
                lines += _string(keyword, value, "#| ")
    if message.msgctxt is not None:
        lines += _string("msgctxt", message.msgctxt, prefix)
    lines += _string("msgid", message.msgid, prefix)
    if message.msgid_plural is not None:
        lines += _string("msgid_plural", message.msgid_plural, prefix)
        for index, form in enumerate(message.msgstr_plural or ("",)):
            lines += _string(f"msgstr[{index}]", form, prefix)
    else:
        lines += _string("msgstr", message.msgstr, prefix)
    return lines


def _comment(marker: str, text: str) -> str:
    line = f"{marker} {text}" if text else marker
    # GNU gettext joins a line ending in a backslash with the next one, even in a comment; a
    # space after it prevents that, and polib strips it again when reading.
    return f"{line} " if line.endswith("\\") else line


def _references(references: tuple[str, ...]) -> list[str]:
    lines: list[str] = []
    current = ""
    for reference in references:
        if current and len(current) + 1 + len(reference) > WIDTH:
            lines.append(current)
            current = ""
        current = f"{current} {reference}" if current else f"#: {reference}"
    if current:
        lines.append(current)
    return lines


def _string(keyword: str, text: str, prefix: str = "") -> list[str]:
    pieces = re.findall(r"[^\n]*\n|[^\n]+", text)
    first = f'{prefix}{keyword} "{text.translate(_ESCAPES)}"'
    if len(pieces) <= 1 and len(first) <= WIDTH:
        return [first]
    lines = [f'{prefix}{keyword} ""']
    room = WIDTH - len(prefix) - 2
    for piece in pieces:
        lines += [f'{prefix}"{chunk}"' for chunk in _wrap(piece.translate(_ESCAPES), room)]
    return lines


def _wrap(escaped: str, width: int) -> list[str]:
    """Break after spaces, as GNU gettext does; a word longer than a line stays whole."""
    lines: list[str] = []
    current = ""
    for word in re.findall(r"[^ ]* +|[^ ]+", escaped):
        if current and len(current) + len(word) > width:
            lines.append(current)
            current = ""
        current += word
    if current:
        lines.append(current)
    return lines


# --- compiled catalogs ---------------------------------------------------------------------


def mo_bytes(catalog: Catalog) -> bytes:
    """The binary .mo form: translated messages only (fuzzy and empty ones left out)."""
    po = polib.POFile(encoding="utf-8")
    # Like msgfmt: a new template date alone must not change the compiled file.
    po.metadata = {k: v for k, v in catalog.header if k != "POT-Creation-Date"}
    # Python's gettext decodes a catalog without a charset as ASCII.
    po.metadata.setdefault("Content-Type", CONTENT_TYPE)
    for message in catalog.messages:
        if message.obsolete or not message.translated or message.key == (None, ""):
            continue
        po.append(
            polib.POEntry(
                msgid=message.msgid,
                msgctxt=message.msgctxt,
                msgstr=message.msgstr,
                msgid_plural=message.msgid_plural or "",
                msgstr_plural=dict(enumerate(message.msgstr_plural)),
            )
        )
    data: bytes = po.to_binary()
    return data


def write_mo(path: Path, catalog: Catalog) -> None:
    write_atomic(path, mo_bytes(catalog))
