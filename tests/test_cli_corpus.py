"""`toolkit corpus import|list|show` through the real CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

import toolkit.cli.corpus  # noqa: F401  (registers the `corpus` group on `app`)
from toolkit.cli.app import app

DATA = Path(__file__).parent / "data" / "corpus"
KAZINFORM_ID = "2022-07-04-smailov-mishustin-innoprom"
KAZINFORM_TITLE = "Alikhan Smailov and Mikhail Mishustin meet at INNOPROM in Yekaterinburg"


def run(runner: CliRunner, project: Path, *args: str) -> Result:
    return runner.invoke(app, ["--project", str(project), "corpus", *args])


@pytest.fixture
def imported(runner: CliRunner, project: Path) -> Path:
    result = run(
        runner,
        project,
        "import",
        str(DATA / "dateline_kazinform.txt"),
        "--id",
        KAZINFORM_ID,
        "--title",
        KAZINFORM_TITLE,
    )
    assert result.exit_code == 0, result.output
    return project


def test_import_prints_id_and_reports_cleaning(runner: CliRunner, project: Path) -> None:
    result = run(
        runner,
        project,
        "import",
        str(DATA / "dateline_kazinform.txt"),
        "--id",
        KAZINFORM_ID,
        "--title",
        KAZINFORM_TITLE,
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{KAZINFORM_ID}\n"
    assert "imported" in result.stderr
    assert "(6 segments, 5 to translate)" in result.stderr
    assert "cleaned: took the date 2022-07-04 from the leading date marker" in result.stderr
    assert "place Yekaterinburg, outlet Kazinform" in result.stderr
    assert (
        "not translated: p4.s1 (boilerplate: photo credit): Photo: primeminister.kz"
        in result.stderr
    )
    assert (project / "corpus" / f"{KAZINFORM_ID}.txt").is_file()
    assert (project / "corpus" / f"{KAZINFORM_ID}.json").is_file()


def test_import_several_files(runner: CliRunner, project: Path) -> None:
    result = run(
        runner,
        project,
        "import",
        str(DATA / "blank_runs.txt"),
        str(DATA / "caption_run_on.txt"),
        "--note",
        "Batch import.",
    )
    assert result.exit_code == 0, result.output
    ids = result.stdout.splitlines()
    assert ids == [
        "2024-02-04-almaty-prime-minister-republic-kazakhstan-alikhan",
        "2024-02-01-conversation-took-place-sidelines-eurasian-intergovernmental",
    ]
    assert "not translated: p5.s1 (boilerplate: site navigation)" in result.stderr
    assert "split a caption run-on (paragraph 3) into 4 paragraphs" in result.stderr
    meta = json.loads((project / "corpus" / f"{ids[1]}.json").read_text(encoding="utf-8"))
    assert meta["note"] == "Batch import."


def test_import_date_option(runner: CliRunner, project: Path) -> None:
    result = run(
        runner, project, "import", str(DATA / "one_per_line.txt"), "--id", "x", "--title", "T",
        "--date", "2022-07-04",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "metadata: date 2022-07-04 from --date (the file has none)" in result.stderr
    meta = json.loads((project / "corpus" / "x.json").read_text(encoding="utf-8"))
    assert (meta["date"], meta["dateline"]) == ("2022-07-04", "Nur-Sultan")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "4 July 2022"], "is not a date in the form YYYY-MM-DD"),
        (["--id", "x", str(DATA / "no_date.txt")], "--id and --title need exactly one FILE"),
        (["--id", "Bad_Id"], "invalid article id 'Bad_Id'"),
    ],
)
def test_import_usage_errors(
    runner: CliRunner, project: Path, args: list[str], message: str
) -> None:
    result = run(runner, project, "import", str(DATA / "one_per_line.txt"), *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (project / "corpus").exists() or not any((project / "corpus").iterdir())


def test_import_collision_then_force(runner: CliRunner, imported: Path) -> None:
    args = ["import", str(DATA / "no_date.txt"), "--id", KAZINFORM_ID, "--title", "Other"]
    result = run(runner, imported, *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")
    assert f"article '{KAZINFORM_ID}' already exists" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    result = run(runner, imported, *args, "--force")
    assert result.exit_code == 0, result.output
    assert "replaced" in result.stderr


def test_import_same_id_twice_in_one_batch_writes_nothing(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.txt"
    shutil.copy(DATA / "blank_runs.txt", copy)
    result = run(runner, project, "import", str(DATA / "blank_runs.txt"), str(copy))
    assert result.exit_code == 2
    assert "would both be imported as" in result.stderr
    assert not (project / "corpus").exists()


def test_import_non_utf8_names_file_and_offset(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(b"Smailov met Mishustin in \xc0\xeb\xec\xe0\xf2\xfb.\n")
    result = run(runner, project, "import", str(path), "--title", "T")
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert "\n" not in line
    assert "legacy.txt" in line
    assert "byte offset 25" in line
    assert "Traceback" not in result.output


def test_import_missing_file(runner: CliRunner, project: Path, tmp_path: Path) -> None:
    result = run(runner, project, "import", str(tmp_path / "nope.txt"))
    assert result.exit_code == 2
    assert "nope.txt: file not found" in result.stderr


def test_list_table(runner: CliRunner, imported: Path) -> None:
    result = run(runner, imported, "list")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "DATE", "SEGMENTS", "TITLE"]
    assert lines[1].split(maxsplit=3) == [KAZINFORM_ID, "2022-07-04", "6/5", KAZINFORM_TITLE]


def test_list_json(runner: CliRunner, imported: Path) -> None:
    result = run(runner, imported, "list", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [
        {
            "id": KAZINFORM_ID,
            "date": "2022-07-04",
            "title": KAZINFORM_TITLE,
            "source": "Kazinform",
            "dateline": "Yekaterinburg",
            "segments": 6,
            "translatable": 5,
        }
    ]


def test_list_empty(runner: CliRunner, project: Path) -> None:
    result = run(runner, project, "list")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "no articles in" in result.stderr
    result = run(runner, project, "list", "--format", "json")
    assert json.loads(result.stdout) == []


def test_show_text(runner: CliRunner, imported: Path) -> None:
    result = run(runner, imported, "show", KAZINFORM_ID)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert f"title:    {KAZINFORM_TITLE}" in out
    assert "source:   Kazinform" in out
    assert "segments: 6 (5 to translate)" in out
    lines = out.splitlines()
    assert lines[-6].split(maxsplit=2) == ["title", "title", KAZINFORM_TITLE]
    assert lines[-5].split(maxsplit=2) == ["p1.s1", "dateline", "YEKATERINBURG. KAZINFORM -"]
    assert lines[-1] == (
        "p4.s1 - boilerplate Photo: primeminister.kz  [not translated: photo credit]"
    )


def test_show_json(runner: CliRunner, imported: Path) -> None:
    result = run(runner, imported, "show", KAZINFORM_ID, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["id"] == KAZINFORM_ID
    assert data["text_path"] == f"corpus/{KAZINFORM_ID}.txt"
    assert [s["id"] for s in data["segments"]] == [
        "title", "p1.s1", "p1.s2", "p2.s1", "p3.s1", "p4.s1",
    ]  # fmt: skip
    assert data["segments"][0]["reference"] == f"corpus/{KAZINFORM_ID}.json:9"
    assert data["segments"][-1] == {
        "id": "p4.s1",
        "kind": "boilerplate",
        "text": "Photo: primeminister.kz",
        "paragraph": 4,
        "reference": f"corpus/{KAZINFORM_ID}.txt:7",
        "translatable": False,
        "reason": "photo credit",
    }


def test_show_unknown_id_is_one_line_exit_2(runner: CliRunner, imported: Path) -> None:
    result = run(runner, imported, "show", "2022-07-04-smailov-mishustin")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: ")
    assert "unknown article '2022-07-04-smailov-mishustin'" in lines[0]
    assert f"did you mean {KAZINFORM_ID}" in lines[0]
    assert result.stdout == ""


def test_corpus_without_subcommand_shows_help(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(app, ["corpus"])
    assert "import" in result.output and "list" in result.output and "show" in result.output
