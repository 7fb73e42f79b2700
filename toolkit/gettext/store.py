"""Saving catalogs: one atomic write, and one rule for "the same except for its dates"."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from toolkit.gettext import pofile
from toolkit.gettext.model import DATE_FIELDS, Catalog, WriteStatus, timestamp


def undated(catalog: Catalog) -> Catalog:
    """*catalog* with its date fields emptied: what "the same content" compares."""
    return replace(
        catalog, header=tuple((k, "" if k in DATE_FIELDS else v) for k, v in catalog.header)
    )


def same_content(old: Catalog, new: Catalog) -> bool:
    """True when the two catalogs differ in nothing but their date fields."""
    return old == new or undated(old) == undated(new)


def dates_from(catalog: Catalog, source: Catalog) -> Catalog:
    """*catalog* with the date fields of *source* (where both have the field)."""
    for name in DATE_FIELDS:
        value = source.header_value(name)
        if value is not None and catalog.header_value(name) is not None:
            catalog = catalog.with_header(name, value)
    return catalog


def save_catalog(path: Path, catalog: Catalog, *, stamp: str | None = None) -> WriteStatus:
    """Write *catalog* atomically unless the file already says the same.

    When the file differs only in its dates, the file's dates are kept, so that rerunning a
    command on unchanged input leaves every file byte-identical. When the content changed and
    *stamp* names a date field (``PO-Revision-Date``), that field is set to now.
    """
    if not path.exists():
        pofile.write_catalog(
            path, catalog if stamp is None else catalog.with_header(stamp, timestamp())
        )
        return "created"
    existing = pofile.read_catalog(path)
    if pofile.dump_catalog(undated(existing)) == pofile.dump_catalog(undated(catalog)):
        catalog = dates_from(catalog, existing)
    elif stamp is not None:
        catalog = catalog.with_header(stamp, timestamp())
    text = pofile.dump_catalog(catalog)
    if text.encode("utf-8") == path.read_bytes():
        return "unchanged"
    pofile.write_catalog(path, catalog)
    return "updated"


# --- paths ---------------------------------------------------------------------------------
