#!/usr/bin/env bash
# Fails when an include points up the layers (ui -> kiosk -> drivers; never back up),
# when drivers/ use ImGui or SQLite, or when kiosk/ uses ImGui or libusb directly.
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
[ $bad -eq 0 ] && echo "layers: ok"
exit $bad
