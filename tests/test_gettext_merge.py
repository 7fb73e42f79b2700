"""msgmerge semantics: what a template does to a catalog's translations; properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.gettext.merge import merge, merge_catalog
from toolkit.gettext.model import Catalog, Message, annotate

# --- merge: msgmerge semantics -----------------------------------------------------------------

OLD = "Alikhan Smailov arrived in Ekaterinburg on a working trip."
NEW = "Alikhan Smailov arrived in Yekaterinburg on a working trip."
OLD_RU = "Алихан Смаилов прибыл в Екатеринбург с рабочей поездкой."


def _template(*msgids: str | tuple[str, str]) -> Catalog:
    messages = [
        Message(msgid=m, references=("corpus/a.txt:1",), extracted_comments=("p1.s1 (text)",))
        if isinstance(m, str)
        else Message(msgid=m[1], msgctxt=m[0])
        for m in msgids
    ]
    return Catalog(
        header=(("POT-Creation-Date", "2024-02-01 09:30+0000"),), messages=tuple(messages)
    )


def _shape(catalog: Catalog) -> list[tuple[str, str, bool, bool, str | None]]:
    return [(m.msgid, m.msgstr, m.fuzzy, m.obsolete, m.previous_msgid) for m in catalog.messages]


MERGE_CASES = [
    # name, template, existing messages, expected shape, expected counts
    (
        "kept",
        _template("A", "B"),
        [Message("A", "а"), Message("B", "б")],
        [("A", "а", False, False, None), ("B", "б", False, False, None)],
        {"kept": 2},
    ),
    (
        "new",
        _template("A", "B"),
        [Message("A", "а")],
        [("A", "а", False, False, None), ("B", "", False, False, None)],
        {"kept": 1, "new": 1},
    ),
    (
        "fuzzy-stays-fuzzy",
        _template("A"),
        [Message("A", "а", flags=("fuzzy",), previous_msgid="A0")],
        [("A", "а", True, False, "A0")],
        {"kept": 1},
    ),
    (
        "changed-becomes-fuzzy",
        _template(NEW),
        [Message(OLD, OLD_RU)],
        [(NEW, OLD_RU, True, False, OLD)],
        {"fuzzy_matched": 1},
    ),
    (
        "unrelated-change-obsoletes",
        _template("The sides discussed trade."),
        [Message(OLD, OLD_RU)],
        [("The sides discussed trade.", "", False, False, None), (OLD, OLD_RU, False, True, None)],
        {"new": 1, "obsoleted": 1},
    ),
    (
        "removed-untranslated-is-dropped",
        _template("A"),
        [Message("A", "а"), Message("B")],
        [("A", "а", False, False, None)],
        {"kept": 1, "dropped": 1},
    ),
    (
        "removed-with-comment-is-kept",
        _template("A"),
        [Message("A", "а"), Message("B", translator_comments=("ask the desk",))],
        [("A", "а", False, False, None), ("B", "", False, True, None)],
        {"kept": 1, "obsoleted": 1},
    ),
    (
        "removed-fuzzy-is-kept-fuzzy",
        _template("A"),
        [Message("A", "а"), Message("B", "б", flags=("fuzzy",), previous_msgid="B0")],
        [("A", "а", False, False, None), ("B", "б", True, True, None)],
        {"kept": 1, "obsoleted": 1},
    ),
    (
        "revived",
        _template("A", "B"),
        [Message("A", "а"), Message("B", "б", obsolete=True)],
        [("A", "а", False, False, None), ("B", "б", False, False, None)],
        {"kept": 1, "revived": 1},
    ),
    (
        "fuzzy-from-obsolete",
        _template(NEW),
        [Message(OLD, OLD_RU, obsolete=True)],
        [(NEW, OLD_RU, True, False, OLD)],
        {"fuzzy_matched": 1},
    ),
    (
        "obsolete-last-in-stable-order",
        _template("C"),
        [Message("X", "x", obsolete=True), Message("A", "а"), Message("C", "ц"), Message("B", "б")],
        [
            ("C", "ц", False, False, None),
            ("X", "x", False, True, None),
            ("A", "а", False, True, None),
            ("B", "б", False, True, None),
        ],
        {"kept": 1, "obsoleted": 2},
    ),
    (
        "template-order",
        _template("B", "A"),
        [Message("A", "а"), Message("B", "б")],
        [("B", "б", False, False, None), ("A", "а", False, False, None)],
        {"kept": 2},
    ),
]


@pytest.mark.parametrize(
    ("template", "old", "expected", "counts"),
    [case[1:] for case in MERGE_CASES],
    ids=[case[0] for case in MERGE_CASES],
)
def test_merge_semantics(
    template: Catalog,
    old: list[Message],
    expected: list[tuple[str, str, bool, bool, str | None]],
    counts: dict[str, int],
) -> None:
    result = merge_catalog(template, Catalog(messages=tuple(old)), "ru")
    assert _shape(result.catalog) == expected
    for name in ("new", "kept", "revived", "fuzzy_matched", "obsoleted", "dropped"):
        assert getattr(result, name) == counts.get(name, 0), name


def test_merge_prefers_same_context_and_records_previous_context() -> None:
    template = _template(("place", "Almaty"))
    old = Catalog(messages=(Message("Almaty", "Алматы", msgctxt="city"),))
    [merged] = merge(template, old, "kk").messages
    assert (merged.msgctxt, merged.msgstr, merged.fuzzy) == ("place", "Алматы", True)
    assert (merged.previous_msgctxt, merged.previous_msgid) == ("city", "Almaty")


def test_exact_match_keeps_what_belongs_to_the_translation() -> None:
    template = Catalog(
        messages=(
            Message(
                "A",
                references=("corpus/a.txt:9",),
                extracted_comments=("p9.s1 (text)",),
                flags=("no-wrap",),
            ),
        )
    )
    old = annotate(
        Message(
            "A",
            "а",
            flags=("fuzzy", "do-not-translate"),
            translator_comments=("checked by desk",),
            references=("corpus/a.txt:1",),
            extracted_comments=("p1.s1 (text)",),
        ),
        "engine",
        "argos translate-en_ru 1.9",
    )
    [merged] = merge(template, Catalog(messages=(old,)), "ru").messages
    assert merged.msgstr == "а"
    assert merged.flags == ("fuzzy", "do-not-translate", "no-wrap")
    assert merged.translator_comments == ("checked by desk",)
    assert merged.references == ("corpus/a.txt:9",)
    assert merged.extracted_comments == ("p9.s1 (text)", "x-engine: argos translate-en_ru 1.9")


def test_obsolete_entries_keep_annotations_but_not_source_details() -> None:
    old = annotate(
        Message(
            "Gone", "Ушло", references=("corpus/a.txt:1",), extracted_comments=("p1.s1 (text)",)
        ),
        "engine",
        "memory",
    )
    [gone] = merge(_template(), Catalog(messages=(old,)), "ru").messages
    assert gone.obsolete
    assert gone.references == ()
    assert gone.extracted_comments == ("x-engine: memory",)


@pytest.mark.parametrize(("language", "forms"), [("ru", 3), ("kk", 2)])
def test_plural_forms_header(language: str, forms: int) -> None:
    template = Catalog(messages=(Message("%d article", msgid_plural="%d articles"),))
    catalog = merge(template, None, language)
    assert catalog.language == language
    assert (catalog.header_value("Plural-Forms") or "").startswith(f"nplurals={forms};")
    assert catalog.messages[0].msgstr_plural == ("",) * forms
    assert catalog.header_value("Content-Type") == "text/plain; charset=UTF-8"
    assert catalog.header_value("Language-Team") == {"ru": "Russian", "kk": "Kazakh"}[language]
    assert not catalog.header_fuzzy


def test_merge_keeps_existing_header_fields_and_takes_template_date() -> None:
    existing = Catalog(
        header=(("Last-Translator", "Aigerim <a@example.org>"), ("X-Generator", "Poedit 3.4")),
        header_comment=("Kazakh desk.",),
    )
    template = Catalog(header=(("POT-Creation-Date", "2024-02-03 10:00+0000"),))
    result = merge_catalog(template, existing, "kk", revised="2024-02-04 11:00+0000").catalog
    assert result.header_value("Last-Translator") == "Aigerim <a@example.org>"
    assert result.header_value("X-Generator") == "Poedit 3.4"
    assert result.header_value("POT-Creation-Date") == "2024-02-03 10:00+0000"
    assert result.header_value("PO-Revision-Date") == "2024-02-04 11:00+0000"
    assert result.header_comment == ("Kazakh desk.",)
    names = [name for name, _ in result.header]
    assert names.index("Language") < names.index("Plural-Forms") < names.index("X-Generator")


# --- merge: properties -------------------------------------------------------------------------

# Few letters, so that generated sentences are often similar enough for fuzzy matching.
sentences = st.text(alphabet="ab c", min_size=1, max_size=12)
old_messages = st.lists(
    st.builds(
        Message,
        msgid=sentences,
        msgstr=st.sampled_from(["", "перевод", "другой"]),
        flags=st.sampled_from([(), ("fuzzy",)]),
        translator_comments=st.sampled_from([(), ("note",)]),
        obsolete=st.booleans(),
    ),
    max_size=6,
    unique_by=lambda m: m.msgid,
)
template_ids = st.lists(sentences, max_size=6, unique=True)


@settings(max_examples=200, deadline=None)
@given(old_messages, template_ids)
def test_merge_loses_nothing_and_is_idempotent(old: list[Message], wanted: list[str]) -> None:
    template = Catalog(messages=tuple(Message(msgid) for msgid in wanted))
    existing = Catalog(messages=tuple(old))
    merged = merge_catalog(template, existing, "ru", revised="2024-02-01 09:30+0000").catalog
    # every template message, in order, then only obsolete ones
    assert [m.msgid for m in merged.active] == wanted
    assert [m.obsolete for m in merged.messages] == sorted(m.obsolete for m in merged.messages)
    # nothing lost: every translation and translator comment is still somewhere
    for message in old:
        if message.msgstr:
            assert any(m.msgstr == message.msgstr for m in merged.messages)
        if message.translator_comments:
            assert any(
                m.translator_comments == message.translator_comments for m in merged.messages
            )
    again = merge_catalog(template, merged, "ru", revised="2024-02-01 09:30+0000").catalog
    assert again == merged
