#!/bin/sh
# Generates the Python stubs of the plugin protocol: sdk/proto/dashboard.proto
# and go-plugin's broker, controller and stdio services (sdk/python/proto),
# into OUT (default: the SDK's openml_dash/_proto). `make proto` writes them
# there; `make proto-check` writes them to a temporary folder and compares.
#
# Needs protoc and grpc_python_plugin (Debian: protobuf-compiler and
# protobuf-compiler-grpc). The stubs suit the python3-protobuf 3.21 runtime
# (Python module version 4.21) and later.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-$here/openml_dash/_proto}
grpc_plugin=$(command -v grpc_python_plugin) || {
	echo "genproto.sh: grpc_python_plugin not found: apt-get install protobuf-compiler-grpc" >&2
	exit 1
}
mkdir -p "$out"
protoc -I "$root/sdk/proto" -I "$here/proto" \
	--plugin=protoc-gen-grpc_python="$grpc_plugin" \
	--python_out="$out" --grpc_python_out="$out" \
	dashboard.proto grpc_broker.proto grpc_controller.proto grpc_stdio.proto
# The generators import sibling stubs as top-level modules; inside a
# package they must be relative.
for f in "$out"/*_pb2.py "$out"/*_pb2_grpc.py; do
	sed 's/^import \([A-Za-z0-9_]*_pb2\) as /from . import \1 as /' "$f" >"$f.tmp"
	mv "$f.tmp" "$f"
done
