#!/usr/bin/env bash
# Window smoke test: start the real app under Xvfb on dataset 61 (from the
# OpenML recordings when present, else the built-in demo), take a screenshot
# of the screen and check that the window drew a page, not a blank frame.
# usage: smoke.sh BIN/openml-dash OUT.png
set -euo pipefail
app=$1 out=$2
mkdir -p "$(dirname "$out")"
recs=${OPENML_DASH_RECORDINGS:-$(cd "$(dirname "$0")/.." && pwd)/../shared/openml}
if [ -d "$recs/www" ]; then
  page=(--mirror "$recs/www" https://www.openml.org/d/61)
elif [ "${CI:-}" = true ]; then
  echo "smoke: OpenML recordings not found at $recs: CI must have them" >&2; exit 1
else
  echo "smoke: recordings not found at $recs; using the built-in demo" >&2
  page=(demo)
fi
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
log=$(mktemp)
cleanup() { kill "${appid:-}" "$xvfb" 2>/dev/null || true; rm -f "$log"; }
trap cleanup EXIT
export DISPLAY=$display
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
"$app" "${page[@]}" >"$log" 2>&1 &
appid=$!
# Wait for the window, then for the page (plugins start, layout, callbacks).
for _ in $(seq 100); do
  xdotool search --name 'openml-dash' >/dev/null 2>&1 && break
  kill -0 "$appid" 2>/dev/null || { echo "smoke: the app exited early:" >&2; cat "$log" >&2; exit 1; }
  sleep 0.2
done
xdotool search --name 'openml-dash' >/dev/null || { echo "smoke: no window appeared" >&2; cat "$log" >&2; exit 1; }
sleep 4
kill -0 "$appid" 2>/dev/null || { echo "smoke: the app died:" >&2; cat "$log" >&2; exit 1; }
import -window root "$out"
# A blank frame has one or two colours; a drawn page has text, tabs and a table.
colours=$(convert "$out" -format '%k' info:)
stddev=$(convert "$out" -colorspace gray -format '%[fx:standard_deviation]' info:)
echo "smoke: screenshot $out: $colours colours, grey stddev $stddev"
if [ "$colours" -lt 16 ]; then
  echo "smoke: the window looks blank" >&2; cat "$log" >&2; exit 1
fi
