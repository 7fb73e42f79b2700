"""``quotes``, ``punctuation`` and ``whitespace``: the typography of a translation.

Russian and Kazakh quote with «ёлочки» and use „лапки“ inside them; straight and English curly
quotes in a translation are a warning. Quotes and brackets must balance, but a quotation may
open in one sentence and close in a later one of the same paragraph (every sentence is its own
entry), so balance is checked per paragraph: the entries that share a paragraph number in their
``#. pN.sM`` segment ids, in sentence order. An entry without segment ids is checked on its own,
and then only as info. Where the source paragraph does not balance either, the translation's
imbalance is info too: it followed the source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from toolkit.checks.entry import CheckContext, Entry, Issue, paragraphs
from toolkit.checks.text import CLOSERS
from toolkit.findings import Location, Severity

__all__ = [
    "QUOTE_STYLES",
    "QuoteStyle",
    "check_punctuation",
    "check_quotes",
    "check_whitespace",
    "final_mark",
]


@dataclass(frozen=True)
class QuoteStyle:
    outer: tuple[str, str]
    inner: tuple[str, str]


_GUILLEMETS = QuoteStyle(("«", "»"), ("„", "“"))
# Languages whose typography this check knows; others get the balance check only.
QUOTE_STYLES: dict[str, QuoteStyle] = {"ru": _GUILLEMETS, "kk": _GUILLEMETS}

_BRACKETS = {"(": ")", "[": "]", "{": "}"}
_QUOTES = {"«": "»", "„": "“", "“": "”", "‘": "’", '"': '"', "'": "'"}
_FOREIGN_QUOTES = "\"“”‘’'"


def _style(language: str | None) -> QuoteStyle | None:
    return QUOTE_STYLES.get(language.split("_")[0]) if language else None


def _letter(text: str, index: int) -> bool:
    return 0 <= index < len(text) and text[index].isalnum()


@dataclass(frozen=True)
class _Problem:
    position: int
    message: str
    kind: str  # "unclosed", "unopened", or "nested" (a style remark, not an imbalance)


def _opens(text: str, i: int) -> bool:
    """A straight quote at *i* opens a quotation: at the start, or after a space or opener."""
    return i == 0 or text[i - 1].isspace() or text[i - 1] in "([{«„“‘—–-"


def _balance(text: str) -> list[_Problem]:
    """Unclosed and unopened quotes and brackets of *text*, by position."""
    stack: list[tuple[str, int]] = []
    problems: list[_Problem] = []

    def close(char: str, position: int) -> None:
        for depth in range(len(stack) - 1, -1, -1):
            opener = stack[depth][0]
            if _BRACKETS.get(opener, _QUOTES.get(opener)) == char:
                for inner, inner_at in stack[depth + 1 :]:
                    problems.append(
                        _Problem(inner_at, f"{inner} is not closed before {char}", "unclosed")
                    )
                del stack[depth:]
                return
        problems.append(_Problem(position, f"closing {char} without an opening one", "unopened"))

    for i, char in enumerate(text):
        top = stack[-1][0] if stack else ""
        if char in "'’" and _letter(text, i - 1) and (_letter(text, i + 1) or top not in "'‘"):
            continue  # an apostrophe: O'Brien, Leaders’
        if (char in "\"'" and top == char) or (char == "“" and top == "„"):
            stack.pop()
        elif char in "\"'" and not _opens(text, i):
            close(char, i)  # a straight quote after a word closes: nothing open, it is unopened
        elif char in "«„“‘\"'" or char in _BRACKETS:
            if char == "«" and any(o == "«" for o, _ in stack):
                problems.append(_Problem(i, "« inside «»: quotes inside quotes are „“", "nested"))
            stack.append((char, i))
        elif char in "»”’" or char in _BRACKETS.values():
            close(char, i)
    problems.extend(_Problem(at, f"{opener} is not closed", "unclosed") for opener, at in stack)
    return sorted(problems, key=lambda p: p.position)


def _paragraph_text(items: Sequence[Entry], source: bool) -> tuple[str, list[int]]:
    starts, parts, at = [], [], 0
    for entry in items:
        text = entry.source if source else entry.target
        starts.append(at)
        parts.append(text)
        at += len(text) + 1
    return " ".join(parts), starts


def _locate(starts: list[int], items: Sequence[Entry], position: int) -> tuple[Entry, int]:
    index = max(i for i, start in enumerate(starts) if start <= position)
    return items[index], position - starts[index]


def _style_issues(entry: Entry, style: QuoteStyle) -> Iterator[Issue]:
    target = entry.target
    found = []
    for i, char in enumerate(target):
        if char not in _FOREIGN_QUOTES:
            continue
        if char in "'’" and _letter(target, i - 1):
            continue  # an apostrophe
        if char == style.inner[1] and style.inner[0] in target[:i]:
            continue  # „…“ inside «…»
        found.append(i)
    if found:
        first = found[0]
        yield Issue(
            entry,
            f"{len(found)} quotation mark(s) like {target[first]!r}: {entry.language} writes "
            f"{style.outer[0]}…{style.outer[1]} ({style.inner[0]}…{style.inner[1]} inside)",
            span=(first, first + 1),
        )


def check_quotes(entries: Sequence[Entry], context: CheckContext) -> Iterator[Issue]:
    if context.language is None:
        return
    translated = [e for e in entries if e.target.strip()]
    style = _style(context.language)
    if style is not None:
        for entry in translated:
            yield from _style_issues(entry, style)
    seen: set[tuple[Location, int, str]] = set()
    for group in paragraphs(entries):
        items = [entry for entry, _ in group]
        if not all(entry.target.strip() for entry in items):
            continue  # a quotation may close in the sentence not translated yet
        text, starts = _paragraph_text(items, source=False)
        problems = _balance(text)
        if not problems:
            continue
        source_text, _ = _paragraph_text(items, source=True)
        source_kinds = {p.kind for p in _balance(source_text)} - {"nested"}
        for problem in problems:
            entry, offset = _locate(starts, items, problem.position)
            key = (entry.location, offset, problem.message)
            if key in seen:
                continue
            seen.add(key)
            if problem.kind == "nested":
                yield Issue(entry, problem.message, (offset, offset + 1), severity=Severity.INFO)
            elif problem.kind in source_kinds:
                yield Issue(
                    entry,
                    f"{problem.message} in this paragraph (so is one in the source)",
                    (offset, offset + 1),
                    severity=Severity.INFO,
                )
            else:
                yield Issue(entry, f"{problem.message} in this paragraph", (offset, offset + 1))
    for entry in translated:
        if entry.segments:
            continue
        for problem in _balance(entry.target):
            yield Issue(
                entry,
                f"{problem.message} in this entry (no paragraph ids to follow a quotation "
                "into the next sentence)",
                (problem.position, problem.position + 1),
                severity=Severity.INFO,
            )


# --- punctuation -------------------------------------------------------------------------------

_TERMINAL = (".", "!", "?", "…")
_DASHES = "-‐‑‒–—"
_DIRECT_SPEECH = re.compile(r"»,(?![ \u00a0\u202f]*—)")
_COMMA_INSIDE = re.compile(r",»")
_PERIOD_INSIDE = re.compile(r"(?<!\.)\.»\s*$")


def final_mark(text: str) -> str:
    """The mark that ends *text* once closing quotes and brackets are set aside.

    ``"."``, ``"?"``, ``"!"`` (``"…"`` for an ellipsis, ``"..."`` included), ``":"``, ``";"``,
    ``"-"`` for any dash, ``""`` for none.
    """
    stripped = text.rstrip().rstrip(CLOSERS).rstrip()
    if stripped.endswith(("…", "...")):
        return "…"
    if not stripped:
        return ""
    last = stripped[-1]
    if last in _DASHES:
        return "-"
    return last if last in (*_TERMINAL, ":", ";") else ""


def check_punctuation(entry: Entry, context: CheckContext) -> Iterator[Issue]:
    if context.language is None or not entry.target.strip():
        return
    source_mark, target_mark = final_mark(entry.source), final_mark(entry.target)
    end = len(entry.target.rstrip())
    span = (max(end - 1, 0), end)
    if source_mark in _TERMINAL and target_mark not in _TERMINAL:
        yield Issue(entry, f"the source ends with {source_mark!r}, the translation does not", span)
    elif source_mark in _TERMINAL and (source_mark == "?") != (target_mark == "?"):
        yield Issue(
            entry,
            f"the source ends with {source_mark!r}, the translation with {target_mark!r}",
            span,
        )
    elif source_mark in (":", ";", "-") and target_mark != source_mark:
        shown = "a dash" if source_mark == "-" else repr(source_mark)
        yield Issue(entry, f"the source ends with {shown}, the translation does not", span)
    elif not source_mark and entry.source.rstrip()[-1:].isalnum() and target_mark == ".":
        yield Issue(
            entry,
            "the source has no final mark (a title, caption or heading); the translation "
            "ends with '.'",
            span,
        )
    if _style(context.language) is None:
        return
    target = entry.target
    for match in _COMMA_INSIDE.finditer(target):
        yield Issue(
            entry,
            f"',»': {context.language} puts the comma after the closing quote: «…»,",
            match.span(),
        )
    found = _PERIOD_INSIDE.search(target)
    if found is not None:
        yield Issue(
            entry,
            f"'.»': {context.language} puts the period after the closing quote: «…».",
            (found.start(), found.start() + 2),
        )
    if target.lstrip().startswith("«"):
        found = _DIRECT_SPEECH.search(target)
        if found is not None:
            yield Issue(
                entry,
                f"direct speech: {context.language} writes «…», — and then who said it",
                found.span(),
            )


# --- whitespace --------------------------------------------------------------------------------

_DOUBLE = re.compile(r"[ \u00a0\u202f]{2,}")
_BEFORE_MARK = re.compile(r"[ \u00a0\u202f]+(?=[,.;:!?)\]»“])")
_AFTER_OPENER = re.compile(r"(?<=[(\[«„])[ \u00a0\u202f]+")
_PLAIN_BEFORE_DASH = re.compile(r"(?<=[\w»)\"”.,]) (?=—)")
_CONTROL = re.compile(r"[\t\n\r]")


def check_whitespace(entry: Entry, context: CheckContext) -> Iterator[Issue]:
    if context.language is None or not entry.target.strip():
        return
    source, target = entry.source, entry.target
    if target[:1].isspace() and not source[:1].isspace():
        length = len(target) - len(target.lstrip())
        yield Issue(entry, "the translation starts with whitespace", (0, length))
    if target[-1:].isspace() and not source[-1:].isspace():
        yield Issue(
            entry, "the translation ends with whitespace", (len(target.rstrip()), len(target))
        )
    for match in _DOUBLE.finditer(target.strip()):
        offset = len(target) - len(target.lstrip())
        yield Issue(
            entry, "two or more spaces in a row", (match.start() + offset, match.end() + offset)
        )
    for match in _CONTROL.finditer(target):
        if match.group(0) not in source:
            yield Issue(entry, f"{match.group(0)!r} in the translation", match.span())
    for match in _BEFORE_MARK.finditer(target):
        mark = target[match.end()]
        if mark == "." and target[match.end() : match.end() + 3] == "...":
            continue
        yield Issue(entry, f"a space before {mark!r}", match.span())
    for match in _AFTER_OPENER.finditer(target):
        yield Issue(entry, f"a space after {target[match.start() - 1]!r}", match.span())
    if _style(context.language) is not None:
        for match in _PLAIN_BEFORE_DASH.finditer(target):
            yield Issue(
                entry,
                "a plain space before '—': a no-break space keeps the dash from starting a line",
                match.span(),
                severity=Severity.INFO,
            )
