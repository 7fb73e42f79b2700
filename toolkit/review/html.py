"""The HTML review report: one self-contained page, source and translation side by side.

Everything is inline (CSS, a small script, no images, no fonts) and a Content-Security-Policy
forbids every network request, so the file can be mailed, opened offline or archived as it is.
All text from catalogs goes through :func:`html.escape`; the script reads only ``data-``
attributes, never text, so nothing in a catalog can run as code.

The page:

- a row per entry: source (``lang`` of the source), translation (``lang`` of the target), and
  a column with the state, the findings (severity, check, message), what enforcement changed
  (old -> new), the previous source of a fuzzy match and the translator's notes;
- glossary terms as ``<mark>`` elements whose ``title`` names the concept and its official
  form; tapping or focusing a term shows the same text (phones have no hover);
- filters by state and by check; the chosen filter is kept in the address
  (``#state=fuzzy,untranslated&check=numbers``), so a link opens the page filtered;
- a CSS grid that stacks the columns below 600 px (a phone held upright).

The script marks ``<body data-ready="1">``, keeps the number of rows shown in ``data-shown``
and in the ``#shown`` line, and the number of grid columns laid out in ``data-columns``; the
browser test reads them.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from toolkit.locales import language_name
from toolkit.review.model import EntryState, ReviewCatalog, ReviewEntry, TermHit

__all__ = ["render_index", "render_report"]

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)

CSS = """
:root { --line: #d0d7de; --muted: #57606a; --term: #fff3bf; --wrong: #ffd8d8;
  --error: #b42318; --warning: #9a6700; --info: #57606a; --bg: #fff; --fg: #1f2328; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--fg); background: var(--bg); }
header.top { position: sticky; top: 0; z-index: 2; background: #f6f8fa;
  border-bottom: 1px solid var(--line); padding: .5rem 1rem; }
h1 { font-size: 1.15rem; margin: 0 0 .25rem; word-break: break-word; }
h2 { font-size: 1rem; margin: 1.5rem 1rem .5rem; word-break: break-word; }
section.catalog > .summary { margin: 0 1rem .5rem; }
.summary, #shown { margin: .25rem 0; color: var(--muted); font-size: .9rem; }
form.filters { display: flex; flex-wrap: wrap; gap: .25rem 1rem; align-items: center;
  font-size: .9rem; }
form.filters fieldset { border: 0; padding: 0; margin: 0; display: flex; flex-wrap: wrap;
  gap: .25rem .75rem; align-items: center; }
form.filters legend { float: left; font-weight: 600; margin-right: .25rem; }
form.filters label { white-space: nowrap; min-height: 2rem; display: inline-flex;
  align-items: center; gap: .25rem; }
form.filters select { font: inherit; min-height: 2rem; max-width: 100%; }
body.nojs form.filters { display: none; }
.grid { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) minmax(12rem, .8fr);
  margin: 0 1rem; border-top: 1px solid var(--line); }
.grid > .head { font-weight: 600; color: var(--muted); font-size: .85rem; padding: .4rem .5rem;
  border-bottom: 1px solid var(--line); }
.entry { display: contents; }
.entry > div { padding: .5rem; border-bottom: 1px solid var(--line); min-width: 0; }
.entry[hidden] { display: none; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
.entry > div::before { display: none; content: attr(data-label); font-size: .75rem;
  color: var(--muted); font-weight: 600; }
.entry.fuzzy > .src { box-shadow: inset 4px 0 0 #d4a72c; }
.entry.untranslated > .src { box-shadow: inset 4px 0 0 #cf222e; }
.entry.untranslated > .tgt { background: #fff1f0; }
.empty { color: var(--muted); font-style: italic; }
.meta { font-size: .85rem; }
.id { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .8rem;
  color: var(--muted); overflow-wrap: anywhere; }
.state { display: inline-block; border-radius: 1rem; padding: 0 .5rem; font-size: .8rem;
  font-weight: 600; border: 1px solid currentColor; }
.state.translated { color: #1a7f37; } .state.fuzzy { color: var(--warning); }
.state.untranslated { color: var(--error); }
ul.findings, ul.enforced { list-style: none; margin: .25rem 0; padding: 0; }
ul.findings li, ul.enforced li { margin: .2rem 0; overflow-wrap: anywhere; }
.sev { font-weight: 700; text-transform: uppercase; font-size: .7rem; letter-spacing: .03em; }
.sev-error .sev { color: var(--error); } .sev-warning .sev { color: var(--warning); }
.sev-info .sev { color: var(--info); }
code { font-size: .8rem; background: #eff1f3; padding: 0 .2rem; border-radius: .2rem; }
del { background: var(--wrong); } ins { background: #dafbe1; text-decoration: none; }
.previous, .note { color: var(--muted); font-size: .85rem; margin: .25rem 0;
  overflow-wrap: anywhere; }
mark.term { background: var(--term); border-radius: .15rem; cursor: help; position: relative;
  color: inherit; }
mark.term.wrong { background: var(--wrong); text-decoration: underline wavy var(--error); }
mark.term:focus { outline: 2px solid #0969da; }
mark.term:focus::after, mark.term.open::after { content: attr(data-official);
  position: absolute; left: 0; top: 100%; z-index: 3; width: max-content; max-width: 16rem;
  white-space: normal; background: #1f2328; color: #fff; font-size: .8rem; padding: .25rem .5rem;
  border-radius: .3rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
.index { margin: 1rem; padding: 0; list-style: none; }
.index li { margin: .5rem 0; }
@media (max-width: 600px) {
  .grid { grid-template-columns: minmax(0, 1fr); margin: 0 .5rem; }
  .grid > .head { display: none; }
  .entry > div { border-bottom: 0; padding: .25rem .5rem; }
  .entry > div::before { display: block; }
  .entry > .notes { border-bottom: 2px solid var(--line); padding-bottom: .75rem; }
  .entry.fuzzy > div { box-shadow: inset 4px 0 0 #d4a72c; }
  .entry.untranslated > div { box-shadow: inset 4px 0 0 #cf222e; }
  header.top { position: static; }
  h2 { margin: 1rem .5rem .5rem; }
}
"""

SCRIPT = """
(function () {
  var body = document.body;
  body.classList.remove('nojs');
  var form = document.getElementById('filters');
  var rows = Array.prototype.slice.call(document.querySelectorAll('.entry'));
  var states = Array.prototype.slice.call(form.querySelectorAll('input[name=state]'));
  var check = form.querySelector('select[name=check]');
  var shown = document.getElementById('shown');
  function checkedStates() {
    return states.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
  }
  function fromHash() {
    var params = {};
    location.hash.replace(/^#/, '').split('&').forEach(function (pair) {
      var i = pair.indexOf('=');
      if (i > 0) {
        params[decodeURIComponent(pair.slice(0, i))] = decodeURIComponent(pair.slice(i + 1));
      }
    });
    if (params.state !== undefined) {
      var wanted = params.state.split(',');
      states.forEach(function (box) { box.checked = wanted.indexOf(box.value) >= 0; });
    }
    if (params.check !== undefined) {
      var known = Array.prototype.some.call(check.options, function (o) {
        return o.value === params.check;
      });
      check.value = known ? params.check : '';
    }
  }
  function toHash() {
    var chosen = checkedStates();
    var parts = [];
    if (chosen.length !== states.length) { parts.push('state=' + chosen.join(',')); }
    if (check.value) { parts.push('check=' + encodeURIComponent(check.value)); }
    var address = parts.length ? '#' + parts.join('&') : location.pathname + location.search;
    if (history.replaceState) { history.replaceState(null, '', address); }
  }
  function apply() {
    var chosen = {};
    states.forEach(function (b) { chosen[b.value] = b.checked; });
    var wanted = check.value, count = 0;
    rows.forEach(function (row) {
      var checks = (row.getAttribute('data-checks') || '').split(' ').filter(Boolean);
      var ok = chosen[row.getAttribute('data-state')] &&
        (wanted === '' || (wanted === '*' ? checks.length > 0 :
          wanted === '-' ? checks.length === 0 : checks.indexOf(wanted) >= 0));
      row.hidden = !ok;
      if (ok) { count += 1; }
    });
    document.querySelectorAll('section.catalog').forEach(function (section) {
      section.hidden = section.querySelector('.entry:not([hidden])') === null;
    });
    body.setAttribute('data-shown', String(count));
    body.setAttribute('data-filter', checkedStates().join(',') + '|' + wanted);
    shown.textContent = count + ' of ' + rows.length + ' entries shown';
  }
  form.addEventListener('change', function () { apply(); toHash(); });
  window.addEventListener('hashchange', function () { fromHash(); apply(); });
  document.addEventListener('click', function (event) {
    var target = event.target;
    document.querySelectorAll('mark.term.open').forEach(function (m) {
      if (m !== target) { m.classList.remove('open'); }
    });
    if (target && target.matches && target.matches('mark.term')) {
      target.classList.toggle('open');
    }
  });
  function layout() {
    // How many columns the grid shows at this width: 3 side by side, 1 stacked on a phone.
    var grid = document.querySelector('.grid');
    var columns = grid ? getComputedStyle(grid).gridTemplateColumns.split(' ').length : 0;
    body.setAttribute('data-columns', String(columns));
  }
  window.addEventListener('resize', layout);
  fromHash();
  apply();
  layout();
  body.setAttribute('data-ready', '1');
})();
"""


def _attr(value: str) -> str:
    return escape(value, quote=True)


def _marked(text: str, hits: Sequence[TermHit], language: str) -> str:
    """*text* escaped, with each glossary hit as a ``<mark>`` naming its official form."""
    parts, last = [], 0
    for hit in sorted(hits, key=lambda h: h.start):
        if hit.start < last:
            continue
        title = hit.describe(language)
        classes = "term wrong" if hit.wrong else "term"
        parts.append(escape(text[last : hit.start]))
        parts.append(
            f'<mark class="{classes}" tabindex="0" title="{_attr(title)}" '
            f'data-concept="{_attr(hit.concept)}" data-official="{_attr(title)}">'
            f"{escape(text[hit.start : hit.end])}</mark>"
        )
        last = hit.end
    parts.append(escape(text[last:]))
    return "".join(parts)


def _anchor(review: ReviewCatalog, entry: ReviewEntry, index: int) -> str:
    base = "-".join(entry.segments) or f"line-{entry.line or index}"
    stem = review.path.rsplit("/", 1)[-1].removesuffix(".po")
    return "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in f"{stem}--{base}")


def _entry_html(review: ReviewCatalog, entry: ReviewEntry, index: int) -> str:
    checks = " ".join(dict.fromkeys(f.check for f in entry.shown_findings))
    worst = entry.worst.label if entry.worst is not None else "none"
    source_name = language_name(review.source_language)
    target_name = language_name(review.language)
    target = (
        _marked(entry.target, entry.target_terms, review.language)
        if entry.target
        else '<span class="empty">no translation yet</span>'
    )
    source = _marked(entry.source, entry.source_terms, review.language)
    notes: list[str] = [
        f'<div class="meta"><span class="state {entry.state.value}">{entry.state.value}</span> '
        f'<span class="id">{escape(entry.label)} · line {entry.line or "?"}</span></div>'
    ]
    if entry.shown_findings:
        items = "".join(
            f'<li class="sev-{f.severity.label}"><span class="sev">{f.severity.label}</span> '
            f"<code>{escape(f.check)}</code> {escape(f.message)}</li>"
            for f in entry.shown_findings
        )
        notes.append(f'<ul class="findings">{items}</ul>')
    if entry.enforcement:
        items = "".join(
            f'<li><code>{escape(r.concept)}</code> <del lang="{_attr(review.language)}">'
            f'{escape(r.old or "∅")}</del> → <ins lang="{_attr(review.language)}">'
            f"{escape(r.new or '∅')}</ins></li>"
            for r in entry.enforcement
        )
        notes.append(
            f'<p class="note">Glossary enforcement changed:</p><ul class="enforced">{items}</ul>'
        )
    if entry.previous_source is not None:
        notes.append(
            f'<p class="previous">Previous source: <span lang="{_attr(review.source_language)}">'
            f"{escape(entry.previous_source)}</span></p>"
        )
    notes.extend(f'<p class="note">Note: {escape(note)}</p>' for note in entry.notes)
    return (
        f'<div class="entry {entry.state.value}" id="{_attr(_anchor(review, entry, index))}" '
        f'data-state="{entry.state.value}" data-checks="{_attr(checks)}" '
        f'data-severity="{worst}">'
        f'<div class="text src" lang="{_attr(review.source_language)}" '
        f'data-label="{_attr(source_name)}">{source}</div>'
        f'<div class="text tgt" lang="{_attr(review.language)}" '
        f'data-label="{_attr(target_name)}">{target}</div>'
        f'<div class="notes" data-label="State and findings">{"".join(notes)}</div>'
        "</div>"
    )


def _section(review: ReviewCatalog, entries: Sequence[ReviewEntry]) -> str:
    counts = review.counts
    source_name = language_name(review.source_language)
    target_name = language_name(review.language)
    rows = "\n".join(_entry_html(review, e, i) for i, e in enumerate(entries, start=1))
    return (
        f'<section class="catalog" data-path="{_attr(review.path)}">'
        f"<h2>{escape(review.path)}</h2>"
        f'<p class="summary">{counts.total} entries: {counts.translated} translated, '
        f"{counts.fuzzy} fuzzy, {counts.untranslated} untranslated</p>"
        '<div class="grid">'
        f'<div class="head">Source: {escape(source_name)}</div>'
        f'<div class="head">Translation: {escape(target_name)}</div>'
        '<div class="head">State and findings</div>'
        f"\n{rows}\n</div></section>"
    )


def _filters(entries: Sequence[ReviewEntry]) -> str:
    states = []
    for state in EntryState:
        count = sum(1 for e in entries if e.state is state)
        states.append(
            f'<label><input type="checkbox" name="state" value="{state.value}" checked> '
            f"{state.value} ({count})</label>"
        )
    checks: dict[str, int] = {}
    for entry in entries:
        for name in dict.fromkeys(f.check for f in entry.shown_findings):
            checks[name] = checks.get(name, 0) + 1
    with_findings = sum(1 for e in entries if e.shown_findings)
    options = [
        '<option value="">all entries</option>',
        f'<option value="*">with findings ({with_findings})</option>',
        f'<option value="-">without findings ({len(entries) - with_findings})</option>',
        *(
            f'<option value="{_attr(name)}">{escape(name)} ({count})</option>'
            for name, count in sorted(checks.items())
        ),
    ]
    return (
        '<form class="filters" id="filters" onsubmit="return false">'
        f"<fieldset><legend>State</legend>{''.join(states)}</fieldset>"
        '<fieldset><legend>Findings</legend><label><span class="visually-hidden">check</span>'
        f'<select name="check">{"".join(options)}</select></label></fieldset>'
        "</form>"
    )


def _page(title: str, body: str, *, script: bool) -> str:
    code = f"<script>{SCRIPT}</script>" if script else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n"
        f'<body class="nojs">\n{body}\n{code}\n</body>\n</html>\n'
    )


def render_report(
    reviews: Sequence[ReviewCatalog],
    entries: Sequence[Sequence[ReviewEntry]] | None = None,
    *,
    title: str | None = None,
) -> str:
    """One page for *reviews*; *entries* (one sequence per catalog) limits the rows shown."""
    chosen = [list(r.entries) for r in reviews] if entries is None else [list(e) for e in entries]
    everything = [e for group in chosen for e in group]
    heading = title or (
        f"Review: {reviews[0].path}" if len(reviews) == 1 else f"Review of {len(reviews)} catalogs"
    )
    findings = sum(len(e.shown_findings) for e in everything)
    header = (
        '<header class="top">'
        f"<h1>{escape(heading)}</h1>"
        f'<p class="summary">{len(everything)} entries, {findings} findings. '
        "Glossary terms are marked; hover or tap one for its official form.</p>"
        f"{_filters(everything)}"
        f'<p id="shown" aria-live="polite">{len(everything)} entries</p>'
        "</header>"
    )
    sections = "\n".join(_section(r, group) for r, group in zip(reviews, chosen, strict=True))
    return _page(heading, f"{header}\n<main>\n{sections}\n</main>", script=True)


def render_index(reviews: Sequence[ReviewCatalog], files: Sequence[str], title: str) -> str:
    """A page linking the per-catalog pages (*files*: their names, relative to the index)."""
    items = []
    for review, name in zip(reviews, files, strict=True):
        counts = review.counts
        findings = sum(len(e.shown_findings) for e in review.entries)
        items.append(
            f'<li><a href="{_attr(name)}">{escape(review.path)}</a> '
            f'<span class="summary">({escape(review.language)}): {counts.total} entries, '
            f"{counts.translated} translated, {counts.fuzzy} fuzzy, "
            f"{counts.untranslated} untranslated; {findings} findings</span></li>"
        )
    body = (
        f'<header class="top"><h1>{escape(title)}</h1></header>'
        f'<main><ul class="index">{"".join(items)}</ul></main>'
    )
    return _page(title, body, script=False)
