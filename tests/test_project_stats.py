"""Translation progress per article and language."""

from __future__ import annotations

from collections.abc import Callable

from sample_article import translate

from toolkit.config import Settings
from toolkit.corpus.articles import Article
from toolkit.gettext.model import Counts
from toolkit.project.extract import extract_templates
from toolkit.project.paths import catalog_path
from toolkit.project.stats import catalog_stats, total_counts
from toolkit.project.update import update_catalogs


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
