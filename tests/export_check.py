"""One check of a finished exported article, used on the tiny project and on the shipped one."""

from __future__ import annotations

from toolkit.config import Settings
from toolkit.corpus.articles import load_article
from toolkit.corpus.segmentation import SegmentKind
from toolkit.export import ExportFormat, TranslatedArticle, render_article
from toolkit.gettext import pofile
from toolkit.project.paths import catalog_path


def assert_exported_whole(
    settings: Settings, article: TranslatedArticle, language: str, article_id: str, date: str
) -> None:
    """Title, date line, every translatable paragraph and the credits, nothing unapproved."""
    catalog = pofile.read_catalog(catalog_path(settings, language, article_id))
    source = load_article(settings, article_id)
    title = catalog.find(source.meta.title)
    assert title is not None and article.title.text == title.msgstr
    assert article.gaps == ()
    translatable = {
        s.paragraph for s in source.segments if s.translatable and s.kind is not SegmentKind.TITLE
    }
    assert [p.number for p in article.paragraphs] == sorted(translatable)

    text = render_article(article, ExportFormat.TXT)
    blocks = text.rstrip("\n").split("\n\n")
    assert blocks[0] == title.msgstr
    assert blocks[1] == date
    assert blocks[2 : 2 + len(translatable)] == [p.text for p in article.paragraphs]
    assert blocks[2 + len(translatable) :] == list(article.credits)
    assert "untranslated:" not in text and "fuzzy:" not in text
    # Every approved sentence of the catalog is in the article, in a paragraph of its own kind.
    for message in catalog.active:
        assert message.msgstr in text
