#!/usr/bin/env bash
# Installs Python's tiktoken (from PyPI, into a venv outside the clone) and checks that
# every surface's token count from `cmbench surface` equals tiktoken's, for the fixture
# specs and, when present, the real specs in ../shared/specs.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/cmbench-target}"
venv="${CMBENCH_VENV:-$HOME/.cache/cmbench-venv}"
if [[ ! -x "$venv/bin/python" ]] || ! "$venv/bin/python" -c 'import tiktoken' 2>/dev/null; then
  python3 -m venv "$venv"
  if ! "$venv/bin/pip" install --quiet --disable-pip-version-check 'tiktoken==0.14.0'; then
    echo "SKIPPED: could not install tiktoken from PyPI; token counts not cross-checked" >&2
    exit 0
  fi
fi
cargo build --quiet --locked --bin cmbench
specs=(harness/tests/fixtures/specs/*.json harness/tests/fixtures/specs/*.yaml)
if [[ -f ../shared/specs/cloudflare_openapi_2024-08-06.json ]]; then
  specs+=(../shared/specs/cloudflare_openapi_2024-08-06.json)
else
  echo "note: ../shared/specs not found; cross-checking the fixture specs only" >&2
fi
"$venv/bin/python" scripts/tiktoken-crosscheck.py "$CARGO_TARGET_DIR/debug/cmbench" "${specs[@]}"
