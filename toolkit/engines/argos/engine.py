"""The Argos engine: Argos Translate packages run through CTranslate2, many segments per call.

This module and :mod:`toolkit.engines.argos.upstream` are the only ones that import
argostranslate, ctranslate2 and sentencepiece, and they do so inside functions: importing
argostranslate creates folders, and its translate module pulls in torch, Stanza and spaCy
(seconds), none of which ``toolkit --help`` should pay for.

The engine does not call argostranslate's ``translate()``: that splits text into sentences
with models it downloads at first use and translates paragraph by paragraph. The toolkit has
its own sentences, so the engine tokenizes them with the package's tokenizer and hands them to
``Translator.translate_batch`` in one call. Decoding, target prefix and detokenization follow
argostranslate's ``apply_packaged_translation`` step by step, so a single sentence comes out
exactly as argostranslate's ``translate()`` gives it for the same package and settings.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from toolkit.config import EngineOptions
from toolkit.engines.argos.packages import (
    INSTALL_HINT,
    PackageInfo,
    describe_pairs,
    list_packages,
    version_key,
)
from toolkit.engines.protocol import Route, Translation
from toolkit.errors import ConfigError, EngineUnavailable

DEVICES = ("cpu", "cuda", "auto")
PIVOT_PREFERENCE = ("en",)  # tried first when several pivots give equally short routes


# --------------------------------------------------------------------------- options


@dataclass(frozen=True)
class ArgosOptions:
    """How the engine runs CTranslate2. The defaults decode like argostranslate's translate()."""

    device: str = "auto"  # cpu, cuda, or auto (cuda when CTranslate2 sees a GPU)
    compute_type: str = "auto"  # any CTranslate2 compute type: auto, int8, float16, ...
    batch_size: int = 32  # segments per CTranslate2 batch (sorted by length inside)
    beam_size: int = 4
    inter_threads: int = 1  # batches run in parallel
    intra_threads: int = 0  # threads per batch; 0: CTranslate2's default
    length_penalty: float = 0.2
    max_decoding_length: int = 256
    replace_unknowns: bool = True

    def __post_init__(self) -> None:
        if self.device not in DEVICES:
            raise ConfigError(f"device must be one of {', '.join(DEVICES)}, not {self.device!r}")
        for name, smallest in (
            ("batch_size", 1),
            ("beam_size", 1),
            ("inter_threads", 1),
            ("intra_threads", 0),
            ("max_decoding_length", 1),
        ):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < smallest:
                raise ConfigError(f"engine {name} must be a whole number >= {smallest}")

    @classmethod
    def from_engine_options(cls, options: EngineOptions) -> ArgosOptions:
        """The project's ``[tool.toolkit.engine]`` settings (with command-line overrides)."""
        return cls(
            device=options.device,
            compute_type=options.compute_type,
            batch_size=options.batch_size,
            beam_size=options.beam_size,
            intra_threads=options.threads,
        )

    @classmethod
    def like_argostranslate(cls) -> ArgosOptions:
        """argostranslate's settings (ARGOS_DEVICE_TYPE, ARGOS_BEAM_SIZE, ...), to compare."""
        from argostranslate import settings  # lazy: see the module docstring

        return cls(
            device=str(settings.device),
            compute_type=str(settings.compute_type),
            beam_size=max(1, int(settings.beam_size)),
            inter_threads=int(settings.inter_threads),
            intra_threads=int(settings.intra_threads),
        )


def resolve_device(device: str) -> str:
    """``auto`` becomes ``cuda`` when CTranslate2 sees a CUDA device, else ``cpu``."""
    import ctranslate2  # lazy: see the module docstring

    gpus = int(ctranslate2.get_cuda_device_count())
    if device == "auto":
        return "cuda" if gpus > 0 else "cpu"
    if device == "cuda" and gpus == 0:
        raise EngineUnavailable(
            "device cuda was asked for, but CTranslate2 sees no CUDA device",
            hint="use --device cpu or auto (or set device in [tool.toolkit.engine])",
        )
    return device


# --------------------------------------------------------------------------- the engine


class ArgosEngine:
    """Translates with installed Argos packages, directly or through pivot languages."""

    name = "argos"

    def __init__(
        self, packages: Sequence[PackageInfo] | None = None, options: ArgosOptions | None = None
    ) -> None:
        # A snapshot: packages installed later need a new engine (the job makes one per run).
        self.packages = tuple(list_packages() if packages is None else packages)
        self.options = options or ArgosOptions()
        self._direct: dict[tuple[str, str], PackageInfo] = {}
        # Two packages for one pair: the newest version wins, then the first name (stable sorts).
        by_name = sorted(self.packages, key=lambda p: p.name)
        for package in sorted(by_name, key=lambda p: version_key(p.version), reverse=True):
            if package.usable:
                self._direct.setdefault(package.pair, package)

    def pairs(self) -> set[tuple[str, str]]:
        languages = {code for pair in self._direct for code in pair}
        return {(a, b) for a in languages for b in self._reachable(a) if a != b}

    def route(self, source: str, target: str) -> Route:
        chain = self.chain(source, target)
        return Route(
            source=source,
            target=target,
            steps=tuple(p.provenance for p in chain),
            via=tuple(p.target for p in chain[:-1]),
        )

    def chain(self, source: str, target: str) -> list[PackageInfo]:
        """The packages that translate *source* into *target*, in order (shortest route)."""
        if source == target:
            raise EngineUnavailable(f"source and target are both {source!r}")
        found = self._search(source, target)
        if found is None:
            where = ", ".join(str(p.path.parent) for p in self.packages[:1]) or "the package folder"
            broken = [p.name for p in self.packages if p.problem]
            unusable = f"; unusable: {', '.join(broken)}" if broken else ""
            raise EngineUnavailable(
                f"no Argos package translates {source}->{target} "
                f"(installed pairs: {describe_pairs(self.packages)}{unusable})",
                hint=f"{INSTALL_HINT.replace('FROM TO', f'{source} {target}')}; "
                f"packages live in {where}",
            )
        return found

    def translate(self, segments: Sequence[str], source: str, target: str) -> list[Translation]:
        chain = self.chain(source, target)
        texts = list(segments)
        if not texts:
            return []
        for package in chain:
            texts = self.translate_texts(package, texts)
        provenance = "; ".join(p.provenance for p in chain)
        if len(chain) > 1:
            provenance += f" (via {', '.join(p.target for p in chain[:-1])})"
        return [Translation(text=text, provenance=provenance) for text in texts]

    def translate_texts(self, package: PackageInfo, texts: Sequence[str]) -> list[str]:
        """Translate with one package: every line of every text in one translate_batch call.

        Lines are translated separately, as argostranslate translates each paragraph; blank
        lines stay blank instead of reaching the model, which would invent text for them.
        """
        model = load_model(package, self.options)
        lines: list[str] = []
        counts: list[int] = []
        for text in texts:
            parts = text.split("\n")
            counts.append(len(parts))
            lines.extend(parts)
        wanted = [i for i, line in enumerate(lines) if line.strip()]
        outputs = [""] * len(lines)
        if wanted:
            pieces = model.tokenizer.encode([lines[i] for i in wanted])
            prefix = package.target_prefix
            options = self.options
            try:
                results = model.translator.translate_batch(
                    pieces,
                    target_prefix=[[prefix]] * len(pieces) if prefix else None,
                    max_batch_size=options.batch_size,
                    batch_type="examples",
                    beam_size=options.beam_size,
                    num_hypotheses=1,
                    length_penalty=options.length_penalty,
                    max_decoding_length=options.max_decoding_length,
                    replace_unknowns=options.replace_unknowns,
                )
            except (RuntimeError, ValueError) as exc:
                raise EngineUnavailable(
                    f"CTranslate2 failed with package {package.name}: {exc}", path=package.path
                ) from exc
            for index, result in zip(wanted, results, strict=True):
                outputs[index] = _strip(model.tokenizer.decode(result.hypotheses[0]), prefix)
        joined: list[str] = []
        start = 0
        for count in counts:
            joined.append("\n".join(outputs[start : start + count]))
            start += count
        return joined

    def _search(self, source: str, target: str) -> list[PackageInfo] | None:
        # Breadth first: the fewest hops; among equals, the preferred pivot, then by code.
        previous: dict[str, PackageInfo] = {}
        queue = deque([source])
        seen = {source}
        while queue:
            language = queue.popleft()
            if language == target:
                chain: list[PackageInfo] = []
                while language != source:
                    package = previous[language]
                    chain.append(package)
                    language = package.source
                return chain[::-1]
            for package in self._outgoing(language):
                if package.target not in seen:
                    seen.add(package.target)
                    previous[package.target] = package
                    queue.append(package.target)
        return None

    def _outgoing(self, language: str) -> list[PackageInfo]:
        out = [p for (a, _), p in self._direct.items() if a == language]
        return sorted(out, key=lambda p: (p.target not in PIVOT_PREFERENCE, p.target))

    def _reachable(self, source: str) -> set[str]:
        seen = {source}
        queue = deque([source])
        while queue:
            for package in self._outgoing(queue.popleft()):
                if package.target not in seen:
                    seen.add(package.target)
                    queue.append(package.target)
        return seen


def _strip(value: str, prefix: str) -> str:
    # As argostranslate: drop the forced prefix token, then the space SentencePiece put first.
    if prefix and value.startswith(prefix):
        value = value[len(prefix) :]
    if value.startswith(" "):
        value = value[1:]
    return value


# --------------------------------------------------------------------------- loaded models


class Tokenizer(Protocol):
    def encode(self, lines: Sequence[str]) -> list[list[str]]: ...

    def decode(self, tokens: Sequence[str]) -> str: ...


class SentencePieceTokenizer:
    def __init__(self, model_file: Path) -> None:
        import sentencepiece  # lazy: see the module docstring

        self._processor = sentencepiece.SentencePieceProcessor(model_file=str(model_file))

    def encode(self, lines: Sequence[str]) -> list[list[str]]:
        pieces: list[list[str]] = self._processor.encode(list(lines), out_type=str)
        return pieces

    def decode(self, tokens: Sequence[str]) -> str:
        # argostranslate also turns "_" into a space; kept so that outputs stay identical.
        text: str = self._processor.decode_pieces(list(tokens))
        return text.replace("▁", " ").replace("_", " ")


class BpeTokenizer:
    """Moses tokenization and subword-nmt BPE, through argostranslate's own implementation."""

    def __init__(self, model_file: Path, source: str, target: str) -> None:
        from argostranslate.tokenizer import BPETokenizer  # lazy: see the module docstring

        self._tokenizer = BPETokenizer(model_file, source, target)

    def encode(self, lines: Sequence[str]) -> list[list[str]]:
        return [list(self._tokenizer.encode(line)) for line in lines]

    def decode(self, tokens: Sequence[str]) -> str:
        return str(self._tokenizer.decode(list(tokens)))


@dataclass(frozen=True)
class LoadedModel:
    translator: Any  # ctranslate2.Translator
    tokenizer: Tokenizer
    device: str


_MODELS: dict[tuple[object, ...], LoadedModel] = {}
_MODELS_LOCK = threading.Lock()


def load_model(package: PackageInfo, options: ArgosOptions) -> LoadedModel:
    """The package's translator and tokenizer, loaded once per package and device settings."""
    device = resolve_device(options.device)
    weights = package.path / "model" / "model.bin"
    try:
        stat = weights.stat()
    except OSError as exc:
        raise EngineUnavailable(
            f"package {package.name} is gone or incomplete ({exc.strerror})",
            path=package.path,
            hint=INSTALL_HINT,
        ) from exc
    # The file's identity is part of the key: a reinstalled package is loaded afresh.
    key = (
        str(package.path),
        stat.st_ino,
        stat.st_mtime_ns,
        stat.st_size,
        device,
        options.compute_type,
        options.inter_threads,
        options.intra_threads,
    )
    with _MODELS_LOCK:
        loaded = _MODELS.get(key)
        if loaded is None:
            loaded = _load(package, options, device)
            _MODELS[key] = loaded
        return loaded


def clear_model_cache() -> None:
    """Forget every loaded model (frees its memory, on the GPU too, once nothing else holds it)."""
    with _MODELS_LOCK:
        _MODELS.clear()


def _load(package: PackageInfo, options: ArgosOptions, device: str) -> LoadedModel:
    import ctranslate2  # lazy: see the module docstring

    tokenizer: Tokenizer
    try:
        if package.tokenizer == "sentencepiece":
            tokenizer = SentencePieceTokenizer(package.path / "sentencepiece.model")
        elif package.tokenizer == "bpe":
            tokenizer = BpeTokenizer(package.path / "bpe.model", package.source, package.target)
        else:
            raise EngineUnavailable(
                f"package {package.name} has no tokenizer", path=package.path, hint=INSTALL_HINT
            )
        translator = ctranslate2.Translator(
            str(package.path / "model"),
            device=device,
            compute_type=options.compute_type,
            inter_threads=options.inter_threads,
            intra_threads=options.intra_threads,
        )
    except (RuntimeError, ValueError, OSError) as exc:
        raise EngineUnavailable(
            f"cannot load package {package.name} on {device} "
            f"(compute type {options.compute_type}): {exc}",
            path=package.path,
            hint="reinstall the package, or choose another --device / compute_type",
        ) from exc
    return LoadedModel(translator=translator, tokenizer=tokenizer, device=device)
