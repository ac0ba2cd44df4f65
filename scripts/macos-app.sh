#!/usr/bin/env bash
# Makes dist/openml-dash-<version>-macos-<arch>.app.zip on a Mac: the app
# bundle with every plugin in Contents/MacOS, beside the app's binary, which
# is where openml-dash looks for its plugins. Run it on macOS with Go and the
# Xcode command line tools (the Fyne window needs cgo, which cannot be
# cross-built from Linux); it builds with `make build`'s flags, the version
# from FyneApp.toml, and converts Icon.png with sips and iconutil.
#   --binaries DIR  bundle the openml-dash* programs already in DIR instead of
#                   building (how the layout is checked on Linux: the bundle
#                   is then not runnable, but its shape and Info.plist are
#                   those a Mac build gets)
# usage: scripts/macos-app.sh [--binaries DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
# make build's flags, also when run outside make.
export GOFLAGS="$(make -s --no-print-directory goflags)"
bins=
if [ "${1:-}" = --binaries ]; then
  bins=${2:?--binaries needs a folder}
elif [ "$(uname -s)" != Darwin ]; then
  echo "macos-app: run this on a Mac (or pass --binaries DIR to check the layout)" >&2
  exit 1
fi
version=$(sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml | head -n 1)
id=$(sed -n 's/^ *ID *= *"\(.*\)"/\1/p' FyneApp.toml | head -n 1)
build=$(sed -n 's/^ *Build *= *\([0-9]*\)/\1/p' FyneApp.toml | head -n 1)
arch=$(uname -m)
if [ -z "$bins" ]; then
  make -s build
  go build -ldflags "-X main.version=$version" -o out/macos/openml-dash ./cmd/openml-dash
  cp bin/openml-dash-plugin-* out/macos/
  bins=out/macos
fi
app=out/dist/openml-dash.app
rm -rf "$app" && mkdir -p "$app/Contents/MacOS" "$app/Contents/Resources"
cp "$bins"/openml-dash "$bins"/openml-dash-plugin-* "$app/Contents/MacOS/"
if command -v iconutil >/dev/null && command -v sips >/dev/null; then
  set=out/dist/icon.iconset && rm -rf "$set" && mkdir -p "$set"
  for s in 16 32 128 256 512; do
    sips -z $s $s Icon.png --out "$set/icon_${s}x${s}.png" >/dev/null
    sips -z $((2 * s)) $((2 * s)) Icon.png --out "$set/icon_${s}x${s}@2x.png" >/dev/null
  done
  iconutil -c icns "$set" -o "$app/Contents/Resources/openml-dash.icns"
fi
cat >"$app/Contents/Info.plist" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>CFBundleName</key><string>openml-dash</string>
	<key>CFBundleDisplayName</key><string>openml-dash</string>
	<key>CFBundleExecutable</key><string>openml-dash</string>
	<key>CFBundleIdentifier</key><string>$id</string>
	<key>CFBundleIconFile</key><string>openml-dash.icns</string>
	<key>CFBundlePackageType</key><string>APPL</string>
	<key>CFBundleShortVersionString</key><string>$version</string>
	<key>CFBundleVersion</key><string>$build</string>
	<key>LSApplicationCategoryType</key><string>public.app-category.education</string>
	<key>LSMinimumSystemVersion</key><string>11.0</string>
	<key>NSHighResolutionCapable</key><true/>
</dict>
</plist>
EOF
mkdir -p dist
out=dist/openml-dash-$version-macos-$arch.app.zip
rm -f "$out"
if command -v ditto >/dev/null; then
  ditto -c -k --keepParent "$app" "$out"
else
  (cd out/dist && python3 -m zipfile -c "../../$out" openml-dash.app)
fi
echo "$out"
