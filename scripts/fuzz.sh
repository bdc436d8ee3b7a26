#!/usr/bin/env bash
# Runs one libFuzzer target for a while: bash scripts/fuzz.sh TARGET SECONDS [libFuzzer args...]
#   bash scripts/fuzz.sh atr 600
#   bash scripts/fuzz.sh list            # the targets
# Builds the fuzz targets with clang (ASan + UBSan) in build-fuzz/ first. New interesting
# inputs go to build-fuzz/corpus-new/TARGET (copy the ones worth keeping into
# tests/fuzz/corpus/TARGET); a crash is written as build-fuzz/crash-*: fix it, then add the
# input to tests/fuzz/corpus/TARGET so that it stays a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TARGETS=$(sed -n 's/^guichet_fuzz_target(\([a-z0-9_]*\).*/\1/p' tests/fuzz/CMakeLists.txt)
if [ "${1:-}" = "list" ] || [ $# -lt 2 ]; then
  [ "${1:-}" = "list" ] || echo "usage: bash scripts/fuzz.sh TARGET SECONDS [libFuzzer args...]" >&2
  echo "$TARGETS"
  [ "${1:-}" = "list" ]; exit $?
fi
target=$1 seconds=$2
shift 2
grep -qx "$target" <<<"$TARGETS" || { echo "fuzz: unknown target '$target' (bash scripts/fuzz.sh list)" >&2; exit 2; }
BUILD_DIR=${FUZZ_BUILD_DIR:-build-fuzz}
bash scripts/fuzz-build.sh "$BUILD_DIR" "fuzz_$target"
mkdir -p "$BUILD_DIR/corpus-new/$target"
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
cd "$BUILD_DIR"
exec "./tests/fuzz/fuzz_$target" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
  -artifact_prefix="$PWD/" "corpus-new/$target" "$ROOT/tests/fuzz/corpus/$target" "$@"
