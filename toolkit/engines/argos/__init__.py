"""Argos Translate packages as an engine: CTranslate2 models with their tokenizer.

- :mod:`~toolkit.engines.argos.upstream`: argostranslate's own package folders and index
  (install, uninstall, download);
- :mod:`~toolkit.engines.argos.packages`: what is installed, checking a package file, adding,
  removing and installing packages safely (:class:`PackageInfo`);
- :mod:`~toolkit.engines.argos.engine`: :class:`ArgosEngine`, which routes a language pair
  through installed packages (pivoting when needed) and translates batches with CTranslate2.

Imports point down that list. argostranslate, ctranslate2 and sentencepiece are imported
inside the functions that use them, never when this package is imported.
"""

from toolkit.engines.argos.engine import (
    DEVICES,
    ArgosEngine,
    ArgosOptions,
    BpeTokenizer,
    LoadedModel,
    SentencePieceTokenizer,
    Tokenizer,
    clear_model_cache,
    load_model,
    resolve_device,
)
from toolkit.engines.argos.packages import (
    INDEX_TIMEOUT,
    INSTALL_HINT,
    ArchiveInfo,
    PackageInfo,
    add_package,
    describe_pairs,
    find_packages,
    inspect_archive,
    install_from_index,
    list_packages,
    packages_dir,
    read_package,
    remove_package,
    version_key,
)
from toolkit.engines.argos.upstream import OFFLINE_HINT, IndexEntry

__all__ = [
    "DEVICES",
    "INDEX_TIMEOUT",
    "INSTALL_HINT",
    "OFFLINE_HINT",
    "ArchiveInfo",
    "ArgosEngine",
    "ArgosOptions",
    "BpeTokenizer",
    "IndexEntry",
    "LoadedModel",
    "PackageInfo",
    "SentencePieceTokenizer",
    "Tokenizer",
    "add_package",
    "clear_model_cache",
    "describe_pairs",
    "find_packages",
    "inspect_archive",
    "install_from_index",
    "list_packages",
    "load_model",
    "packages_dir",
    "read_package",
    "remove_package",
    "resolve_device",
    "version_key",
]
