#!/bin/sh
# Install Jining Archive (济宁高新区资料库) from the unpacked Linux download.
#
#   ./install.sh                      for you only: ~/.local (no root needed)
#   sudo ./install.sh --prefix /usr/local    for every user of this computer
#   ./install.sh --uninstall [--prefix DIR]  remove it again (your notes stay)
#
# What goes where (PREFIX is ~/.local unless --prefix says otherwise):
#   PREFIX/lib/jining-archive/        the app (read-only at run time)
#   PREFIX/bin/jining-archive         a link to start it from a terminal
#   PREFIX/share/applications/        the menu entry
#   PREFIX/share/icons/hicolor/       the icon
# Your bookmarks, notes and imports live in ~/.local/share/jining-archive and the
# search index in ~/.cache/jining-archive; neither installing nor uninstalling touches them.
set -eu

APP=jining-archive
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX="${HOME}/.local"
ACTION=install

usage() {
    sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
}

while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a folder" >&2; exit 2; }
                  PREFIX=$2; shift 2 ;;
        --prefix=*) PREFIX=${1#--prefix=}; shift ;;
        --uninstall) ACTION=uninstall; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "install.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
done
case "$PREFIX" in
    /*) ;;
    *) PREFIX="$(pwd)/$PREFIX" ;;
esac

LIBDIR="$PREFIX/lib/$APP"
BINLINK="$PREFIX/bin/$APP"
DESKTOP="$PREFIX/share/applications/$APP.desktop"
ICONS="$PREFIX/share/icons/hicolor"

refresh_menus() {
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$PREFIX/share/applications" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$ICONS/index.theme" ]; then
        gtk-update-icon-cache -q -t "$ICONS" 2>/dev/null || true
    fi
}

remove_installed() {
    rm -rf "$LIBDIR"
    # Only remove the link if it is ours.
    if [ -L "$BINLINK" ] && [ "$(readlink "$BINLINK")" = "$LIBDIR/$APP" ]; then
        rm -f "$BINLINK"
    fi
    rm -f "$DESKTOP"
    for icon in "$ICONS"/*/apps/"$APP".png "$ICONS"/scalable/apps/"$APP".svg; do
        [ -e "$icon" ] && rm -f "$icon"
    done
    return 0
}

if [ "$ACTION" = uninstall ]; then
    remove_installed
    refresh_menus
    echo "Removed Jining Archive from $PREFIX."
    echo "Your notes and bookmarks are still in ~/.local/share/$APP (delete that folder to remove them)."
    exit 0
fi

if [ ! -x "$HERE/$APP/$APP" ]; then
    echo "install.sh: $HERE/$APP/$APP is missing; run install.sh from the unpacked download." >&2
    exit 1
fi

remove_installed  # an upgrade replaces the whole app folder
mkdir -p "$PREFIX/lib" "$PREFIX/bin" "$PREFIX/share/applications"
cp -R "$HERE/$APP" "$LIBDIR"
chmod -R a+rX,go-w "$LIBDIR"
ln -sf "$LIBDIR/$APP" "$BINLINK"

for png in "$HERE"/icons/"$APP"-*.png; do
    size=${png##*-}
    size=${size%.png}
    mkdir -p "$ICONS/${size}x${size}/apps"
    cp "$png" "$ICONS/${size}x${size}/apps/$APP.png"
done
mkdir -p "$ICONS/scalable/apps"
cp "$HERE/icons/$APP.svg" "$ICONS/scalable/apps/$APP.svg"

# The menu entry names the installed program by its full path, so it works even
# when PREFIX/bin is not on PATH.
sed -e "s|^Exec=.*|Exec=\"$LIBDIR/$APP\"|" -e "s|^TryExec=.*|TryExec=$LIBDIR/$APP|" \
    "$HERE/$APP.desktop" > "$DESKTOP"
chmod 644 "$DESKTOP"
refresh_menus

echo "Installed Jining Archive (济宁高新区资料库) in $LIBDIR."
echo "Start it from your applications menu, or run: $BINLINK"
case ":$PATH:" in
    *":$PREFIX/bin:"*) ;;
    *) echo "($PREFIX/bin is not on your PATH; add it to start jining-archive by name.)" ;;
esac
