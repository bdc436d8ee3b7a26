#!/usr/bin/env bash
# Builds Guichet and runs the terminal in demo mode with emulated devices and a local
# database under ./demo-data. With a display: a window (pass --fullscreen for kiosk mode).
# Without one: a headless tour whose screenshots land in ./demo-data/shots.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
BUILD_DIR=${BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)" --target guichet guichetctl
mkdir -p demo-data
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec "$BUILD_DIR/ui/app/guichet" --demo --windowed --data demo-data "$@"
else
  "$BUILD_DIR/ui/app/guichet" --headless --demo --data demo-data --out demo-data/shots "$@"
  echo "No display: screenshots of the demo tour are in demo-data/shots/"
fi
