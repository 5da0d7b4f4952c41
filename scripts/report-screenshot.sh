#!/usr/bin/env bash
# Opens a `cmbench report` HTML file in headless Chromium (from disk, no network), checks
# that the page's script ran and rendered what a reader needs, and takes a screenshot.
#
#   scripts/report-screenshot.sh REPORT.html OUT.png
#
# Fails (exit 1) unless, in the DOM after the script ran: the summary tables are there, every
# chart figure of the file holds an inline <svg> (at least $MIN_CHARTS of them, default 0),
# the episode list has rows and its count says "N of N episodes" with N the embedded
# episodes, and report.html#episode=0 opens that episode's detail; and the PNG exists, is
# 1600 pixels wide, and is not blank (many distinct bytes in its decoded pixels). Exit 2 on bad usage or a missing Chromium.
set -euo pipefail
if [[ $# -ne 2 ]]; then
  echo "usage: $0 REPORT.html OUT.png" >&2
  exit 2
fi
html="$1"
png="$2"
chromium="${CHROMIUM:-/usr/bin/chromium}"
min_charts="${MIN_CHARTS:-0}"
if [[ ! -x "$chromium" ]]; then
  echo "error: $chromium not found (Debian: apt-get install -y chromium)" >&2
  exit 2
fi
if [[ ! -f "$html" ]]; then
  echo "error: $html: no such file" >&2
  exit 2
fi
fail() {
  echo "report-screenshot: $html: $*" >&2
  exit 1
}

profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
url="file://$(realpath "$html")"
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --user-data-dir="$profile" --hide-scrollbars --virtual-time-budget=10000)

dom="$(timeout 180 "$chromium" "${flags[@]}" --dump-dom "$url" 2>"$profile/dom.err")" ||
  fail "chromium --dump-dom failed: $(tail -5 "$profile/dom.err")"

count() { { grep -o -- "$1" <<<"$2" || true; } | wc -l; }
ready="$(grep -o 'data-ready="[0-9]*"' <<<"$dom" | head -1 | tr -dc 0-9 || true)"
[[ -n "$ready" ]] || fail "the page's script did not finish (no data-ready on <body>)"
[[ "$ready" -gt 0 ]] || fail "the report embeds no episodes"
tables="$(count '<table class="summary"' "$dom")"
[[ "$tables" -ge 3 ]] || fail "expected the summary tables, found $tables"
rows="$(count '<tr class="episode ' "$dom")"
expected_rows=$((ready < 200 ? ready : 200))
[[ "$rows" -eq "$expected_rows" ]] || fail "the episode list shows $rows rows, expected $expected_rows"
grep -q "id=\"episode-count\">$ready of $ready episodes" <<<"$dom" ||
  fail "the episode count does not read '$ready of $ready episodes'"
figures="$(grep -c '<figure class="chart"' "$html" || true)"
svgs="$(count '<figure class="chart"[^>]*><figcaption>[^<]*</figcaption><svg' "$dom")"
[[ "$svgs" -eq "$figures" ]] || fail "$figures chart figures in the file, $svgs with an inline <svg> in the DOM"
[[ "$svgs" -ge "$min_charts" ]] || fail "$svgs charts, expected at least $min_charts"

detail="$(timeout 180 "$chromium" "${flags[@]}" --dump-dom "$url#episode=0" 2>"$profile/detail.err")" ||
  fail "chromium --dump-dom of $url#episode=0 failed: $(tail -5 "$profile/detail.err")"
grep -q '<div id="episode-detail" class="detail"><h3>[^<]* · trial [0-9]*</h3><dl>' <<<"$detail" ||
  fail "#episode=0 did not open the first episode's detail"
grep -q '<div class="label">final answer</div>' <<<"$detail" || fail "the episode detail lacks the final answer"

rm -f "$png"
timeout 180 "$chromium" "${flags[@]}" --window-size=1600,2000 --screenshot="$png" "$url" \
  >"$profile/shot.out" 2>&1 || fail "chromium --screenshot failed: $(tail -5 "$profile/shot.out")"
[[ -s "$png" ]] || fail "no screenshot written to $png"
python3 - "$png" <<'PY' || fail "the screenshot $png looks wrong"
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
if data[:8] != b"\x89PNG\r\n\x1a\n":
    sys.exit(f"{sys.argv[1]}: not a PNG")
width, height = struct.unpack(">II", data[16:24])
pos, idat = 8, b""
while pos < len(data):
    n = struct.unpack(">I", data[pos:pos + 4])[0]
    kind = data[pos + 4:pos + 8]
    if kind == b"IDAT":
        idat += data[pos + 8:pos + 8 + n]
    pos += 12 + n
pixels = zlib.decompress(idat)
distinct = len(set(pixels))
print(f"screenshot {sys.argv[1]}: {width}x{height}, {len(data)} bytes, {distinct} distinct byte values")
if width != 1600 or height < 600:
    sys.exit(f"unexpected size {width}x{height}")
if distinct < 32:
    sys.exit("the screenshot is blank or nearly so")
PY
echo "report-screenshot: $html: $tables tables, $svgs charts, $rows episode rows; screenshot $png"
