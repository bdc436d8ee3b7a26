#!/usr/bin/env bash
# Configures and builds the libFuzzer targets with clang in a folder of their own (the
# project is built with GCC elsewhere): bash scripts/fuzz-build.sh [BUILD_DIR] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-build-fuzz}
shift || true
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
  # -O1 -g1 (line tables only): what libFuzzer's documentation builds with, and cheaper to
  # compile on CI's empty cache than -O2 -g.
  # Unity batches and lld, as the sanitizer parts (cmake/unity_build.cmake).
  linker=()
  command -v ld.lld >/dev/null && linker=(-DCMAKE_EXE_LINKER_FLAGS=-fuse-ld=lld -DCMAKE_SHARED_LINKER_FLAGS=-fuse-ld=lld)
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
    -DCMAKE_UNITY_BUILD=ON "${linker[@]}" \
    -DGUICHET_FUZZ=ON -DGUICHET_TESTS=OFF -DGUICHET_BENCH=OFF "${launcher[@]}" >/dev/null
fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(guichet_fuzz_all)
cmake --build "$BUILD_DIR" -j"$(nproc)" --target "${targets[@]}"
