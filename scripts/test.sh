#!/usr/bin/env bash
# Builds Guichet and runs every test (ctest). Usage: bash scripts/test.sh [ctest args...]
# Works from a fresh clone on Debian 12 as root: dependencies are installed first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
BUILD_DIR=${BUILD_DIR:-build}
bash scripts/configure.sh "$BUILD_DIR"
cmake --build "$BUILD_DIR" -j"$(nproc)"
# .ci/run builds first and runs the tests last, after the sanitizer parts.
[ "${TEST_SH_BUILD_ONLY:-0}" = 1 ] && exit 0
ROOT=$PWD
cd "$BUILD_DIR"
# Known failures are listed, with their reason, in tests/known-failing.txt: left out here
# and named on the way, so that the debt is visible in every run.
known=$(sed -e 's/[[:space:]]*#.*$//' -e '/^[[:space:]]*$/d' "$ROOT/tests/known-failing.txt" | paste -sd'|')
if [ -n "$known" ]; then
  echo "test.sh: left out (tests/known-failing.txt):"
  grep -v '^#' "$ROOT/tests/known-failing.txt" | sed -e '/^[[:space:]]*$/d' -e 's/^/  /'
  set -- -E "$known" "$@"
fi
# Tests mostly wait (devices, timers, servers on loopback, X frames): at -j2 the suite kept
# 1.1 cores busy and took 596 s on 2 cores; at -j8, 199 s, every test passing (turn 7).
# TEST_JOBS to change it.
jobs=${TEST_JOBS:-$(( $(nproc) * 3 ))}
# ctest's closing summary must be the last thing printed (CI reads it).
ctest --output-on-failure -j"$jobs" "$@"
