"""GNU gettext as the judge of every catalog the toolkit writes.

The set-up script installs gettext; a missing msgfmt fails the tests instead of skipping them, so
CI can never go green without the check having run.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def msgfmt() -> str:
    path = shutil.which("msgfmt")
    if path is None:
        pytest.fail("GNU gettext's msgfmt is not installed; run scripts/setup.sh")
    return path


# A template has no target language yet; xgettext's own templates draw this warning too.
TEMPLATE_LANGUAGE_WARNING = "warning: header field 'Language' still has the initial default value"


def msgfmt_problems(path: Path) -> str:
    """What `msgfmt --check` says about a file: errors and warnings alike ("" when clean)."""
    result = subprocess.run(
        [msgfmt(), "--check-format", "--check-header", "--check-domain", "-o", "/dev/null", path],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        return f"exit {result.returncode}: {result.stderr}"
    lines = result.stderr.splitlines(keepends=True)
    if path.suffix == ".pot":
        lines = [line for line in lines if TEMPLATE_LANGUAGE_WARNING not in line]
    return "".join(lines)
