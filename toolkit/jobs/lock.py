"""The job lock: one translate job per project at a time.

Two jobs on one project would each write catalogs the other read a moment before, so a job
holds ``build/.translate.lock`` (an advisory ``flock``, released by the kernel when the
process ends, however it ends). The file names the holder's pid for the message a second job
prints; a lock left by a dead process is not held by anyone and is taken over.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from toolkit.config import Settings
from toolkit.errors import CatalogError, JobBusy

LOCK_NAME = ".translate.lock"


@dataclass(frozen=True)
class LockHolder:
    pid: int | None
    host: str
    since: str

    def describe(self) -> str:
        who = f"pid {self.pid}" if self.pid is not None else "an unknown process"
        if self.host and self.host != socket.gethostname():
            who += f" on {self.host}"
        return f"{who}, started {self.since}" if self.since else who


def lock_path(settings: Settings) -> Path:
    return settings.build_path / LOCK_NAME


def read_holder(path: Path) -> LockHolder | None:
    """Who the lock file says holds it ("pid host time"); None for an empty file."""
    try:
        words = path.read_text(encoding="utf-8").split()
    except (OSError, UnicodeDecodeError):
        return None
    if not words:
        return None
    pid = int(words[0]) if words[0].isdigit() else None
    host = words[1] if len(words) > 1 else ""
    return LockHolder(pid, host, " ".join(words[2:]))


@contextmanager
def job_lock(
    settings: Settings,
    wait: float = 0.0,
    *,
    poll: float = 0.1,
    on_wait: Callable[[LockHolder | None], None] | None = None,
) -> Iterator[LockHolder | None]:
    """Hold the project's translate lock; wait up to *wait* seconds for another job.

    Yields the previous holder when the lock was left behind by a process that died (taken
    over), None otherwise. Raises :class:`JobBusy` when the lock is still held after *wait*.
    """
    path = lock_path(settings)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise CatalogError(
            f"cannot create the job lock: {exc.strerror}",
            path=path,
            hint="check that the build folder is writable",
        ) from exc
    try:
        deadline = time.monotonic() + max(wait, 0.0)
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = read_holder(path)
                if time.monotonic() >= deadline:
                    who = holder.describe() if holder else "another process"
                    waited = f"after waiting {wait:g} s" if wait > 0 else "at once"
                    raise JobBusy(
                        f"another translate job is running on this project ({who}); "
                        f"gave up {waited}",
                        path=path,
                        hint="let it finish, or pass --wait SECONDS to wait for it",
                    ) from None
                if on_wait is not None and not told:
                    on_wait(holder)
                    told = True
                time.sleep(poll)
        # Released locks are emptied, so a pid still in the file is one that died holding it.
        stale = read_holder(path)
        since = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {socket.gethostname()} {since}\n".encode(), 0)
        try:
            yield stale
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
