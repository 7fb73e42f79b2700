"""Variant discovery: what the corpus names that the glossary does not list yet.

Two kinds of suggestion, never applied by themselves:

- **variants of known concepts**: a capitalised span of the text that is not a listed source form
  but is one once transliteration pairs are folded (``Alihan``/``Alikhan``, ``Ekaterinburg``/
  ``Yekaterinburg``, ``Kuyvashev``/``Kuivashev``, ``Kassym``/``Kasym``) or lies within a small
  edit distance of one (``Neighborliness``/``Neighbourliness``). Case, dashes, typographic
  apostrophes and a possessive ``'s`` are folded first, as the matcher folds them, so ALL CAPS
  and possessive forms count as the form itself.
- **new names**: runs of capitalised words that no concept covers, seen at least ``min_count``
  times. A capitalised word only at the start of sentences (``The``, ``During``) is not a name,
  nor are months, weekdays and honorifics.

Candidates are the word n-grams of capitalised runs (``Prime Minister of Kazakhstan Alihan
Smailov`` holds ``Alihan Smailov``). Transliteration matches are one dictionary lookup per
candidate; edit-distance matches compare a candidate only with known forms of the same word
count and first letter (rapidfuzz, with a distance cutoff), and each distinct candidate once.
"""

from __future__ import annotations

import re
import shlex
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from toolkit.corpus.articles import Article
from toolkit.corpus.segmentation import SegmentKind, find_dateline
from toolkit.glossary.termbase import ConceptType, Termbase
from toolkit.text import fold, normalize_term

__all__ = [
    "Discovery",
    "NameSuggestion",
    "Passage",
    "VariantSuggestion",
    "corpus_passages",
    "discover",
    "skeleton",
]

# Words inside a name (never at its edges): "Republic of Kazakhstan", "Treaty on ...".
NAME_LINKS = frozenset({"of", "the", "on", "for", "de", "la", "von", "van", "al"})
# Also inside the spans compared with known forms: "Neighbourliness and Alliance in the 21st".
VARIANT_LINKS = NAME_LINKS | {"and", "in", "to", "at"}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


MONTHS = _words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
WEEKDAYS = _words("monday tuesday wednesday thursday friday saturday sunday")
# Capitalised at the start of a sentence or as a form of address, and never a name by itself.
STOPWORDS = (
    _words(
        """a an the this that these those there here it its he she they we i you our his her their
    my your as and but or nor so yet for with by from to of in on at after before during since
    until while when where what which who whom whose why how if then thus also however moreover
    meanwhile furthermore besides according thanks today yesterday tomorrow last next first
    all both each every some many most more other such no not yes mr mrs ms dr prof sir madam
    photo video source read see said says"""
    )
    | MONTHS
    | WEEKDAYS
)
# Endings that make another word of a form, not another spelling: Russia -> Russian, -s plurals.
DERIVATIONS = ("n", "an", "ian", "s", "es", "i", "ese", "ic", "ns", "ans")
_TOKEN = re.compile(r"\w+(?:[-\u2010\u2011'\u2019]\w+)*")
_ROMAN = re.compile(r"[IVXLCDM]+")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)?", re.IGNORECASE)
# Transliteration pairs, applied in this order to a folded form (double letters are then one).
_PAIRS = (("our", "or"), ("kh", "h"), ("ck", "k"), ("ou", "u"), ("ye", "e"), ("y", "i"))
_DOUBLE = re.compile(r"(\w)\1+")

_TYPE_WORDS = {
    ConceptType.PLACE: "region district oblast krai territory city republic federation province "
    "mountains river lake",
    ConceptType.ORGANISATION: "council commission committee ministry government agency union "
    "organisation organization bank company corporation university institute service office "
    "parliament assembly party association center centre fund consulate embassy court",
    ConceptType.EVENT: "forum exhibition summit conference meeting session festival games "
    "congress expo week fair",
    ConceptType.TITLE: "minister president governor chairman premier ambassador consul mayor "
    "secretary head director deputy chairperson",
    ConceptType.OTHER: "treaty declaration program programme agreement strategy plan law act "
    "convention",
}
_TYPE_OF_WORD = {word: kind for kind, words in _TYPE_WORDS.items() for word in words.split()}


@dataclass(frozen=True)
class Passage:
    """One piece of text to scan: a segment, where it is, and whether it is a headline (whose
    capitals say nothing)."""

    location: str
    text: str
    headline: bool = False


@dataclass(frozen=True)
class VariantSuggestion:
    concept: str  # id of the concept the form would belong to
    form: str  # the form to add as a variant
    known: str  # the listed form it resembles
    evidence: str
    count: int
    examples: tuple[str, ...]  # locations

    @property
    def command(self) -> str:
        return f"toolkit glossary edit {self.concept} --variant {shlex.quote(self.form)}"

    def record(self) -> dict[str, Any]:
        return {
            "concept": self.concept,
            "form": self.form,
            "known": self.known,
            "evidence": self.evidence,
            "count": self.count,
            "examples": list(self.examples),
            "command": self.command,
        }


@dataclass(frozen=True)
class NameSuggestion:
    form: str
    type: ConceptType  # a guess from the last word; "other" when nothing says more
    count: int
    examples: tuple[str, ...]

    @property
    def command(self) -> str:
        return f"toolkit glossary add {shlex.quote(self.form)} --type {self.type.value}"

    def record(self) -> dict[str, Any]:
        return {
            "form": self.form,
            "type": self.type.value,
            "count": self.count,
            "examples": list(self.examples),
            "command": self.command,
        }


@dataclass(frozen=True)
class Discovery:
    variants: tuple[VariantSuggestion, ...]
    names: tuple[NameSuggestion, ...]

    def record(self) -> dict[str, Any]:
        """The suggestions as JSON-ready data (what ``--format json`` prints)."""
        return {
            "variants": [v.record() for v in self.variants],
            "names": [n.record() for n in self.names],
        }


def corpus_passages(articles: Iterable[Article]) -> list[Passage]:
    """The translatable segments of *articles* as passages located ``article:segment``."""
    return [
        Passage(f"{article.id}:{segment.id}", segment.text, segment.kind is SegmentKind.TITLE)
        for article in articles
        for segment in article.translatable
    ]


def skeleton(form: str) -> str:
    """A form with transliteration differences folded away: ``Alihan`` and ``Alikhan``,
    ``Ekaterinburg`` and ``YEKATERINBURG`` give the same skeleton."""
    text = normalize_term(form).replace("'", "").replace("-", " ")
    for a, b in _PAIRS:
        text = text.replace(a, b)
    return _DOUBLE.sub(r"\1", text)


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    text: str

    @property
    def capital(self) -> bool:
        return self.text[0].isupper()

    @property
    def word(self) -> str:
        return normalize_term(self.text)


_POSSESSIVE = re.compile(r"(?<=\w)['\u2019]s?$")


def _tokens(text: str) -> list[_Token]:
    """Words, hyphenated words as one; a possessive ending is not part of the word."""
    tokens = []
    for found in _TOKEN.finditer(text):
        word = _POSSESSIVE.sub("", found.group(0))
        tokens.append(_Token(found.start(), found.start() + len(word), word))
    return tokens


def _runs(text: str, tokens: list[_Token]) -> list[list[int]]:
    """Maximal runs of token indexes: capitalised words, with link words and numbers inside."""
    runs: list[list[int]] = []
    current: list[int] = []
    pending: list[int] = []
    for index, token in enumerate(tokens):
        joined = not current or _only_spaces(text, tokens[index - 1].end, token.start)
        if token.capital and joined:
            current += [*pending, index]
            pending = []
        elif (
            current
            and joined
            and (token.word in VARIANT_LINKS or token.text[0].isdigit())
            and len(pending) < 3
        ):
            pending.append(index)
        else:
            if current:
                runs.append(current)
            current = [index] if token.capital else []
            pending = []
    if current:
        runs.append(current)
    return runs


def _only_spaces(text: str, start: int, end: int) -> bool:
    return not text[start:end].strip()


def _is_common(word: str) -> bool:
    parts = word.split("-")
    return word in STOPWORDS or all(part in MONTHS or part in WEEKDAYS for part in parts)


def _diff(candidate: str, known: str) -> str:
    """What differs between two folded forms, as 'h for kh' pieces."""
    pieces = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, candidate, known, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if i1 == i2 or j1 == j2:  # an insertion: show it with its neighbour
            if i2 < len(candidate) and j2 < len(known):
                i2, j2 = i2 + 1, j2 + 1
            elif i1 > 0 and j1 > 0:
                i1, j1 = i1 - 1, j1 - 1
        pieces.append(f"{_shown(candidate[i1:i2])} for {_shown(known[j1:j2])}")
    return ", ".join(pieces)


def _shown(text: str) -> str:
    return repr(text) if not text.strip() or text != text.strip() else text


def _derived_word(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    return long.startswith(short) and long[len(short) :] in DERIVATIONS


def _derived(a: str, b: str) -> bool:
    """One form is the other with an ending on its head word (Russia/Russian, Prime Minister/
    Prime Ministers of ...): another word, not another spelling. An ending on a modifier is a
    spelling (Ural/Urals Federal District)."""
    words_a, words_b = a.split(" "), b.split(" ")
    if len(words_a) != len(words_b):
        return False
    head = next((i - 1 for i, w in enumerate(words_a) if i and w in ("of", "on", "for")), None)
    head = len(words_a) - 1 if head is None else head
    differ = [i for i, (x, y) in enumerate(zip(words_a, words_b, strict=True)) if x != y]
    return head in differ and all(_derived_word(words_a[i], words_b[i]) for i in differ)


def _max_distance(form: str) -> int:
    size = len(form.replace(" ", ""))
    return 0 if size < 5 else 1 if size < 9 else 2


@dataclass
class _Known:
    """The glossary's source forms, indexed for the two kinds of comparison."""

    listed: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)
    skeletons: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    blocks: dict[tuple[int, str], list[tuple[str, str, str]]] = field(default_factory=dict)
    longest: int = 1

    @classmethod
    def build(cls, termbase: Termbase) -> _Known:
        known = cls()
        for concept in termbase.concepts:
            for form in concept.source_forms:
                norm = normalize_term(form)
                known.listed.add(norm)
                known.words.update(norm.replace("-", " ").split(" "))
                entry = (concept.id, form)
                found = known.skeletons.setdefault(skeleton(form), [])
                if entry not in found:
                    found.append(entry)
                words = norm.count(" ") + 1
                known.longest = max(known.longest, words)
                known.blocks.setdefault((words, norm[:1]), []).append((norm, concept.id, form))
        return known

    def part_of_known(self, word: str) -> bool:
        """*word* (or each part of a hyphenated one) is a word of a known form or a derivation
        of one: Eurasian, Russian, Kazakhs, Kazakh-Russian are pieces of known names."""
        return all(
            part in self.words
            or any(part.endswith(end) and part[: -len(end)] in self.words for end in DERIVATIONS)
            for part in word.split("-")
        )

    def similar(self, norm: str) -> list[tuple[str, str, str]]:
        """(concept id, known form, evidence) for a candidate that is not listed."""
        found: list[tuple[str, str, str]] = []
        for concept_id, form in self.skeletons.get(skeleton(norm), ()):
            diff = _diff(norm, normalize_term(form))
            found.append((concept_id, form, f"transliteration of {form!r}: {diff}"))
        if found:
            return found
        limit = _max_distance(norm)
        block = self.blocks.get((norm.count(" ") + 1, norm[:1]), [])
        if not limit or not block:
            return []
        choices = [entry[0] for entry in block]
        for _, distance, index in process.extract(
            norm, choices, scorer=Levenshtein.distance, score_cutoff=limit, limit=None
        ):
            known_norm, concept_id, form = block[index]
            if _derived(norm, known_norm):
                continue
            diff = _diff(norm, known_norm)
            found.append((concept_id, form, f"{distance} edit(s) from {form!r}: {diff}"))
        return found


@dataclass
class _Seen:
    count: int = 0
    surfaces: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)
    mid_sentence: bool = False  # seen capitalised somewhere other than a sentence start

    def add(self, surface: str, location: str, limit: int, *, initial: bool = False) -> None:
        self.count += 1
        self.mid_sentence = self.mid_sentence or not initial
        self.surfaces[surface] += 1
        if location not in self.examples and len(self.examples) < limit:
            self.examples.append(location)

    def form(self) -> str:
        """The most frequent surface form, preferring one that is not ALL CAPS."""
        ranked = sorted(self.surfaces.items(), key=lambda item: (item[0].isupper(), -item[1]))
        best = ranked[0][0]
        return _title(best) if best.isupper() and len(best) > 4 else best


def _title(text: str) -> str:
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), text)


def _guess_type(form: str) -> ConceptType:
    last = fold(form).split(" ")[-1]
    return _TYPE_OF_WORD.get(last, ConceptType.OTHER)


def _trim(tokens: list[_Token]) -> list[_Token]:
    """A name piece without link words, common words, numbers and numerals at its edges."""

    def weak(token: _Token) -> bool:
        word = token.word
        return (
            not token.capital
            or word in NAME_LINKS
            or _is_common(word)
            or bool(_ROMAN.fullmatch(token.text) and len(token.text) > 1)
            or bool(_ORDINAL.fullmatch(token.text))
            or len(word) == 1
        )

    start, end = 0, len(tokens)
    while start < end and weak(tokens[start]):
        start += 1
    while end > start and weak(tokens[end - 1]):
        end -= 1
    return tokens[start:end]


def _split(tokens: list[_Token]) -> list[list[_Token]]:
    """Name pieces of a run: split where a word joins two names ("and", "in") or is common."""
    pieces: list[list[_Token]] = [[]]
    for token in tokens:
        if token.word in VARIANT_LINKS - NAME_LINKS or _is_common(token.word):
            pieces.append([])
        else:
            pieces[-1].append(token)
    return [piece for piece in pieces if piece]


def discover(
    termbase: Termbase,
    passages: Iterable[Passage],
    *,
    min_count: int = 2,
    max_examples: int = 3,
) -> Discovery:
    """Suggestions for *termbase* from *passages*: variants of known concepts (from one
    occurrence) and new names (from *min_count* occurrences), in a stable order."""
    known = _Known.build(termbase)
    matcher = termbase.source_matcher
    passages = list(passages)
    lowercase: set[str] = set()
    for passage in passages:
        if not passage.headline:
            lowercase.update(t.word for t in _tokens(passage.text) if t.text.islower())

    similar_cache: dict[str, list[tuple[str, str, str]]] = {}
    variants: dict[tuple[str, str], tuple[_Seen, str, str]] = {}
    names: dict[str, _Seen] = {}
    for passage in passages:
        text = passage.text
        tokens = _tokens(text)
        covered = [(m.start, m.end) for m in matcher.find(text)]
        claimed: list[tuple[int, int]] = []
        initials = _sentence_starts(text, tokens)
        for run in _runs(text, tokens):
            # (a) every n-gram of the run with capitals at both edges
            for i, a in enumerate(run):
                if not tokens[a].capital:
                    continue
                for b in run[i : i + known.longest + 3]:
                    if not tokens[b].capital:
                        continue
                    start, end = tokens[a].start, tokens[b].end
                    surface = text[start:end]
                    norm = normalize_term(surface)
                    if norm in known.listed or len(norm.split(" ")) > known.longest:
                        continue
                    if norm not in similar_cache:
                        similar_cache[norm] = known.similar(norm)
                    for concept_id, form, evidence in similar_cache[norm]:
                        key = (concept_id, norm)
                        seen, _, _ = variants.setdefault(key, (_Seen(), form, evidence))
                        seen.add(surface, passage.location, max_examples)
                        claimed.append((start, end))
            # (b) what no concept and no variant suggestion covers
            run_tokens = [tokens[i] for i in run]
            free = [
                t
                for t in run_tokens
                if not any(s < t.end and t.start < e for s, e in covered + claimed)
            ]
            if passage.headline:
                continue  # a headline capitalises every word: its names recur in the body
            for piece in _split(_contiguous(free, run_tokens)):
                trimmed = _trim(piece)
                if not trimmed:
                    continue
                single = len(trimmed) == 1
                if single and trimmed[0].word in lowercase:
                    continue
                if all(known.part_of_known(token.word) for token in trimmed):
                    continue  # "Prime Ministers", "Russian": pieces of names already known
                surface = text[trimmed[0].start : trimmed[-1].end]
                names.setdefault(normalize_term(surface), _Seen()).add(
                    surface,
                    passage.location,
                    max_examples,
                    initial=single and trimmed[0].start in initials,
                )
    order = {concept.id: i for i, concept in enumerate(termbase.concepts)}
    variant_list = sorted(
        (
            VariantSuggestion(
                concept_id, seen.form(), form, evidence, seen.count, tuple(seen.examples)
            )
            for (concept_id, _), (seen, form, evidence) in variants.items()
        ),
        key=lambda s: (order.get(s.concept, len(order)), s.form),
    )
    name_list = sorted(
        (
            NameSuggestion(seen.form(), _guess_type(seen.form()), seen.count, tuple(seen.examples))
            for seen in names.values()
            # a word capitalised only where a sentence starts is an ordinary word
            if seen.count >= min_count and seen.mid_sentence
        ),
        key=lambda s: (-s.count, s.form),
    )
    return Discovery(tuple(variant_list), tuple(name_list))


def _sentence_starts(text: str, tokens: list[_Token]) -> set[int]:
    """Where a sentence starts: the first word, and the first word after a dateline."""
    starts = {tokens[0].start} if tokens else set()
    dateline = find_dateline(text)
    if dateline is not None:
        after = next((t.start for t in tokens if t.start >= dateline.end), None)
        if after is not None:
            starts.add(after)
    return starts


def _contiguous(free: list[_Token], run: list[_Token]) -> list[_Token]:
    """*free* tokens with a gap marker where covered tokens were removed, so that pieces on both
    sides of a glossary match do not join into one name."""
    result: list[_Token] = []
    kept = {id(t) for t in free}
    gap = _Token(0, 0, "and")  # a joining word: _split cuts there
    for token in run:
        if id(token) in kept:
            result.append(token)
        elif result and result[-1] is not gap:
            result.append(gap)
    return result
