"""Saving catalogs: one atomic write, one rule for "the same except for its dates", and one
rule for every writer: a file is never overwritten with content built from a version of it the
writer did not read (:class:`ReadCatalog`, the ``base`` of :func:`save_catalog`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from toolkit.errors import CatalogError
from toolkit.fileio import Snapshot, file_lock, read_with_snapshot
from toolkit.gettext import pofile
from toolkit.gettext.model import DATE_FIELDS, Catalog, WriteStatus, timestamp
from toolkit.gettext.threeway import Resolver, merge3


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


@dataclass(frozen=True)
class ReadCatalog:
    """A catalog file as a writer read it: what it parsed and the snapshot of those bytes.

    The writer passes it to :func:`save_catalog` as ``base``: what it builds on."""

    path: Path
    catalog: Catalog | None  # None: there was no file
    snapshot: Snapshot

    @classmethod
    def absent(cls, path: Path) -> ReadCatalog:
        """A file the writer found missing: saving it creates it, or merges with one created
        meanwhile."""
        return cls(path, None, Snapshot.of(path, None))


def read_catalog_snapshot(path: Path, *, missing_ok: bool = False) -> ReadCatalog:
    """Read *path* once: the catalog and the snapshot of the very bytes it was parsed from.

    A missing file is an error unless *missing_ok* (then ``catalog`` is None)."""
    if not path.is_file() and not (missing_ok and not path.exists()):
        pofile.read_catalog(path)  # raises the error that names what is wrong
    try:
        data, snapshot = read_with_snapshot(path)
    except OSError as exc:
        raise CatalogError(f"cannot read: {exc.strerror or exc}", path=path) from exc
    if data is None and not missing_ok:
        pofile.read_catalog(path)  # gone since: the same error as above
    catalog = pofile.decode_catalog(data, path) if data is not None else None
    return ReadCatalog(path, catalog, snapshot)


def save_catalog(
    path: Path,
    catalog: Catalog,
    *,
    base: ReadCatalog | None = None,
    stamp: str | None = None,
    resolve: Resolver | None = None,
) -> WriteStatus:
    """Write *catalog* atomically unless the file already says the same.

    When the file differs only in its dates, the file's dates are kept, so that rerunning a
    command on unchanged input leaves every file byte-identical. When the content changed and
    *stamp* names a date field (``PO-Revision-Date``), that field is set to now.

    *base* is the file as the writer read it (every writer of an existing file passes it). The
    comparison and the write happen under the file's lock (:func:`toolkit.fileio.file_lock`),
    which every writer takes. When the file is no longer what was read, only the writer's own
    changes are applied to it as it is now (:func:`toolkit.gettext.threeway.merge3`); messages
    both changed differently are decided by *resolve*, or refused: a CatalogError, nothing
    written.
    """
    with file_lock(path):
        try:
            data, _ = read_with_snapshot(path)
        except OSError as exc:
            raise CatalogError(f"cannot read: {exc.strerror or exc}", path=path) from exc
        existing = pofile.decode_catalog(data, path) if data is not None else None
        if base is not None and not base.snapshot.matches(data):
            catalog = _rebase(path, base, catalog, existing, resolve)
        if existing is None or data is None:
            pofile.write_catalog(
                path, catalog if stamp is None else catalog.with_header(stamp, timestamp())
            )
            return "created"
        if pofile.dump_catalog(undated(existing)) == pofile.dump_catalog(undated(catalog)):
            catalog = dates_from(catalog, existing)
        elif stamp is not None:
            catalog = catalog.with_header(stamp, timestamp())
        if pofile.dump_catalog(catalog).encode("utf-8") == data:
            return "unchanged"
        pofile.write_catalog(path, catalog)
        return "updated"


def _rebase(
    path: Path,
    base: ReadCatalog,
    ours: Catalog,
    theirs: Catalog | None,
    resolve: Resolver | None,
) -> Catalog:
    """*ours*' changes from *base*, applied to the file as it is now (*theirs*)."""
    if theirs is None:
        raise CatalogError(
            "was removed since it was read; nothing written",
            path=path,
            hint="restore the file (e.g. from version control), or rerun the command",
        )
    merged = merge3(base.catalog or Catalog(), ours, theirs, resolve)
    if merged.conflicts:
        count = len(merged.conflicts)
        shown = "; ".join(c.label() for c in merged.conflicts[:3])
        more = f" and {count - 3} more" if count > 3 else ""
        raise CatalogError(
            f"changed on disk since it was read: {count} "
            f"entr{'y' if count == 1 else 'ies'} edited by both ({shown}{more}); nothing written",
            path=path,
            hint="rerun the command: it reads the file as it is now",
        )
    return merged.catalog
