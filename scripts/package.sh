#!/usr/bin/env bash
# Builds the Debian package build/guichet_<version>_<arch>.deb from the committed sources
# (git archive of HEAD: uncommitted changes are not packaged), then runs lintian on it.
# Version: <project version>+<commit count>.g<short hash>, e.g. 0.1+650.g1a2b3c4 — it
# grows with every commit, so apt upgrades a fleet from one build to the next.
# Usage: bash scripts/package.sh      (as root on Debian 12; installs what is missing)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh

# Packaging tools: only this script needs them, not the normal build and tests.
missing=()
for p in debhelper dpkg-dev lintian fakeroot; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "package: installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

[ -z "$(git status --porcelain --untracked-files=no)" ] || echo "package: warning: uncommitted changes are NOT in the package (it is built from HEAD)"
base=$(sed -n 's/^project(guichet VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
version="${base}+$(git rev-list --count HEAD).g$(git rev-parse --short=7 HEAD)"
arch=$(dpkg --print-architecture)
work=build/package
rm -rf "$work"
mkdir -p "$work/src"
git archive HEAD | tar -x -C "$work/src"
cat > "$work/src/debian/changelog" <<CHANGELOG
guichet ($version) bookworm; urgency=medium

  * Built from commit $(git rev-parse HEAD).

 -- Guichet maintainers <guichet@mairie-saint-exemple.fr>  $(date -R)
CHANGELOG

# debhelper points HOME at a temporary folder: hand ccache its real cache explicitly, so
# that a package build after a normal build is mostly cache hits.
if command -v ccache >/dev/null; then
  export GUICHET_CCACHE=1
  CCACHE_DIR=$(ccache -k cache_dir); export CCACHE_DIR
  CCACHE_BASEDIR=$(ccache -k base_dir); [ -n "$CCACHE_BASEDIR" ] && export CCACHE_BASEDIR
fi
echo "package: building guichet $version ($arch) in $work"
(cd "$work/src" && nice dpkg-buildpackage -b -us -uc -j"$(nproc)" >../build.log 2>&1) || {
  tail -40 "$work/build.log"
  echo "package: dpkg-buildpackage failed (full log: $work/build.log)"
  exit 1
}
deb="build/guichet_${version}_${arch}.deb"
cp "$work/guichet_${version}_${arch}.deb" "$deb"
echo "package: $deb"
# lintian: errors fail the build; warnings are printed (docs/deployment.md lists those left, and why).
lintian --fail-on error "$deb" || {
  echo "package: lintian found errors"
  exit 1
}
echo "package: lintian: no error"
