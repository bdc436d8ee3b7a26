# Time budget of .ci/run (sourced). A CI run over 45 minutes does not land, so .ci/run keeps
# the whole run under CI_BUDGET_SECONDS (43 min) whatever happens: the normal suite always
# runs, last; each sanitizer part gets what is left of the budget minus a reserve kept for
# the normal suite's tests, as a hard `timeout`. A part cut by the budget is reported as
# "cut by the time budget" (never as passed, never as failed: ci.sanitizer-and-fuzz-parts
# reports it as SKIPPED); a part that failed before the cut still counts as FAILED.
#
# Settings (environment; tests/ci/test_budget.sh drives them with a budget of seconds):
#   CI_START            epoch seconds when the run began (set by .ci/run at its first line)
#   CI_BUDGET_SECONDS   whole run, default 2580 (43 min: 2 min of margin to the 45)
#   CI_NORMAL_RESERVE   kept for the normal suite's tests after the last part, default 420
#                       (its build is done before the parts; its 880 tests took 233 s at
#                       -j8 on 2 cores here, 596 s at -j2: scripts/test.sh runs 3 a core)
#   CI_PART_MIN         a part is not started with less than this left, default 180
#   CI_KILL_GRACE       seconds between TERM and KILL when a part is cut, default 20
#   GUICHET_CI_STATUS   the status file: one line per part, "NAME ok|FAILED|cut ... SECONDSs ..."
#   CI_LOGS             folder of the parts' logs (NAME.log)
CI_BUDGET_SECONDS=${CI_BUDGET_SECONDS:-2580}
CI_NORMAL_RESERVE=${CI_NORMAL_RESERVE:-420}
CI_PART_MIN=${CI_PART_MIN:-180}
CI_KILL_GRACE=${CI_KILL_GRACE:-20}

# Seconds a part may still take: budget - elapsed - reserve - the kill grace (a cut part
# may take that long to die), never below 0.
budget_for_part() {
  local elapsed=$(( $(date +%s) - CI_START ))
  local left=$(( CI_BUDGET_SECONDS - elapsed - CI_NORMAL_RESERVE - CI_KILL_GRACE ))
  (( left < 0 )) && left=0
  echo "$left"
}

# Lines of a part's log that mean a failure already happened, whatever came after.
part_failures_seen() {
  grep -E "\*\*\*Failed|\*\*\*Exception|\*\*\*Timeout|ERROR: (Address|Thread|Leak)Sanitizer|runtime error:|WARNING: ThreadSanitizer|fuzz: .*FAILED" "$1" | head -n 5
}

# run_part NAME COMMAND...: runs COMMAND within the budget, its output in $CI_LOGS/NAME.log,
# one line in the status file and one on the console. Always returns 0: the verdict is in
# the status file, read by the normal suite's ci.* test and by .ci/run's exit code.
run_part() {
  local name=$1; shift
  local log=$CI_LOGS/$name.log allow t0 rc secs summary seen
  allow=$(budget_for_part)
  if (( allow < CI_PART_MIN )); then
    echo "$name cut by the time budget: not started, ${allow}s left (needs ${CI_PART_MIN}s)" >> "$GUICHET_CI_STATUS"
    echo "ci: $name cut by the time budget: not started (${allow}s left of the budget)"
    return 0
  fi
  t0=$(date +%s)
  timeout --kill-after="$CI_KILL_GRACE" "$allow" "$@" > "$log" 2>&1
  rc=$?
  secs=$(( $(date +%s) - t0 ))
  summary=$(grep -E "tests passed|tests failed|fuzz: [0-9]+ targets" "$log" | tail -n1)
  if [ $rc -eq 0 ]; then
    echo "$name ok ${secs}s ${summary}" >> "$GUICHET_CI_STATUS"
    echo "ci: $name ok in ${secs}s — ${summary}"
    return 0
  fi
  seen=$(part_failures_seen "$log")
  if { [ $rc -eq 124 ] || [ $rc -eq 137 ]; } && [ -z "$seen" ]; then
    echo "$name cut by the time budget after ${secs}s (limit ${allow}s) ${summary}" >> "$GUICHET_CI_STATUS"
    echo "ci: $name cut by the time budget after ${secs}s (limit ${allow}s); last lines of $log:"
    tail -n 5 "$log" | sed 's/^/    /'
    return 0
  fi
  echo "$name FAILED ${secs}s ${summary}" >> "$GUICHET_CI_STATUS"
  echo "ci: $name FAILED in ${secs}s (exit $rc) — ${summary}; last lines of $log:"
  [ -n "$seen" ] && echo "$seen" | sed 's/^/    seen: /'
  tail -n 40 "$log" | sed 's/^/    /'
  return 0
}
