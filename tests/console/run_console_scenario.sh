#!/usr/bin/env bash
# Runs one console scenario on the real terminal (headless, emulated devices) with a fresh
# state folder, removed afterwards; exits with the terminal's own exit code.
# Usage: run_console_scenario.sh GUICHET CONFIG SCENARIO SHOTS_DIR
set -uo pipefail
guichet=$1 config=$2 scenario=$3 shots=$4
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
"$guichet" --headless --demo --config "$config" --data "$data" --scenario "$scenario" --out "$shots"
exit $?
