"""Argos Translate packages: what is installed, checking a package file, installing, removing.

The package folder is argostranslate's own (this module reaches it only through
:mod:`toolkit.engines.argos.upstream`), so packages installed with ``argospm`` are
seen here and the other way round. A package file (``.argosmodel``) is checked completely
before anything is written, and a failed installation is rolled back: a user never ends up
with half a package that argostranslate would then trip over.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from toolkit.engines.argos import upstream
from toolkit.errors import EngineUnavailable

# The tokenizer files argostranslate knows (argostranslate/package.py), in its order of preference.
TOKENIZER_FILES = (("sentencepiece", "sentencepiece.model"), ("bpe", "bpe.model"))
# A CTranslate2 model folder: the weights plus either one shared or two separate vocabularies.
MODEL_WEIGHTS = "model.bin"
SHARED_VOCABULARIES = ("shared_vocabulary.json", "shared_vocabulary.txt")
SPLIT_VOCABULARIES = ("source_vocabulary", "target_vocabulary")
INDEX_TIMEOUT = 10.0  # seconds; offline machines fail long before that, black holes at that
# The most a package may unpack to. The largest models people run offline (NLLB-200 3.3B in
# float16) unpack to about 6.6 GB; a package file declaring more is refused before anything
# is read or written. Python's zipfile stops every member at its declared size and then checks
# its CRC, so the declared sizes also bound what extraction writes: a header that lies ends in
# a checksum error (or a member cut to the size it declared), never in more bytes on disk.
MAX_UNPACKED_SIZE = 8 * 2**30
# Model weights barely compress (about 1.1:1), vocabularies and tokenizers about 4:1. A member
# that unpacks to more than this many times its packed size is a zip bomb, not model data.
MAX_RATIO = 100
RATIO_FLOOR = 2**20  # smaller members may be as repetitive as they like

INSTALL_HINT = (
    "add a package file with `toolkit models add FILE.argosmodel`, "
    "or download one with `toolkit models install FROM TO` when online"
)


@dataclass(frozen=True)
class PackageInfo:
    """One installed Argos package (a folder in a package folder)."""

    name: str  # the folder name, e.g. "translate-en_ru-1_9" or "fixture-en_ru"
    source: str  # metadata from_code
    target: str  # metadata to_code
    version: str  # metadata package_version ("" when the package does not say)
    path: Path
    size: int  # bytes on disk
    tokenizer: str  # "sentencepiece", "bpe" or "" when there is none
    target_prefix: str = ""  # token the decoder is forced to start with (multilingual models)
    kind: str = "translate"  # metadata "type"; only translate packages translate
    problem: str = ""  # why the engine cannot use it; empty when it can

    @property
    def pair(self) -> tuple[str, str]:
        return (self.source, self.target)

    @property
    def usable(self) -> bool:
        return not self.problem and self.kind == "translate"

    @property
    def provenance(self) -> str:
        """What the job records as the producer of a translation: ``argos NAME VERSION``."""
        return f"argos {self.name} {self.version}".rstrip()

    @property
    def argospm_name(self) -> str:
        """The name ``argospm list`` and ``argospm remove`` use: ``translate-en_ru``."""
        return f"{self.kind}-{self.source}_{self.target}"

    def record(self) -> dict[str, Any]:
        """The JSON shape of ``toolkit models list|add|install|remove --format json``."""
        return {
            "name": self.name,
            "source": self.source,
            "target": self.target,
            "version": self.version,
            "size": self.size,
            "tokenizer": self.tokenizer,
            "target_prefix": self.target_prefix,
            "type": self.kind,
            "path": str(self.path),
            "problem": self.problem,
        }


@dataclass(frozen=True)
class ArchiveInfo:
    """A package file that passed every check and can be installed."""

    path: Path
    folder: str  # the one top folder: the name the package gets when installed
    source: str
    target: str
    version: str
    tokenizer: str
    target_prefix: str
    size: int  # bytes once extracted

    @property
    def pair(self) -> tuple[str, str]:
        return (self.source, self.target)


# --------------------------------------------------------------------------- installed packages


def packages_dir() -> Path:
    """The folder ``add`` and ``install`` install into: argostranslate's package folder."""
    return upstream.install_dir()


def list_packages(dirs: Sequence[Path] | None = None) -> list[PackageInfo]:
    """Every package folder in *dirs* (default: argostranslate's package folders), by name."""
    if dirs is None:
        dirs = upstream.package_dirs()
    found: list[PackageInfo] = []
    for folder in dirs:
        try:
            children = [child for child in folder.iterdir() if child.is_dir()]
        except OSError:  # a missing or unreadable package folder holds no packages
            continue
        found.extend(read_package(child) for child in children)
    return sorted(found, key=lambda p: (p.name, str(p.path)))


def read_package(folder: Path) -> PackageInfo:
    """Describe an installed package folder; what is wrong with it goes into ``problem``."""
    size = _tree_size(folder)
    tokenizer = next((kind for kind, name in TOKENIZER_FILES if (folder / name).is_file()), "")
    try:
        metadata = _parse_metadata((folder / "metadata.json").read_bytes())
    except FileNotFoundError:
        return _broken(folder, size, tokenizer, "no metadata.json")
    except (OSError, ValueError) as exc:
        return _broken(folder, size, tokenizer, f"unreadable metadata.json: {exc}")
    problems = []
    if metadata.kind == "translate":
        missing = _missing_model_files({p.name for p in (folder / "model").glob("*")})
        if missing:
            problems.append(missing)
        if not tokenizer:
            problems.append("no tokenizer (sentencepiece.model or bpe.model)")
    return PackageInfo(
        name=folder.name,
        source=metadata.source,
        target=metadata.target,
        version=metadata.version,
        path=folder,
        size=size,
        tokenizer=tokenizer,
        target_prefix=metadata.target_prefix,
        kind=metadata.kind,
        problem="; ".join(problems),
    )


def find_packages(spec: str, packages: Iterable[PackageInfo]) -> list[PackageInfo]:
    """Packages named by *spec*: a folder name, an argospm name, or a pair like ``en-ru``."""
    packages = list(packages)
    by_name = [p for p in packages if spec in (p.name, str(p.path))]
    if by_name:
        return by_name
    by_argospm = [p for p in packages if p.argospm_name == spec]
    if by_argospm:
        return by_argospm
    for separator in ("->", "-", "_"):
        source, found, target = spec.partition(separator)
        if found and source and target:
            return [p for p in packages if p.pair == (source.strip(), target.strip())]
    return []


def describe_pairs(packages: Iterable[PackageInfo]) -> str:
    pairs = sorted({f"{p.source}->{p.target}" for p in packages if p.usable})
    return ", ".join(pairs) if pairs else "none"


# --------------------------------------------------------------------------- package files


def inspect_archive(path: Path, *, limit: int = MAX_UNPACKED_SIZE) -> ArchiveInfo:
    """Check an ``.argosmodel`` file completely, or raise EngineUnavailable saying what is wrong.

    A package is a zip archive of exactly one folder holding ``metadata.json`` (with from_code
    and to_code), ``model/`` (a CTranslate2 model: model.bin and its vocabulary) and a
    SentencePiece or BPE tokenizer file. The sizes the archive declares are checked against
    *limit* (each member and the total) and against the packed sizes before anything is
    unpacked; then every member's checksum is verified, so a truncated or damaged download is
    caught here and not halfway through an installation.
    """
    if not path.is_file():
        raise EngineUnavailable("no such package file", path=path, hint=INSTALL_HINT)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            _check_sizes(path, members, limit)
            damaged = archive.testzip()
            if damaged is not None:
                raise _bad(path, f"damaged archive: checksum mismatch in {damaged}")
            folder = _single_folder(path, [m.filename for m in members])
            names = {m.filename.rstrip("/") for m in members}
            metadata_name = f"{folder}/metadata.json"
            if metadata_name not in names:
                raise _bad(path, f"no metadata.json in {folder}/")
            try:
                metadata = _parse_metadata(archive.read(metadata_name))
            except ValueError as exc:
                raise _bad(path, f"invalid {metadata_name}: {exc}") from exc
            size = sum(m.file_size for m in members)
    except zipfile.BadZipFile as exc:
        raise _bad(path, f"not a valid zip archive ({exc})") from exc
    except (OSError, EOFError, zlib.error, NotImplementedError) as exc:
        raise _bad(path, f"cannot read the archive ({exc})") from exc
    if metadata.kind != "translate":
        raise _bad(path, f"package type {metadata.kind!r} is not a translation package")
    model_files = {n[len(folder) + 7 :] for n in names if n.startswith(f"{folder}/model/")}
    if not model_files:
        raise _bad(path, f"no model/ folder in {folder}/ (the CTranslate2 model)")
    missing = _missing_model_files(model_files)
    if missing:
        raise _bad(path, f"{folder}/{missing}")
    tokenizer = next((k for k, name in TOKENIZER_FILES if f"{folder}/{name}" in names), "")
    if not tokenizer:
        raise _bad(path, f"no tokenizer in {folder}/: expected sentencepiece.model or bpe.model")
    return ArchiveInfo(
        path=path,
        folder=folder,
        source=metadata.source,
        target=metadata.target,
        version=metadata.version,
        tokenizer=tokenizer,
        target_prefix=metadata.target_prefix,
        size=size,
    )


def add_package(
    path: Path, *, replace: bool = False, limit: int = MAX_UNPACKED_SIZE
) -> PackageInfo:
    """Check *path* and install it through argostranslate's ``install_from_path``.

    A package already installed under the same folder name or for the same language pair is
    an error unless *replace*; with *replace* the old ones are moved aside and deleted only
    once the new one is in place. A package larger than *limit*, or than the free space of the
    package folder's disk, is refused. Any failure leaves the package folder as it was.
    """
    archive = inspect_archive(path, limit=limit)
    destination = upstream.install_dir()
    free = shutil.disk_usage(destination).free
    if archive.size > free:
        raise EngineUnavailable(
            f"the package unpacks to {format_size(archive.size)} but only {format_size(free)} "
            f"is free in {destination}",
            path=path,
            hint="nothing was installed; free some space, or set ARGOS_PACKAGES_DIR to a "
            "folder on a larger disk",
        )
    clashes = [
        p
        for p in list_packages([destination])
        if p.name == archive.folder or (p.kind == "translate" and p.pair == archive.pair)
    ]
    if clashes and not replace:
        names = ", ".join(f"{p.name} ({p.source}->{p.target} {p.version})".strip() for p in clashes)
        raise EngineUnavailable(
            f"already installed: {names}",
            path=path,
            hint="pass --replace to replace it, or remove it first with "
            f"`toolkit models remove {clashes[0].name}`",
        )
    target = destination / archive.folder
    moved: list[tuple[Path, Path]] = []
    aside: Path | None = None
    try:
        if clashes:
            # Next to the package folder (same file system, so renames), not inside it, where
            # argostranslate would take a parked package for an installed one.
            aside = Path(tempfile.mkdtemp(prefix=".toolkit-replaced-", dir=destination.parent))
            for clash in clashes:
                parked = aside / clash.name
                clash.path.rename(parked)
                moved.append((clash.path, parked))
        upstream.install_archive(path)
        installed = read_package(target)
        if installed.problem:
            raise EngineUnavailable(f"installed package is broken: {installed.problem}", path=path)
    except BaseException as exc:
        shutil.rmtree(target, ignore_errors=True)
        for original, parked in moved:
            parked.rename(original)
        if isinstance(exc, Exception) and not isinstance(exc, EngineUnavailable):
            # argostranslate raises bare Exceptions; the file system raises OSError
            raise EngineUnavailable(f"installation failed: {exc}", path=path) from exc
        raise
    finally:
        if aside is not None:
            shutil.rmtree(aside, ignore_errors=True)
    return installed


def remove_package(spec: str) -> PackageInfo:
    """Uninstall the one package *spec* names (see :func:`find_packages`)."""
    installed = list_packages()
    matches = find_packages(spec, installed)
    if not matches:
        names = ", ".join(p.name for p in installed) or "none"
        raise EngineUnavailable(
            f"no installed package {spec!r}",
            hint=f"installed packages: {names} (see `toolkit models list`)",
        )
    if len(matches) > 1:
        raise EngineUnavailable(
            f"{spec!r} names {len(matches)} packages: {', '.join(p.name for p in matches)}",
            hint="name one of them",
        )
    upstream.uninstall(matches[0].path)
    return matches[0]


# --------------------------------------------------------------------------- the Argos index


def install_from_index(
    source: str,
    target: str,
    *,
    timeout: float = INDEX_TIMEOUT,
    replace: bool = False,
    notify: Callable[[str], None] | None = None,
) -> PackageInfo:
    """Download the Argos index's package for *source* -> *target* and install it.

    Network calls time out after *timeout* seconds; without a network this fails at once with
    EngineUnavailable saying how to install from a file instead.
    """
    source, target = source.strip().lower(), target.strip().lower()
    if not replace:
        present = [p for p in list_packages([upstream.install_dir()]) if p.pair == (source, target)]
        if present:
            raise EngineUnavailable(
                f"{source}->{target} is already installed: {present[0].name}",
                hint="pass --replace to download and replace it",
            )
    entries = upstream.fetch_index(timeout)
    offered = [e for e in entries if (e.source, e.target) == (source, target)]
    if not offered:
        from_source = sorted({e.target for e in entries if e.source == source})
        others = f"from {source} it offers: {', '.join(from_source)}; " if from_source else ""
        raise EngineUnavailable(
            f"the Argos index has no {source}->{target} package",
            hint=f"{others}for other pairs add a package file with "
            "`toolkit models add FILE.argosmodel`, or install two packages to pivot "
            "through a third language",
        )
    entry = max(offered, key=lambda e: version_key(e.version))
    if notify is not None:
        notify(f"downloading {entry.name} {entry.version} from the Argos index")
    download = upstream.download(entry, timeout)
    try:
        return add_package(download, replace=replace)
    finally:
        download.unlink(missing_ok=True)


# --------------------------------------------------------------------------- helpers


@dataclass(frozen=True)
class _Metadata:
    source: str
    target: str
    version: str
    kind: str
    target_prefix: str


def _parse_metadata(data: bytes) -> _Metadata:
    try:
        raw: Any = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ValueError("not UTF-8") from exc
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc})") from exc
    if not isinstance(raw, dict):
        raise ValueError("not a JSON object")
    kind = raw.get("type", "translate")
    if not isinstance(kind, str):
        raise ValueError("type must be a string")
    codes = {}
    for key in ("from_code", "to_code"):
        value = raw.get(key)
        if kind == "translate" and (not isinstance(value, str) or not value.strip()):
            raise ValueError(f"{key} is missing or empty")
        codes[key] = value.strip() if isinstance(value, str) else ""
    if kind == "translate" and codes["from_code"] == codes["to_code"]:
        raise ValueError("from_code and to_code are the same language")
    prefix = raw.get("target_prefix", "")
    if not isinstance(prefix, str):
        raise ValueError("target_prefix must be a string")
    version = raw.get("package_version", "")
    return _Metadata(
        source=codes["from_code"],
        target=codes["to_code"],
        version=str(version) if version is not None else "",
        kind=kind,
        target_prefix=prefix,
    )


def _check_sizes(path: Path, members: Sequence[zipfile.ZipInfo], limit: int) -> None:
    """Refuse an archive whose declared sizes are too large or could not be model data."""
    hint = "nothing was installed; a real model is smaller, so this file is damaged or not one"
    for member in members:
        if member.file_size > limit:
            raise EngineUnavailable(
                f"{member.filename} declares {format_size(member.file_size)} uncompressed, "
                f"over the {format_size(limit)} limit",
                path=path,
                hint=hint,
            )
        if member.file_size > RATIO_FLOOR and member.file_size > MAX_RATIO * max(
            member.compress_size, 1
        ):
            raise EngineUnavailable(
                f"{member.filename} declares {format_size(member.file_size)} uncompressed from "
                f"{format_size(member.compress_size)}, over {MAX_RATIO} times its packed size",
                path=path,
                hint="nothing was installed; model data does not compress like that, so this "
                "file is damaged or not a package",
            )
    total = sum(member.file_size for member in members)
    if total > limit:
        raise EngineUnavailable(
            f"the package declares {format_size(total)} uncompressed in all, "
            f"over the {format_size(limit)} limit",
            path=path,
            hint=hint,
        )


def format_size(size: int) -> str:
    """Bytes for a person: ``512 B``, ``64.0 KiB``, ``4.0 GiB``."""
    if size < 1024:
        return f"{size} B"
    value = float(size)
    for unit in ("KiB", "MiB", "GiB", "TiB"):
        value /= 1024
        if value < 1024 or unit == "TiB":
            break
    return f"{value:.1f} {unit}"


def _single_folder(path: Path, names: list[str]) -> str:
    tops: set[str] = set()
    for name in names:
        parts = PurePosixPath(name).parts
        if not parts or name.startswith("/") or ".." in parts or "\\" in name:
            raise _bad(path, f"unsafe member name {name!r}")
        if len(parts) == 1 and not name.endswith("/"):
            raise _bad(path, f"{name} lies outside the package folder")
        tops.add(parts[0])
    if len(tops) != 1:
        found = ", ".join(sorted(tops)) or "nothing"
        raise _bad(path, f"expected exactly one top folder in the archive, found {found}")
    return tops.pop()


def _missing_model_files(model_files: set[str]) -> str:
    """What a CTranslate2 model folder lacks, as a phrase; empty when it is complete."""
    if MODEL_WEIGHTS not in model_files:
        return "model/ has no model.bin (not a CTranslate2 model)"
    split = all(
        any(name.startswith(f"{stem}.") for name in model_files) for stem in SPLIT_VOCABULARIES
    )
    if not split and not any(name in model_files for name in SHARED_VOCABULARIES):
        return "model/ has no vocabulary (shared_vocabulary.json or source/target_vocabulary)"
    return ""


def _bad(path: Path, what: str) -> EngineUnavailable:
    return EngineUnavailable(
        f"not a usable Argos package: {what}",
        path=path,
        hint="nothing was installed; get a complete .argosmodel file",
    )


def _broken(folder: Path, size: int, tokenizer: str, problem: str) -> PackageInfo:
    return PackageInfo(
        name=folder.name,
        source="",
        target="",
        version="",
        path=folder,
        size=size,
        tokenizer=tokenizer,
        kind="",
        problem=problem,
    )


def _tree_size(folder: Path) -> int:
    total = 0
    for item in folder.rglob("*"):
        try:
            if item.is_file():
                total += item.stat().st_size
        except OSError:
            continue
    return total


def version_key(version: str) -> tuple[tuple[int, str], ...]:
    """Sort key of a package version: "1.10" after "1.9", "1.9.1" after "1.9"."""
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in version.split("."))
