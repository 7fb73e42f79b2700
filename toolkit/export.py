"""Exporting finished articles: each corpus article reassembled in a target language.

An article is rebuilt from its segmentation in the corpus (:attr:`Article.segments`), so it
has the source's paragraphs in the source's order: the translations of a paragraph's segments
are joined with single spaces, as the segmenter's slices of the paragraph are. The title is the
translation of the ``title`` segment, the date the article's date written for the language by
Babel (CLDR's long format: ``4 июля 2022 г.``, ``2022 ж. 4 шілде``). Numbers are the
translators' (the ``numbers`` check holds them to the source).

Segments kept out of translation by the segmenter:

- photo credits and bare web addresses (``Photo: primeminister.kz``) are attribution: they are
  kept as in the source, after the text, as the article's credits;
- site navigation (``Предыдущая новость Следующая новость``) is part of the web page, not of
  the article: it is dropped;
- text not in the source language is kept as it is, in its place (it may be a name or a quote
  in its own script; ``toolkit check`` warns about it on the template side).

Only approved translations are published: a fuzzy or untranslated segment makes the export
refuse with the list of them (:class:`ExportRefused`), before any file is written. With
``allow_partial`` such segments are marked instead: ``[fuzzy: <suggestion>]``,
``[untranslated: <source>]``.

Formats: plain text, Markdown, and self-contained HTML (inline CSS, no scripts, no network);
``bilingual`` HTML puts the source and the translation side by side, paragraph by paragraph,
for readers of both languages. Files go to ``build/export/<lang>/<article>.<ext>`` (the
bilingual page to ``<article>.bilingual.html``) and are written atomically.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from html import escape
from pathlib import Path
from typing import Any, Literal

from toolkit.config import Settings
from toolkit.corpus.articles import Article, select_articles
from toolkit.corpus.segmentation import SegmentKind
from toolkit.errors import CatalogError
from toolkit.fileio import write_text_atomic
from toolkit.findings import Location, display_path
from toolkit.gettext import pofile
from toolkit.gettext.model import Catalog, WriteStatus
from toolkit.locales import format_date, language_name
from toolkit.project.paths import catalog_path, target_languages

__all__ = [
    "ExportFormat",
    "ExportRefused",
    "ExportResult",
    "Gap",
    "Paragraph",
    "Piece",
    "TranslatedArticle",
    "assemble_article",
    "export_articles",
    "export_path",
    "plan_export",
    "render_article",
]

GapState = Literal["fuzzy", "untranslated", "missing"]

# The reason the segmenter gives for site navigation (toolkit.corpus.segmentation.classify).
NAVIGATION = "site navigation"
EXCERPT = 60


class ExportFormat(StrEnum):
    TXT = "txt"
    MD = "md"
    HTML = "html"


@dataclass(frozen=True)
class Piece:
    """One segment of the article in the target language."""

    segment: str  # "title", "p3.s2"
    source: str
    text: str  # the translation; the source text for a segment kept as it is
    gap: GapState | None = None  # why there is no approved translation
    kept: bool = False  # not translated on purpose (text not in the source language)

    def rendered(self) -> str:
        """The text as published, with a marker where the translation is not approved."""
        if self.gap == "fuzzy":
            return f"[fuzzy: {self.text}]"
        if self.gap is not None:
            return f"[untranslated: {self.source}]"
        return self.text


@dataclass(frozen=True)
class Gap:
    """A segment without an approved translation."""

    article: str
    segment: str
    state: GapState
    source: str
    location: Location  # translations/ru/<article>.po:40, or the catalog for a missing entry

    def format(self) -> str:
        what = {
            "fuzzy": "fuzzy (not approved)",
            "untranslated": "untranslated",
            "missing": "not in the catalog (run `toolkit catalog update`)",
        }[self.state]
        flat = " ".join(self.source.split())
        shown = flat if len(flat) <= EXCERPT else flat[: EXCERPT - 1] + "…"
        return f"{self.location}: {self.segment}: {what}: {shown}"


@dataclass(frozen=True)
class Paragraph:
    number: int  # the source paragraph's number
    pieces: tuple[Piece, ...]

    @property
    def source(self) -> str:
        return " ".join(p.source for p in self.pieces)

    @property
    def text(self) -> str:
        return " ".join(p.rendered() for p in self.pieces)


@dataclass(frozen=True)
class TranslatedArticle:
    id: str
    language: str
    source_language: str
    title: Piece
    date: dt.date | None
    paragraphs: tuple[Paragraph, ...]
    credits: tuple[str, ...]  # photo credits and addresses, as in the source
    gaps: tuple[Gap, ...]

    @property
    def date_text(self) -> str | None:
        return format_date(self.date, self.language) if self.date else None

    @property
    def source_date_text(self) -> str | None:
        return format_date(self.date, self.source_language) if self.date else None


@dataclass(frozen=True)
class ExportResult:
    article: str
    language: str
    path: Path
    status: WriteStatus
    paragraphs: int
    gaps: int  # segments marked as not approved (with allow_partial)

    def record(self, root: Path | None = None) -> dict[str, Any]:
        """The JSON shape of ``toolkit export --format json``."""
        return {
            "article": self.article,
            "language": self.language,
            "path": display_path(self.path, root),
            "status": self.status,
            "paragraphs": self.paragraphs,
            "gaps": self.gaps,
        }


class ExportRefused(CatalogError):
    """Some segments have no approved translation; nothing was exported."""

    def __init__(self, gaps: Sequence[Gap]) -> None:
        articles = len({(g.article, g.location.path) for g in gaps})
        super().__init__(
            f"{len(gaps)} segment(s) of {articles} article(s) have no approved translation; "
            "nothing exported",
            hint="translate and approve them (toolkit review --interactive, toolkit approve), "
            "or pass --allow-partial to export them marked",
        )
        self.gaps = tuple(gaps)


# --- assembling ------------------------------------------------------------------------------


def assemble_article(
    article: Article, catalog: Catalog, language: str, *, shown: str = ""
) -> TranslatedArticle:
    """*article* in *language* from its catalog (*shown*: the catalog's path for messages)."""
    gaps: list[Gap] = []
    title: Piece | None = None
    paragraphs: dict[int, list[Piece]] = {}
    credits: list[str] = []

    def add(segment_id: str, source: str) -> Piece:
        message = catalog.find(source)
        if message is None:
            gaps.append(Gap(article.id, segment_id, "missing", source, Location(shown)))
            return Piece(segment_id, source, "", "missing")
        if message.translated:
            return Piece(segment_id, source, message.translations[0])
        location = Location(shown, message.lineno)
        if message.fuzzy and message.has_translation:
            piece = Piece(segment_id, source, message.translations[0], "fuzzy")
        else:
            piece = Piece(segment_id, source, "", "untranslated")
        gaps.append(Gap(article.id, segment_id, piece.gap or "untranslated", source, location))
        return piece

    for segment in article.segments:
        if segment.kind is SegmentKind.TITLE:
            title = add(segment.id, segment.text)
        elif segment.kind is SegmentKind.FOREIGN:
            piece = Piece(segment.id, segment.text, segment.text, kept=True)
            paragraphs.setdefault(segment.paragraph, []).append(piece)
        elif segment.kind is SegmentKind.BOILERPLATE:
            if segment.reason != NAVIGATION:
                credits.append(segment.text)
        elif segment.text.strip():
            paragraphs.setdefault(segment.paragraph, []).append(add(segment.id, segment.text))
    if title is None:  # an article always has a title segment; this keeps the type honest
        title = Piece("title", article.meta.title, "", "untranslated")
    return TranslatedArticle(
        id=article.id,
        language=language,
        source_language=article.meta.language,
        title=title,
        date=article.meta.date,
        paragraphs=tuple(Paragraph(n, tuple(p)) for n, p in sorted(paragraphs.items())),
        credits=tuple(credits),
        gaps=tuple(gaps),
    )


def plan_export(
    settings: Settings, language: str, article_ids: Sequence[str] = ()
) -> list[TranslatedArticle]:
    """Every article (or *article_ids*) assembled in *language*; writes nothing."""
    code = settings.require_target(language)
    articles = select_articles(settings, article_ids)
    assembled = []
    for article in articles:
        path = catalog_path(settings, code, article.id)
        if not path.is_file():
            raise CatalogError(
                f"no {code} catalog for article {article.id!r}",
                path=path,
                hint=f"run `toolkit extract {article.id}` and "
                f"`toolkit catalog update --lang {code} {article.id}`, then translate it",
            )
        catalog = pofile.read_catalog(path)
        assembled.append(
            assemble_article(article, catalog, code, shown=display_path(path, settings.root))
        )
    return assembled


# --- rendering -------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")


def _md(text: str) -> str:
    escaped = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", escaped)


def render_txt(article: TranslatedArticle) -> str:
    blocks = [article.title.rendered()]
    if article.date_text:
        blocks.append(article.date_text)
    blocks.extend(p.text for p in article.paragraphs)
    blocks.extend(article.credits)
    return "\n\n".join(blocks) + "\n"


def render_md(article: TranslatedArticle) -> str:
    blocks = [f"# {_md(article.title.rendered())}"]
    if article.date_text:
        blocks.append(f"*{_md(article.date_text)}*")
    blocks.extend(_md(p.text) for p in article.paragraphs)
    if article.credits:
        blocks.append("---")
        blocks.extend(f"*{_md(credit)}*" for credit in article.credits)
    return "\n\n".join(blocks) + "\n"


PAGE_CSS = """
* { box-sizing: border-box; }
body { margin: 0; font: 18px/1.6 Georgia, "Times New Roman", serif; color: #1f2328;
  background: #fff; }
main { max-width: 44rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
main.bilingual { max-width: 72rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 .5rem; }
.date { color: #57606a; margin: 0 0 1.5rem; font-size: .95rem; }
.gap { background: #fff3bf; }
footer { margin-top: 2rem; border-top: 1px solid #d0d7de; color: #57606a; font-size: .9rem; }
.pairs { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 0 2rem; }
.pairs > .head { font: 600 .8rem/1.4 system-ui, sans-serif; color: #57606a;
  text-transform: uppercase; letter-spacing: .04em; border-bottom: 1px solid #d0d7de;
  padding-bottom: .25rem; margin-bottom: .75rem; }
.pairs > .src { color: #57606a; }
.pairs p, .pairs h1 { margin-top: 0; }
.pairs .title { font-size: 1.3rem; line-height: 1.3; font-weight: 600; }
@media (max-width: 600px) {
  body { font-size: 17px; }
  .pairs { grid-template-columns: minmax(0, 1fr); }
  .pairs > .head { display: none; }
  .pairs > .src { font-size: .9rem; margin-bottom: .25rem; }
  .pairs > .src p { margin-bottom: .25rem; }
}
"""


def _html_piece(piece: Piece, language: str, source_language: str) -> str:
    if piece.gap is None and not piece.kept:
        return escape(piece.text)
    if piece.kept:
        return escape(piece.text)
    lang = language if piece.gap == "fuzzy" else source_language
    return f'<span class="gap" lang="{lang}">{escape(piece.rendered())}</span>'


def _html_paragraph(paragraph: Paragraph, article: TranslatedArticle) -> str:
    return " ".join(
        _html_piece(p, article.language, article.source_language) for p in paragraph.pieces
    )


def _page(language: str, title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{PAGE_CSS}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def _time(article: TranslatedArticle, text: str | None) -> str:
    if article.date is None or text is None:
        return ""
    return f'<p class="date"><time datetime="{article.date.isoformat()}">{escape(text)}</time></p>'


def render_html(article: TranslatedArticle) -> str:
    lang = article.language
    title = _html_piece(article.title, lang, article.source_language)
    paragraphs = "\n".join(f"<p>{_html_paragraph(p, article)}</p>" for p in article.paragraphs)
    credits = "".join(
        f'<p lang="{article.source_language}">{escape(c)}</p>' for c in article.credits
    )
    footer = f"\n<footer>{credits}</footer>" if credits else ""
    body = (
        f'<main><article id="{escape(article.id)}">\n<h1>{title}</h1>\n'
        f"{_time(article, article.date_text)}\n{paragraphs}{footer}\n</article></main>"
    )
    return _page(lang, article.title.rendered(), body)


def render_bilingual(article: TranslatedArticle) -> str:
    src, tgt = article.source_language, article.language
    rows = [
        f'<div class="head" lang="{src}">{escape(language_name(src, src))}</div>'
        f'<div class="head" lang="{tgt}">{escape(language_name(tgt, tgt))}</div>',
        f'<div class="src" lang="{src}"><p class="title">{escape(article.title.source)}</p>'
        f"{_time(article, article.source_date_text)}</div>"
        f'<div class="tgt" lang="{tgt}"><h1>{_html_piece(article.title, tgt, src)}</h1>'
        f"{_time(article, article.date_text)}</div>",
    ]
    for paragraph in article.paragraphs:
        rows.append(
            f'<div class="src" lang="{src}" data-paragraph="{paragraph.number}">'
            f"<p>{escape(paragraph.source)}</p></div>"
            f'<div class="tgt" lang="{tgt}" data-paragraph="{paragraph.number}">'
            f"<p>{_html_paragraph(paragraph, article)}</p></div>"
        )
    credits = "".join(f'<p lang="{src}">{escape(c)}</p>' for c in article.credits)
    footer = f"\n<footer>{credits}</footer>" if credits else ""
    body = (
        f'<main class="bilingual"><article id="{escape(article.id)}">\n'
        f'<div class="pairs">\n' + "\n".join(rows) + f"\n</div>{footer}\n</article></main>"
    )
    return _page(tgt, article.title.rendered(), body)


def render_article(
    article: TranslatedArticle, fmt: ExportFormat = ExportFormat.TXT, *, bilingual: bool = False
) -> str:
    if bilingual:
        if fmt is not ExportFormat.HTML:
            raise ValueError("a bilingual export is HTML")
        return render_bilingual(article)
    if fmt is ExportFormat.MD:
        return render_md(article)
    if fmt is ExportFormat.HTML:
        return render_html(article)
    return render_txt(article)


# --- writing ---------------------------------------------------------------------------------


def export_path(
    out_dir: Path, language: str, article_id: str, fmt: ExportFormat, *, bilingual: bool = False
) -> Path:
    suffix = f".bilingual.{fmt.value}" if bilingual else f".{fmt.value}"
    return out_dir / language / f"{article_id}{suffix}"


def export_articles(
    settings: Settings,
    languages: Sequence[str] | None = None,
    article_ids: Sequence[str] = (),
    *,
    fmt: ExportFormat = ExportFormat.TXT,
    out_dir: Path | None = None,
    bilingual: bool = False,
    allow_partial: bool = False,
) -> list[ExportResult]:
    """Export the articles in each language (default: all target languages).

    Every article of every language is assembled first: without *allow_partial*, any segment
    without an approved translation raises :class:`ExportRefused` and nothing is written.
    """
    if bilingual and fmt is not ExportFormat.HTML:
        raise ValueError("a bilingual export is HTML")
    out = out_dir if out_dir is not None else settings.build_path / "export"
    planned = [
        article
        for language in target_languages(settings, languages)
        for article in plan_export(settings, language, article_ids)
    ]
    gaps = [gap for article in planned for gap in article.gaps]
    if gaps and not allow_partial:
        raise ExportRefused(gaps)
    results = []
    for article in planned:
        path = export_path(out, article.language, article.id, fmt, bilingual=bilingual)
        text = render_article(article, fmt, bilingual=bilingual)
        if path.is_file() and path.read_bytes() == text.encode("utf-8"):
            status: WriteStatus = "unchanged"
        else:
            status = "updated" if path.exists() else "created"
            write_text_atomic(path, text)
        results.append(
            ExportResult(
                article=article.id,
                language=article.language,
                path=path,
                status=status,
                paragraphs=len(article.paragraphs),
                gaps=len(article.gaps),
            )
        )
    return results
