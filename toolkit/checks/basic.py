"""``untranslated``, ``unchanged`` and ``fuzzy``: the state of an entry rather than its wording."""

from __future__ import annotations

import re
from collections.abc import Iterator

from toolkit.checks.entry import CheckContext, Entry, Issue
from toolkit.checks.terms import find_inflected
from toolkit.checks.text import domain_spans, is_acronym, quoted, roman_value, words
from toolkit.text import fold

__all__ = ["check_fuzzy", "check_unchanged", "check_untranslated", "letters_to_translate"]


def check_untranslated(entry: Entry, context: CheckContext) -> Iterator[Issue]:
    if context.language is not None and not entry.target.strip():
        what = f"plural form {entry.form}" if entry.message.plural else "entry"
        yield Issue(entry, f"{what} not translated yet")


def check_fuzzy(entry: Entry, context: CheckContext) -> Iterator[Issue]:
    message = entry.message
    if context.language is None or entry.form or not message.fuzzy:
        return
    if not message.has_translation:
        return  # untranslated says it; a fuzzy flag on nothing is no suggestion to review
    text = "fuzzy: a suggestion that awaits a reviewer's approval"
    if message.previous_msgid:
        text += f" (made for the earlier source {quoted(message.previous_msgid)})"
    yield Issue(entry, text)


def letters_to_translate(text: str, context: CheckContext) -> str:
    """The letters of *text* that a translation is expected to change.

    Left out: do-not-translate forms of the glossary, web addresses, Roman numerals, acronyms
    (``SCO``, ``EAEU``: kept or transliterated, either may be right) and everything that is
    not a letter (numbers, punctuation).
    """
    blanked = list(text)
    spans = list(domain_spans(text))
    for form in context.do_not_translate:
        spans.extend((m.start, m.end) for m in find_inflected(form, text, context.source_language))
    for start, end in spans:
        blanked[start:end] = " " * (end - start)
    kept = "".join(blanked)
    letters = [
        w.text
        for w in words(kept)
        if not is_acronym(w.text) and roman_value(w.text) is None and re.search(r"[^\W\d_]", w.text)
    ]
    return " ".join(letters)


def check_unchanged(entry: Entry, context: CheckContext) -> Iterator[Issue]:
    if context.language is None or not entry.target.strip():
        return
    if " ".join(fold(entry.target).split()) != " ".join(fold(entry.source).split()):
        return
    letters = letters_to_translate(entry.source, context)
    if letters:
        yield Issue(
            entry,
            f"the translation is the source text unchanged ({quoted(letters[:60])} is not a "
            "do-not-translate term, address, number or acronym)",
            span=(0, len(entry.target)),
        )
