"""Russian: glossary terms inflected with pymorphy3 and rules for people's names.

Which words of a term inflect:

- the glossary's ``inflect=`` hint names them (``Премьер-Министр`` in ``Премьер-Министр Республики
  Казахстан``); ``indeclinable`` (``Алматы``) or pymorphy's ``Fixd`` makes a word fixed;
- a person's name inflects every word (``Алихана Смаилова``), by the dictionary for names it
  knows (``Алихан``, ``Мишустин``) and by surname rules for those it does not (``Смаилов``:
  ``Смаилова``, ``Смаилову``, ``Смаиловым``, ``Смаилове``; the feminine ``Смаилова``: ``Смаиловой``,
  ``Смаилову``);
- otherwise adjectives up to and including the first noun in the nominative inflect and what
  follows (a genitive complement, a prepositional phrase) stays: ``российский премьер``,
  ``премьер-министр Казахстана``, ``Договор о добрососедстве...``.

Adjectives agree with the head noun in gender (singular) and, in the accusative, animacy. A
hyphenated word that the dictionary does not know inflects its last part
(``Касым-Жомарта``, ``Казахстанско-российской``). The dictionary is loaded once per process
(about 0.3 s).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from toolkit.glossary.termbase import Gender, Morphology
from toolkit.morphology.forms import ANY, NO_HINTS, Case, Features, TermForm, WordMatch, apply_case
from toolkit.text import fold

__all__ = ["PREPOSITIONS", "RussianForm", "analyzer", "known_lemmas", "rank_readings"]

_CASES = {
    "nomn": Case.NOMINATIVE,
    "gent": Case.GENITIVE,
    "gen2": Case.GENITIVE,
    "datv": Case.DATIVE,
    "accs": Case.ACCUSATIVE,
    "acc2": Case.ACCUSATIVE,
    "ablt": Case.INSTRUMENTAL,
    "loct": Case.LOCATIVE,
    "loc2": Case.LOCATIVE,
}
_SECONDARY = {"gen2", "acc2", "loc2"}  # ``чаю``, ``в лесу``: recognised, not generated
_NAME_TAGS = {"Name", "Surn", "Patr"}
_GENDERS = {Gender.MASCULINE: "masc", Gender.FEMININE: "femn", Gender.NEUTER: "neut"}

# Cases each preposition governs, the usual one first (``с`` + instrumental: ``с Председателем``).
PREPOSITIONS: dict[str, tuple[Case, ...]] = {
    **dict.fromkeys(("в", "во", "на"), (Case.LOCATIVE, Case.ACCUSATIVE)),
    **dict.fromkeys(("о", "об", "обо"), (Case.LOCATIVE, Case.ACCUSATIVE)),
    "при": (Case.LOCATIVE,),
    "по": (Case.DATIVE, Case.LOCATIVE, Case.ACCUSATIVE),
    **dict.fromkeys(("к", "ко"), (Case.DATIVE,)),
    **dict.fromkeys(("с", "со"), (Case.INSTRUMENTAL, Case.GENITIVE, Case.ACCUSATIVE)),
    **dict.fromkeys(
        (
            "из",
            "изо",
            "от",
            "ото",
            "до",
            "у",
            "без",
            "для",
            "из-за",
            "из-под",
            "около",
            "после",
            "против",
            "среди",
            "кроме",
            "вокруг",
            "мимо",
            "возле",
            "вблизи",
        ),
        (Case.GENITIVE,),
    ),
    **dict.fromkeys(
        ("за", "под", "подо", "над", "надо", "перед", "передо", "между"),
        (Case.INSTRUMENTAL, Case.ACCUSATIVE),
    ),
    **dict.fromkeys(("через", "про", "сквозь"), (Case.ACCUSATIVE,)),
}

_VOWELS = "аеёиоуыэюя"


@lru_cache(maxsize=1)
def analyzer() -> Any:
    """The pymorphy3 analyzer with its Russian dictionary (loaded once)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=65536)
def _parse(word: str) -> tuple[Any, ...]:
    return tuple(analyzer().parse(word))


def _features(tag: Any) -> Features | None:
    case = _CASES.get(str(tag.case)) if tag.case else None
    if case is None:
        return None
    return Features(case, plural=tag.number == "plur")


@lru_cache(maxsize=65536)
def known_lemmas(word: str) -> tuple[str, ...] | None:
    """The lemmas of *word* when it is in the dictionary (not guessed), else None."""
    lower = word.lower()
    if not analyzer().word_is_known(lower):
        return None
    return tuple(dict.fromkeys(p.normal_form for p in _parse(lower)))


def rank_readings(word: str, readings: Iterable[Features]) -> list[Features]:
    """*readings* of a text word, the likeliest first by the analyzer's scores."""
    score: dict[Features, float] = {}
    for parse in _parse(word.lower()):
        feature = _features(parse.tag)
        if feature is not None:
            score[feature] = max(score.get(feature, 0.0), float(parse.score))
    order = list(Case)
    return sorted(readings, key=lambda f: (-score.get(f, 0.0), order.index(f.case), f.plural))


class _Paradigm:
    """The forms of one inflecting word: surface -> readings, and features -> surface."""

    def __init__(self, template: str, prefix: str = "") -> None:
        self.template = template  # the glossary word as written
        self.prefix = prefix  # a hyphenated word's fixed part, "Касым-"
        self.readings: dict[str, set[Features]] = {}
        self.surfaces: dict[Features, str] = {}
        self._rank: dict[Features, int] = {}

    def add(self, surface: str, feature: Features, rank: int = 0) -> None:
        """Add a form; of two forms for one reading the lower *rank* is generated."""
        word = fold(self.prefix + surface)
        self.readings.setdefault(word, set()).add(feature)
        if feature not in self.surfaces or rank < self._rank[feature]:
            self.surfaces[feature] = surface
            self._rank[feature] = rank

    def frozen(self) -> dict[str, frozenset[Features]]:
        return {word: frozenset(found) for word, found in self.readings.items()}

    def make(self, features: Features) -> str:
        surface = (
            self.surfaces.get(Features(features.case, features.plural))
            or self.surfaces.get(Features(features.case))
            or self.template[len(self.prefix) :].lower()
        )
        return self.prefix + apply_case(self.template[len(self.prefix) :], surface)


def _gender(tag: Any) -> str | None:
    """The gender grammeme, ``ms-f`` for common-gender nouns (``глава``), or None."""
    if "ms-f" in tag.grammemes:
        return "ms-f"
    return str(tag.gender) if tag.gender else None


def _rank(tag: Any) -> int:
    grammemes = {str(g) for g in tag.grammemes}
    return int(bool(grammemes & _SECONDARY)) + int(any(g.startswith("V-") for g in grammemes))


def _from_lexeme(paradigm: _Paradigm, parse: Any, keep: Any = None) -> _Paradigm:
    for form in parse.lexeme:
        feature = _features(form.tag)
        if feature is None or (keep is not None and not keep(form.tag)):
            continue
        paradigm.add(form.word, feature, _rank(form.tag))
    return paradigm


def _adjective(paradigm: _Paradigm, parse: Any, gender: str, animacy: str) -> _Paradigm:
    """An adjective's forms agreeing with its head in gender and (accusative) animacy.

    A lexeme may hold several words (``высший`` and ``высочайший`` are both superlatives of
    ``высокий``): of the forms for one reading, the one closest to the glossary word is kept.
    """
    own = fold(paradigm.template[len(paradigm.prefix) :])
    degree = {str(g) for g in parse.tag.grammemes} & {"Supr", "Cmp2", "Qual"}
    for form in parse.lexeme:
        tag = form.tag
        feature = _features(tag)
        if feature is None or tag.POS != "ADJF":
            continue
        if {str(g) for g in tag.grammemes} & {"Supr", "Cmp2"} != degree - {"Qual"}:
            continue
        if tag.number == "sing" and _gender(tag) != gender:
            continue
        if tag.case == "accs" and tag.animacy and str(tag.animacy) != animacy:
            continue
        shared = next(
            (i for i, (a, b) in enumerate(zip(own, form.word, strict=False)) if a != b),
            min(len(own), len(form.word)),
        )
        paradigm.add(form.word, feature, _rank(tag) * 100 - shared)
    return paradigm


def _nominative(word: str, pos: tuple[str, ...], name: bool = False) -> Any | None:
    """The likeliest nominative reading of a glossary word with one of *pos*."""
    lower = word.lower()
    best = None
    for parse in _parse(lower):
        tag = parse.tag
        if tag.POS not in pos or tag.case != "nomn":
            continue
        if name and not (_NAME_TAGS & {str(g) for g in tag.grammemes}):
            continue
        if parse.word != lower:
            continue
        dictionary = type(parse.methods_stack[0][0]).__name__ == "DictionaryAnalyzer"
        key = (dictionary, tag.number == "sing", float(parse.score))
        if best is None or key > best[0]:
            best = (key, parse)
    return best[1] if best is not None else None


def _surname(paradigm: _Paradigm, stem: str, feminine: bool) -> bool:
    """Russian surname declension (``Смаилов``, ``Смаилова``); False if *stem* is not one."""
    low = stem.lower()
    if feminine and low.endswith(("ова", "ева", "ёва", "ина", "ына")):
        base = low[:-1]
        for case, ending in (
            (Case.NOMINATIVE, "а"),
            (Case.GENITIVE, "ой"),
            (Case.DATIVE, "ой"),
            (Case.ACCUSATIVE, "у"),
            (Case.INSTRUMENTAL, "ой"),
            (Case.LOCATIVE, "ой"),
        ):
            paradigm.add(base + ending, Features(case))
    elif not feminine and low.endswith(("ов", "ев", "ёв", "ин", "ын")):
        base = low
        for case, ending in (
            (Case.NOMINATIVE, ""),
            (Case.GENITIVE, "а"),
            (Case.DATIVE, "у"),
            (Case.ACCUSATIVE, "а"),
            (Case.INSTRUMENTAL, "ым"),
            (Case.LOCATIVE, "е"),
        ):
            paradigm.add(base + ending, Features(case))
    else:
        return False
    base = low[:-1] if feminine else low
    for case, ending in (
        (Case.NOMINATIVE, "ы"),
        (Case.GENITIVE, "ых"),
        (Case.DATIVE, "ым"),
        (Case.ACCUSATIVE, "ых"),
        (Case.INSTRUMENTAL, "ыми"),
        (Case.LOCATIVE, "ых"),
    ):
        paradigm.add(base + ending, Features(case, plural=True))
    return True


def _masculine_name(paradigm: _Paradigm, stem: str) -> bool:
    """A man's name ending in a consonant that the dictionary lacks (``Жомарт``)."""
    low = stem.lower()
    if not low or low[-1] in _VOWELS or low[-1] in "ьъ" or not low[-1].isalpha():
        return False
    base, soft = (low[:-1], True) if low[-1] == "й" else (low, False)
    endings = ("", "а", "у", "а", "ом", "е") if not soft else ("й", "я", "ю", "я", "ем", "е")
    cases = (
        Case.NOMINATIVE,
        Case.GENITIVE,
        Case.DATIVE,
        Case.ACCUSATIVE,
        Case.INSTRUMENTAL,
        Case.LOCATIVE,
    )
    for case, ending in zip(cases, endings, strict=True):
        paradigm.add(base + ending, Features(case))
    return True


def _split_hyphen(word: str) -> tuple[str, str]:
    """A hyphenated word the dictionary does not know inflects its last part only."""
    if "-" in word and not analyzer().word_is_known(word.lower()):
        head, _, tail = word.rpartition("-")
        return head + "-", tail
    return "", word


def _person_paradigm(word: str, gender: Gender | None) -> _Paradigm | None:
    prefix, stem = _split_hyphen(word)
    paradigm = _Paradigm(word, prefix)
    feminine = gender is Gender.FEMININE
    wanted = "femn" if feminine else "masc"
    parse = _nominative(stem, ("NOUN",), name=True)
    if parse is not None and _gender(parse.tag) in (wanted, "ms-f"):
        return _from_lexeme(
            paradigm,
            parse,
            lambda tag: tag.number == "plur" or _gender(tag) in (wanted, "ms-f", None),
        )
    if _surname(paradigm, stem, feminine):
        return paradigm
    if not feminine and _masculine_name(paradigm, stem):
        return paradigm
    parse = _nominative(stem, ("NOUN",))
    if parse is not None and "Fixd" not in parse.tag.grammemes:
        return _from_lexeme(paradigm, parse)
    return None


class RussianForm(TermForm):
    """A glossary form compiled for Russian (see the module docstring)."""

    def __init__(self, form: str, *, person: bool = False, hints: Morphology = NO_HINTS) -> None:
        super().__init__(form)
        self.person = person
        self.paradigms: tuple[_Paradigm | None, ...] = self._paradigms(hints)
        self._readings = tuple(p.frozen() if p else None for p in self.paradigms)
        self.tables = tuple(
            {word: WordMatch(found) for word, found in readings.items()}
            if readings is not None
            else self._fixed_table(i)
            for i, readings in enumerate(self._readings)
        )

    def _paradigms(self, hints: Morphology) -> tuple[_Paradigm | None, ...]:
        texts = [p.text for p in self.parts]
        none: list[_Paradigm | None] = [None] * len(texts)
        cyrillic = [any("а" <= ch <= "я" or ch == "ё" for ch in t.lower()) for t in texts]
        if hints.indeclinable:
            return tuple(none)
        if self.person:
            return tuple(
                _person_paradigm(t, hints.gender) if cyr else None
                for t, cyr in zip(texts, cyrillic, strict=True)
            )
        if hints.inflect:
            wanted = {fold(w) for w in hints.inflect}
            chosen = [cyr and fold(t) in wanted for t, cyr in zip(texts, cyrillic, strict=True)]
        else:
            chosen = []
            for text, cyr in zip(texts, cyrillic, strict=True):
                _, stem = _split_hyphen(text)
                parse = _nominative(stem, ("NOUN", "ADJF")) if cyr else None
                if parse is None:
                    break
                chosen.append(True)
                if parse.tag.POS == "NOUN":
                    break
            chosen += [False] * (len(texts) - len(chosen))
        return self._build(texts, chosen, hints.gender)

    def _build(
        self, texts: list[str], chosen: list[bool], gender: Gender | None
    ) -> tuple[_Paradigm | None, ...]:
        # The head is the last chosen noun; adjectives agree with it.
        parses: list[Any | None] = []
        for text, wanted in zip(texts, chosen, strict=True):
            _, stem = _split_hyphen(text)
            parses.append(_nominative(stem, ("NOUN", "ADJF")) if wanted else None)
        nouns = [p for p in parses if p is not None and p.tag.POS == "NOUN"]
        head = nouns[-1] if nouns else None
        head_gender = (
            _gender(head.tag) if head is not None else _GENDERS[gender or Gender.MASCULINE]
        )
        if head_gender in ("ms-f", None):
            head_gender = "masc"
        animacy = str(head.tag.animacy) if head is not None and head.tag.animacy else "inan"
        result: list[_Paradigm | None] = []
        for text, parse in zip(texts, parses, strict=True):
            if parse is None or "Fixd" in parse.tag.grammemes:
                result.append(None)
                continue
            prefix, _ = _split_hyphen(text)
            paradigm = _Paradigm(text, prefix)
            if parse.tag.POS == "ADJF":
                _adjective(paradigm, parse, head_gender, animacy)
            else:
                _from_lexeme(paradigm, parse)
            result.append(paradigm if paradigm.readings else None)
        return tuple(result)

    def near_word(self, index: int, word: str) -> tuple[float, frozenset[Features] | None]:
        readings = self._readings[index]
        folded = fold(word)
        if readings is None:
            return fuzz.ratio(folded, fold(self.parts[index].text)), ANY
        best = 0.0
        features: set[Features] = set()
        for surface, found in readings.items():
            score = fuzz.ratio(folded, surface)
            if score > best:
                best, features = score, set(found)
            elif score == best:
                features |= found
        return best, frozenset(features)

    def generate(self, features: Features) -> str:
        out: list[str] = []
        last = 0
        for part, paradigm in zip(self.parts, self.paradigms, strict=True):
            out.append(self.form[last : part.start])
            out.append(part.text if paradigm is None else paradigm.make(features))
            last = part.end
        out.append(self.form[last:])
        return "".join(out)
