"""msgmerge: a template merged into a language catalog, with nothing translated ever lost."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from toolkit.gettext.model import (
    CONTENT_TYPE,
    FUZZY,
    Catalog,
    Message,
    MessageKey,
    make_obsolete,
    set_flag,
    timestamp,
)
from toolkit.locales import language_name, plural_count, plural_forms, validate_language

# msgmerge's fuzzy search accepts a previous message from a similarity of 0.6 on; a message
# from another context is slightly less likely to fit (msgmerge weighs it the same way).
FUZZY_THRESHOLD = 0.6
OTHER_CONTEXT_WEIGHT = 0.99


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
