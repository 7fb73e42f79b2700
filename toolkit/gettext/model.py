"""The gettext data model: ``Message`` and ``Catalog`` as plain frozen values.

No polib object leaves :mod:`toolkit.gettext.pofile`, which reads and writes them; this package
knows nothing of the project (articles, settings, folders). Work on catalogs is done by plain
functions that return new values.

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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Literal

from toolkit.errors import ConfigError

MessageKey = tuple[str | None, str]  # (msgctxt, msgid): what gettext looks a message up by
WriteStatus = Literal["created", "updated", "unchanged"]

FUZZY = "fuzzy"

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


# --- dates ---------------------------------------------------------------------------------


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
