"""Catalogs: templates from articles, msgmerge semantics, determinism, stats, compile."""

from __future__ import annotations

import gettext
import shutil
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import pytest
from gettext_check import msgfmt_problems
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.config import Settings, load_settings
from toolkit.corpus.articles import Article, ArticleMeta
from toolkit.corpus.segmentation import Segment, SegmentKind
from toolkit.errors import CatalogError, LanguageError
from toolkit.gettext.merge import merge, merge_catalog
from toolkit.gettext.model import (
    Catalog,
    Counts,
    Message,
    annotate,
    count_messages,
    set_fuzzy,
    timestamp,
    with_translation,
)
from toolkit.gettext.pofile import read_catalog, write_catalog
from toolkit.gettext.store import save_catalog
from toolkit.project.compile import compile_catalogs
from toolkit.project.extract import build_template, extract_templates
from toolkit.project.paths import catalog_path, template_path
from toolkit.project.stats import catalog_stats, total_counts
from toolkit.project.update import update_catalogs

REPO = Path(__file__).resolve().parent.parent
# A template has no language yet, which msgfmt --check-header reports for every .pot
# (xgettext's own templates included); anything else it says is a failure.
TEMPLATE_WARNING = "header field 'Language' still has the initial default value"
DAY1, DAY2 = "1706780000", "1706866400"  # 2024-02-01 09:33, 2024-02-02 09:33 UTC

T = SegmentKind.TEXT
SENTENCES = [
    ("title", "Smailov and Mishustin meet at INNOPROM", SegmentKind.TITLE, 0, 9),
    ("p1.s1", "YEKATERINBURG. KAZINFORM -", SegmentKind.DATELINE, 1, 1),
    ("p1.s2", "Alikhan Smailov arrived in Yekaterinburg.", T, 1, 1),
    ("p1.s3", "The sides discussed trade.", T, 1, 1),
    ("p2.s1", "Images | primeminister.kz", SegmentKind.BOILERPLATE, 2, 3),
    ("p3.s1", "Предыдущая новость Следующая новость", SegmentKind.FOREIGN, 3, 5),
    ("p4.s1", "The sides discussed trade.", T, 4, 7),
    ("p4.s2", "«We will meet again,» said Smailov.", T, 4, 7),
]


def make_article(
    root: Path, article_id: str, rows: Sequence[tuple[str, str, SegmentKind, int, int]]
) -> Article:
    segments = tuple(
        Segment(
            id=sid,
            text=text,
            kind=kind,
            paragraph=paragraph,
            line=line,
            reason=None if kind not in (SegmentKind.BOILERPLATE, SegmentKind.FOREIGN) else "test",
        )
        for sid, text, kind, paragraph, line in rows
    )
    meta = ArticleMeta(
        id=article_id, title=rows[0][1], date=None, source="Kazinform", dateline=None, origin=None
    )
    corpus = root / "corpus"
    return Article(meta, corpus / f"{article_id}.txt", corpus / f"{article_id}.json", segments)


@pytest.fixture
def settings_(project: Path) -> Settings:
    return load_settings(project)


@pytest.fixture
def article(settings_: Settings) -> Article:
    return make_article(settings_.root, "2022-07-04-innoprom", SENTENCES)


@pytest.fixture
def epoch(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    def set_epoch(value: str) -> None:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", value)

    set_epoch(DAY1)
    return set_epoch


# --- templates ---------------------------------------------------------------------------------


def test_template_holds_translatable_sentences_once(article: Article, settings_: Settings) -> None:
    template = build_template(article, settings_, created="2024-02-01 09:30+0000")
    assert [m.msgid for m in template.messages] == [
        "Smailov and Mishustin meet at INNOPROM",
        "YEKATERINBURG. KAZINFORM -",
        "Alikhan Smailov arrived in Yekaterinburg.",
        "The sides discussed trade.",
        "«We will meet again,» said Smailov.",
    ]
    title, dateline, _, repeated, _ = template.messages
    assert title.references == ("corpus/2022-07-04-innoprom.json:9",)
    assert dateline.extracted_comments == ("p1.s1 (dateline)",)
    assert repeated.references == (
        "corpus/2022-07-04-innoprom.txt:1",
        "corpus/2022-07-04-innoprom.txt:7",
    )
    assert repeated.extracted_comments == ("p1.s3 (text)", "p4.s1 (text)")
    assert all(m.msgstr == "" and not m.flags for m in template.messages)


def test_template_header(article: Article, settings_: Settings) -> None:
    template = build_template(article, settings_, created="2024-02-01 09:30+0000")
    assert template.header_value("Project-Id-Version") == "test-project 0.0.1"
    assert template.header_value("POT-Creation-Date") == "2024-02-01 09:30+0000"
    assert template.header_value("Content-Type") == "text/plain; charset=UTF-8"
    assert template.header_value("Content-Transfer-Encoding") == "8bit"
    assert template.header_value("MIME-Version") == "1.0"
    assert template.header_value("Language") == ""
    assert (template.header_value("Generated-By") or "").startswith("kzru-toolkit ")
    assert template.header_fuzzy
    assert article.id in template.header_comment[0]


def test_project_id_falls_back_to_folder_name(make_project: Callable[..., Path]) -> None:
    root = make_project("[tool.toolkit]\n", name="newsdesk")
    settings_ = load_settings(root)
    template = build_template(make_article(root, "a", SENTENCES[:1]), settings_)
    assert template.header_value("Project-Id-Version") == "newsdesk"


def test_extract_reports_excluded_segments(
    article: Article, settings_: Settings, epoch: Callable[[str], None]
) -> None:
    [result] = extract_templates(settings_, [article])
    assert result.status == "created"
    assert result.path == settings_.templates_path / "2022-07-04-innoprom.pot"
    assert result.messages == 5
    assert [s.id for s in result.excluded] == ["p2.s1", "p3.s1"]


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


# --- writing deterministically -----------------------------------------------------------------


def test_extract_twice_is_byte_identical_even_a_day_later(
    article: Article, settings_: Settings, epoch: Callable[[str], None]
) -> None:
    extract_templates(settings_, [article])
    path = template_path(settings_, article.id)
    first = path.read_bytes()
    epoch(DAY2)
    [again] = extract_templates(settings_, [article])
    assert again.status == "unchanged"
    assert path.read_bytes() == first
    assert read_catalog(path).header_value("POT-Creation-Date") == "2024-02-01 09:33+0000"


def test_changed_article_gets_a_new_date(
    article: Article, settings_: Settings, epoch: Callable[[str], None]
) -> None:
    extract_templates(settings_, [article])
    epoch(DAY2)
    changed = replace(article, segments=article.segments[:-1])
    [result] = extract_templates(settings_, [changed])
    assert result.status == "updated"
    assert read_catalog(result.path).header_value("POT-Creation-Date") == "2024-02-02 09:33+0000"


def test_update_twice_is_byte_identical(
    article: Article, settings_: Settings, epoch: Callable[[str], None]
) -> None:
    extract_templates(settings_, [article])
    first = update_catalogs(settings_)
    assert [(r.language, r.status, r.new) for r in first] == [
        ("ru", "created", 5),
        ("kk", "created", 5),
    ]
    files = {r.path: r.path.read_bytes() for r in first}
    epoch(DAY2)
    second = update_catalogs(settings_)
    assert [r.status for r in second] == ["unchanged", "unchanged"]
    assert {p: p.read_bytes() for p in files} == files


def test_update_after_edits_keeps_translations_and_bumps_the_revision_date(
    article: Article, settings_: Settings, epoch: Callable[[str], None]
) -> None:
    extract_templates(settings_, [article])
    update_catalogs(settings_, ["ru"])
    path = catalog_path(settings_, "ru", article.id)
    translate(
        path, {"Alikhan Smailov arrived in Yekaterinburg.": "Алихан Смаилов прибыл в Екатеринбург."}
    )
    epoch(DAY2)
    edited = replace(
        article,
        segments=tuple(
            replace(s, text="Alikhan Smailov arrived in Yekaterinburg on Monday.")
            if s.id == "p1.s2"
            else s
            for s in article.segments
        ),
    )
    extract_templates(settings_, [edited])
    [result] = update_catalogs(settings_, ["ru"], [article.id])
    assert (result.status, result.fuzzy_matched, result.kept) == ("updated", 1, 4)
    catalog = read_catalog(path)
    message = catalog.find("Alikhan Smailov arrived in Yekaterinburg on Monday.")
    assert message is not None
    assert message.msgstr == "Алихан Смаилов прибыл в Екатеринбург."
    assert message.fuzzy and message.previous_msgid == "Alikhan Smailov arrived in Yekaterinburg."
    assert catalog.header_value("PO-Revision-Date") == "2024-02-02 09:33+0000"


def translate(path: Path, translations: dict[str, str], *, fuzzy: bool = False) -> None:
    """What a translator (or the translate job) does to a catalog."""
    catalog = read_catalog(path)
    for msgid, text in translations.items():
        message = catalog.find(msgid)
        assert message is not None, msgid
        catalog = catalog.with_message(with_translation(message, text, fuzzy=fuzzy))
    write_catalog(path, catalog)


def test_update_errors(settings_: Settings, article: Article, epoch: Callable[[str], None]) -> None:
    with pytest.raises(CatalogError, match="no templates to merge"):
        update_catalogs(settings_)
    extract_templates(settings_, [article])
    with pytest.raises(CatalogError, match="no template for article 'nope'") as info:
        update_catalogs(settings_, None, ["nope"])
    assert info.value.hint and "toolkit extract nope" in info.value.hint
    with pytest.raises(LanguageError, match="not a target language"):
        update_catalogs(settings_, ["de"])
    with pytest.raises(LanguageError, match="unknown language code"):
        update_catalogs(settings_, ["xx-nope"])
    update_catalogs(settings_, ["ru"])
    ru, kk = catalog_path(settings_, "ru", article.id), catalog_path(settings_, "kk", article.id)
    kk.parent.mkdir(parents=True)
    shutil.copy(ru, kk)
    with pytest.raises(CatalogError, match="catalog in folder 'kk' declares Language 'ru'"):
        update_catalogs(settings_, ["kk"])


def test_save_catalog_stamps_only_real_changes(
    settings_: Settings, epoch: Callable[[str], None]
) -> None:
    path = settings_.root / "glossary" / "ru.po"
    catalog = Catalog(
        header=(("PO-Revision-Date", "2020-01-01 00:00+0000"), ("Language", "ru")),
        messages=(Message("Almaty", "Алматы", msgctxt="place.almaty"),),
    )
    assert save_catalog(path, catalog, stamp="PO-Revision-Date") == "created"
    assert read_catalog(path).header_value("PO-Revision-Date") == "2024-02-01 09:33+0000"
    epoch(DAY2)
    assert save_catalog(path, catalog, stamp="PO-Revision-Date") == "unchanged"
    assert read_catalog(path).header_value("PO-Revision-Date") == "2024-02-01 09:33+0000"
    changed = catalog.with_message(
        Message("Almaty", "Алматы", msgctxt="place.almaty", flags=("x-dnt",))
    )
    assert save_catalog(path, changed, stamp="PO-Revision-Date") == "updated"
    assert read_catalog(path) == changed.with_header("PO-Revision-Date", "2024-02-02 09:33+0000")


def test_timestamp_honours_source_date_epoch(epoch: Callable[[str], None]) -> None:
    assert timestamp() == "2024-02-01 09:33+0000"


# --- stats -------------------------------------------------------------------------------------


def test_count_messages() -> None:
    catalog = Catalog(
        messages=(
            Message("a", "а"),
            Message("b", "б"),
            set_fuzzy(Message("c", "ц")),
            Message("d"),
            Message("e", "е", obsolete=True),
            Message("f", msgid_plural="fs", msgstr_plural=("ф", "")),  # incomplete plural
        )
    )
    counts = count_messages(catalog)
    assert counts == Counts(total=5, translated=2, fuzzy=1, untranslated=2)
    assert counts.percent == 40.0


def test_catalog_stats_per_article_and_language(
    article: Article, settings_: Settings, epoch: Callable[[str], None]
) -> None:
    extract_templates(settings_, [article])
    update_catalogs(settings_, ["ru"])
    path = catalog_path(settings_, "ru", article.id)
    translate(path, {"The sides discussed trade.": "Стороны обсудили торговлю."})
    translate(path, {"YEKATERINBURG. KAZINFORM -": "ЕКАТЕРИНБУРГ. КАЗИНФОРМ -"}, fuzzy=True)
    stats = catalog_stats(settings_)
    assert [(s.language, s.exists, s.counts) for s in stats] == [
        ("ru", True, Counts(5, 1, 1, 3)),
        ("kk", False, Counts(5, 0, 0, 5)),  # no catalog yet: counted from the template
    ]
    assert total_counts(stats)["ru"].percent == 20.0


# --- compile -----------------------------------------------------------------------------------


def test_compiled_catalog_translates_in_python_gettext(
    article: Article, settings_: Settings, epoch: Callable[[str], None]
) -> None:
    extract_templates(settings_, [article])
    update_catalogs(settings_)
    path = catalog_path(settings_, "ru", article.id)
    translate(
        path, {"«We will meet again,» said Smailov.": "«Мы встретимся снова», — сказал Смаилов."}
    )
    translate(path, {"The sides discussed trade.": "Стороны обсудили торговлю."}, fuzzy=True)
    results = compile_catalogs(settings_, ["ru"])
    assert [(r.status, r.compiled, r.fuzzy) for r in results] == [("created", 1, 1)]
    localedir = settings_.build_path / "locale"
    assert results[0].path == localedir / "ru" / "LC_MESSAGES" / f"{article.id}.mo"
    ru = gettext.translation(article.id, localedir, languages=["ru"])
    assert (
        ru.gettext("«We will meet again,» said Smailov.")
        == "«Мы встретимся снова», — сказал Смаилов."
    )
    assert ru.gettext("The sides discussed trade.") == "The sides discussed trade."  # fuzzy
    assert [r.status for r in compile_catalogs(settings_, ["ru"])] == ["unchanged"]


def test_compile_errors(settings_: Settings, tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="no catalogs for 'kk'"):
        compile_catalogs(settings_, ["kk"])
    with pytest.raises(CatalogError, match="no catalog to compile"):
        compile_catalogs(settings_, ["ru"], ["missing-article"])


# --- every catalog the toolkit writes passes msgfmt --check ------------------------------------


def test_full_project_passes_msgfmt(settings_: Settings, epoch: Callable[[str], None]) -> None:
    """Extract, update, translate, change the source, update again: check every file."""
    articles = [
        make_article(settings_.root, "2022-07-04-innoprom", SENTENCES),
        make_article(
            settings_.root,
            "2024-02-01-almaty",
            [*SENTENCES[:3], ("p2.s1", "Kazakhstan and Russia signed a treaty.", T, 2, 3)],
        ),
    ]
    extract_templates(settings_, articles)
    update_catalogs(settings_)
    for language, text in (
        ("ru", "Алихан Смаилов прибыл в Екатеринбург."),
        ("kk", "Әлихан Смайылов Екатеринбургке келді."),
    ):
        path = catalog_path(settings_, language, articles[0].id)
        translate(path, {"Alikhan Smailov arrived in Yekaterinburg.": text})
        translate(path, {"The sides discussed trade.": "…"}, fuzzy=True)
        translate(path, {"«We will meet again,» said Smailov.": "«…», — сказал Смаилов."})
    epoch(DAY2)
    changed = replace(
        articles[0],
        segments=tuple(
            replace(s, text=s.text.replace("arrived", "has arrived"))
            for s in articles[0].segments
            if s.id != "p4.s2"
        ),
    )
    extract_templates(settings_, [changed, articles[1]])
    update_catalogs(settings_)
    compile_catalogs(settings_)
    written = sorted(settings_.translations_path.rglob("*.po*"))
    assert len(written) == 6
    problems = {p.name: msgfmt_problems(p) for p in written}
    assert problems == {p.name: "" for p in written}
    ru = read_catalog(catalog_path(settings_, "ru", articles[0].id))
    assert [m.msgid for m in ru.messages if m.fuzzy and m.previous_msgid] == [
        "Alikhan Smailov has arrived in Yekaterinburg."
    ]
    assert [m.msgid for m in ru.obsolete_messages] == ["«We will meet again,» said Smailov."]


def test_update_writes_what_gnu_msgmerge_writes(
    settings_: Settings, article: Article, epoch: Callable[[str], None]
) -> None:
    """Merging our own template into our catalog again with `msgmerge --previous` is a no-op."""
    msgmerge = shutil.which("msgmerge")
    assert msgmerge is not None
    extract_templates(settings_, [article])
    update_catalogs(settings_, ["ru"])
    path = catalog_path(settings_, "ru", article.id)
    translate(
        path, {"Alikhan Smailov arrived in Yekaterinburg.": "Алихан Смаилов прибыл в Екатеринбург."}
    )
    translate(
        path, {"«We will meet again,» said Smailov.": "«Мы встретимся снова», — сказал Смаилов."}
    )
    edited = replace(
        article,
        segments=tuple(
            replace(s, text=s.text.replace("arrived in", "has arrived in"))
            for s in article.segments
            if s.id != "p4.s2"
        ),
    )
    extract_templates(settings_, [edited])
    update_catalogs(settings_, ["ru"])
    gnu = subprocess.run(
        [msgmerge, "--previous", "--quiet", "-o", "-", path, template_path(settings_, article.id)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert gnu.stdout == path.read_text(encoding="utf-8")


def test_catalogs_in_the_repository_pass_msgfmt() -> None:
    """Whatever catalogs the project ships (translations, glossary) msgfmt accepts."""
    shipped = sorted(
        p
        for folder in ("translations", "glossary")
        for p in (REPO / folder).rglob("*.po*")
        if p.suffix in (".po", ".pot")
    )
    if not shipped:
        pytest.skip("no catalogs in the repository yet")
    problems = {str(p.relative_to(REPO)): msgfmt_problems(p) for p in shipped}
    assert problems == {name: "" for name in problems}
