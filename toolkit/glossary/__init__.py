"""The termbase: concepts with their source variants and approved target forms.

Submodules: ``matcher`` finds concepts in text (multi-pattern, leftmost-longest, whole words);
``termbase`` is the model (frozen values, their ``record()`` JSON shapes, changes); ``storage``
keeps it in gettext files; ``lint`` checks a whole termbase; ``search`` finds concepts in a text
or the corpus; ``editing`` changes the project's glossary, every save lint-gated; ``exchange``
reads and writes TBX and CSV and imports them; ``discover`` proposes variants and names from the
corpus.
"""
