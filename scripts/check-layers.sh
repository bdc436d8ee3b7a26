#!/usr/bin/env bash
# Fails when an include points up the layers (ui -> kiosk -> drivers; never back up),
# when drivers/ use ImGui or SQLite, when kiosk/ uses ImGui or libusb directly, when SDL is
# used outside ui/ (except the speech audio seam), or libusb outside drivers/usb.
set -u
cd "$(dirname "$0")/.."
bad=0
report() { echo "layers: $1"; bad=1; }
while IFS= read -r hit; do report "$hit: drivers/ must not include kiosk/ or ui/"; done \
  < <(grep -rnE '#include *[<"](ui|kiosk)/' drivers 2>/dev/null)
while IFS= read -r hit; do report "$hit: kiosk/ must not include ui/"; done \
  < <(grep -rnE '#include *[<"]ui/' kiosk 2>/dev/null)
while IFS= read -r hit; do report "$hit: drivers/ must not use ImGui or SQLite"; done \
  < <(grep -rnE '#include *[<"](imgui|sqlite3)' drivers 2>/dev/null)
while IFS= read -r hit; do report "$hit: kiosk/ must not use ImGui or libusb"; done \
  < <(grep -rnE '#include *[<"](imgui|libusb)' kiosk 2>/dev/null)
# SDL belongs to ui/; the speech area's audio seam (its SDL audio sink, the list of audio
# outputs that tells a headset, and the runtime that receives SDL's audio-device events)
# is the one place below that talks to it.
sdl_seam='^kiosk/speech/(sdl_audio_sink|headset_detector|speech_runtime)\.(c|h)pp:'
while IFS= read -r hit; do report "$hit: SDL only in ui/ (and the speech audio seam)"; done \
  < <(grep -rnE '#include *[<"]SDL' kiosk drivers 2>/dev/null | grep -vE "$sdl_seam")
# Raw libusb calls only in drivers/usb: everything else goes through Transport, discovery
# and HotplugMonitor.
while IFS= read -r hit; do report "$hit: raw libusb only in drivers/usb"; done \
  < <(grep -rnE '(#include *[<"]libusb[.-]|[^A-Za-z_]libusb_[a-z_]+ *\()' kiosk drivers ui 2>/dev/null | grep -v '^drivers/usb/')
[ $bad -eq 0 ] && echo "layers: ok"
exit $bad
