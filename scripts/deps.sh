#!/usr/bin/env bash
# Installs the Debian packages openml-dash needs when they are missing:
# Fyne's cgo build (X11/GL/Wayland headers) and, with --window, Xvfb and
# the screenshot tools for the window smoke test. Without root it prints the
# exact command to run instead. --proto: protoc and the gRPC Python generator
# for `make proto`. --python: what the Python plugins need to run (grpcio,
# protobuf, cryptography); --python-test: that and pandas, for their tests.
set -euo pipefail
pkgs=(gcc pkg-config libgl1-mesa-dev libx11-dev libxrandr-dev libxxf86vm-dev libxi-dev
  libxcursor-dev libxinerama-dev libwayland-dev libxkbcommon-dev)
case "${1:-}" in
  --window) pkgs=(xvfb imagemagick xdotool x11-utils) ;;
  --proto) pkgs=(protobuf-compiler protobuf-compiler-grpc) ;;
  --windows) pkgs=(gcc-mingw-w64-x86-64) ;;
  --python) pkgs=(python3 python3-grpcio python3-protobuf python3-cryptography) ;;
  --python-test) pkgs=(python3 python3-grpcio python3-protobuf python3-cryptography python3-pandas) ;;
esac
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    cmd="sudo $cmd"
  else
    echo "openml-dash needs these Debian packages: ${missing[*]}" >&2
    echo "install them with:  sudo apt-get update && sudo $cmd" >&2
    exit 1
  fi
fi
echo "installing ${missing[*]}" >&2
${cmd%%apt-get*}apt-get update -qq
DEBIAN_FRONTEND=noninteractive $cmd >/dev/null
