#!/usr/bin/env bash
# Build the Linux download: a one-folder PyInstaller app and a tar.gz with install.sh.
#
#   packaging/build-linux.sh            -> packaging/dist/jining-archive/ (the app folder)
#                                          packaging/dist/jining-archive-VERSION-linux-ARCH.tar.gz
#
# Needs: the project's dependencies in the Python that runs it (pip install -e ".[package]"),
# Debian's fonts-wqy-microhei (the fallback CJK font that goes into the bundle), for the
# xcb and Wayland platform plugins libxcb-icccm4, libxcb-keysyms1 and libwayland-cursor0,
# and patchelf and objdump (binutils). PYTHON picks the interpreter;
# PYINSTALLER_CLEAN=1 empties PyInstaller's cache first (otherwise stripped binaries are reused).
#
# After PyInstaller: search paths of the build machine (a pyenv Python's libpython carries
# RUNPATH=/root/.pyenv/...) are removed, and the highest GLIBC_ symbol version any bundled
# file needs is written to _internal/GLIBC_FLOOR (the app checks it at start) and README.txt.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PYTHON=${PYTHON:-python3}
DIST="$ROOT/packaging/dist"
WORK="$ROOT/packaging/build"
APP=jining-archive

cd "$ROOT"
if ! "$PYTHON" -c "import jining_archive, PySide6, whoosh, jieba, opencc, docx, rapidfuzz" 2>/dev/null; then
    echo "== installing the project and its dependencies"
    "$PYTHON" -m pip install -q -e "$ROOT"
fi
if ! "$PYTHON" -m PyInstaller --version >/dev/null 2>&1; then
    echo "== installing PyInstaller"
    "$PYTHON" -m pip install -q "pyinstaller>=6.6"
fi

VERSION=$("$PYTHON" -c "import re,sys; print(re.search(r'__version__\s*=\s*\"([^\"]+)\"', open(sys.argv[1], encoding='utf-8').read()).group(1))" desktop/jining_archive/__init__.py)
ARCH=$(uname -m)

echo "== PyInstaller $("$PYTHON" -m PyInstaller --version), app version $VERSION"
start=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm ${PYINSTALLER_CLEAN:+--clean} --log-level WARN \
    --distpath "$DIST" --workpath "$WORK" packaging/jining-archive.spec
echo "built $DIST/$APP in $(( $(date +%s) - start )) s"

# Libraries that auditwheel put into a wheel's *.libs folder (NumPy's OpenBLAS, psycopg's
# libpq) were already rewritten by patchelf; strip then misplaces their load segments
# ("ELF load command address/offset not page-aligned"), so the wheel's own copies go back.
find "$DIST/$APP/_internal" -maxdepth 1 -type d -name '*.libs' | while read -r folder; do
    original=$("$PYTHON" -c 'import sys, sysconfig, pathlib; print(pathlib.Path(sysconfig.get_paths()["platlib"]) / sys.argv[1])' "$(basename "$folder")")
    if [ -d "$original" ]; then
        cp -f "$original"/* "$folder"/
    fi
done

# No bundled library may look for libraries in a folder of the build machine.
if ! command -v patchelf >/dev/null; then
    echo "build-linux.sh: patchelf is needed (apt-get install patchelf)" >&2
    exit 1
fi
find "$DIST/$APP" -type f \( -name '*.so' -o -name '*.so.*' \) | while read -r lib; do
    runpath=$(patchelf --print-rpath "$lib" 2>/dev/null || true)
    [ -n "$runpath" ] || continue
    kept=$(printf '%s' "$runpath" | tr ':' '\n' | grep '^\$ORIGIN' | paste -sd: - || true)
    if [ "$kept" != "$runpath" ]; then
        if [ -n "$kept" ]; then patchelf --set-rpath "$kept" "$lib"; else patchelf --remove-rpath "$lib"; fi
    fi
done
GLIBC_FLOOR=$("$PYTHON" packaging/check_bundle.py --print-glibc-floor "$DIST/$APP")
printf '%s\n' "$GLIBC_FLOOR" > "$DIST/$APP/_internal/GLIBC_FLOOR"
echo "needs glibc $GLIBC_FLOOR or newer"

# The download: the app folder, the installer, the menu entry and the icons.
NAME="$APP-$VERSION-linux-$ARCH"
STAGE="$WORK/$NAME"
rm -rf "$STAGE"
mkdir -p "$STAGE/icons"
cp -a "$DIST/$APP" "$STAGE/$APP"
cp packaging/linux/install.sh "$STAGE/install.sh"
sed "s/@GLIBC_FLOOR@/$GLIBC_FLOOR/g" packaging/linux/README.txt > "$STAGE/README.txt"
cp LICENSE "$STAGE/LICENSE"
cp "$DIST/$APP/_internal/resources/THIRD-PARTY-NOTICES.txt" "$STAGE/THIRD-PARTY-NOTICES.txt"
cp resources/$APP.desktop "$STAGE/$APP.desktop"
cp resources/icons/$APP.svg resources/icons/$APP-*.png "$STAGE/icons/"
chmod 755 "$STAGE/install.sh" "$STAGE/$APP/$APP"
tar -C "$WORK" -czf "$DIST/$NAME.tar.gz" "$NAME"
rm -rf "$STAGE"

size_mb() { du -sb "$1" | awk '{printf "%.1f MB", $1 / 1e6}'; }
echo "app folder: $(size_mb "$DIST/$APP") unpacked; download: $(size_mb "$DIST/$NAME.tar.gz") ($DIST/$NAME.tar.gz)"
