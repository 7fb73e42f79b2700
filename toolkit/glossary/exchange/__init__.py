"""Glossary exchange: the termbase as TBX (ISO 30042) and CSV files, and importing them.

Modules, along the seams of the work:

- :mod:`.model`: what every format shares: :class:`ExchangeFormat`, :class:`Exchange` (what
  reading a file gives: concepts in file order, with what the file left out) and the helpers
  the readers share (language codes, concept ids, locations, decoding).
- :mod:`.tbx`: TBX-Basic written (lossless), TBX v2/v3 in DCA or DCT style read.
- :mod:`.tabular`: CSV and TSV: ``csv`` (one row per source form, for MT engines), ``csv-full``
  (every field, for a spreadsheet), and DeepL/Google two-column files read.
- :mod:`.formats`: :func:`export_termbase` and :func:`read_exchange`, which pick the writer or
  reader a format name or a file's content calls for.
- :mod:`.importing`: :func:`plan_import` merges what was read into a termbase (or replaces it)
  and says what changes.

A new exchange format goes in a module of its own beside ``tbx`` and ``tabular``: a writer from a
:class:`~toolkit.glossary.termbase.Termbase` to text and a reader from bytes to an
:class:`Exchange` (reusing :class:`~.model.FileLanguages` for language codes and
:func:`~.model.unique_ids` for ids made from source forms), a member of :class:`ExchangeFormat`
if it is written, and a branch in :mod:`.formats`. Importing then works for it unchanged.
"""

from toolkit.glossary.exchange.formats import export_termbase, read_exchange
from toolkit.glossary.exchange.importing import (
    ConceptDiff,
    ImportMode,
    ImportPlan,
    diff_termbases,
    plan_import,
)
from toolkit.glossary.exchange.model import Exchange, ExchangeFormat, ImportedConcept
from toolkit.glossary.exchange.tabular import read_csv, write_csv
from toolkit.glossary.exchange.tbx import (
    ADMITTED,
    DEPRECATED,
    PREFERRED,
    SUPERSEDED,
    TBX_NAMESPACE,
    read_tbx,
    write_tbx,
)

__all__ = [
    "ADMITTED",
    "DEPRECATED",
    "PREFERRED",
    "SUPERSEDED",
    "TBX_NAMESPACE",
    "ConceptDiff",
    "Exchange",
    "ExchangeFormat",
    "ImportMode",
    "ImportPlan",
    "ImportedConcept",
    "diff_termbases",
    "export_termbase",
    "plan_import",
    "read_csv",
    "read_exchange",
    "read_tbx",
    "write_csv",
    "write_tbx",
]
