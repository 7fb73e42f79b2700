"""Saving catalogs: one save, stamped only when the content really changed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sample_article import DAY2

from toolkit.errors import CatalogError
from toolkit.fileio import lock_file
from toolkit.gettext.model import Catalog, Message
from toolkit.gettext.pofile import read_catalog
from toolkit.gettext.store import ReadCatalog, read_catalog_snapshot, save_catalog


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


# --- saving against what was read ------------------------------------------------------------

RU = Catalog(
    header=(("Language", "ru"),),
    messages=(Message("One.", "Один.", flags=("fuzzy",)), Message("Two.", "")),
)


def test_a_save_against_the_file_as_read_writes_as_before(tmp_path: Path) -> None:
    path = tmp_path / "ru.po"
    assert save_catalog(path, RU, base=ReadCatalog.absent(path)) == "created"
    read = read_catalog_snapshot(path)
    assert read.catalog == RU and read.snapshot.size == path.stat().st_size
    changed = RU.with_message(Message("One.", "Один."))
    assert save_catalog(path, changed, base=read) == "updated"
    assert read_catalog(path) == changed
    assert save_catalog(path, changed, base=read_catalog_snapshot(path)) == "unchanged"


def test_a_change_on_disk_since_the_read_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "ru.po"
    save_catalog(path, RU)
    read = read_catalog_snapshot(path)
    assert read.catalog is not None
    # Someone fills "Two." by hand; the writer approves "One." from what it read.
    text = path.read_text(encoding="utf-8").replace('"Two."\nmsgstr ""', '"Two."\nmsgstr "Два."')
    path.write_text(text, encoding="utf-8")
    ours = read.catalog.with_message(Message("One.", "Один."))
    assert save_catalog(path, ours, base=read) == "updated"
    after = read_catalog(path)
    assert after.find("One.") == Message("One.", "Один.")
    assert after.find("Two.") == Message("Two.", "Два.")


def test_the_same_entry_changed_on_both_sides_is_refused_and_nothing_written(
    tmp_path: Path,
) -> None:
    path = tmp_path / "ru.po"
    save_catalog(path, RU)
    read = read_catalog_snapshot(path)
    assert read.catalog is not None
    path.write_text(path.read_text(encoding="utf-8").replace("Один.", "Раз."), encoding="utf-8")
    edited = path.read_bytes()
    with pytest.raises(CatalogError) as refused:
        save_catalog(path, read.catalog.with_message(Message("One.", "Один.")), base=read)
    message = str(refused.value)
    assert "changed on disk since it was read: 1 entry edited by both" in message
    assert "'One.'" in message and "nothing written" in message and "rerun" in message
    assert path.read_bytes() == edited


def test_a_file_removed_since_the_read_is_not_recreated(tmp_path: Path) -> None:
    path = tmp_path / "ru.po"
    save_catalog(path, RU)
    read = read_catalog_snapshot(path)
    path.unlink()
    with pytest.raises(CatalogError, match="removed since it was read"):
        save_catalog(path, RU, base=read)
    assert not path.exists()


def test_a_file_created_since_the_writer_found_none_is_merged(tmp_path: Path) -> None:
    path = tmp_path / "ru.po"
    base = ReadCatalog.absent(path)
    save_catalog(path, RU.with_messages((Message("Three.", "Три."),)))
    assert save_catalog(path, RU, base=base) == "updated"
    # Theirs first in their file, so first here: ours keep their order after it.
    assert [m.msgid for m in read_catalog(path).messages] == ["Three.", "One.", "Two."]


def test_a_guarded_save_through_a_symlink_writes_the_target(tmp_path: Path) -> None:
    target = tmp_path / "real" / "ru.po"
    save_catalog(target, RU)
    link = tmp_path / "ru.po"
    link.symlink_to(target)
    read = read_catalog_snapshot(link)
    assert read.catalog is not None
    save_catalog(link, read.catalog.with_message(Message("Two.", "Два.")), base=read)
    assert link.is_symlink()
    found = read_catalog(target).find("Two.")
    assert found is not None and found.msgstr == "Два."
    assert lock_file(link) == lock_file(target)
    assert not list(tmp_path.rglob(".*.lock"))  # the lock file lives only while held
