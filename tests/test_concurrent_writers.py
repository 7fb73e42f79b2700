"""Writers at the same time: a change made between a writer's read and its save is never lost.

Every command here runs as a real process on real files. To put a change between a command's
read and its save, the test holds the file's lock and waits until the kernel shows the command
waiting for it (see tests/file_locks.py): the command has read the file and not saved yet. Then
the test approves entries with another process or edits the file the way an editor does, and
releases the lock. No sleeps decide the order, and nothing in the toolkit knows it is tested.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from enforce_data import DATA as ENFORCE_DATA
from enforce_data import GLOSSARY as ENFORCE_GLOSSARY
from file_locks import edit_by_hand, finish, start, wait_until_blocked
from gettext_check import msgfmt_problems
from job_project import copy_job_project
from test_cli_translate import install

from toolkit.fileio import file_lock
from toolkit.gettext import pofile
from toolkit.glossary.storage import read_termbase

TESTS = Path(__file__).resolve().parent
REVIEW_PROJECT = TESTS / "data" / "review" / "project"
TINY_PROJECT = TESTS / "data" / "project"
CHANGED_ON_DISK = "changed on disk since it was read"


def messages(path: Path) -> dict[str, pofile.Message]:
    return {m.msgid: m for m in pofile.read_catalog(path).active}


# --- the translate job and approve -----------------------------------------------------------

FIRST = "2022-07-04-smailov-visits-innoprom"  # the job writes this catalog first ...
SECOND = "2024-02-01-mishustin-smailov-meeting"  # ... and this one after it
TO_APPROVE = {
    "p1.s1": "Alihan Smailov: Mr Mishustin, colleagues.",
    "p2.s1": "We are pleased to welcome you to the Digital Almaty forum.",
}
TO_TRANSLATE = (
    "This is our first meeting this year.",
    "Russia remains a key strategic partner of Kazakhstan.",
)


@pytest.fixture(scope="module")
def ru_model(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return install(tmp_path_factory.mktemp("argos-ru"), ("fixture-en_ru",))


def test_approvals_made_while_the_job_runs_are_kept_and_the_job_fills_the_rest(
    tmp_path: Path, ru_model: dict[str, str]
) -> None:
    """`toolkit translate` (the real Argos fixture model) reads every ru catalog, translates,
    and writes FIRST, then SECOND. The test holds FIRST's lock, so the job stops right before
    writing FIRST, having read SECOND long before; meanwhile `toolkit approve` approves two
    fuzzy entries of SECOND and ends. Then the test lets the job go on. Before the rule, the
    job wrote SECOND from its own copy and the two entries were fuzzy again."""
    root = copy_job_project(tmp_path / "p", translations=True)
    ru = root / "translations" / "ru"
    first, second = ru / f"{FIRST}.po", ru / f"{SECOND}.po"
    edit_by_hand(
        first, 'msgstr "В состав делегации входят 200 отечественных компаний."', 'msgstr ""'
    )
    for msgid in TO_APPROVE.values():
        edit_by_hand(second, f'msgid "{msgid}"', f'#, fuzzy\nmsgid "{msgid}"')
    for msgid in TO_TRANSLATE:
        old = messages(second)[msgid].msgstr
        edit_by_hand(second, f'msgstr "{old}"', 'msgstr ""')
    assert all(messages(second)[m].fuzzy for m in TO_APPROVE.values())

    with file_lock(first):
        job = start(root, "translate", "--lang", "ru", env=ru_model)
        wait_until_blocked(first, job)
        approve = start(root, "approve", str(second), "-e", "p1.s1", "-e", "p2.s1")
        code, _, err = finish(approve)
        assert code == 0, err
        assert "approved 2, kept 0; file updated" in err
    code, _, err = finish(job)
    assert code == 0, err

    after = messages(second)
    for msgid in TO_APPROVE.values():
        assert after[msgid].translated, f"the approval of {msgid!r} was lost"
    for msgid in TO_TRANSLATE:
        assert after[msgid].msgstr and after[msgid].fuzzy
        assert dict(after[msgid].annotations)["engine"].startswith("argos fixture-en_ru")
    assert msgfmt_problems(second) == "" and msgfmt_problems(first) == ""


# --- a hand edit between a command's read and its save --------------------------------------


def copy(source: Path, tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(source, root)
    return root


def test_approve_keeps_a_hand_edit_of_another_entry(tmp_path: Path) -> None:
    root = copy(REVIEW_PROJECT, tmp_path)
    path = root / "translations" / "ru" / "sample.po"
    with file_lock(path):
        approve = start(root, "approve", str(path), "--entry", "p1.s2")
        wait_until_blocked(path, approve)
        edit_by_hand(path, '"ЕКАТЕРИНБУРГ. КАЗИНФОРМ –"', '"ЕКАТЕРИНБУРГ (КАЗИНФОРМ) –"')
    code, _, err = finish(approve)
    assert code == 0, err
    after = messages(path)
    assert after["YEKATERINBURG. KAZINFORM -"].msgstr == "ЕКАТЕРИНБУРГ (КАЗИНФОРМ) –"
    assert after["Alikhan Smailov arrived in Yekaterinburg for INNOPROM."].translated
    assert msgfmt_problems(path) == ""


def test_approve_refuses_when_the_hand_edit_changed_the_same_entry(tmp_path: Path) -> None:
    root = copy(REVIEW_PROJECT, tmp_path)
    path = root / "translations" / "ru" / "sample.po"
    with file_lock(path):
        approve = start(root, "approve", str(path), "--entry", "p1.s2")
        wait_until_blocked(path, approve)
        edit_by_hand(path, "прибыл в Екатеринбург", "приехал в Екатеринбург")
        edited = path.read_bytes()
    code, _, err = finish(approve)
    assert code == 2
    assert CHANGED_ON_DISK in err and "1 entry edited by both" in err
    assert "nothing written" in err and "rerun" in err
    assert "line 29: 'Alikhan Smailov arrived in" in err
    assert len(err.strip().splitlines()) == 1
    assert path.read_bytes() == edited  # the hand edit, as the editor saved it


def test_interactive_review_keeps_a_hand_edit_and_saves_again_on_it(tmp_path: Path) -> None:
    """The reviewer accepts p1.s2 (the save waits for the lock while the file is edited by
    hand), then p1.s3: the second save builds on the file as the first one left it."""
    root = copy(REVIEW_PROJECT, tmp_path)
    path = root / "translations" / "ru" / "sample.po"
    env = {k: v for k, v in os.environ.items() if k not in ("EDITOR", "VISUAL")}
    with file_lock(path):
        review = start(root, "review", "-i", str(path), env=env, stdin="a\na\nq\n")
        wait_until_blocked(path, review)
        edit_by_hand(path, '"ЕКАТЕРИНБУРГ. КАЗИНФОРМ –"', '"ЕКАТЕРИНБУРГ (КАЗИНФОРМ) –"')
    code, out, err = finish(review)
    assert code == 0, err
    assert "approved p1.s2; saved" in out and "approved p1.s3; saved" in out
    after = messages(path)
    assert after["YEKATERINBURG. KAZINFORM -"].msgstr == "ЕКАТЕРИНБУРГ (КАЗИНФОРМ) –"
    assert after["Alikhan Smailov arrived in Yekaterinburg for INNOPROM."].translated
    assert after["He met Mikhail Mishustin there."].translated
    assert msgfmt_problems(path) == ""


def test_enforce_keeps_a_hand_edit(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "translations" / "ru").mkdir(parents=True)
    (root / "pyproject.toml").write_text(
        '[project]\nname = "t"\nversion = "0"\n\n[tool.toolkit]\nsource_language = "en"\n'
        'target_languages = ["ru"]\n',
        encoding="utf-8",
    )
    shutil.copytree(ENFORCE_GLOSSARY, root / "glossary")
    path = root / "translations" / "ru" / "sample.po"
    shutil.copy(ENFORCE_DATA / "sample-ru.po", path)
    with file_lock(path):
        enforce = start(root, "enforce", str(path))
        wait_until_blocked(path, enforce)
        edit_by_hand(
            path, 'Kostanay."\nmsgstr ""', 'Kostanay."\nmsgstr "XIX форум прошёл в Костанае."'
        )
    code, _, err = finish(enforce)
    assert code == 0, err
    after = messages(path)
    assert after["The 19th Forum was successfully held last year in Kostanay."].msgstr == (
        "XIX форум прошёл в Костанае."
    )
    assert (
        after["Mishustin sent greetings to Smailov."].msgstr == "Мишустин передал привет Смаилову."
    )
    # The fixture's header lacks fields msgfmt warns about; nothing else may be wrong.
    source = ENFORCE_DATA / "sample-ru.po"
    found = msgfmt_problems(path).replace(str(path), "F").splitlines()
    assert set(found) <= set(msgfmt_problems(source).replace(str(source), "F").splitlines())


def test_catalog_update_keeps_a_hand_edit(tmp_path: Path) -> None:
    root = copy(TINY_PROJECT, tmp_path)
    path = root / "translations" / "ru" / "2024-02-04-almaty-talks.po"
    dropped = "The parties discussed trade, energy and transport."
    edit_by_hand(
        path,
        f'msgid "{dropped}"\nmsgstr "Стороны обсудили торговлю, энергетику и транспорт."\n',
        "",
    )
    assert dropped not in messages(path)
    with file_lock(path):
        update = start(root, "catalog", "update", "--lang", "ru")
        wait_until_blocked(path, update)
        edit_by_hand(path, "провели переговоры в Алматы", "провели переговоры в Алма-Ате")
    code, _, err = finish(update)
    assert code == 0, err
    after = messages(path)
    title = "Alikhan Smailov and Mikhail Mishustin hold talks in Almaty"
    assert after[title].msgstr.endswith("провели переговоры в Алма-Ате")  # the hand edit
    assert dropped in after  # what the update brought back from the template
    assert msgfmt_problems(path) == ""


def test_glossary_add_keeps_a_hand_edit_of_the_language_file(tmp_path: Path) -> None:
    root = copy(TINY_PROJECT, tmp_path)
    folder = root / "glossary"
    path = folder / "ru.po"
    with file_lock(path):
        add = start(
            root, "glossary", "add", "Kostanay", "--type", "place", "--target", "ru=Костанай"
        )
        wait_until_blocked(path, add)  # the template is written, ru.po not yet
        edit_by_hand(path, 'msgstr "Екатеринбург"', 'msgstr "Екатеринбург (Свердловская обл.)"')
    code, _, err = finish(add)
    assert code == 0, err
    termbase = read_termbase(folder, ["ru", "kk"])
    yekaterinburg = termbase.get("yekaterinburg")
    kostanay = termbase.get("kostanay")
    assert yekaterinburg is not None and kostanay is not None
    assert yekaterinburg.target("ru") is not None and kostanay.target("ru") is not None
    assert yekaterinburg.target("ru").approved == "Екатеринбург (Свердловская обл.)"  # type: ignore[union-attr]
    assert kostanay.target("ru").approved == "Костанай"  # type: ignore[union-attr]
    for file in (path, folder / "glossary.pot", folder / "kk.po"):
        assert msgfmt_problems(file) == ""


# --- two writers saving one catalog, many times ----------------------------------------------

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from toolkit.errors import CatalogError
    from toolkit.gettext.model import Message
    from toolkit.gettext.store import read_catalog_snapshot, save_catalog

    path, name, rounds = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    refused = 0
    for number in range(rounds):
        while True:
            read = read_catalog_snapshot(path)
            catalog = read.catalog.with_message(Message(f"{name} {number}.", f"{name} {number}"))
            catalog = catalog.with_message(Message("Shared.", f"{name} {number}"))
            try:
                save_catalog(path, catalog, base=read, stamp="PO-Revision-Date")
                break
            except CatalogError as exc:
                assert "changed on disk since it was read" in str(exc), exc
                assert "nothing written" in str(exc), exc
                refused += 1
    print(refused)
    """
)

HEADER = """\
msgid ""
msgstr ""
"Project-Id-Version: race 1\\n"
"PO-Revision-Date: 2024-01-01 00:00+0000\\n"
"Last-Translator: \\n"
"Language-Team: Russian\\n"
"Language: ru\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
"(n%100<10 || n%100>=20) ? 1 : 2);\\n"

msgid "Shared."
msgstr "start"
"""


def test_two_processes_saving_one_catalog_lose_nothing(tmp_path: Path) -> None:
    """Each writer adds one entry per round and sets the shared entry; they run at once. A save
    whose shared entry the other changed meanwhile is refused and redone from a new read."""
    path = tmp_path / "race.po"
    path.write_text(HEADER, encoding="utf-8")
    rounds = 60
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), name, str(rounds)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("left", "right")
    ]
    refused = 0
    for writer in writers:
        out, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
        refused += int(out)
    after = messages(path)
    for name in ("left", "right"):
        for number in range(rounds):
            assert after[f"{name} {number}."].msgstr == f"{name} {number}", "a lost update"
    assert after["Shared."].msgstr in (f"left {rounds - 1}", f"right {rounds - 1}")
    assert len(after) == 2 * rounds + 1
    assert msgfmt_problems(path) == ""
    assert not list(tmp_path.glob(".*"))  # no lock file or temporary file left behind
