#!/usr/bin/env bash
# Window walk: the real app under Xvfb, driven with xdotool as a person
# would. Opens several pages, uses the keyboard shortcuts, scrolls a page
# past a table with the wheel, hovers a scatter point, resizes the window,
# quits and restarts, and saves a screenshot of each step under OUT_DIR.
# Each step checks what it can without eyes (the window's title names the
# page; a scroll or a hover changes the picture); look at the PNGs too.
# usage: smoke.sh BIN/openml-dash OUT_DIR
set -euo pipefail
app=$1 out=$2
mkdir -p "$out"
rm -f "$out"/*.png
recs=${OPENML_DASH_RECORDINGS:-$(cd "$(dirname "$0")/.." && pwd)/../shared/openml}
if [ -d "$recs/www" ]; then
  first=(--mirror "$recs/www" r/539275) firstTitle="Run 539275" mirror=1
elif [ "${CI:-}" = true ]; then
  echo "smoke: OpenML recordings not found at $recs: CI must have them" >&2; exit 1
else
  echo "smoke: recordings not found at $recs; walking the built-in demo only" >&2
  first=(demo) firstTitle="demo-flowers" mirror=0
fi

W=1200 H=800
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 ${W}x${H}x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
home=$(mktemp -d) log=$out/app.log
cleanup() { kill "${appid:-}" "$xvfb" 2>/dev/null || true; rm -rf "$home"; }
trap cleanup EXIT
export DISPLAY=$display
# A fresh home: no history or window size from an earlier run.
export HOME=$home XDG_CONFIG_HOME=$home/.config XDG_CACHE_HOME=$home/.cache
mkdir -p "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

fail() { echo "smoke: $*" >&2; tail -n 30 "$log" >&2 || true; exit 1; }
start() {
  "$app" "$@" >>"$log" 2>&1 &
  appid=$!
  for _ in $(seq 100); do
    xdotool search --name 'openml-dash' >/dev/null 2>&1 && return 0
    kill -0 "$appid" 2>/dev/null || fail "the app exited early"
    sleep 0.2
  done
  fail "no window appeared"
}
title() { xdotool search --name 'openml-dash' getwindowname 2>/dev/null | head -n 1; }
# waitTitle TEXT: the window's title names the page once it opened.
waitTitle() {
  for _ in $(seq 150); do
    case "$(title)" in *"$1"*) sleep 1.5; return 0 ;; esac
    kill -0 "$appid" 2>/dev/null || fail "the app died waiting for '$1'"
    sleep 0.2
  done
  fail "the window's title never named '$1' (it says '$(title)')"
}
n=0
shot() { n=$((n + 1)); last=$(printf '%s/%02d-%s.png' "$out" "$n" "$1"); import -window root "$last"; echo "smoke: $last: $(title)"; }
# differs A B [GEOMETRY]: the two screenshots differ (in that region).
differs() {
  local a=$1 b=$2
  if [ -n "${3:-}" ]; then
    convert "$1" -crop "$3" +repage "$home/a.png"; convert "$2" -crop "$3" +repage "$home/b.png"
    a=$home/a.png b=$home/b.png
  fi
  local ae
  ae=$(compare -metric AE "$a" "$b" null: 2>&1 | cut -d' ' -f1) || true
  [ "$(printf '%.0f' "$ae" 2>/dev/null || echo 0)" -gt 50 ]
}
key() { xdotool key --clearmodifiers "$@"; sleep 0.3; }
wheelDown() { for _ in $(seq "$1"); do xdotool click 5; done; sleep 0.5; }

start "${first[@]}"
waitTitle "$firstTitle"
shot first-page
colours=$(convert "$last" -format '%k' info:)
[ "$colours" -ge 16 ] || fail "the window looks blank ($colours colours)"

if [ "$mirror" = 1 ]; then
  # Ctrl+L, type a page, Enter.
  key ctrl+l
  xdotool type --delay 20 "f/5270"; key Return
  waitTitle "mlr.classif.randomForest.filtered"
  shot flow-page
  before=$last
  # The wheel over the description scrolls the page; over the 37-row
  # Parameters table it scrolls the table to its end, then the page past it.
  xdotool mousemove 600 400; wheelDown 25
  shot scrolled
  differs "$before" "$last" || fail "the wheel did not scroll the page"
  xdotool mousemove 600 600; wheelDown 120
  shot past-the-table
  differs "$before" "$last" || fail "the wheel over the table did nothing"
  # Alt+Left and Alt+Right walk the history.
  key alt+Left
  waitTitle "Run 539275"
  shot back
  key alt+Right
  waitTitle "mlr.classif.randomForest.filtered"
  # Ctrl+R reloads.
  key ctrl+r
  waitTitle "mlr.classif.randomForest.filtered"
  # Two runs side by side.
  key ctrl+l
  xdotool type --delay 20 "r/539275,572944"; key Return
  waitTitle "Runs 539275 and 572944"
  shot runs-side-by-side
fi

# The demo's scatter plot: hover a point, a tooltip shows.
key ctrl+l
xdotool type --delay 20 "demo"; key Return
waitTitle "demo-flowers"
xdotool mousemove 540 133 click 1; sleep 1.5   # the "Scatter plot" tab
xdotool mousemove 900 700; sleep 0.3
shot scatter
before=$last
xdotool mousemove 1030 520; sleep 0.2; xdotool mousemove 1038 529; sleep 0.5
shot scatter-hover
differs "$before" "$last" 800x200+700+450 || fail "hovering a scatter point showed no tooltip"

# A small window.
xdotool search --name 'openml-dash' windowsize --sync 800 600 2>/dev/null || true
sleep 1.5
shot small-window

# Ctrl+Q quits; the next start with no URL reopens the last page.
key ctrl+q
for _ in $(seq 50); do kill -0 "$appid" 2>/dev/null || break; sleep 0.2; done
kill -0 "$appid" 2>/dev/null && fail "Ctrl+Q did not quit"
start "${first[@]:0:${#first[@]}-1}"
waitTitle "demo-flowers"
shot restart-reopens-last-page
width=$(xdotool search --name 'openml-dash' getwindowgeometry 2>/dev/null | sed -n 's/.*Geometry: \([0-9]*\)x.*/\1/p' | head -n 1)
[ "${width:-0}" -lt 1000 ] || fail "the window's size was not kept (width $width after a run at 800)"

if [ "$mirror" = 1 ] && [ -d "$recs/test" ]; then
  # A benchmark suite and a run study, from the test server's recordings.
  key ctrl+q
  for _ in $(seq 50); do kill -0 "$appid" 2>/dev/null || break; sleep 0.2; done
  start --mirror "$recs/test" --server https://test.openml.org/api/v1/xml https://test.openml.org/s/146
  waitTitle "Benchmark suite 146"
  shot benchmark-suite
  key ctrl+l
  xdotool type --delay 20 "https://test.openml.org/s/157"; key Return
  waitTitle "Study 157"
  shot run-study
fi

grep -q 'panic:' "$log" && fail "the app panicked"
echo "smoke: walked $n steps; screenshots in $out"
