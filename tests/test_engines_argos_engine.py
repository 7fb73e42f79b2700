"""The Argos engine on the tiny fixture packages: batched CTranslate2 output equals
argostranslate's own translate(), target prefixes, pivoting, routes, options and errors."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ctranslate2
import pytest
from argos_home import FIXTURE_NAMES, PARALLEL_DIR, ArgosHome, argos_home, fixture_archive

from toolkit.config import EngineOptions
from toolkit.engines import Engine, Route
from toolkit.engines.argos import (
    ArgosEngine,
    ArgosOptions,
    BpeTokenizer,
    PackageInfo,
    add_package,
    clear_model_cache,
    list_packages,
    load_model,
    resolve_device,
)
from toolkit.errors import ConfigError, EngineUnavailable

CPU = ArgosOptions(device="cpu")


def sources(pair: str, *, correct_only: bool = False) -> list[tuple[str, str]]:
    """(source, target) of every sentence a fixture package memorised.

    *correct_only* leaves out the rows whose target carries a deliberate MT mistake.
    """
    with (PARALLEL_DIR / f"{pair}.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [
        (row["source"], row["target"])
        for row in rows
        if not (correct_only and "error:" in (row.get("note") or ""))
    ]


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ArgosHome]:
    with argos_home(tmp_path_factory.mktemp("argos")) as argos:
        for name in FIXTURE_NAMES:
            add_package(fixture_archive(name))
        yield argos


@pytest.fixture(scope="module")
def engine(home: ArgosHome) -> ArgosEngine:
    return ArgosEngine(options=CPU)


@pytest.fixture(scope="module")
def argos_translate(home: ArgosHome) -> Any:
    """argostranslate's own translate(), on the same installed packages (offline)."""
    from argostranslate import settings, translate

    assert (settings.beam_size, settings.compute_type, settings.device) == (4, "auto", "cpu")
    return translate.translate


# --------------------------------------------------------------------------- same as argostranslate


@pytest.mark.parametrize("pair", ["en-ru", "en-kk", "ru-en"])
def test_batch_equals_argostranslate_for_every_sentence(
    pair: str, engine: ArgosEngine, argos_translate: Any
) -> None:
    source, target = pair.split("-")
    rows = sources(pair)
    results = engine.translate([s for s, _ in rows], source, target)  # one call, one batch
    theirs = [argos_translate(s, source, target) for s, _ in rows]
    assert [r.text for r in results] == theirs
    assert [r.text for r in results] == [t for _, t in rows]  # what the fixture memorised
    assert {r.provenance for r in results} == {f"argos fixture-{source}_{target} 0.1"}
    assert all(r.fuzzy for r in results)


def test_pivot_equals_argostranslate_composition(engine: ArgosEngine, argos_translate: Any) -> None:
    # ru -> en -> kk: argostranslate composes the same two packages itself
    russian_to_english = dict(sources("ru-en", correct_only=True))
    english_to_kazakh = dict(sources("en-kk"))
    russian = list(russian_to_english)
    results = engine.translate(russian, "ru", "kk")
    assert [r.text for r in results] == [argos_translate(s, "ru", "kk") for s in russian]
    assert [r.text for r in results] == [english_to_kazakh[russian_to_english[s]] for s in russian]
    assert results[0].provenance == ("argos fixture-ru_en 0.1; argos fixture-en_kk 0.1 (via en)")


def test_lines_are_translated_as_argostranslate_paragraphs(
    engine: ArgosEngine, argos_translate: Any
) -> None:
    (first, _), (second, _) = sources("en-ru")[:2]
    text = f"{first}\n{second}"
    (result,) = engine.translate([text], "en", "ru")
    assert result.text == argos_translate(text, "en", "ru")
    assert result.text.count("\n") == 1


def test_kazakh_comes_out_without_its_prefix(engine: ArgosEngine) -> None:
    package = engine.chain("en", "kk")[0]
    assert package.target_prefix == "<2kk>"
    (result,) = engine.translate([sources("en-kk")[0][0]], "en", "kk")
    assert not result.text.startswith((" ", "<2kk>"))
    assert set("әғқңөұүһі") & set(result.text)


# --------------------------------------------------------------------------- batches and options


def test_empty_and_blank_segments_keep_their_places(engine: ArgosEngine) -> None:
    sentence, expected = sources("en-ru")[0]
    results = engine.translate(["", sentence, "   ", sentence], "en", "ru")
    assert [r.text for r in results] == ["", expected, "", expected]
    assert engine.translate([], "en", "ru") == []


@pytest.mark.parametrize("batch_size", [1, 7, 1000])
def test_batch_size_does_not_change_the_output(home: ArgosHome, batch_size: int) -> None:
    rows = sources("en-ru")
    engine = ArgosEngine(options=ArgosOptions(device="cpu", batch_size=batch_size))
    assert [r.text for r in engine.translate([s for s, _ in rows], "en", "ru")] == [
        t for _, t in rows
    ]


def test_greedy_decoding_runs(home: ArgosHome) -> None:
    engine = ArgosEngine(options=ArgosOptions(device="cpu", beam_size=1, intra_threads=1))
    rows = sources("ru-en")[:5]
    results = engine.translate([s for s, _ in rows], "ru", "en")
    assert sum(r.text == t for r, (_, t) in zip(results, rows, strict=True)) >= 4


def test_models_are_loaded_once_per_package(home: ArgosHome, engine: ArgosEngine) -> None:
    package = engine.chain("en", "ru")[0]
    first = load_model(package, CPU)
    assert load_model(package, ArgosOptions(device="cpu", beam_size=1)) is first  # decoding only
    assert load_model(package, ArgosOptions(device="cpu", intra_threads=1)) is not first
    assert ArgosEngine(options=CPU).chain("en", "ru")[0] == package
    clear_model_cache()
    assert load_model(package, CPU) is not first


def test_options_from_the_project_settings() -> None:
    project = EngineOptions(
        batch_size=64, beam_size=2, device="cpu", compute_type="int8", threads=3
    )
    assert ArgosOptions.from_engine_options(project) == ArgosOptions(
        device="cpu", compute_type="int8", batch_size=64, beam_size=2, intra_threads=3
    )
    assert ArgosOptions.from_engine_options(EngineOptions()) == ArgosOptions()


def test_defaults_decode_like_argostranslate(home: ArgosHome) -> None:
    assert ArgosOptions.like_argostranslate() == ArgosOptions(device="cpu")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"device": "tpu"}, "device must be one of cpu, cuda, auto, not 'tpu'"),
        ({"batch_size": 0}, "engine batch_size must be a whole number >= 1"),
        ({"beam_size": True}, "engine beam_size must be a whole number >= 1"),
        ({"intra_threads": -1}, "engine intra_threads must be a whole number >= 0"),
    ],
)
def test_bad_options_are_config_errors(options: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        ArgosOptions(**options)


def test_device_auto_follows_ctranslate2() -> None:
    expected = "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
    assert resolve_device("auto") == expected
    assert resolve_device("cpu") == "cpu"


@pytest.mark.skipif(ctranslate2.get_cuda_device_count() > 0, reason="a GPU is present")
def test_cuda_without_a_gpu_is_a_clear_error(engine: ArgosEngine) -> None:
    gpu = ArgosEngine(engine.packages, ArgosOptions(device="cuda"))
    with pytest.raises(EngineUnavailable, match="CTranslate2 sees no CUDA device") as raised:
        gpu.translate(["Hello."], "en", "ru")
    assert "--device cpu" in str(raised.value)


@pytest.mark.skipif(ctranslate2.get_cuda_device_count() == 0, reason="needs a CUDA device")
def test_cuda_gives_the_memorised_sentences(engine: ArgosEngine) -> None:
    rows = sources("en-ru")
    gpu = ArgosEngine(engine.packages, ArgosOptions(device="cuda"))
    results = gpu.translate([s for s, _ in rows], "en", "ru")
    assert load_model(engine.chain("en", "ru")[0], gpu.options).device == "cuda"
    assert [r.text for r in results] == [t for _, t in rows]


def test_unsupported_compute_type_is_a_clear_error(engine: ArgosEngine) -> None:
    odd = ArgosEngine(engine.packages, ArgosOptions(device="cpu", compute_type="int3"))
    with pytest.raises(EngineUnavailable, match="cannot load package fixture-en_ru on cpu"):
        odd.translate(["Hello."], "en", "ru")


# --------------------------------------------------------------------------- routes and pairs


def test_engine_protocol_and_pairs(engine: ArgosEngine) -> None:
    assert isinstance(engine, Engine)
    assert engine.name == "argos"
    assert engine.pairs() == {("en", "ru"), ("en", "kk"), ("ru", "en"), ("ru", "kk")}


@pytest.mark.parametrize(
    ("pair", "route"),
    [
        (("en", "ru"), Route("en", "ru", ("argos fixture-en_ru 0.1",))),
        (("en", "kk"), Route("en", "kk", ("argos fixture-en_kk 0.1",))),
        (
            ("ru", "kk"),
            Route("ru", "kk", ("argos fixture-ru_en 0.1", "argos fixture-en_kk 0.1"), ("en",)),
        ),
    ],
)
def test_routes(engine: ArgosEngine, pair: tuple[str, str], route: Route) -> None:
    assert engine.route(*pair) == route


def test_route_says_how_it_pivots(engine: ArgosEngine) -> None:
    assert engine.route("ru", "kk").describe() == (
        "ru -> en -> kk (argos fixture-ru_en 0.1; argos fixture-en_kk 0.1)"
    )


def test_a_direct_package_beats_a_pivot(home: ArgosHome, tmp_path: Path) -> None:
    direct = _copy_as(home, tmp_path, "fixture-en_kk", source="ru", name="direct-ru_kk")
    engine = ArgosEngine([*list_packages([home.packages]), direct], CPU)
    assert engine.route("ru", "kk").via == ()
    assert engine.chain("ru", "kk") == [direct]


def test_newest_version_serves_a_pair(home: ArgosHome, tmp_path: Path) -> None:
    newer = _copy_as(home, tmp_path, "fixture-en_ru", source="en", name="b-en_ru", version="0.2")
    older = _copy_as(home, tmp_path, "fixture-en_ru", source="en", name="a-en_ru", version="0.1")
    assert ArgosEngine([older, newer], CPU).chain("en", "ru") == [newer]


@pytest.mark.parametrize(
    ("pair", "message"),
    [
        (("kk", "ru"), "no Argos package translates kk->ru"),
        (("en", "de"), "no Argos package translates en->de"),
        (("en", "en"), "source and target are both 'en'"),
    ],
)
def test_unknown_pair(engine: ArgosEngine, pair: tuple[str, str], message: str) -> None:
    with pytest.raises(EngineUnavailable, match=message) as raised:
        engine.translate(["Hello."], *pair)
    if pair[0] != pair[1]:
        text = str(raised.value)
        assert "installed pairs: en->kk, en->ru, ru->en" in text
        assert "toolkit models add FILE.argosmodel" in text
        assert f"toolkit models install {pair[0]} {pair[1]}" in text


def test_no_packages_at_all() -> None:
    with pytest.raises(EngineUnavailable, match="installed pairs: none"):
        ArgosEngine([], CPU).route("en", "ru")


def test_broken_packages_are_skipped_and_named(home: ArgosHome, tmp_path: Path) -> None:
    broken_folder = tmp_path / "packages" / "broken-en_de"
    shutil.copytree(home.packages / "fixture-en_ru", broken_folder)
    (broken_folder / "sentencepiece.model").unlink()
    metadata = (broken_folder / "metadata.json").read_text().replace('"ru"', '"de"')
    (broken_folder / "metadata.json").write_text(metadata)
    engine = ArgosEngine(list_packages([home.packages, broken_folder.parent]), CPU)
    assert ("en", "de") not in engine.pairs()
    with pytest.raises(EngineUnavailable, match="unusable: broken-en_de"):
        engine.route("en", "de")


def test_removed_package_is_a_clear_error(home: ArgosHome, tmp_path: Path) -> None:
    gone = _copy_as(home, tmp_path, "fixture-en_ru", source="en", name="gone-en_ru")
    shutil.rmtree(gone.path)
    with pytest.raises(EngineUnavailable, match="package gone-en_ru is gone or incomplete"):
        ArgosEngine([gone], CPU).translate(["Hello."], "en", "ru")


def _copy_as(
    home: ArgosHome, tmp_path: Path, original: str, *, source: str, name: str, version: str = ""
) -> PackageInfo:
    """A copy of an installed package under another name, pair source or version."""
    (package,) = [p for p in list_packages([home.packages]) if p.name == original]
    folder = tmp_path / name
    shutil.copytree(package.path, folder)
    return PackageInfo(
        name=name,
        source=source,
        target=package.target,
        version=version or package.version,
        path=folder,
        size=package.size,
        tokenizer=package.tokenizer,
        target_prefix=package.target_prefix,
    )


def test_bpe_tokenizer_round_trip(tmp_path: Path) -> None:
    # Older Argos packages ship subword-nmt codes (bpe.model) with Moses tokenization.
    codes = tmp_path / "bpe.model"
    codes.write_text("#version: 0.2\nt h\nth e</w>\nc a\nca t</w>\n", encoding="utf-8")
    tokenizer = BpeTokenizer(codes, "en", "ru")
    (tokens,) = tokenizer.encode(["the cats, the dog."])
    assert tokens == ["the", "ca@@", "t@@", "s", ",", "the", "d@@", "o@@", "g", "."]
    assert tokenizer.decode(tokens) == "the cats, the dog."
