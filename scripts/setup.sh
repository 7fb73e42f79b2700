#!/usr/bin/env bash
# One command from a clean clone to a working development environment:
#   GNU gettext and Chromium (both used by the tests), a virtualenv in .venv,
#   and the toolkit installed editable with its dev tools.
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages the tests need: GNU gettext (msgfmt validates every catalog) and a headless
# Chromium (the HTML review report is tested in a real browser).
missing=()
command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if [ "${#missing[@]}" -gt 0 ]; then
    echo "setup: installing ${missing[*]}" >&2
    sudo_cmd=""
    [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
# argostranslate needs torch (through stanza) although the toolkit never runs it; the CPU
# build is a tenth of the size of the default CUDA one.
# requirements.lock pins every package to the versions the suite was last run green with: a
# newer Babel, for one, writes the Russian Plural-Forms differently from the shipped catalogs.
.venv/bin/python -m pip install -q -c requirements.lock "torch==2.13.0"
.venv/bin/python -m pip install -q -c requirements.lock -e '.[dev]'
echo "setup: done; run the tests with: .venv/bin/python -m pytest" >&2
