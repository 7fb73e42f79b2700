"""Where glossary enforcement plugs into the job: what the engine sees, and what becomes of it.

Three moments, all on the job's own thread (the engine's thread only translates):

- ``preprocess(source, language)``: the text the engine is given for a source sentence;
- ``retry(source, machine text, language)``: None when the engine's output can be used, or the
  text to translate instead (the job sends such sentences to the engine again, as one more
  request on the same path as the others);
- ``postprocess(source, machine text, language)``: the text to file, with translator comments
  and findings.

The defaults change nothing. :func:`glossary_hooks` are the project glossary's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from toolkit.config import Settings
from toolkit.enforce import (
    Prepared,
    Restored,
    enforce_segment,
    load_termbase,
    normalise_source,
    restore_protected,
)
from toolkit.findings import Finding
from toolkit.glossary.termbase import Termbase
from toolkit.project.paths import target_languages


class Postprocessed(NamedTuple):
    """What the post-processing hook made of one machine translation."""

    text: str
    comments: Sequence[str] = ()  # translator-comment lines ("enforced: <concept>: a -> b")
    findings: Sequence[Finding] = ()


# preprocess(source, language) -> the text the engine sees (source-variant normalisation,
# placeholders for do-not-translate terms); the target language decides what is protected.
Preprocess = Callable[[str, str], str]
# retry(source, machine text, language) -> the text to translate instead, or None to keep it
Retry = Callable[[str, str, str], str | None]
# postprocess(source, machine text, language) -> (text, comments, findings)
Postprocess = Callable[[str, str, str], tuple[str, Sequence[str], Sequence[Finding]]]


def no_preprocess(source: str, language: str) -> str:
    return source


def no_retry(source: str, target_text: str, language: str) -> str | None:
    return None


def no_postprocess(
    source: str, target_text: str, language: str
) -> tuple[str, Sequence[str], Sequence[Finding]]:
    return Postprocessed(target_text)


@dataclass(frozen=True)
class Hooks:
    """Where glossary enforcement plugs in; all are no-ops by default."""

    preprocess: Preprocess = no_preprocess
    postprocess: Postprocess = no_postprocess
    retry: Retry = no_retry


def glossary_hooks(settings: Settings, languages: Sequence[str] | None = None) -> Hooks:
    """Glossary enforcement (:mod:`toolkit.enforce`) as the job's hooks.

    Before the engine: source variants become their canonical spelling and do-not-translate
    terms become placeholders. After it: the placeholders are put back and every glossary term
    is repaired to its approved form in the case the sentence needs; each change becomes a
    translator comment (``# enforced: ...``), and what enforcement cannot repair a finding.
    When the engine mangles a placeholder beyond recovery, ``retry`` asks for the sentence to
    be translated again with the term left in the text, and ``postprocess`` then takes that
    translation as it is (it has no placeholders to put back).

    No-op hooks when the project has no glossary folder. The glossary and the morphology
    behind it are loaded when the first segment needs them: a job with nothing to translate
    (a rerun) does not pay for them.
    """
    if not settings.glossary_path.is_dir():
        return Hooks()
    codes = target_languages(settings, languages)
    prepared: dict[tuple[str, str], Prepared] = {}
    # Sentences sent again without placeholders: their machine text is the second translation.
    unprotected: set[tuple[str, str]] = set()

    @cache
    def termbase() -> Termbase:
        return load_termbase(codes, settings=settings)

    def prepare(source: str, language: str) -> Prepared:
        key = (source, language)
        if key not in prepared:
            prepared[key] = normalise_source(source, termbase(), language)
        return prepared[key]

    def preprocess(source: str, language: str) -> str:
        return prepare(source, language).text

    def retry(source: str, target_text: str, language: str) -> str | None:
        ready = prepare(source, language)
        if restore_protected(target_text, ready).clean:
            return None
        unprotected.add((source, language))
        return ready.unprotected

    def postprocess(
        source: str, target_text: str, language: str
    ) -> tuple[str, Sequence[str], Sequence[Finding]]:
        key = (source, language)
        if key in unprotected:
            restored = Restored(target_text)
        else:
            restored = restore_protected(target_text, prepare(source, language))
        # Done with it (a sentence met again is prepared again): memory stays flat.
        prepared.pop(key, None)
        result = enforce_segment(source, restored.text, termbase(), language)
        comments = [change.comment() for change in (*restored.changes, *result.changes)]
        return Postprocessed(result.text, comments, result.findings)

    return Hooks(preprocess, postprocess, retry)
