"""The engine's side of the job: pending entries in chunks, one engine request per chunk.

Catalogs are grouped into chunks of at least a few hundred segments. The engine works one
chunk ahead, in its own thread (CTranslate2 releases the GIL): while it translates the next
chunk, the job passes this one through the hooks and writes it. Each distinct sentence goes to
the engine once per language. Sentences the ``retry`` hook turns down go back to the engine as
one more request, ahead of the next chunk, on the same thread: the engine is only ever called
from there, one request at a time.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace

from toolkit.config import EngineOptions
from toolkit.engines import Engine, Translation
from toolkit.engines.memory import ENGINE_KEY
from toolkit.errors import EngineUnavailable
from toolkit.findings import Finding, Location
from toolkit.gettext.model import annotate, with_translation
from toolkit.jobs.hooks import Hooks
from toolkit.jobs.plan import Work

# Segments handed to the engine per call. Large enough for the engine to sort by length and
# fill its batches; small enough that catalogs are written every few seconds, which bounds
# what an interrupted job has to redo.
DEFAULT_CHUNK = 512
BATCHES_PER_CALL = 16

# source sentence -> (machine text, provenance), for one language
Machine = dict[str, tuple[str, str]]


def segments_per_call(options: EngineOptions) -> int:
    """How many segments the job hands the engine at once: a number of its batches."""
    return max(options.batch_size * BATCHES_PER_CALL, 64)


def chunk_works(works: Sequence[Work], size: int) -> Iterator[list[Work]]:
    """Whole catalogs, grouped until they hold at least *size* segments for the engine."""
    chunk: list[Work] = []
    count = 0
    for work in works:
        if not work.pending:
            continue
        chunk.append(work)
        count += len(work.pending)
        if count >= size:
            yield chunk
            chunk, count = [], 0
    if chunk:
        yield chunk


def translate_chunks(
    works: Sequence[Work],
    engine: Engine,
    source: str,
    language: str,
    hooks: Hooks,
    chunk_size: int,
    findings: list[Finding],
) -> Iterator[list[Work]]:
    """Fill the catalogs' pending entries chunk by chunk; yield each chunk when it is done.

    The hooks' findings are added to *findings* as each chunk is filled.
    """
    chunks = list(chunk_works(works, chunk_size))
    engine_calls = _EngineCalls(engine, source, language)
    machine: Machine = {}
    try:
        ahead = engine_calls.ask(_wanted(chunks[0], machine), hooks) if chunks else None
        for number, chunk in enumerate(chunks):
            started = time.perf_counter()
            assert ahead is not None  # for mypy: one request per chunk
            engine_calls.receive(ahead, machine)
            again = engine_calls.ask_again(ahead, machine, hooks)
            if number + 1 < len(chunks):
                ahead = engine_calls.ask(_wanted(chunks[number + 1], machine), hooks)
            engine_calls.receive(again, machine)
            findings += fill_chunk(chunk, language, hooks, machine)
            yield chunk
            total = sum(len(w.pending) for w in chunk)
            elapsed = time.perf_counter() - started
            for work in chunk:
                work.seconds += elapsed * len(work.pending) / total
    finally:
        # Interrupted: nothing more is written; the call in flight is abandoned.
        engine_calls.close()


def fill_chunk(
    chunk: Sequence[Work], language: str, hooks: Hooks, machine: Machine
) -> list[Finding]:
    """Put the machine translations into the chunk's catalogs, through the hook."""
    findings: list[Finding] = []
    for work in chunk:
        messages = list(work.catalog.messages)
        for i in work.pending:
            message = messages[i]
            text, provenance = machine[message.msgid]
            if not text:
                continue  # the engine had nothing (memory engine): leave it empty
            text, comments, found = hooks.postprocess(message.msgid, text, language)
            filled = with_translation(message, text, fuzzy=True)
            filled = annotate(filled, ENGINE_KEY, provenance)
            extra = tuple(c for c in comments if c not in filled.translator_comments)
            if extra:
                filled = replace(filled, translator_comments=(*filled.translator_comments, *extra))
            findings.extend(
                replace(
                    f, location=f.location or Location(work.shown), entry=f.entry or message.key
                )
                for f in found
            )
            messages[i] = filled
            work.machine += 1
        work.catalog = work.catalog.with_messages(messages)
    return findings


def _wanted(chunk: Sequence[Work], machine: Machine) -> list[str]:
    """The chunk's distinct sentences the engine has not translated yet, in order."""
    return list(
        dict.fromkeys(
            work.catalog.messages[i].msgid
            for work in chunk
            for i in work.pending
            if work.catalog.messages[i].msgid not in machine
        )
    )


@dataclass(frozen=True)
class _Request:
    """One engine call in flight: the sentences asked for and the future translations."""

    wanted: list[str]  # source sentences, the keys of the results
    future: Future[list[Translation]] | None


class _EngineCalls:
    """The engine's thread: every engine call of a language goes through here, in order."""

    def __init__(self, engine: Engine, source: str, language: str) -> None:
        self.engine = engine
        self.source = source
        self.language = language
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="toolkit-engine")

    def ask(self, wanted: list[str], hooks: Hooks) -> _Request:
        """Send *wanted* (through the preprocess hook) to the engine."""
        texts = [hooks.preprocess(text, self.language) for text in wanted]
        return self._submit(wanted, texts)

    def ask_again(self, done: _Request, machine: Machine, hooks: Hooks) -> _Request:
        """Send again what the retry hook turns down of *done*'s translations."""
        wanted: list[str] = []
        texts: list[str] = []
        for source in done.wanted:
            text = machine[source][0]
            instead = hooks.retry(source, text, self.language) if text else None
            if instead is not None:
                wanted.append(source)
                texts.append(instead)
        return self._submit(wanted, texts)

    def receive(self, request: _Request, machine: Machine) -> None:
        """Wait for *request* and file its translations under their source sentences."""
        if request.future is None:
            return
        results = request.future.result()
        if len(results) != len(request.wanted):
            raise EngineUnavailable(
                f"engine {self.engine.name} returned {len(results)} translations "
                f"for {len(request.wanted)} segments",
                hint="this is a bug in the engine; report it",
            )
        for text, result in zip(request.wanted, results, strict=True):
            machine[text] = (result.text, result.provenance)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _submit(self, wanted: list[str], texts: list[str]) -> _Request:
        if not wanted:
            return _Request(wanted, None)
        future = self._pool.submit(self.engine.translate, texts, self.source, self.language)
        return _Request(wanted, future)
