"""The catalog model: counting messages, the reproducible timestamp."""

from __future__ import annotations

from collections.abc import Callable

from toolkit.gettext.model import Catalog, Counts, Message, count_messages, set_fuzzy, timestamp


def test_count_messages() -> None:
    catalog = Catalog(
        messages=(
            Message("a", "а"),
            Message("b", "б"),
            set_fuzzy(Message("c", "ц")),
            Message("d"),
            Message("e", "е", obsolete=True),
            Message("f", msgid_plural="fs", msgstr_plural=("ф", "")),  # incomplete plural
        )
    )
    counts = count_messages(catalog)
    assert counts == Counts(total=5, translated=2, fuzzy=1, untranslated=2)
    assert counts.percent == 40.0


def test_timestamp_honours_source_date_epoch(epoch: Callable[[str], None]) -> None:
    assert timestamp() == "2024-02-01 09:33+0000"
