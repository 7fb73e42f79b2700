"""The termbase: concepts with their source variants and approved target forms.

Submodules: ``matcher`` finds concepts in text (multi-pattern, leftmost-longest, whole words);
the termbase model, its gettext storage, lint, import/export and variant discovery build on it.
"""
