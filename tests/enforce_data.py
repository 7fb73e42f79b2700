"""The enforcement tests' own small project: tests/data/enforce.

A glossary (``glossary/``, in the shipped glossary's format) with only the concepts these tests
use, copied from the shipped one; sample machine-output catalogs (``sample-<lang>.po``); reference
translations (``reference-kk.po``); the tables of errors and repairs (``<lang>.tsv``); and filler
words for generated sentences (``filler-<lang>.txt``). Editing the shipped glossary or corpus
changes none of what these tests assert; the tests about the shipped content itself use the
repository's folders and say so.
"""

from __future__ import annotations

import csv
from pathlib import Path

from toolkit.glossary.storage import read_termbase

DATA = Path(__file__).parent / "data" / "enforce"
GLOSSARY = DATA / "glossary"
TERMBASE = read_termbase(GLOSSARY, ["ru", "kk"])


def table(name: str) -> list[dict[str, str]]:
    """The rows of ``<name>.tsv`` (a header row names the columns)."""
    with (DATA / f"{name}.tsv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def filler(language: str) -> list[str]:
    """Words of real translations into *language*, one of each, sorted."""
    return (DATA / f"filler-{language}.txt").read_text(encoding="utf-8").split()
