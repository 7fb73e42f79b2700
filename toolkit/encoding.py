"""What a file that is not UTF-8 text holds: text in another encoding, named the way iconv
names it, or binary data. The only user of charset-normalizer.

The toolkit reads UTF-8 only; this module is what turns "not valid UTF-8" into something a user
can act on: ``iconv -f CP1251 -t UTF-8 a.txt > a.txt.utf8``, or "this is not a text file".
"""

from __future__ import annotations

import codecs
import itertools
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

# Byte order marks, longest first (a UTF-32 LE mark begins with the UTF-16 LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
# Among encodings that read the bytes equally well, the ones this project's sources come in
# first: Russian (Windows, then KOI8), then Western European. charset-normalizer ranks such a tie
# by letter frequencies, which on a short text picks cp1250 for French as readily as cp1252.
_PREFERRED = ("cp1251", "koi8_r", "cp1252", "latin_1")
# Python's codec names where iconv spells them otherwise.
_ICONV_NAMES = {
    "latin_1": "ISO-8859-1",
    "utf_16": "UTF-16",
    "utf_16_le": "UTF-16LE",
    "utf_16_be": "UTF-16BE",
    "utf_32": "UTF-32",
    "utf_32_le": "UTF-32LE",
    "utf_32_be": "UTF-32BE",
    "mac_cyrillic": "MACCYRILLIC",
    "mac_roman": "MACINTOSH",
    "kz1048": "KZ-1048",
    "ptcp154": "PT154",
    "shift_jis_2004": "SHIFT_JISX0213",
}
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_C1_CONTROLS = frozenset(range(0x80, 0xA0))  # printable in cp1252, control codes in Latin-1


@dataclass(frozen=True)
class Guess:
    """What the bytes of a file most likely are."""

    encoding: str | None  # iconv's name (``CP1251``, ``UTF-16LE``); None: binary data

    @property
    def binary(self) -> bool:
        return self.encoding is None

    def describe(self) -> str:
        """``binary data`` or ``CP1251 text``, for a message."""
        return "binary data" if self.encoding is None else f"{self.encoding} text"


def guess_encoding(raw: bytes) -> Guess:
    """The encoding of *raw*, which is not plain UTF-8 text, or binary."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return Guess(name)
    matches = charset_normalizer.from_bytes(raw)
    best = matches.best()
    if best is None:
        return Guess(None)
    if best.encoding in ("utf_8", "ascii"):
        # Valid UTF-8 that was still refused: control characters such as NUL, which text does
        # not hold (UTF-16 text without a mark would have been recognised as such).
        return Guess(None)
    candidates = {name for m in matches for name in (m.encoding, *m.could_be_from_charset)}
    preferred = [name for name in _PREFERRED if name in candidates]
    # The preferred reading with the fewest impossible words; charset-normalizer's own ranking
    # of a short text can put a Baltic code page before Latin-1 for French.
    chosen = min(preferred, key=lambda name: _odd_words(raw, name)) if preferred else best.encoding
    if chosen in ("cp1252", "latin_1"):
        # The two read bytes 0xA0-0xFF alike; only a file using 0x80-0x9F (curly quotes, the
        # euro sign) is Windows-1252 rather than Latin-1.
        chosen = "cp1252" if _C1_CONTROLS.intersection(raw) else "latin_1"
    return Guess(iconv_name(chosen))


def _odd_words(raw: bytes, codec: str) -> int:
    """Words that no language writes, in *raw* read as *codec*: Latin and Cyrillic letters in
    one word (``cafй``: French read as CP1251), or a capital after a small letter (``пРЕЛШЕП``:
    KOI8-R read as CP1251)."""
    text = raw.decode(codec, errors="replace")
    odd = 0
    for word in _WORD.findall(text):
        latin = any(ch < "\u0250" for ch in word)
        cyrillic = any("\u0400" <= ch <= "\u04ff" for ch in word)
        small_then_capital = any(a.islower() and b.isupper() for a, b in itertools.pairwise(word))
        if (latin and cyrillic) or small_then_capital:
            odd += 1
    return odd


_WORD = re.compile(r"[^\W\d_]+")


def iconv_name(codec: str) -> str:
    """iconv's name of a Python codec name: ``cp1251`` -> ``CP1251``, ``koi8_r`` -> ``KOI8-R``."""
    return _ICONV_NAMES.get(codec, codec.upper().replace("_", "-"))


def conversion_command(path: Path | str, encoding: str) -> str:
    """The shell command that converts *path* to UTF-8 next to it."""
    name = shlex.quote(str(path))
    target = shlex.quote(f"{path}.utf8")
    return f"iconv -f {encoding} -t UTF-8 {name} > {target}"


@dataclass(frozen=True)
class NotUtf8:
    """Where bytes stop being UTF-8 text, and what they look like instead."""

    offset: int  # of the first byte that is not UTF-8 text
    byte: int
    guess: Guess
    line: int  # 1-based, of that byte

    def message(self) -> str:
        where = f"byte 0x{self.byte:02x} at byte offset {self.offset}"
        if self.guess.encoding is None:
            return f"not a text file: {where} is binary data"
        return f"not valid UTF-8: {where}; it looks like {self.guess.encoding} text"

    def hint(self, path: Path | str) -> str:
        if self.guess.encoding is None:
            return "give a plain-text file in UTF-8"
        return f"convert it to UTF-8: {conversion_command(path, self.guess.encoding)}"


def find_not_utf8(raw: bytes) -> NotUtf8 | None:
    """None when *raw* is UTF-8 text (a UTF-8 byte order mark is fine); else where it is not.

    Control characters such as NUL count as not text: valid UTF-8 though they are, they are
    what binary data and UTF-16 without a byte order mark look like when read as UTF-8.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start
    else:
        control = _CONTROL.search(text)
        if control is None:
            return None
        offset = len(text[: control.start()].encode("utf-8"))
    return NotUtf8(offset, raw[offset], guess_encoding(raw), raw[:offset].count(b"\n") + 1)
