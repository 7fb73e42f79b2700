"""The project's catalogs: where they are, which language each is in, and the catalog steps
(extract, update, stats, compile) over the gettext model below."""
