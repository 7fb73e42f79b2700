"""The corpus format as the judge of committed articles: shipped ones and the tiny project's."""

from __future__ import annotations

import re

from toolkit.corpus.articles import Article
from toolkit.corpus.segmentation import SegmentKind, iter_paragraphs


def assert_segments_rebuild_every_paragraph(article: Article) -> None:
    """The article's text is one paragraph per line, and its segments rebuild each of them."""
    body = article.text_path.read_text(encoding="utf-8")
    assert body.endswith("\n") and not body.endswith("\n\n")
    assert re.fullmatch(r"(?:[^\n]+\n\n)*[^\n]+\n", body), "one paragraph per line, blank between"
    paragraphs = list(iter_paragraphs(body))
    segments = [s for s in article.segments if s.kind is not SegmentKind.TITLE]
    for number, (line, text) in enumerate(paragraphs, start=1):
        own = [s for s in segments if s.paragraph == number]
        assert own, f"paragraph {number} has no segments"
        assert {s.line for s in own} == {line}
        assert re.sub(r"\s+", "", "".join(s.text for s in own)) == re.sub(r"\s+", "", text)
    assert len({s.id for s in article.segments}) == len(article.segments)
    assert all(s.reason for s in article.segments if not s.translatable)
    assert all(s.reason is None for s in article.segments if s.translatable)
    text_segments = [s for s in segments if s.kind is SegmentKind.TEXT]
    assert all(re.search(r"[.!?…][»”’\"]?$", s.text) for s in text_segments)
