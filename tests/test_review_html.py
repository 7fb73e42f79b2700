"""The HTML review report: self-contained, escaped, terms with official forms, filters."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from toolkit.config import load_settings
from toolkit.gettext.model import Catalog, Message
from toolkit.glossary.storage import read_glossary
from toolkit.project.catalogs import CatalogFile
from toolkit.review.html import render_index, render_report
from toolkit.review.model import (
    ReviewCatalog,
    Selection,
    review_catalog,
    review_catalogs,
    select_entries,
)

DATA = Path(__file__).parent / "data" / "review" / "project"
VOID = {"meta", "input", "br", "img", "hr", "link"}


class Structure(HTMLParser):
    """Checks that every element is closed in order, and collects tags with attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        (self.scripts if self._in_script else self.text).append(data)


def parse(page: str) -> Structure:
    parser = Structure()
    parser.feed(page)
    parser.close()
    assert parser.errors == [] and parser.stack == []
    return parser


@pytest.fixture(scope="module")
def reviews(tmp_path_factory: pytest.TempPathFactory) -> list[ReviewCatalog]:
    root = tmp_path_factory.mktemp("html") / "project"
    shutil.copytree(DATA, root)
    return review_catalogs(load_settings(root))


@pytest.fixture(scope="module")
def page(reviews: list[ReviewCatalog]) -> str:
    return render_report(reviews[:1])


def test_self_contained(page: str) -> None:
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:|//|file:)""", page)
    assert "http://" not in page and "https://" not in page
    assert not re.search(r"<link\b|@import|url\(|<iframe|<img|<object", page)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    structure = parse(page)
    assert [t for t, _ in structure.tags].count("script") == 1  # the page's own, inline
    assert all("src" not in attrs for tag, attrs in structure.tags if tag == "script")


def test_catalog_text_is_escaped(page: str) -> None:
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;tags&quot;" in page
    assert "<script>alert" not in page
    structure = parse(page)
    assert any('<script>alert("x")</script> & "tags"' in text for text in structure.text)


def test_hostile_notes_and_forms_are_escaped(reviews: list[ReviewCatalog], tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(DATA, root)
    termbase = read_glossary(load_settings(root))
    message = Message(
        msgid='Alikhan Smailov said "<b>hi</b>".',
        msgstr="Алихан Смаилов сказал «</div><img src=x onerror=alert(1)>».",
        translator_comments=(
            '"><script>alert(2)</script>',
            "enforced: alikhan-smailov: <i> -> </i>",
        ),
        extracted_comments=("p1.s1 (text)",),
        flags=("fuzzy",),
        previous_msgid="</p><script>alert(3)</script>",
    )
    checked = CatalogFile.in_memory('ru/"odd"<x>.po', Catalog(messages=(message,)), "ru")
    page = render_report([review_catalog(checked, [], termbase)])
    structure = parse(page)
    assert [t for t, _ in structure.tags].count("script") == 1
    assert [t for t, _ in structure.tags].count("img") == 0
    for fragment in (
        "&lt;/div&gt;&lt;img src=x onerror=alert(1)&gt;",
        "&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;",
        "&lt;/p&gt;&lt;script&gt;alert(3)&lt;/script&gt;",
        "&lt;i&gt;</del>",
        "ru/&quot;odd&quot;&lt;x&gt;.po",
    ):
        assert fragment in page


def test_rows_sides_and_languages(page: str) -> None:
    structure = parse(page)
    rows = [
        a for t, a in structure.tags if t == "div" and "entry" in (a.get("class") or "").split()
    ]
    assert [(r["data-state"], r["data-checks"]) for r in rows] == [
        ("translated", ""),
        ("translated", ""),
        ("fuzzy", ""),
        ("fuzzy", ""),
        ("fuzzy", "numbers"),
        ("translated", "latin-residue quotes"),
        ("untranslated", ""),
    ]
    assert rows[4]["data-severity"] == "error"
    assert rows[2]["id"] == "sample--p1.s2"
    sources = [a for t, a in structure.tags if t == "div" and a.get("class") == "text src"]
    targets = [a for t, a in structure.tags if t == "div" and a.get("class") == "text tgt"]
    assert {a["lang"] for a in sources} == {"en"} and {a["lang"] for a in targets} == {"ru"}
    assert len(sources) == len(targets) == 7
    assert '<span class="empty">no translation yet</span>' in page


def test_terms_carry_their_official_form(page: str) -> None:
    structure = parse(page)
    marks = [a for t, a in structure.tags if t == "mark"]
    titles = {a["title"] for a in marks}
    assert "alikhan-smailov: official ru: Алихан Смаилов" in titles
    assert "mikhail-mishustin: official ru: Михаил Мишустин" in titles
    assert all(a["tabindex"] == "0" and a["data-official"] == a["title"] for a in marks)
    # Both sides: the source mention and the inflected rendering.
    assert (
        '<mark class="term" tabindex="0" title="mikhail-mishustin: official ru: Михаил Мишустин"'
        in page
    )
    assert ">Mikhail Mishustin</mark>" in page and ">Михаилом Мишустиным</mark>" in page


def test_findings_enforcement_and_notes_beside_the_entry(page: str) -> None:
    assert (
        '<li class="sev-error"><span class="sev">error</span> <code>numbers</code> '
        "&#x27;7,000&#x27; of the source is not in the translation" in page
    )
    assert (
        '<li><code>alikhan-smailov</code> <del lang="ru">Смайлов</del> → '
        '<ins lang="ru">Смаилов</ins></li>' in page
    )
    assert 'Previous source: <span lang="en">Alikhan Smailov arrived in Ekaterinburg' in page
    assert "Note: Machine translation; the engine wrote Смайлов." in page


def test_filters(page: str) -> None:
    structure = parse(page)
    boxes = [a for t, a in structure.tags if t == "input" and a.get("name") == "state"]
    assert [b["value"] for b in boxes] == ["translated", "fuzzy", "untranslated"]
    options = [a["value"] for t, a in structure.tags if t == "option"]
    assert options == ["", "*", "-", "latin-residue", "numbers", "quotes"]
    assert "fuzzy (3)" in page and "numbers (1)" in page
    assert '<body class="nojs">' in page  # the script removes it; without it filters are hidden


def test_phone_layout_stacks_columns(page: str) -> None:
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    media = page[page.index("@media (max-width: 600px)") :]
    assert ".grid { grid-template-columns: minmax(0, 1fr);" in media


def test_only_selected_rows_and_several_catalogs(reviews: list[ReviewCatalog]) -> None:
    chosen = [select_entries(r.entries, [Selection.FUZZY]) for r in reviews]
    page = render_report(reviews, chosen)
    assert page.count('class="entry ') == 3
    assert page.count('<section class="catalog"') == 2
    assert "Review of 2 catalogs" in page
    assert '<section class="catalog" data-path="translations/kk/sample.po">' in page


def test_index_links_the_pages(reviews: list[ReviewCatalog]) -> None:
    page = render_index(reviews, ["ru--sample.html", "kk--sample.html"], "Review")
    parse(page)
    assert '<a href="ru--sample.html">translations/ru/sample.po</a>' in page
    assert "3 fuzzy, 1 untranslated; 6 findings" in page
    assert "<script>" not in page
