#!/usr/bin/env bash
# Usage: check_ctl_libraries.sh BINARY — fails when BINARY loads a UI or audio library
# (SDL, OpenGL/EGL, X11, Wayland, ImGui, espeak-ng, PulseAudio, ALSA). The operator's tool
# must not: loading them cost each guichetctl command ~50 ms (issue 17). Only `say`
# (guichetctl-say) needs speech and audio; this check run on it must fail.
set -u
bin="$1"
[ -x "$bin" ] || { echo "ctl-libs: $bin: not an executable"; exit 2; }
libs=$(ldd "$bin") || { echo "ctl-libs: ldd $bin failed"; exit 2; }
bad=$(printf '%s\n' "$libs" | awk '{print $1}' |
      grep -E '^lib(SDL2|GL|GLX|EGL|GLdispatch|OpenGL|X11|xcb|wayland-|decor|imgui|espeak|pcaudio|pulse|asound|drm|gbm)[-.]')
if [ -n "$bad" ]; then
  echo "ctl-libs: $bin loads UI or audio libraries:"
  printf '  %s\n' $bad
  exit 1
fi
echo "ctl-libs: $bin: $(printf '%s\n' "$libs" | wc -l) shared libraries, none of the UI or audio ones"
