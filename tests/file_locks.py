"""Stopping a writer between its read and its save, without timing and without test hooks.

The test process takes the catalog's own lock (:func:`toolkit.fileio.file_lock`, the one every
writer takes around its compare-and-write) and starts the command. The command reads the file
(reading takes no lock) and then waits for the lock to save. The kernel lists that wait in
``/proc/locks`` (a ``->`` line with the waiter's pid and the lock file's inode):
:func:`wait_until_blocked` polls for it, so the test knows the command has read the file and
not yet saved it. Whatever the test does to the file then happens between the two.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from toolkit.fileio import lock_file

RUN_CLI = "import sys; from toolkit.cli import main; sys.argv[0] = 'toolkit'; main()"


def start(
    root: Path, *args: str, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.Popen[str]:
    """``toolkit --project ROOT ARGS`` as a process of its own (PYTHONPATH inherited), with
    *stdin* as its input when given."""
    process = subprocess.Popen(
        [sys.executable, "-c", RUN_CLI, "--project", str(root), *args],
        env=env,
        stdin=subprocess.PIPE if stdin is not None else None,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    if stdin is not None:
        assert process.stdin is not None
        process.stdin.write(stdin)
        process.stdin.close()
    return process


def wait_until_blocked(path: Path, process: subprocess.Popen[str], timeout: float = 120) -> None:
    """Return once *process* waits for the lock of *path* (which the caller holds)."""
    inode = os.stat(lock_file(path)).st_ino
    deadline = time.monotonic() + timeout
    while True:
        with open("/proc/locks", encoding="ascii") as fh:
            for line in fh:
                fields = line.split()
                if "->" in fields and str(process.pid) in fields:
                    device_inode = fields[fields.index("->") + 5]
                    if device_inode.rsplit(":", 1)[-1] == str(inode):
                        return
        if process.poll() is not None:
            out, err = process.communicate()
            raise AssertionError(f"the command ended before it waited for the lock: {err}{out}")
        assert time.monotonic() < deadline, f"the command never waited for the lock of {path}"
        time.sleep(0.01)


def finish(process: subprocess.Popen[str], timeout: float = 300) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=timeout) if process.stdin is None else _drain(process)
    return process.returncode, out, err


def edit_by_hand(path: Path, old: str, new: str) -> None:
    """Change the file the way an editor saves it: the whole text rewritten in place."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _drain(process: subprocess.Popen[str], timeout: float = 300) -> tuple[str, str]:
    assert process.stdout is not None and process.stderr is not None
    process.wait(timeout=timeout)
    return process.stdout.read(), process.stderr.read()
