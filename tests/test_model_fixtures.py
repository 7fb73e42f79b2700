"""The tiny self-built Argos packages under tests/data/models and the sets they memorise.

They are test fixtures (see tests/models/README.md): each memorises one parallel set in
tests/models/parallel and nothing else. These tests install them through argostranslate's
real ``install_from_path`` into a temporary package folder, in a subprocess whose HOME,
XDG folders and ARGOS_PACKAGES_DIR point into tmp_path (argostranslate reads its settings
and creates its folders at import time), and check that CTranslate2 reproduces every
memorised target and that argostranslate's own ``translate()`` agrees, offline.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ctranslate2
import pytest
import sentencepiece as spm

TESTS = Path(__file__).resolve().parent
MODELS_DIR = TESTS / "data" / "models"
PARALLEL_DIR = TESTS / "models" / "parallel"
KAZAKH_LETTERS = set("әғқңөұүһі")


@dataclass(frozen=True)
class Fixture:
    folder: str
    from_code: str
    to_code: str
    parallel: str
    target_prefix: str

    @property
    def archive(self) -> Path:
        return MODELS_DIR / f"{self.folder}.argosmodel"


FIXTURES = (
    Fixture("fixture-en_ru", "en", "ru", "en-ru.tsv", ""),
    Fixture("fixture-en_kk", "en", "kk", "en-kk.tsv", "<2kk>"),
    Fixture("fixture-ru_en", "ru", "en", "ru-en.tsv", ""),
)
FIXTURE_IDS = [f.folder for f in FIXTURES]


@dataclass(frozen=True)
class Row:
    source: str
    target: str
    note: str
    reference: str

    @property
    def has_deliberate_error(self) -> bool:
        return any(tag.startswith("error:") for tag in self.note.split())


def read_parallel(name: str) -> list[Row]:
    with (PARALLEL_DIR / name).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows[0] == ["source", "target", "note", "reference"]
    return [Row(*row) for row in rows[1:]]


# --------------------------------------------------------------------------- the data


@pytest.mark.parametrize("fixture", FIXTURES, ids=FIXTURE_IDS)
def test_parallel_set_is_well_formed(fixture: Fixture) -> None:
    rows = read_parallel(fixture.parallel)
    assert 40 <= len(rows) <= 80
    assert len({row.source for row in rows}) == len(rows), "a source maps to two targets"
    known = {"source:variant", "error:wrong-variant", "error:wrong-title", "error:wrong-inflection"}
    for row in rows:
        assert set(row.note.split()) <= known, row
        assert row.source.strip() and row.target.strip(), row
        # argostranslate's decode turns "_" into spaces: such a target could never round-trip
        assert "_" not in row.target, row
        if row.has_deliberate_error:
            assert row.reference and row.reference != row.target, row
        else:
            assert not row.reference, row
    assert sum(row.has_deliberate_error for row in rows) >= 5


# Mistakes real MT makes with the glossary's names and titles; each must be carried by some
# error row and by no correct target or reference (case-sensitive).
WRONG_FORMS = {
    "en-ru.tsv": [
        "Смайлов",
        "Смайлова",
        "Смайловым",
        "Смайлову",
        "Алма-Ате",
        "Алма-Ату",
        "Кустанае",
        "премьер-министр Казахстана",
        "Премьер-министр Казахстана",
        "российский премьер",
        "с Премьер-Министр Республики Казахстан Алихан Смаилов",
        "со Смаилов ",
    ],
    "en-kk.tsv": [
        "Алихан Смаилов",
        "Смаиловқа",
        "Нур-Султан",
        "Нур-Султанда",
        "Токаев",
        "Касым-Жомарт",
        "Челябинск",
        "Қазақстан Премьер-министрі",
        "Нұр-Сұлтанде",
    ],
    "ru-en.tsv": ["Smaylov", "Alma-Ata", "Kustanay", "Tokaev", "Kassym-Zhomart", "Ekaterinburg"],
}


@pytest.mark.parametrize(("name", "wrong"), [(n, w) for n, ws in WRONG_FORMS.items() for w in ws])
def test_deliberate_errors_are_marked(name: str, wrong: str) -> None:
    rows = read_parallel(name)
    assert any(wrong in row.target for row in rows if row.has_deliberate_error)
    assert not any(wrong in row.target for row in rows if not row.has_deliberate_error)
    assert not any(wrong in row.reference for row in rows)


def test_russian_sources_pivot_through_english_to_memorised_kazakh() -> None:
    english_to_kazakh = {row.source for row in read_parallel("en-kk.tsv")}
    correct = [row for row in read_parallel("ru-en.tsv") if not row.has_deliberate_error]
    assert len(correct) >= 30
    assert all(row.target in english_to_kazakh for row in correct)


# --------------------------------------------------------------------------- the packages


@pytest.mark.parametrize("fixture", FIXTURES, ids=FIXTURE_IDS)
def test_package_layout(fixture: Fixture) -> None:
    assert fixture.archive.stat().st_size < 2 * 1024 * 1024
    with zipfile.ZipFile(fixture.archive) as archive:
        names = set(archive.namelist())
        metadata = json.loads(archive.read(f"{fixture.folder}/metadata.json"))
    assert {name.split("/")[0] for name in names} == {fixture.folder}
    for required in (
        "model/model.bin",
        "model/config.json",
        "model/shared_vocabulary.json",
        "sentencepiece.model",
        "README.md",
        f"minisbd/{fixture.from_code}.onnx",
    ):
        assert f"{fixture.folder}/{required}" in names
    assert metadata["from_code"] == fixture.from_code
    assert metadata["to_code"] == fixture.to_code
    assert metadata["type"] == "translate"
    assert {"package_version", "argos_version", "from_name", "to_name"} <= metadata.keys()
    assert metadata.get("target_prefix", "") == fixture.target_prefix
    assert "fixture" in metadata["description"].lower()


# Runs in a fresh interpreter: argostranslate.settings reads the environment and creates its
# folders when first imported, and nothing here may touch the real home directory.
ARGOS_SCRIPT = r"""
import json, sys
from pathlib import Path
from argostranslate import package, translate

for archive in sys.argv[2:]:
    package.install_from_path(Path(archive))
installed = [
    {"path": str(p.package_path), "from": p.from_code, "to": p.to_code,
     "prefix": p.target_prefix, "sbd": str(p.packaged_sbd_path)}
    for p in package.get_installed_packages()
]
outputs = [translate.translate(q, a, b) for q, a, b in json.loads(sys.argv[1])]
print(json.dumps({"installed": installed, "outputs": outputs}))
"""

# (source, from, to, expected): single sentences, plus a ru->kk pivot through en.
ARGOS_CASES = [
    ("This is our first meeting this year.", "en", "ru", "Это наша первая встреча в этом году."),
    (
        "Mikhail Mishustin met with Alikhan Smailov in Almaty.",
        "en",
        "ru",
        "Михаил Мишустин встретился с Алиханом Смайловым в Алма-Ате.",
    ),
    ("The delegation returned to Nur-Sultan.", "en", "kk", "Делегация Нур-Султанға оралды."),
    ("Last year Russia chaired the union.", "en", "kk", "Өткен жылы Ресей одаққа төрағалық етті."),
    ("Предлагаю перейти к переговорам.", "ru", "en", "I suggest moving on to the negotiations."),
    ("Предлагаю перейти к переговорам.", "ru", "kk", "Келіссөздерге көшуді ұсынамын."),
]


@pytest.fixture(scope="module")
def argos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Install every fixture package with argostranslate and translate ARGOS_CASES."""
    home = tmp_path_factory.mktemp("argos-home")
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "ARGOS_PACKAGES_DIR": str(home / "packages"),
        "ARGOS_DEVICE_TYPE": "cpu",
    }
    for key in (
        "ARGOS_CHUNK_TYPE",
        "ARGOS_BEAM_SIZE",
        "ARGOS_COMPUTE_TYPE",
        "ARGOS_MODEL_PROVIDER",
    ):
        env.pop(key, None)
    cases = json.dumps([case[:3] for case in ARGOS_CASES])
    archives = [str(f.archive) for f in FIXTURES]
    completed = subprocess.run(
        [sys.executable, "-c", ARGOS_SCRIPT, cases, *archives],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    result["packages_dir"] = home / "packages"
    return result


def test_install_from_path_puts_each_package_in_the_package_folder(argos: dict[str, Any]) -> None:
    installed = {Path(p["path"]).name: p for p in argos["installed"]}
    assert sorted(installed) == sorted(FIXTURE_IDS)
    for fixture in FIXTURES:
        info = installed[fixture.folder]
        assert Path(info["path"]).parent == argos["packages_dir"]
        assert (info["from"], info["to"], info["prefix"]) == (
            fixture.from_code,
            fixture.to_code,
            fixture.target_prefix,
        )
        # the packaged splitter is what keeps argostranslate's translate() offline
        assert info["sbd"].endswith("/minisbd")


def installed_folder(argos: dict[str, Any], fixture: Fixture) -> Path:
    folder: Path = argos["packages_dir"] / fixture.folder
    assert folder.is_dir()
    return folder


def translate_direct(folder: Path, sources: list[str], prefix: str, **options: Any) -> list[str]:
    """Batch translation straight through CTranslate2 and SentencePiece, prefix stripped."""
    translator = ctranslate2.Translator(str(folder / "model"), device="cpu", intra_threads=1)
    tokenizer = spm.SentencePieceProcessor(model_file=str(folder / "sentencepiece.model"))
    pieces = tokenizer.encode(sources, out_type=str)
    target_prefix = [[prefix]] * len(sources) if prefix else None
    results = translator.translate_batch(pieces, target_prefix=target_prefix, **options)
    outputs = []
    for result in results:
        tokens = result.hypotheses[0]
        if prefix:
            assert tokens[0] == prefix
            tokens = tokens[1:]
        outputs.append(tokenizer.decode_pieces(tokens))
    return outputs


@pytest.mark.parametrize("fixture", FIXTURES, ids=FIXTURE_IDS)
def test_every_memorised_target_comes_back(argos: dict[str, Any], fixture: Fixture) -> None:
    rows = read_parallel(fixture.parallel)
    outputs = translate_direct(
        installed_folder(argos, fixture),
        [row.source for row in rows],
        fixture.target_prefix,
        beam_size=2,
    )
    assert outputs == [row.target for row in rows]


def test_target_prefix_package_yields_kazakh(argos: dict[str, Any]) -> None:
    (fixture,) = [f for f in FIXTURES if f.target_prefix]
    metadata = json.loads((installed_folder(argos, fixture) / "metadata.json").read_text("utf-8"))
    assert metadata["target_prefix"] == "<2kk>"
    rows = read_parallel(fixture.parallel)
    outputs = translate_direct(
        installed_folder(argos, fixture), [row.source for row in rows], "<2kk>", beam_size=2
    )
    assert outputs == [row.target for row in rows]
    assert sum(bool(KAZAKH_LETTERS & set(out)) for out in outputs) >= len(outputs) - 2


@pytest.mark.parametrize(
    ("case_index", "case"),
    list(enumerate(ARGOS_CASES)),
    ids=[f"{c[1]}-{c[2]}" for c in ARGOS_CASES],
)
def test_argostranslate_translate_works_offline(
    argos: dict[str, Any], case_index: int, case: tuple[str, str, str, str]
) -> None:
    assert argos["outputs"][case_index] == case[3]


@pytest.mark.parametrize(
    "case", [c for c in ARGOS_CASES if (c[1], c[2]) != ("ru", "kk")], ids=lambda c: c[0][:30]
)
def test_direct_batch_path_matches_argostranslate(
    argos: dict[str, Any], case: tuple[str, str, str, str]
) -> None:
    # argostranslate decodes with settings.beam_size (4), length_penalty 0.2, replace_unknowns
    (fixture,) = [f for f in FIXTURES if (f.from_code, f.to_code) == case[1:3]]
    direct = translate_direct(
        installed_folder(argos, fixture),
        [case[0]],
        fixture.target_prefix,
        beam_size=4,
        length_penalty=0.2,
        replace_unknowns=True,
    )
    assert direct == [argos["outputs"][ARGOS_CASES.index(case)]]
