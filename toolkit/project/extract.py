"""Extract: an article's translatable segments become its template (``templates/<id>.pot``)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toolkit import __version__
from toolkit.config import Settings
from toolkit.corpus.articles import Article
from toolkit.corpus.segmentation import Segment
from toolkit.findings import display_path
from toolkit.gettext.model import CONTENT_TYPE, Catalog, Message, WriteStatus, timestamp
from toolkit.gettext.store import read_catalog_snapshot, save_catalog
from toolkit.project.paths import template_path

GENERATOR = f"kzru-toolkit {__version__}"


def project_id(settings: Settings) -> tuple[str, str]:
    """(Project-Id-Version, Report-Msgid-Bugs-To) from ``[project]``, else the folder name."""
    try:
        data: dict[str, Any] = tomllib.loads(
            (settings.root / "pyproject.toml").read_text(encoding="utf-8")
        )
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        data = {}
    project = data.get("project")
    if not isinstance(project, dict):
        return settings.root.name, ""
    name, version = project.get("name"), project.get("version")
    ident = name if isinstance(name, str) and name else settings.root.name
    if isinstance(version, str) and version:
        ident = f"{ident} {version}"
    bugs = ""
    urls = project.get("urls")
    if isinstance(urls, dict):
        for label, url in urls.items():
            if isinstance(url, str) and re.search(r"issue|bug", str(label), re.IGNORECASE):
                bugs = url
                break
    return ident, bugs


def segment_comment(segment: Segment) -> str:
    """The ``#.`` line naming a segment: ``p3.s2 (dateline)``."""
    return f"{segment.id} ({segment.kind.value})"


def template_header(settings: Settings, created: str) -> tuple[tuple[str, str], ...]:
    ident, bugs = project_id(settings)
    # PO-Revision-Date, Last-Translator and Language-Team are empty rather than xgettext's
    # placeholders, which `msgfmt --check-header` reports as unfilled defaults.
    return (
        ("Project-Id-Version", ident),
        ("Report-Msgid-Bugs-To", bugs),
        ("POT-Creation-Date", created),
        ("PO-Revision-Date", ""),
        ("Last-Translator", ""),
        ("Language-Team", ""),
        ("Language", ""),
        ("MIME-Version", "1.0"),
        ("Content-Type", CONTENT_TYPE),
        ("Content-Transfer-Encoding", "8bit"),
        ("Generated-By", GENERATOR),
    )


def build_template(article: Article, settings: Settings, *, created: str | None = None) -> Catalog:
    """The template of one article: one message per distinct translatable sentence.

    Segments kept out of translation are not in it (the caller reports them). A sentence
    that occurs twice is one message with both references and both segment ids.
    """
    order: list[str] = []
    refs: dict[str, list[str]] = {}
    notes: dict[str, list[str]] = {}
    for segment in article.segments:
        if not segment.translatable or not segment.text.strip():
            continue
        if segment.text not in refs:
            order.append(segment.text)
            refs[segment.text], notes[segment.text] = [], []
        reference = article.reference(segment, settings.root)
        if reference not in refs[segment.text]:
            refs[segment.text].append(reference)
        notes[segment.text].append(segment_comment(segment))
    messages = tuple(
        Message(msgid=text, extracted_comments=tuple(notes[text]), references=tuple(refs[text]))
        for text in order
    )
    return Catalog(
        header=template_header(settings, created or timestamp()),
        header_comment=(
            f"Corpus article {article.id}.",
            "Template written by `toolkit extract`; edit the corpus, not this file.",
        ),
        header_fuzzy=True,  # as xgettext does: a template's header is not filled in yet
        messages=messages,
    )


@dataclass(frozen=True)
class ExtractResult:
    article: str
    path: Path
    status: WriteStatus
    messages: int
    excluded: tuple[Segment, ...]  # segments kept out of translation, for the report

    def record(self, root: Path | None = None) -> dict[str, Any]:
        """The JSON shape of ``toolkit extract --format json``; paths relative to *root*."""
        return {
            "article": self.article,
            "path": display_path(self.path, root),
            "status": self.status,
            "messages": self.messages,
            "excluded": [
                {"id": s.id, "kind": str(s.kind), "reason": s.reason} for s in self.excluded
            ],
        }


def extract_templates(
    settings: Settings, articles: Sequence[Article], *, created: str | None = None
) -> list[ExtractResult]:
    """Write ``translations/templates/<article>.pot`` for each article."""
    results = []
    for article in articles:
        path = template_path(settings, article.id)
        read = read_catalog_snapshot(path, missing_ok=True)
        template = build_template(article, settings, created=created)
        results.append(
            ExtractResult(
                article=article.id,
                path=path,
                status=save_catalog(path, template, base=read),
                messages=len(template.messages),
                excluded=tuple(s for s in article.segments if not s.translatable),
            )
        )
    return results


# --- merge ---------------------------------------------------------------------------------
