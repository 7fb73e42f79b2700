"""The terminal view: wrapping to a width, term markers or ANSI styles, the columns."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from toolkit.config import load_settings
from toolkit.review.model import ReviewCatalog, review_catalogs
from toolkit.review.terminal import Layout, Mark, display_width, render_catalog, render_entry, wrap

DATA = Path(__file__).parent / "data" / "review" / "project"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def ru(tmp_path_factory: pytest.TempPathFactory) -> ReviewCatalog:
    root = tmp_path_factory.mktemp("review") / "project"
    shutil.copytree(DATA, root)
    settings = load_settings(root)
    (review,) = review_catalogs(settings, [root / "translations/ru/sample.po"])
    return review


def entry(review: ReviewCatalog, label: str):  # type: ignore[no-untyped-def]
    return next(e for e in review.entries if e.label == label)


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        ("", 10, [""]),
        ("short", 10, ["short"]),
        ("one two three four", 9, ["one two", "three", "four"]),
        ("one two three four", 13, ["one two three", "four"]),
        # A word longer than the line is cut; spaces at a break are dropped.
        ("abcdefghij xy", 4, ["abcd", "efgh", "ij", "xy"]),
        ("a  b", 10, ["a  b"]),  # a double space inside a line stays visible
        ("first\nsecond line", 20, ["first", "second line"]),
        (
            "Премьер-Министр Республики Казахстан",
            16,
            ["Премьер-Министр", "Республики", "Казахстан"],
        ),
        (
            "90\u00a0000 казахов",
            4,
            ["90\u00a00", "00", "каза", "хов"],
        ),  # no break at a no-break space
    ],
)
def test_wrap(text: str, width: int, lines: list[str]) -> None:
    assert wrap(text, width) == lines


@pytest.mark.parametrize(
    ("marks", "color", "lines"),
    [
        ([Mark(0, 6, "term")], False, ["[Алихан] Смаилов", "и Смайлов"]),
        ([Mark(0, 14, "term")], False, ["[Алихан Смаилов]", "и Смайлов"]),
        ([Mark(17, 24, "wrong")], False, ["Алихан Смаилов и", "[!Смайлов]"]),
        (
            [Mark(0, 14, "term"), Mark(17, 24, "wrong")],
            True,
            [
                "\x1b[1;36mАлихан Смаилов\x1b[0m и",
                "\x1b[1;4;31mСмайлов\x1b[0m",
            ],
        ),
    ],
)
def test_wrap_marks(marks: list[Mark], color: bool, lines: list[str]) -> None:
    text = "Алихан Смаилов и Смайлов"
    assert wrap(text, 16, marks, color=color) == lines


def test_a_styled_term_across_lines_is_closed_and_reopened() -> None:
    lines = wrap("the Republic of Kazakhstan today", 16, [Mark(4, 26, "term")], color=True)
    assert lines == [
        "the \x1b[1;36mRepublic of\x1b[0m",
        "\x1b[1;36mKazakhstan\x1b[0m today",
    ]


@pytest.mark.parametrize(("text", "width"), [("abc", 3), ("Ж", 1), ("日本", 4), ("e\u0301", 1)])
def test_display_width(text: str, width: int) -> None:
    assert display_width(text) == width


def test_entry_shows_both_texts_state_findings_and_markers(ru: ReviewCatalog) -> None:
    lines = render_entry(entry(ru, "p2.s1"), Layout(width=100))
    text = "\n".join(lines)
    assert lines[0].startswith("── p2.s1 · translations/ru/sample.po:45 ──")
    assert "There are over 90,000 Kazakhs" in text
    assert "В консульском округе проживает" in text
    assert "| fuzzy" in lines[1]
    assert "1 finding" in lines[2]
    assert "  error    numbers: '7,000' of the source is not in the translation" in text
    marked = "\n".join(render_entry(entry(ru, "p1.s2"), Layout(width=100)))
    assert "[Alikhan Smailov] arrived in" in marked
    assert "[Алихан Смаилов] прибыл в [Екатеринбург]" in marked
    assert "enforced alikhan-smailov: Смайлов -> Смаилов" in marked
    assert "previous source: Alikhan Smailov arrived in Ekaterinburg for INNOPROM." in marked
    assert "note: Machine translation; the engine wrote Смайлов." in marked
    untranslated = "\n".join(render_entry(entry(ru, "p4.s1"), Layout(width=100)))
    assert "(no translation)" in untranslated and "untranslated" in untranslated


@pytest.mark.parametrize("width", [40, 60, 80, 109, 110, 160])
def test_lines_fit_the_width(ru: ReviewCatalog, width: int) -> None:
    for color in (False, True):
        lines = render_catalog(ru, ru.entries, Layout(width=width, color=color))
        too_long = [line for line in lines if display_width(ANSI.sub("", line)) > width]
        assert too_long == []
        assert all(line == line.rstrip() for line in lines)


def test_plain_output_has_no_escape_codes_and_color_has_no_markers(ru: ReviewCatalog) -> None:
    plain = "\n".join(render_catalog(ru, ru.entries, Layout(width=100)))
    assert "\x1b" not in plain
    assert "[Алихан Смаилов]" in plain
    styled = "\n".join(render_catalog(ru, ru.entries, Layout(width=100, color=True)))
    assert "\x1b[1;36mАлихан Смаилов\x1b[0m" in styled
    assert "[Алихан Смаилов]" not in styled
    # Every line closes what it opens: a pager may show any line alone.
    for line in styled.splitlines():
        assert line.count("\x1b[0m") == len(re.findall(r"\x1b\[[0-9;]*[1-9][0-9;]*m", line))


def test_wide_layout_puts_findings_in_a_column(ru: ReviewCatalog) -> None:
    narrow = render_entry(entry(ru, "p2.s1"), Layout(width=100))
    wide = render_entry(entry(ru, "p2.s1"), Layout(width=140))
    assert any(line.startswith("  error") for line in narrow)
    assert not any(line.startswith("  error") for line in wide)
    assert "| error    numbers:" in wide[1]
    header = render_catalog(ru, [], Layout(width=140))
    assert re.split(r"\s*\|\s*", header[2]) == [
        "Source (en)",
        "Translation (ru)",
        "State",
        "Findings",
    ]
    assert header[0] == (
        "translations/ru/sample.po (ru): 7 entries, 3 translated, 3 fuzzy, 1 untranslated; 0 shown"
    )
