"""Projects for the translate job's tests, a stand-in engine, and a process that holds the lock.

The job's own tests run on ``tests/data/jobs/project``: three short articles, five glossary
concepts and complete ru/kk catalogs, so editing the shipped corpus or glossary never breaks
them. Tests whose subject is the shipped content (and the end-to-end runs, whose fixture models
memorised shipped sentences) copy the repository's corpus with :func:`copy_project`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.config import Settings
from toolkit.engines import Route, Translation
from toolkit.errors import EngineUnavailable
from toolkit.gettext import pofile
from toolkit.gettext.model import Catalog

REPO = Path(__file__).resolve().parents[1]
JOBS_PROJECT = Path(__file__).resolve().parent / "data" / "jobs" / "project"

# The shipped corpus: an article, and the id a copy of it gets.
DUPLICATE = "2099-01-01-republished-innoprom"
ORIGINAL = "2022-07-04-smailov-mishustin-innoprom"


def toolkit_section() -> str:
    """The repository's own [tool.toolkit] table, as the user wrote it."""
    lines = (REPO / "pyproject.toml").read_text(encoding="utf-8").splitlines()
    start = lines.index("[tool.toolkit]")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("[")), len(lines))
    return "\n".join(lines[start:end]).strip() + "\n"


def copy_project(dest: Path, *, translations: bool = False) -> Path:
    """The real corpus and glossary in a throwaway project; shipped catalogs on request."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "corpus", dest / "corpus")
    shutil.copytree(REPO / "glossary", dest / "glossary")
    if translations:
        shutil.copytree(REPO / "translations", dest / "translations")
    # The repository's name and version too: templates name them, so the shipped ones match.
    meta = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    (dest / "pyproject.toml").write_text(
        f'[project]\nname = "{meta["name"]}"\nversion = "{meta["version"]}"\n\n'
        + toolkit_section(),
        encoding="utf-8",
    )
    return dest


def copy_job_project(dest: Path, *, translations: bool = False) -> Path:
    """The job tests' own project in a throwaway folder; its catalogs on request."""
    shutil.copytree(JOBS_PROJECT, dest, ignore=None if translations else _no_translations)
    return dest


def _no_translations(folder: str, names: list[str]) -> list[str]:
    return ["translations"] if Path(folder) == JOBS_PROJECT else []


def republish(root: Path, original: str = ORIGINAL, new_id: str = DUPLICATE) -> None:
    """The same article again under another id: its catalog starts empty."""
    corpus = root / "corpus"
    shutil.copy(corpus / f"{original}.txt", corpus / f"{new_id}.txt")
    meta = (corpus / f"{original}.json").read_text(encoding="utf-8")
    (corpus / f"{new_id}.json").write_text(meta.replace(original, new_id), encoding="utf-8")


@dataclass
class Tagger:
    """Stand-in engine: "[ru] <source>"; serves only the pairs it is given; records calls."""

    served: set[tuple[str, str]]
    name: str = "tagger"
    calls: list[tuple[str, list[str]]] = field(default_factory=list)

    def pairs(self) -> set[tuple[str, str]]:
        return set(self.served)

    def route(self, source: str, target: str) -> Route:
        if (source, target) not in self.served:
            raise EngineUnavailable(
                f"no package for {source} -> {target}",
                hint=f"toolkit models add FILE.argosmodel ({source}->{target})",
            )
        return Route(source, target, steps=(f"tagger {source}_{target} 1.0",))

    def translate(self, segments: Sequence[str], source: str, target: str) -> list[Translation]:
        self.calls.append((target, list(segments)))
        return [Translation(f"[{target}] {s}", f"tagger {source}_{target} 1.0") for s in segments]

    def sent(self, target: str) -> list[str]:
        return [s for t, segments in self.calls if t == target for s in segments]


BOTH = {("en", "ru"), ("en", "kk")}


def catalogs(settings: Settings, language: str) -> dict[str, Catalog]:
    folder = settings.catalog_dir(language)
    return {p.stem: pofile.read_catalog(p) for p in sorted(folder.glob("*.po"))}


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


HOLDER = """\
import sys, time
from pathlib import Path
from toolkit.config import load_settings
from toolkit.jobs import job_lock
with job_lock(load_settings(Path(sys.argv[1]))):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def hold_lock(root: Path, seconds: float) -> subprocess.Popen[str]:
    """Another process holding the project's job lock for *seconds*."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(root), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "held"
    return process
