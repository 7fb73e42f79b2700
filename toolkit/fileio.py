"""Atomic file writes: a temporary file in the same folder, fsync, then rename.

An interrupted command therefore leaves either the previous complete file or the new complete
file, never half of one. Writers that build a file from what they read take the file's
advisory lock (:func:`file_lock`) around comparing it with their :class:`Snapshot` and
replacing it, so that no two of them interleave their check and their rename.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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


# --- what a writer read, and the lock all writers of a file share ----------------------------


@dataclass(frozen=True)
class Snapshot:
    """A file as a writer read it: its size, modification time and SHA-256 (all of it, so
    that a change within the same second, or of the same size, is still seen)."""

    path: Path
    size: int  # -1: there was no file
    mtime_ns: int
    sha256: str  # "": there was no file

    @property
    def exists(self) -> bool:
        return self.size >= 0

    @classmethod
    def of(cls, path: Path, data: bytes | None, mtime_ns: int = 0) -> Snapshot:
        """The snapshot of *data* (None: no file) read from *path*."""
        if data is None:
            return cls(path, -1, 0, "")
        return cls(path, len(data), mtime_ns, hashlib.sha256(data).hexdigest())

    def matches(self, data: bytes | None) -> bool:
        """True when *data* (the file now; None: no file) is what was read."""
        if data is None:
            return not self.exists
        return len(data) == self.size and hashlib.sha256(data).hexdigest() == self.sha256


def read_with_snapshot(path: Path) -> tuple[bytes | None, Snapshot]:
    """The bytes of *path* (None when there is no file) and their snapshot, from one read."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
            mtime_ns = os.fstat(fh.fileno()).st_mtime_ns
    except FileNotFoundError:
        return None, Snapshot.of(path, None)
    return data, Snapshot.of(path, data, mtime_ns)


def lock_file(path: Path) -> Path:
    """The sidecar lock of *path*: ``.<name>.lock`` beside the file (beside the target of a
    symlink, so that every name of one file shares one lock)."""
    real = Path(os.path.realpath(path))
    return real.parent / f".{real.name}.lock"


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Hold the advisory lock every toolkit writer of *path* takes around its check and its
    write: ``flock`` on :func:`lock_file`, waiting for the holder; the kernel releases it when
    the holder's process dies.

    The lock file exists only while someone holds it: the holder removes it before releasing,
    and a waiter that then gets the lock of the removed file tries again on a new one, so two
    writers never hold the lock of one path at once.
    """
    sidecar = lock_file(path)
    sidecar.parent.mkdir(parents=True, exist_ok=True)
    while True:
        try:
            fd = os.open(sidecar, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            # The lock is ours, the file is the user's: name the file they asked to write.
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            held = os.fstat(fd)
            try:
                current = os.stat(sidecar)
            except FileNotFoundError:
                current = None
        except BaseException:
            os.close(fd)
            raise
        if current is not None and (current.st_dev, current.st_ino) == (
            held.st_dev,
            held.st_ino,
        ):
            break
        os.close(fd)  # the holder removed this one: lock the file that is there now
    try:
        yield
    finally:
        try:
            sidecar.unlink(missing_ok=True)
        finally:
            os.close(fd)
