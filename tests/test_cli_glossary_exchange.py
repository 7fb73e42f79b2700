"""`toolkit glossary export/import/discover`: output, exit codes and files, on the sample project
(tests/data/glossary/project) and on small projects."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from gettext_check import msgfmt_problems
from glossary_cli import copy_sample, files, run
from typer.testing import CliRunner

import toolkit.cli.glossary  # noqa: F401  (registers the commands, as toolkit/cli/__init__ does)
from toolkit.cli import app
from toolkit.config import load_settings
from toolkit.glossary.exchange import TBX_NAMESPACE
from toolkit.glossary.storage import read_glossary

DATA = Path(__file__).parent / "data" / "glossary_exchange"
NS = f"{{{TBX_NAMESPACE}}}"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return copy_sample(tmp_path / "sample")


def test_help_lists_the_commands(runner: CliRunner) -> None:
    result = runner.invoke(app, ["glossary", "--help"])
    assert result.exit_code == 0
    for command in ("import", "export", "discover"):
        assert command in result.stdout


# --- export ------------------------------------------------------------------------------------


def test_export_tbx_to_stdout(runner: CliRunner, sample: Path) -> None:
    code, out, err = run(runner, sample, "export", "--as", "tbx")
    assert code == 0, err
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == f"{NS}tbx" and root.get("type") == "TBX-Basic"
    assert len(root.findall(f".//{NS}conceptEntry")) == 16
    assert root.findtext(f".//{NS}title") == "Glossary of test-project"
    assert err == ""


def test_export_to_a_file(runner: CliRunner, sample: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "glossary.csv"
    code, out, err = run(runner, sample, "export", "--as", "csv", "--out", str(target))
    assert code == 0, err
    assert out == ""
    assert err.strip() == f"wrote {target} (16 concept(s), csv)"
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows[0] == ["en", "ru", "kk"]
    assert ["Ekaterinburg", "Екатеринбург", "Екатеринбург"] in rows


@pytest.mark.parametrize(
    ("args", "header"),
    [
        (["--as", "csv", "--lang", "kk"], "en,kk"),
        (["--as", "csv-full", "-l", "ru"], "id,type,en,en:variants,note,ru,ru:wrong,ru:morph,"),
    ],
)
def test_export_languages(runner: CliRunner, sample: Path, args: list[str], header: str) -> None:
    code, out, _ = run(runner, sample, "export", *args)
    assert code == 0
    assert out.startswith(header)


def test_export_unknown_language_is_exit_2(runner: CliRunner, sample: Path) -> None:
    code, out, err = run(runner, sample, "export", "--lang", "de")
    assert code == 2
    assert out == ""
    assert err.startswith("error: language 'de' is not a target language of this project")
    assert len(err.strip().splitlines()) == 1


# --- round trips -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["tbx", "csv-full", "csv"])
def test_export_then_import_changes_nothing(
    runner: CliRunner, sample: Path, tmp_path: Path, fmt: str
) -> None:
    before = files(sample)
    exported = tmp_path / f"glossary.{fmt}"
    assert run(runner, sample, "export", "--as", fmt, "-o", str(exported))[0] == 0
    mode = "merge" if fmt == "csv" else "replace"  # plain CSV carries forms only
    code, out, err = run(runner, sample, "import", str(exported), "--mode", mode)
    assert code == 0, err
    assert out == ""
    assert err.strip() == f"16 concept(s) read from {exported}; nothing to change"
    assert files(sample) == before


@pytest.mark.parametrize("fmt", ["tbx", "csv-full"])
def test_import_into_a_new_project_rebuilds_the_glossary(
    runner: CliRunner,
    sample: Path,
    make_project: Callable[..., Path],
    tmp_path: Path,
    fmt: str,
) -> None:
    exported = tmp_path / "glossary.export"
    assert run(runner, sample, "export", "--as", fmt, "-o", str(exported))[0] == 0
    fresh = make_project(name="fresh")
    code, out, err = run(runner, fresh, "import", str(exported))
    assert code == 0, err
    assert out.count("added   ") == 16
    assert "created glossary/ru.po" in err
    assert read_glossary(load_settings(fresh)) == read_glossary(load_settings(sample))
    for name in ("glossary.pot", "ru.po", "kk.po"):
        assert msgfmt_problems(fresh / "glossary" / name) == ""


# --- import ------------------------------------------------------------------------------------


def test_import_dry_run_writes_nothing(runner: CliRunner, sample: Path) -> None:
    before = files(sample)
    code, out, err = run(runner, sample, "import", str(DATA / "multiterm.tbx"), "--dry-run")
    assert code == 0, err
    assert out.splitlines() == [
        "changed  almaty: +variant 'Alma Ata'; +ru wrong 'Алма Ата'",
        "added    astana: 'Astana'",
    ]
    assert "warning: skipped language(s) de-DE" in err
    summary = "1 added, 1 changed, 0 removed; dry run, nothing written"
    assert err.strip().endswith(f"2 concept(s) read from {DATA / 'multiterm.tbx'}: {summary}")
    assert files(sample) == before


def test_import_plan_as_json(runner: CliRunner, sample: Path) -> None:
    before = files(sample)
    code, out, err = run(
        runner, sample, "import", str(DATA / "multiterm.tbx"), "--dry-run", "--format", "json"
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["counts"] == {"added": 1, "changed": 1, "removed": 0}
    assert data["changes"] == [
        {
            "id": "almaty",
            "kind": "changed",
            "details": ["+variant 'Alma Ata'", "+ru wrong 'Алма Ата'"],
        },
        {"id": "astana", "kind": "added", "details": ["'Astana'"]},
    ]
    assert data["written"] is False
    assert any("de-DE" in warning for warning in data["warnings"])
    assert files(sample) == before


def test_import_merges_and_writes(runner: CliRunner, sample: Path) -> None:
    code, out, err = run(runner, sample, "import", str(DATA / "multiterm.tbx"))
    assert code == 0, err
    assert "added    astana" in out
    assert "updated glossary/glossary.pot" in err
    assert "updated glossary/ru.po" in err
    code, out, _ = run(runner, sample, "show", "astana")
    assert code == 0
    assert "ru:        Астана" in out
    assert "wrong:   Акмола" in out
    assert "morph:   gender=f" in out
    assert run(runner, sample, "lint")[0] == 0


def test_import_two_column_csv_needs_its_language(runner: CliRunner, sample: Path) -> None:
    code, out, err = run(runner, sample, "import", str(DATA / "deepl.tsv"))
    assert code == 2
    assert out == ""
    assert err.strip() == (
        f"error: {DATA / 'deepl.tsv'}:1: a two-column glossary does not say its target "
        "language (name it with --lang (e.g. --lang ru))"
    )
    code, out, err = run(runner, sample, "import", str(DATA / "deepl.tsv"), "--lang", "ru")
    assert code == 0, err
    assert out.splitlines() == ["added    astana: 'Astana'", "added    astana-hub: 'Astana Hub'"]


def test_import_refuses_conflicts(runner: CliRunner, sample: Path, tmp_path: Path) -> None:
    source = tmp_path / "conflict.csv"
    source.write_text(
        "id,type,en,en:variants,ru\nastana,place,Astana,Nur-Sultan,Астана\n", encoding="utf-8"
    )
    before = files(sample)
    code, out, err = run(runner, sample, "import", str(source))
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: the change would make the glossary inconsistent: ")
    assert "[variant-conflict] source form 'Nur-Sultan' of astana is also 'Nur-Sultan'" in lines[0]
    assert files(sample) == before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("broken.tbx", None, "broken.tbx:10: not well-formed XML: mismatched tag (column 7)"),
        ("bad.csv", "en,ru,kk\nA,Б,В\nC,Д\n", "bad.csv:3: row 3 has 2 column(s), the header has 3"),
        ("lang.csv", "en,ru,xx\n", "lang.csv:1: unknown language code 'xx'"),
        ("missing.tbx", "", "missing.tbx: no such file"),
    ],
)
def test_malformed_files_are_one_line_exit_2(
    runner: CliRunner, sample: Path, tmp_path: Path, name: str, content: str | None, message: str
) -> None:
    path = DATA / name
    if content is not None:
        path = tmp_path / name
        if content:
            path.write_text(content, encoding="utf-8")
    code, out, err = run(runner, sample, "import", str(path))
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("error: ") and message in err


def test_import_replace_removes(runner: CliRunner, sample: Path) -> None:
    code, out, err = run(runner, sample, "import", str(DATA / "amazon.csv"), "--mode", "replace")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[:2] == ["added    astana: 'Astana'", "added    astana-hub: 'Astana Hub'"]
    assert sum(line.startswith("removed ") for line in lines) == 16
    assert [c.id for c in read_glossary(load_settings(sample))] == ["astana", "astana-hub"]


# --- discover ----------------------------------------------------------------------------------


def test_discover_on_the_sample_glossary(runner: CliRunner, sample: Path) -> None:
    code, out, err = run(runner, sample, "discover")
    assert code == 0, err
    assert out.splitlines() == [
        "New names (seen at least 2 times):",
        "  'International Industrial Exhibition' seen 2 times "
        "(2022-07-04-smailov-mishustin-innoprom:p1.s2, "
        "2024-02-01-mishustin-smailov-almaty-meeting:p4.s1)",
        "    toolkit glossary add 'International Industrial Exhibition' --type event",
    ]
    assert err.strip() == (
        "13 segment(s) scanned: 0 variant(s) of known concepts, 1 new name(s); "
        "the glossary is unchanged"
    )


def test_discover_proposes_removed_variants(runner: CliRunner, sample: Path) -> None:
    for concept, variant in [
        ("alikhan-smailov", "Alihan Smailov"),
        ("yekaterinburg", "Ekaterinburg"),
    ]:
        assert run(runner, sample, "edit", concept, "--remove-variant", variant)[0] == 0
    before = files(sample)
    code, out, err = run(runner, sample, "discover", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert [(v["concept"], v["form"], v["count"]) for v in data["variants"]] == [
        ("alikhan-smailov", "Alihan Smailov", 3),
        ("yekaterinburg", "Ekaterinburg", 1),
    ]
    assert data["variants"][1]["command"] == (
        "toolkit glossary edit yekaterinburg --variant Ekaterinburg"
    )
    assert data["variants"][1]["evidence"] == "transliteration of 'Yekaterinburg': e for ye"
    assert [n["form"] for n in data["names"]] == ["International Industrial Exhibition"]
    assert files(sample) == before  # never edits the glossary
    code, out, _ = run(runner, sample, "discover")
    assert out.startswith("Variants of known concepts:\n  alikhan-smailov: 'Alihan Smailov' seen")
    assert "    toolkit glossary edit alikhan-smailov --variant 'Alihan Smailov'\n" in out


ARTICLE_META = {
    "date": "2024-03-01",
    "dateline": None,
    "language": "en",
    "note": None,
    "origin": None,
    "source": None,
}


def add_article(project: Path, article_id: str, text: str) -> None:
    corpus = project / "corpus"
    corpus.mkdir(exist_ok=True)
    (corpus / f"{article_id}.txt").write_text(text, encoding="utf-8")
    meta = {**ARTICLE_META, "id": article_id, "title": "Talks in the region"}
    (corpus / f"{article_id}.json").write_text(json.dumps(meta), encoding="utf-8")


def test_discover_new_names_in_a_small_corpus(runner: CliRunner, project: Path) -> None:
    add_article(
        project,
        "2024-03-01-talks",
        "In March, Zhanibek Orazbayev met the delegation. The talks went well.\n\n"
        "During the visit Zhanibek Orazbayev opened a plant. In January it will grow.\n",
    )
    code, out, err = run(runner, project, "discover", "--min-count", "2")
    assert code == 0, err
    assert out.splitlines() == [
        "New names (seen at least 2 times):",
        "  'Zhanibek Orazbayev' seen 2 times (2024-03-01-talks:p1.s1, 2024-03-01-talks:p2.s1)",
        "    toolkit glossary add 'Zhanibek Orazbayev' --type other",
    ]
    code, out, _ = run(runner, project, "discover", "--min-count", "0")
    assert code == 2
