"""Import cleaning, storage and loading of articles; the tiny project's corpus as committed."""

# Real corpus text: Cyrillic letters, typographic quotes and dashes are the point here.

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from corpus_check import assert_segments_rebuild_every_paragraph

from toolkit.config import Settings, load_settings
from toolkit.corpus.articles import (
    Article,
    ArticleMeta,
    clean_text,
    import_article,
    load_article,
    load_corpus,
    make_article_id,
    meta_from_json,
    meta_to_json,
    read_source,
    split_run_on,
)
from toolkit.corpus.segmentation import SegmentKind
from toolkit.errors import CorpusError

DATA = Path(__file__).parent / "data" / "corpus"
TINY_PROJECT = Path(__file__).parent / "data" / "project"


@pytest.fixture
def settings(project: Path) -> Settings:
    return load_settings(project)


def fixture_text(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


# --- cleaning -------------------------------------------------------------------------------


def test_date_marker_dateline_agency_and_photo_credit() -> None:
    cleaned = clean_text(fixture_text("dateline_kazinform.txt"))
    assert cleaned.date == dt.date(2022, 7, 4)
    assert (cleaned.dateline, cleaned.source) == ("Yekaterinburg", "Kazinform")
    assert cleaned.paragraphs[0].startswith("YEKATERINBURG. KAZINFORM - On the sidelines")
    assert cleaned.paragraphs[-1] == "Photo: primeminister.kz"
    assert len(cleaned.paragraphs) == 4
    assert "nealy 5% in January-May." in cleaned.paragraphs[2]  # typos are not fixed
    assert cleaned.changes == (
        "took the date 2022-07-04 from the leading date marker",
        "dateline 'YEKATERINBURG. KAZINFORM -': place Yekaterinburg, outlet Kazinform "
        "(kept in the text)",
    )


def test_runs_of_blank_lines_and_images_credit() -> None:
    cleaned = clean_text(fixture_text("blank_runs.txt"))
    assert cleaned.date == dt.date(2024, 2, 4)
    assert cleaned.paragraphs[0] == "Images | primeminister.kz"
    assert cleaned.paragraphs[1].startswith("In Almaty, the Prime Minister")
    assert len(cleaned.paragraphs) == 4
    assert cleaned.dateline is None
    assert cleaned.source == "primeminister.kz"
    assert "collapsed 2 runs of blank lines" in cleaned.changes
    assert "\n\n\n" not in cleaned.body


def test_one_paragraph_per_line_without_blank_lines() -> None:
    cleaned = clean_text(fixture_text("one_per_line.txt"))
    assert len(cleaned.paragraphs) == 3
    assert cleaned.paragraphs[0].startswith("NUR-SULTAN – Kazakhstan seeks")
    assert cleaned.paragraphs[2].endswith("cooperation with Russia “in all areas.”")
    assert (cleaned.date, cleaned.dateline, cleaned.source) == (None, "Nur-Sultan", None)
    assert "took each line as a paragraph (no blank lines between paragraphs)" in cleaned.changes


def test_caption_run_on_is_split() -> None:
    cleaned = clean_text(fixture_text("caption_run_on.txt"))
    assert cleaned.paragraphs[2:6] == (
        "Mikhail Mishustin meets with Prime Minister of Kazakhstan Alihan Smailov 1 February 2024",
        "Mikhail Mishustin with Prime Minister of Kazakhstan Alihan Smailov 1 February 2024",
        "Предыдущая новость Следующая новость",
        "Mikhail Mishustin meets with Prime Minister of Kazakhstan Alihan Smailov",
    )
    assert (cleaned.date, cleaned.dateline, cleaned.source) == (dt.date(2024, 2, 1), "Russia", None)
    assert "split a caption run-on (paragraph 3) into 4 paragraphs" in cleaned.changes


def test_unbalanced_quote_and_source_credit_kept() -> None:
    cleaned = clean_text(fixture_text("no_date.txt"))
    assert cleaned.date is None
    assert cleaned.source == "primeminister.kz"
    assert cleaned.paragraphs[1].endswith('the Perm Territory," Alikhan Smailov emphasized.')


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "Smailov 1 February 2024 Mishustin 2 February 2024",
            ["Smailov 1 February 2024", "Mishustin 2 February 2024"],
        ),
        ("Almaty Алматы Almaty", ["Almaty", "Алматы", "Almaty"]),
        ("Talks in Almaty on July 4, 2022 Smailov", ["Talks in Almaty on July 4, 2022", "Smailov"]),
        # Running text is never split, whatever it contains.
        (
            "On 1 February 2024 Smailov met Mishustin in Алматы. They talked.",
            ["On 1 February 2024 Smailov met Mishustin in Алматы. They talked."],
        ),
        ("Images | primeminister.kz", ["Images | primeminister.kz"]),
        ("Meeting on 1 February 2024", ["Meeting on 1 February 2024"]),
    ],
)
def test_split_run_on(paragraph: str, expected: list[str]) -> None:
    assert split_run_on(paragraph) == expected


def test_bom_crlf_tabs_and_trailing_spaces() -> None:
    raw = "\ufeff date 2024-02-04 First  paragraph\there.  \r\n\r\n\r\n\r\nSecond\r\nline.\r\n"
    cleaned = clean_text(raw)
    assert cleaned.paragraphs == ("First paragraph here.", "Second line.")
    assert cleaned.body == "First paragraph here.\n\nSecond line.\n"
    assert cleaned.date == dt.date(2024, 2, 4)
    for change in (
        "removed the byte order mark",
        "converted CRLF/CR line endings to LF",
        "removed trailing whitespace",
        "collapsed 1 run of blank lines",
        "joined the lines of 1 wrapped paragraph",
        "collapsed repeated spaces and tabs",
    ):
        assert change in cleaned.changes


def test_unicode_line_separators_become_paragraph_breaks() -> None:
    cleaned = clean_text("One.\u2028Two.\u2029Three.")
    assert cleaned.paragraphs == ("One.", "Two.", "Three.")


@pytest.mark.parametrize("raw", ["", "   \n\n \t\n", " date 2024-02-01 ", "\ufeff\r\n", "— 12 —"])
def test_empty_text_is_an_error(raw: str) -> None:
    with pytest.raises(CorpusError, match="the file has no text"):
        clean_text(raw)


def test_invalid_date_marker_is_an_error() -> None:
    with pytest.raises(CorpusError, match="date marker '2024-02-30' is not a valid date"):
        clean_text(" date 2024-02-30 Text.")


def test_clean_text_is_idempotent_on_its_output() -> None:
    for path in sorted(DATA.glob("*.txt")):
        once = clean_text(path.read_text(encoding="utf-8"))
        twice = clean_text(once.body)
        assert twice.paragraphs == once.paragraphs, path.name


# --- reading files --------------------------------------------------------------------------


def test_non_utf8_file_names_file_and_byte_offset(tmp_path: Path) -> None:
    path = tmp_path / "cp1251.txt"
    path.write_bytes("Line one.\n\nПремьер".encode("cp1251"))
    with pytest.raises(CorpusError) as info:
        read_source(path)
    message = str(info.value)
    assert "cp1251.txt" in message
    assert "byte offset 11" in message
    assert info.value.offset == 11
    assert info.value.line == 3


RU_TEXT = (
    "Премьер-министр Казахстана Алихан Смаилов прибыл в Екатеринбург.\n\n"
    "Стороны обсудили торговлю, энергетику и транспорт.\n"
)
KK_TEXT = "Әлихан Смайылов Екатеринбургке келді.\n\nТараптар сауданы талқылады.\n"
FR_TEXT = "Le café de la société: un résumé naïf, déjà à Zürich.\n"


@pytest.mark.parametrize(
    ("text", "codec", "named"),
    [
        (RU_TEXT, "cp1251", "CP1251"),
        (RU_TEXT, "koi8_r", "KOI8-R"),
        (FR_TEXT, "latin-1", "ISO-8859-1"),
        ("He said \u201chello\u201d \u2013 at the caf\u00e9.\n", "cp1252", "CP1252"),
        (KK_TEXT, "utf-16", "UTF-16"),  # with a byte order mark
        (KK_TEXT, "utf-16-le", "UTF-16LE"),
        (FR_TEXT, "utf-16-le", "UTF-16LE"),  # mostly ASCII: valid UTF-8 but for the NULs
        (RU_TEXT, "utf-16-be", "UTF-16BE"),
    ],
)
def test_non_utf8_file_names_its_encoding_and_the_command(
    tmp_path: Path, text: str, codec: str, named: str
) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode(codec))
    with pytest.raises(CorpusError) as info:
        read_source(path)
    assert info.value.message.endswith(f"; it looks like {named} text")
    command = f"iconv -f {named} -t UTF-8 {path} > {path}.utf8"
    assert info.value.hint == f"convert it to UTF-8: {command}"
    if shutil.which("iconv") is None:
        pytest.skip("no iconv here to run the command")
    subprocess.run(command, shell=True, check=True)
    assert read_source(Path(f"{path}.utf8")) == text


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 4,
        (Path(__file__).parent / "data" / "models" / "fixture-en_ru.argosmodel").read_bytes()[
            :4096
        ],
        b"Some text\n\x00\x00\x00\x01\x02 then \x00 nothing\n",
    ],
    ids=["all bytes", "zip", "text with NULs"],
)
def test_binary_file_is_called_binary(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(data)
    with pytest.raises(CorpusError) as info:
        read_source(path)
    assert info.value.message.startswith("not a text file: byte 0x")
    assert info.value.message.endswith(" is binary data")
    assert info.value.hint == "give a plain-text file in UTF-8"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="file not found"):
        read_source(tmp_path / "nope.txt")


def test_bom_offset_counts_file_bytes(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfAB\xff")
    with pytest.raises(CorpusError) as info:
        read_source(path)
    assert info.value.offset == 5


# --- ids and metadata -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "date", "expected"),
    [
        (
            "Kazakhstan seeks to boost industrial cooperation with Russia",
            dt.date(2022, 7, 4),
            "2022-07-04-kazakhstan-seeks-boost-industrial-cooperation-russia",
        ),
        ("Alihan Smailov in Almaty", None, "alihan-smailov-almaty"),
        ("Смаилов в Алматы", dt.date(2024, 2, 1), "2024-02-01"),
    ],
)
def test_make_article_id(title: str, date: dt.date | None, expected: str) -> None:
    assert make_article_id(title, date) == expected


def test_meta_json_round_trip_is_deterministic() -> None:
    meta = ArticleMeta(
        id="2024-02-01-mishustin-smailov-almaty-meeting",
        title="Mikhail Mishustin meets with Prime Minister of Kazakhstan Alihan Smailov",
        date=dt.date(2024, 2, 1),
        source=None,
        dateline="Russia",
        origin="004.txt",
        note="Предыдущая новость left out",
    )
    text = meta_to_json(meta)
    assert text.endswith("}\n")
    assert "Предыдущая" in text  # ensure_ascii=False
    keys = [line.split('"')[1] for line in text.splitlines()[1:-1]]
    assert keys == sorted(keys)
    assert meta_from_json(text, Path("x.json")) == meta
    assert meta_to_json(meta_from_json(text, Path("x.json"))) == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"id": "a",\n "title": }', "invalid JSON"),
        ("[]", "must be a JSON object"),
        ('{"id": "a", "title": "T", "language": "en", "colour": 1}', "unknown metadata key"),
        ('{"id": "a", "title": "", "language": "en"}', "'title' must be a non-empty string"),
        ('{"id": "a", "title": "T", "language": "en", "date": "4 July"}', "not YYYY-MM-DD"),
    ],
)
def test_bad_metadata(text: str, message: str) -> None:
    with pytest.raises(CorpusError, match=message):
        meta_from_json(text, Path("corpus/a.json"))


# --- import and load ------------------------------------------------------------------------


def test_import_writes_text_and_metadata(settings: Settings) -> None:
    result = import_article(
        settings,
        DATA / "dateline_kazinform.txt",
        article_id="2022-07-04-smailov-mishustin-innoprom",
        title="Alikhan Smailov and Mikhail Mishustin meet at INNOPROM in Yekaterinburg",
    )
    article = result.article
    root = settings.root
    assert article.text_path == root / "corpus" / "2022-07-04-smailov-mishustin-innoprom.txt"
    body = article.text_path.read_text(encoding="utf-8")
    assert body.startswith("YEKATERINBURG. KAZINFORM - On the sidelines")
    assert body.endswith("\n\nPhoto: primeminister.kz\n")
    assert "\n\n\n" not in body
    meta = json.loads(article.meta_path.read_text(encoding="utf-8"))
    assert meta == {
        "id": "2022-07-04-smailov-mishustin-innoprom",
        "title": "Alikhan Smailov and Mikhail Mishustin meet at INNOPROM in Yekaterinburg",
        "date": "2022-07-04",
        "source": "Kazinform",
        "dateline": "Yekaterinburg",
        "origin": "dateline_kazinform.txt",
        "language": "en",
        "note": None,
    }
    assert [(s.id, s.kind) for s in article.segments] == [
        ("title", SegmentKind.TITLE),
        ("p1.s1", SegmentKind.DATELINE),
        ("p1.s2", SegmentKind.TEXT),
        ("p2.s1", SegmentKind.TEXT),
        ("p3.s1", SegmentKind.TEXT),
        ("p4.s1", SegmentKind.BOILERPLATE),
    ]
    assert [s.id for s in result.excluded] == ["p4.s1"]
    title = article.segments[0]
    assert article.reference(title, root) == "corpus/2022-07-04-smailov-mishustin-innoprom.json:9"
    meta_lines = article.meta_path.read_text(encoding="utf-8").splitlines()
    assert meta_lines[title.line - 1].startswith('  "title": ')
    assert article.reference(article.segments[-1], root).endswith(".txt:7")
    assert body.splitlines()[6] == "Photo: primeminister.kz"


def test_editor_metadata_wins_and_is_reported(settings: Settings) -> None:
    result = import_article(
        settings,
        DATA / "no_date.txt",
        article_id="consulate",
        title="Alikhan Smailov opens the Consulate General of Kazakhstan in Yekaterinburg",
        date=dt.date(2022, 7, 4),
        source="Kazinform",
        note="Date from the trip reported in  another article.",
    )
    meta = result.article.meta
    assert (meta.date, meta.source) == (dt.date(2022, 7, 4), "Kazinform")
    assert meta.note == "Date from the trip reported in another article."
    assert result.decisions == (
        "date 2022-07-04 from --date (the file has none)",
        "source Kazinform from --source (the text names primeminister.kz)",
    )


def test_import_without_id_or_title_derives_them(settings: Settings) -> None:
    result = import_article(settings, DATA / "caption_run_on.txt")
    meta = result.article.meta
    assert meta.title == (
        "The conversation took place on the sidelines of the Eurasian Intergovernmental "
        "Council meeting."
    )
    assert meta.id == "2024-02-01-conversation-took-place-sidelines-eurasian-intergovernmental"
    assert any(d.startswith("no --title") for d in result.decisions)


def test_import_is_byte_identical_when_repeated(settings: Settings) -> None:
    first = import_article(settings, DATA / "blank_runs.txt", article_id="a", title="T")
    texts = (first.article.text_path.read_bytes(), first.article.meta_path.read_bytes())
    again = import_article(settings, DATA / "blank_runs.txt", article_id="a", title="T", force=True)
    assert again.replaced
    assert (again.article.text_path.read_bytes(), again.article.meta_path.read_bytes()) == texts


def test_id_collision_needs_force(settings: Settings) -> None:
    import_article(settings, DATA / "blank_runs.txt", article_id="talks", title="Talks")
    with pytest.raises(CorpusError, match="article 'talks' already exists") as info:
        import_article(settings, DATA / "no_date.txt", article_id="talks", title="Other")
    assert "--force" in str(info.value)
    assert load_article(settings, "talks").meta.title == "Talks"
    import_article(settings, DATA / "no_date.txt", article_id="talks", title="Other", force=True)
    assert load_article(settings, "talks").meta.title == "Other"


@pytest.mark.parametrize("bad_id", ["Talks", "talks_2024", "../talks", "-talks", "talks--x"])
def test_invalid_id(settings: Settings, bad_id: str) -> None:
    with pytest.raises(CorpusError, match="invalid article id"):
        import_article(settings, DATA / "blank_runs.txt", article_id=bad_id, title="T")


def test_import_error_names_the_file(settings: Settings, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n", encoding="utf-8")
    with pytest.raises(CorpusError) as info:
        import_article(settings, empty, title="T")
    assert str(info.value).startswith(f"{empty}: the file has no text")


def test_unknown_id_lists_close_ids(settings: Settings) -> None:
    for article_id in ("2024-02-04-smailov-mishustin-almaty-talks", "2022-07-04-innoprom"):
        import_article(settings, DATA / "blank_runs.txt", article_id=article_id, title="T")
    with pytest.raises(CorpusError, match="unknown article") as info:
        load_article(settings, "2024-02-04-smailov-mishustin-talks")
    assert "did you mean 2024-02-04-smailov-mishustin-almaty-talks" in str(info.value)


def test_unknown_id_in_empty_corpus(settings: Settings) -> None:
    with pytest.raises(CorpusError, match="the corpus is empty"):
        load_article(settings, "anything")


def test_load_corpus_sorted_and_ignores_orphan_text(settings: Settings) -> None:
    assert load_corpus(settings) == []
    for article_id in ("b-article", "a-article"):
        import_article(settings, DATA / "one_per_line.txt", article_id=article_id, title="T")
    (settings.corpus_path / "orphan.txt").write_text("Half-written import.\n", encoding="utf-8")
    assert [a.id for a in load_corpus(settings)] == ["a-article", "b-article"]


def test_metadata_id_must_match_file_name(settings: Settings) -> None:
    import_article(settings, DATA / "one_per_line.txt", article_id="right", title="T")
    path = settings.corpus_path / "right.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"right"', '"wrong"'), "utf-8")
    with pytest.raises(CorpusError, match="does not match the file name"):
        load_article(settings, "right")


def test_non_utf8_corpus_file(settings: Settings) -> None:
    import_article(settings, DATA / "one_per_line.txt", article_id="x", title="T")
    (settings.corpus_path / "x.txt").write_bytes(b"Caf\xe9.\n")
    with pytest.raises(CorpusError, match=r"x\.txt:1 \(byte 3\): not valid UTF-8"):
        load_article(settings, "x")


# --- the tiny project's corpus ---------------------------------------------------------------

TINY = load_corpus(load_settings(TINY_PROJECT))
# How tests/data/project/corpus was made (its README.md): source file, id, title.
TINY_IMPORTS = [
    (
        "innoprom.txt",
        "2022-07-04-innoprom",
        "Alikhan Smailov and Mikhail Mishustin meet at INNOPROM",
    ),
    (
        "almaty-meeting.txt",
        "2024-02-01-almaty-meeting",
        "Mikhail Mishustin meets Alikhan Smailov in Almaty",
    ),
    (
        "almaty-talks.txt",
        "2024-02-04-almaty-talks",
        "Alikhan Smailov and Mikhail Mishustin hold talks in Almaty",
    ),
]


def test_tiny_corpus_has_its_three_articles() -> None:
    assert [(a.id, a.meta.source, a.meta.dateline) for a in TINY] == [
        ("2022-07-04-innoprom", "Kazinform", "Yekaterinburg"),
        ("2024-02-01-almaty-meeting", None, "Russia"),
        ("2024-02-04-almaty-talks", "primeminister.kz", None),
    ]
    assert [(len(a.segments), sum(s.translatable for s in a.segments)) for a in TINY] == [
        (6, 5),
        (5, 4),
        (4, 3),
    ]


@pytest.mark.parametrize("article", TINY, ids=lambda a: a.id)
def test_corpus_segments_rebuild_every_paragraph(article: Article) -> None:
    assert_segments_rebuild_every_paragraph(article)


@pytest.mark.parametrize(("name", "article_id", "title"), TINY_IMPORTS)
def test_tiny_sources_import_to_the_committed_corpus(
    settings: Settings, name: str, article_id: str, title: str
) -> None:
    source = TINY_PROJECT / "sources" / name
    article = import_article(settings, source, article_id=article_id, title=title).article
    committed = TINY_PROJECT / "corpus"
    assert article.text_path.read_bytes() == (committed / f"{article_id}.txt").read_bytes()
    assert article.meta_path.read_bytes() == (committed / f"{article_id}.json").read_bytes()


def test_exclusions_are_reported_as_findings(settings: Settings, tmp_path: Path) -> None:
    source = tmp_path / "mixed.txt"
    source.write_text(
        "Smailov arrived in Ufa.\n\nПремьер-министр прибыл в Уфу вчера вечером.\n\n"
        "Photo: primeminister.kz\n",
        encoding="utf-8",
    )
    article = import_article(settings, source, article_id="mixed", title="Mixed").article
    findings = article.exclusions(settings.root)
    assert [(f.check, f.severity.label, str(f.location)) for f in findings] == [
        ("source-language", "warning", "corpus/mixed.txt:3"),
        ("boilerplate", "info", "corpus/mixed.txt:5"),
    ]
    assert findings[0].subject == "Премьер-министр прибыл в Уфу вчера вечером."
