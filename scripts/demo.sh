#!/usr/bin/env bash
# Builds Guichet and runs the terminal in demo mode with emulated devices and a local
# database under ./demo-data. With a display: a window (pass --fullscreen for kiosk mode).
# Without one: the demo tour played in a private X server (Xvfb) through the real OpenGL
# renderer, as a resident's screen shows it; its screenshots land in ./demo-data/shots.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
BUILD_DIR=${BUILD_DIR:-build}
bash scripts/configure.sh "$BUILD_DIR"
cmake --build "$BUILD_DIR" -j"$(nproc)" --target guichet guichetctl
mkdir -p demo-data
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec "$BUILD_DIR/ui/app/guichet" --demo --windowed --data demo-data "$@"
else
  # -a: a free display number; the tour runs full screen at 1920x1080 with the default
  # renderer (OpenGL 3, Mesa llvmpipe), and the X server stops with it.
  SDL_AUDIODRIVER=dummy xvfb-run -a -s "-screen 0 1920x1080x24 -nolisten tcp +extension GLX" \
    "$BUILD_DIR/ui/app/guichet" --demo --tour --data demo-data --out demo-data/shots "$@"
  echo "No display: screenshots of the demo tour (real OpenGL renderer, Xvfb) are in demo-data/shots/"
fi
