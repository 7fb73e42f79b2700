"""Accuracy of glossary enforcement, per language and per kind of error.

    .venv/bin/python benchmarks/enforce_accuracy.py [--format table|json]

A row counts as right when the repaired sentence equals the expected one exactly (a correct
sentence: when it comes back unchanged). Sets:

- ``tests/data/enforce/<lang>.tsv``: the tables the tests assert (every kind of error in every
  grammatical case); the rules were developed against them, so they show coverage, not
  generalisation;
- ``tests/data/enforce/heldout-<lang>.tsv``: sentences written after the rules were frozen and
  never tuned on; their misses are the known limits;
- ``tests/models/parallel/en-<lang>.tsv``: what the tiny test models output (where present);
- the shipped reference translations: every entry must come back byte-identical.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.enforce import enforce_segment  # noqa: E402
from toolkit.gettext import pofile  # noqa: E402
from toolkit.glossary.storage import read_termbase  # noqa: E402

LANGUAGES = ("ru", "kk")


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--format", choices=("table", "json"), default="table")
    args = parser.parse_args()
    termbase = read_termbase(ROOT / "glossary", list(LANGUAGES))
    results: dict[str, dict[str, dict[str, list[int]]]] = {}
    started = time.perf_counter()
    segments = 0
    for language in LANGUAGES:
        sets: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
        for name, path in (
            ("tables", ROOT / "tests" / "data" / "enforce" / f"{language}.tsv"),
            ("held-out", ROOT / "tests" / "data" / "enforce" / f"heldout-{language}.tsv"),
        ):
            for row in _rows(path):
                sets[name].append((row["kind"], row["source"], row["mt"], row["expected"]))
        parallel = ROOT / "tests" / "models" / "parallel" / f"en-{language}.tsv"
        for row in _rows(parallel) if parallel.exists() else []:
            kind = (row.get("note") or "correct").split()[0].removeprefix("error:")
            kind = "correct" if kind.startswith("source:") else kind
            expected = row.get("reference") or row["target"]
            sets["tiny models"].append((kind, row["source"], row["target"], expected))
        for path in sorted((ROOT / "translations" / language).glob("*.po")):
            for message in pofile.read_catalog(path).active:
                if message.msgstr:
                    sets["reference"].append(
                        ("unchanged", message.msgid, message.msgstr, message.msgstr)
                    )
        by_set: dict[str, dict[str, list[int]]] = {}
        for name, items in sets.items():
            counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
            for kind, source, mt, expected in items:
                segments += 1
                got = enforce_segment(source, mt, termbase, language).text
                counts[kind][0] += got == expected
                counts[kind][1] += 1
            by_set[name] = dict(counts)
        results[language] = by_set
    elapsed = time.perf_counter() - started
    if args.format == "json":
        print(json.dumps({"results": results, "segments": segments, "seconds": elapsed}, indent=2))
        return 0
    for language, by_set in results.items():
        print(f"== {language}")
        for name, counts in by_set.items():
            right = sum(c[0] for c in counts.values())
            total = sum(c[1] for c in counts.values())
            print(f"  {name}: {right}/{total} ({right / total:.1%})")
            for kind, (ok, n) in sorted(counts.items()):
                print(f"    {kind:<16} {ok:>3}/{n:<3} {ok / n:>7.1%}")
    print(f"{segments} segments in {elapsed:.2f} s (dictionary load and compilation included)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
