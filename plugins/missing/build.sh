#!/bin/sh
# Packs the missing-values plugin and the Python SDK into one executable
# file, OUT (e.g. bin/openml-dash-plugin-missing): a zip archive that
# python3 runs (python3 -m zipapp), to drop into any plugins folder. Named
# openml-dash-plugin-missing.pyz (as in the Windows package), it is started
# by a Python interpreter openml-dash finds, and the #! line is ignored.
set -eu
out=${1:?usage: build.sh OUT}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
python=${PYTHON:-/usr/bin/python3}
# The interpreter line of the result: the python3 on PATH, unless that one
# lacks grpcio and $python (what make build checked) has it; then $python,
# so that each start does not begin in an interpreter that hands over to
# another (a pyenv shim alone costs about 0.5 s). PLUGIN_SHEBANG overrides.
shebang=${PLUGIN_SHEBANG:-}
if [ -z "$shebang" ]; then
  shebang="/usr/bin/env python3"
  if ! env python3 -c 'import grpc' 2>/dev/null && "$python" -c 'import grpc' 2>/dev/null; then
    shebang=$python
  fi
fi
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp "$here/__main__.py" "$stage/"
mkdir "$stage/missing" "$stage/openml_dash"
cp "$here"/missing/*.py "$stage/missing/"
cp -R "$root/sdk/python/openml_dash/." "$stage/openml_dash/"
find "$stage" -name __pycache__ -prune -exec rm -rf {} +
mkdir -p "$(dirname "$out")"
"$python" -m zipapp "$stage" -p "$shebang" -o "$out.tmp"
chmod 755 "$out.tmp"
mv "$out.tmp" "$out"
