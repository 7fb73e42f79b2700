"""Benchmark of the glossary matcher against a naive baseline, in the same run.

Usage: python benchmarks/bench_matcher.py [--quick] [--seed N]

A deterministic synthetic glossary (concepts with three variants each: people, places,
organisations, titles, built from transliteration-like syllables) is searched in synthetic news
sentences that name some of its terms, in ALL CAPS, possessive or dashed forms now and then, and
contain near misses (adjectives such as ``Karatauian`` that start with a term). Reported:

- throughput of ``Matcher.find`` (sentences/s, MB/s of UTF-8 text) and microseconds per sentence;
- how the cost grows with glossary size (100, 1,000, 10,000 concepts, same text) and with text
  size (10%, 50%, 100% of the sentences, 10,000 concepts);
- the baseline, one compiled regex alternation of every variant (longest first, ``\\b``,
  IGNORECASE), timed on the same sentences; it is far too slow for the whole text, so it runs on
  the first sentences for a fixed time budget and its total is extrapolated (the table says on how
  many).

Targets: cost per sentence flat in glossary size and constant in text size (linear total), and the
matcher at least 10x faster than the baseline at 10,000 concepts.
"""

# Dashes and typographic apostrophes are part of the synthetic text on purpose.

from __future__ import annotations

import argparse
import gc
import random
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass

from toolkit.glossary.matcher import Matcher

CONCEPTS = (100, 1_000, 10_000)

ONSETS = ["b", "ch", "d", "g", "k", "kh", "l", "m", "n", "p", "r", "s", "sh", "t", "v", "y", "z"]
VOWELS = ["a", "e", "i", "o", "u", "ye", "ya", "yu"]
CODAS = ["", "", "", "n", "r", "l", "k", "t", "m", "s"]
SURNAME_ENDS = ["ov", "ev", "in", "bekov", "uly", "enko", "ova", "skiy"]
PLACE_ENDS = ["sk", "grad", "abad", "tau", "kol", "burg", "ino", "ovka"]
NOUNS = [
    "Trade",
    "Energy",
    "Industry",
    "Transport",
    "Agriculture",
    "Education",
    "Finance",
    "Health",
    "Culture",
    "Justice",
    "Defence",
    "Labour",
    "Ecology",
    "Digital Development",
    "Foreign Affairs",
    "Economy",
    "Investment",
    "Innovation",
    "Sport",
    "Tourism",
    "Water Resources",
    "Emergencies",
]
ORG_KINDS = ["Council", "Forum", "Union", "Commission", "Agency", "Committee", "Fund", "Exhibition"]
ORG_ADJECTIVES = [
    "Eurasian",
    "Interregional",
    "International",
    "Regional",
    "Supreme",
    "Joint",
    "National",
    "Intergovernmental",
    "Northern",
    "Central",
    "Industrial",
    "Economic",
    "Scientific",
]
_FILLER_WORDS = (
    "the of and to in a on for with at by from as that this was were is are be has have had will "
    "would said says its their his her our they we it which who also more than after before during "
    "between about over into new first last year years month week day meeting talks visit "
    "cooperation partnership development trade economic relations countries government minister "
    "president delegation agreement programme project projects investment industry growth billion "
    "million percent region regions city capital border forum session plenary exhibition officials "
    "discussed signed expressed noted stressed emphasized announced opened held took place reached "
    "record level volume turnover strategic bilateral mutual joint further important key major "
    "issues areas sectors transport energy agriculture education culture science technology "
    "digital economy support expand strengthen boost increase develop implement ensure continue "
    "promote"
)
FILLER = _FILLER_WORDS.split()


@dataclass(frozen=True)
class Concept:
    key: str
    variants: tuple[str, str, str]


def _syllables(rng: random.Random, count: int) -> str:
    return "".join(
        rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(count)
    )


def _transliterate(name: str) -> str:
    """A second spelling, the way kh/h, ye/e, y/i and doubled letters vary in the corpus."""
    for old, new in (("kh", "h"), ("ye", "e"), ("yu", "iu"), ("ya", "ia"), ("y", "i")):
        if old in name.lower():
            return re.sub(old, new, name, count=1, flags=re.IGNORECASE)
    return name + name[-1]


def _person(rng: random.Random) -> tuple[str, str, str]:
    first = _syllables(rng, rng.randint(2, 3)).capitalize()
    last = (_syllables(rng, rng.randint(1, 2)) + rng.choice(SURNAME_ENDS)).capitalize()
    return f"{first} {last}", f"{_transliterate(first)} {last}", last


def _place(rng: random.Random) -> tuple[str, str, str]:
    name = (_syllables(rng, rng.randint(1, 3)) + rng.choice(PLACE_ENDS)).capitalize()
    if rng.random() < 0.2:
        name = f"{_syllables(rng, 2).capitalize()}-{name}"
    return name, _transliterate(name), f"{name} region"


def _organisation(rng: random.Random) -> tuple[str, str, str]:
    adjectives = rng.sample(ORG_ADJECTIVES, rng.randint(1, 2))
    noun = rng.choice(NOUNS)
    kind = rng.choice(ORG_KINDS)
    place = (_syllables(rng, 2) + rng.choice(PLACE_ENDS)).capitalize()
    full = f"{' '.join(adjectives)} {noun} {kind} of {place}"
    inverted = f"{kind} of {' '.join(adjectives)} {noun} of {place}"
    acronym = "".join(w[0] for w in [*adjectives, *noun.split(), kind]).upper() + place[:3].upper()
    return full, inverted, acronym


def _title(rng: random.Random) -> tuple[str, str, str]:
    place = (_syllables(rng, 2) + rng.choice(PLACE_ENDS)).capitalize()
    noun = rng.choice(NOUNS)
    return (
        f"Minister of {noun} of the Republic of {place}",
        f"{place} Minister of {noun}",
        f"{place}'s {noun} Minister",
    )


def make_glossary(count: int, seed: int) -> list[Concept]:
    """``count`` concepts, three variants each, no variant shared (case-insensitively)."""
    rng = random.Random(seed)
    makers = [_person, _person, _place, _place, _organisation, _title]
    seen: set[str] = set()
    concepts: list[Concept] = []
    while len(concepts) < count:
        variants = rng.choice(makers)(rng)
        folded = {v.lower() for v in variants}
        if len(folded) < 3 or folded & seen:
            continue
        seen |= folded
        concepts.append(Concept(f"c{len(concepts):05d}", variants))
    return concepts


def _render(term: str, rng: random.Random) -> str:
    """A term as news text writes it: mostly as is, sometimes capitalised, possessive, dashed."""
    roll = rng.random()
    if roll < 0.05:
        return term.upper()
    if roll < 0.10:
        return term + rng.choice(["'s", "’s"])
    if roll < 0.13 and "-" in term:
        return term.replace("-", rng.choice(["–", "‑"]))
    return term


def make_sentences(concepts: Sequence[Concept], count: int, seed: int) -> list[str]:
    rng = random.Random(seed + 1)
    sentences: list[str] = []
    for _ in range(count):
        words = rng.choices(FILLER, k=rng.randint(12, 28))
        terms = rng.choices([0, 1, 2, 3], weights=[3, 4, 2, 1])[0]
        for _ in range(terms):
            term = rng.choice(rng.choice(concepts).variants)
            words.insert(rng.randrange(len(words) + 1), _render(term, rng))
        if rng.random() < 0.1:
            # A near miss: an adjective that starts with a known name but is another word.
            stem = rng.choice(rng.choice(concepts).variants).split()[-1]
            words.insert(rng.randrange(len(words) + 1), stem + rng.choice(["ian", "i", "s"]))
        sentence = " ".join(words)
        sentences.append(sentence[0].upper() + sentence[1:] + ".")
    return sentences


def baseline(variants: Sequence[str]) -> re.Pattern[str]:
    """The naive approach: one alternation of every variant, longest first."""
    ordered = sorted(set(variants), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, ordered)) + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class Timing:
    build_s: float
    find_s: float  # for every sentence (extrapolated where done < total)
    done: int  # sentences actually searched
    total: int
    matches: int  # in the sentences actually searched


def time_matcher(pairs: Sequence[tuple[str, str]], sentences: Sequence[str], repeat: int) -> Timing:
    started = time.perf_counter()
    matcher = Matcher.build(pairs)
    build = time.perf_counter() - started
    best = float("inf")
    matches = 0
    for _ in range(repeat):
        gc.collect()
        find = matcher.find
        started = time.perf_counter()
        matches = sum(len(find(s)) for s in sentences)
        best = min(best, time.perf_counter() - started)
    return Timing(build, best, len(sentences), len(sentences), matches)


def time_baseline(variants: Sequence[str], sentences: Sequence[str], budget_s: float) -> Timing:
    started = time.perf_counter()
    pattern = baseline(variants)
    build = time.perf_counter() - started
    matches = done = 0
    clock = time.perf_counter
    started = clock()
    for sentence in sentences:
        matches += sum(1 for _ in pattern.finditer(sentence))
        done += 1
        if clock() - started > budget_s:
            break
    elapsed = clock() - started
    return Timing(build, elapsed * len(sentences) / done, done, len(sentences), matches)


def _mb(sentences: Sequence[str]) -> float:
    return sum(len(s.encode("utf-8")) for s in sentences) / 1e6


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="10,000 sentences; under 30 s")
    parser.add_argument("--seed", type=int, default=20240201, help="seed of the synthetic data")
    args = parser.parse_args(argv)

    total = 10_000 if args.quick else 100_000
    budget = 1.0 if args.quick else 4.0
    repeat = 3
    largest = max(CONCEPTS)
    started = time.perf_counter()
    concepts = make_glossary(largest, args.seed)
    sentences = make_sentences(concepts, total, args.seed)
    # A control text naming only concepts every glossary size has: equal matches at every size.
    common = make_sentences(concepts[: min(CONCEPTS)], total, args.seed)
    mb = _mb(sentences)
    print(
        f"data: {largest:,} concepts x 3 variants, {total:,} sentences, {mb:.1f} MB "
        f"(generated in {time.perf_counter() - started:.1f} s); matcher: best of {repeat} runs; "
        f"baseline: first sentences for {budget:.0f} s, extrapolated (*); Python "
        f"{sys.version.split()[0]}"
    )
    glossaries = {
        size: [(v, c.key) for c in concepts[:size] for v in c.variants] for size in CONCEPTS
    }

    _heading(f"Glossary size, text fixed ({total:,} sentences naming terms of all {largest:,})")
    by_size: dict[int, tuple[Timing, Timing]] = {}
    for size, pairs in glossaries.items():
        ours = time_matcher(pairs, sentences, repeat)
        theirs = time_baseline([v for v, _ in pairs], sentences, budget)
        by_size[size] = (ours, theirs)
        print(_row(size, sentences, mb, ours, theirs))

    _heading(f"Glossary size, control text naming only the first {min(CONCEPTS)} concepts")
    for size, pairs in glossaries.items():
        print(_row(size, common, _mb(common), time_matcher(pairs, common, repeat), None))

    _heading(f"Text size, glossary fixed ({largest:,} concepts)")
    by_text: dict[int, Timing] = {}
    for share in (10, 50, 100):
        part = sentences[: total * share // 100]
        ours = time_matcher(glossaries[largest], part, repeat)
        by_text[len(part)] = ours
        print(_row(largest, part, _mb(part), ours, None))

    ours, theirs = by_size[largest]
    sample = sentences[: theirs.done]
    found = time_matcher(glossaries[largest], sample, 1).matches
    per_size = [by_size[s][0].find_s / total * 1e6 for s in CONCEPTS]
    per_text = [t.find_s / n * 1e6 for n, t in by_text.items()]
    print()
    print(
        f"matcher vs baseline at {largest:,} concepts: {theirs.find_s / ours.find_s:,.0f}x faster "
        f"(target >= 10x); baseline measured on {theirs.done:,} of {theirs.total:,} sentences "
        f"and extrapolated; on those sentences the baseline found {theirs.matches:,} matches, "
        f"the matcher {found:,}"
    )
    print(
        "us per sentence by glossary size: "
        + ", ".join(f"{s:,}: {u:.1f}" for s, u in zip(CONCEPTS, per_size, strict=True))
        + f" (x{max(per_size) / min(per_size):.2f} for x{largest // min(CONCEPTS)} concepts, "
        "most of it from finding more matches; see the control text)"
    )
    print(
        "us per sentence by text size: "
        + ", ".join(f"{n:,}: {u:.1f}" for n, u in zip(by_text, per_text, strict=True))
        + f" (largest / smallest {max(per_text) / min(per_text):.2f}; constant = linear total)"
    )
    print(f"whole run: {time.perf_counter() - started:.1f} s")
    return 0


HEADER = (
    f"{'concepts':>8} {'sentences':>9} {'MB':>5} | {'build s':>7} {'find s':>7} {'sent/s':>9} "
    f"{'MB/s':>6} {'us/sent':>7} {'matches':>7} | {'regex build s':>13} {'regex find s':>12} "
    f"{'measured on':>11} {'speed-up':>8}"
)


def _heading(title: str) -> None:
    print()
    print(title)
    print(HEADER)
    print("-" * len(HEADER))


def _row(size: int, part: Sequence[str], mb: float, ours: Timing, theirs: Timing | None) -> str:
    row = (
        f"{size:>8,} {len(part):>9,} {mb:>5.1f} | {ours.build_s:>7.2f} {ours.find_s:>7.2f} "
        f"{len(part) / ours.find_s:>9,.0f} {mb / ours.find_s:>6.1f} "
        f"{ours.find_s / len(part) * 1e6:>7.1f} {ours.matches:>7,} |"
    )
    if theirs is None:
        return row + f" {'-':>13} {'-':>12} {'-':>11} {'-':>8}"
    extrapolated = "*" if theirs.done < theirs.total else " "
    return row + (
        f" {theirs.build_s:>13.2f} {theirs.find_s:>11.1f}{extrapolated} {theirs.done:>11,} "
        f"{theirs.find_s / ours.find_s:>7,.0f}x"
    )


if __name__ == "__main__":
    raise SystemExit(main())
