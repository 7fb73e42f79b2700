"""Argos packages: checking a package file, installing through argostranslate, listing, removing,
and the Argos index (offline, black-holed, and served from this machine)."""

from __future__ import annotations

import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from argos_home import ArgosHome, argos_home, closed_port, fixture_archive

from toolkit.engines.argos import (
    add_package,
    find_packages,
    inspect_archive,
    install_from_index,
    list_packages,
    read_package,
    remove_package,
)
from toolkit.engines.argos.packages import format_size
from toolkit.errors import EngineUnavailable

EN_RU = "fixture-en_ru"
EN_KK = "fixture-en_kk"


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ArgosHome]:
    with argos_home(tmp_path_factory.mktemp("argos")) as argos:
        yield argos


@pytest.fixture
def packages(home: ArgosHome) -> Iterator[Path]:
    """The (empty) package folder; emptied again after each test."""
    assert list(home.packages.iterdir()) == []
    yield home.packages
    for child in home.packages.iterdir():
        shutil.rmtree(child) if child.is_dir() else child.unlink()


def leftovers(home: ArgosHome) -> list[str]:
    """Everything in the package folder and the replaced-package area next to it."""
    found = sorted(p.name for p in home.packages.iterdir())
    found += sorted(p.name for p in home.root.glob(".toolkit-replaced-*"))
    return found


# --------------------------------------------------------------------------- building archives


def rebuild(
    tmp_path: Path,
    name: str,
    *,
    drop: Callable[[str], bool] = lambda _: False,
    rename: Callable[[str], str] = lambda n: n,
    change: Callable[[str, bytes], bytes] = lambda _, data: data,
    extra: dict[str, bytes] | None = None,
) -> Path:
    """A copy of a fixture package with members dropped, renamed, changed or added."""
    out = tmp_path / f"{name}-{len(list(tmp_path.iterdir()))}.argosmodel"
    with zipfile.ZipFile(fixture_archive(name)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if drop(info.filename):
                continue
            data = b"" if info.is_dir() else change(info.filename, source.read(info))
            target.writestr(rename(info.filename), data)
        for member, data in (extra or {}).items():
            target.writestr(member, data)
    return out


def metadata_with(**changes: object) -> Callable[[str, bytes], bytes]:
    def change(member: str, data: bytes) -> bytes:
        if not member.endswith("/metadata.json"):
            return data
        metadata = json.loads(data)
        metadata.update(changes)
        return json.dumps({k: v for k, v in metadata.items() if v is not None}).encode()

    return change


def truncated(tmp_path: Path, name: str) -> Path:
    out = tmp_path / "truncated.argosmodel"
    data = fixture_archive(name).read_bytes()
    out.write_bytes(data[: len(data) // 2])
    return out


def damaged_member(tmp_path: Path, name: str) -> Path:
    """Bytes flipped inside the stored model weights: the zip opens, the checksum fails."""
    out = tmp_path / "damaged.argosmodel"
    with zipfile.ZipFile(fixture_archive(name)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info), compress_type=zipfile.ZIP_STORED)
    data = bytearray(out.read_bytes())
    with zipfile.ZipFile(out) as archive:
        weights = archive.getinfo(f"{name}/model/model.bin")
    start = weights.header_offset + 30 + len(weights.filename) + 1000
    data[start : start + 8] = bytes(255 - b for b in data[start : start + 8])
    out.write_bytes(bytes(data))
    return out


BROKEN: dict[str, tuple[Callable[[Path], Path], str]] = {
    "corrupt zip": (lambda d: truncated(d, EN_RU), "not a valid zip archive"),
    "not a zip": (
        lambda d: (d / "x.argosmodel", (d / "x.argosmodel").write_text("hello"))[0],
        "not a valid zip archive",
    ),
    "damaged member": (lambda d: damaged_member(d, EN_RU), "checksum mismatch in"),
    "two top folders": (
        lambda d: rebuild(d, EN_RU, extra={"other/README.md": b"x"}),
        "expected exactly one top folder in the archive, found fixture-en_ru, other",
    ),
    "file outside the folder": (
        lambda d: rebuild(d, EN_RU, extra={"metadata.json": b"{}"}),
        "metadata.json lies outside the package folder",
    ),
    "unsafe member name": (
        lambda d: rebuild(d, EN_RU, extra={f"{EN_RU}/../../evil.txt": b"x"}),
        "unsafe member name",
    ),
    "missing metadata.json": (
        lambda d: rebuild(d, EN_RU, drop=lambda n: n.endswith("metadata.json")),
        "no metadata.json in fixture-en_ru/",
    ),
    "metadata not JSON": (
        lambda d: rebuild(d, EN_RU, change=lambda n, b: b"{" if "metadata" in n else b),
        "invalid fixture-en_ru/metadata.json: not JSON",
    ),
    "metadata without to_code": (
        lambda d: rebuild(d, EN_RU, change=metadata_with(to_code=None)),
        "to_code is missing or empty",
    ),
    "not a translation package": (
        lambda d: rebuild(d, EN_RU, change=metadata_with(type="sbd")),
        "package type 'sbd' is not a translation package",
    ),
    "missing model/": (
        lambda d: rebuild(d, EN_RU, drop=lambda n: "/model/" in n),
        "no model/ folder in fixture-en_ru/",
    ),
    "model without model.bin": (
        lambda d: rebuild(d, EN_RU, drop=lambda n: n.endswith("model.bin")),
        "model/ has no model.bin",
    ),
    "model without vocabulary": (
        lambda d: rebuild(d, EN_RU, drop=lambda n: "vocabulary" in n),
        "model/ has no vocabulary",
    ),
    "missing tokenizer": (
        lambda d: rebuild(d, EN_RU, drop=lambda n: n.endswith("sentencepiece.model")),
        "no tokenizer in fixture-en_ru/: expected sentencepiece.model or bpe.model",
    ),
}


# --------------------------------------------------------------------------- checking files


@pytest.mark.parametrize(
    ("name", "pair", "prefix"),
    [
        (EN_RU, ("en", "ru"), ""),
        (EN_KK, ("en", "kk"), "<2kk>"),
        ("fixture-ru_en", ("ru", "en"), ""),
    ],
)
def test_fixture_packages_pass_the_check(name: str, pair: tuple[str, str], prefix: str) -> None:
    info = inspect_archive(fixture_archive(name))
    assert (info.folder, info.pair, info.target_prefix) == (name, pair, prefix)
    assert info.tokenizer == "sentencepiece"
    assert info.version
    assert info.size > fixture_archive(name).stat().st_size // 2


@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_broken_package_is_refused_and_nothing_is_installed(
    case: str, tmp_path: Path, home: ArgosHome, packages: Path
) -> None:
    make, message = BROKEN[case]
    broken = make(tmp_path)
    with pytest.raises(EngineUnavailable) as raised:
        add_package(broken)
    assert message in raised.value.message
    assert raised.value.message.startswith("not a usable Argos package: ")
    assert raised.value.path == broken
    assert "nothing was installed" in str(raised.value)
    assert leftovers(home) == []
    assert not (tmp_path.parent / "evil.txt").exists()


def test_missing_file_says_how_to_install(tmp_path: Path) -> None:
    with pytest.raises(EngineUnavailable, match="no such package file") as raised:
        inspect_archive(tmp_path / "nope.argosmodel")
    assert "toolkit models add FILE.argosmodel" in str(raised.value)


def test_old_style_split_vocabularies_are_a_model(tmp_path: Path) -> None:
    def split(member: str) -> str:
        return member.replace("shared_vocabulary.json", "source_vocabulary.txt")

    archive = rebuild(
        tmp_path, EN_RU, rename=split, extra={f"{EN_RU}/model/target_vocabulary.txt": b"a\n"}
    )
    assert inspect_archive(archive).folder == EN_RU


# --------------------------------------------------------------------------- install, list, remove


def test_add_installs_through_argostranslate_and_lists(home: ArgosHome, packages: Path) -> None:
    installed = add_package(fixture_archive(EN_KK))
    assert installed.path == packages / EN_KK
    assert (installed.pair, installed.tokenizer, installed.target_prefix) == (
        ("en", "kk"),
        "sentencepiece",
        "<2kk>",
    )
    assert installed.usable and installed.provenance == f"argos {EN_KK} {installed.version}"
    (listed,) = list_packages()
    assert listed == installed
    assert listed.size == sum(f.stat().st_size for f in listed.path.rglob("*") if f.is_file())
    from argostranslate import package

    assert [p.package_path for p in package.get_installed_packages()] == [installed.path]


def test_argospm_and_the_toolkit_see_the_same_folder(home: ArgosHome, packages: Path) -> None:
    from argostranslate import package

    package.install_from_path(fixture_archive("fixture-ru_en"))  # what `argospm install` does
    add_package(fixture_archive(EN_RU))
    assert [p.name for p in list_packages()] == [EN_RU, "fixture-ru_en"]
    argospm = Path(sys.executable).with_name("argospm")
    listed = subprocess.run(
        [str(argospm), "list"], env=home.env, capture_output=True, text=True, check=True
    )
    assert sorted(listed.stdout.split()) == ["translate-en_ru", "translate-ru_en"]


def test_add_twice_needs_replace(home: ArgosHome, packages: Path) -> None:
    first = add_package(fixture_archive(EN_RU))
    with pytest.raises(EngineUnavailable, match="already installed: fixture-en_ru") as raised:
        add_package(fixture_archive(EN_RU))
    assert "--replace" in str(raised.value)
    assert "toolkit models remove fixture-en_ru" in str(raised.value)
    again = add_package(fixture_archive(EN_RU), replace=True)
    assert again.path == first.path
    assert leftovers(home) == [EN_RU]


def test_replace_a_package_for_the_same_pair_under_another_name(
    tmp_path: Path, home: ArgosHome, packages: Path
) -> None:
    add_package(fixture_archive(EN_RU))
    newer = rebuild(
        tmp_path,
        EN_RU,
        rename=lambda n: n.replace(EN_RU, "other-en_ru", 1),
        change=metadata_with(package_version="9.0"),
    )
    with pytest.raises(EngineUnavailable, match=r"already installed: fixture-en_ru \(en->ru"):
        add_package(newer)
    installed = add_package(newer, replace=True)
    assert (installed.name, installed.version) == ("other-en_ru", "9.0")
    assert leftovers(home) == ["other-en_ru"]


def test_failed_install_is_rolled_back(
    home: ArgosHome, packages: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_package(fixture_archive(EN_RU))
    before = (packages / EN_RU / "model" / "model.bin").read_bytes()
    from argostranslate import package

    real = package.install_from_path

    def disk_full(path: Path) -> None:  # unzips, then fails as a full disk would
        real(path)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(package, "install_from_path", disk_full)
    with pytest.raises(EngineUnavailable, match=r"installation failed: .*No space left"):
        add_package(fixture_archive(EN_RU), replace=True)
    assert leftovers(home) == [EN_RU]
    assert (packages / EN_RU / "model" / "model.bin").read_bytes() == before
    assert read_package(packages / EN_RU).usable


def test_install_failure_from_the_file_system_installs_nothing(
    home: ArgosHome, packages: Path
) -> None:
    (packages / EN_RU).write_text("a file where the package folder would go")
    with pytest.raises(EngineUnavailable, match="installation failed"):
        add_package(fixture_archive(EN_RU))
    assert leftovers(home) == [EN_RU]
    assert (packages / EN_RU).is_file()


# --------------------------------------------------------------------------- sizes: bombs and disks

MIB = 2**20
PADDING = f"{EN_RU}/model/padding.bin"


def with_member(tmp_path: Path, name: str, data: bytes, *, extra: str = PADDING) -> Path:
    """The fixture package plus one deflated member (zeros compress about 1000:1)."""
    return with_members(tmp_path, name, {extra: data})


def with_members(tmp_path: Path, name: str, extra: dict[str, bytes]) -> Path:
    out = tmp_path / f"{name}-{len(list(tmp_path.iterdir()))}.argosmodel"
    shutil.copy(fixture_archive(name), out)
    with zipfile.ZipFile(out, "a") as archive:
        for member, data in extra.items():
            archive.writestr(member, data, compress_type=zipfile.ZIP_DEFLATED)
    return out


def lie_about_size(archive: Path, member: str, size: int, crc: int | None = None) -> None:
    """Patch the uncompressed size (and optionally the CRC) *member* declares, in its local
    header and in the central directory, as a hostile archive would."""
    data = bytearray(archive.read_bytes())
    name = member.encode()
    for signature, crc_at, name_at in ((b"PK\x03\x04", 14, 30), (b"PK\x01\x02", 16, 46)):
        start = data.find(signature)
        while start != -1:
            if data[start + name_at : start + name_at + len(name)] == name:
                data[start + crc_at + 8 : start + crc_at + 12] = size.to_bytes(4, "little")
                if crc is not None:
                    data[start + crc_at : start + crc_at + 4] = crc.to_bytes(4, "little")
            start = data.find(signature, start + 4)
    archive.write_bytes(bytes(data))
    with zipfile.ZipFile(archive) as check:
        assert check.getinfo(member).file_size == size


def test_a_member_over_the_limit_is_refused_with_the_numbers(
    tmp_path: Path, home: ArgosHome, packages: Path
) -> None:
    bomb = with_member(tmp_path, EN_RU, bytes(64 * MIB))
    assert bomb.stat().st_size < fixture_archive(EN_RU).stat().st_size + MIB
    with pytest.raises(EngineUnavailable) as raised:
        add_package(bomb, limit=32 * MIB)
    assert raised.value.message == (
        f"{PADDING} declares 64.0 MiB uncompressed, over the 32.0 MiB limit"
    )
    assert "nothing was installed" in str(raised.value)
    assert leftovers(home) == []


def test_a_zip_bomb_is_refused_under_the_default_limit(
    tmp_path: Path, home: ArgosHome, packages: Path
) -> None:
    bomb = with_member(tmp_path, EN_RU, bytes(64 * MIB))
    with pytest.raises(EngineUnavailable) as raised:
        add_package(bomb)
    packed = zipfile.ZipFile(bomb).getinfo(PADDING).compress_size
    assert raised.value.message == (
        f"{PADDING} declares 64.0 MiB uncompressed from {packed / 1024:.1f} KiB, "
        "over 100 times its packed size"
    )
    assert leftovers(home) == []


def test_the_total_over_the_limit_is_refused(
    tmp_path: Path, home: ArgosHome, packages: Path
) -> None:
    # Random bytes do not compress: each member is honest and under the limit, the sum is not.
    both = with_members(
        tmp_path, EN_RU, {PADDING: os.urandom(MIB), f"{EN_RU}/model/more.bin": os.urandom(MIB)}
    )
    size = sum(m.file_size for m in zipfile.ZipFile(both).infolist())
    with pytest.raises(EngineUnavailable) as raised:
        add_package(both, limit=2 * MIB)
    assert size > 2 * MIB
    assert raised.value.message == (
        f"the package declares {format_size(size)} uncompressed in all, over the 2.0 MiB limit"
    )
    assert leftovers(home) == []


def test_a_header_that_lies_cannot_write_more_than_it_declares(
    tmp_path: Path, home: ArgosHome, packages: Path
) -> None:
    # 64 MiB of zeros declaring 1 KiB: the checksum of what unpacks to 1 KiB does not match.
    liar = with_member(tmp_path, EN_RU, bytes(64 * MIB))
    lie_about_size(liar, PADDING, 1024)
    with pytest.raises(EngineUnavailable, match=f"checksum mismatch in {PADDING}"):
        add_package(liar)
    assert leftovers(home) == []
    # The same with the checksum of the first KiB: installed, and the member is cut at 1 KiB.
    lie_about_size(liar, PADDING, 1024, crc=zlib.crc32(bytes(1024)))
    installed = add_package(liar)
    assert (installed.path / "model" / "padding.bin").stat().st_size == 1024
    assert installed.size < fixture_archive(EN_RU).stat().st_size * 2


def test_a_package_larger_than_the_free_space_is_refused(
    tmp_path: Path, home: ArgosHome, packages: Path
) -> None:
    size = inspect_archive(fixture_archive(EN_RU)).size
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(packages)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"may not mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        free = shutil.disk_usage(packages).free
        assert free < size
        with pytest.raises(EngineUnavailable) as raised:
            add_package(fixture_archive(EN_RU))
        assert list(packages.iterdir()) == []
    finally:
        subprocess.run(["umount", "-l", str(packages)], check=True)
    assert raised.value.message == (
        f"the package unpacks to {format_size(size)} but only {format_size(free)} "
        f"is free in {packages}"
    )
    assert "set ARGOS_PACKAGES_DIR to a folder on a larger disk" in str(raised.value)


@pytest.mark.parametrize(
    ("size", "text"),
    [(0, "0 B"), (1023, "1023 B"), (1024, "1.0 KiB"), (64 * MIB, "64.0 MiB"), (2**32, "4.0 GiB")],
)
def test_format_size(size: int, text: str) -> None:
    assert format_size(size) == text


@pytest.mark.parametrize("spec", [EN_RU, "en-ru", "en_ru", "en->ru", "translate-en_ru"])
def test_remove_by_name_pair_or_argospm_name(spec: str, home: ArgosHome, packages: Path) -> None:
    add_package(fixture_archive(EN_RU))
    add_package(fixture_archive(EN_KK))
    removed = remove_package(spec)
    assert removed.name == EN_RU
    assert leftovers(home) == [EN_KK]


def test_remove_unknown_or_ambiguous(home: ArgosHome, packages: Path) -> None:
    add_package(fixture_archive(EN_RU))
    with pytest.raises(EngineUnavailable, match="no installed package 'kk-ru'") as raised:
        remove_package("kk-ru")
    assert "installed packages: fixture-en_ru" in str(raised.value)
    # argostranslate itself lets two packages serve one pair
    shutil.copytree(packages / EN_RU, packages / "copy-en_ru")
    with pytest.raises(EngineUnavailable, match="'en-ru' names 2 packages"):
        remove_package("en-ru")
    assert leftovers(home) == ["copy-en_ru", EN_RU]


def test_broken_folders_are_listed_with_their_problem(home: ArgosHome, packages: Path) -> None:
    add_package(fixture_archive(EN_RU))
    (packages / "empty").mkdir()
    (packages / EN_RU / "sentencepiece.model").unlink()
    problems = {p.name: p.problem for p in list_packages()}
    assert problems == {
        "empty": "no metadata.json",
        EN_RU: "no tokenizer (sentencepiece.model or bpe.model)",
    }
    assert not any(p.usable for p in list_packages())


def test_tokenizer_kind_is_read_from_the_files(home: ArgosHome, packages: Path) -> None:
    installed = add_package(fixture_archive(EN_RU))
    (installed.path / "sentencepiece.model").rename(installed.path / "bpe.model")
    assert read_package(installed.path).tokenizer == "bpe"
    assert read_package(installed.path).usable


def test_find_packages_prefers_names_over_pairs(home: ArgosHome, packages: Path) -> None:
    installed = [add_package(fixture_archive(EN_RU)), add_package(fixture_archive(EN_KK))]
    assert find_packages("en-kk", installed) == [installed[1]]
    assert find_packages(EN_RU, installed) == [installed[0]]
    assert find_packages("de-fr", installed) == []


# --------------------------------------------------------------------------- the index


@pytest.fixture
def index_server(tmp_path: Path) -> Iterator[str]:
    """An Argos index on this machine: index.json plus the en->ru fixture as its download."""
    served = tmp_path / "served"
    served.mkdir()
    shutil.copy(fixture_archive(EN_RU), served / "en_ru.argosmodel")
    handler = _quiet_handler(served)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_port}/"
    metadata = json.loads(
        zipfile.ZipFile(served / "en_ru.argosmodel").read(f"{EN_RU}/metadata.json")
    )
    entries = [
        {**metadata, "links": [url + "en_ru.argosmodel"]},
        {**metadata, "to_code": "de", "to_name": "German", "links": [url + "missing.argosmodel"]},
    ]
    (served / "index.json").write_text(json.dumps(entries))
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield url
    server.shutdown()
    server.server_close()


def _quiet_handler(folder: Path) -> type[http.server.SimpleHTTPRequestHandler]:
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(folder), **kwargs)  # type: ignore[arg-type]

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


def point_index_at(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    from argostranslate import settings

    monkeypatch.setattr(settings, "remote_package_index", url + "index.json")


def test_offline_install_fails_at_once_and_says_what_to_do(home: ArgosHome, packages: Path) -> None:
    started = time.monotonic()
    with pytest.raises(EngineUnavailable) as raised:
        install_from_index("en", "ru")
    assert time.monotonic() - started < 5
    assert "cannot reach the Argos package index" in raised.value.message
    assert "Connection refused" in raised.value.message
    assert "toolkit models add FILE.argosmodel" in str(raised.value)
    assert leftovers(home) == []


@pytest.fixture
def black_hole() -> Iterator[str]:
    """A server that accepts connections and never answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/"


def test_index_that_never_answers_times_out(
    home: ArgosHome, packages: Path, black_hole: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    point_index_at(monkeypatch, black_hole)
    started = time.monotonic()
    with pytest.raises(EngineUnavailable, match="cannot reach the Argos package index"):
        install_from_index("en", "ru", timeout=0.5)
    assert time.monotonic() - started < 3
    assert leftovers(home) == []


def test_install_from_an_online_index(
    home: ArgosHome, packages: Path, index_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    point_index_at(monkeypatch, index_server)
    notes: list[str] = []
    installed = install_from_index("EN", "ru", timeout=5, notify=notes.append)
    assert (installed.name, installed.pair) == (EN_RU, ("en", "ru"))
    assert notes == [f"downloading translate-en_ru {installed.version} from the Argos index"]
    assert leftovers(home) == [EN_RU]
    from argostranslate import settings

    assert list(Path(settings.downloads_dir).iterdir()) == []  # the download is not kept
    with pytest.raises(EngineUnavailable, match="en->ru is already installed: fixture-en_ru"):
        install_from_index("en", "ru", timeout=5)


def test_pair_the_index_lacks(
    home: ArgosHome, packages: Path, index_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    point_index_at(monkeypatch, index_server)
    with pytest.raises(EngineUnavailable, match="the Argos index has no en->kk package") as raised:
        install_from_index("en", "kk", timeout=5)
    assert "from en it offers: de, ru" in str(raised.value)
    assert "toolkit models add FILE.argosmodel" in str(raised.value)


def test_failed_download_installs_nothing(
    home: ArgosHome, packages: Path, index_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    point_index_at(monkeypatch, index_server)
    with pytest.raises(EngineUnavailable, match=r"download of translate-en_de .* failed"):
        install_from_index("en", "de", timeout=5)
    assert leftovers(home) == []


def test_closed_port_helper_refuses() -> None:
    with (
        pytest.raises(ConnectionRefusedError),
        socket.create_connection(("127.0.0.1", closed_port())),
    ):
        pass
