"""The HTML review report in a real headless Chromium: rows, highlights, findings, filters,
phone and desktop screenshots.

Chromium is Debian's package (``scripts/setup.sh`` installs it). The page is loaded from a
file with ``--dump-dom``, which prints the DOM after the page's script ran; a filter is chosen
through the address (``#state=fuzzy``), as a link to a filtered report would.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from toolkit.config import load_settings
from toolkit.review.html import render_report
from toolkit.review.model import review_catalogs

DATA = Path(__file__).parent / "data" / "review" / "project"
CHROMIUM = next(
    (found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))), None
)
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
)

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium not found (scripts/setup.sh installs Debian's chromium)"
)


class Dom(HTMLParser):
    """The elements of a dumped DOM with their attributes, and the text of #shown."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.shown = ""
        self._in_shown = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.elements.append((tag, values))
        self._in_shown = values.get("id") == "shown"

    def handle_endtag(self, tag: str) -> None:
        self._in_shown = False

    def handle_data(self, data: str) -> None:
        if self._in_shown:
            self.shown += data

    def find(self, tag: str, cls: str | None = None) -> list[dict[str, str]]:
        return [
            a
            for t, a in self.elements
            if t == tag and (cls is None or cls in a.get("class", "").split())
        ]


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("browser") / "project"
    shutil.copytree(DATA, root)
    reviews = review_catalogs(load_settings(root), [root / "translations/ru/sample.po"])
    path = root / "review.html"
    path.write_text(render_report(reviews), encoding="utf-8")
    return path


def chromium(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def dump(page: Path, profile: Path, fragment: str = "") -> Dom:
    done = chromium(profile, "--dump-dom", page.as_uri() + fragment)
    assert done.returncode == 0, done.stderr[-2000:]
    dom = Dom()
    dom.feed(done.stdout)
    return dom


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_rows_highlights_findings_and_filters_after_the_script_ran(
    page: Path, tmp_path: Path
) -> None:
    dom = dump(page, tmp_path / "profile")
    (body,) = dom.find("body")
    assert body["data-ready"] == "1" and "nojs" not in body.get("class", "")
    assert body["data-shown"] == "7"
    assert dom.shown == "7 of 7 entries shown"
    rows = dom.find("div", "entry")
    assert [r["data-state"] for r in rows] == [
        "translated", "translated", "fuzzy", "fuzzy", "fuzzy", "translated", "untranslated",
    ]  # fmt: skip
    assert not any("hidden" in r for r in rows)
    titles = {m["title"] for m in dom.find("mark", "term")}
    assert "alikhan-smailov: official ru: Алихан Смаилов" in titles
    assert "innoprom: official ru: ИННОПРОМ" in titles
    assert len(dom.find("mark", "term")) >= 20
    assert [li["class"] for li in dom.find("li") if li.get("class", "").startswith("sev-")] == [
        "sev-error", *["sev-warning"] * 5,
    ]  # fmt: skip
    assert [i["value"] for i in dom.find("input") if i.get("name") == "state"] == [
        "translated", "fuzzy", "untranslated",
    ]  # fmt: skip
    assert [o["value"] for o in dom.find("option")] == [
        "",
        "*",
        "-",
        "latin-residue",
        "numbers",
        "quotes",
    ]
    assert {c["lang"] for c in dom.find("div", "src")} == {"en"}
    assert {c["lang"] for c in dom.find("div", "tgt")} == {"ru"}
    # Catalog text stayed text: the only script element is the page's own.
    assert len(dom.find("script")) == 1


@pytest.mark.parametrize(
    ("fragment", "shown", "visible"),
    [
        ("#state=fuzzy", "3", ["fuzzy", "fuzzy", "fuzzy"]),
        ("#state=untranslated,translated", "4", ["translated"] * 3 + ["untranslated"]),
        ("#check=numbers", "1", ["fuzzy"]),
        ("#state=translated&check=*", "1", ["translated"]),
        (
            "#check=no-such-check",
            "7",
            ["translated"] * 2 + ["fuzzy"] * 3 + ["translated", "untranslated"],
        ),
    ],
)
def test_filter_from_the_address(
    page: Path, tmp_path: Path, fragment: str, shown: str, visible: list[str]
) -> None:
    dom = dump(page, tmp_path / "profile", fragment)
    (body,) = dom.find("body")
    assert body["data-shown"] == shown
    assert re.fullmatch(rf"{shown} of 7 entries shown", dom.shown)
    rows = dom.find("div", "entry")
    assert [r["data-state"] for r in rows if "hidden" not in r] == visible


@pytest.mark.parametrize(("width", "columns"), [(390, "1"), (1280, "3")])
def test_columns_stack_at_phone_width(page: Path, tmp_path: Path, width: int, columns: str) -> None:
    done = chromium(tmp_path / "profile", "--dump-dom", f"--window-size={width},900", page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    dom = Dom()
    dom.feed(done.stdout)
    (body,) = dom.find("body")
    assert body["data-columns"] == columns


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 900)])
def test_screenshots(page: Path, tmp_path: Path, width: int, height: int) -> None:
    shot = tmp_path / f"review-{width}.png"
    done = chromium(
        tmp_path / "profile",
        f"--screenshot={shot}",
        f"--window-size={width},{height}",
        page.as_uri(),
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert shot.is_file() and shot.stat().st_size > 20_000
    assert png_size(shot) == (width, height)
