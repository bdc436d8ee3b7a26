#!/bin/sh
# Runs a test binary under umockdev with AddressSanitizer: libasan must come first in
# LD_PRELOAD, before libumockdev-preload (PITFALLS.md). Used by guichet_add_test(... UMOCKDEV)
# when GUICHET_ASAN is on.
asan=$(${CC:-gcc} -print-file-name=libasan.so)
exec umockdev-wrapper sh -c 'LD_PRELOAD="$0${LD_PRELOAD:+:$LD_PRELOAD}" exec "$@"' "$asan" "$@"
