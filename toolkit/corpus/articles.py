"""The corpus: source articles as UTF-8 text files with JSON metadata, and their import.

An article is two files in the corpus folder: ``<id>.txt`` holds the cleaned body, one
paragraph per line with a blank line between paragraphs, and ``<id>.json`` its metadata. The
import turns whatever a news site or an editor hands over into that shape and says what it
changed; it never fixes the wording (typos stay: a translator must see the source as printed).
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toolkit.config import Settings
from toolkit.corpus.segmentation import (
    CLOSERS,
    Segment,
    SegmentKind,
    classify,
    find_dateline,
    script_of,
    segment_text,
    title_segment,
)
from toolkit.encoding import find_not_utf8
from toolkit.errors import CorpusError
from toolkit.fileio import write_text_atomic
from toolkit.findings import Finding, Location, Severity, display_path

TEXT_SUFFIX = ".txt"
META_SUFFIX = ".json"


@dataclass(frozen=True)
class ArticleMeta:
    id: str  # stable, meaningful: "2022-07-04-smailov-mishustin-innoprom"
    title: str  # in the source language; translated like any segment
    date: dt.date | None
    source: str | None  # outlet: "Kazinform", "primeminister.kz"
    dateline: str | None  # dateline place as printed: "Yekaterinburg"
    origin: str | None  # file name the article was imported from
    language: str = "en"
    note: str | None = None  # editor's note: where metadata the file lacks came from

    def record(self) -> dict[str, Any]:
        """The metadata as JSON-ready data: what the metadata file and `--format json` show."""
        return {
            "id": self.id,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "source": self.source,
            "dateline": self.dateline,
            "origin": self.origin,
            "language": self.language,
            "note": self.note,
        }


@dataclass(frozen=True)
class Article:
    meta: ArticleMeta
    text_path: Path  # corpus/<id>.txt
    meta_path: Path  # corpus/<id>.json
    segments: tuple[Segment, ...]

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def translatable(self) -> tuple[Segment, ...]:
        return tuple(s for s in self.segments if s.translatable)

    @property
    def excluded(self) -> tuple[Segment, ...]:
        return tuple(s for s in self.segments if not s.translatable)

    def location(self, segment: Segment, root: Path) -> Location:
        """Where a segment is: the metadata file for the title, the text file for the rest."""
        path = self.meta_path if segment.kind is SegmentKind.TITLE else self.text_path
        return Location.of(path, segment.line, root)

    def reference(self, segment: Segment, root: Path) -> str:
        """The gettext ``#:`` reference of a segment: ``corpus/<id>.txt:LINE``."""
        return str(self.location(segment, root))

    def summary_record(self) -> dict[str, Any]:
        """The JSON shape of a row of ``toolkit corpus list``: metadata and segment counts."""
        meta = self.meta
        return {
            "id": meta.id,
            "date": meta.date.isoformat() if meta.date else None,
            "title": meta.title,
            "source": meta.source,
            "dateline": meta.dateline,
            "segments": len(self.segments),
            "translatable": len(self.translatable),
        }

    def record(self, root: Path) -> dict[str, Any]:
        """The JSON shape of ``toolkit corpus show``: metadata, files (relative to *root*) and
        every segment with its reference."""
        return {
            **self.meta.record(),
            "text_path": self.text_path.relative_to(root).as_posix(),
            "meta_path": self.meta_path.relative_to(root).as_posix(),
            "segments": [s.record(self.reference(s, root)) for s in self.segments],
        }

    def exclusions(self, root: Path) -> list[Finding]:
        """What segmentation kept out of translation, as findings (the article keeps them).

        Text in another language may be a mistake worth a look (`source-language`, a warning);
        credits and site navigation are expected noise (`boilerplate`, info).
        """
        findings = []
        for segment in self.excluded:
            foreign = segment.kind is SegmentKind.FOREIGN
            findings.append(
                Finding(
                    check="source-language" if foreign else "boilerplate",
                    severity=Severity.WARNING if foreign else Severity.INFO,
                    message=f"{segment.id} not translated ({segment.reason}): {segment.text}",
                    location=self.location(segment, root),
                    subject=segment.text,
                )
            )
        return findings


@dataclass(frozen=True)
class CleanedText:
    """An imported file after cleaning, with the metadata found in it and what was changed."""

    paragraphs: tuple[str, ...]
    date: dt.date | None
    dateline: str | None  # place, title-cased
    source: str | None  # outlet named by the text (dateline agency, "<domain> reports")
    changes: tuple[str, ...]

    @property
    def body(self) -> str:
        """The text as stored in ``corpus/<id>.txt``."""
        return "\n\n".join(self.paragraphs) + "\n"


@dataclass(frozen=True)
class ImportPlan:
    """Everything an import will write, decided before anything is written."""

    origin: Path
    meta: ArticleMeta
    cleaned: CleanedText
    decisions: tuple[str, ...]  # where metadata came from when the editor did not give it
    replaces: bool  # an article with this id exists and --force was given


@dataclass(frozen=True)
class ImportResult:
    article: Article
    changes: tuple[str, ...]  # what cleaning did to the text, and metadata found in it
    decisions: tuple[str, ...]  # metadata the text did not give, and where it came from
    replaced: bool

    @property
    def excluded(self) -> tuple[Segment, ...]:
        return self.article.excluded

    def record(self, root: Path) -> dict[str, Any]:
        """The JSON shape of ``toolkit corpus import --format json``; paths relative to *root*."""
        article = self.article
        return {
            **article.meta.record(),
            "text_path": display_path(article.text_path, root),
            "meta_path": display_path(article.meta_path, root),
            "replaced": self.replaced,
            "segments": len(article.segments),
            "translatable": len(article.translatable),
            "changes": list(self.changes),
            "decisions": list(self.decisions),
            "excluded": [
                {"id": s.id, "kind": str(s.kind), "reason": s.reason, "text": s.text}
                for s in self.excluded
            ],
        }


# --- reading and cleaning -------------------------------------------------------------------

_BOM = "\ufeff"
_DATE_MARKER = re.compile(r"\A[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.IGNORECASE)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# A caption ends in its date; the next caption starts with a capitalised word.
_CAPTION_DATE_END = re.compile(
    rf"(?:\b\d{{1,2}} (?:{_MONTHS}) \d{{4}}|\b(?:{_MONTHS}) \d{{1,2}}, \d{{4}})(?= [A-Z])"
)
_SENTENCE_PUNCTUATION = re.compile(
    rf"[.!?\N{{HORIZONTAL ELLIPSIS}}][{re.escape(CLOSERS)}]*(?:\s|$)"
)
_CREDITED_DOMAIN = re.compile(
    r"\b((?:[\w-]+\.)+[a-z]{2,})\s+(?:reports|reported|informs|writes|cites)\b"
)


def read_source(path: Path) -> str:
    """The text of a file to import; bytes that are not UTF-8 text are an error naming the byte
    offset and the encoding they look like, with the command that converts the file."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise CorpusError("file not found", path=path) from exc
    except IsADirectoryError as exc:
        raise CorpusError("is a folder, not a text file", path=path) from exc
    except OSError as exc:
        raise CorpusError(f"cannot read file: {exc.strerror}", path=path) from exc
    return _decode_utf8(raw, path)


def _decode_utf8(raw: bytes, path: Path, *, hint: str | None = None) -> str:
    """*raw* as text; *hint*: what to do when it is not (default: how to convert it)."""
    problem = find_not_utf8(raw)
    if problem is not None:
        raise CorpusError(
            problem.message(),
            path=path,
            line=problem.line,
            offset=problem.offset,
            hint=hint or problem.hint(path),
        )
    # Decoded as plain UTF-8 so that offsets count bytes of the file, BOM included.
    return raw.decode("utf-8")


def clean_text(raw: str) -> CleanedText:
    """Clean the text of an imported article and pull out the metadata it carries.

    Pure: the same text always gives the same result. Raises CorpusError for a text with no
    words in it or a date marker that is not a date.
    """
    changes: list[str] = []
    text = raw
    if text.startswith(_BOM):
        text = text[1:]
        changes.append("removed the byte order mark")
    if "\r" in text:
        changes.append("converted CRLF/CR line endings to LF")
    # splitlines() also ends lines at \v, \f, \x85, \u2028 and \u2029, which must not survive
    # inside a paragraph: catalog references count lines by \n only.
    text = "\n".join(text.splitlines())
    normalized = unicodedata.normalize("NFC", text)
    if normalized != text:
        changes.append("normalised Unicode to NFC")
        text = normalized

    date: dt.date | None = None
    marker = _DATE_MARKER.match(text)
    if marker is not None:
        try:
            date = dt.date.fromisoformat(marker.group(1))
        except ValueError as exc:
            raise CorpusError(
                f"date marker {marker.group(1)!r} is not a valid date",
                line=1,
                hint="fix the marker or pass --date YYYY-MM-DD",
            ) from exc
        changes.append(f"took the date {date.isoformat()} from the leading date marker")
        text = text[marker.end() :]

    paragraphs = _split_paragraphs(text, changes)
    if not any(re.search(r"[^\W\d_]", p) for p in paragraphs):
        raise CorpusError("the file has no text", hint="an article needs at least one paragraph")

    split: list[str] = []
    for number, paragraph in enumerate(paragraphs, start=1):
        pieces = split_run_on(paragraph)
        if len(pieces) > 1:
            changes.append(
                f"split a caption run-on (paragraph {number}) into {len(pieces)} paragraphs"
            )
        split.extend(pieces)

    place, agency = None, None
    for paragraph in split:
        found = find_dateline(paragraph)
        if found is not None:
            place, agency = found.place, found.agency
            outlet = f", outlet {agency}" if agency else ""
            changes.append(f"dateline {found.text!r}: place {place}{outlet} (kept in the text)")
            break
        if not _is_credit_line(paragraph):
            break
    source = agency
    if source is None:
        for paragraph in split:
            credited = _CREDITED_DOMAIN.search(paragraph)
            if credited is not None:
                source = credited.group(1)
                changes.append(f"outlet {source} from {credited.group(0)!r}")
                break
    return CleanedText(
        paragraphs=tuple(split),
        date=date,
        dateline=place,
        source=source,
        changes=tuple(changes),
    )


def _split_paragraphs(text: str, changes: list[str]) -> list[str]:
    lines = [line.rstrip() for line in text.split("\n")]
    if any(line != raw for line, raw in zip(lines, text.split("\n"), strict=True)):
        changes.append("removed trailing whitespace")
    # Blank lines between paragraphs mean blank-line paragraphs (lines inside one are joined);
    # a file without any has one paragraph per line.
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    last = max((i for i, line in enumerate(lines) if line.strip()), default=0)
    inner = lines[first : last + 1]
    groups: list[list[str]] = []
    blank_runs = 0
    blanks = 0
    if any(not line.strip() for line in inner):
        current: list[str] = []
        for line in inner:
            if line.strip():
                if blanks > 1:
                    blank_runs += 1
                blanks = 0
                current.append(line)
            else:
                blanks += 1
                if current:
                    groups.append(current)
                    current = []
        if current:
            groups.append(current)
        joined = sum(1 for group in groups if len(group) > 1)
        if joined:
            changes.append(f"joined the lines of {_count(joined, 'wrapped paragraph')}")
    else:
        groups = [[line] for line in inner if line.strip()]
        if len(groups) > 1:
            changes.append("took each line as a paragraph (no blank lines between paragraphs)")
    if blank_runs:
        changes.append(f"collapsed {_count(blank_runs, 'run')} of blank lines")
    paragraphs = [" ".join(part.strip() for part in group) for group in groups]
    collapsed = [re.sub(r"[ \t]{2,}|\t", " ", p) for p in paragraphs]
    if collapsed != paragraphs:
        changes.append("collapsed repeated spaces and tabs")
    return collapsed


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def split_run_on(paragraph: str) -> list[str]:
    """Split a run-on of captions (and site navigation) glued into one paragraph.

    Only a paragraph without sentence punctuation can be one: running text is never split
    here. It is cut where the script changes between Latin and Cyrillic, and after a date
    ("1 February 2024") that is followed by a capitalised word.
    """
    if _SENTENCE_PUNCTUATION.search(paragraph):
        return [paragraph]
    pieces: list[str] = []
    for run in _script_runs(paragraph):
        start = 0
        for end in _CAPTION_DATE_END.finditer(run):
            pieces.append(run[start : end.end()].strip())
            start = end.end()
        pieces.append(run[start:].strip())
    return [piece for piece in pieces if piece]


def _script_runs(text: str) -> list[str]:
    runs: list[list[str]] = []
    current_script: str | None = None
    for word in text.split():
        script = _word_script(word)
        if runs and (script is None or current_script is None or script == current_script):
            runs[-1].append(word)
        else:
            runs.append([word])
        if script is not None:
            current_script = script
    return [" ".join(run) for run in runs]


def _word_script(word: str) -> str | None:
    scripts = [s for s in map(script_of, word) if s is not None]
    if not scripts:
        return None
    return max(("Latin", "Cyrillic"), key=scripts.count)


def _is_credit_line(paragraph: str) -> bool:
    return classify(paragraph)[0] is SegmentKind.BOILERPLATE


# --- ids ------------------------------------------------------------------------------------

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_STOP_WORDS = frozenset(
    {
        "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "is", "of", "on", "or",
        "the", "to", "with", "are", "was", "were", "its", "his", "her", "their", "be", "has",
        "have", "had",
    }
)  # fmt: skip


def validate_article_id(article_id: str) -> str:
    if not _ID.fullmatch(article_id):
        raise CorpusError(
            f"invalid article id {article_id!r}",
            hint="use lowercase letters, digits and single hyphens, "
            "e.g. 2022-07-04-smailov-mishustin-innoprom",
        )
    return article_id


def make_article_id(title: str, date: dt.date | None, *, words: int = 6) -> str:
    """A readable id: the date, then the first significant words of the title."""
    ascii_title = (
        unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii").lower()
    )
    tokens = [t for t in re.findall(r"[a-z0-9]+", ascii_title) if t not in _STOP_WORDS]
    parts = ([date.isoformat()] if date else []) + tokens[:words]
    if not parts:
        raise CorpusError(f"cannot make an id from the title {title!r}", hint="pass --id ID")
    return "-".join(parts)


# --- storage --------------------------------------------------------------------------------


def text_path(settings: Settings, article_id: str) -> Path:
    return settings.corpus_path / f"{article_id}{TEXT_SUFFIX}"


def meta_path(settings: Settings, article_id: str) -> Path:
    return settings.corpus_path / f"{article_id}{META_SUFFIX}"


def article_ids(settings: Settings) -> list[str]:
    """Ids of the articles in the corpus (those with a metadata file), sorted."""
    if not settings.corpus_path.is_dir():
        return []
    return sorted(p.stem for p in settings.corpus_path.glob(f"*{META_SUFFIX}") if p.is_file())


def meta_to_json(meta: ArticleMeta) -> str:
    """The metadata file's text: deterministic (sorted keys, indent 2, trailing newline)."""
    return json.dumps(meta.record(), sort_keys=True, indent=2, ensure_ascii=False) + "\n"


_META_KEYS = frozenset({"id", "title", "date", "source", "dateline", "origin", "language", "note"})


def meta_from_json(text: str, path: Path) -> ArticleMeta:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CorpusError(
            f"invalid JSON: {exc.msg}", path=path, line=exc.lineno, hint="fix or re-import it"
        ) from exc
    if not isinstance(data, dict):
        raise CorpusError("metadata must be a JSON object", path=path)
    unknown = sorted(set(data) - _META_KEYS)
    if unknown:
        raise CorpusError(
            f"unknown metadata key(s): {', '.join(unknown)}",
            path=path,
            hint=f"known keys: {', '.join(sorted(_META_KEYS))}",
        )
    for key in ("id", "title", "language"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise CorpusError(f"metadata key {key!r} must be a non-empty string", path=path)
    for key in ("date", "source", "dateline", "origin", "note"):
        if data.get(key) is not None and not isinstance(data[key], str):
            raise CorpusError(f"metadata key {key!r} must be a string or null", path=path)
    date: dt.date | None = None
    if data.get("date") is not None:
        try:
            date = dt.date.fromisoformat(data["date"])
        except ValueError as exc:
            raise CorpusError(
                f"metadata date {data['date']!r} is not YYYY-MM-DD", path=path
            ) from exc
    return ArticleMeta(
        id=data["id"],
        title=data["title"],
        date=date,
        source=data.get("source"),
        dateline=data.get("dateline"),
        origin=data.get("origin"),
        language=data["language"],
        note=data.get("note"),
    )


def _title_line(meta_text: str) -> int:
    for number, line in enumerate(meta_text.split("\n"), start=1):
        if line.lstrip().startswith('"title":'):
            return number
    return 1


def _read_utf8(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise CorpusError(
            "file is missing", path=path, hint="re-import the article with toolkit corpus import"
        ) from exc
    return _decode_utf8(raw, path, hint="corpus files are UTF-8; re-import the article")


def load_article(settings: Settings, article_id: str) -> Article:
    """Read one article and segment it (the title first, then the body in reading order)."""
    mpath = meta_path(settings, article_id)
    if not _ID.fullmatch(article_id) or not mpath.is_file():
        raise _unknown_article(settings, article_id)
    meta_text = _read_utf8(mpath)
    meta = meta_from_json(meta_text, mpath)
    if meta.id != article_id:
        raise CorpusError(
            f"metadata id {meta.id!r} does not match the file name",
            path=mpath,
            hint=f'set "id" to {article_id!r} or rename the file',
        )
    tpath = text_path(settings, article_id)
    body = _read_utf8(tpath)
    title = title_segment(meta.title, _title_line(meta_text))
    segments = (title, *segment_text(body, language=meta.language))
    return Article(meta=meta, text_path=tpath, meta_path=mpath, segments=segments)


def load_corpus(settings: Settings) -> list[Article]:
    """Every article of the corpus, sorted by id."""
    return [load_article(settings, article_id) for article_id in article_ids(settings)]


def select_articles(settings: Settings, ids: Sequence[str] | None = None) -> list[Article]:
    """The articles a command works on: *ids* (in order, once each) or the whole corpus.

    An empty corpus is an error: every command that walks articles would otherwise do nothing
    and say nothing.
    """
    if ids:
        return [load_article(settings, article_id) for article_id in dict.fromkeys(ids)]
    articles = load_corpus(settings)
    if not articles:
        raise CorpusError(
            "the corpus is empty",
            path=settings.corpus_path,
            hint="add articles with `toolkit corpus import FILE`",
        )
    return articles


def _unknown_article(settings: Settings, article_id: str) -> CorpusError:
    known = article_ids(settings)
    close = difflib.get_close_matches(article_id, known, n=3, cutoff=0.6)
    close += [k for k in known if article_id and article_id in k and k not in close][:3]
    if close:
        hint = f"did you mean {', '.join(close)}? `toolkit corpus list` shows all"
    elif known:
        hint = "`toolkit corpus list` shows the ids"
    else:
        hint = "the corpus is empty; add articles with `toolkit corpus import FILE`"
    return CorpusError(f"unknown article {article_id!r}", path=settings.corpus_path, hint=hint)


# --- import ---------------------------------------------------------------------------------


def plan_import(
    settings: Settings,
    path: Path,
    *,
    article_id: str | None = None,
    title: str | None = None,
    date: dt.date | None = None,
    source: str | None = None,
    note: str | None = None,
    force: bool = False,
) -> ImportPlan:
    """Read and clean *path* and decide the article's metadata; writes nothing.

    What the editor passes wins over what the text shows; what neither gives stays empty.
    """
    try:
        cleaned = clean_text(read_source(path))
    except CorpusError as exc:
        if exc.path is not None:
            raise
        raise CorpusError(exc.message, path=path, line=exc.line, hint=exc.hint) from exc
    decisions: list[str] = []
    if date is not None and cleaned.date is not None and date != cleaned.date:
        decisions.append(
            f"date {date.isoformat()} from --date (the file says {cleaned.date.isoformat()})"
        )
    elif date is not None and cleaned.date is None:
        decisions.append(f"date {date.isoformat()} from --date (the file has none)")
    if source is not None and cleaned.source is not None and source != cleaned.source:
        decisions.append(f"source {source} from --source (the text names {cleaned.source})")
    if title is None or not title.strip():
        title = _first_sentence(cleaned, settings.source_language)
        if title is None:
            raise CorpusError(
                "cannot take a title from the text", path=path, hint="pass --title TEXT"
            )
        decisions.append(f"no --title: took the first sentence as the title: {title!r}")
    final_date = date or cleaned.date
    if article_id is None:
        article_id = make_article_id(title, final_date)
        decisions.append(f"no --id: made the id {article_id} from the date and title")
    validate_article_id(article_id)
    exists = meta_path(settings, article_id).exists()
    if exists and not force:
        raise CorpusError(
            f"article {article_id!r} already exists",
            path=meta_path(settings, article_id),
            hint="pass --force to replace it, or --id to import under another id",
        )
    meta = ArticleMeta(
        id=article_id,
        title=" ".join(title.split()),
        date=final_date,
        source=source or cleaned.source,
        dateline=cleaned.dateline,
        origin=path.name,
        language=settings.source_language,
        note=" ".join(note.split()) if note and note.strip() else None,
    )
    return ImportPlan(
        origin=path,
        meta=meta,
        cleaned=cleaned,
        decisions=tuple(decisions),
        replaces=exists,
    )


def write_import(settings: Settings, plan: ImportPlan) -> ImportResult:
    """Write a planned import: the text first, so the metadata file marks a complete article."""
    article_id = plan.meta.id
    write_text_atomic(text_path(settings, article_id), plan.cleaned.body)
    write_text_atomic(meta_path(settings, article_id), meta_to_json(plan.meta))
    return ImportResult(
        article=load_article(settings, article_id),
        changes=plan.cleaned.changes,
        decisions=plan.decisions,
        replaced=plan.replaces,
    )


def import_article(
    settings: Settings,
    path: Path,
    *,
    article_id: str | None = None,
    title: str | None = None,
    date: dt.date | None = None,
    source: str | None = None,
    note: str | None = None,
    force: bool = False,
) -> ImportResult:
    """Clean *path* and store it as ``corpus/<id>.txt`` and ``corpus/<id>.json``."""
    plan = plan_import(
        settings,
        path,
        article_id=article_id,
        title=title,
        date=date,
        source=source,
        note=note,
        force=force,
    )
    return write_import(settings, plan)


def _first_sentence(cleaned: CleanedText, language: str) -> str | None:
    for segment in segment_text(cleaned.body, language=language):
        if segment.kind is SegmentKind.TEXT:
            return segment.text
    return None
