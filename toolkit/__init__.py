"""Offline translation and terminology toolkit for English -> Russian / Kazakh news."""

__version__ = "0.1.0"
