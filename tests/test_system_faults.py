"""System faults end in one line and exit 2, never a traceback; the old files stay as they were.

The faults are real: a small tmpfs mounted over a project folder and filled to the last byte
(ENOSPC), or remounted read-only (EROFS); the open-file limit lowered in a child process
(EMFILE). Mounting needs the right to mount (root in this container, or CAP_SYS_ADMIN); where
it is missing, the tests that need it are skipped with the reason. Running as root, chmod
would not block a write, so permissions are not how these tests make a folder unwritable.
Commands run as real processes, as a user runs them.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from toolkit.errors import SYSTEM_FAULTS, SystemFault

RUN_CLI = "import sys; from toolkit.cli import main; sys.argv[0] = 'toolkit'; main()"
ARTICLE = "2024-02-04-almaty-talks"


def toolkit(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", RUN_CLI, "--project", str(root), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under *folder* (relative path -> sha256)."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _mount(*args: str) -> subprocess.CompletedProcess[str]:
    if shutil.which("mount") is None:
        pytest.skip("no mount command here")
    return subprocess.run(["mount", *args], capture_output=True, text=True, check=False)


@contextmanager
def tmpfs(folder: Path, *, full: bool = False, read_only: bool = False) -> Iterator[Path]:
    """*folder* on a 1 MiB tmpfs of its own, holding what it held; filled up or read-only."""
    kept = folder.with_name(folder.name + ".kept")
    folder.rename(kept)
    folder.mkdir()
    done = _mount("-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder))
    if done.returncode != 0:
        folder.rmdir()
        kept.rename(folder)
        pytest.skip(f"may not mount a tmpfs here: {done.stderr.strip()}")
    try:
        shutil.copytree(kept, folder, dirs_exist_ok=True)
        if full:
            fill(folder)
        if read_only:
            remounted = _mount("-o", "remount,ro", str(folder))
            assert remounted.returncode == 0, remounted.stderr
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)
        folder.rmdir()
        kept.rename(folder)


def fill(folder: Path) -> None:
    """Write zeros into *folder* until the file system says it is full."""
    for name, chunk in ((".filler", 4096), (".filler-tail", 1)):
        fd = os.open(folder / name, os.O_WRONLY | os.O_CREAT, 0o644)
        try:
            while True:
                os.write(fd, b"\0" * chunk)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
        finally:
            os.close(fd)


def assert_one_line(done: subprocess.CompletedProcess[str], path: Path, what: str) -> None:
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"error: {path}"), lines[0]
    assert what in lines[0], lines[0]


FULL = "no space left on the device (free some space and run it again)"
READ_ONLY = "read-only file system (choose a writable folder"


def make_fuzzy(catalog: Path, msgid_line: str) -> None:
    text = catalog.read_text(encoding="utf-8")
    assert msgid_line in text
    catalog.write_text(text.replace(msgid_line, "#, fuzzy\n" + msgid_line, 1), encoding="utf-8")


# --- writing into a full disk ---------------------------------------------------------------


def test_compile_into_a_full_disk(tiny_project: Path) -> None:
    assert toolkit(tiny_project, "compile").returncode == 0
    build = tiny_project / "build"
    # A changed translation, so that compile has a new .mo to write.
    catalog = tiny_project / "translations" / "ru" / f"{ARTICLE}.po"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace("Стороны обсудили", "Стороны обсуждали"), encoding="utf-8")
    with tmpfs(build, full=True):
        before = snapshot(build)
        done = toolkit(tiny_project, "compile")
        assert snapshot(build) == before
    mo = next(path for path in build.rglob(f"{ARTICLE}.mo") if "ru" in path.parts)
    assert_one_line(done, mo, FULL)


def test_translate_into_a_full_disk(tiny_project: Path) -> None:
    # A second copy of an article: the job has a new catalog to write from memory.
    corpus = tiny_project / "corpus"
    shutil.copy(corpus / f"{ARTICLE}.txt", corpus / "2099-01-01-copy.txt")
    meta = json.loads((corpus / f"{ARTICLE}.json").read_text(encoding="utf-8"))
    (corpus / "2099-01-01-copy.json").write_text(json.dumps({**meta, "id": "2099-01-01-copy"}))
    translations = tiny_project / "translations"
    with tmpfs(translations, full=True):
        before = snapshot(translations)
        done = toolkit(tiny_project, "translate", "--engine", "memory")
        assert snapshot(translations) == before
    assert done.returncode == 2
    assert "2099-01-01-copy.pot" in done.stderr or "2099-01-01-copy.po" in done.stderr
    assert_one_line(done, translations, FULL)


def test_export_and_review_html_into_a_full_disk(tiny_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.txt").write_text("an older export\n", encoding="utf-8")
    with tmpfs(out, full=True):
        before = snapshot(out)
        exported = toolkit(tiny_project, "export", "--lang", "ru", "--out", str(out))
        reviewed = toolkit(tiny_project, "review", "--html", str(out / "review.html"))
        assert snapshot(out) == before
    assert_one_line(exported, out / "ru", FULL)
    assert_one_line(reviewed, out / "review.html", FULL)


def test_glossary_export_into_a_full_disk(tiny_project: Path, tmp_path: Path) -> None:
    # Not `-o /dev/full`: an atomic write would put a new file in /dev and rename it over the
    # device. A full file system is the honest stand-in.
    out = tmp_path / "out"
    out.mkdir()
    (out / "glossary.tbx").write_text("an older export\n", encoding="utf-8")
    with tmpfs(out, full=True):
        done = toolkit(tiny_project, "glossary", "export", "-o", str(out / "glossary.tbx"))
        assert (out / "glossary.tbx").read_text(encoding="utf-8") == "an older export\n"
    assert_one_line(done, out / "glossary.tbx", FULL)


# --- writing into a read-only folder ------------------------------------------------------


def test_approve_on_a_read_only_catalog_folder(tiny_project: Path) -> None:
    folder = tiny_project / "translations" / "ru"
    catalog = folder / f"{ARTICLE}.po"
    make_fuzzy(catalog, 'msgid "The parties discussed trade, energy and transport."')
    with tmpfs(folder, read_only=True):
        before = snapshot(folder)
        done = toolkit(tiny_project, "approve", str(catalog), "--entry", "p3.s1")
        assert snapshot(folder) == before
    assert_one_line(done, catalog, READ_ONLY)


def test_enforce_on_a_read_only_catalog_folder(tiny_project: Path) -> None:
    folder = tiny_project / "translations" / "ru"
    catalog = folder / f"{ARTICLE}.po"
    text = catalog.read_text(encoding="utf-8")
    # The glossary's wrong form: enforce has a repair to write.
    catalog.write_text(text.replace("Алихан Смаилов", "Алихан Смайлов"), encoding="utf-8")
    with tmpfs(folder, read_only=True):
        before = snapshot(folder)
        done = toolkit(tiny_project, "enforce", str(catalog))
        assert snapshot(folder) == before
    assert_one_line(done, catalog, READ_ONLY)


def test_debug_shows_the_traceback(tiny_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with tmpfs(out, read_only=True):
        done = toolkit(tiny_project, "--debug", "glossary", "export", "-o", str(out / "g.tbx"))
    assert done.returncode != 0
    assert "Traceback" in done.stderr and "Read-only file system" in done.stderr


# --- the table itself, with real faults -------------------------------------------------------

EMFILE_PROBE = """\
import resource, sys
from toolkit.errors import SystemFault
resource.setrlimit(resource.RLIMIT_NOFILE, (32, 32))
handles = []
try:
    while True:
        handles.append(open(sys.argv[1], "rb"))
except OSError as exc:
    fault = SystemFault.from_os_error(exc)
    print(fault)
"""


def test_too_many_open_files_names_the_file_and_the_limit(tmp_path: Path) -> None:
    target = tmp_path / "catalog.po"
    target.write_text("", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", EMFILE_PROBE, str(target)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (
        f"{target}: too many open files (raise the open-file limit (ulimit -n 4096) and run it "
        "again)"
    )


def test_a_real_enospc_and_erofs_map_to_their_rows(tmp_path: Path) -> None:
    folder = tmp_path / "disk"
    folder.mkdir()
    with tmpfs(folder, full=True), pytest.raises(OSError) as full:
        (folder / "new.txt").write_bytes(b"x" * 8192)
    with tmpfs(folder, read_only=True), pytest.raises(OSError) as read_only:
        (folder / "new.txt").write_bytes(b"x")
    faults = [SystemFault.from_os_error(exc.value) for exc in (full, read_only)]
    assert [fault and fault.message for fault in faults] == [
        SYSTEM_FAULTS[errno.ENOSPC][0],
        SYSTEM_FAULTS[errno.EROFS][0],
    ]
    assert faults[1] is not None and faults[1].path == folder / "new.txt"


def test_other_os_errors_are_not_system_faults() -> None:
    # A missing file is the toolkit's own business to report (or a bug), not a system fault.
    assert SystemFault.from_os_error(FileNotFoundError(errno.ENOENT, "gone", "x")) is None
