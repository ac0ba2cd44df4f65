#!/usr/bin/env bash
# Times the data page's clicks through the real plugin processes (an input
# set, its callbacks run, their patches applied) on a synthetic ARFF file
# (default 1M rows x 20 numeric + 5 nominal + class, made by
# ../shared/bench/gen_arff.py), and the host's and plugins' peak memory.
# usage: scripts/bench-clicks.sh [rows]
set -euo pipefail
cd "$(dirname "$0")/.."
# make build's flags, also when run outside make.
export GOFLAGS="$(make -s --no-print-directory goflags)"
bench=${OPENML_DASH_BENCH_SCRIPTS:-../shared/bench}
rows=${1:-1000000}
dir=out/bench
mkdir -p "$dir"
f=$dir/clicks-$rows.arff
[ -f "$f" ] || { echo "generating $f" >&2; /usr/bin/python3 "$bench/gen_arff.py" "$rows" 20 5 "$f"; }
OPENML_DASH_CLICK_FILE=$PWD/$f go test ./cmd/openml-dash -run '^$' -bench Click -benchtime 5x -v 2>&1 |
  grep -E '^(Benchmark.*ns/op|    click_bench_test)' | sed 's/^ *click_bench_test.go:[0-9]*: /  /'
