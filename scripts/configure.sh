#!/usr/bin/env bash
# Configures the build folder of scripts/test.sh and scripts/demo.sh (the same folder, the
# same settings, so that running one after the other never rebuilds everything):
#   bash scripts/configure.sh BUILD_DIR
# - ccache when present (CI too): an unchanged file is not compiled twice;
# - clang with its precompiled headers, unity batches and lld (cmake/unity_build.cmake):
#   CI's fresh 2-core machine builds the project four times (this one, ASan, TSan, fuzz) in
#   its 45 minutes. With GCC -O2 -g this build alone took about 18 of them file by file
#   (67 % done after 12 min), and unity batches did not save GCC much (47 % after 8.5 min);
#   clang compiles the same batches about twice as fast (the ASan build: 529 s cold).
#   GCC stays the compiler of the Debian package (scripts/package.sh) and of a plain
#   `cmake -S . -B dir`, which also compiles file by file and so proves each file's includes.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-build}
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
linker=()
command -v ld.lld >/dev/null && linker=(-DCMAKE_EXE_LINKER_FLAGS=-fuse-ld=lld -DCMAKE_SHARED_LINKER_FLAGS=-fuse-ld=lld)
compiler=()
if [ ! -f "$BUILD_DIR/CMakeCache.txt" ] && command -v clang++ >/dev/null; then
  compiler=(-DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++)  # chosen once, at the folder's creation
fi
# -O2 with line tables only (-g1): stack traces keep file:line, and the build skips the
# cost of full debug info (CI counts every minute). Debug in a folder of your own.
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_UNITY_BUILD=ON \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" "${compiler[@]}" "${linker[@]}" "${launcher[@]}" >/dev/null
