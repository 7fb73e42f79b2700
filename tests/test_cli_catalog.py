"""`toolkit extract`, `catalog update`, `catalog stats`, `compile`: output and exit codes."""

from __future__ import annotations

import gettext
import json
from pathlib import Path

import pytest
from gettext_check import msgfmt_problems
from typer.testing import CliRunner

from toolkit.cli import app
from toolkit.corpus.articles import ArticleMeta, meta_to_json
from toolkit.gettext.model import with_translation
from toolkit.gettext.pofile import read_catalog, write_catalog

TEMPLATE_WARNING = "header field 'Language' still has the initial default value"

ARTICLE = "2022-07-04-innoprom"
BODY = (
    "YEKATERINBURG. KAZINFORM - Alikhan Smailov arrived in Yekaterinburg. "
    "The sides discussed trade.\n"
    "\n"
    "Images | primeminister.kz\n"
)
SENTENCE = "The sides discussed trade."
TRANSLATION = "Стороны обсудили торговлю."


def write_article(root: Path, article_id: str = ARTICLE, body: str = BODY) -> None:
    corpus = root / "corpus"
    corpus.mkdir(exist_ok=True)
    meta = ArticleMeta(
        id=article_id,
        title="Smailov visits INNOPROM",
        date=None,
        source="Kazinform",
        dateline="Yekaterinburg",
        origin=None,
    )
    (corpus / f"{article_id}.json").write_text(meta_to_json(meta), encoding="utf-8")
    (corpus / f"{article_id}.txt").write_text(body, encoding="utf-8")


def run(runner: CliRunner, project: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--project", str(project), *args])
    return result.exit_code, result.stdout, result.stderr


def test_help_lists_the_catalog_commands(runner: CliRunner) -> None:
    root = runner.invoke(app, ["--help"])
    assert root.exit_code == 0
    for command in ("extract", "compile", "catalog"):
        assert command in root.stdout
    group = runner.invoke(app, ["catalog", "--help"])
    assert group.exit_code == 0
    assert "update" in group.stdout and "stats" in group.stdout


def test_extract_update_stats_compile(runner: CliRunner, project: Path) -> None:
    write_article(project)
    code, out, err = run(runner, project, "extract")
    assert code == 0, err
    assert out.startswith(f"created   translations/templates/{ARTICLE}.pot (")
    assert err.splitlines() == [
        f"corpus/{ARTICLE}.txt:3: info: [boilerplate] p2.s1 not translated (photo credit): "
        "Images | primeminister.kz",
        "1 finding(s): 1 info",
    ]
    code, out, _ = run(runner, project, "extract", ARTICLE)
    assert (code, out.split()[0]) == (0, "unchanged")

    code, out, err = run(runner, project, "catalog", "update")
    assert code == 0, err
    assert [line.split()[:2] for line in out.splitlines()] == [
        ["created", f"translations/ru/{ARTICLE}.po"],
        ["created", f"translations/kk/{ARTICLE}.po"],
    ]
    assert "new)" in out

    po = project / "translations" / "ru" / f"{ARTICLE}.po"
    catalog = read_catalog(po)
    message = catalog.find(SENTENCE)
    assert message is not None
    write_catalog(po, catalog.with_message(with_translation(message, TRANSLATION, fuzzy=False)))
    total = len(catalog.active)

    code, out, _ = run(runner, project, "catalog", "stats", "--format", "json")
    assert code == 0
    data = json.loads(out)
    ru = next(row for row in data["catalogs"] if row["language"] == "ru")
    assert (ru["total"], ru["translated"], ru["fuzzy"], ru["untranslated"]) == (
        total,
        1,
        0,
        total - 1,
    )
    assert data["totals"]["kk"]["translated"] == 0
    assert data["totals"]["ru"]["percent"] == round(100 / total, 1)

    code, out, _ = run(runner, project, "catalog", "stats", "--lang", "ru")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == [
        "article",
        "lang",
        "total",
        "translated",
        "%",
        "fuzzy",
        "untranslated",
    ]
    assert lines[2].split() == [
        ARTICLE,
        "ru",
        str(total),
        "1",
        f"{100 / total:.1f}%",
        "0",
        str(total - 1),
    ]
    assert lines[-1].split()[:2] == ["TOTAL", "ru"]
    assert all(" kk " not in line for line in lines)

    code, out, _ = run(runner, project, "compile", "--lang", "ru")
    assert code == 0
    assert out.split()[:2] == ["created", f"build/locale/ru/LC_MESSAGES/{ARTICLE}.mo"]
    ru_mo = gettext.translation(ARTICLE, project / "build" / "locale", languages=["ru"])
    assert ru_mo.gettext(SENTENCE) == TRANSLATION

    code, out, _ = run(runner, project, "catalog", "update")
    assert (code, [line.split()[0] for line in out.splitlines()]) == (0, ["unchanged"] * 2)
    written = sorted((project / "translations").rglob("*.po*"))
    assert len(written) == 3
    assert {p.name: msgfmt_problems(p) for p in written} == {p.name: "" for p in written}


def test_extract_update_compile_as_json(runner: CliRunner, project: Path) -> None:
    write_article(project)
    code, out, err = run(runner, project, "extract", "--format", "json", "--fail-on", "info")
    assert code == 1
    assert err == ""  # the exclusions are in the JSON, not on stderr
    data = json.loads(out)
    (template,) = data["templates"]
    assert template == {
        "article": ARTICLE,
        "path": f"translations/templates/{ARTICLE}.pot",
        "status": "created",
        "messages": template["messages"],
        "excluded": [{"id": "p2.s1", "kind": "boilerplate", "reason": "photo credit"}],
    }
    assert template["messages"] > 0
    (finding,) = data["findings"]
    assert (finding["check"], finding["severity"]) == ("boilerplate", "info")

    code, out, _ = run(runner, project, "catalog", "update", "--lang", "ru", "--format", "json")
    assert code == 0
    (catalog,) = json.loads(out)["catalogs"]
    assert catalog["path"] == f"translations/ru/{ARTICLE}.po"
    assert (catalog["language"], catalog["status"]) == ("ru", "created")
    assert catalog["new"] == template["messages"] and catalog["kept"] == 0

    code, out, _ = run(runner, project, "compile", "-l", "ru", "--format", "json")
    assert code == 0
    (compiled,) = json.loads(out)["catalogs"]
    assert compiled == {
        "article": ARTICLE,
        "language": "ru",
        "source": f"translations/ru/{ARTICLE}.po",
        "path": f"build/locale/ru/LC_MESSAGES/{ARTICLE}.mo",
        "status": "created",
        "compiled": 0,
        "fuzzy": 0,
    }


def test_changed_source_is_reported_as_fuzzy(runner: CliRunner, project: Path) -> None:
    write_article(project)
    run(runner, project, "extract")
    run(runner, project, "catalog", "update", "--lang", "kk")
    po = project / "translations" / "kk" / f"{ARTICLE}.po"
    catalog = read_catalog(po)
    message = catalog.find(SENTENCE)
    assert message is not None
    write_catalog(
        po,
        catalog.with_message(with_translation(message, "Тараптар сауданы талқылады.", fuzzy=False)),
    )
    write_article(project, body=BODY.replace("discussed trade", "discussed trade and energy"))
    run(runner, project, "extract")
    code, out, _ = run(runner, project, "catalog", "update", "-l", "kk", ARTICLE)
    assert code == 0
    assert out.startswith(f"updated   translations/kk/{ARTICLE}.po (")
    assert "1 fuzzy" in out
    merged = read_catalog(po).find(SENTENCE.replace("trade", "trade and energy"))
    assert merged is not None and merged.fuzzy and merged.previous_msgid == SENTENCE


def test_compile_to_another_folder(runner: CliRunner, project: Path, tmp_path: Path) -> None:
    write_article(project)
    run(runner, project, "extract")
    run(runner, project, "catalog", "update")
    out_dir = tmp_path / "locale"
    code, out, _ = run(runner, project, "compile", "--out", str(out_dir))
    assert code == 0
    assert len(out.splitlines()) == 2
    assert (out_dir / "kk" / "LC_MESSAGES" / f"{ARTICLE}.mo").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("extract", "no-such-article"), "unknown article 'no-such-article'"),
        (("catalog", "update"), "no templates to merge"),
        (("catalog", "update", "--lang", "de"), "not a target language"),
        (("catalog", "update", "--lang", "zz-bogus"), "unknown language code"),
        (("catalog", "update", "--lang", "kz"), "unknown language code 'kz'; did you mean 'kk'?"),
        (("catalog", "stats", "ghost"), "no catalog or template for article 'ghost'"),
        (("compile", "--lang", "kk"), "no catalogs for 'kk'"),
    ],
    ids=[
        "unknown-article",
        "nothing-extracted",
        "not-a-target",
        "unknown-code",
        "suggested-code",
        "stats-unknown",
        "compile-nothing",
    ],
)
def test_errors_are_one_line_exit_2(
    runner: CliRunner, project: Path, args: tuple[str, ...], message: str
) -> None:
    write_article(project)
    code, _, err = run(runner, project, *args)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ") and message in lines[0]


@pytest.mark.parametrize("command", [("catalog", "update"), ("catalog", "stats"), ("compile",)])
def test_malformed_po_is_one_line_with_file_and_line(
    runner: CliRunner, project: Path, command: tuple[str, ...]
) -> None:
    write_article(project)
    run(runner, project, "extract")
    run(runner, project, "catalog", "update")
    po = project / "translations" / "ru" / f"{ARTICLE}.po"
    lines = po.read_text(encoding="utf-8").splitlines()
    broken_at = lines.index('msgstr ""', 5) + 1  # the first message's msgstr (1-based)
    lines[broken_at - 1] = 'msgstr "unterminated'
    po.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = run(runner, project, *command)
    assert code == 2
    assert err.strip().splitlines() == [
        f"error: {po}:{broken_at}: malformed PO file: string without closing quote "
        '(every string is in double quotes on one line: "...")'
    ]
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("extract",), "the corpus is empty"),
        (("catalog", "stats"), "no templates or catalogs yet"),
        (("compile",), "no catalogs to compile"),
    ],
    ids=["extract", "stats", "compile"],
)
def test_empty_project_says_what_to_do(
    runner: CliRunner, project: Path, args: tuple[str, ...], message: str
) -> None:
    code, out, err = run(runner, project, *args)
    assert (code, out) == (2, "")
    assert err.startswith("error: ") and message in err
    assert "toolkit " in err  # the hint names the command to run


@pytest.mark.parametrize(("level", "expected"), [("warning", 0), ("info", 1), ("error", 0)])
def test_extract_fail_on(runner: CliRunner, project: Path, level: str, expected: int) -> None:
    """The photo credit is an info finding: only --fail-on info turns it into exit 1."""
    write_article(project)
    code, _, err = run(runner, project, "extract", "--fail-on", level)
    assert code == expected, err
    assert "[boilerplate]" in err
