"""Splitting article text into paragraphs and sentences, and classifying each segment.

A segment is the unit of translation: one sentence (or a dateline, a caption, a title). Segments
that must not be translated (boilerplate, text not in the source language) are kept with a
reason, so that the article can be reassembled whole and the exclusion reported.

Sentence splitting is rule-based on purpose: third-party splitters either download models at
first use (which fails offline) or trip over what news copy contains (``Mr Smailov``,
``$24.2bn``, ``primeminister.kz``, a quote that ends in ``,»`` before ``said Smailov.``).
Every segment is a slice of its paragraph, so joining a paragraph's segments with single
spaces gives the paragraph back.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class SegmentKind(StrEnum):
    TITLE = "title"
    DATELINE = "dateline"
    TEXT = "text"
    CAPTION = "caption"
    BOILERPLATE = "boilerplate"
    FOREIGN = "foreign"  # not in the source language


UNTRANSLATABLE = frozenset({SegmentKind.BOILERPLATE, SegmentKind.FOREIGN})


@dataclass(frozen=True)
class Segment:
    id: str  # stable within its article: "title", "p3.s2"
    text: str
    kind: SegmentKind
    paragraph: int  # 1-based paragraph number; 0 for the title
    line: int  # 1-based line of the corpus file where the segment's paragraph is
    reason: str | None = None  # why a segment is kept out of translation

    @property
    def translatable(self) -> bool:
        return self.kind not in UNTRANSLATABLE

    def record(self, reference: str) -> dict[str, Any]:
        """The JSON shape of a segment in ``toolkit corpus show``; *reference* is where it is
        (``corpus/<id>.txt:LINE``, which only its article knows)."""
        return {
            "id": self.id,
            "kind": str(self.kind),
            "text": self.text,
            "paragraph": self.paragraph,
            "reference": reference,
            "translatable": self.translatable,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Dateline:
    """A dateline at the start of an article: ``YEKATERINBURG. KAZINFORM - ``."""

    text: str  # as printed, without the trailing space: "YEKATERINBURG. KAZINFORM -"
    place: str  # title-cased: "Yekaterinburg"
    agency: str | None  # news agency named in it: "Kazinform"
    end: int  # offset in the paragraph where the text after the dateline starts


# --- datelines ------------------------------------------------------------------------------

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_ABBREVIATIONS = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
_DASHES = "-\N{EN DASH}\N{EM DASH}"
_CAPS_WORD = r"[A-Z][A-Z'\N{RIGHT SINGLE QUOTATION MARK}\-]+"
_DATELINE = re.compile(
    rf"""
    (?P<place>{_CAPS_WORD}(?:\ {_CAPS_WORD})*)
    (?:
        \.\s+(?P<agency>{_CAPS_WORD}(?:\ {_CAPS_WORD})*)          # YEKATERINBURG. KAZINFORM
      | ,\s+(?i:(?:{_MONTHS})|(?:{_MONTH_ABBREVIATIONS})\.?)\s+\d{{1,2}}(?:,\s+\d{{4}})?
    )?
    (?:\s+\((?P<paren_agency>[A-Za-z][\w .&-]*)\))?               # ALMATY, Feb 1 (Reuters)
    \s+[{_DASHES}]+\s+
    (?=\S)
    """,
    re.VERBOSE,
)


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of *text*, if there is one; it stays part of the text."""
    found = _DATELINE.match(text)
    if found is None:
        return None
    agency = found.group("agency") or found.group("paren_agency")
    return Dateline(
        text=text[: found.end()].rstrip(),
        place=_title_case(found.group("place")),
        agency=_agency_name(agency) if agency else None,
        end=found.end(),
    )


def _title_case(words: str) -> str:
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), words)


def _agency_name(name: str) -> str:
    # Short all-caps names are acronyms (TASS, AFP, RIA); longer ones are words (KAZINFORM).
    if not name.isupper():
        return name
    return " ".join(w if len(w) <= 4 else _title_case(w) for w in name.split())


# --- sentences ------------------------------------------------------------------------------

# Words whose period never ends a sentence when the next word is capitalised.
ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "messrs", "dr", "prof", "st", "mt", "ft", "gen", "gov", "sen",
        "rep", "lt", "col", "capt", "cpt", "sgt", "maj", "adm", "cmdr", "jr", "sr", "rev",
        "hon", "pres", "vs", "v", "cf", "approx", "dept", "fig", "figs", "e.g", "i.e", "ca",
        "ave", "blvd",
    }
)  # fmt: skip
# Words whose period never ends a sentence when a number follows: "No. 5", "Feb. 1".
ABBREVIATIONS_BEFORE_NUMBER = frozenset(
    {
        "no", "nos", "art", "p", "pp", "vol", "ch", "sec", "para",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    }
)  # fmt: skip

OPENERS = (
    "\N{LEFT-POINTING DOUBLE ANGLE QUOTATION MARK}\N{LEFT DOUBLE QUOTATION MARK}"
    "\N{DOUBLE LOW-9 QUOTATION MARK}\N{LEFT SINGLE QUOTATION MARK}\"'([{"
)
CLOSERS = (
    "\N{RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK}\N{RIGHT DOUBLE QUOTATION MARK}"
    "\N{RIGHT SINGLE QUOTATION MARK}\"')]}"
)
# A terminator run, the quotes and brackets that close with it, then the space before the next
# sentence. Decimal points, domains and "$24.2bn" have no space after the period: never a match.
_BOUNDARY = re.compile(rf"[.!?…]+[{re.escape(CLOSERS)}]*(?=\s+\S)")
_INITIALISM = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")  # U.S, e.g, i.e


def split_sentences(text: str) -> list[str]:
    """Split one paragraph into sentences; every piece is a stripped slice of *text*."""
    pieces: list[str] = []
    start = 0
    for boundary in _BOUNDARY.finditer(text):
        if _is_sentence_end(text, boundary):
            piece = text[start : boundary.end()].strip()
            if piece:
                pieces.append(piece)
            start = boundary.end()
    rest = text[start:].strip()
    if rest:
        pieces.append(rest)
    return pieces


def _is_sentence_end(text: str, boundary: re.Match[str]) -> bool:
    following = text[boundary.end() :].lstrip().lstrip(OPENERS)
    if not following:
        return False
    first = following[0]
    if not (first.isupper() or first.isdigit()):
        return False  # "e.g. the", "p.m. on Monday" stays one sentence when lowercase follows
    terminator = boundary.group(0).rstrip(CLOSERS)
    if terminator != ".":
        return True
    word = _word_before(text, boundary.start())
    if not word:
        return True
    lowered = word.lower()
    if lowered in ABBREVIATIONS:
        return False
    if first.isdigit() and lowered in ABBREVIATIONS_BEFORE_NUMBER:
        return False
    if len(word) == 1 and word.isupper():
        return False  # an initial: "Mikhail V. Mishustin"
    return not _INITIALISM.fullmatch(word)


def _word_before(text: str, end: int) -> str:
    found = re.search(r"(\S+)$", text[:end])
    return found.group(1).lstrip(OPENERS) if found else ""


# --- classification -------------------------------------------------------------------------

_CYRILLIC_LANGUAGES = frozenset(
    {"ru", "kk", "uk", "be", "bg", "sr", "mk", "mn", "ky", "tg", "tt", "ba", "cv", "ab", "os"}
)
_DOMAIN = r"(?:[\w-]+\.)+[A-Za-z]{2,}(?:/\S*)?"
_CREDIT = re.compile(
    r"(?i:images?|photos?|pictures?|photo\s+credit|credits?|videos?|source)"
    rf"\s*(?::|\||©|[{_DASHES}]|by)\s*(?P<credited>\S+(?:\s+\S+){{0,5}})",
)
# Words a credit may hold besides names: "Photo: press service of the Prime Minister".
_CREDIT_WORDS = frozenset({"of", "the", "and", "press", "service", "office", "via", "by", "/"})
_URL = re.compile(rf"(?:https?://\S+|www\.\S+|{_DOMAIN})")
# Navigation links that scraping leaves behind, in the languages this desk meets.
NAVIGATION_PHRASES = (
    "предыдущая новость",
    "следующая новость",
    "предыдущая статья",
    "следующая статья",
    "читать также",
    "читать далее",
    "поделиться",
    "алдыңғы жаңалық",
    "келесі жаңалық",
    "previous news",
    "next news",
    "previous article",
    "next article",
    "previous story",
    "next story",
    "read more",
    "read also",
    "back to top",
    "share this",
)
_NAVIGATION = re.compile(
    "|".join(re.escape(p) for p in sorted(NAVIGATION_PHRASES, key=len, reverse=True)),
    re.IGNORECASE,
)
_FINAL_PUNCTUATION = re.compile(rf"[.!?…:;][{re.escape(CLOSERS)}]*$")


def classify(text: str, language: str = "en") -> tuple[SegmentKind, str | None]:
    """The kind of a sentence-level piece of text, and why it is kept out of translation.

    A piece that is not running text (no final punctuation) is only called a caption by
    :func:`segment_paragraph`, which knows whether the piece is the whole paragraph.
    """
    stripped = text.strip()
    if _is_credit(stripped):
        return SegmentKind.BOILERPLATE, "photo credit"
    if _URL.fullmatch(stripped):
        return SegmentKind.BOILERPLATE, "bare URL or domain"
    if _is_navigation(stripped):
        return SegmentKind.BOILERPLATE, "site navigation"
    foreign = foreign_script(stripped, language)
    if foreign is not None:
        return SegmentKind.FOREIGN, f"not in the source language ({language}): {foreign} script"
    return SegmentKind.TEXT, None


def _is_credit(text: str) -> bool:
    found = _CREDIT.fullmatch(text)
    if found is None or _FINAL_PUNCTUATION.search(text):
        return False
    credited = found.group("credited")
    # A credit names someone; "Photo: Smailov speaks at the forum" is a caption.
    return bool(_URL.fullmatch(credited)) or all(
        word[0].isupper() or word.lower() in _CREDIT_WORDS or not re.search(r"[^\W\d_]", word)
        for word in credited.split()
    )


def _is_navigation(text: str) -> bool:
    rest = _NAVIGATION.sub("", text)
    return rest != text and not re.sub(r"[\W_]+", "", rest)


_ASCII_LETTER = re.compile(r"[A-Za-z]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def script_of(char: str) -> str | None:
    """``"Latin"``, ``"Cyrillic"`` or None (digits, punctuation, other scripts)."""
    if not char.isalpha():
        return None
    code = ord(char)
    if 0x0400 <= code <= 0x052F or 0x1C80 <= code <= 0x1C8F or 0xA640 <= code <= 0xA69F:
        return "Cyrillic"
    if char.isascii() or 0x00C0 <= code <= 0x024F or 0x1E00 <= code <= 0x1EFF:
        return "Latin"
    return None


def foreign_script(text: str, language: str) -> str | None:
    """The script *text* is mostly written in when that is not the script of *language*."""
    expected = "Cyrillic" if language.split("_")[0] in _CYRILLIC_LANGUAGES else "Latin"
    # ASCII letters are counted by one regex; only the other characters are looked at one by one.
    counts = {"Latin": len(_ASCII_LETTER.findall(text)), "Cyrillic": 0}
    for char in _NON_ASCII.findall(text):
        script = script_of(char)
        if script is not None:
            counts[script] += 1
    other = "Latin" if expected == "Cyrillic" else "Cyrillic"
    letters = counts["Latin"] + counts["Cyrillic"]
    if letters and counts[other] * 2 > letters:
        return other
    return None


# --- paragraphs and articles ----------------------------------------------------------------


def segment_paragraph(
    text: str,
    *,
    paragraph: int,
    line: int,
    language: str = "en",
    dateline: bool = False,
) -> tuple[Segment, ...]:
    """Split one paragraph into classified segments ``p<paragraph>.s<n>``.

    With *dateline*, a dateline at the start becomes its own DATELINE segment instead of being
    cut at its period ("YEKATERINBURG. KAZINFORM - ...").
    """
    pieces: list[tuple[str, SegmentKind, str | None]] = []
    rest = text.strip()
    found = find_dateline(rest) if dateline else None
    if found is not None:
        pieces.append((found.text, SegmentKind.DATELINE, None))
        rest = rest[found.end :]
    sentences = split_sentences(rest)
    for sentence in sentences:
        kind, reason = classify(sentence, language)
        if (
            kind is SegmentKind.TEXT
            and found is None
            and len(sentences) == 1
            and not _FINAL_PUNCTUATION.search(sentence)
        ):
            kind = SegmentKind.CAPTION  # not running text: an image caption or a heading
        pieces.append((sentence, kind, reason))
    return tuple(
        Segment(
            id=f"p{paragraph}.s{number}",
            text=piece,
            kind=kind,
            paragraph=paragraph,
            line=line,
            reason=reason,
        )
        for number, (piece, kind, reason) in enumerate(pieces, start=1)
    )


def iter_paragraphs(body: str) -> Iterator[tuple[int, str]]:
    """``(line, text)`` of every paragraph of a corpus file: each non-blank line is one."""
    for number, line in enumerate(body.splitlines(), start=1):
        if line.strip():
            yield number, line.strip()


def segment_text(body: str, *, language: str = "en") -> tuple[Segment, ...]:
    """Segment the body of a corpus file (one paragraph per line), in reading order.

    A dateline is looked for at the start of the first paragraph that is not boilerplate
    (a photo credit may come before it).
    """
    segments: list[Segment] = []
    looking_for_dateline = True
    for number, (line, text) in enumerate(iter_paragraphs(body), start=1):
        found = segment_paragraph(
            text, paragraph=number, line=line, language=language, dateline=looking_for_dateline
        )
        if any(s.kind is not SegmentKind.BOILERPLATE for s in found):
            looking_for_dateline = False
        segments.extend(found)
    return tuple(segments)


def title_segment(title: str, line: int) -> Segment:
    """The title as a segment: id ``title``, paragraph 0, *line* in the metadata file."""
    return Segment(id="title", text=title, kind=SegmentKind.TITLE, paragraph=0, line=line)
