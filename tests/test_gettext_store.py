"""Saving catalogs: one save, stamped only when the content really changed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sample_article import DAY2

from toolkit.gettext.model import Catalog, Message
from toolkit.gettext.pofile import read_catalog
from toolkit.gettext.store import save_catalog


def test_save_catalog_stamps_only_real_changes(
    tmp_path: Path, epoch: Callable[[str], None]
) -> None:
    path = tmp_path / "glossary" / "ru.po"
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
