#!/usr/bin/env bash
# check-layers.sh must be able to fail: plant one violation of each rule in a scratch tree
# and expect each to be reported (and the seam / the USB layer to stay allowed).
set -u
script=$1 work=$2
rm -rf "$work" && mkdir -p "$work"/{drivers/usb,drivers/escpos,drivers/escl,kiosk/speech,kiosk/card,ui/shell}
cd "$work"
echo '#include "ui/shell/shell.hpp"' > drivers/escpos/up.cpp
echo '#include <SDL2/SDL.h>' > kiosk/card/sdl.cpp
echo '#include <SDL.h>' > drivers/escpos/sdl.cpp
echo '#include <SDL2/SDL.h>' > kiosk/speech/sdl_audio_sink.hpp          # the seam: allowed
echo 'int n = libusb_get_device_list(ctx, &list);' > drivers/escpos/raw_usb.cpp
echo 'int n = libusb_open(dev, &h);' > ui/shell/raw_usb.cpp
# The scanner's IPP-over-USB code was once allow-listed: it must go through drivers/usb too.
printf '#include <libusb.h>\nssize_t n = libusb_get_device_list(ctx.raw(), &list);\n' > drivers/escl/scanner_connection.cpp
echo 'int n = libusb_open(dev, &h);' > drivers/usb/transport.cpp          # the USB layer: allowed
out=$(bash "$script" "$work"); rc=$?
echo "$out"
fail=0
expect() { grep -qF -- "$1" <<<"$out" || { echo "MISSING: $1"; fail=1; }; }
absent() { ! grep -qF -- "$1" <<<"$out" || { echo "UNEXPECTED: $1"; fail=1; }; }
expect "drivers/escpos/up.cpp:1:"
expect "kiosk/card/sdl.cpp:1:"
expect "drivers/escpos/sdl.cpp:1:"
expect "drivers/escpos/raw_usb.cpp:1:"
expect "ui/shell/raw_usb.cpp:1:"
expect "drivers/escl/scanner_connection.cpp:1:"
expect "drivers/escl/scanner_connection.cpp:2:"
absent "kiosk/speech/sdl_audio_sink.hpp"
absent "drivers/usb/transport.cpp"
[ $rc -ne 0 ] || { echo "check-layers.sh exited 0 on a broken tree"; fail=1; }
[ $fail -eq 0 ] && echo "check-layers: every planted violation reported"
exit $fail
