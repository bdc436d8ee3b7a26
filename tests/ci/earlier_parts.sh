#!/usr/bin/env bash
# Reads .ci/run's status file: one line per part, "name ok|FAILED seconds what".
status=${GUICHET_CI_STATUS:-}
if [ -z "$status" ]; then
  echo "SKIPPED: not under .ci/run (no GUICHET_CI_STATUS)"
  exit 77
fi
[ -s "$status" ] || { echo "ci: $status is missing or empty: the earlier parts did not run"; exit 1; }
cat "$status"
! grep -q " FAILED " "$status"
