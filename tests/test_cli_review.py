"""`toolkit review`, `toolkit approve`, `toolkit export`: exit codes, output, files."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from gettext_check import msgfmt_problems
from typer.testing import CliRunner

import toolkit.cli.output
import toolkit.cli.review  # registers the commands (toolkit.cli imports it too)
from toolkit.cli import app
from toolkit.gettext import pofile

DATA = Path(__file__).parent / "data" / "review" / "project"
RU = Path("translations") / "ru" / "sample.po"
FIXED = "В консульском округе проживает более 90 000 казахов, в том числе свыше 7 000 студентов."


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(DATA, root)
    return root


def run(runner: CliRunner, project: Path, *args: str, **kwargs: object) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--project", str(project), *args], **kwargs)  # type: ignore[arg-type]
    return result.exit_code, result.stdout, result.stderr


def states(path: Path) -> dict[str, str]:
    return {
        m.extracted_comments[0].split()[0]: "fuzzy"
        if m.fuzzy
        else "ok"
        if m.translated
        else "empty"
        for m in pofile.read_catalog(path).active
    }


# --- review --------------------------------------------------------------------------------


def test_review_side_by_side_plain_when_piped(runner: CliRunner, project: Path) -> None:
    code, out, _ = run(runner, project, "review", str(project / RU), "--width", "100")
    assert code == 0
    assert "\x1b[" not in out
    lines = out.splitlines()
    assert lines[0] == (
        "translations/ru/sample.po (ru): 7 entries, 3 translated, 3 fuzzy, 1 untranslated; 7 shown"
    )
    assert lines[1] == "glossary: [term], [!wrong variant]"
    assert max(len(line) for line in lines[1:]) <= 100
    assert "[Alikhan Smailov] arrived in" in out and "[Алихан Смаилов] прибыл в" in out
    assert "  error    numbers: '7,000' of the source is not in the translation" in out
    assert "| untranslated" in out


def test_review_color_and_only(runner: CliRunner, project: Path) -> None:
    code, out, _ = run(
        runner, project, "review", str(project / RU), "--only", "fuzzy", "--color", "--width", "120"
    )
    assert code == 0
    assert "\x1b[1;36mАлихан Смаилов\x1b[0m" in out
    headings = [line for line in out.splitlines() if "── " in line]
    assert [h.split()[1] for h in headings] == ["p1.s2", "p1.s3", "p2.s1"]


@pytest.mark.parametrize(
    ("only", "labels"),
    [
        (["untranslated"], ["p4.s1"]),
        (["findings"], ["p2.s1", "p3.s1"]),
        (["fuzzy", "untranslated"], ["p1.s2", "p1.s3", "p2.s1", "p4.s1"]),
    ],
)
def test_review_json(runner: CliRunner, project: Path, only: list[str], labels: list[str]) -> None:
    args = [a for name in only for a in ("--only", name)]
    code, out, _ = run(runner, project, "review", str(project / RU), "--format", "json", *args)
    assert code == 0
    (catalog,) = json.loads(out)
    assert [e["segments"][0] for e in catalog["entries"]] == labels


def test_review_json_record(runner: CliRunner, project: Path) -> None:
    _, out, _ = run(runner, project, "review", str(project / RU), "--format", "json")
    entry = json.loads(out)[0]["entries"][2]
    assert entry["state"] == "fuzzy"
    assert entry["enforced"][0] == {
        "concept": "alikhan-smailov",
        "old": "Смайлов",
        "new": "Смаилов",
    }
    assert entry["source_terms"][0] == {
        "start": 0,
        "end": 15,
        "concept": "alikhan-smailov",
        "official": "Алихан Смаилов",
    }
    assert entry["previous_msgid"] == "Alikhan Smailov arrived in Ekaterinburg for INNOPROM."


def test_review_html_file(runner: CliRunner, project: Path, tmp_path: Path) -> None:
    out_file = tmp_path / "review.html"
    code, out, err = run(runner, project, "review", str(project / RU), "--html", str(out_file))
    assert code == 0
    assert out.strip() == str(out_file)
    assert err.strip() == "review: 7 entries of 1 catalog(s)"
    page = out_file.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.count('class="entry ') == 7


def test_review_html_folder_for_the_project(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "report"
    code, out, _ = run(runner, project, "review", "--html", str(folder))
    assert code == 0
    assert out.splitlines() == [
        str(folder / n) for n in ("ru--sample.html", "kk--sample.html", "index.html")
    ]
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert '<a href="ru--sample.html">' in index and '<a href="kk--sample.html">' in index


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["translations/templates/sample.pot"], "a template has no translations to review"),
        (["translations/ru/nope.po"], "no such file or folder"),
        (
            ["--interactive", "--html", "x.html", "translations/ru/sample.po"],
            "--interactive cannot",
        ),
    ],
)
def test_review_errors(runner: CliRunner, project: Path, args: list[str], message: str) -> None:
    args = [str(project / a) if a.startswith("translations") else a for a in args]
    code, _, err = run(runner, project, "review", *args)
    assert code == 2
    assert message in err


def test_review_html_with_json_is_a_usage_error(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    out_file = tmp_path / "review.html"
    code, out, err = run(
        runner, project, "review", "--html", str(out_file), "--format", "json", str(project / RU)
    )
    assert code == 2
    assert out == ""
    assert err.splitlines()[-1] == (
        "Error: Invalid value for '--format': --html writes HTML; it cannot be combined with "
        "--format json"
    )
    assert not out_file.exists()


@pytest.fixture
def paged(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Pretend stdout is a terminal 20 lines high; collect what goes to the pager."""
    pages: list[str] = []
    monkeypatch.setattr(toolkit.cli.output, "stdout_is_terminal", lambda: True)
    monkeypatch.setattr(
        toolkit.cli.output.click,
        "echo_via_pager",
        lambda text, color=None: pages.append(text),
    )
    monkeypatch.setenv("LINES", "20")
    return pages


def test_review_pages_long_output_on_a_terminal(
    runner: CliRunner, project: Path, paged: list[str]
) -> None:
    code, out, _ = run(runner, project, "review", str(project / RU), "--width", "100")
    assert code == 0
    assert out == ""
    (text,) = paged
    assert text.startswith("translations/ru/sample.po (ru): 7 entries")
    assert "| untranslated" in text and "\x1b[" not in text


def test_review_no_pager_and_short_output_print_directly(
    runner: CliRunner, project: Path, paged: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["review", str(project / RU), "--width", "100"]
    code, out, _ = run(runner, project, *args, "--no-pager")
    assert code == 0 and out.startswith("translations/ru/sample.po (ru): 7 entries")
    monkeypatch.setenv("LINES", "1000")
    assert run(runner, project, *args)[1] == out
    assert paged == []


# --- interactive review --------------------------------------------------------------------


def test_interactive_accept_edit_skip_quit(runner: CliRunner, project: Path) -> None:
    path = project / RU
    env = {"EDITOR": None, "VISUAL": None}
    code, out, err = run(runner, project, "review", "-i", str(path), input="a\nq\n", env=env)
    assert code == 0
    assert "fuzzy entry 1 of 3" in out and "approved p1.s2; saved translations/ru/sample.po" in out
    assert "fuzzy entry 2 of 3" in out  # shown, then the reviewer quit
    assert states(path) == {
        "title": "ok", "p1.s1": "ok", "p1.s2": "ok", "p1.s3": "fuzzy",
        "p2.s1": "fuzzy", "p3.s1": "ok", "p4.s1": "empty",
    }  # fmt: skip
    assert err.strip() == "review: 1 accepted, 0 edited, 0 skipped"

    # The next run starts at the next fuzzy entry: skip it, edit the one with the error inline.
    code, out, err = run(
        runner, project, "review", "-i", str(path), input=f"s\ne\n{FIXED}\n", env=env
    )
    assert code == 0
    assert "edited and approved p2.s1" in out
    assert states(path)["p1.s3"] == "fuzzy" and states(path)["p2.s1"] == "ok"
    message = next(m for m in pofile.read_catalog(path).active if m.msgid.startswith("There are"))
    assert message.msgstr == FIXED
    assert err.strip() == "review: 0 accepted, 1 edited, 1 skipped"
    assert msgfmt_problems(path) == ""

    # Input ends: as if the reviewer quit; nothing else changes.
    code, out, err = run(runner, project, "review", "-i", str(path), input="", env=env)
    assert code == 0 and states(path)["p1.s3"] == "fuzzy"


def test_interactive_edit_in_editor(runner: CliRunner, project: Path, tmp_path: Path) -> None:
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import pathlib, sys\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text(encoding='utf-8').replace('700', '7 000'), encoding='utf-8')\n",
        encoding="utf-8",
    )
    env = {"VISUAL": None, "EDITOR": f"{sys.executable} {editor}"}
    code, out, _ = run(
        runner, project, "review", "-i", str(project / RU), input="s\ns\ne\n", env=env
    )
    assert code == 0
    assert "edited and approved p2.s1" in out
    message = next(
        m for m in pofile.read_catalog(project / RU).active if m.msgid.startswith("There")
    )
    assert message.msgstr == FIXED and not message.fuzzy


def test_interactive_unknown_answer_asks_again(runner: CliRunner, project: Path) -> None:
    code, out, err = run(runner, project, "review", "-i", str(project / RU), input="x\nq\n")
    assert code == 0
    assert "answer one of: [a]ccept, [e]dit, [i]nline edit, [s]kip, [q]uit" in out
    assert err.strip() == "review: 0 accepted, 0 edited, 0 skipped"


# --- approve -------------------------------------------------------------------------------


def test_approve_entries(runner: CliRunner, project: Path) -> None:
    path = project / RU
    before = pofile.read_catalog(path).header_value("PO-Revision-Date")
    code, out, err = run(
        runner,
        project,
        "approve",
        str(path),
        "--entry",
        "p1.s2",
        "-e",
        "He met Mikhail Mishustin there.",
    )
    assert code == 0
    assert out.splitlines() == [
        "approved  p1.s2    approved: Alikhan Smailov arrived in Yekaterinburg for INNOPROM.",
        "approved  p1.s3    approved: He met Mikhail Mishustin there.",
    ]
    assert err.strip() == "translations/ru/sample.po: approved 2, kept 0; file updated"
    assert states(path)["p1.s2"] == states(path)["p1.s3"] == "ok"
    assert pofile.read_catalog(path).header_value("PO-Revision-Date") != before
    assert "#| msgid" not in path.read_text(encoding="utf-8")
    assert msgfmt_problems(path) == ""


def test_approve_all_clean_exits_1_when_an_entry_stays_fuzzy(
    runner: CliRunner, project: Path
) -> None:
    path = project / RU
    code, out, err = run(runner, project, "approve", str(path), "--all-clean")
    assert code == 1
    assert "kept      p2.s1    1 error finding: numbers: There are over 90,000" in out
    assert err.strip() == "translations/ru/sample.po: approved 2, kept 1; file updated"
    assert states(path)["p2.s1"] == "fuzzy" and states(path)["p1.s3"] == "ok"


def test_approve_dry_run_and_json(runner: CliRunner, project: Path) -> None:
    path = project / RU
    text = path.read_bytes()
    code, out, err = run(
        runner, project, "approve", str(path), "--all-clean", "--dry-run", "--format", "json"
    )
    assert code == 1
    data = json.loads(out)
    assert data["status"] == "dry-run"
    assert [(d["entry"], d["status"]) for d in data["decisions"]] == [
        ("p1.s2", "approved"),
        ("p1.s3", "approved"),
        ("p2.s1", "kept"),
    ]
    assert "would approve 2, kept 1" in err
    assert path.read_bytes() == text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "give either --entry ENTRY (repeatable) or --all-clean"),
        (
            ["--all-clean", "--entry", "p1.s2"],
            "give either --entry ENTRY (repeatable) or --all-clean",
        ),
        (["--entry", "p7.s1"], "no entry 'p7.s1'"),
    ],
)
def test_approve_usage_errors_change_nothing(
    runner: CliRunner, project: Path, args: list[str], message: str
) -> None:
    path = project / RU
    text = path.read_bytes()
    code, _, err = run(runner, project, "approve", str(path), *args)
    assert code == 2
    assert message in err
    assert path.read_bytes() == text


# --- export --------------------------------------------------------------------------------


def test_export_finished_articles(runner: CliRunner, tiny_project: Path, tmp_path: Path) -> None:
    code, out, err = run(
        runner, tiny_project, "export", "--lang", "ru", "--lang", "kk", "--out", str(tmp_path)
    )
    assert code == 0
    paths = out.splitlines()
    assert len(paths) == 6 and all(Path(p).is_file() for p in paths)
    assert paths[0] == str(tmp_path / "ru" / "2022-07-04-innoprom.txt")
    assert err.strip() == "export: 6 article(s), 6 written"


def test_export_refuses_with_the_list(runner: CliRunner, project: Path) -> None:
    code, out, err = run(runner, project, "export", "--lang", "ru", "--as", "md")
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert lines[0].startswith("translations/ru/sample.po:29: p1.s2: fuzzy (not approved): ")
    assert lines[3].startswith("translations/ru/sample.po:62: p4.s1: untranslated: ")
    assert lines[4].startswith("error: 4 segment(s) of 1 article(s) have no approved translation")
    assert "--allow-partial" in lines[4]
    assert not (project / "build").exists()


def test_export_partial_and_bilingual(runner: CliRunner, project: Path) -> None:
    code, out, err = run(
        runner, project, "export", "--allow-partial", "--as", "html", "--bilingual"
    )
    assert code == 0
    assert out.splitlines() == [
        str(project / "build" / "export" / language / "sample.bilingual.html")
        for language in ("ru", "kk")
    ]
    assert err.strip() == "export: 2 article(s), 2 written; 4 segment(s) marked as not approved"
    page = Path(out.splitlines()[0]).read_text(encoding="utf-8")
    assert "[untranslated: Russia is one of the main trade" in page


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--bilingual"], "--bilingual needs --as html"),
        (["--as", "pdf"], "pdf"),
        (["--format", "html"], "html"),
        (["--lang", "de"], "de"),
        (["nope"], "unknown article 'nope'"),
    ],
)
def test_export_usage_errors(
    runner: CliRunner, project: Path, args: list[str], message: str
) -> None:
    code, _, err = run(runner, project, "export", *args)
    assert code == 2
    assert message in err
