#!/usr/bin/env bash
# Build the macOS download: JiningArchive.app in a .dmg with a link to /Applications.
# Run on a Mac (hdiutil and codesign are macOS tools), from any folder:
#
#     python3 -m venv .venv && . .venv/bin/activate && pip install -e ".[package]"
#     packaging/macos/build-dmg.sh
#
# Output: packaging/dist/JiningArchive-VERSION-macos-ARCH.dmg. The app is built for the
# Mac's own architecture (arm64 on Apple silicon, x86_64 on Intel).
# Needs macOS 13 or newer to run (the minimum of the PySide6 the project resolves;
# LSMinimumSystemVersion in the spec).
# Set CODESIGN_IDENTITY ("Developer ID Application: ...") to sign with the hardened runtime
# and packaging/macos/entitlements.plist; notarise the .dmg afterwards with:
#                  xcrun notarytool submit DMG --keychain-profile PROFILE --wait
#                  xcrun stapler staple DMG
# Signing goes inside out (every library and framework, then the app) instead of with
# --deep, which Apple advises against: it signs nested code with the app's entitlements.
# An unsigned (ad-hoc signed) build is blocked the first time; on macOS 15 right-click >
# Open no longer offers to open it: try to open it once, then System Settings > Privacy &
# Security > "Open Anyway" (macOS 13 and 14: right-click > Open also works).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PYTHON=${PYTHON:-python3}
DIST="$ROOT/packaging/dist"
cd "$ROOT"

VERSION=$("$PYTHON" -c "import re,sys; print(re.search(r'__version__\s*=\s*\"([^\"]+)\"', open(sys.argv[1], encoding='utf-8').read()).group(1))" desktop/jining_archive/__init__.py)
ARCH=$(uname -m)
APP="$DIST/JiningArchive.app"

"$PYTHON" -m PyInstaller --noconfirm --clean --distpath "$DIST" --workpath "$ROOT/packaging/build" \
    packaging/jining-archive.spec

# Localised names (CFBundleDisplayName in Info.plist comes from the spec).
for lproj in packaging/macos/*.lproj; do
    mkdir -p "$APP/Contents/Resources/$(basename "$lproj")"
    cp "$lproj/InfoPlist.strings" "$APP/Contents/Resources/$(basename "$lproj")/"
done
/usr/libexec/PlistBuddy -c "Add :LSHasLocalizedDisplayName bool true" "$APP/Contents/Info.plist" 2>/dev/null \
    || /usr/libexec/PlistBuddy -c "Set :LSHasLocalizedDisplayName true" "$APP/Contents/Info.plist"

ENTITLEMENTS="$ROOT/packaging/macos/entitlements.plist"
if [ -n "${CODESIGN_IDENTITY:-}" ]; then
    SIGN=(codesign --force --timestamp --options runtime --sign "$CODESIGN_IDENTITY")
else
    # Ad-hoc signature: required on Apple silicon after the Info.plist edit above.
    SIGN=(codesign --force --sign -)
fi
# Inside out: loose libraries and extension modules, then frameworks, then the app with
# its entitlements (only the main executable gets them).
find "$APP/Contents" -type f \( -name '*.dylib' -o -name '*.so' \) -not -path '*.framework/*' -print0 \
    | xargs -0 -n 50 "${SIGN[@]}"
find "$APP/Contents" -type d -name '*.framework' -prune -print0 | xargs -0 -n 20 "${SIGN[@]}"
"${SIGN[@]}" --entitlements "$ENTITLEMENTS" "$APP"
# Verifying (not signing) with --deep checks every nested signature.
codesign --verify --deep --strict "$APP"

# Smoke test of the built app before packing it.
"$APP/Contents/MacOS/JiningArchive" articles --json >/dev/null
QT_QPA_PLATFORM=offscreen JINING_ARCHIVE_HOME="$(mktemp -d)" "$APP/Contents/MacOS/JiningArchive" --self-test

STAGE=$(mktemp -d)
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
DMG="$DIST/JiningArchive-$VERSION-macos-$ARCH.dmg"
rm -f "$DMG"
hdiutil create -volname "济宁高新区资料库 $VERSION" -srcfolder "$STAGE" -fs HFS+ -format UDZO -ov "$DMG"
rm -rf "$STAGE"
if [ -n "${CODESIGN_IDENTITY:-}" ]; then
    codesign --force --sign "$CODESIGN_IDENTITY" "$DMG"
fi
echo "built $DMG"
