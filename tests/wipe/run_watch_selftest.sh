#!/bin/bash
# run_watch_selftest.sh WATCH_SO SELFTEST — the watch must fail a release of an unwiped value
# (free and a moving realloc) with status 97, and pass the same value wiped first.
watch=$1 prog=$2
export WIPE_WATCH_NEEDLES='Marchetti-Ollivier'
status=0
for mode in free realloc wiped; do
    out=$(LD_PRELOAD="$watch" "$prog" $mode 2>&1); code=$?
    echo "$mode: exit $code: $out"
    if [ $mode = wiped ]; then want=0; else want=97; fi
    [ $code -eq $want ] || { echo "FAIL: $mode should exit $want"; status=1; }
done
[ $status -eq 0 ] && echo PASS
exit $status
