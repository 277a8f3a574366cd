#!/usr/bin/env bash
# Screenshot of the packaged app's window as a computer without any Chinese font sees it:
# under Xvfb, with a fontconfig setup whose only font folder is DejaVu (no CJK glyphs), so
# any Chinese on screen comes from the font bundled in resources/fonts.
#
#   packaging/screenshot.sh [APP_EXECUTABLE] [OUTPUT.png]
#
# Defaults: packaging/dist/jining-archive/jining-archive, resources/screenshots/packaged-no-cjk-font.png
# Needs Debian's xvfb, imagemagick (import) and fonts-dejavu-core.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
EXE=$(realpath "${1:-$ROOT/packaging/dist/jining-archive/jining-archive}")
OUT=$(realpath -m "${2:-$ROOT/resources/screenshots/packaged-no-cjk-font.png}")
DISPLAY_NUMBER=${DISPLAY_NUMBER:-97}
WAIT_S=${WAIT_S:-12}
SCREEN=${SCREEN:-1440x900}

scratch=$(mktemp -d)
cleanup() {
    [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null || true
    [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$scratch"
}
trap cleanup EXIT

cat > "$scratch/fonts.conf" <<CONF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>/usr/share/fonts/truetype/dejavu</dir>
  <cachedir>$scratch/fontconfig-cache</cachedir>
</fontconfig>
CONF
if FONTCONFIG_FILE="$scratch/fonts.conf" fc-list :lang=zh 2>/dev/null | grep -q .; then
    echo "screenshot: the DejaVu-only font setup still has a Chinese font; the picture would prove nothing" >&2
    exit 1
fi

Xvfb ":$DISPLAY_NUMBER" -screen 0 "${SCREEN}x24" -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
sleep 1

env -i HOME="$scratch/home" PATH=/usr/bin:/bin DISPLAY=":$DISPLAY_NUMBER" QT_QPA_PLATFORM=xcb \
    FONTCONFIG_FILE="$scratch/fonts.conf" JINING_ARCHIVE_HOME="$scratch/archive-home" \
    LANG=C.UTF-8 "$EXE" >"$scratch/app.log" 2>&1 &
app_pid=$!
sleep "$WAIT_S"
if ! kill -0 "$app_pid" 2>/dev/null; then
    echo "screenshot: the app exited early:" >&2
    cat "$scratch/app.log" >&2
    exit 1
fi

mkdir -p "$(dirname "$OUT")"
DISPLAY=":$DISPLAY_NUMBER" import -window root "$OUT"
echo "saved $OUT"
if [ -s "$scratch/app.log" ]; then
    echo "app output:"
    sed 's/^/  /' "$scratch/app.log" | head -20
fi
