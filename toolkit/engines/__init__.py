"""Translation engines: anything that turns a batch of source segments into target text.

The job talks only to the :class:`Engine` protocol (:mod:`toolkit.engines.protocol`). Each
model family is a subpackage beside :mod:`toolkit.engines.argos` (Argos Translate packages:
CTranslate2 models with their tokenizer), and :func:`open_engine` is where the project's
``[tool.toolkit.engine]`` name is routed to one of them. Translation memory
(:mod:`toolkit.engines.memory`) is an engine too; pivoting chains two models.

A new model family goes into ``toolkit/engines/<family>/`` with an engine class satisfying
:class:`Engine`, and gets a branch in :func:`open_engine`.
"""

from __future__ import annotations

from toolkit.config import EngineOptions, Settings
from toolkit.engines.argos import ArgosEngine, ArgosOptions
from toolkit.engines.protocol import Engine, Route, Translation

__all__ = ["Engine", "Route", "Translation", "open_engine"]


def open_engine(settings: Settings, options: EngineOptions | None = None) -> Engine | None:
    """The engine *options* name (``[tool.toolkit.engine]`` by default); None for memory only.

    The Argos engine lists the installed packages when it opens (that is when argostranslate
    is first imported) and loads a model when the first segment needs it.
    """
    options = options or settings.engine_options
    if options.name == "memory":
        return None
    return ArgosEngine(options=ArgosOptions.from_engine_options(options))
