#!/usr/bin/env bash
# Packages openml-dash with its plugins beside it:
#   dist/openml-dash-<version>-linux-amd64.tar.xz   app, Go and Python plugins,
#       .desktop entry, icon, install notes
#   dist/openml-dash-<version>-windows-amd64.zip    openml-dash.exe (a GUI program:
#       no console window), every Go plugin as .exe, every Python plugin as
#       .pyz (run by the Python launcher, py.exe), install notes
# The version is FyneApp.toml's, the one place it is kept. Everything is built
# with the flags `make build` uses (no tags, cgo on for the app), so the
# packages hold what the tests ran; only the link differs (-X for the version,
# -H=windowsgui on Windows). `fyne package` is not used: it adds a build tag
# and rewrites FyneApp.toml. The tree is left unchanged; out/dist is scratch.
# usage: scripts/dist.sh [linux] [windows]   (default: both)
set -euo pipefail
cd "$(dirname "$0")/.."
# make build's flags, also when run outside make.
export GOFLAGS="$(make -s --no-print-directory goflags)"
targets=("${@:-linux}")
[ $# -gt 0 ] || targets=(linux windows)
version=$(sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml | head -n 1)
[ -n "$version" ] || { echo "dist: no Version in FyneApp.toml" >&2; exit 1; }
plugins=$(sed -n 's/^PLUGINS *:= *//p' Makefile)
py_plugins=$(sed -n 's/^PY_PLUGINS *:= *//p' Makefile)
ldflags="-X main.version=$version"
mkdir -p dist
scratch=out/dist
rm -rf "$scratch" && mkdir -p "$scratch"

# pe_subsystem prints a Windows program's subsystem from its PE header:
# 2 is a GUI program (no console window), 3 a console one.
pe_subsystem() {
  python3 - "$1" <<'EOF'
import struct, sys
b = open(sys.argv[1], "rb").read(4096)
pe = struct.unpack_from("<I", b, 0x3C)[0]
assert b[pe:pe + 4] == b"PE\0\0", "not a PE file"
assert struct.unpack_from("<H", b, pe + 4)[0] == 0x8664, "not x86-64"
print(struct.unpack_from("<H", b, pe + 24 + 68)[0])
EOF
}

install_notes() { # $1: system
  cat <<EOF
openml-dash $version ($1)

openml-dash opens OpenML datasets, tasks, flows, runs, studies and benchmark
suites from their URL (https://www.openml.org/d/61, d/61, ...) and shows their
dashboards. Its plugins are the openml-dash-plugin-* files beside it: keep
them in the same folder. More plugins can go in the per-user plugins folder
EOF
  case $1 in
    linux) cat <<'EOF'
(~/.config/openml-dash/plugins).

Install: unpack anywhere, e.g. ~/.local/opt/openml-dash, and run ./openml-dash
(or ./openml-dash demo). For the desktop menu, copy openml-dash.desktop to
~/.local/share/applications and openml-dash.png to
~/.local/share/icons/hicolor/256x256/apps, and set its Exec= line to where
openml-dash is. The app needs OpenGL and X11 or Wayland (Debian: libgl1,
libx11-6). The Missing values plugin is Python: it needs python3 with
python3-grpcio, python3-protobuf and python3-cryptography; without them the
other tabs work and that plugin says why it cannot start.
EOF
      ;;
    windows) cat <<'EOF'
(%AppData%\openml-dash\plugins).

Install: unzip anywhere, e.g. %LocalAppData%\Programs\openml-dash, and run
openml-dash.exe. The plugins start without console windows and end with the
app, even if it is killed.

The Missing values plugin, openml-dash-plugin-missing.pyz, is Python. It
needs Python 3 from python.org (with its "py launcher", as the installer
offers) and three packages; in a Command Prompt, after installing Python:

  py -m pip install grpcio protobuf cryptography

openml-dash runs .pyz plugins with "py -3", else python.exe on PATH; set
OPENML_DASH_PYTHON to the full path of another python.exe to use that one.
Without Python or its packages the other tabs work, the Missing values tab
is absent, and the log (%LocalAppData%\openml-dash\logs\openml-dash.log)
says why.
EOF
      ;;
  esac
}

for target in "${targets[@]}"; do
  case $target in
  linux)
    make -s build >/dev/null
    name=openml-dash-$version-linux-amd64
    stage=$scratch/$name && mkdir -p "$stage"
    go build -ldflags "$ldflags" -o "$stage/openml-dash" ./cmd/openml-dash
    for p in $plugins; do cp "bin/openml-dash-plugin-$p" "$stage/"; done
    # Packed again for the package: bin/'s names this machine's Python
    # when its python3 lacks grpcio; a user's machine has its own.
    for p in $py_plugins; do PLUGIN_SHEBANG="/usr/bin/env python3" "plugins/$p/build.sh" "$stage/openml-dash-plugin-$p"; done
    cp Icon.png "$stage/openml-dash.png"
    cat >"$stage/openml-dash.desktop" <<EOF
[Desktop Entry]
Type=Application
Name=openml-dash
GenericName=OpenML dashboard
Comment=Explore OpenML datasets, tasks, flows, runs and benchmark suites
Exec=openml-dash %u
Icon=openml-dash
Terminal=false
Categories=Science;Education;DataVisualization;
Keywords=OpenML;machine learning;dataset;benchmark;
EOF
    install_notes linux >"$stage/INSTALL.txt"
    XZ_OPT=-T0 tar -C "$scratch" -cJf "dist/$name.tar.xz" "$name"
    echo "dist/$name.tar.xz"
    ;;
  windows)
    name=openml-dash-$version-windows-amd64
    stage=$scratch/$name && mkdir -p "$stage"
    command -v x86_64-w64-mingw32-gcc >/dev/null || { echo "dist: the Windows build needs gcc-mingw-w64-x86-64 (scripts/deps.sh --windows)" >&2; exit 1; }
    CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
      go build -ldflags "$ldflags -H=windowsgui" -o "$stage/openml-dash.exe" ./cmd/openml-dash
    for p in $plugins; do
      CGO_ENABLED=0 GOOS=windows GOARCH=amd64 go build -o "$stage/openml-dash-plugin-$p.exe" "./plugins/$p/cmd/openml-dash-plugin-$p"
    done
    # The same zip as on Linux, named .pyz: openml-dash runs it with Python.
    # The #! line, unused there, names no machine's own interpreter.
    for p in $py_plugins; do
      pyz=$stage/openml-dash-plugin-$p.pyz
      PLUGIN_SHEBANG="/usr/bin/env python3" "plugins/$p/build.sh" "$pyz"
      python3 -c 'import sys, zipfile; assert "__main__.py" in zipfile.ZipFile(sys.argv[1]).namelist()' "$pyz" ||
        { echo "dist: $pyz is not a Python zip application" >&2; exit 1; }
    done
    [ "$(pe_subsystem "$stage/openml-dash.exe")" = 2 ] || { echo "dist: openml-dash.exe is not a GUI program" >&2; exit 1; }
    for f in "$stage"/openml-dash-plugin-*.exe; do pe_subsystem "$f" >/dev/null; done
    install_notes windows | sed 's/$/\r/' >"$stage/INSTALL.txt"
    rm -f "dist/$name.zip"
    (cd "$scratch" && python3 -m zipfile -c "../../dist/$name.zip" "$name")
    echo "dist/$name.zip"
    ;;
  *) echo "dist: unknown target $target (linux or windows)" >&2; exit 2 ;;
  esac
done
