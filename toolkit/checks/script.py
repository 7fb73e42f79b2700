"""Scripts: Latin words left in a Cyrillic translation, and source text not in the source language.

Both reuse the segmenter's script heuristic
(:func:`toolkit.corpus.segmentation.foreign_script`): the template side asks it about a whole
segment and about each run of words in another script; the target side asks it which script a
language is written in.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from toolkit.checks.entry import CheckContext, Entry, Issue
from toolkit.checks.terms import find_inflected
from toolkit.checks.text import (
    Word,
    domain_spans,
    is_acronym,
    quoted,
    roman_value,
    script_of_word,
    words,
)
from toolkit.corpus.segmentation import foreign_script
from toolkit.findings import Severity
from toolkit.text import fold

__all__ = ["check_latin_residue", "check_source_language", "writes_in"]


def writes_in(language: str) -> str:
    """``Cyrillic`` or ``Latin``: the script the segmenter expects *language* to be written in."""
    return "Cyrillic" if foreign_script("a", language) == "Latin" else "Latin"


def _runs(found: Sequence[Word], text: str, keep: set[int]) -> list[list[Word]]:
    """Consecutive words (by index in *found*) joined when only spaces or hyphens separate them."""
    runs: list[list[Word]] = []
    previous: int | None = None
    for index in sorted(keep):
        word = found[index]
        joined = (
            previous is not None
            and previous == index - 1
            and not text[found[previous].end : word.start].strip(" \u00a0-–")
        )
        if joined:
            runs[-1].append(word)
        else:
            runs.append([word])
        previous = index
    return runs


def check_latin_residue(entry: Entry, context: CheckContext) -> Iterator[Issue]:
    language = context.language
    if language is None or not entry.target.strip() or writes_in(language) != "Cyrillic":
        return
    target = entry.target
    allowed = list(domain_spans(target))
    for form in context.do_not_translate:
        allowed.extend((m.start, m.end) for m in find_inflected(form, target, language))
    in_source = {fold(w.text) for w in words(entry.source)}
    found = words(target)
    residue = set()
    for index, word in enumerate(found):
        if script_of_word(word.text) != "Latin":
            continue
        if any(a <= word.start and word.end <= b for a, b in allowed):
            continue
        if word.text.isupper() and roman_value(word.text) is not None:
            continue
        if is_acronym(word.text) and fold(word.text) in in_source:
            continue  # an acronym copied from the source on purpose
        residue.add(index)
    for run in _runs(found, target, residue):
        start, end = run[0].start, run[-1].end
        yield Issue(
            entry,
            f"Latin-script {quoted(target[start:end])} in a {language} translation: translate it, "
            "or add it to the glossary as do-not-translate",
            span=(start, end),
        )


def check_source_language(entry: Entry, context: CheckContext) -> Iterator[Issue]:
    """Template side: a source segment, or a run of words in it, not in the source language."""
    if context.language is not None:
        return
    source, language = entry.source, context.source_language
    whole = foreign_script(source, language)
    if whole is not None:
        yield Issue(
            entry,
            f"the segment is mostly in {whole} script, not in the source language ({language}); "
            "the segmenter keeps such text out of translation: re-extract, or fix the corpus",
            span=(0, len(source)),
            on_source=True,
        )
        return
    found = words(source)
    foreign = {i for i, w in enumerate(found) if foreign_script(w.text, language) is not None}
    for run in _runs(found, source, foreign):
        start, end = run[0].start, run[-1].end
        script = foreign_script(source[start:end], language)
        yield Issue(
            entry,
            f"{quoted(source[start:end])} is in {script} script inside a segment in {language!r} "
            "(a name quoted in its own script is fine)",
            span=(start, end),
            severity=Severity.INFO,
            on_source=True,
        )
