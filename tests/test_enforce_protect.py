"""The source side: variants normalised for the engine, do-not-translate terms protected and put
back, with engine-like outputs that keep, mangle or drop the placeholders."""

from __future__ import annotations

import pytest
from enforce_data import TERMBASE

from toolkit.enforce import ChangeKind, enforce_segment, normalise_source, restore_protected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "Mikhail Mishustin: Once again, I greet you, Alihan Smailov.",
            "Mikhail Mishustin: Once again, I greet you, Alikhan Smailov.",
        ),
        (
            "Kazakh Prime Minister Alikhan Smailov attended INNOPROM in Ekaterinburg, Russia.",
            "Kazakh Prime Minister Alikhan Smailov attended INNOPROM in Yekaterinburg, Russia.",
        ),
        ("EKATERINBURG. KAZINFORM -", "YEKATERINBURG. KAZINFORM -"),
        ("The 19th Forum was held in Kostanai.", "The 19th Forum was held in Kostanay."),
        (
            "Governor Yevgeny Kuyvashev and Kuyvashev's team.",
            "Governor Yevgeniy Kuivashev and Kuivashev's team.",
        ),
        # other names, short forms and casing variants are not spellings: left as they are
        ("The Kazakh Premier met the Russian PM.", "The Kazakh Premier met the Russian PM."),
        ("said Smailov.", "said Smailov."),
        ("The talks in Alma-Ata.", "The talks in Alma-Ata."),
        ("Innoprom opened.", "Innoprom opened."),
        (
            "the Sverdlovsk, Chelyabinsk, Kurgan, and Tyumen regions",
            "the Sverdlovsk, Chelyabinsk, Kurgan, and Tyumen regions",
        ),
    ],
)
def test_source_variants_are_normalised_to_the_canonical_spelling(
    source: str, expected: str
) -> None:
    prepared = normalise_source(source, TERMBASE, "ru")
    assert prepared.text == expected
    assert prepared.unprotected == expected
    for change in prepared.changes:
        assert source[slice(*change.span)] == change.old


def test_do_not_translate_terms_become_placeholders() -> None:
    source = "In the city, the Head of Government attended the opening, primeminister.kz reports."
    prepared = normalise_source(source, TERMBASE, "ru")
    assert (
        prepared.text == "In the city, the Head of Government attended the opening, [[1]] reports."
    )
    assert prepared.unprotected == source
    (protection,) = prepared.protections
    assert (protection.concept, protection.placeholder, protection.text) == (
        "primeminister-kz",
        "[[1]]",
        "primeminister.kz",
    )
    assert normalise_source(source, TERMBASE, "ru", protect=False).text == source


def test_two_protected_terms_are_numbered() -> None:
    source = "Digital Almaty and primeminister.kz"
    prepared = normalise_source(source, TERMBASE)
    assert prepared.text == "[[1]] and [[2]]"


SOURCE = (
    "The talks were held on the eve of the Eurasian Intergovernmental Council, "
    "primeminister.kz reports."
)


@pytest.mark.parametrize(
    ("output", "text", "clean", "lost"),
    [
        # the engine copies the placeholder
        (
            "Переговоры состоялись накануне заседания, сообщает [[1]].",
            "Переговоры состоялись накануне заседания, сообщает primeminister.kz.",
            True,
            0,
        ),
        # spaces inside, as SentencePiece detokenisation leaves them
        (
            "Переговоры состоялись накануне заседания, сообщает [ [ 1 ] ].",
            "Переговоры состоялись накануне заседания, сообщает primeminister.kz.",
            True,
            0,
        ),
        # one bracket pair lost
        (
            "Переговоры состоялись накануне заседания, сообщает [1].",
            "Переговоры состоялись накануне заседания, сообщает primeminister.kz.",
            True,
            0,
        ),
        # dropped: nothing to restore, and nothing guessed
        (
            "Переговоры состоялись накануне заседания.",
            "Переговоры состоялись накануне заседания.",
            True,
            1,
        ),
        # a number the engine made up: debris, translate the unprotected text instead
        (
            "Переговоры состоялись накануне заседания, сообщает [[7]].",
            "Переговоры состоялись накануне заседания, сообщает [[7]].",
            False,
            1,
        ),
        # half a placeholder
        (
            "Переговоры состоялись накануне заседания, сообщает [[1.",
            "Переговоры состоялись накануне заседания, сообщает [[1.",
            False,
            1,
        ),
    ],
)
def test_restore_protected(output: str, text: str, clean: bool, lost: int) -> None:
    prepared = normalise_source(SOURCE, TERMBASE, "ru")
    restored = restore_protected(output, prepared)
    assert restored.text == text
    assert restored.clean is clean
    assert len(restored.lost) == lost
    for change in restored.changes:
        assert change.kind is ChangeKind.RESTORED
        assert restored.text[slice(*change.new_span)] == "primeminister.kz"


def test_a_dropped_protected_term_becomes_term_missing() -> None:
    prepared = normalise_source(SOURCE, TERMBASE, "ru")
    restored = restore_protected("Переговоры состоялись накануне заседания.", prepared)
    result = enforce_segment(SOURCE, restored.text, TERMBASE, "ru")
    assert result.text == restored.text
    assert any(
        f.check == "term-missing" and "primeminister-kz" in f.message for f in result.findings
    )


def test_a_bracketed_number_of_the_source_is_not_taken_for_a_placeholder() -> None:
    source = "See note [1] on primeminister.kz."
    prepared = normalise_source(source, TERMBASE, "ru")
    restored = restore_protected("См. примечание [1] на [[1]].", prepared)
    assert restored.text == "См. примечание [1] на primeminister.kz."
    assert restored.clean
