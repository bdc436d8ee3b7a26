#!/bin/bash
# run_wipe_test.sh GUICHET WATCH_SO SOURCE_DIR RUN_DIR — see tests/wipe/CMakeLists.txt.
# Passes only if the scenario ran to its end (exit 0: every expect matched, so the values
# were on screen and spoken) AND the watch found no release still holding them.
set -u
guichet=$1 watch=$2 src=$3 run=$4
rm -rf "$run" && mkdir -p "$run"
export WIPE_WATCH_NEEDLES='Marchetti-Ollivier|29/02/1944|1944-02-29|Grivettes|FAM04521'
export WIPE_WATCH_JPEG=1
export GUICHET_CATALOGUE="$src/catalogue"
LD_PRELOAD="$watch" "$guichet" --headless --demo --data "$run/data" --config "$src/wipe-terminal.toml" \
    --scenario "$src/wipe-procedure.scn" --out "$run/shots" > "$run/out.txt" 2>&1
code=$?
grep -v '^wipe-watch' "$run/out.txt" | tail -n 20
grep '^wipe-watch' "$run/out.txt"
if [ $code -ne 0 ]; then echo "FAIL: guichet exited with $code (97: unwiped release)"; exit 1; fi
if ! grep -q '^wipe-watch: [1-9][0-9]* releases looked at, 0 unwiped' "$run/out.txt"; then
    echo "FAIL: the watch did not report a clean run"; exit 1
fi
echo "PASS"
