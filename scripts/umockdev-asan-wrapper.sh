#!/bin/sh
# Runs a test binary under umockdev when it is built with a sanitizer: the sanitizer's
# runtime must come first in LD_PRELOAD, before libumockdev-preload (PITFALLS.md). The
# runtime is the one the binary links (libasan for GUICHET_ASAN, libtsan for GUICHET_TSAN).
# Used by guichet_add_test(... UMOCKDEV) in sanitizer builds.
runtime=$(ldd "$1" 2>/dev/null | sed -n 's/^[[:space:]]*\(lib[at]san\.so[.0-9]*\) => \([^ ]*\).*/\2/p' | head -n1)
[ -n "$runtime" ] || runtime=$(${CC:-gcc} -print-file-name=libasan.so)
exec umockdev-wrapper sh -c 'LD_PRELOAD="$0${LD_PRELOAD:+:$LD_PRELOAD}" exec "$@"' "$runtime" "$@"
