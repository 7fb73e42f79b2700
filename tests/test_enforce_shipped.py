"""The shipped glossary and reference translations agree: enforcement changes nothing in them.

Every entry of translations/<lang>/*.po, enforced with glossary/, must come back byte-identical
(no false repairs), and what it reports are only the coordinated lists. These tests are about
the shipped content: an edit to the glossary or the translations that breaks them is a real
disagreement between the two.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.enforce import enforce_segment
from toolkit.gettext import pofile
from toolkit.glossary.storage import read_termbase

ROOT = Path(__file__).resolve().parent.parent
TERMBASE = read_termbase(ROOT / "glossary", ["ru", "kk"])


def reference_entries() -> list[pytest.param]:  # type: ignore[valid-type]
    params = []
    for language in ("ru", "kk"):
        for path in sorted((ROOT / "translations" / language).glob("*.po")):
            for message in pofile.read_catalog(path).active:
                if message.msgstr:
                    params.append(
                        pytest.param(
                            language,
                            message.msgid,
                            message.msgstr,
                            id=f"{language}-{path.stem[:18]}-{message.lineno}",
                        )
                    )
    return params


@pytest.mark.parametrize(("language", "source", "target"), reference_entries())
def test_reference_translations_come_back_unchanged(
    language: str, source: str, target: str
) -> None:
    result = enforce_segment(source, target, TERMBASE, language)
    assert result.text == target
    assert result.changes == ()
    assert all(f.check == "term-missing" for f in result.findings)


def test_reference_findings_are_only_the_coordinated_lists() -> None:
    """What the reference renders other than by the approved form: the names that a
    coordinated list turns into adjectives, reported as warnings."""
    found = []
    for language in ("ru", "kk"):
        for path in sorted((ROOT / "translations" / language).glob("*.po")):
            for message in pofile.read_catalog(path).active:
                result = enforce_segment(message.msgid, message.msgstr, TERMBASE, language)
                found += [(f.check, f.severity.label) for f in result.findings]
    assert found and set(found) == {("term-missing", "warning")}
