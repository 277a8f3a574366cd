#!/usr/bin/env bash
# CI packaging step (called by .ci/run): build the Linux download, check the bundle
# (third-party notices list every bundled distribution with its licence text, no build
# machine search paths, the glibc floor it states, the size budget: SIZE_BUDGET_MB for
# the app folder, DOWNLOAD_BUDGET_MB for the tar.gz), install it the way a user would,
# and smoke-test the installed app from a read-only folder in a clean environment; then
# build the wheel and run it from a fresh virtual environment.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PYTHON=${PYTHON:-python3}
cd "$ROOT"
step_start=$(date +%s)

packaging/build-linux.sh

echo "== bundle checks: notices, search paths, glibc floor, size budget"
"$PYTHON" packaging/check_bundle.py packaging/dist/jining-archive --budget-mb "${SIZE_BUDGET_MB:-235}"

tarball=$(ls -t packaging/dist/jining-archive-*-linux-*.tar.gz | head -n 1)
scratch=$(mktemp -d)
trap 'chmod -R u+w "$scratch" 2>/dev/null || true; rm -rf "$scratch"' EXIT
chmod 755 "$scratch"

echo "== install from $(basename "$tarball")"
tar -C "$scratch" -xzf "$tarball"
unpacked=$(find "$scratch" -mindepth 1 -maxdepth 1 -type d | head -n 1)
"$unpacked/install.sh" --prefix "$scratch/prefix"
test -f "$scratch/prefix/share/applications/jining-archive.desktop"
test -f "$scratch/prefix/share/icons/hicolor/256x256/apps/jining-archive.png"
test -s "$unpacked/THIRD-PARTY-NOTICES.txt" && test -s "$unpacked/LICENSE"
grep -q "glibc $(cat packaging/dist/jining-archive/_internal/GLIBC_FLOOR) or newer" "$unpacked/README.txt"
tarball_mb=$(du -b "$tarball" | awk '{printf "%.1f", $1 / 1e6}')
echo "download: $tarball_mb MB (budget ${DOWNLOAD_BUDGET_MB:-99} MB)"
awk -v size="$tarball_mb" -v budget="${DOWNLOAD_BUDGET_MB:-99}" 'BEGIN { exit !(size <= budget) }' \
    || { echo "ci-package.sh: the download is over its size budget" >&2; exit 1; }
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$scratch/prefix/share/applications/jining-archive.desktop"
fi

echo "== smoke test of the installed app (read-only, clean environment)"
"$PYTHON" packaging/smoke_test.py --read-only "$scratch/prefix/bin/jining-archive"

echo "== uninstall"
chmod -R u+w "$scratch/prefix/lib/jining-archive"
"$unpacked/install.sh" --prefix "$scratch/prefix" --uninstall
test ! -e "$scratch/prefix/lib/jining-archive"
test ! -e "$scratch/prefix/bin/jining-archive"

echo "== wheel in a fresh virtual environment"
JINING_ARCHIVE_WHEEL_TEST=1 "$PYTHON" -m pytest -q -p no:cacheprovider tests/test_wheel.py

echo "packaging step: $(( $(date +%s) - step_start )) s"
