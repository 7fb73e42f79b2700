#!/usr/bin/env bash
# One command from a clean clone to a working development environment:
#   GNU gettext and Chromium (both used by the tests), a virtualenv in .venv,
#   and the toolkit installed editable with its dev tools.
set -euo pipefail
cd "$(dirname "$0")/.."

started=$SECONDS
# One line on stderr per step, so that a minute of downloading is never a minute of silence.
step() { echo "setup: $*" >&2; }

# System packages the tests need: GNU gettext (msgfmt validates every catalog) and a headless
# Chromium (the HTML review report is tested in a real browser).
missing=()
command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if [ "${#missing[@]}" -gt 0 ]; then
    step "1/4 system packages: installing ${missing[*]} with apt-get"
    sudo_cmd=""
    [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
else
    step "1/4 system packages: gettext and chromium are installed"
fi

python=${PYTHON:-python3}
if [ -x .venv/bin/python ]; then
    step "2/4 virtualenv: using .venv ($(.venv/bin/python --version))"
else
    step "2/4 virtualenv: creating .venv with $("$python" --version)"
    "$python" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
# argostranslate needs torch (through stanza) although the toolkit never runs it; the CPU
# build is a tenth of the size of the default CUDA one.
# requirements.lock pins every package to the versions the suite was last run green with: a
# newer Babel, for one, writes the Russian Plural-Forms differently from the shipped catalogs.
step "3/4 torch 2.13.0 (argostranslate needs it; the toolkit never runs it): the largest download"
.venv/bin/python -m pip install -q -c requirements.lock "torch==2.13.0"
step "4/4 the toolkit (editable) with its dependencies and dev tools, pinned by requirements.lock"
.venv/bin/python -m pip install -q -c requirements.lock -e '.[dev]'
step "done in $((SECONDS - started)) s; run the tests with: .venv/bin/python -m pytest"
