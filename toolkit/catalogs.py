"""Gettext catalogs: the toolkit's model of PO/POT files and what is done with them.

``Message`` and ``Catalog`` are plain frozen values; no polib object leaves
:mod:`toolkit.pofile`, which reads and writes them. The work on catalogs is done by plain
functions that return new values:

- :func:`build_template` turns an article's translatable segments into a template
  (``translations/templates/<article>.pot``);
- :func:`merge_catalog` merges a template into a language catalog with msgmerge's semantics
  (``translations/<lang>/<article>.po``): nothing translated is ever dropped;
- :func:`count_messages` counts translated, fuzzy and untranslated messages;
- :func:`save_catalog` writes a catalog deterministically: when nothing but a date would
  change, the file is left as it is.

Annotations. A language catalog carries facts about its *translations* that the template
knows nothing about: which engine produced a fuzzy suggestion, a memory match, a QA finding.
They are extracted-comment lines of the form ``#. x-KEY: value`` (:func:`annotate`). Every
other extracted comment belongs to the template and is replaced on merge; annotations stay
with the translation they describe, through merges and into obsolete entries.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from rapidfuzz import fuzz

from toolkit import __version__
from toolkit.config import Settings
from toolkit.corpus import Article
from toolkit.errors import CatalogError, ConfigError
from toolkit.locales import language_name, plural_count, plural_forms, validate_language
from toolkit.segment import Segment

MessageKey = tuple[str | None, str]  # (msgctxt, msgid): what gettext looks a message up by
WriteStatus = Literal["created", "updated", "unchanged"]

FUZZY = "fuzzy"
TEMPLATE_SUFFIX = ".pot"
CATALOG_SUFFIX = ".po"
MO_SUFFIX = ".mo"
GENERATOR = f"kzru-toolkit {__version__}"

# The order GNU gettext writes header fields in; fields it does not know follow in their own
# order. Keeping one order makes headers written by the toolkit and by msgmerge agree.
HEADER_ORDER = (
    "Project-Id-Version",
    "Report-Msgid-Bugs-To",
    "POT-Creation-Date",
    "PO-Revision-Date",
    "Last-Translator",
    "Language-Team",
    "Language",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
    "Plural-Forms",
)
DATE_FIELDS = ("POT-Creation-Date", "PO-Revision-Date")
CONTENT_TYPE = "text/plain; charset=UTF-8"

# msgmerge's fuzzy search accepts a previous message from a similarity of 0.6 on; a message
# from another context is slightly less likely to fit (msgmerge weighs it the same way).
FUZZY_THRESHOLD = 0.6
OTHER_CONTEXT_WEIGHT = 0.99

_ANNOTATION = re.compile(r"x-([a-z0-9][a-z0-9_-]*): (.*)")
_ANNOTATION_KEY = re.compile(r"[a-z0-9][a-z0-9_-]*")


# --- the model -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Message:
    """One catalog entry. Comment fields hold one item per ``#`` line."""

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr_plural: tuple[str, ...] = ()  # one per plural form when msgid_plural is set
    flags: tuple[str, ...] = ()
    translator_comments: tuple[str, ...] = ()  # "# ..."
    extracted_comments: tuple[str, ...] = ()  # "#. ..."
    references: tuple[str, ...] = ()  # "#: corpus/<id>.txt:12"
    previous_msgid: str | None = None  # "#| msgid": the source a fuzzy match was made from
    previous_msgctxt: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False  # "#~": no longer in the template, kept so nothing is lost
    lineno: int | None = field(default=None, compare=False)  # where it was read, for messages

    @property
    def key(self) -> MessageKey:
        return (self.msgctxt, self.msgid)

    @property
    def fuzzy(self) -> bool:
        return FUZZY in self.flags

    @property
    def plural(self) -> bool:
        return self.msgid_plural is not None

    @property
    def translations(self) -> tuple[str, ...]:
        """Every msgstr of the message: the plural forms, or the one msgstr."""
        return self.msgstr_plural if self.plural else (self.msgstr,)

    def source_of(self, form: int) -> str:
        """The source text plural form *form* translates: msgid_plural beyond the first."""
        return self.msgid_plural if form and self.msgid_plural is not None else self.msgid

    def translation_of(self, form: int) -> str:
        """Plural form *form* of the translation ("" when the message has no such form)."""
        forms = self.translations
        return forms[form] if form < len(forms) else ""

    @property
    def has_translation(self) -> bool:
        """Some translated text exists (fuzzy or not): dropping the message would lose it."""
        return any(self.translations)

    @property
    def translated(self) -> bool:
        """Completely translated and approved (not fuzzy): what msgfmt compiles."""
        forms = self.translations
        return bool(forms) and all(forms) and not self.fuzzy

    @property
    def annotations(self) -> tuple[tuple[str, str], ...]:
        """The ``#. x-KEY: value`` lines as (KEY, value) pairs, in order."""
        found = (_ANNOTATION.fullmatch(line) for line in self.extracted_comments)
        return tuple((m.group(1), m.group(2)) for m in found if m)


@dataclass(frozen=True)
class Catalog:
    """A PO or POT file: header comment, header fields in file order, and messages."""

    header: tuple[tuple[str, str], ...] = ()
    header_comment: tuple[str, ...] = ()
    header_fuzzy: bool = False
    messages: tuple[Message, ...] = ()

    def header_value(self, name: str) -> str | None:
        for key, value in self.header:
            if key == name:
                return value
        return None

    @property
    def language(self) -> str | None:
        return self.header_value("Language") or None

    @property
    def active(self) -> tuple[Message, ...]:
        return tuple(m for m in self.messages if not m.obsolete)

    @property
    def obsolete_messages(self) -> tuple[Message, ...]:
        return tuple(m for m in self.messages if m.obsolete)

    @cached_property
    def _index(self) -> dict[MessageKey, Message]:
        index: dict[MessageKey, Message] = {}
        for message in self.messages:
            if not message.obsolete:
                index.setdefault(message.key, message)
        return index

    def get(self, key: MessageKey) -> Message | None:
        """The active message with this (msgctxt, msgid), if any."""
        return self._index.get(key)

    def find(self, msgid: str, msgctxt: str | None = None) -> Message | None:
        return self._index.get((msgctxt, msgid))

    def with_header(self, name: str, value: str) -> Catalog:
        """Set a header field in place, or insert it where GNU gettext would put it."""
        fields = list(self.header)
        for i, (key, _) in enumerate(fields):
            if key == name:
                fields[i] = (name, value)
                return replace(self, header=tuple(fields))
        fields.insert(_header_position(fields, name), (name, value))
        return replace(self, header=tuple(fields))

    def with_messages(self, messages: Iterable[Message]) -> Catalog:
        return replace(self, messages=tuple(messages))

    def with_message(self, message: Message) -> Catalog:
        """Replace the active message with the same key, or append the message."""
        messages = list(self.messages)
        for i, old in enumerate(messages):
            if not old.obsolete and old.key == message.key:
                messages[i] = message
                return replace(self, messages=tuple(messages))
        return replace(self, messages=(*messages, message))


def _header_position(fields: Sequence[tuple[str, str]], name: str) -> int:
    if name not in HEADER_ORDER:
        return len(fields)
    rank = HEADER_ORDER.index(name)
    position = 0
    for i, (key, _) in enumerate(fields):
        if key in HEADER_ORDER and HEADER_ORDER.index(key) < rank:
            position = i + 1
    return position


# --- small transformations of messages ----------------------------------------------------


def set_flag(message: Message, flag: str, on: bool = True) -> Message:
    if on == (flag in message.flags):
        return message
    if on:
        # msgmerge and Poedit write "fuzzy" first; other flags go after the existing ones.
        flags = (flag, *message.flags) if flag == FUZZY else (*message.flags, flag)
    else:
        flags = tuple(f for f in message.flags if f != flag)
    return replace(message, flags=flags)


def set_fuzzy(message: Message, fuzzy: bool = True) -> Message:
    """Mark or approve a message. Approving drops ``#|``: it only explains a pending match."""
    changed = set_flag(message, FUZZY, fuzzy)
    if not fuzzy:
        changed = replace(
            changed, previous_msgid=None, previous_msgctxt=None, previous_msgid_plural=None
        )
    return changed


def with_translation(message: Message, text: str | Sequence[str], *, fuzzy: bool) -> Message:
    """The message with a new translation (one string, or one per plural form)."""
    if isinstance(text, str):
        changed = (
            replace(message, msgstr_plural=(text, *message.msgstr_plural[1:]))
            if message.plural
            else replace(message, msgstr=text)
        )
    else:
        forms = tuple(text)
        changed = (
            replace(message, msgstr_plural=forms)
            if message.plural
            else replace(message, msgstr=forms[0] if forms else "")
        )
    return set_fuzzy(changed, fuzzy)


def annotate(message: Message, key: str, value: str) -> Message:
    """Set the ``#. x-KEY: value`` annotation, replacing an earlier one with the same key."""
    if not _ANNOTATION_KEY.fullmatch(key):
        raise ValueError(f"annotation key {key!r} must match {_ANNOTATION_KEY.pattern}")
    if "\n" in value:
        raise ValueError("an annotation value is one line")
    kept = tuple(line for line in message.extracted_comments if not _is_annotation(line, key))
    return replace(message, extracted_comments=(*kept, f"x-{key}: {value}"))


def remove_annotation(message: Message, key: str) -> Message:
    kept = tuple(line for line in message.extracted_comments if not _is_annotation(line, key))
    return replace(message, extracted_comments=kept)


def _is_annotation(line: str, key: str | None = None) -> bool:
    found = _ANNOTATION.fullmatch(line)
    return found is not None and (key is None or found.group(1) == key)


def make_obsolete(message: Message) -> Message:
    """``#~``: keeps the translation, translator comments, flags and annotations.

    References and the template's comments describe the source, which is gone; ``#~|`` lines
    are not kept because polib cannot read them back (the file must round-trip).
    """
    return replace(
        message,
        obsolete=True,
        references=(),
        extracted_comments=tuple(c for c in message.extracted_comments if _is_annotation(c)),
        previous_msgid=None,
        previous_msgctxt=None,
        previous_msgid_plural=None,
        lineno=None,
    )


# --- dates and headers ---------------------------------------------------------------------


def timestamp(now: dt.datetime | None = None) -> str:
    """A gettext date (``2024-02-01 09:30+0000``), from SOURCE_DATE_EPOCH when it is set."""
    if now is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        if epoch:
            try:
                now = dt.datetime.fromtimestamp(int(epoch), dt.UTC)
            except (ValueError, OverflowError, OSError) as exc:
                raise ConfigError(
                    f"SOURCE_DATE_EPOCH={epoch!r} is not a Unix timestamp",
                    hint="set it to whole seconds since 1970, or unset it",
                ) from exc
        else:
            now = dt.datetime.now(dt.UTC)
    return now.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M+0000")


def project_id(settings: Settings) -> tuple[str, str]:
    """(Project-Id-Version, Report-Msgid-Bugs-To) from ``[project]``, else the folder name."""
    try:
        data: dict[str, Any] = tomllib.loads(
            (settings.root / "pyproject.toml").read_text(encoding="utf-8")
        )
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        data = {}
    project = data.get("project")
    if not isinstance(project, dict):
        return settings.root.name, ""
    name, version = project.get("name"), project.get("version")
    ident = name if isinstance(name, str) and name else settings.root.name
    if isinstance(version, str) and version:
        ident = f"{ident} {version}"
    bugs = ""
    urls = project.get("urls")
    if isinstance(urls, dict):
        for label, url in urls.items():
            if isinstance(url, str) and re.search(r"issue|bug", str(label), re.IGNORECASE):
                bugs = url
                break
    return ident, bugs


def _undated(catalog: Catalog) -> Catalog:
    return replace(
        catalog, header=tuple((k, "" if k in DATE_FIELDS else v) for k, v in catalog.header)
    )


def _dates_from(catalog: Catalog, source: Catalog) -> Catalog:
    for name in DATE_FIELDS:
        value = source.header_value(name)
        if value is not None and catalog.header_value(name) is not None:
            catalog = catalog.with_header(name, value)
    return catalog


def save_catalog(path: Path, catalog: Catalog, *, stamp: str | None = None) -> WriteStatus:
    """Write *catalog* atomically unless the file already says the same.

    When the file differs only in its dates, the file's dates are kept, so that rerunning a
    command on unchanged input leaves every file byte-identical. When the content changed and
    *stamp* names a date field (``PO-Revision-Date``), that field is set to now.
    """
    from toolkit import pofile  # pofile imports this module for the model

    if not path.exists():
        pofile.write_catalog(
            path, catalog if stamp is None else catalog.with_header(stamp, timestamp())
        )
        return "created"
    existing = pofile.read_catalog(path)
    if pofile.dump_catalog(_undated(existing)) == pofile.dump_catalog(_undated(catalog)):
        catalog = _dates_from(catalog, existing)
    elif stamp is not None:
        catalog = catalog.with_header(stamp, timestamp())
    text = pofile.dump_catalog(catalog)
    if text.encode("utf-8") == path.read_bytes():
        return "unchanged"
    pofile.write_catalog(path, catalog)
    return "updated"


# --- paths ---------------------------------------------------------------------------------


def template_path(settings: Settings, article_id: str) -> Path:
    return settings.templates_path / f"{article_id}{TEMPLATE_SUFFIX}"


def catalog_path(settings: Settings, language: str, article_id: str) -> Path:
    return settings.catalog_dir(language) / f"{article_id}{CATALOG_SUFFIX}"


def catalog_paths(settings: Settings, language: str) -> list[Path]:
    """Every catalog of a language, sorted (the translation memory reads them all)."""
    folder = settings.catalog_dir(language)
    return sorted(folder.glob(f"*{CATALOG_SUFFIX}")) if folder.is_dir() else []


def template_ids(settings: Settings) -> list[str]:
    folder = settings.templates_path
    return sorted(p.stem for p in folder.glob(f"*{TEMPLATE_SUFFIX}")) if folder.is_dir() else []


# --- extract -------------------------------------------------------------------------------


def segment_comment(segment: Segment) -> str:
    """The ``#.`` line naming a segment: ``p3.s2 (dateline)``."""
    return f"{segment.id} ({segment.kind.value})"


def template_header(settings: Settings, created: str) -> tuple[tuple[str, str], ...]:
    ident, bugs = project_id(settings)
    # PO-Revision-Date, Last-Translator and Language-Team are empty rather than xgettext's
    # placeholders, which `msgfmt --check-header` reports as unfilled defaults.
    return (
        ("Project-Id-Version", ident),
        ("Report-Msgid-Bugs-To", bugs),
        ("POT-Creation-Date", created),
        ("PO-Revision-Date", ""),
        ("Last-Translator", ""),
        ("Language-Team", ""),
        ("Language", ""),
        ("MIME-Version", "1.0"),
        ("Content-Type", CONTENT_TYPE),
        ("Content-Transfer-Encoding", "8bit"),
        ("Generated-By", GENERATOR),
    )


def build_template(article: Article, settings: Settings, *, created: str | None = None) -> Catalog:
    """The template of one article: one message per distinct translatable sentence.

    Segments kept out of translation are not in it (the caller reports them). A sentence
    that occurs twice is one message with both references and both segment ids.
    """
    order: list[str] = []
    refs: dict[str, list[str]] = {}
    notes: dict[str, list[str]] = {}
    for segment in article.segments:
        if not segment.translatable or not segment.text.strip():
            continue
        if segment.text not in refs:
            order.append(segment.text)
            refs[segment.text], notes[segment.text] = [], []
        reference = article.reference(segment, settings.root)
        if reference not in refs[segment.text]:
            refs[segment.text].append(reference)
        notes[segment.text].append(segment_comment(segment))
    messages = tuple(
        Message(msgid=text, extracted_comments=tuple(notes[text]), references=tuple(refs[text]))
        for text in order
    )
    return Catalog(
        header=template_header(settings, created or timestamp()),
        header_comment=(
            f"Corpus article {article.id}.",
            "Template written by `toolkit extract`; edit the corpus, not this file.",
        ),
        header_fuzzy=True,  # as xgettext does: a template's header is not filled in yet
        messages=messages,
    )


@dataclass(frozen=True)
class ExtractResult:
    article: str
    path: Path
    status: WriteStatus
    messages: int
    excluded: tuple[Segment, ...]  # segments kept out of translation, for the report


def extract_templates(
    settings: Settings, articles: Sequence[Article], *, created: str | None = None
) -> list[ExtractResult]:
    """Write ``translations/templates/<article>.pot`` for each article."""
    results = []
    for article in articles:
        template = build_template(article, settings, created=created)
        path = template_path(settings, article.id)
        results.append(
            ExtractResult(
                article=article.id,
                path=path,
                status=save_catalog(path, template),
                messages=len(template.messages),
                excluded=tuple(s for s in article.segments if not s.translatable),
            )
        )
    return results


# --- merge ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class MergeResult:
    catalog: Catalog
    new: int = 0  # in the template, nothing to reuse
    kept: int = 0  # exact match in the catalog
    revived: int = 0  # exact match among the obsolete messages
    fuzzy_matched: int = 0  # a similar old message gave its translation, marked fuzzy
    obsoleted: int = 0  # gone from the template, translation kept as #~
    dropped: int = 0  # gone from the template with nothing to keep (no text, no comment)


def merge(template: Catalog, existing: Catalog | None, language: str) -> Catalog:
    """msgmerge: the template's messages, with what *existing* knows about them."""
    return merge_catalog(template, existing, language).catalog


def merge_catalog(
    template: Catalog,
    existing: Catalog | None,
    language: str,
    *,
    revised: str | None = None,
) -> MergeResult:
    """Merge *template* into *existing* (or start a new catalog) for *language*.

    - an exact (msgctxt, msgid) match keeps its translation, flags (fuzzy state) and
      translator comments; references and comments come from the template, annotations
      stay; an obsolete message whose msgid comes back is revived the same way;
    - a template message without exact match takes the translation of the most similar
      unmatched old message (similarity >= 0.6, obsolete ones included), marked fuzzy with
      the old source as ``#| msgid``;
    - old messages gone from the template become obsolete (``#~``) if they carry anything
      (a translation or a translator comment); empty ones are dropped;
    - messages follow the template's order; obsolete ones come last, earlier ones first.
    """
    language = validate_language(language)
    nplurals = plural_count(language)
    old = existing.messages if existing is not None else ()
    active_at: dict[MessageKey, int] = {}
    obsolete_at: dict[MessageKey, int] = {}
    for i, message in enumerate(old):
        (obsolete_at if message.obsolete else active_at).setdefault(message.key, i)

    wanted = template.active
    merged: list[Message | None] = []
    used: set[int] = set()
    counts = {"new": 0, "kept": 0, "revived": 0, "fuzzy_matched": 0, "obsoleted": 0}
    for message in wanted:
        at = active_at.get(message.key)
        kind = "kept"
        if at is None:
            at, kind = obsolete_at.get(message.key), "revived"
        if at is None or at in used:
            merged.append(None)
            continue
        used.add(at)
        counts[kind] += 1
        merged.append(_carry_over(message, old[at], nplurals))

    candidates = [i for i, m in enumerate(old) if i not in used and m.has_translation]
    sources: set[int] = set()
    for position, message in enumerate(wanted):
        if merged[position] is not None:
            continue
        source = _most_similar(message, old, candidates)
        if source is None:
            merged[position] = _fresh(message, nplurals)
            counts["new"] += 1
        else:
            sources.add(source)
            merged[position] = _fuzzy_carry_over(message, old[source], nplurals)
            counts["fuzzy_matched"] += 1

    # An old message that served as a fuzzy source lives on in the new one (with #| msgid).
    leftovers = [m for i, m in enumerate(old) if i not in used and i not in sources]
    still_obsolete = [m for m in leftovers if m.obsolete]
    newly_obsolete = [
        make_obsolete(m)
        for m in leftovers
        if not m.obsolete and (m.has_translation or m.translator_comments)
    ]
    dropped = sum(1 for m in leftovers if not m.obsolete) - len(newly_obsolete)
    counts["obsoleted"] = len(newly_obsolete)

    messages = [m for m in merged if m is not None]
    catalog = Catalog(
        header=_catalog_header(template, existing, language, revised or timestamp()),
        header_comment=(
            existing.header_comment
            if existing is not None
            else (
                *template.header_comment[:1],
                f"{language_name(language)} ({language}) translations; "
                "`toolkit catalog update` merges the template into this file.",
            )
        ),
        header_fuzzy=existing.header_fuzzy if existing is not None else False,
        messages=(*messages, *still_obsolete, *newly_obsolete),
    )
    return MergeResult(catalog=catalog, dropped=dropped, **counts)


def _catalog_header(
    template: Catalog, existing: Catalog | None, language: str, revised: str
) -> tuple[tuple[str, str], ...]:
    base = existing if existing is not None else Catalog(header=template.header)
    for name in ("Project-Id-Version", "Report-Msgid-Bugs-To"):
        if not base.header_value(name) and template.header_value(name):
            base = base.with_header(name, template.header_value(name) or "")
    if existing is None or existing.header_value("Last-Translator") is None:
        base = base.with_header("Last-Translator", "")
    if not base.header_value("Language-Team"):
        base = base.with_header("Language-Team", language_name(language))
    base = (
        base.with_header("POT-Creation-Date", template.header_value("POT-Creation-Date") or "")
        .with_header("PO-Revision-Date", revised)
        .with_header("Language", language)
        .with_header("MIME-Version", "1.0")
        .with_header("Content-Type", CONTENT_TYPE)
        .with_header("Content-Transfer-Encoding", "8bit")
        .with_header("Plural-Forms", plural_forms(language))
    )
    return base.header


def _fit_translation(template: Message, old: Message, nplurals: int) -> tuple[str, tuple[str, ...]]:
    """(msgstr, msgstr_plural) of *old* reshaped to the template's singular or plural form."""
    if not template.plural:
        return (old.msgstr_plural[0] if old.msgstr_plural else "") if old.plural else old.msgstr, ()
    forms = old.msgstr_plural if old.plural else (old.msgstr,)
    return "", (*forms[:nplurals], *("",) * (nplurals - len(forms)))


def _merged_flags(old: Message, template: Message) -> tuple[str, ...]:
    return (*old.flags, *(f for f in template.flags if f != FUZZY and f not in old.flags))


def _merged_comments(old: Message, template: Message) -> tuple[str, ...]:
    keys = {key for key, _ in template.annotations}
    carried = tuple(f"x-{key}: {value}" for key, value in old.annotations if key not in keys)
    return (*template.extracted_comments, *carried)


def _carry_over(template: Message, old: Message, nplurals: int) -> Message:
    msgstr, forms = _fit_translation(template, old, nplurals)
    return Message(
        msgid=template.msgid,
        msgctxt=template.msgctxt,
        msgid_plural=template.msgid_plural,
        msgstr=msgstr,
        msgstr_plural=forms,
        flags=_merged_flags(old, template),
        translator_comments=old.translator_comments,
        extracted_comments=_merged_comments(old, template),
        references=template.references,
        # #| stays while the message is still fuzzy: it is what the reviewer compares with.
        previous_msgid=old.previous_msgid if old.fuzzy else None,
        previous_msgctxt=old.previous_msgctxt if old.fuzzy else None,
        previous_msgid_plural=old.previous_msgid_plural if old.fuzzy else None,
    )


def _fuzzy_carry_over(template: Message, old: Message, nplurals: int) -> Message:
    carried = _carry_over(template, old, nplurals)
    return replace(
        set_flag(carried, FUZZY),
        previous_msgid=old.msgid,
        previous_msgctxt=old.msgctxt,
        previous_msgid_plural=old.msgid_plural,
    )


def _fresh(template: Message, nplurals: int) -> Message:
    return Message(
        msgid=template.msgid,
        msgctxt=template.msgctxt,
        msgid_plural=template.msgid_plural,
        msgstr_plural=("",) * nplurals if template.plural else (),
        flags=tuple(f for f in template.flags if f != FUZZY),
        extracted_comments=template.extracted_comments,
        references=template.references,
    )


def _most_similar(
    message: Message, old: Sequence[Message], candidates: Sequence[int]
) -> int | None:
    """The index of the old message most similar to *message*; the earliest wins ties."""
    best, best_score = None, FUZZY_THRESHOLD * 100
    for i in candidates:
        score = fuzz.ratio(message.msgid, old[i].msgid)
        if old[i].msgctxt != message.msgctxt:
            score *= OTHER_CONTEXT_WEIGHT
        if score > best_score or (best is None and score >= best_score):
            best, best_score = i, score
    return best


# --- update --------------------------------------------------------------------------------


@dataclass(frozen=True)
class UpdateResult:
    article: str
    language: str
    path: Path
    status: WriteStatus
    new: int
    kept: int
    revived: int
    fuzzy_matched: int
    obsoleted: int
    dropped: int


def target_languages(settings: Settings, languages: Sequence[str] | None) -> list[str]:
    """The requested target languages (checked and normalised), or all of the project's."""
    if not languages:
        return list(settings.target_languages)
    chosen: list[str] = []
    for language in languages:
        code = settings.require_target(language)
        if code not in chosen:
            chosen.append(code)
    return chosen


def _templates(settings: Settings, article_ids: Sequence[str] | None) -> list[str]:
    if article_ids:
        for article in article_ids:
            path = template_path(settings, article)
            if not path.is_file():
                raise CatalogError(
                    f"no template for article {article!r}",
                    path=path,
                    hint=f"run `toolkit extract {article}` first",
                )
        return list(dict.fromkeys(article_ids))
    found = template_ids(settings)
    if not found:
        raise CatalogError(
            "no templates to merge",
            path=settings.templates_path,
            hint="run `toolkit extract` first",
        )
    return found


def update_catalogs(
    settings: Settings,
    languages: Sequence[str] | None = None,
    article_ids: Sequence[str] | None = None,
) -> list[UpdateResult]:
    """Merge each template into its catalog of each language (``translations/<lang>/``)."""
    from toolkit import pofile  # pofile imports this module for the model

    codes = target_languages(settings, languages)
    articles = _templates(settings, article_ids)
    templates = {a: pofile.read_catalog(template_path(settings, a)) for a in articles}
    results = []
    for language in codes:
        for article in articles:
            path = catalog_path(settings, language, article)
            existing = pofile.read_catalog(path) if path.exists() else None
            if existing is not None and existing.language not in (None, language):
                raise CatalogError(
                    f"catalog is for language {existing.language!r}, not {language!r}",
                    path=path,
                    hint="fix its Language header or move it to the right folder",
                )
            merged = merge_catalog(templates[article], existing, language)
            results.append(
                UpdateResult(
                    article=article,
                    language=language,
                    path=path,
                    status=save_catalog(path, merged.catalog),
                    new=merged.new,
                    kept=merged.kept,
                    revived=merged.revived,
                    fuzzy_matched=merged.fuzzy_matched,
                    obsoleted=merged.obsoleted,
                    dropped=merged.dropped,
                )
            )
    return results


# --- stats ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    total: int = 0
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.total + other.total,
            self.translated + other.translated,
            self.fuzzy + other.fuzzy,
            self.untranslated + other.untranslated,
        )


def count_messages(catalog: Catalog) -> Counts:
    """Counts over active messages: translated (complete, not fuzzy), fuzzy, untranslated."""
    active = catalog.active
    translated = sum(1 for m in active if m.translated)
    fuzzy = sum(1 for m in active if m.fuzzy)
    return Counts(len(active), translated, fuzzy, len(active) - translated - fuzzy)


@dataclass(frozen=True)
class CatalogStats:
    article: str
    language: str
    path: Path
    exists: bool  # False: no catalog yet, counted from the template (all untranslated)
    counts: Counts


def catalog_stats(
    settings: Settings,
    languages: Sequence[str] | None = None,
    article_ids: Sequence[str] | None = None,
) -> list[CatalogStats]:
    """Counts per article and language, for every template or catalog there is."""
    from toolkit import pofile  # pofile imports this module for the model

    codes = target_languages(settings, languages)
    stats = []
    for language in codes:
        articles = list(article_ids or ()) or sorted(
            {*template_ids(settings), *(p.stem for p in catalog_paths(settings, language))}
        )
        for article in articles:
            path = catalog_path(settings, language, article)
            if path.exists():
                catalog, exists = pofile.read_catalog(path), True
            elif template_path(settings, article).is_file():
                catalog = pofile.read_catalog(template_path(settings, article))
                exists = False
            else:
                raise CatalogError(
                    f"no catalog or template for article {article!r}",
                    path=path,
                    hint="run `toolkit extract` and `toolkit catalog update` first",
                )
            stats.append(CatalogStats(article, language, path, exists, count_messages(catalog)))
    if not stats:
        raise CatalogError(
            "no templates or catalogs yet",
            path=settings.translations_path,
            hint="run `toolkit extract` and `toolkit catalog update` first",
        )
    return stats


def total_counts(stats: Iterable[CatalogStats]) -> dict[str, Counts]:
    """Counts summed per language, in the order the languages first appear."""
    totals: dict[str, Counts] = {}
    for item in stats:
        totals[item.language] = totals.get(item.language, Counts()) + item.counts
    return totals


# --- compile -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CompileResult:
    article: str
    language: str
    source: Path
    path: Path
    status: WriteStatus
    compiled: int  # translated messages written
    fuzzy: int  # left out, as msgfmt does without --use-fuzzy


def mo_path(out_dir: Path, language: str, article_id: str) -> Path:
    """Where gettext looks: ``<localedir>/<lang>/LC_MESSAGES/<domain>.mo``."""
    return out_dir / language / "LC_MESSAGES" / f"{article_id}{MO_SUFFIX}"


def compile_catalogs(
    settings: Settings,
    languages: Sequence[str] | None = None,
    article_ids: Sequence[str] | None = None,
    out_dir: Path | None = None,
) -> list[CompileResult]:
    """Compile catalogs to ``.mo`` files (default ``build/locale``), fuzzy entries left out."""
    from toolkit import pofile  # pofile imports this module for the model

    codes = target_languages(settings, languages)
    out = out_dir if out_dir is not None else settings.build_path / "locale"
    results = []
    for language in codes:
        if article_ids:
            sources = [catalog_path(settings, language, a) for a in dict.fromkeys(article_ids)]
            for source in sources:
                if not source.is_file():
                    raise CatalogError(
                        "no catalog to compile",
                        path=source,
                        hint=f"run `toolkit catalog update --lang {language} {source.stem}`",
                    )
        else:
            sources = catalog_paths(settings, language)
            if not sources and languages:
                raise CatalogError(
                    f"no catalogs for {language!r}",
                    path=settings.catalog_dir(language),
                    hint=f"run `toolkit catalog update --lang {language}` first",
                )
        for source in sources:
            catalog = pofile.read_catalog(source)
            path = mo_path(out, language, source.stem)
            data = pofile.mo_bytes(catalog)
            if path.is_file() and path.read_bytes() == data:
                status: WriteStatus = "unchanged"
            else:
                status = "updated" if path.exists() else "created"
                pofile.write_mo(path, catalog)
            active = catalog.active
            results.append(
                CompileResult(
                    article=source.stem,
                    language=language,
                    source=source,
                    path=path,
                    status=status,
                    compiled=sum(1 for m in active if m.translated),
                    fuzzy=sum(1 for m in active if m.fuzzy and m.has_translation),
                )
            )
    if not results:
        raise CatalogError(
            "no catalogs to compile",
            path=settings.translations_path,
            hint="run `toolkit catalog update` first",
        )
    return results
