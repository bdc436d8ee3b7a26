#!/usr/bin/env bash
# Reads .ci/run's status file: one line per part, "NAME ok|FAILED|cut by the time budget …".
# Fails when a part FAILED; reports SKIPPED (exit 77, ctest's SKIP_RETURN_CODE) when a part
# was cut by the time budget or the parts were left out: never "passed" for what did not run.
status=${GUICHET_CI_STATUS:-}
if [ -z "$status" ]; then
  echo "SKIPPED: not under .ci/run (no GUICHET_CI_STATUS)"
  exit 77
fi
[ -s "$status" ] || { echo "ci: $status is missing or empty: the earlier parts did not run"; exit 1; }
cat "$status"
if grep -q " FAILED " "$status"; then
  # What failed, from each failed part's log, so that CI's own output names it: the tests
  # ctest lists as failed and the sanitizers' one-line summaries, then the first report.
  logs=$(dirname "$status")
  for part in $(sed -n 's/^\([a-z-]*\) FAILED .*/\1/p' "$status"); do
    log=$logs/$part.log
    echo "ci: $part FAILED (its log: $log)"
    [ -f "$log" ] || continue
    sed -n '/The following tests FAILED:/,/^Errors while running/p' "$log" | sed 's/^/    /'
    grep -E "^SUMMARY: |fuzz: .*FAILED" "$log" | sort | uniq -c | head -n 20 | sed 's/^/    /'
    first=$(grep -n -m1 -E "^(WARNING|ERROR): (Thread|Address|Leak)Sanitizer|runtime error:" "$log" | cut -d: -f1)
    if [ -n "$first" ]; then
      echo "    first report, from line $first of $log:"
      tail -n +"$first" "$log" | head -n 40 | sed 's/^/      /'
    fi
  done
  exit 1
fi
if grep -qE " cut by the time budget|sanitizers left out" "$status"; then
  echo "SKIPPED: not every sanitizer/fuzz part ran to its end (see above); none failed"
  exit 77
fi
grep -qE "^(fuzz|asan|tsan) ok " "$status" || { echo "ci: no part ran"; exit 1; }
exit 0
