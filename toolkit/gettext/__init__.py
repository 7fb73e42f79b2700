"""Gettext catalogs as values: the model, PO/POT/MO files, msgmerge, saving.

Below the project: nothing here knows of articles, settings or folders. Only
:mod:`toolkit.gettext.pofile` touches polib.
"""
