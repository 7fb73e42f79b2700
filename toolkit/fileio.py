"""Atomic file writes: a temporary file in the same folder, fsync, then rename.

An interrupted command therefore leaves either the previous complete file or the new complete
file, never half of one.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Replace *path* with *data* in one step; a symlink is followed, so the link stays a link
    and its target gets the new content."""
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    # The name is chosen before the file exists, so that a signal arriving at any point after
    # it is created (even before open() returns) still finds the name to clean up.
    tmp = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        _discard(tmp)
        if exc.filename is None or os.fsdecode(exc.filename) == str(tmp):
            # A failed write() names no file and open() the temporary one: name the file the
            # caller asked for, which is what a user can look for.
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise
    except BaseException:
        _discard(tmp)
        raise


def _discard(tmp: Path) -> None:
    # On a read-only file system even removing a file that was never created fails (EROFS);
    # the error that matters is the one that brought us here.
    with contextlib.suppress(OSError):
        tmp.unlink(missing_ok=True)


def write_text_atomic(path: Path, text: str) -> None:
    write_atomic(path, text.encode("utf-8"))
