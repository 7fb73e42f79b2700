"""PO storage: byte-identical round trips, GNU layout, msgfmt acceptance, clear errors."""

from __future__ import annotations

import gettext
import subprocess
import tempfile
from pathlib import Path

import pytest
from gettext_check import msgfmt, msgfmt_problems
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.errors import CatalogError
from toolkit.gettext.model import Catalog, Message
from toolkit.gettext.pofile import (
    WIDTH,
    dump_catalog,
    mo_bytes,
    parse_catalog,
    read_catalog,
    write_catalog,
    write_mo,
)
from toolkit.locales import plural_forms

DATA = Path(__file__).parent / "data" / "po"

HEADER = (
    ("Project-Id-Version", "test 1.0"),
    ("Report-Msgid-Bugs-To", ""),
    ("POT-Creation-Date", "2024-02-01 09:30+0000"),
    ("PO-Revision-Date", "2024-02-01 09:30+0000"),
    ("Last-Translator", ""),
    ("Language-Team", "Russian"),
    ("Language", "ru"),
    ("MIME-Version", "1.0"),
    ("Content-Type", "text/plain; charset=UTF-8"),
    ("Content-Transfer-Encoding", "8bit"),
    ("Plural-Forms", plural_forms("ru")),
)
SMALL_HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


# --- fixtures on disk ------------------------------------------------------------------------


def test_fixture_round_trips_byte_identically() -> None:
    path = DATA / "canonical-ru.po"
    assert dump_catalog(read_catalog(path)) == path.read_text(encoding="utf-8")


def test_fixture_content_is_read_in_full() -> None:
    catalog = read_catalog(DATA / "canonical-ru.po")
    smailov = catalog.find("Alikhan Smailov", "person.alikhan-smailov")
    assert smailov is not None
    assert smailov.translator_comments == ("wrong: Смайлов", "gender: masculine")
    assert smailov.extracted_comments[1].startswith("variants: Alihan Smailov; Smailov;")
    assert len(smailov.extracted_comments[1]) > WIDTH  # long comments are never wrapped
    assert smailov.flags == ("x-person", "x-inflect")
    assert len(smailov.references) == 2
    fuzzy = next(m for m in catalog.messages if m.fuzzy and not m.obsolete)
    assert fuzzy.previous_msgid is not None and "Ekaterinburg" in fuzzy.previous_msgid
    assert fuzzy.annotations == (("engine", "argos translate-en_ru 1.9"),)
    plural = catalog.find("one article")
    assert plural is not None and plural.msgstr_plural == ("%d статья", "%d статьи", "%d статей")
    assert catalog.obsolete_messages[0].msgid == "Alma-Ata"
    assert catalog.obsolete_messages[0].msgctxt == "place.alma-ata"
    assert catalog.header_value("X-Generator") == "hand"
    assert catalog.header_comment[2] == ""
    assert catalog.language == "ru"


def test_fixture_passes_msgfmt() -> None:
    assert msgfmt_problems(DATA / "canonical-ru.po") == ""


# --- layout ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("msgid", "expected"),
    [
        ("short", ['msgid "short"']),
        ('say "hi"\\', ['msgid "say \\"hi\\"\\\\"']),
        ("tab\tcr\r", ['msgid "tab\\tcr\\r"']),
        ("one line\n", ['msgid "one line\\n"']),
        ("two\nlines", ['msgid ""', '"two\\n"', '"lines"']),
        (
            "word " * 20,
            ['msgid ""', '"' + "word " * 15 + '"', '"' + "word " * 5 + '"'],
        ),
        ("x" * 100, ['msgid ""', '"' + "x" * 100 + '"']),  # a long word is never broken
    ],
    ids=["short", "escapes", "controls", "newline-at-end", "multiline", "wrapped", "long-word"],
)
def test_strings_are_laid_out_like_gnu_gettext(msgid: str, expected: list[str]) -> None:
    text = dump_catalog(Catalog(messages=(Message(msgid=msgid),)))
    block = text.split("\n\n")[1].splitlines()
    assert block[: len(expected)] == expected
    assert all(len(line) <= WIDTH for line in block if " " in line.strip('"'))


def test_entry_order_of_comment_lines() -> None:
    message = Message(
        msgid="new",
        msgstr="новый",
        msgctxt="ctx",
        flags=("fuzzy",),
        translator_comments=("note",),
        extracted_comments=("p1.s1 (text)",),
        references=("corpus/a.txt:3",),
        previous_msgid="old",
    )
    block = dump_catalog(Catalog(messages=(message,))).split("\n\n")[1]
    assert block == (
        "# note\n#. p1.s1 (text)\n#: corpus/a.txt:3\n#, fuzzy\n"
        '#| msgid "old"\nmsgctxt "ctx"\nmsgid "new"\nmsgstr "новый"\n'
    )


def test_many_references_wrap_between_references() -> None:
    refs = tuple(f"corpus/2024-02-01-mishustin-smailov-almaty-meeting.txt:{n}" for n in range(5))
    text = dump_catalog(Catalog(messages=(Message(msgid="a", references=refs),)))
    lines = [line for line in text.splitlines() if line.startswith("#:")]
    assert len(lines) == 5
    assert read_catalog_text(text).messages[0].references == refs


def test_unicode_line_separators_stay_inside_strings() -> None:
    # str.splitlines() breaks at these; a PO line must not.
    msgid = "a\u2028b\x85c\x1cd"
    catalog = Catalog(header=HEADER, messages=(Message(msgid=msgid, msgstr=msgid),))
    assert parse_catalog(dump_catalog(catalog)).messages[0].msgid == msgid


def test_crlf_files_are_read() -> None:
    text = dump_catalog(Catalog(header=HEADER, messages=(Message(msgid="a", msgstr="б"),)))
    assert parse_catalog(text.replace("\n", "\r\n")) == parse_catalog(text)


def test_header_field_order_is_kept() -> None:
    header = (("X-Generator", "Poedit 3.4"), ("Language", "kk"), ("Content-Type", HEADER[8][1]))
    catalog = Catalog(header=header)
    assert parse_catalog(dump_catalog(catalog)).header == header


def read_catalog_text(text: str) -> Catalog:
    return parse_catalog(text, "memory.po")


# --- round trips over generated catalogs -------------------------------------------------------

CHARS = (
    "abcxyzABCXYZ0189 .,:;!?-'()%$/@#"  # ASCII, including '#' and '%'
    '"\\\t\n\r'  # what needs escaping
    "АаЕкатеринбургСмаиловёЁ"  # Russian
    "ӘәҒғҚқҢңӨөҰұҮүҺһІі"  # Kazakh
    "«»“”’–—\xa0\u2028🙂"  # typography, no-break space, a line separator, an emoji
)
LINE_CHARS = CHARS.replace("\n", "").replace("\r", "").replace("\u2028", "")

texts = st.text(alphabet=st.sampled_from(CHARS), max_size=160)
words = st.text(alphabet=st.sampled_from("abcdefghij"), min_size=1, max_size=40)
long_texts = st.lists(words, min_size=1, max_size=40).map(" ".join)
msgids = st.one_of(texts, long_texts).filter(bool)
# polib keeps neither trailing whitespace of a comment line nor an empty "#." line.
comment_line = st.text(alphabet=st.sampled_from(LINE_CHARS), max_size=120).map(str.rstrip)
comments = st.lists(comment_line, max_size=3).map(
    lambda lines: tuple(lines) if lines and lines[0] else ()
)
extracted = st.lists(comment_line.filter(bool), max_size=3).map(tuple)
references = st.lists(
    st.from_regex(r"[a-z0-9_./-]{1,30}(:[0-9]{1,4})?", fullmatch=True), max_size=8
).map(tuple)
flags = st.lists(
    st.sampled_from(["fuzzy", "no-wrap", "x-person", "do-not-translate", "x-inflect"]),
    unique=True,
    max_size=3,
).map(tuple)


def _ends_like(msgid: str, text: str) -> str:
    """msgfmt --check wants a translation to begin and end with \\n exactly when the msgid does."""
    if not text:
        return text
    core = text.strip("\n") or "x"
    return ("\n" if msgid.startswith("\n") else "") + core + ("\n" if msgid.endswith("\n") else "")


@st.composite
def messages(draw: st.DrawFn) -> Message:
    msgid = draw(msgids)
    obsolete = draw(st.booleans())
    plural = draw(st.booleans())
    previous = None if obsolete else draw(st.none() | msgids)
    if plural:
        msgid_plural = _ends_like(msgid, draw(msgids))
        forms = tuple(_ends_like(msgid, draw(texts)) for _ in range(3))
        if any(forms):
            # Translated or not, all forms at once: msgfmt rejects an empty form beside a
            # filled one when the msgid starts or ends with a newline.
            forms = tuple(form or _ends_like(msgid, "x") for form in forms)
        msgstr = ""
    else:
        msgid_plural, forms = None, ()
        msgstr = _ends_like(msgid, draw(texts))
    return Message(
        msgid=msgid,
        msgstr=msgstr,
        msgctxt=draw(st.none() | texts),
        msgid_plural=msgid_plural,
        msgstr_plural=forms,
        flags=draw(flags),
        translator_comments=draw(comments),
        extracted_comments=draw(extracted),
        references=draw(references),
        previous_msgid=previous,
        previous_msgctxt=None if previous is None else draw(st.none() | texts),
        obsolete=obsolete,
    )


catalogs = st.builds(
    lambda header_comment, fuzzy, extra, msgs: Catalog(
        header=HEADER + extra,
        header_comment=header_comment,
        header_fuzzy=fuzzy,
        messages=tuple({m.key: m for m in msgs}.values()),  # one message per key
    ),
    comments,
    st.booleans(),
    st.lists(
        st.tuples(st.from_regex(r"X-[A-Z][a-z]{1,8}", fullmatch=True), comment_line.map(str.strip)),
        max_size=2,
        unique_by=lambda pair: pair[0],
    ).map(tuple),
    st.lists(messages(), max_size=6),
)


@settings(max_examples=150, deadline=None)
@given(catalogs)
def test_dump_parse_round_trip(catalog: Catalog) -> None:
    text = dump_catalog(catalog)
    parsed = parse_catalog(text, "generated.po")
    assert parsed == catalog
    assert dump_catalog(parsed) == text


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs)
def test_msgfmt_accepts_what_is_written(catalog: Catalog) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.po"
        write_catalog(path, catalog)
        assert msgfmt_problems(path) == ""


# --- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        (SMALL_HEADER + 'msgid "abc\nmsgstr ""\n', 5, "without closing quote"),
        (SMALL_HEADER + 'msgid "a"\nmsgstr "b\\"\n', 6, "without closing quote"),
        (SMALL_HEADER + 'msgid "a"b"\nmsgstr ""\n', 5, "unescaped double quote"),
        (SMALL_HEADER + 'msgid "a"\nmsgstr "b"\nfoo bar\n', 7, "syntax error"),
        ('msgstr "x"\n', 1, "syntax error"),
        (SMALL_HEADER + '#| msgid\nmsgid "a"\nmsgstr ""\n', 5, "invalid continuation line"),
        (SMALL_HEADER + 'msgid "a"\nmsgstr ""\n\nmsgid "a"\nmsgstr "b"\n', 8, "duplicate message"),
        (SMALL_HEADER + 'msgid "a"\nmsgid_plural "b"\nmsgstr "x"\n', 5, "msgid_plural needs"),
        (SMALL_HEADER + 'msgid "a"\nmsgstr[0] "x"\n', 5, "msgstr[N] without msgid_plural"),
        (SMALL_HEADER + '#~ msgid "c"\n#~ msgstr "d\n', 6, "without closing quote"),
    ],
    ids=[
        "unclosed",
        "escaped-last-quote",
        "stray-quote",
        "unknown-line",
        "msgstr-first",
        "empty-previous",
        "duplicate",
        "plural-with-msgstr",
        "index-without-plural",
        "obsolete-unclosed",
    ],
)
def test_malformed_po_names_file_and_line(
    tmp_path: Path, text: str, line: int, fragment: str
) -> None:
    path = tmp_path / "broken.po"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        read_catalog(path)
    assert info.value.path == path
    assert info.value.line == line
    assert fragment in info.value.message
    assert str(info.value).startswith(f"{path}:{line}: malformed PO file")


def test_missing_file_is_an_error_not_po_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CatalogError) as info:
        read_catalog(Path('msgid "a"'))  # polib would parse this name as PO text
    assert info.value.path == Path('msgid "a"')
    assert "does not exist" in info.value.message
    assert info.value.hint


def test_folder_is_not_a_catalog(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="not a file"):
        read_catalog(tmp_path)


def test_non_utf8_names_byte_offset(tmp_path: Path) -> None:
    path = tmp_path / "latin1.po"
    data = (SMALL_HEADER + 'msgid "café"\nmsgstr ""\n').encode("latin-1")
    path.write_bytes(data)
    with pytest.raises(CatalogError) as info:
        read_catalog(path)
    assert info.value.offset == data.index(b"\xe9")
    assert info.value.line == 5
    assert f"(byte {info.value.offset})" in str(info.value)


def test_declared_foreign_charset_is_refused() -> None:
    text = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n'
    with pytest.raises(CatalogError, match="charset ISO-8859-1") as info:
        parse_catalog(text, "old.po")
    assert info.value.line == 3


# --- files and compiled catalogs ---------------------------------------------------------------


def test_write_catalog_is_atomic_and_leaves_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "ru.po"
    catalog = Catalog(header=HEADER, messages=(Message(msgid="a", msgstr="б"),))
    write_catalog(path, catalog)
    write_catalog(path, catalog)
    assert [p.name for p in path.parent.iterdir()] == ["ru.po"]
    assert read_catalog(path) == catalog


def test_mo_loads_in_python_gettext(tmp_path: Path) -> None:
    catalog = Catalog(
        header=HEADER,
        messages=(
            Message(msgid="Smailov arrived.", msgstr="Смаилов прибыл."),
            Message(msgid="Draft.", msgstr="Черновик.", flags=("fuzzy",)),
            Message(msgid="Empty."),
            Message(msgid="Old.", msgstr="Старое.", obsolete=True),
            Message(msgid="Term", msgctxt="place", msgstr="Термин"),
            Message(
                msgid="%d article",
                msgid_plural="%d articles",
                msgstr_plural=("%d статья", "%d статьи", "%d статей"),
            ),
        ),
    )
    localedir = tmp_path / "locale"
    write_mo(localedir / "ru" / "LC_MESSAGES" / "demo.mo", catalog)
    translation = gettext.translation("demo", localedir, languages=["ru"])
    assert translation.gettext("Smailov arrived.") == "Смаилов прибыл."
    assert translation.gettext("Draft.") == "Draft."  # fuzzy: left out, as msgfmt does
    assert translation.gettext("Empty.") == "Empty."
    assert translation.gettext("Old.") == "Old."
    assert translation.pgettext("place", "Term") == "Термин"
    assert translation.ngettext("%d article", "%d articles", 3) == "%d статьи"
    assert translation.ngettext("%d article", "%d articles", 5) == "%d статей"


def test_mo_matches_msgfmt_translations(tmp_path: Path) -> None:
    """Our .mo and msgfmt's hold the same strings (msgfmt adds a hash table, so bytes differ)."""
    source = DATA / "canonical-ru.po"
    ours, theirs = tmp_path / "ours.mo", tmp_path / "theirs.mo"
    ours.write_bytes(mo_bytes(read_catalog(source)))
    subprocess.run([msgfmt(), "-o", theirs, source], check=True)
    with ours.open("rb") as a, theirs.open("rb") as b:
        assert gettext.GNUTranslations(a)._catalog == gettext.GNUTranslations(b)._catalog  # type: ignore[attr-defined]
