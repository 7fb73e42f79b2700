"""Arguments and options that several commands take with the same meaning."""

from __future__ import annotations

from typing import Annotated

import typer

ArticlesArg = Annotated[
    list[str] | None,
    typer.Argument(metavar="ARTICLE", help="Article ids (default: all).", show_default=False),
]
LanguagesOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--lang",
        "-l",
        metavar="LANG",
        help="Target language; repeat for several (default: all of the project's).",
        show_default=False,
    ),
]
