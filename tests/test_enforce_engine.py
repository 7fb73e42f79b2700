"""Enforcement on real engine output: the tiny fixture models, through the whole pipeline.

Source normalisation, the Argos engine (CTranslate2 on the fixture packages, which memorised
machine-like mistakes with names and titles), placeholder restoration and term repair; the
result must be the reference column of the parallel sets.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("ctranslate2")
argos_home_module = pytest.importorskip("argos_home")

from enforce_data import TERMBASE  # noqa: E402

from toolkit.enforce import enforce_segment, normalise_source, restore_protected  # noqa: E402
from toolkit.engines.argos import ArgosEngine, ArgosOptions, add_package  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PARALLEL = ROOT / "tests" / "models" / "parallel"


def rows(pair: str) -> list[dict[str, str]]:
    path = PARALLEL / f"{pair}.tsv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ArgosEngine]:
    models = ROOT / "tests" / "data" / "models"
    if not all((models / f"{n}.argosmodel").is_file() for n in ("fixture-en_ru", "fixture-en_kk")):
        pytest.skip("the fixture models are not built")
    with argos_home_module.argos_home(tmp_path_factory.mktemp("argos")):
        for name in ("fixture-en_ru", "fixture-en_kk"):
            add_package(argos_home_module.fixture_archive(name))
        yield ArgosEngine(options=ArgosOptions(device="cpu"))


@pytest.mark.slow
@pytest.mark.parametrize("language", ["ru", "kk"])
def test_pipeline_repairs_the_engine_output(engine: ArgosEngine, language: str) -> None:
    table = rows(f"en-{language}")
    if not table:
        pytest.skip("no parallel set")
    prepared = [normalise_source(row["source"], TERMBASE, language) for row in table]
    outputs = engine.translate([p.text for p in prepared], "en", language)
    repaired = []
    for row, ready, output in zip(table, prepared, outputs, strict=True):
        restored = restore_protected(output.text, ready)
        assert restored.clean
        repaired.append(enforce_segment(row["source"], restored.text, TERMBASE, language).text)
    expected = [row.get("reference") or row["target"] for row in table]
    assert repaired == expected
    # the mistakes were really in the engine's output, and they were repaired
    assert sum(o.text != e for o, e in zip(outputs, expected, strict=True)) >= 5
