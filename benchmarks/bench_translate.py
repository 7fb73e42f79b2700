"""Benchmark of the translate job against argostranslate's per-sentence translate(), in one run.

Usage: python benchmarks/bench_translate.py [--sentences N] [--large N | --no-large]
                                            [--repeat N] [--no-glossary]
                                            [--package FILE] [--batch-size N] [--keep DIR]

One Argos package (the en->ru test fixture by default: a tiny real CTranslate2 model, see
tests/models/README.md) is installed with argostranslate's ``install_from_path`` into a temporary
package folder, and a synthetic project is written whose articles hold N distinct English
sentences: the corpus's sentences, repeated with variations (numbers shifted, a lead-in or an
attribution added), one paragraph each, 40 per article, with the repository's glossary. The same
sentences are translated three ways, with the same decoding settings (beam 4, CPU, batch 32,
argostranslate's defaults):

(a) ``toolkit translate --lang ru`` end to end, as a user runs it, in a fresh process: start-up,
    corpus reading and segmentation, templates, merge, memory, the engine, glossary enforcement
    of every machine translation (``--no-glossary`` leaves it out), writing every catalog;
(b) a loop of argostranslate's own ``translate()``, one call per sentence (model loaded before
    the clock starts: the loop alone);
(c) the raw engine: ``ArgosEngine.translate`` on all sentences at once, without catalogs, in a
    fresh process (start-up and model load included, as in (a)); its time inside the process
    (model loaded, translation only) is shown too.

(a) and (c) take turns ``--repeat`` times (default 3) at the main size and the best of each
counts, so that a busy moment of a shared machine favours neither; (b) runs once.

Printed: times, sentences per second, the ratios (targets: (a) at least 3x faster than (b), and
within 1.5x of (c)), the job's peak memory (maximum resident set of its process, from wait4), a
rerun of the job (nothing left to do), and how (a) and (c) grow from N to the large size
(default 20,000, one run each; (b) is not rerun at that size: it is linear per sentence).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_PACKAGE = REPO / "tests" / "data" / "models" / "fixture-en_ru.argosmodel"
PER_ARTICLE = 40

LEADS = ("", "Meanwhile, ", "On Tuesday, ", "According to officials, ", "In Almaty, ")
LOWER_FIRST = {"The", "A", "In", "On", "During", "This", "It", "We", "There", "At", "As"}
TAILS = ("", ", officials said", ", the press service reported", ", according to the ministry")

RUN_CLI = (
    "import sys, toolkit.cli.translate; from toolkit.cli import main; "
    "sys.argv[0] = 'toolkit'; main()"
)
RAW_ENGINE = """\
import json, sys, time
from pathlib import Path
from typing import Any
started = time.perf_counter()
from toolkit.engines.argos import ArgosEngine, ArgosOptions, list_packages, load_model
sentences = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
options = ArgosOptions(device="cpu", batch_size=int(sys.argv[3]))
engine = ArgosEngine(list_packages([Path(sys.argv[2])]), options)
load_model(engine.chain("en", "ru")[0], engine.options)
loaded = time.perf_counter()
out = engine.translate(sentences, "en", "ru")
done = time.perf_counter()
assert len(out) == len(sentences) and all(t.text for t in out)
print(json.dumps({"load": loaded - started, "translate": done - loaded}))
"""

# argostranslate's translate() per sentence; the model and the sentencizer are loaded by a first
# call before the clock starts, so the loop alone is timed.
ARGOS_LOOP = """\
import json, sys, time
from pathlib import Path
from typing import Any
from argostranslate import translate
sentences = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
translate.translate(sentences[0], "en", "ru")
started = time.perf_counter()
out = [translate.translate(s, "en", "ru") for s in sentences]
print(json.dumps({"loop": time.perf_counter() - started}))
"""
INSTALL = """\
import sys
from pathlib import Path
from typing import Any
from argostranslate import package
package.install_from_path(Path(sys.argv[1]))
"""


# --- the synthetic project -----------------------------------------------------------------


def corpus_sentences() -> list[str]:
    """The corpus's body sentences (titles, datelines and captions left out)."""
    from toolkit.config import load_settings
    from toolkit.corpus.articles import load_corpus
    from toolkit.corpus.segmentation import SegmentKind

    settings = load_settings(REPO)
    return [
        s.text
        for article in load_corpus(settings)
        for s in article.translatable
        if s.kind is SegmentKind.TEXT and s.text.endswith(".")
    ]


def vary(sentence: str, k: int) -> str:
    """Variation *k* of a sentence: numbers shifted, a lead-in, an attribution."""
    lead = LEADS[k % len(LEADS)]
    tail = TAILS[(k // len(LEADS)) % len(TAILS)]
    shift = k // (len(LEADS) * len(TAILS))
    text = re.sub(r"\d+", lambda m: str(int(m.group()) + shift), sentence) if shift else sentence
    if lead and text.split(" ", 1)[0] in LOWER_FIRST:
        text = text[0].lower() + text[1:]
    if shift and not re.search(r"\d", sentence):
        tail = f"{tail} on day {shift}"
    return f"{lead}{text[:-1]}{tail}."


def make_project(root: Path, count: int) -> None:
    """A project whose corpus holds *count* distinct generated sentences."""
    from toolkit.corpus.articles import ArticleMeta, meta_to_json

    pool = corpus_sentences()
    sentences: list[str] = []
    seen: set[str] = set()
    k = 0
    while len(sentences) < count:
        for sentence in pool:
            text = vary(sentence, k)
            if text not in seen:
                seen.add(text)
                sentences.append(text)
                if len(sentences) == count:
                    break
        k += 1
    corpus = root / "corpus"
    corpus.mkdir(parents=True)
    for n, start in enumerate(range(0, count, PER_ARTICLE)):
        article = f"2030-01-01-bench-{n:05d}"
        body = "\n\n".join(sentences[start : start + PER_ARTICLE]) + "\n"
        (corpus / f"{article}.txt").write_text(body, encoding="utf-8")
        meta = ArticleMeta(
            id=article,
            title=f"Benchmark article number {n}",
            date=None,
            source=None,
            dateline=None,
            origin=None,
        )
        (corpus / f"{article}.json").write_text(meta_to_json(meta), encoding="utf-8")
    # The project's real glossary: the job enforces it on every machine translation.
    shutil.copytree(REPO / "glossary", root / "glossary")
    (root / "pyproject.toml").write_text(
        '[project]\nname = "bench"\nversion = "0"\n\n'
        '[tool.toolkit]\nsource_language = "en"\ntarget_languages = ["ru"]\n',
        encoding="utf-8",
    )


def job_segments(root: Path) -> list[str]:
    """Exactly the segments the job will translate: every template message, in order."""
    from toolkit.config import load_settings
    from toolkit.corpus.articles import load_corpus
    from toolkit.project.extract import build_template

    settings = load_settings(root)
    return [
        m.msgid
        for article in load_corpus(settings)
        for m in build_template(article, settings).messages
    ]


# --- measuring -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float  # maximum resident set size of the process
    stdout: str
    stderr: str


def run_process(args: list[str], env: dict[str, str], workdir: Path) -> Run:
    """Run a child and return its wall time and its own peak memory (wait4, not the group's)."""
    out_path, err_path = workdir / "out.txt", workdir / "err.txt"
    with out_path.open("w") as out, err_path.open("w") as err:
        started = time.perf_counter()
        child = subprocess.Popen(args, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
    stdout, stderr = out_path.read_text(), err_path.read_text()
    if child.returncode != 0:
        raise SystemExit(f"{args[:3]} failed ({child.returncode}):\n{stderr}")
    return Run(seconds, usage.ru_maxrss / 1024, stdout, stderr)


def run_job(
    root: Path, env: dict[str, str], options: argparse.Namespace
) -> tuple[Run, dict[str, Any]]:
    args = [
        sys.executable, "-c", RUN_CLI, "--project", str(root), "translate", "--lang", "ru",
        "--device", "cpu", "--batch-size", str(options.batch_size),
    ]  # fmt: skip
    if options.no_glossary:
        args.append("--no-glossary")
    run = run_process(args, env, root)
    return run, summary_of(run)


def summary_of(run: Run) -> dict[str, Any]:
    """The TOTAL row of the job's table (as a user sees it; JSON output would cost memory)."""
    total = next(line for line in run.stdout.splitlines() if line.startswith("TOTAL"))
    _, _, reused, machine, empty, _ = total.split()
    found = re.search(r"glossary enforcement: (\d+) finding", run.stderr)
    return {
        "reused": int(reused),
        "machine": int(machine),
        "empty": int(empty),
        "findings": int(found.group(1)) if found else 0,
    }


def fresh_job(
    root: Path, env: dict[str, str], options: argparse.Namespace
) -> tuple[Run, dict[str, Any]]:
    """The job on a project without catalogs (as after `toolkit extract`, nothing translated)."""
    for folder in ("translations", "build"):
        shutil.rmtree(root / folder, ignore_errors=True)
    return run_job(root, env, options)


def run_raw(
    sentences: list[str], packages: Path, env: dict[str, str], batch: int, work: Path
) -> tuple[Run, dict[str, float]]:
    data = work / "sentences.json"
    data.write_text(json.dumps(sentences, ensure_ascii=False), encoding="utf-8")
    run = run_process(
        [sys.executable, "-c", RAW_ENGINE, str(data), str(packages), str(batch)], env, work
    )
    return run, json.loads(run.stdout)


def run_loop(sentences: list[str], env: dict[str, str], work: Path) -> float:
    """argostranslate's translate(), one sentence per call, timed inside its own process."""
    data = work / "sentences.json"
    data.write_text(json.dumps(sentences, ensure_ascii=False), encoding="utf-8")
    run = run_process([sys.executable, "-c", ARGOS_LOOP, str(data)], env, work)
    return float(json.loads(run.stdout)["loop"])


# --- the run -------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=2_000, help="size of the main run")
    parser.add_argument("--large", type=int, default=20_000, help="size of the growth run")
    parser.add_argument("--no-large", action="store_true", help="skip the growth run")
    parser.add_argument("--package", type=Path, default=DEFAULT_PACKAGE, help=".argosmodel file")
    parser.add_argument("--batch-size", type=int, default=32, help="engine batch size")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument(
        "--repeat", type=int, default=3, help="best of N runs of (a) and (c) at the main size"
    )
    parser.add_argument(
        "--no-glossary", action="store_true", help="run the job without glossary enforcement"
    )
    options = parser.parse_args()
    if not options.package.is_file():
        raise SystemExit(f"no package file {options.package}")

    work = options.keep or Path(tempfile.mkdtemp(prefix="bench-translate-"))
    work.mkdir(parents=True, exist_ok=True)
    home = work / "home"
    packages = home / "packages"
    # argostranslate reads these when first imported: set them before anything imports it.
    env_vars = {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "ARGOS_PACKAGES_DIR": str(packages),
        "ARGOS_DEVICE_TYPE": "cpu",
    }
    os.environ.update(env_vars)
    for key in ("ARGOS_BEAM_SIZE", "ARGOS_COMPUTE_TYPE", "ARGOS_BATCH_SIZE"):
        os.environ.pop(key, None)
    env = dict(os.environ)
    try:
        # Every measurement runs in a child process, and so does the installation: a child's
        # peak memory (wait4) starts from its parent's size at fork, which stays small here.
        if not packages.is_dir() or not any(packages.iterdir()):
            run_process([sys.executable, "-c", INSTALL, str(options.package)], env, work)
        print(f"package:   {options.package.name} installed in {packages}")
        print(f"machine:   {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
        sizes = [options.sentences] + ([] if options.no_large else [options.large])
        results: dict[int, dict[str, float]] = {}
        for size in sizes:
            results[size] = measure(size, work, packages, env, options, with_loop=size == sizes[0])
        report(results, sizes)
    finally:
        if options.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def measure(
    size: int,
    work: Path,
    packages: Path,
    env: dict[str, str],
    options: argparse.Namespace,
    *,
    with_loop: bool,
) -> dict[str, float]:
    root = work / f"project-{size}"
    shutil.rmtree(root, ignore_errors=True)
    make_project(root, size)
    sentences = job_segments(root)
    print(f"\n== {size:,} sentences ({len(sentences):,} segments with the article titles) ==")
    row: dict[str, float] = {"segments": len(sentences)}

    # (a) and (c) take turns, so that a busy moment of the machine does not favour either.
    repeat = options.repeat if with_loop else 1
    jobs, raws = [], []
    for _ in range(repeat):
        jobs.append(fresh_job(root, env, options))
        raws.append(run_raw(sentences, packages, env, options.batch_size, work))
    job, summary = min(jobs, key=lambda pair: pair[0].seconds)
    raw, inner = min(raws, key=lambda pair: pair[0].seconds)
    totals = summary
    assert totals["machine"] == len(sentences) and totals["empty"] == 0, totals
    best = f"best of {repeat}" if repeat > 1 else "one run"
    row["job"], row["job_mb"] = job.seconds, job.peak_mb
    print(
        f"(a) toolkit translate:        {job.seconds:8.2f} s   peak memory {job.peak_mb:.0f} MB "
        f"({best}; {summary['findings']} glossary findings)"
    )
    rerun, again = run_job(root, env, options)
    assert again["machine"] == 0
    row["rerun"] = rerun.seconds
    print(f"    rerun (nothing to do):    {rerun.seconds:8.2f} s")
    row["raw"], row["raw_inner"], row["raw_mb"] = raw.seconds, inner["translate"], raw.peak_mb
    print(
        f"(c) raw engine, own process:  {raw.seconds:8.2f} s   "
        f"(translate_batch {inner['translate']:.2f} s, load {inner['load']:.2f} s; "
        f"peak memory {raw.peak_mb:.0f} MB)"
    )
    if with_loop:
        loop = run_loop(sentences, env, work)
        row["loop"] = loop
        print(f"(b) argostranslate loop:      {loop:8.2f} s   (model loaded before the clock)")
    return row


def report(results: dict[int, dict[str, float]], sizes: list[int]) -> None:
    main_row = results[sizes[0]]
    n = main_row["segments"]
    print("\n== ratios at", f"{sizes[0]:,} sentences ==")
    speedup = main_row["loop"] / main_row["job"]
    overhead = main_row["job"] / main_row["raw"]
    print(
        f"(b)/(a) job vs argostranslate loop: {speedup:5.2f}x faster   "
        f"target >= 3x: {'met' if speedup >= 3 else 'NOT met'}"
    )
    print(
        f"(a)/(c) job vs raw engine:          {overhead:5.2f}x          "
        f"target <= 1.5x: {'met' if overhead <= 1.5 else 'NOT met'}"
    )
    alone = main_row["job"] / main_row["raw_inner"]
    print(f"(a)/(c inside) job vs translate_batch alone: {alone:.2f}x")
    print(
        f"sentences/s: job {n / main_row['job']:.0f}, raw engine {n / main_row['raw']:.0f}, "
        f"argostranslate loop {n / main_row['loop']:.0f}"
    )
    if len(sizes) > 1:
        large = results[sizes[1]]
        factor = large["segments"] / n
        print(f"\n== growth from {sizes[0]:,} to {sizes[1]:,} sentences ({factor:.0f}x) ==")
        for key, label in (
            ("job", "(a) job"),
            ("raw", "(c) raw engine"),
            ("raw_inner", "(c) inside"),
        ):
            grew = large[key] / main_row[key]
            print(
                f"{label:<16} {main_row[key]:8.2f} s -> {large[key]:8.2f} s   x{grew:5.2f}   "
                f"{1000 * main_row[key] / n:.2f} -> {1000 * large[key] / large['segments']:.2f} "
                "ms/segment"
            )
        print(
            f"peak memory of the job: {main_row['job_mb']:.0f} MB -> {large['job_mb']:.0f} MB; "
            f"rerun {main_row['rerun']:.2f} s -> {large['rerun']:.2f} s"
        )


if __name__ == "__main__":
    main()
