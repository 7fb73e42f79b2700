"""`toolkit glossary`: list, show, add, edit, remove, find, lint, import, export and discover
glossary concepts.

``options`` holds the command group and what its commands share; ``concepts`` the commands on
concepts one by one; ``exchange`` import, export and discovery. Importing the package registers
every command on the group.
"""

from toolkit.cli.glossary import concepts, exchange  # noqa: F401  (registers the commands)
from toolkit.cli.glossary.options import glossary_app

__all__ = ["glossary_app"]
