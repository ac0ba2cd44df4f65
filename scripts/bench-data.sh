#!/usr/bin/env bash
# Times the data page side by side: the Go pipeline (plugins/data/datapage
# benchmarks) and the Python Dash pipeline (../shared/bench/dash_reference.py)
# on the same synthetic ARFF files (10k, 100k and 1M rows x 20 numeric +
# 5 nominal + class, made by ../shared/bench/gen_arff.py), plus the Go
# pipeline's peak memory at 1M rows.
# usage: scripts/bench-data.sh [sizes...]   (default: 10k 100k 1m)
set -euo pipefail
cd "$(dirname "$0")/.."
# make build's flags, also when run outside make.
export GOFLAGS="$(make -s --no-print-directory goflags)"
bench=${OPENML_DASH_BENCH_SCRIPTS:-../shared/bench}
dir=out/bench
mkdir -p "$dir"
sizes=("${@:-10k}")
[ $# -gt 0 ] || sizes=(10k 100k 1m)
rows() { case $1 in 10k) echo 10000 ;; 100k) echo 100000 ;; 1m) echo 1000000 ;; *) echo "unknown size $1" >&2; exit 2 ;; esac; }

py=/usr/bin/python3
if ! $py -c 'import pandas, sklearn, plotly, scipy, arff' 2>/dev/null; then
  echo "the Python side needs Debian's python3-pandas python3-sklearn python3-plotly python3-scipy python3-liac-arff" >&2
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      python3-pandas python3-sklearn python3-plotly python3-scipy python3-liac-arff >/dev/null
  else
    exit 1
  fi
fi

for s in "${sizes[@]}"; do
  f=$dir/syn$s.arff
  [ -f "$f" ] || { echo "generating $f" >&2; $py "$bench/gen_arff.py" "$(rows "$s")" 20 5 "$f"; }
done

make -s build >/dev/null
go test -c -o bin/datapage.test ./plugins/data/datapage
echo "== Go (seconds per phase; table-ready = parse + feature table)"
for s in "${sizes[@]}"; do
  OPENML_DASH_BENCH_DIR=$PWD/$dir /usr/bin/time -f "   peak memory %M KiB" bin/datapage.test \
    -test.run '^$' -test.bench "DataPage/$s\$" -test.benchtime 3x 2>&1 | grep -E '^Benchmark|peak'
done
# Side by side, what a user waits for: the whole page as render builds it
# (plugins started, file read, every callback, every tab and chart drawn
# and exported) against the Python pipeline's whole process (interpreter
# start-up, compute and figure serialisation; no drawing, which favours
# it), with the ratio.
make -s build >/dev/null
# The reference pipeline is the core data page, so the like-for-like figure
# renders with the Go plugins only: an app folder of links to bin/'s app
# and compiled plugins (the app always looks beside itself for plugins).
# The page as installed also has the Python plugin's Missing values tab,
# timed beside it.
core=$dir/core-app
rm -rf "$core" && mkdir -p "$core"
for f in bin/openml-dash bin/openml-dash-plugin-*; do
  head -c 4 "$f" | grep -q ELF && ln "$f" "$core/"
done
# A fresh build is new to the plugin manifest cache, so its first page
# starts every plugin; a user meets that once after installing. Learn the
# manifests before timing.
for app in "$core/openml-dash" bin/openml-dash; do
  "$app" render demo --out "$dir/render-warmup" >/dev/null 2>&1 || true
done
# median N cmd...: the median wall time of N runs (exit status ignored:
# the start-up floor's render fails by design).
median() {
  local n=$1; shift
  : >"$tf"
  for _ in $(seq "$n"); do /usr/bin/time -a -o "$tf" -f '%e' "$@" >/dev/null 2>&1 || true; done
  grep -E '^[0-9.]+$' "$tf" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
tf=$dir/time.txt
# The demo page (12 rows, 7 tabs) against the start-up floor: a render of
# an id the (empty) mirror lacks, which starts the data plugin, asks for
# the dataset and stops. What the page adds to that is its own work.
empty=$dir/empty-mirror
mkdir -p "$empty"
demo=$(median 9 "$core/openml-dash" render demo --out "$dir/render-demo")
floor=$(median 9 "$core/openml-dash" render d/999999999 --mirror "$empty" --out "$dir/render-floor")
demo_all=$(median 9 bin/openml-dash render demo --out "$dir/render-demo-all")
echo "== the demo page against the start-up floor (seconds, median of 9)"
awk -v d="$demo" -v f="$floor" -v a="$demo_all" 'BEGIN { printf "demo %s, floor %s: %.1fx the floor; with the Python tab %s\n", d, f, d / f, a }'
echo "== whole page, side by side (seconds)"
# Each size's first render comes right after the Python pipeline: on a
# virtual machine, memory a process touches first is much slower once
# the machine has had it back ("cold"), as after a few idle seconds; then
# three renders back to back ("again", their median), as when a page is
# rendered or opened a second time.
# /usr/bin/time's peak is the largest of the app's processes (the host and
# the plugins it waited for), which at 1M rows is the data plugin's; the
# sum of all their peaks is what make bench-clicks reports.
printf '%-6s %8s %8s %10s %8s %8s  %-22s %s\n' size first again python "ratio 1st" again "largest process peak" "with the Python tab"
for s in "${sizes[@]}"; do
  phases=$(/usr/bin/time -o "$tf" -f '%e' $py "$bench/dash_reference.py" "$dir/syn$s.arff" class 2>/dev/null)
  read -r py_s <"$tf"
  /usr/bin/time -o "$tf" -f '%e %M' "$core/openml-dash" render "$dir/syn$s.arff" --out "$dir/render-$s" >/dev/null 2>&1
  read -r go_s go_kb <"$tf"
  again=$(median 3 "$core/openml-dash" render "$dir/syn$s.arff" --out "$dir/render-$s")
  all_s=$(median 3 bin/openml-dash render "$dir/syn$s.arff" --out "$dir/render-$s-all")
  awk -v s="$s" -v g="$go_s" -v w="$again" -v p="$py_s" -v m="$go_kb" -v a="$all_s" \
    'BEGIN { printf "%-6s %8s %8s %10s %7.1fx %7.1fx  %-22s %s\n", s, g, w, p, p / g, p / w, sprintf("%d MB", m / 1024), a }'
  echo "       python phases: $phases"
done
