"""The concepts a source names and where a translation renders them with the approved form."""

from __future__ import annotations

from enforce_data import TERMBASE

from toolkit.enforce import term_renderings
from toolkit.enforce.renderings import find_mentions
from toolkit.enforce.terms import compiled_terms


def test_term_renderings_in_any_inflected_form_and_by_the_surname() -> None:
    source = "Smailov met Mishustin in Almaty."
    target = "Смаилов встретился с Мишустиным в Алма-Ате."
    found = term_renderings(source, target, TERMBASE, "ru")
    assert {concept: [target[slice(*s)] for s in spans] for concept, spans in found.items()} == {
        "alikhan-smailov": ["Смаилов"],
        "mikhail-mishustin": ["Мишустиным"],
        "almaty": [],  # a wrong variant is no rendering
    }


def test_mentions_short_forms_and_coordinated_lists() -> None:
    source = "Delegations of the Sverdlovsk, Chelyabinsk, Kurgan and Tyumen regions met Smailov."
    mentions = find_mentions(source, TERMBASE, compiled_terms(TERMBASE, "ru"))
    assert [(m.concept, source[slice(*m.span)], m.short, m.coordinated) for m in mentions] == [
        ("sverdlovsk-region", "Sverdlovsk", False, True),
        ("chelyabinsk", "Chelyabinsk", False, True),
        ("kurgan", "Kurgan", False, True),
        ("tyumen", "Tyumen", False, True),
        ("alikhan-smailov", "Smailov", True, False),
    ]
