#!/usr/bin/env bash
# Fails when an include points up the layers (ui -> kiosk -> drivers; never back up),
# when drivers/ use ImGui or SQLite, when kiosk/ uses ImGui or libusb directly, when SDL is
# used outside ui/ (except the speech audio output's own seam), or when libusb is called
# outside drivers/usb (the USB layer every device driver goes through).
set -u
# Usage: check-layers.sh [ROOT] (default: this repository; tests give a planted tree).
cd "${1:-$(dirname "$0")/..}"
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
# SDL belongs to ui/. The one seam below it: speech's audio output (the sink that plays the
# samples, and the list of audio outputs that tells a headset from the speakers).
sdl_seam='^kiosk/speech/(sdl_audio_sink\.(hpp|cpp)|headset_detector\.(hpp|cpp)):'
while IFS= read -r hit; do report "$hit: SDL is used in ui/ only (or the speech audio seam)"; done \
  < <(grep -rnE '#include *[<"](SDL2/)?SDL[_a-z0-9]*\.h' drivers kiosk 2>/dev/null | grep -vE "$sdl_seam")
# libusb is called from drivers/usb only, no exception: every device driver (the scanner's
# IPP-over-USB included) finds, claims and talks to its device through that layer.
usb_allowed='^drivers/usb/'
while IFS= read -r hit; do report "$hit: libusb is called from drivers/usb only"; done \
  < <(grep -rnE '#include *[<"](libusb-1\.0/)?libusb\.h|\blibusb_[a-z_]+ *\(' drivers kiosk ui 2>/dev/null | grep -vE "$usb_allowed")
[ $bad -eq 0 ] && echo "layers: ok"
exit $bad
