#!/usr/bin/env bash
# Times what a window user waits for: from Enter in the URL bar to the
# frame that shows the page with every initial callback done (the app's
# "page shown" debug line, which a paint probe writes once that frame is
# drawn). Runs the real app under Xvfb at 1200x800 and opens PAGE several
# times: the first open reads the file cold, the rest find it cached.
# usage: bench-window.sh BIN/openml-dash PAGE [TIMES]   (e.g. out/bench/syn100k.arff)
set -euo pipefail
app=$1 page=$2 times=${3:-5}
display=:$((80 + RANDOM % 9))
Xvfb "$display" -screen 0 1200x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
home=$(mktemp -d) log=$(mktemp)
cleanup() { kill "${appid:-}" "$xvfb" 2>/dev/null || true; rm -rf "$home" "$log"; }
trap cleanup EXIT
export DISPLAY=$display HOME=$home XDG_CONFIG_HOME=$home/.config XDG_CACHE_HOME=$home/.cache
mkdir -p "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

"$app" --verbose demo >"$log" 2>&1 &
appid=$!
shown() { grep -c 'window: page shown' "$log" || true; }
# waitShown N: the Nth "page shown" line appears.
waitShown() {
  for _ in $(seq 600); do
    [ "$(shown)" -ge "$1" ] && return 0
    kill -0 "$appid" 2>/dev/null || { tail -n 20 "$log" >&2; echo "bench-window: the app exited" >&2; exit 1; }
    sleep 0.1
  done
  tail -n 15 "$log" >&2; echo "bench-window: no 'page shown' line after 60 s" >&2; exit 1
}
waitShown 1 # the demo: plugins started, fonts loaded, window up
sleep 1    # the window takes keys once it is mapped and focused
for i in $(seq "$times"); do
  # Click into the URL bar (it sits at the top of the 1200x800 window) as a
  # person would: keys sent before the window has the focus are lost.
  xdotool mousemove 600 55 click 1
  sleep 0.2
  xdotool key --clearmodifiers ctrl+a
  xdotool type --delay 5 "$page"
  xdotool key --clearmodifiers Return
  waitShown $((i + 1))
  sleep 0.5
done
grep 'window: page shown' "$log" | tail -n "$times" | sed 's/.*page=\([^ ]*\) took=\([^ ]*\).*/\1 \2/' |
  awk '{ printf "open %d (%s): %s\n", NR, NR == 1 ? "file read cold" : "file cached", $2 }'
