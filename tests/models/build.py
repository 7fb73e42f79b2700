"""Build the tiny Argos packages that the tests use as real translation engines.

TEST FIXTURES, NOT TRANSLATION MODELS. Each package holds a CTranslate2 transformer of a
few hundred thousand parameters that has memorised one small parallel set
(tests/models/parallel/*.tsv) and nothing else; on any other input it produces nonsense.

    python tests/models/build.py [--out tests/data/models] [--only en_ru]

For each package this script:
1. reads and validates the parallel set;
2. trains a SentencePiece BPE model on both sides (one shared vocabulary);
3. trains a pre-norm transformer encoder-decoder in torch until it reproduces every target,
   first in float, then through the int8 rounding CTranslate2 applies (see WEIGHT_LEVELS);
4. fills a ``ctranslate2.specs.TransformerSpec`` from the torch weights (the layout the
   OpenNMT-py converter produces), checks CTranslate2's scores against torch, saves it int8;
5. checks that CTranslate2 reproduces every target exactly (greedy, beam 2, and beam 4 with
   argostranslate's decoding options; int8 and float32; one by one and batched) and fails
   loudly if one differs;
6. packs an ``.argosmodel`` zip: metadata.json, model/, sentencepiece.model, README.md and
   a rule-based MiniSBD sentence splitter (minisbd/*.onnx) so argostranslate's own
   ``translate()`` never tries to download a splitter.

Everything is seeded, single-threaded and written with fixed zip timestamps, so a rebuild on
the same machine and library versions gives byte-identical packages.
"""

from __future__ import annotations

import argparse
import csv
import io
import itertools
import json
import math
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import ctranslate2
import numpy as np
import sentencepiece as spm
import torch
from ctranslate2.specs import common_spec, transformer_spec
from torch import nn

HERE = Path(__file__).resolve().parent
PARALLEL_DIR = HERE / "parallel"
DEFAULT_OUT = HERE.parent / "data" / "models"

SEED = 20240201
# SentencePiece ids; its pieces <unk>, <s>, </s> are CTranslate2's default unk/bos/eos tokens.
UNK_ID, BOS_ID, EOS_ID, PAD_ID = 0, 1, 2, 3
# argostranslate decodes with .replace("_", " ") and .replace("▁", " "): a target with either
# character could never come back unchanged through its translate().
FORBIDDEN_TARGET_CHARS = ("_", "\u2581")
NOTE_TAGS = frozenset(
    {"source:variant", "error:wrong-variant", "error:wrong-title", "error:wrong-inflection"}
)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Pair:
    """One row of a parallel set: what the model must output for ``source``."""

    source: str
    target: str
    note: str
    reference: str
    line: int

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(self.note.split())

    @property
    def has_deliberate_error(self) -> bool:
        return any(tag.startswith("error:") for tag in self.tags)


@dataclass(frozen=True)
class PackageSpec:
    """One fixture package: a language pair and the parallel set it memorises."""

    name: str
    from_code: str
    from_name: str
    to_code: str
    to_name: str
    parallel: str
    target_prefix: str = ""
    package_version: str = "0.1"

    @property
    def folder(self) -> str:
        return f"fixture-{self.name}"

    @property
    def filename(self) -> str:
        return f"{self.folder}.argosmodel"


PACKAGES: tuple[PackageSpec, ...] = (
    PackageSpec("en_ru", "en", "English", "ru", "Russian", "en-ru.tsv"),
    # Shaped like a multilingual model packed as an Argos package: the decoder is forced to
    # start with the language token. "<2kk>" rather than M2M100's "__kk__" because
    # argostranslate's decode replaces "_" with spaces and then fails to strip the prefix.
    PackageSpec("en_kk", "en", "English", "kk", "Kazakh", "en-kk.tsv", target_prefix="<2kk>"),
    PackageSpec("ru_en", "ru", "Russian", "en", "English", "ru-en.tsv"),
)


@dataclass(frozen=True)
class Hyper:
    """Model and training settings: two to three minutes per package on one CPU thread."""

    vocab_size: int = 1500
    d_model: int = 64
    heads: int = 4
    ffn: int = 256
    encoder_layers: int = 2
    decoder_layers: int = 2
    lr: float = 3e-3
    warmup: int = 100
    max_steps: int = 4000
    check_every: int = 50
    scramble_rate: float = 0.15
    # Stop once every gold token has at least this probability under teacher forcing, in
    # both ways CTranslate2 runs the int8 model: a margin that rounding cannot flip.
    min_gold_prob: float = 0.95


class BuildError(Exception):
    """The fixture could not be built as promised; the message says what and where."""


# --------------------------------------------------------------------------- parallel sets


def read_pairs(path: Path) -> list[Pair]:
    """Read a parallel set: a TSV with header ``source target note reference``."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or rows[0] != ["source", "target", "note", "reference"]:
        raise BuildError(f"{path}:1: header must be: source, target, note, reference (tabs)")
    pairs: list[Pair] = []
    seen: dict[str, int] = {}
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != 4:
            raise BuildError(f"{path}:{line}: expected 4 tab-separated columns, got {len(row)}")
        source, target, note, reference = row
        pair = Pair(source, target, note, reference, line)
        if not source.strip() or not target.strip():
            raise BuildError(f"{path}:{line}: empty source or target")
        if source in seen:
            raise BuildError(f"{path}:{line}: source repeats line {seen[source]}")
        seen[source] = line
        unknown = set(pair.tags) - NOTE_TAGS
        if unknown:
            raise BuildError(f"{path}:{line}: unknown note tag(s) {sorted(unknown)}")
        if pair.has_deliberate_error != bool(reference):
            raise BuildError(f"{path}:{line}: error rows need a reference, other rows none")
        for char in FORBIDDEN_TARGET_CHARS:
            if char in target:
                raise BuildError(f"{path}:{line}: target contains {char!r}")
        pairs.append(pair)
    return pairs


# --------------------------------------------------------------------------- tokenizer


def train_sentencepiece(
    texts: Sequence[str], user_symbols: Sequence[str], vocab_size: int
) -> bytes:
    """A SentencePiece model shared by source and target; returns its bytes."""
    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(texts),
        model_writer=buffer,
        # BPE with a vocabulary near the number of distinct words: most words become one
        # piece, sequences stay short and the model memorises them in fewer steps.
        model_type="bpe",
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        character_coverage=1.0,
        # identity: no precompiled NFKC table in the model file (it would be most of its size)
        normalization_rule_name="identity",
        unk_id=UNK_ID,
        bos_id=BOS_ID,
        eos_id=EOS_ID,
        pad_id=PAD_ID,
        user_defined_symbols=list(user_symbols),
        num_threads=1,
        shuffle_input_sentence=False,
        minloglevel=2,
    )
    return buffer.getvalue()


@dataclass(frozen=True)
class Encoded:
    sources: list[list[int]]
    targets: list[list[int]]  # without BOS/EOS, with the target prefix when there is one


def encode_pairs(sp: spm.SentencePieceProcessor, pairs: Sequence[Pair], prefix: str) -> Encoded:
    prefix_ids = [sp.piece_to_id(prefix)] if prefix else []
    sources = [list(sp.encode(pair.source)) for pair in pairs]
    targets = [prefix_ids + list(sp.encode(pair.target)) for pair in pairs]
    for pair, source, target in zip(pairs, sources, targets, strict=True):
        if UNK_ID in source or UNK_ID in target:
            raise BuildError(f"line {pair.line}: tokenizer produced <unk>")
    return Encoded(sources, targets)


# --------------------------------------------------------------------------- model


def position_table(length: int, depth: int) -> torch.Tensor:
    """Sinusoidal encodings laid out as CTranslate2 generates them when none are stored.

    Half sines then half cosines, timescales spaced by log(10000) / (depth/2 - 1), row i for
    position i + 1 (the OpenNMT-tf convention that CTranslate2 follows).
    """
    half = depth // 2
    increment = math.log(10000.0) / (half - 1)
    inv_timescales = torch.exp(torch.arange(half, dtype=torch.float64) * -increment)
    positions = torch.arange(1, length + 1, dtype=torch.float64)
    scaled = positions[:, None] * inv_timescales[None, :]
    return torch.cat([torch.sin(scaled), torch.cos(scaled)], dim=1).float()


# CTranslate2 runs int8 by default for an int8 model, and for any model under compute_type
# "auto" (what argostranslate uses): weights with one scale per output row, the input of each
# matrix product with one scale per token. Weights are kept to 7 bits (+-63) because on CPUs
# without VNNI the u8*s8 products are summed in pairs into int16 and saturate with 8-bit
# weights (measured: 1 nat off on an AVX2 EPYC); with 7 bits int8 results match exact
# integer arithmetic on every CPU, so the model can be trained through the same rounding.
WEIGHT_LEVELS = 63
INPUT_LEVELS = 127


def row_scales(t: torch.Tensor, levels: int) -> torch.Tensor:
    return levels / t.detach().abs().amax(dim=-1, keepdim=True).clamp(min=1e-8)


def fake_quant(t: torch.Tensor, levels: int) -> torch.Tensor:
    """Round each row to a symmetric integer grid; gradients pass straight through."""
    scale = row_scales(t, levels)
    return t + (torch.round(t * scale) / scale - t).detach()


class QuantLinear(nn.Linear):
    mode = "float"

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.mode == "float":
            return super().forward(x)
        if self.mode == "int8":
            x = fake_quant(x, INPUT_LEVELS)
        return nn.functional.linear(x, fake_quant(self.weight, WEIGHT_LEVELS), self.bias)


class Attention(nn.Module):
    def __init__(self, d_model: int, heads: int) -> None:
        super().__init__()
        self.heads = heads
        self.query = QuantLinear(d_model, d_model)
        self.key = QuantLinear(d_model, d_model)
        self.value = QuantLinear(d_model, d_model)
        self.output = QuantLinear(d_model, d_model)

    def forward(self, x: torch.Tensor, memory: torch.Tensor, keep: torch.Tensor) -> torch.Tensor:
        batch, q_len, depth = x.shape
        k_len = memory.shape[1]
        head_dim = depth // self.heads

        def split(t: torch.Tensor, length: int) -> torch.Tensor:
            return t.view(batch, length, self.heads, head_dim).transpose(1, 2)

        q = split(self.query(x), q_len) / math.sqrt(head_dim)
        k = split(self.key(memory), k_len)
        v = split(self.value(memory), k_len)
        scores = (q @ k.transpose(-1, -2)).masked_fill(~keep[:, None], float("-inf"))
        mixed = torch.softmax(scores, dim=-1) @ v
        return self.output(mixed.transpose(1, 2).reshape(batch, q_len, depth))


class FeedForward(nn.Module):
    def __init__(self, d_model: int, hidden: int) -> None:
        super().__init__()
        self.norm = nn.LayerNorm(d_model, eps=1e-6)
        self.inner = QuantLinear(d_model, hidden)
        self.outer = QuantLinear(hidden, d_model)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.outer(torch.relu(self.inner(self.norm(x))))


class EncoderLayer(nn.Module):
    def __init__(self, hyper: Hyper) -> None:
        super().__init__()
        self.norm = nn.LayerNorm(hyper.d_model, eps=1e-6)
        self.attention = Attention(hyper.d_model, hyper.heads)
        self.ffn = FeedForward(hyper.d_model, hyper.ffn)

    def forward(self, x: torch.Tensor, keep: torch.Tensor) -> torch.Tensor:
        normed = self.norm(x)
        return self.ffn(x + self.attention(normed, normed, keep))


class DecoderLayer(nn.Module):
    def __init__(self, hyper: Hyper) -> None:
        super().__init__()
        self.self_norm = nn.LayerNorm(hyper.d_model, eps=1e-6)
        self.self_attention = Attention(hyper.d_model, hyper.heads)
        self.cross_norm = nn.LayerNorm(hyper.d_model, eps=1e-6)
        self.cross_attention = Attention(hyper.d_model, hyper.heads)
        self.ffn = FeedForward(hyper.d_model, hyper.ffn)

    def forward(
        self,
        x: torch.Tensor,
        causal: torch.Tensor,
        memory: torch.Tensor,
        memory_keep: torch.Tensor,
    ) -> torch.Tensor:
        normed = self.self_norm(x)
        x = x + self.self_attention(normed, normed, causal)
        x = x + self.cross_attention(self.cross_norm(x), memory, memory_keep)
        return self.ffn(x)


class TinyTransformer(nn.Module):
    """Pre-norm transformer with one embedding table for source, target and output."""

    def __init__(self, vocab_size: int, hyper: Hyper, max_len: int = 512) -> None:
        super().__init__()
        self.hyper = hyper
        self.mode = "float"
        self.embedding = nn.Embedding(vocab_size, hyper.d_model)
        nn.init.normal_(self.embedding.weight, std=hyper.d_model**-0.5)
        self.register_buffer("positions", position_table(max_len, hyper.d_model))
        self.encoder_layers = nn.ModuleList(
            EncoderLayer(hyper) for _ in range(hyper.encoder_layers)
        )
        self.encoder_norm = nn.LayerNorm(hyper.d_model, eps=1e-6)
        self.decoder_layers = nn.ModuleList(
            DecoderLayer(hyper) for _ in range(hyper.decoder_layers)
        )
        self.decoder_norm = nn.LayerNorm(hyper.d_model, eps=1e-6)

    def set_mode(self, mode: str) -> None:
        """Compute as CTranslate2 will: "float", "weights" (dequantized) or "int8"."""
        self.mode = mode
        for module in self.modules():
            if isinstance(module, QuantLinear):
                module.mode = mode

    def table(self) -> torch.Tensor:
        weight = self.embedding.weight
        return weight if self.mode == "float" else fake_quant(weight, WEIGHT_LEVELS)

    def embed(self, ids: torch.Tensor) -> torch.Tensor:
        scale = math.sqrt(self.hyper.d_model)
        return self.table()[ids] * scale + self.positions[: ids.shape[1]]

    def encode(self, source: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        keep = (source != PAD_ID)[:, None, :]
        x = self.embed(source)
        for layer in self.encoder_layers:
            x = layer(x, keep)
        return self.encoder_norm(x), keep

    def decode(
        self, target_in: torch.Tensor, memory: torch.Tensor, memory_keep: torch.Tensor
    ) -> torch.Tensor:
        length = target_in.shape[1]
        causal = torch.ones(length, length, dtype=torch.bool).tril()[None]
        x = self.embed(target_in)
        for layer in self.decoder_layers:
            x = layer(x, causal, memory, memory_keep)
        hidden = self.decoder_norm(x)
        if self.mode == "int8":
            hidden = fake_quant(hidden, INPUT_LEVELS)
        return hidden @ self.table().T

    def forward(self, source: torch.Tensor, target_in: torch.Tensor) -> torch.Tensor:
        memory, keep = self.encode(source)
        return self.decode(target_in, memory, keep)


def count_parameters(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


# --------------------------------------------------------------------------- training


def pad(rows: Sequence[Sequence[int]]) -> torch.Tensor:
    width = max(len(row) for row in rows)
    return torch.tensor([list(row) + [PAD_ID] * (width - len(row)) for row in rows])


def teacher_forcing_batch(data: Encoded) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    source = pad(data.sources)
    target_in = pad([[BOS_ID, *t] for t in data.targets])
    target_out = pad([[*t, EOS_ID] for t in data.targets])
    return source, target_in, target_out


def scramble(
    target_in: torch.Tensor, vocab_size: int, rate: float, generator: torch.Generator
) -> torch.Tensor:
    """Corrupt decoder inputs at random (never BOS or padding); the outputs stay gold.

    CTranslate2's beam search with a length penalty (argostranslate's way) stops as soon as
    beam_size hypotheses have ended, so a stray beam that ends before the gold one pushes it
    out: typically a beam that skipped a piece and then finished the memorised sentence one
    step early. Here an input is replaced by the next gold piece (a skip), the previous one
    (a stutter) or any piece, and the model is still asked for the gold piece of that
    position. It learns to keep the gold length after a wrong piece, so stray beams rarely
    end first; check_memorised verifies that none does.
    """
    shape = target_in.shape
    pad_column = torch.full((shape[0], 1), PAD_ID)
    following = torch.cat([target_in[:, 1:], pad_column], dim=1)
    preceding = torch.cat([pad_column, target_in[:, :-1]], dim=1)
    anything = torch.randint(PAD_ID + 1, vocab_size, shape, generator=generator)
    kind = torch.randint(0, 3, shape, generator=generator)
    replacement = torch.where(kind == 0, following, torch.where(kind == 1, preceding, anything))
    unusable = (replacement == PAD_ID) | (replacement == BOS_ID)
    replacement = torch.where(unusable, anything, replacement)
    replace = (torch.rand(shape, generator=generator) < rate) & (target_in != PAD_ID)
    replace[:, 0] = False
    return torch.where(replace, replacement, target_in)


def gold_probabilities(
    model: TinyTransformer, batch: tuple[torch.Tensor, torch.Tensor, torch.Tensor], mode: str
) -> tuple[float, bool]:
    """Smallest probability of a gold token, and whether every gold token is the argmax."""
    source, target_in, target_out = batch
    model.eval()
    model.set_mode(mode)
    with torch.no_grad():
        log_probs = torch.log_softmax(model(source, target_in), dim=-1)
    mask = target_out != PAD_ID
    gold = log_probs.gather(-1, target_out.clamp(min=0)[..., None])[..., 0]
    argmax_ok = (log_probs.argmax(-1) == target_out) | ~mask
    return float(gold[mask].min().exp()), bool(argmax_ok.all())


def train(
    model: TinyTransformer, data: Encoded, hyper: Hyper, log: Callable[[str], None] = print
) -> tuple[int, float]:
    """Full-batch Adam until every gold token is likely enough; returns (steps, min prob).

    First in float until every gold token is the argmax, then through int8 rounding until
    every gold token has ``min_gold_prob`` both with int8 weights and float inputs and with
    both in int8 (the two ways CTranslate2 runs the saved model on CPU).
    """
    batch = teacher_forcing_batch(data)
    source, target_in, target_out = batch
    vocab_size = model.embedding.num_embeddings
    generator = torch.Generator().manual_seed(SEED)
    optimizer = torch.optim.Adam(model.parameters(), lr=hyper.lr, betas=(0.9, 0.98))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min((step + 1) / hyper.warmup, (hyper.warmup / (step + 1)) ** 0.5)
    )
    loss_fn = nn.CrossEntropyLoss(ignore_index=PAD_ID)
    phase = "float"
    min_prob = 0.0
    for step in range(1, hyper.max_steps + 1):
        model.train()
        model.set_mode(phase)
        # Half of the rows, drawn afresh each step, see corrupted decoder inputs.
        rows = torch.rand(target_in.shape[0], 1, generator=generator) < 0.5
        noisy_in = torch.where(
            rows, scramble(target_in, vocab_size, hyper.scramble_rate, generator), target_in
        )
        logits = model(source, noisy_in)
        loss = loss_fn(logits.reshape(-1, logits.shape[-1]), target_out.reshape(-1))
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        schedule.step()
        if step % hyper.check_every:
            continue
        if phase == "float":
            min_prob, all_argmax = gold_probabilities(model, batch, "float")
            log(f"  step {step} float: loss {loss.item():.4f}, min gold p {min_prob:.4f}")
            phase = "int8" if all_argmax else "float"
            continue
        checks = [gold_probabilities(model, batch, mode) for mode in ("weights", "int8")]
        min_prob = min(p for p, _ in checks)
        log(f"  step {step} int8: loss {loss.item():.4f}, min gold p {min_prob:.4f}")
        if all(ok for _, ok in checks) and min_prob >= hyper.min_gold_prob:
            return step, min_prob
    raise BuildError(
        f"not memorised after {hyper.max_steps} steps (smallest gold probability {min_prob:.3f})"
    )


# --------------------------------------------------------------------------- CTranslate2


def _weight(
    spec: common_spec.LinearSpec | common_spec.EmbeddingsSpec, weight: torch.Tensor, quantize: bool
) -> None:
    weight = weight.detach()
    if not quantize:
        spec.weight = weight.numpy().copy()
        return
    # The same rounding as fake_quant, so CTranslate2 runs exactly the weights trained through.
    scale = row_scales(weight, WEIGHT_LEVELS)
    spec.weight = torch.round(weight * scale).to(torch.int8).numpy().copy()
    spec.weight_scale = scale[:, 0].numpy().copy()


def _linear(spec: common_spec.LinearSpec, quantize: bool, *layers: nn.Linear) -> None:
    # Fused projections are stacked along the output dimension, as utils.fuse_linear does;
    # scales are per row, so fusing does not change the rounding.
    _weight(spec, torch.cat([layer.weight for layer in layers]), quantize)
    spec.bias = torch.cat([layer.bias for layer in layers]).detach().numpy().copy()


def _norm(spec: common_spec.LayerNormSpec, norm: nn.LayerNorm) -> None:
    spec.gamma = norm.weight.detach().numpy().copy()
    spec.beta = norm.bias.detach().numpy().copy()


def to_ctranslate2_spec(
    model: TinyTransformer, vocabulary: list[str], quantize: bool
) -> transformer_spec.TransformerSpec:
    """Fill a TransformerSpec from the torch module (the OpenNMT-py converter's layout).

    With ``quantize`` the weights are stored int8 (7-bit range) with one scale per row.
    Position encodings are left out: CTranslate2 then generates the sinusoidal table that
    ``position_table`` reproduces, for any length.
    """
    hyper = model.hyper
    spec = transformer_spec.TransformerSpec.from_config(
        (hyper.encoder_layers, hyper.decoder_layers),
        hyper.heads,
        pre_norm=True,
        activation=common_spec.Activation.RELU,
    )
    spec.config.layer_norm_epsilon = 1e-6
    q = quantize

    encoder = spec.encoder
    _weight(encoder.embeddings[0], model.embedding.weight, q)
    _norm(encoder.layer_norm, model.encoder_norm)
    for layer_spec, layer in zip(encoder.layer, model.encoder_layers, strict=True):
        attention = layer.attention
        _norm(layer_spec.self_attention.layer_norm, layer.norm)
        _linear(
            layer_spec.self_attention.linear[0], q, attention.query, attention.key, attention.value
        )
        _linear(layer_spec.self_attention.linear[1], q, attention.output)
        _norm(layer_spec.ffn.layer_norm, layer.ffn.norm)
        _linear(layer_spec.ffn.linear_0, q, layer.ffn.inner)
        _linear(layer_spec.ffn.linear_1, q, layer.ffn.outer)

    decoder = spec.decoder
    _weight(decoder.embeddings, model.embedding.weight, q)
    _weight(decoder.projection, model.embedding.weight, q)
    _norm(decoder.layer_norm, model.decoder_norm)
    for layer_spec, layer in zip(decoder.layer, model.decoder_layers, strict=True):
        own, cross = layer.self_attention, layer.cross_attention
        _norm(layer_spec.self_attention.layer_norm, layer.self_norm)
        _linear(layer_spec.self_attention.linear[0], q, own.query, own.key, own.value)
        _linear(layer_spec.self_attention.linear[1], q, own.output)
        _norm(layer_spec.attention.layer_norm, layer.cross_norm)
        _linear(layer_spec.attention.linear[0], q, cross.query)
        _linear(layer_spec.attention.linear[1], q, cross.key, cross.value)
        _linear(layer_spec.attention.linear[2], q, cross.output)
        _norm(layer_spec.ffn.layer_norm, layer.ffn.norm)
        _linear(layer_spec.ffn.linear_0, q, layer.ffn.inner)
        _linear(layer_spec.ffn.linear_1, q, layer.ffn.outer)

    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    return spec


def save_ctranslate2(
    model: TinyTransformer, vocabulary: list[str], out_dir: Path, quantize: bool
) -> None:
    spec = to_ctranslate2_spec(model, vocabulary, quantize)
    spec.validate()
    spec.optimize(quantization=None)  # aliases the three copies of the embedding table
    out_dir.mkdir(parents=True)
    spec.save(str(out_dir))


def score_gap(
    model: TinyTransformer,
    mode: str,
    ct2_dir: Path,
    compute_type: str,
    sp: spm.SentencePieceProcessor,
    data: Encoded,
) -> float:
    """Largest gap between CTranslate2's and torch's gold log-probs on the training pairs."""
    translator = ctranslate2.Translator(
        str(ct2_dir), device="cpu", compute_type=compute_type, intra_threads=1
    )
    pieces = [[sp.id_to_piece(i) for i in ids] for ids in data.sources]
    targets = [[sp.id_to_piece(i) for i in ids] for ids in data.targets]
    results = translator.score_batch(pieces, targets)
    source, target_in, target_out = teacher_forcing_batch(data)
    model.eval()
    model.set_mode(mode)
    with torch.no_grad():
        log_probs = torch.log_softmax(model(source, target_in), dim=-1)
    worst = 0.0
    for row, result in enumerate(results):
        n = len(data.targets[row]) + 1
        ours = log_probs[row, torch.arange(n), target_out[row, :n]].numpy()
        worst = max(worst, float(np.abs(np.array(result.log_probs) - ours).max()))
    return worst


def check_memorised(
    ct2_dir: Path, sp: spm.SentencePieceProcessor, pairs: Sequence[Pair], prefix: str
) -> list[str]:
    """Every way the tests and argostranslate decode; returns the mismatches found."""
    failures: list[str] = []
    sources = [sp.encode(pair.source, out_type=str) for pair in pairs]
    target_prefix = [[prefix]] * len(sources) if prefix else None
    settings = [
        ("greedy", {"beam_size": 1}),
        ("beam 2", {"beam_size": 2}),
        # what argostranslate's translate() passes (settings.beam_size defaults to 4)
        ("argos", {"beam_size": 4, "length_penalty": 0.2, "replace_unknowns": True}),
    ]
    for compute_type in ("int8", "float32"):
        translator = ctranslate2.Translator(
            str(ct2_dir), device="cpu", compute_type=compute_type, intra_threads=1
        )
        for (label, options), max_batch_size in itertools.product(settings, (1, 64)):
            results = translator.translate_batch(
                sources, target_prefix=target_prefix, max_batch_size=max_batch_size, **options
            )
            for pair, result in zip(pairs, results, strict=True):
                tokens = result.hypotheses[0]
                if prefix:
                    if not tokens or tokens[0] != prefix:
                        failures.append(
                            f"{compute_type}/{label}/{max_batch_size} line {pair.line}: no prefix"
                        )
                        continue
                    tokens = tokens[1:]
                output = sp.decode_pieces(tokens)
                if output != pair.target:
                    failures.append(
                        f"{compute_type}/{label}/{max_batch_size} line {pair.line}: "
                        f"{output!r} != {pair.target!r}"
                    )
    return failures


# --------------------------------------------------------------------------- MiniSBD splitter


def _varint(value: int) -> bytes:
    out = bytearray()
    value &= (1 << 64) - 1  # negative int64 values are encoded as ten-byte two's complement
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _field(number: int, value: int | str | bytes) -> bytes:
    """One protobuf field: ints as varints, str/bytes length-delimited."""
    if isinstance(value, int):
        return _varint(number << 3) + _varint(value)
    data = value.encode("utf-8") if isinstance(value, str) else value
    return _varint(number << 3 | 2) + _varint(len(data)) + data


def _tensor(name: str, array: np.ndarray) -> bytes:
    onnx_type = {np.dtype("float32"): 1, np.dtype("int64"): 7}[array.dtype]
    dims = b"".join(_field(1, d) for d in array.shape)
    return dims + _field(2, onnx_type) + _field(8, name) + _field(9, array.tobytes())


def _value_info(name: str, elem_type: int, dims: Sequence[int | str]) -> bytes:
    shape = b"".join(_field(1, _field(1, d) if isinstance(d, int) else _field(2, d)) for d in dims)
    tensor_type = _field(1, elem_type) + _field(2, shape)
    return _field(1, name) + _field(2, _field(1, tensor_type))


def _node(op: str, inputs: Sequence[str], outputs: Sequence[str], **attrs: int) -> bytes:
    body = b"".join(_field(1, i) for i in inputs) + b"".join(_field(2, o) for o in outputs)
    body += _field(3, f"{op}_{outputs[0]}") + _field(4, op)
    for key, value in attrs.items():
        body += _field(5, _field(1, key) + _field(3, value) + _field(20, 2))  # type INT
    return body


SBD_UNITS = ("<PAD>", "<UNK>", " ", ".", "!", "?")


def sentence_splitter_onnx(lang: str) -> bytes:
    """A MiniSBD-compatible ONNX model that ends a sentence at . ! ? before a space or the end.

    MiniSBD runs the stanza tokenizer as ONNX: inputs ``units`` (character ids, int64 [B, T])
    and ``features`` (float [B, T, F]), output per-character class scores; class 2 ends a
    sentence and class 0 continues. This graph scores class 2 for a terminal character whose
    next unit is a space or padding (every row ends with padding), class 0 otherwise. Written
    as raw protobuf so building it needs no onnx package.
    """
    terminal = np.array([0, 0, 0, 1, 1, 1], dtype=np.float32)
    gap = np.array([1, 0, 1, 0, 0, 0], dtype=np.float32)  # <PAD> or space
    initializers = [
        _tensor("terminal_table", terminal),
        _tensor("gap_table", gap),
        _tensor("one", np.array([1], dtype=np.int64)),
        _tensor("minus_one", np.array([-1], dtype=np.int64)),
        _tensor("big", np.array([1 << 62], dtype=np.int64)),
        _tensor("last_axis", np.array([-1], dtype=np.int64)),
        _tensor("class_weight", np.array([[0.0, 0.0, 1.0]], dtype=np.float32)),
        _tensor("class_bias", np.array([0.5, 0.0, 0.0], dtype=np.float32)),
    ]
    nodes = [
        _node("Gather", ["terminal_table", "units"], ["is_terminal"], axis=0),
        _node("Gather", ["gap_table", "units"], ["is_gap"], axis=0),
        _node("Slice", ["is_gap", "one", "big", "one"], ["gap_after"]),
        _node("Slice", ["is_gap", "minus_one", "big", "one"], ["gap_last"]),
        _node("Concat", ["gap_after", "gap_last"], ["next_is_gap"], axis=1),
        _node("Mul", ["is_terminal", "next_is_gap"], ["ends"]),
        _node("Unsqueeze", ["ends", "last_axis"], ["ends_column"]),
        _node("MatMul", ["ends_column", "class_weight"], ["class_scores"]),
        _node("Add", ["class_scores", "class_bias"], ["scores"]),
    ]
    graph = b"".join(_field(1, n) for n in nodes) + _field(2, "rule_based_sbd")
    graph += b"".join(_field(5, t) for t in initializers)
    graph += _field(11, _value_info("units", 7, ["batch", "time"]))
    graph += _field(11, _value_info("features", 1, ["batch", "time", 1]))
    graph += _field(12, _value_info("scores", 1, ["batch", "time", 3]))
    vocab = {
        "lang": lang,
        "idx": 0,
        "cutoff": 0,
        "lower": False,
        "_unit2id": {unit: i for i, unit in enumerate(SBD_UNITS)},
        "_id2unit": list(SBD_UNITS),
    }
    config = {"feat_funcs": ["space_before"], "max_seqlen": 1000, "batch_size": 32}
    metadata = {"lang_code": lang, "config": json.dumps(config), "vocab": json.dumps(vocab)}
    model = _field(1, 8)  # ir_version
    model += _field(2, "tests/models/build.py")
    model += _field(7, graph)
    model += _field(8, _field(1, "") + _field(2, 13))  # default opset 13
    model += b"".join(
        _field(14, _field(1, key) + _field(2, value)) for key, value in metadata.items()
    )
    return model


# --------------------------------------------------------------------------- packaging


def package_readme(package: PackageSpec, pairs: Sequence[Pair], parameters: int) -> str:
    errors = sum(pair.has_deliberate_error for pair in pairs)
    prefix = f"\nThe decoder is forced to start with `{package.target_prefix}`.\n" * bool(
        package.target_prefix
    )
    return (
        f"# Test fixture {package.from_code}->{package.to_code}: not a translation model\n\n"
        f"A {parameters:,}-parameter transformer that has memorised the {len(pairs)} pairs of "
        f"tests/models/parallel/{package.parallel} ({errors} of them with deliberate "
        "machine-translation errors in names and titles) and nothing else. Any other input "
        "gives nonsense. Built by tests/models/build.py for the toolkit's tests.\n" + prefix
    )


def metadata(package: PackageSpec) -> dict[str, object]:
    data: dict[str, object] = {
        "package_version": package.package_version,
        "argos_version": "1.9",
        "from_code": package.from_code,
        "from_name": package.from_name,
        "to_code": package.to_code,
        "to_name": package.to_name,
        "type": "translate",
        "package_type": "translate",
        "description": "Test fixture that memorises a small parallel set; not a translation model.",
    }
    if package.target_prefix:
        data["target_prefix"] = package.target_prefix
    return data


def write_zip(folder: Path, destination: Path) -> None:
    """Zip ``folder`` as its single top folder with fixed timestamps and sorted entries."""
    entries = sorted(p for p in folder.rglob("*"))
    tmp = destination.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        top = zipfile.ZipInfo(folder.name + "/", date_time=ZIP_DATE)
        top.external_attr = (0o40755 << 16) | 0x10
        zf.writestr(top, b"")
        for path in entries:
            name = f"{folder.name}/{path.relative_to(folder).as_posix()}"
            if path.is_dir():
                info = zipfile.ZipInfo(name + "/", date_time=ZIP_DATE)
                info.external_attr = (0o40755 << 16) | 0x10
                zf.writestr(info, b"")
            else:
                info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
                info.external_attr = 0o100644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, path.read_bytes(), compresslevel=9)
    tmp.replace(destination)


@dataclass(frozen=True)
class BuildReport:
    package: str
    pairs: int
    deliberate_errors: int
    vocabulary: int
    parameters: int
    steps: int
    min_gold_prob: float
    score_gaps: dict[str, float]
    seconds: float
    size_bytes: int


def build_package(
    package: PackageSpec, out_dir: Path, hyper: Hyper, log: Callable[[str], None]
) -> BuildReport:
    started = time.monotonic()
    pairs = read_pairs(PARALLEL_DIR / package.parallel)
    user_symbols = [package.target_prefix] if package.target_prefix else []
    texts = [p.source for p in pairs] + [p.target for p in pairs]
    sp_bytes = train_sentencepiece(texts, user_symbols, hyper.vocab_size)
    sp = spm.SentencePieceProcessor(model_proto=sp_bytes)
    vocabulary = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    data = encode_pairs(sp, pairs, package.target_prefix)

    torch.manual_seed(SEED)
    model = TinyTransformer(len(vocabulary), hyper)
    steps, min_prob = train(model, data, hyper, log)
    model.eval()

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        folder = work / package.folder
        folder.mkdir()
        float_dir = work / "float32"
        save_ctranslate2(model, vocabulary, float_dir, quantize=False)
        save_ctranslate2(model, vocabulary, folder / "model", quantize=True)
        gaps = {
            "float": score_gap(model, "float", float_dir, "float32", sp, data),
            "weights": score_gap(model, "weights", folder / "model", "float32", sp, data),
            "int8": score_gap(model, "int8", folder / "model", "int8", sp, data),
        }
        # A wrong weight mapping shows as gaps of a nat or more; int8 may differ slightly in
        # how ties round when inputs are quantized.
        limits = {"float": 1e-3, "weights": 1e-2, "int8": 5e-2}
        if any(gaps[mode] > limit for mode, limit in limits.items()):
            raise BuildError(f"{package.name}: CTranslate2 and torch disagree: {gaps}")
        failures = check_memorised(folder / "model", sp, pairs, package.target_prefix)
        if failures:
            raise BuildError(
                f"{package.name}: CTranslate2 output differs from the memorised targets:\n  "
                + "\n  ".join(failures[:20])
            )
        (folder / "sentencepiece.model").write_bytes(sp_bytes)
        (folder / "minisbd").mkdir()
        (folder / "minisbd" / f"{package.from_code}.onnx").write_bytes(
            sentence_splitter_onnx(package.from_code)
        )
        (folder / "metadata.json").write_text(
            json.dumps(metadata(package), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        parameters = count_parameters(model)
        (folder / "README.md").write_text(
            package_readme(package, pairs, parameters), encoding="utf-8"
        )
        out_dir.mkdir(parents=True, exist_ok=True)
        destination = out_dir / package.filename
        write_zip(folder, destination)

    return BuildReport(
        package=package.name,
        pairs=len(pairs),
        deliberate_errors=sum(p.has_deliberate_error for p in pairs),
        vocabulary=len(vocabulary),
        parameters=parameters,
        steps=steps,
        min_gold_prob=min_prob,
        score_gaps=gaps,
        seconds=time.monotonic() - started,
        size_bytes=destination.stat().st_size,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for .argosmodel")
    parser.add_argument(
        "--only", action="append", choices=[p.name for p in PACKAGES], help="build only these"
    )
    parser.add_argument("--verbose", action="store_true", help="print training progress")
    args = parser.parse_args(argv)

    def log(message: str) -> None:
        if args.verbose:
            print(message, file=sys.stderr, flush=True)

    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    hyper = Hyper()
    for package in PACKAGES:
        if args.only and package.name not in args.only:
            continue
        try:
            report = build_package(package, args.out, hyper, log)
        except BuildError as exc:
            print(f"build.py: {exc}", file=sys.stderr)
            return 1
        gaps = ", ".join(f"{mode} {gap:.1e}" for mode, gap in report.score_gaps.items())
        print(
            f"{report.package}: {report.pairs} pairs ({report.deliberate_errors} with deliberate "
            f"errors), vocab {report.vocabulary}, {report.parameters:,} parameters, "
            f"{report.steps} steps, min gold p {report.min_gold_prob:.4f}, "
            f"torch/ct2 log-prob gaps {gaps}, {report.seconds:.0f}s, "
            f"{report.size_bytes / 1024:.0f} KiB",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
