"""`toolkit glossary ...`: output and exit codes of every command, on the sample project
(tests/data/glossary/project) and on a fresh one; lint on the sample glossary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gettext_check import msgfmt_problems
from glossary_cli import SAMPLE, copy_sample, files, run
from typer.testing import CliRunner

import toolkit.cli.glossary  # noqa: F401  (registers the commands, as toolkit/cli/__init__ does)
from toolkit.cli import app
from toolkit.config import load_settings
from toolkit.glossary.storage import write_glossary
from toolkit.glossary.termbase import Concept, ConceptType, TargetTerm, Termbase


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return copy_sample(tmp_path / "sample")


def test_help_lists_the_commands(runner: CliRunner) -> None:
    result = runner.invoke(app, ["glossary", "--help"])
    assert result.exit_code == 0
    for command in ("list", "show", "add", "edit", "remove", "find", "lint"):
        assert command in result.stdout


# --- list and show --------------------------------------------------------------------------


def test_list_table(runner: CliRunner, sample: Path) -> None:
    code, out, err = run(runner, sample, "list", columns=200)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "TYPE", "SOURCE", "RU", "KK"]
    smailov = next(line for line in lines if line.startswith("alikhan-smailov "))
    assert smailov.split("  ")[0] == "alikhan-smailov"
    assert "Alikhan Smailov" in smailov and "Алихан Смаилов" in smailov
    assert smailov.rstrip().endswith("Әлихан Смайылов")
    assert err.strip().endswith("concept(s)")


@pytest.mark.parametrize(
    ("args", "present", "absent"),
    [
        (["--lang", "ru"], ["Алихан Смаилов"], ["Әлихан Смайылов", "KK"]),
        (["--type", "person"], ["vladimir-putin"], ["almaty", "innoprom"]),
        (["--type", "event", "-l", "kk"], ["innoprom", "digital-almaty"], ["RU", "alikhan"]),
    ],
)
def test_list_filters(
    runner: CliRunner, sample: Path, args: list[str], present: list[str], absent: list[str]
) -> None:
    code, out, _ = run(runner, sample, "list", *args, columns=200)
    assert code == 0
    for text in present:
        assert text in out
    for text in absent:
        assert text not in out


def test_list_json(runner: CliRunner, sample: Path) -> None:
    code, out, _ = run(
        runner, sample, "list", "--type", "place", "--lang", "kk", "--format", "json"
    )
    assert code == 0
    data = json.loads(out)
    almaty = next(item for item in data if item["id"] == "almaty")
    assert almaty == {
        "id": "almaty",
        "type": "place",
        "source": "Almaty",
        "variants": ["Alma-Ata"],
        "note": "Alma-Ata is the Soviet-era name; today's texts use Almaty.",
        "targets": {
            "kk": {
                "approved": "Алматы",
                "wrong": ["Алма-Ата"],
                "do_not_translate": False,
                "fuzzy": False,
                "morphology": {"gender": None, "inflect": [], "indeclinable": False},
                "note": "",
            }
        },
    }
    assert {item["type"] for item in data} == {"place"}


def test_list_unknown_language_is_an_error(runner: CliRunner, sample: Path) -> None:
    code, _, err = run(runner, sample, "list", "--lang", "de")
    assert code == 2
    assert err.startswith("error: language 'de' is not a target language")


@pytest.mark.parametrize("term", ["alikhan-smailov", "alihan smailov", "SMAILOV", "Смайлов"])
def test_show_finds_by_id_variant_and_target_form(
    runner: CliRunner, sample: Path, term: str
) -> None:
    code, out, _ = run(runner, sample, "show", term)
    assert code == 0
    assert out.splitlines()[:3] == [
        "alikhan-smailov (person)",
        "  source:    Alikhan Smailov",
        "  variants:  Alihan Smailov; Smailov",
    ]
    assert "  ru:        Алихан Смаилов\n    wrong:   Смайлов\n    morph:   gender=m\n" in out
    assert "  kk:        Әлихан Смайылов\n    wrong:   Алихан Смаилов; Смаилов\n" in out


def test_show_do_not_translate_and_json(runner: CliRunner, sample: Path) -> None:
    code, out, _ = run(runner, sample, "show", "Digital Almaty")
    assert code == 0
    assert "  ru:        Digital Almaty  [do not translate]" in out
    code, out, _ = run(runner, sample, "show", "primeminister.kz", "--format", "json")
    assert code == 0
    (record,) = json.loads(out)
    assert record["targets"]["kk"]["do_not_translate"] is True


def test_show_a_fuzzy_and_a_missing_form(runner: CliRunner, sample: Path) -> None:
    kk = sample / "glossary" / "kk.po"
    text = kk.read_text(encoding="utf-8")
    text = text.replace('msgctxt "ufa"', '#, fuzzy\nmsgctxt "ufa"', 1)
    kk.write_text(text.replace('msgstr "Уфа"', 'msgstr ""', 1), encoding="utf-8")
    code, out, _ = run(runner, sample, "show", "ufa")
    assert code == 0
    assert "  kk:        - (no approved form)  [fuzzy: not approved yet]\n" in out
    code, out, _ = run(runner, sample, "lint", "--fail-on", "warning")
    assert code == 1
    assert "[missing-target] ufa: kk: no approved form" in out


def test_show_unknown_term(runner: CliRunner, sample: Path) -> None:
    code, out, err = run(runner, sample, "show", "Astana")
    assert code == 2
    assert out == ""
    assert err.startswith("error: no concept is named 'Astana'")


# --- add, edit, remove ----------------------------------------------------------------------


def test_add_to_a_new_project(runner: CliRunner, project: Path) -> None:
    code, out, err = run(
        runner, project, "add", "Almaty", "--type", "place", "--variant", "Alma-Ata",
        "--target", "ru=Алматы", "--wrong", "ru=Алма-Ата", "--morph", "ru=indeclinable",
        "--target", "kk=Алматы", "--note", "The largest city.",
    )  # fmt: skip
    assert (code, out) == (0, "almaty\n"), err
    assert "created glossary/glossary.pot" in err and "created glossary/kk.po" in err
    ru = (project / "glossary" / "ru.po").read_text(encoding="utf-8")
    assert (
        "# wrong: Алма-Ата\n# morph: indeclinable\n#. type: place\n#. variant: Alma-Ata\n"
        '#. note: The largest city.\nmsgctxt "almaty"\nmsgid "Almaty"\nmsgstr "Алматы"\n'
    ) in ru
    for name in ("glossary.pot", "ru.po", "kk.po"):
        assert msgfmt_problems(project / "glossary" / name) == ""
    code, out, _ = run(runner, project, "show", "alma-ata")
    assert code == 0 and out.startswith("almaty (place)")


def test_add_do_not_translate(runner: CliRunner, project: Path) -> None:
    code, out, _ = run(
        runner, project, "add", "primeminister.kz", "--type", "organisation", "--dnt"
    )
    assert (code, out) == (0, "primeminister-kz\n")
    for name in ("ru.po", "kk.po"):
        text = (project / "glossary" / name).read_text(encoding="utf-8")
        assert '# do-not-translate\n#. type: organisation\nmsgctxt "primeminister-kz"\n' in text
        assert 'msgstr "primeminister.kz"' in text
    code, _, _ = run(runner, project, "lint", "--fail-on", "warning")
    assert code == 0


def test_add_without_targets_warns_but_adds(runner: CliRunner, project: Path) -> None:
    code, out, err = run(runner, project, "add", "Ufa", "--type", "place", "--target", "ru=Уфа")
    assert (code, out) == (0, "ufa\n")
    assert "warning: ufa: kk: no approved form" in err
    code, out, err = run(runner, project, "lint")
    assert code == 0
    assert "glossary/kk.po: warning: [missing-target] ufa: kk: no approved form" in out
    assert run(runner, project, "lint", "--fail-on", "warning")[0] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["Smailov Jr", "--type", "person", "--variant", "Smailov"],
            "[variant-conflict] source form 'Smailov' of smailov-jr is also 'Smailov' of "
            "alikhan-smailov",
        ),
        (
            ["Astana", "--type", "place", "--target", "ru=Астана", "--wrong", "ru=Алматы"],
            "[wrong-collides] astana: ru: wrong variant 'Алматы' is the approved form of almaty",
        ),
        (
            ["Almaty Forum", "--id", "almaty", "--type", "event"],
            "concept id 'almaty' exists already ('Almaty')",
        ),
        (
            ["Digital Kazakhstan", "--type", "event", "--dnt", "--target", "ru=Цифровой Казахстан"],
            "[dnt-differs]",
        ),
        (["Ufa", "--type", "town"], "Invalid value for '--type'"),
        (["Oral", "--type", "place", "--target", "ru"], "'ru' is not LANG=VALUE"),
        (["Oral", "--type", "place", "--target", "de=Oral"], "language 'de' is not a target"),
        (["Oral", "--type", "place", "--morph", "ru=case=nom"], "unknown morphology item"),
        (["Ufa", "--type", "place", "--id", "Ufa City"], "invalid concept id 'Ufa City'"),
        (["Уфа", "--type", "place"], "cannot make a concept id from 'Уфа'"),
    ],
)
def test_add_refuses_conflicts_and_bad_input(
    runner: CliRunner, sample: Path, args: list[str], message: str
) -> None:
    before = files(sample)
    code, out, err = run(runner, sample, "add", *args)
    assert code == 2, err
    assert out == ""
    assert message in err
    assert files(sample) == before


def test_edit_changes_a_concept(runner: CliRunner, sample: Path) -> None:
    code, out, err = run(
        runner, sample, "edit", "almaty", "--variant", "Almaty City", "--remove-wrong",
        "kk=Алма-Ата", "--wrong", "ru=Алма-Аты", "--morph", "kk=gender=f", "--target-note",
        "kk=Declines: Алматыда.",
    )  # fmt: skip
    assert (code, out) == (0, "almaty\n"), err
    assert "updated glossary/glossary.pot" in err and "updated glossary/kk.po" in err
    code, out, _ = run(runner, sample, "show", "almaty city")
    assert "  variants:  Alma-Ata; Almaty City" in out
    assert (
        "  ru:        Алматы\n    wrong:   Алма-Ата; Алма-Аты\n    morph:   indeclinable\n" in out
    )
    assert "  kk:        Алматы\n    morph:   gender=f\n    note:    Declines: Алматыда.\n" in out


def test_edit_source_and_do_not_translate(runner: CliRunner, sample: Path) -> None:
    code, _, err = run(runner, sample, "edit", "ufa", "--source", "Ufa City", "--dnt")
    assert code == 0, err
    ru = (sample / "glossary" / "ru.po").read_text(encoding="utf-8")
    entry = '# do-not-translate\n# morph: gender=f\n#. type: place\nmsgctxt "ufa"\n'
    assert entry + 'msgid "Ufa City"\nmsgstr "Ufa City"' in ru
    code, _, err = run(runner, sample, "edit", "ufa", "--no-dnt", "--target", "ru=город Уфа")
    assert code == 0, err
    code, out, _ = run(runner, sample, "show", "ufa")
    assert "  ru:        город Уфа\n" in out


def test_edit_with_nothing_to_change(runner: CliRunner, sample: Path) -> None:
    before = files(sample)
    code, out, err = run(runner, sample, "edit", "ufa", "--variant", "Ufa")
    assert (code, out) == (0, "ufa\n")
    assert "nothing to change" in err
    assert files(sample) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["almaty", "--variant", "Kazakhstan"], "[variant-conflict]"),
        (["ufa", "--wrong", "ru=Казахстан"], "[wrong-collides] ufa: ru: wrong variant 'Казахстан'"),
        (["ufa", "--wrong", "ru=Уфа"], "[approved-is-wrong]"),
        (["ufa", "--morph", "ru=inflect=Уфы"], "[morph-word] ufa: ru: inflect=Уфы"),
        (["ufa", "--remove-variant", "Oufa"], "ufa has no variant 'Oufa' to remove"),
        (["smailov"], "no concept with id 'smailov' (did you mean alikhan-smailov?)"),
    ],
)
def test_edit_refuses_conflicts(
    runner: CliRunner, sample: Path, args: list[str], message: str
) -> None:
    before = files(sample)
    code, out, err = run(runner, sample, "edit", *args)
    assert code == 2
    assert out == ""
    assert message in err
    assert files(sample) == before


def test_remove(runner: CliRunner, sample: Path) -> None:
    code, out, err = run(runner, sample, "remove", "ufa")
    assert (code, out) == (0, "ufa\n"), err
    for name in ("glossary.pot", "ru.po", "kk.po"):
        assert 'msgctxt "ufa"' not in (sample / "glossary" / name).read_text(encoding="utf-8")
    assert run(runner, sample, "show", "Ufa")[0] == 2
    code, _, err = run(runner, sample, "remove", "ufa")
    assert code == 2 and "no concept with id 'ufa'" in err


# --- find -----------------------------------------------------------------------------------


def test_find_text(runner: CliRunner, sample: Path) -> None:
    text = "YEKATERINBURG. Kazakh Premier Alihan Smailov met Russian PM Mikhail Mishustin."
    code, out, err = run(runner, sample, "find", text)
    assert code == 0
    assert [line.split()[:2] for line in out.splitlines()] == [
        ["SPAN", "CONCEPT"],
        ["0-13", "yekaterinburg"],
        ["15-29", "prime-minister-of-kazakhstan"],
        ["30-44", "alikhan-smailov"],
        ["49-59", "chairman-of-the-government-of-russia"],
        ["60-77", "mikhail-mishustin"],
    ]
    assert err.strip() == "5 match(es)"
    code, out, _ = run(runner, sample, "find", text, "--format", "json")
    first = json.loads(out)[0]
    assert first == {
        "start": 0,
        "end": 13,
        "text": "YEKATERINBURG",
        "concept": "yekaterinburg",
        "concepts": ["yekaterinburg"],
        "type": "place",
        "pattern": "Yekaterinburg",
    }


def test_find_corpus(runner: CliRunner, sample: Path) -> None:
    code, out, err = run(runner, sample, "find", "--corpus", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert {item["article"] for item in data} == {p.stem for p in (SAMPLE / "corpus").glob("*.txt")}
    dateline = next(
        item for item in data
        if item["article"] == "2022-07-04-smailov-mishustin-innoprom" and item["segment"] == "p1.s1"
    )  # fmt: skip
    assert [m["concept"] for m in dateline["matches"]] == ["yekaterinburg", "kazinform"]
    assert dateline["reference"] == "corpus/2022-07-04-smailov-mishustin-innoprom.txt:1"
    code, out, _ = run(runner, sample, "find", "--corpus")
    assert code == 0
    assert out.splitlines()[0].split() == ["SEGMENT", "SPAN", "CONCEPT", "TEXT"]
    assert "2024-02-01-mishustin-smailov-almaty-meeting:p3.s1" in out
    # Each row's cells are in the header's order: the concept id under CONCEPT.
    first = out.splitlines()[1].split()
    assert first[2] in {m["concept"] for item in data for m in item["matches"]}


def test_find_corpus_unmatched(runner: CliRunner, sample: Path) -> None:
    code, out, err = run(runner, sample, "find", "--corpus", "--unmatched")
    assert code == 0
    assert "p5.s2  I suggest moving on to the negotiations." in out
    assert "Smailov" not in out
    assert err.strip().endswith("segment(s) without a concept")


@pytest.mark.parametrize(
    "args", [[], ["Ufa", "--corpus"], ["Ufa", "--unmatched"]], ids=["none", "both", "unmatched"]
)
def test_find_needs_text_or_corpus(runner: CliRunner, sample: Path, args: list[str]) -> None:
    code, _, err = run(runner, sample, "find", *args)
    assert code == 2
    assert "TEXT or --corpus" in err or "--unmatched needs --corpus" in err


# --- lint and hand edits --------------------------------------------------------------------


def test_lint_shipped_glossary_is_clean(runner: CliRunner, shipped: Path) -> None:
    code, out, err = run(runner, shipped, "lint", "--fail-on", "warning")
    assert code == 0
    assert out == ""
    assert "0 error(s), 0 warning(s)" in err
    code, out, _ = run(runner, shipped, "lint", "--show", "info", "--format", "json")
    assert code == 0
    assert {item["check"] for item in json.loads(out)} == {"shadowed-variant"}


def test_lint_reports_a_hand_edit_and_exits_1(runner: CliRunner, sample: Path) -> None:
    ru = sample / "glossary" / "ru.po"
    text = ru.read_text(encoding="utf-8")
    # a terminologist lists the approved form of Kazakhstan as a wrong variant of Almaty
    ru.write_text(
        text.replace("# wrong: Алма-Ата\n", "# wrong: Алма-Ата\n# wrong: Казахстан\n", 1),
        encoding="utf-8",
    )
    code, out, err = run(runner, sample, "lint")
    assert code == 1
    lines = ru.read_text(encoding="utf-8").split("\n")
    line = lines.index("# wrong: Алма-Ата") + 1  # where the entry starts
    assert out.splitlines() == [
        f"glossary/ru.po:{line}: error: [wrong-collides] almaty: ru: wrong variant "
        "'Казахстан' is the approved form of kazakhstan"
    ]
    assert "1 error(s)" in err
    code, out, _ = run(runner, sample, "lint", "--format", "json")
    assert code == 1
    assert json.loads(out)[0]["check"] == "wrong-collides"
    # the other commands see the edit too
    code, out, _ = run(runner, sample, "show", "almaty")
    assert "    wrong:   Алма-Ата; Казахстан\n" in out


def test_malformed_file_is_one_error_line_with_file_and_line(
    runner: CliRunner, sample: Path
) -> None:
    template = sample / "glossary" / "glossary.pot"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("#. type: event", "#. type: happening", 1), encoding="utf-8")
    line = next(
        n for n, raw in enumerate(template.read_text().split("\n"), 1) if "happening" in raw
    )
    for args in (["list"], ["lint"], ["show", "ufa"], ["find", "Ufa"]):
        code, _, err = run(runner, sample, *args)
        assert code == 2
        assert err.splitlines() == [
            f"error: {template}:{line}: unknown type 'happening' of concept 'innoprom' "
            "(type is one of person, place, organisation, event, title, other)"
        ]


# --- the command line's vocabulary ----------------------------------------------------------

COMMANDS = ["list", "show", "add", "edit", "remove", "find", "lint", "import", "export", "discover"]


@pytest.mark.parametrize("command", COMMANDS)
def test_help_shows_plain_metavars(runner: CliRunner, command: str) -> None:
    result = runner.invoke(app, ["glossary", command, "--help"])
    assert result.exit_code == 0
    for noise in ("<list[", "[[", "<int", "<person|", "<table|", "<text|", "-t,", "table|"):
        assert noise not in result.stdout
    if "--lang" in result.stdout:
        assert "-l, --lang LANG" in result.stdout
    if "--type" in result.stdout:
        assert "  --type TYPE " in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["list", "--type", "town"], "Invalid value for '--type': 'town' is not one of 'person',"),
        (["list", "--format", "table"], "Invalid value for '--format': 'table' is not one of "),
        (["lint", "--show", "all"], "Invalid value for '--show': 'all' is not one of 'error',"),
        (["export", "--as", "xml"], "Invalid value for '--as': 'xml' is not one of 'csv',"),
        (["import", "x.csv", "--mode", "add"], "Invalid value for '--mode': 'add' is not one of"),
        (["list", "-t", "person"], "No such option: -t"),
    ],
)
def test_bad_options_say_what_is_allowed(
    runner: CliRunner, project: Path, args: list[str], message: str
) -> None:
    code, out, err = run(runner, project, *args)
    assert code == 2
    assert out == ""
    assert message in err
    assert "Value error" not in err


def long_glossary(project: Path) -> None:
    concepts = []
    for number in range(3):
        concepts.append(
            Concept(
                f"treaty-on-good-neighbourliness-{number}",
                ConceptType.OTHER,
                f"Treaty on Good-Neighbourliness and Alliance in the 21st Century No. {number}",
                targets=(
                    TargetTerm(
                        "ru", "Договор о добрососедстве и союзничестве в XXI веке " + "№1" * 20
                    ),
                    TargetTerm("kk", "XXI ғасырдағы тату көршілік және одақтастық туралы шарт"),
                ),
            )
        )
    concepts.append(Concept("ufa", ConceptType.PLACE, "Ufa", targets=(TargetTerm("ru", "Уфа"),)))
    write_glossary(load_settings(project), Termbase(tuple(concepts), ("ru", "kk")))


@pytest.mark.parametrize(("columns", "ids_whole"), [(80, False), (200, True)])
def test_list_fits_the_terminal(
    runner: CliRunner, project: Path, columns: int, ids_whole: bool
) -> None:
    long_glossary(project)
    code, out, err = run(runner, project, "list", columns=columns)
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 5
    assert max(len(line) for line in lines) <= columns
    assert all("…" in line for line in lines[1:4])  # every long row is cut...
    assert lines[4].split() == ["ufa", "place", "Ufa", "Уфа", "-"]  # ...a short one is not
    for number, line in enumerate(lines[1:4]):
        # ids stay whole while the cells beside them stay readable
        whole = line.startswith(f"treaty-on-good-neighbourliness-{number}  ")
        assert whole == ids_whole
        assert whole or line.split()[0].endswith("…")
    code, out, _ = run(runner, project, "list", "--format", "json", columns=columns)
    assert "…" not in out  # JSON is never cut
    assert len(json.loads(out)) == 4


def complete(runner: CliRunner, words: str) -> list[str]:
    """What the shell completion offers for the last (possibly empty) word of *words*."""
    cword = len(words.split()) - (0 if words.endswith(" ") else 1)
    env = {"_TOOLKIT_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)}
    result = runner.invoke(app, [], prog_name="toolkit", env=env)
    assert result.exit_code == 0, result.output
    return result.stdout.split()


@pytest.mark.parametrize(
    ("words", "offered"),
    [
        ("glossary show treaty-on-good-neighbourliness-", ["-0", "-1", "-2"]),
        ("glossary edit u", ["ufa"]),
        ("glossary remove ", ["-0", "-1", "-2", "ufa"]),
        ("glossary list --lang ", ["ru", "kk"]),
        ("glossary export -l k", ["kk"]),
        ("glossary import x.csv --lang r", ["ru"]),
        ("glossary list --type p", ["person", "place"]),
        ("glossary lint --format ", ["text", "json"]),
    ],
)
def test_completion_offers_concepts_and_languages(
    runner: CliRunner, project: Path, words: str, offered: list[str]
) -> None:
    long_glossary(project)
    found = complete(runner, f"toolkit --project {project} {words}")
    prefix = "treaty-on-good-neighbourliness"
    assert found == [f"{prefix}{item}" if item.startswith("-") else item for item in offered]


@pytest.mark.parametrize(
    "words", ["glossary show ", "glossary list --lang ", "glossary edit a"], ids=str
)
def test_completion_without_a_project_offers_nothing(
    runner: CliRunner, tmp_path: Path, words: str
) -> None:
    assert complete(runner, f"toolkit --project {tmp_path / 'none'} {words}") == []
