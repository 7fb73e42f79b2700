"""The side-by-side review in a terminal: lines of text, wrapped to a width, optionally styled.

Each entry is a row of columns (source | translation | state | findings); on a terminal
narrower than :data:`WIDE` the findings go under the row instead. Glossary terms are marked on
both sides: with ANSI bold and colour when the caller asks for it (a terminal), else with plain
brackets (``[Алихан Смаилов]``, ``[!Смайлов]`` for a wrong variant), so that piped output reads
well in a pager or a file. Styles never cross a line: each line closes what it opens, so a
pager can show any line on its own. Nothing here writes to a terminal: the CLI prints the lines.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from toolkit.findings import Severity
from toolkit.review.model import EntryState, ReviewCatalog, ReviewEntry, TermHit

__all__ = [
    "Layout",
    "display_width",
    "render_catalog",
    "render_entry",
    "render_legend",
    "wrap",
]

WIDE = 110  # from this width on, findings get their own column
MIN_WIDTH = 40
STATE_WIDTH = 12
SEPARATOR = " │ "
PLAIN_SEPARATOR = " | "

RESET = "\x1b[0m"
STYLES = {
    "term": "\x1b[1;36m",  # bold cyan: a glossary term
    "wrong": "\x1b[1;4;31m",  # bold underlined red: a wrong variant
    "heading": "\x1b[1m",
    "dim": "\x1b[2m",
    EntryState.TRANSLATED.value: "\x1b[32m",
    EntryState.FUZZY.value: "\x1b[33m",
    EntryState.UNTRANSLATED.value: "\x1b[31m",
    Severity.ERROR.label: "\x1b[1;31m",
    Severity.WARNING.label: "\x1b[33m",
    Severity.INFO.label: "\x1b[2m",
}
MARKERS = {"term": ("[", "]"), "wrong": ("[!", "]")}


@dataclass(frozen=True)
class Layout:
    width: int = 80  # terminal columns
    color: bool = False  # ANSI styles (a terminal), or plain markers (a pipe, a file)

    @property
    def columns(self) -> int:
        return max(self.width, MIN_WIDTH)

    @property
    def separator(self) -> str:
        return SEPARATOR if self.color else PLAIN_SEPARATOR

    @property
    def wide(self) -> bool:
        return self.columns >= WIDE


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    style: str  # a key of STYLES and MARKERS


# --- measuring and wrapping ----------------------------------------------------------------


def char_width(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Columns *text* takes in a terminal (wide characters 2, combining marks 0)."""
    return sum(char_width(ch) for ch in text)


def _ranges(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy line breaking at spaces: (start, end) of each line in *text*.

    Spaces inside a line are kept as they are (a double space is a finding worth seeing);
    spaces at a break are dropped; a word longer than the width is cut.
    """
    lines: list[tuple[int, int]] = []
    offset = 0
    for part in text.split("\n"):
        lines.extend((a + offset, b + offset) for a, b in _part_ranges(part, width))
        offset += len(part) + 1
    return lines


def _part_ranges(text: str, width: int) -> list[tuple[int, int]]:
    words: list[tuple[int, int]] = []
    start = None
    for i, ch in enumerate(text):
        if ch == " " and start is not None:
            words.append((start, i))
            start = None
        elif ch != " " and start is None:
            start = i
    if start is not None:
        words.append((start, len(text)))
    if not words:
        return [(0, 0)]
    lines: list[tuple[int, int]] = []
    line_start, line_end = words[0][0], words[0][0]
    for a, b in words:
        if line_end > line_start and display_width(text[line_start:b]) <= width:
            line_end = b
            continue
        if line_end > line_start:
            lines.append((line_start, line_end))
        line_start, line_end = a, a
        # A word wider than the line is cut into pieces that fit.
        while display_width(text[line_start:b]) > width:
            cut, used = line_start, 0
            while cut < b and used + char_width(text[cut]) <= width:
                used += char_width(text[cut])
                cut += 1
            cut = max(cut, line_start + 1)
            lines.append((line_start, cut))
            line_start = cut
        line_end = b
    if line_end > line_start or not lines:
        lines.append((line_start, line_end))
    return lines


def _insert_markers(text: str, marks: Sequence[Mark]) -> str:
    parts, last = [], 0
    for mark in sorted(marks, key=lambda m: m.start):
        opening, closing = MARKERS.get(mark.style, ("", ""))
        parts += [text[last : mark.start], opening, text[mark.start : mark.end], closing]
        last = mark.end
    parts.append(text[last:])
    return "".join(parts)


def _styled(text: str, start: int, end: int, marks: Sequence[Mark]) -> str:
    parts, at = [], start
    for mark in sorted(marks, key=lambda m: m.start):
        a, b = max(mark.start, start), min(mark.end, end)
        if a >= b:
            continue
        parts += [text[at:a], STYLES[mark.style], text[a:b], RESET]
        at = b
    parts.append(text[at:end])
    return "".join(parts)


def wrap(text: str, width: int, marks: Sequence[Mark] = (), *, color: bool = False) -> list[str]:
    """*text* broken into lines of at most *width* columns, *marks* styled or bracketed.

    Returns at least one line. Styled lines contain ANSI codes that take no columns.
    """
    width = max(width, 1)
    if not color:
        marked = _insert_markers(text, marks)
        return [marked[a:b] for a, b in _ranges(marked, width)]
    return [_styled(text, a, b, marks) for a, b in _ranges(text, width)]


def _style(text: str, style: str, color: bool) -> str:
    return f"{STYLES[style]}{text}{RESET}" if color and text else text


def _pad(line: str, visible: int, width: int) -> str:
    return line + " " * max(width - visible, 0)


def _visible(line: str) -> int:
    """Columns of a line that may hold the ANSI codes this module writes."""
    plain = line
    for code in (*STYLES.values(), RESET):
        plain = plain.replace(code, "")
    return display_width(plain)


def _columns(cells: Sequence[list[str]], widths: Sequence[int], separator: str) -> list[str]:
    height = max(len(cell) for cell in cells)
    lines = []
    for row in range(height):
        parts = []
        for i, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            text = cell[row] if row < len(cell) else ""
            last = i == len(cells) - 1
            parts.append(text if last else _pad(text, _visible(text), width))
        lines.append(separator.join(parts).rstrip())
    return lines


# --- entries -------------------------------------------------------------------------------


def _marks(hits: Iterable[TermHit]) -> list[Mark]:
    return [Mark(h.start, h.end, "wrong" if h.wrong else "term") for h in hits]


def _finding_lines(entry: ReviewEntry, width: int, color: bool) -> list[str]:
    lines: list[str] = []
    for finding in entry.shown_findings:
        label = _style(f"{finding.severity.label}", finding.severity.label, color)
        pad = " " * (8 - len(finding.severity.label))
        wrapped = wrap(f"{finding.check}: {finding.message}", max(width - 9, 10))
        lines.append(f"{label}{pad} {wrapped[0]}")
        lines.extend(f"{'':8} {rest}" for rest in wrapped[1:])
    for record in entry.enforcement:
        wrapped = wrap(record.format(), max(width - 9, 10))
        lines.append(f"{_style('enforced', 'dim', color)} {wrapped[0]}")
        lines.extend(f"{'':8} {rest}" for rest in wrapped[1:])
    return lines


def _state_lines(entry: ReviewEntry, color: bool) -> list[str]:
    lines = [_style(entry.state.value, entry.state.value, color)]
    worst = entry.worst
    if worst is not None:
        count = len(entry.shown_findings)
        noun = "finding" if count == 1 else "findings"
        lines.append(_style(f"{count} {noun}", worst.label, color))
    return lines


def render_entry(entry: ReviewEntry, layout: Layout) -> list[str]:
    """One entry: a heading line, the columns, then (narrow layout) findings and notes."""
    color, total = layout.color, layout.columns
    sep = layout.separator
    heading = wrap(f"── {entry.label} · {entry.location}", total)
    rule = total - display_width(heading[-1]) - 1
    if rule > 0:
        heading[-1] += " " + "─" * rule
    lines = [_style(line, "heading", color) for line in heading]

    findings_width = max(total * 3 // 10, 24) if layout.wide else 0
    state_width = STATE_WIDTH
    fixed = state_width + len(sep) * (3 if layout.wide else 2) + findings_width
    text_width = max((total - fixed) // 2, 8)
    source = wrap(entry.source, text_width, _marks(entry.source_terms), color=color)
    target_text = entry.target if entry.target else ""
    target = wrap(target_text, text_width, _marks(entry.target_terms), color=color)
    if not target_text:
        target = [_style(line, "dim", color) for line in wrap("(no translation)", text_width)]
    cells = [source, target, _state_lines(entry, color)]
    widths = [text_width, text_width, state_width]
    below = _finding_lines(entry, total - 2, color)
    if layout.wide and below:
        cells.append(_finding_lines(entry, findings_width, color))
        widths.append(findings_width)
        below = []
    lines.extend(_columns(cells, widths, sep))
    extra: list[str] = []
    if entry.previous_source is not None:
        extra.extend(wrap(f"previous source: {entry.previous_source}", total - 2))
    for note in entry.notes:
        extra.extend(wrap(f"note: {note}", total - 2))
    lines.extend(f"  {line}" for line in below)
    lines.extend(f"  {_style(line, 'dim', color)}" for line in extra)
    return lines


def render_legend(layout: Layout) -> str:
    if layout.color:
        term = _style("term", "term", True)
        wrong = _style("wrong variant", "wrong", True)
        return f"glossary: {term}, {wrong}"
    return "glossary: [term], [!wrong variant]"


def render_catalog(
    review: ReviewCatalog, entries: Sequence[ReviewEntry], layout: Layout
) -> list[str]:
    """A catalog's heading, the column titles, then each of *entries*."""
    counts = review.counts
    color, sep = layout.color, layout.separator
    title = (
        f"{review.path} ({review.language}): {counts.total} entries, "
        f"{counts.translated} translated, {counts.fuzzy} fuzzy, {counts.untranslated} untranslated"
        f"; {len(entries)} shown"
    )
    total = layout.columns
    lines = [_style(line, "heading", color) for line in wrap(title, total)]
    lines.append(render_legend(layout))
    findings_width = max(total * 3 // 10, 24) if layout.wide else 0
    fixed = STATE_WIDTH + len(sep) * (3 if layout.wide else 2) + findings_width
    text_width = max((total - fixed) // 2, 8)
    names = [
        f"Source ({review.source_language})",
        f"Translation ({review.language})",
        "State",
    ]
    widths = [text_width, text_width, STATE_WIDTH]
    if layout.wide:
        names.append("Findings")
        widths.append(findings_width)
    lines.extend(_columns([[_style(n, "dim", color)] for n in names], widths, sep))
    for entry in entries:
        lines.extend(render_entry(entry, layout))
    return lines
