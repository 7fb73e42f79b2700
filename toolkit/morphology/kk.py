"""Kazakh: case, plural and possessive suffixes by vowel harmony and consonant assimilation.

Kazakh adds suffixes to the last word of a term and leaves the words before it alone:
``Қазақстан Республикасының Премьер-Министрі`` -> ``...Премьер-Министріне``. The rules here are
the toolkit's own; the published packages were tried first (qazaq-inflector 0.5.0 gives
``Мишустинға``, ``Премьер-Министрдың`` and ``Премьер-Министріге``, inflects every word of a
multi-word term and has no pronominal ``н``; kazstem 0.2.1 needs FST resources downloaded at run
time), see ``tests/test_morphology_kk.py``.

**Harmony** (front or back suffix vowels) follows the stem's last vowel that has one: back
``а о ұ ы я ё``, front ``ә е ө ү і э``. ``и``, ``у``, ``ю`` occur in both kinds of word and are
skipped; a stem with no other vowel is front after ``и`` (``Путинге``, ``Мишустинге``) and back
after ``у``/``ю``. A loanword ending in ``г`` or ``к`` is front, since those consonants pair with
front vowels (``Екатеринбургке``, ``округте``), one ending in ``ғ``/``қ`` back. The Russian surname
suffix ``-ов``/``-ев`` takes the harmony of the stem before it (``Тоқаевқа``, ``Смайыловқа``).

**The first consonant of a suffix** follows the stem's last sound: after a vowel, a nasal
(``м н ң``), a sonorant (``л р й``, and ``и``/``у`` at the end, sounded ``[ій]``/``[уw]``), a
voiced ``ж з``, or a voiceless consonant, among which final ``б в г д`` of loanwords count
(``Смайыловпен``, ``Екатеринбургте``). Before a vowel-initial suffix ``к қ п`` become ``г ғ б``
(``консулдығы``).

=============  ===========  ==========  ===========  ==========  =============
case           after vowel  nasal       sonorant     ж з         voiceless
=============  ===========  ==========  ===========  ==========  =============
genitive       -ның/-нің    -ның/-нің   -дың/-дің    -дың/-дің   -тың/-тің
dative         -ға/-ге      -ға/-ге     -ға/-ге      -ға/-ге     -қа/-ке
accusative     -ны/-ні      -ды/-ді     -ды/-ді      -ды/-ді     -ты/-ті
locative       -да/-де      -да/-де     -да/-де      -да/-де     -та/-те
ablative       -дан/-ден    -нан/-нен   -дан/-ден    -дан/-ден   -тан/-тен
instrumental   -мен         -мен        -мен         -бен        -пен
=============  ===========  ==========  ===========  ==========  =============

After the 3rd-person possessive (``-ы/-і``, ``-сы/-сі`` after a vowel) the case takes the
pronominal ``н``: ``-ның/-нің, -на/-не, -н, -нда/-нде, -нан/-нен, -мен`` (``Премьер-Министріне``,
``Төрағасымен``, ``форумын``). A multi-word glossary form whose last word ends in ``-ы/-і``
is such a possessive (``Үкімет басшысы``, ``Ресей Федерациясы``); a one-word form is not
(``Алматы``, ``Челябі``). The plural is ``-лар/-лер`` (after vowels and ``р й у``), ``-дар/-дер``
(after ``л м н ң ж з``), ``-тар/-тер``; ``-ғы/-гі`` after the locative makes an attribute
(``Алматыдағы``). Acronyms take the suffix after a hyphen (``ШЫҰ-ның``).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product

from rapidfuzz import fuzz, process

from toolkit.glossary.termbase import Morphology
from toolkit.morphology.forms import ANY, NO_HINTS, Case, Features, TermForm, WordMatch
from toolkit.text import fold

__all__ = [
    "CLASSES",
    "POSSESSIVES",
    "KazakhForm",
    "ending_class",
    "inflect_word",
    "is_back",
    "is_possessive_form",
]

BACK = frozenset("аоұыяё")
FRONT = frozenset("әеөүіэ")
AMBIGUOUS = frozenset("иую")
VOWELS = BACK | FRONT | AMBIGUOUS
CLASSES = ("vowel", "nasal", "sonorant", "voiced", "voiceless")
POSSESSIVES = ("", "3", "1sg", "2sg", "2sg-formal", "1pl")
_VOICING = {"к": "г", "қ": "ғ", "п": "б"}

# (back, front) per class, in the order of CLASSES.
_CASE_SUFFIXES: dict[Case, tuple[tuple[str, str], ...]] = {
    Case.GENITIVE: (("ның", "нің"), ("ның", "нің"), ("дың", "дің"), ("дың", "дің"), ("тың", "тің")),
    Case.DATIVE: (("ға", "ге"), ("ға", "ге"), ("ға", "ге"), ("ға", "ге"), ("қа", "ке")),
    Case.ACCUSATIVE: (("ны", "ні"), ("ды", "ді"), ("ды", "ді"), ("ды", "ді"), ("ты", "ті")),
    Case.LOCATIVE: (("да", "де"), ("да", "де"), ("да", "де"), ("да", "де"), ("та", "те")),
    Case.ABLATIVE: (("дан", "ден"), ("нан", "нен"), ("дан", "ден"), ("дан", "ден"), ("тан", "тен")),
    Case.INSTRUMENTAL: (
        ("мен", "мен"),
        ("мен", "мен"),
        ("мен", "мен"),
        ("бен", "бен"),
        ("пен", "пен"),
    ),
}
_PRONOMINAL: dict[Case, tuple[str, str]] = {
    Case.GENITIVE: ("ның", "нің"),
    Case.DATIVE: ("на", "не"),
    Case.ACCUSATIVE: ("н", "н"),
    Case.LOCATIVE: ("нда", "нде"),
    Case.ABLATIVE: ("нан", "нен"),
    Case.INSTRUMENTAL: ("мен", "мен"),
}
# (after a vowel, after a consonant), each (back, front)
_POSSESSIVE: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "3": (("сы", "сі"), ("ы", "і")),
    "1sg": (("м", "м"), ("ым", "ім")),
    "2sg": (("ң", "ң"), ("ың", "ің")),
    "2sg-formal": (("ңыз", "ңіз"), ("ыңыз", "іңіз")),
    "1pl": (("мыз", "міз"), ("ымыз", "іміз")),
}


def _letters(word: str) -> str:
    """The word in lower case without a final soft or hard sign (``Пермь`` sounds ``м``)."""
    return word.lower().rstrip("ьъ") or word.lower()


def is_back(stem: str) -> bool:
    """Whether suffixes after *stem* take back vowels (see the module docstring)."""
    low = _letters(stem)
    if low[-1] in "гк":
        return False
    if low[-1] in "ғқ":
        return True
    if low.endswith(("ов", "ев", "ёв")) and any(ch in VOWELS for ch in low[:-2]):
        low = low[:-2]
    ambiguous = ""
    for ch in reversed(low):
        if ch in BACK:
            return True
        if ch in FRONT:
            return False
        if ch in AMBIGUOUS and not ambiguous:
            ambiguous = ch
    return ambiguous != "и"


def ending_class(stem: str) -> str:
    """What the stem ends in, for the first consonant of a suffix: one of :data:`CLASSES`."""
    last = _letters(stem)[-1]
    if last in "иую" or last in "лрй":
        return "sonorant"
    if last in VOWELS:
        return "vowel"
    if last in "мнң":
        return "nasal"
    if last in "жз":
        return "voiced"
    if last.isalpha():
        return "voiceless"
    return "vowel"  # a digit: read as a number word, most of which end in a vowel sound


def _plural(word: str, back: bool, cls: str) -> str:
    last = _letters(word)[-1]
    if cls == "vowel" or last in "рйуи":
        pair = ("лар", "лер")
    elif cls in ("nasal", "voiced") or last == "л":
        pair = ("дар", "дер")
    else:
        pair = ("тар", "тер")
    return word + pair[not back]


def _voiced(word: str) -> str:
    last = word[-1]
    return word[:-1] + _VOICING[last] if last in _VOICING else word


def inflect_word(
    stem: str,
    features: Features,
    *,
    possessed: bool = False,
    back: bool | None = None,
    cls: str | None = None,
) -> str:
    """*stem* (lower case) with the suffixes of *features*; *possessed*: it already ends in the
    3rd-person possessive. *back* and *cls* override the stem's harmony and ending class (what a
    machine gets wrong), for recognising wrong endings."""
    back = is_back(stem) if back is None else back
    cls = ending_class(stem) if cls is None else cls
    word = stem
    possessive = "" if possessed else features.possessive
    if not possessed and features.plural:
        word = _plural(word, back, cls)
        cls = "sonorant"
    if possessive:
        after_vowel, after_consonant = _POSSESSIVE[possessive]
        if cls == "vowel":
            word += after_vowel[not back]
        else:
            word = _voiced(word) if not features.plural else word
            word += after_consonant[not back]
        cls = ending_class(word)
    case = features.case
    if case is not Case.NOMINATIVE:
        if possessed or possessive == "3":
            word += _PRONOMINAL[case][not back]
        elif possessive in ("1sg", "2sg") and case is Case.DATIVE:
            word += ("а", "е")[not back]
        else:
            word += _CASE_SUFFIXES[case][CLASSES.index(cls)][not back]
    if features.attributive and case is Case.LOCATIVE:
        word += ("ғы", "гі")[not back]
    return word


def _all_features(possessed: bool) -> list[Features]:
    found: list[Features] = []
    plurals = (False,) if possessed else (False, True)
    possessives = ("",) if possessed else POSSESSIVES
    for plural, possessive, case in product(plurals, possessives, Case):
        found.append(Features(case, plural, possessive))
        if case is Case.LOCATIVE:
            found.append(Features(case, plural, possessive, attributive=True))
    return found


def is_possessive_form(form_words: list[str]) -> bool:
    """A multi-word term whose last word ends in the 3rd-person possessive (``Үкімет басшысы``)."""
    if len(form_words) < 2:
        return False
    last = form_words[-1].lower()
    return len(last) > 2 and last[-1] in "ыі" and last[-2] not in VOWELS - {"и", "у"}


@dataclass(frozen=True)
class _Reading:
    features: frozenset[Features]
    regular: bool


def _is_acronym(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


class _Paradigm:
    """Every form of a term's last word, regular and with a wrong harmony or consonant."""

    def __init__(self, template: str, possessed: bool) -> None:
        self.template = template
        self.possessed = possessed
        self.acronym = _is_acronym(template)
        stem = template.lower()
        regular: dict[str, set[Features]] = {}
        irregular: dict[str, set[Features]] = {}
        self.surfaces: dict[Features, str] = {}
        for features in _all_features(possessed):
            form = inflect_word(stem, features, possessed=possessed)
            self.surfaces[features] = form
            regular.setdefault(fold(form), set()).add(features)
            for back, cls, pronominal in product((True, False), CLASSES, (True, False)):
                if not pronominal and not possessed:
                    continue
                # after a possessive, the ending without the pronominal н is a usual mistake
                # (``Премьер-Министріге``)
                other = inflect_word(
                    stem, features, possessed=pronominal and possessed, back=back, cls=cls
                )
                irregular.setdefault(fold(other), set()).add(features)
                if other.endswith(("мен", "бен", "пен")):
                    # the instrumental has no back form; a machine may make one up (``-ман``)
                    irregular.setdefault(fold(other[:-2] + "ан"), set()).add(features)
        readings: dict[str, _Reading] = {}
        for word, found in irregular.items():
            readings[word] = _Reading(frozenset(found), False)
        for word, found in regular.items():
            readings[word] = _Reading(frozenset(found), True)
        if self.acronym:
            # ``ШЫҰ-ның``; the same ending without the hyphen is read too
            size = len(fold(stem))
            for word, reading in list(readings.items()):
                if len(word) > size:
                    readings.setdefault(word[:size] + "-" + word[size:], reading)
        self.readings = readings
        self.choices = list(readings)

    def make(self, features: Features) -> str:
        surface = self.surfaces.get(features) or self.surfaces[Features(features.case)]
        suffix = surface[len(self.template) :]
        voiced = surface[: len(self.template)]
        # the stem as written, with the voicing a suffix may cause (консулдық -> консулдығы)
        head = self.template[:-1] + (
            voiced[-1].upper() if self.template[-1].isupper() else voiced[-1]
        )
        if self.acronym and suffix:
            return self.template + "-" + suffix
        return head + suffix


class KazakhForm(TermForm):
    """A glossary form compiled for Kazakh (see the module docstring)."""

    def __init__(self, form: str, *, person: bool = False, hints: Morphology = NO_HINTS) -> None:
        super().__init__(form)
        self.person = person
        texts = [p.text for p in self.parts]
        last = texts[-1] if texts else ""
        cyrillic = any("а" <= ch <= "я" or ch in "әіңғүұқөһё" for ch in last.lower())
        self.paradigm = (
            _Paradigm(last, possessed=is_possessive_form(texts))
            if cyrillic and not hints.indeclinable
            else None
        )
        tables = [self._fixed_table(i) for i in range(self.size)]
        if self.paradigm is not None:
            tables[-1] = {
                word: WordMatch(reading.features, reading.regular)
                for word, reading in self.paradigm.readings.items()
            }
        self.tables = tuple(tables)

    def near_word(self, index: int, word: str) -> tuple[float, frozenset[Features] | None]:
        folded = fold(word)
        if index < self.size - 1 or self.paradigm is None:
            return fuzz.ratio(folded, fold(self.parts[index].text)), ANY
        best = process.extractOne(folded, self.paradigm.choices, scorer=fuzz.ratio)
        if best is None:
            return 0.0, ANY
        surface, score, _ = best
        return float(score), self.paradigm.readings[surface].features

    def generate(self, features: Features) -> str:
        if self.paradigm is None or not self.parts:
            return self.form
        last = self.parts[-1]
        return self.form[: last.start] + self.paradigm.make(features) + self.form[last.end :]
