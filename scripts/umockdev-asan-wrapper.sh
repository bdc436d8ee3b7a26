#!/bin/sh
# Runs a test binary under umockdev when it is built with a sanitizer.
# - GCC links the sanitizer's runtime as a shared library (libasan, libtsan): it must come
#   first in LD_PRELOAD, before libumockdev-preload, or it refuses to start (PITFALLS.md).
# - Clang links it statically into the executable (the ASan part, .ci/parts.sh): the
#   executable's interceptors already come before every preloaded library, so nothing is
#   added — preloading GCC's libasan into it would load a second, different runtime.
# Used by guichet_add_test(... UMOCKDEV) in sanitizer builds.
runtime=$(ldd "$1" 2>/dev/null | sed -n 's/^[[:space:]]*\(lib[at]san\.so[.0-9]*\) => \([^ ]*\).*/\2/p' | head -n1)
if [ -z "$runtime" ]; then
  exec umockdev-wrapper "$@"
fi
exec umockdev-wrapper sh -c 'LD_PRELOAD="$0${LD_PRELOAD:+:$LD_PRELOAD}" exec "$@"' "$runtime" "$@"
