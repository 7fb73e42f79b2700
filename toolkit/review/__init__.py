"""Review: side-by-side views of catalogs (terminal and HTML), approval, interactive review.

- :mod:`toolkit.review.model`: entries with state, glossary terms, findings, enforcement;
- :mod:`toolkit.review.terminal`: the terminal view as lines;
- :mod:`toolkit.review.html`: the self-contained HTML report;
- :mod:`toolkit.review.approve`: approving fuzzy entries, by id or when clean.

The enforcement records shown beside an entry are read in the format that enforcement writes,
:mod:`toolkit.enforce.records`.
"""
