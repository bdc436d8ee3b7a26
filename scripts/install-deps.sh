#!/usr/bin/env bash
# Installs Guichet's build and test dependencies from Debian 12's packages.
# Idempotent and fast when everything is present: apt is only called for what is missing.
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake pkg-config gettext
  # layers
  libsdl2-dev libimgui-dev libfreetype-dev      # ui: window, ImGui 1.86, FreeType rasteriser
  libusb-1.0-0-dev                              # drivers: USB transport
  libsqlite3-dev libsodium-dev libcurl4-openssl-dev   # kiosk: outbox, encryption, upload
  libtomlplusplus-dev nlohmann-json3-dev        # config (TOML with line numbers), wire JSON
  libqrencode-dev libstb-dev libturbojpeg0-dev  # receipts (QR, logo), scanner pages
  libpugixml-dev                                # eSCL XML
  libespeak-ng-dev espeak-ng-data               # speech
  libsystemd-dev                                # sd_notify: READY and WATCHDOG under systemd
  # fonts shown to residents
  fonts-dejavu-core fonts-noto-core fonts-opendyslexic fonts-sil-andika
  # tests
  catch2 umockdev libumockdev-dev python3 xvfb xauth
  xdotool x11-apps libgl1-mesa-dri             # window tests: real X input, xwd, Mesa llvmpipe
  libx11-dev libxtst-dev libxdamage-dev libxfixes-dev  # bench_key_settled: XTest keys, XDamage presents
  openssl                                       # outbox TLS test: a self-signed loopback certificate
  # CI (.ci/run): compiler cache; clang and libFuzzer's runtime for tests/fuzz
  ccache clang libclang-rt-14-dev lld   # lld: links the sanitizer builds 4x faster than ld
  prometheus                                    # promtool: checks the metrics and the alert rules
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
