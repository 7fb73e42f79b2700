"""Terminology scores: exact-match and lemma accuracy per concept and overall, and chrF."""

from __future__ import annotations

import pytest
from enforce_data import DATA, TERMBASE

from toolkit.gettext import pofile
from toolkit.gettext.model import Catalog, Message
from toolkit.score import score_catalogs, score_segments

SOURCE = "Mishustin met with the Prime Minister of Kazakhstan in Almaty."
REFERENCE = "Мишустин встретился с Премьер-Министром Республики Казахстан в Алматы."


@pytest.mark.parametrize(
    ("hypothesis", "exact", "lemma"),
    [
        (REFERENCE, 3, 3),
        # the approved form, in another case: a lemma match, not an exact one
        ("Мишустин провёл встречу, а Премьер-Министр Республики Казахстан прибыл в Алматы.", 2, 3),
        # a wrong variant: neither
        ("Мишустин встретился с премьер-министром Казахстана в Алма-Ате.", 1, 1),
        ("", 0, 0),
    ],
)
def test_exact_and_lemma_matches(hypothesis: str, exact: int, lemma: int) -> None:
    score = score_segments([(SOURCE, REFERENCE, hypothesis)], TERMBASE, "ru")
    assert score.total == 3
    assert (score.exact, score.lemma) == (exact, lemma)
    assert score.exact_accuracy == pytest.approx(exact / 3)
    by_concept = {c.concept: c for c in score.concepts}
    assert set(by_concept) == {"mikhail-mishustin", "prime-minister-of-kazakhstan", "almaty"}


def test_concepts_the_reference_words_otherwise_are_not_scored() -> None:
    source = "President of Kazakhstan Kassym-Jomart Tokayev spoke."
    reference = "Глава государства Касым-Жомарт Токаев выступил."
    score = score_segments([(source, reference, reference)], TERMBASE, "ru")
    assert [c.concept for c in score.concepts] == ["kassym-jomart-tokayev"]


def test_chrf_is_100_for_identical_and_lower_otherwise() -> None:
    same = score_segments([(SOURCE, REFERENCE, REFERENCE)], TERMBASE, "ru")
    other = score_segments(
        [(SOURCE, REFERENCE, "Мишустин встретился с премьер-министром Казахстана в Алма-Ате.")],
        TERMBASE,
        "ru",
    )
    assert same.chrf == pytest.approx(100.0)
    assert 30.0 < other.chrf < 100.0


def test_score_catalogs_pairs_entries_by_key() -> None:
    path = DATA / "reference-kk.po"
    reference = pofile.read_catalog(path)
    damaged = reference.with_messages(
        Message(m.msgid, m.msgstr.replace("Смайылов", "Смаилов"), m.msgctxt, lineno=m.lineno)
        if m.msgid
        else m
        for m in reference.messages
    )
    perfect = score_catalogs(reference, reference, TERMBASE, "kk")
    worse = score_catalogs(reference, damaged, TERMBASE, "kk")
    assert perfect.exact_accuracy == 1.0 and perfect.chrf == pytest.approx(100.0)
    smailov = {c.concept: c for c in worse.concepts}["alikhan-smailov"]
    assert smailov.exact == 0 and smailov.total > 0
    assert worse.exact_accuracy < 1.0
    assert worse.entries == perfect.entries > 0
    record = worse.record()
    assert record["language"] == "kk" and record["terms"] == worse.total


def test_untranslated_hypothesis_entries_count_as_empty() -> None:
    reference = Catalog(messages=(Message(SOURCE, REFERENCE),))
    score = score_catalogs(reference, Catalog(), TERMBASE, "ru")
    assert (score.entries, score.empty, score.exact) == (1, 1, 0)
