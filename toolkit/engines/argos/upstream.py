"""argostranslate's own package management: its package folders, installing, the index.

The package folder is argostranslate's (``ARGOS_PACKAGES_DIR``, its ``settings.json``, or
``~/.local/share/argos-translate/packages``), so packages installed with ``argospm`` are seen
by the toolkit and the other way round. Everything here goes through argostranslate, imported
inside each function: importing argostranslate creates folders and reads its settings, which
``toolkit --help`` must not do. :mod:`toolkit.engines.argos.packages` builds on these calls.
"""

from __future__ import annotations

import logging
import shutil
import socket
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import EngineUnavailable

OFFLINE_HINT = (
    "offline? download the .argosmodel file on a connected machine "
    "(https://www.argosopentech.com/argospm/index/) and install it with "
    "`toolkit models add FILE.argosmodel`"
)


@dataclass(frozen=True)
class IndexEntry:
    """A package the Argos index offers for download."""

    source: str
    target: str
    version: str
    name: str  # argospm name, e.g. "translate-en_ru"


# --------------------------------------------------------------------------- package folders


def package_dirs() -> list[Path]:
    """Every folder argostranslate looks for packages in (ARGOS_PACKAGES_DIR first)."""
    from argostranslate import settings  # lazy: see the module docstring

    return [Path(folder) for folder in settings.package_dirs]


def install_dir() -> Path:
    """The folder argostranslate installs packages into."""
    from argostranslate import settings  # lazy: see the module docstring

    folder = Path(settings.package_data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def install_archive(path: Path) -> None:
    """argostranslate's own installation (it unzips into its package folder)."""
    from argostranslate import package  # lazy: see the module docstring

    package.install_from_path(path)


def uninstall(folder: Path) -> None:
    """Delete an installed package folder the way argostranslate's ``uninstall`` does.

    Not through ``uninstall`` itself: it imports argostranslate.translate (torch, Stanza and
    spaCy, seconds) only to clear a cache, which matters only where that module is loaded.
    """
    from argostranslate import package  # lazy: see the module docstring

    with package.package_lock:
        shutil.rmtree(folder)
    translate = sys.modules.get("argostranslate.translate")
    if translate is not None:
        translate.get_installed_languages.cache_clear()


# --------------------------------------------------------------------------- the Argos index


def fetch_index(timeout: float) -> list[IndexEntry]:
    """Refresh argostranslate's copy of the package index and list what it offers.

    argostranslate's ``update_package_index`` has no timeout and only logs its errors, so it
    runs here under a socket timeout and a deadline, its log is captured, and success is told
    by its local index file having been rewritten.
    """
    from argostranslate import package, settings  # lazy: see the module docstring

    index = Path(settings.local_package_index)
    before = _stamp(index)
    with _captured_log() as messages:
        _with_deadline(package.update_package_index, timeout)
    if _stamp(index) == before or not index.is_file():
        reason = f" ({messages[-1]})" if messages else ""
        raise EngineUnavailable(
            f"cannot reach the Argos package index at {settings.remote_package_index}{reason}",
            hint=OFFLINE_HINT,
        )
    try:
        available = package.get_available_packages()
    except (ValueError, OSError) as exc:
        raise EngineUnavailable(
            f"the Argos package index is unreadable: {exc}", path=index, hint=OFFLINE_HINT
        ) from exc
    return [
        IndexEntry(
            source=str(p.from_code or ""),
            target=str(p.to_code or ""),
            version=str(p.package_version or ""),
            name=package.argospm_package_name(p),
        )
        for p in available
        if getattr(p, "type", "translate") == "translate"
    ]


def download(entry: IndexEntry, timeout: float) -> Path:
    """Download *entry* into argostranslate's downloads folder; returns the file."""
    from argostranslate import package  # lazy: see the module docstring

    matches = [
        p
        for p in package.get_available_packages()
        if (p.from_code, p.to_code, str(p.package_version or ""))
        == (entry.source, entry.target, entry.version)
    ]
    if not matches:
        raise EngineUnavailable(f"{entry.name} {entry.version} left the Argos index")
    previous = socket.getdefaulttimeout()
    socket.setdefaulttimeout(timeout)  # per network operation: a stalled download fails
    try:
        with _captured_log() as messages:
            try:
                return Path(matches[0].download())
            except Exception as exc:  # argostranslate raises bare Exceptions
                reason = f" ({messages[-1]})" if messages else ""
                raise EngineUnavailable(
                    f"download of {entry.name} {entry.version} failed{reason}", hint=OFFLINE_HINT
                ) from exc
    finally:
        socket.setdefaulttimeout(previous)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


def _with_deadline(work: Callable[[], object], timeout: float) -> None:
    """Run *work* with a socket timeout; give up after the deadline even if it still hangs.

    Name resolution ignores socket timeouts, so the call runs in a daemon thread that is
    abandoned when the deadline passes instead of holding the command.
    """
    failure: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as exc:
            failure.append(exc)

    previous = socket.getdefaulttimeout()
    socket.setdefaulttimeout(timeout)
    try:
        thread = threading.Thread(target=run, name="toolkit-argos-index", daemon=True)
        thread.start()
        thread.join(timeout * 2 + 1)
    finally:
        socket.setdefaulttimeout(previous)
    if thread.is_alive():
        raise EngineUnavailable(
            f"the Argos package index did not answer within {timeout:g} s", hint=OFFLINE_HINT
        )
    if failure:
        raise EngineUnavailable(
            f"cannot update the Argos package index: {failure[0]}", hint=OFFLINE_HINT
        ) from failure[0]


@contextmanager
def _captured_log() -> Iterator[list[str]]:
    """Collect what argostranslate logs (its network errors) instead of printing it."""
    messages: list[str] = []
    logger = logging.getLogger("argostranslate.utils")
    handler = _ListHandler(messages)
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


class _ListHandler(logging.Handler):
    def __init__(self, messages: list[str]) -> None:
        super().__init__(logging.WARNING)
        self._messages = messages

    def emit(self, record: logging.LogRecord) -> None:
        # argostranslate logs str() of its argument tuple: "(URLError(...),)"
        text = record.getMessage()
        if text.startswith("(") and text.endswith(",)"):
            text = text[1:-2]
        self._messages.append(text)
