#!/usr/bin/env bash
# The time budget of .ci/run (.ci/budget.sh) with a budget of seconds and fake parts:
# a passing part is ok, a failing one FAILED, a slow one cut (and its children killed), a
# part that failed before the cut FAILED, a part with too little left not started, a part
# deaf to TERM killed; ci.sanitizer-and-fuzz-parts' script turns each into pass/fail/skip.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CI_LOGS=$work GUICHET_CI_STATUS=$work/status
bad=0
check() {  # check WHAT COMMAND...: COMMAND must succeed
  local what=$1; shift
  if "$@"; then echo "ok: $what"; else echo "FAIL: $what"; bad=1; fi
}
# fresh BUDGET RESERVE MIN: a new status file and a run that starts now
fresh() {
  : > "$GUICHET_CI_STATUS"
  export CI_START=$(date +%s) CI_BUDGET_SECONDS=$1 CI_NORMAL_RESERVE=$2 CI_PART_MIN=$3 CI_KILL_GRACE=1
  source "$ROOT/.ci/budget.sh"
}
line() { grep "^$1 " "$GUICHET_CI_STATUS"; }

# The arithmetic: 1000 s budget, 100 s gone, 300 s kept for the normal suite, 1 s grace.
fresh 1000 300 10
CI_START=$(( $(date +%s) - 100 ))
left=$(budget_for_part)
check "budget left is budget - elapsed - reserve - grace (599, got $left)" test "$left" -ge 598 -a "$left" -le 599
CI_START=$(( $(date +%s) - 5000 ))
check "never below zero (got $(budget_for_part))" test "$(budget_for_part)" = 0

# ok, FAILED, cut, failed-then-cut, not started.
fresh 6 0 2
run_part quick true > /dev/null
run_part failing sh -c 'echo "1/1 Test #1: something ...***Failed"; exit 8' > /dev/null
run_part asan_report sh -c 'echo "==1==ERROR: AddressSanitizer: heap-use-after-free"; sleep 30' > /dev/null
check "a passing part is ok" grep -q "^quick ok " "$GUICHET_CI_STATUS"
check "a failing part is FAILED" grep -q "^failing FAILED " "$GUICHET_CI_STATUS"
check "a sanitizer report before the cut is FAILED, not cut" grep -q "^asan_report FAILED " "$GUICHET_CI_STATUS"
run_part late true > /dev/null
check "a part with less than CI_PART_MIN left is not started" grep -q "^late cut by the time budget: not started" "$GUICHET_CI_STATUS"
bash "$ROOT/tests/ci/earlier_parts.sh" > "$work/report"; rc=$?
check "the ci test fails when a part FAILED (rc $rc)" test $rc = 1

# A failed part's report names what failed, from its log: CI shows only its own output.
fresh 100 0 2
run_part tsan sh -c 'printf "%s\n" "WARNING: ThreadSanitizer: data race (pid=7)" "  Write of size 8 at 0x1 by thread T2:" \
  "SUMMARY: ThreadSanitizer: data race kiosk/outbox/worker.cpp:42 in drain" \
  "99% tests passed, 1 tests failed out of 3" "The following tests FAILED:" \
  "	 12 - upload.a named racing test (Failed)" "Errors while running CTest"; exit 8' > /dev/null
bash "$ROOT/tests/ci/earlier_parts.sh" > "$work/report"; rc=$?
check "the report names the failed test" grep -q "12 - upload.a named racing test (Failed)" "$work/report"
check "the report has the sanitizer's summary" grep -q "SUMMARY: ThreadSanitizer: data race kiosk/outbox/worker.cpp:42" "$work/report"
check "the report quotes the first report" grep -q "Write of size 8 at 0x1 by thread T2" "$work/report"

fresh 4 0 2
t0=$(date +%s)
mark=$$  # the sleeps carry this run's pid, so that a parallel run of this test is not seen
run_part slow bash -c "sleep 3131.$mark & sleep 3132.$mark; wait" > /dev/null
took=$(( $(date +%s) - t0 ))
check "a slow part is cut by the time budget" grep -q "^slow cut by the time budget after" "$GUICHET_CI_STATUS"
check "within its limit (took ${took}s of a 3 s limit + 1 s grace)" test "$took" -le 5
sleep 0.5
check "the cut part's children are gone too" sh -c "! pgrep -f 'sleep 313[12].$mark' > /dev/null"
bash "$ROOT/tests/ci/earlier_parts.sh" > /dev/null; rc=$?
check "the ci test reports a cut part as skipped, not passed (rc $rc)" test $rc = 77

fresh 4 0 2
t0=$(date +%s)
run_part deaf bash -c "trap '' TERM; sleep 3133.$mark & while :; do sleep 0.2; done" > /dev/null 2>&1
took=$(( $(date +%s) - t0 ))
check "a part deaf to TERM is killed after the grace and reported cut" grep -q "^deaf cut by the time budget" "$GUICHET_CI_STATUS"
check "within limit + grace (took ${took}s)" test "$took" -le 6
sleep 0.5
check "and its children too" sh -c "! pgrep -f 'sleep 313[3].$mark' > /dev/null"

fresh 100 0 2
run_part fuzz true > /dev/null
run_part asan true > /dev/null
bash "$ROOT/tests/ci/earlier_parts.sh" > /dev/null; rc=$?
check "every part ok: the ci test passes (rc $rc)" test $rc = 0

# .ci/run itself, in a copy of its folder with fake parts and a fake normal suite: the
# cheap part passes, the slow one is cut, the last is not started, the normal suite still
# runs, last, and reports the cut as skipped; the run stays within its budget.
sandbox=$work/clone
mkdir -p "$sandbox/.ci" "$sandbox/scripts" "$sandbox/tests/ci"
cp "$ROOT/.ci/run" "$ROOT/.ci/budget.sh" "$sandbox/.ci/"
cp "$ROOT/tests/ci/earlier_parts.sh" "$sandbox/tests/ci/"
echo "# none" > "$sandbox/tests/known-failing.txt"
printf '#!/bin/sh\nexit 0\n' > "$sandbox/scripts/install-deps.sh"
cat > "$sandbox/.ci/parts.sh" <<'PARTS'
case "$1" in
  fuzz) echo "fuzz: 13 targets, corpora replayed" ;;
  tsan) sleep 30 ;;
  *) echo "this part must not start"; exit 1 ;;
esac
PARTS
cat > "$sandbox/scripts/test.sh" <<'NORMAL'
[ "${TEST_SH_BUILD_ONLY:-0}" = 1 ] && exit 0
bash tests/ci/earlier_parts.sh > /dev/null
echo "normal suite: ci test exit $?"
echo "100% tests passed, 0 tests failed out of 1"
NORMAL
t0=$(date +%s)
# CI_SANITIZERS=1: the parts must run here even in a quick outer run (CI_SANITIZERS=0).
out=$(CI_SANITIZERS=1 CI_START= CI_BUDGET_SECONDS=9 CI_NORMAL_RESERVE=2 CI_PART_MIN=3 CI_KILL_GRACE=1 bash "$sandbox/.ci/run" 2>&1)
rc=$?
took=$(( $(date +%s) - t0 ))
st=$sandbox/ci-logs/status
check ".ci/run exits 0 when a part was only cut (rc $rc)" test $rc = 0
check "fuzz ok" grep -q "^fuzz ok " "$st"
check "tsan cut by the time budget" grep -q "^tsan cut by the time budget after" "$st"
check "asan not started" grep -q "^asan cut by the time budget: not started" "$st"
check "the normal suite ran and saw the cut as skipped (77)" grep -q "normal suite: ci test exit 77" <<< "$out"
check "ctest's summary is the last line printed" test "$(tail -n1 <<< "$out")" = "100% tests passed, 0 tests failed out of 1"
check "within its budget (took ${took}s of 9 s)" test "$took" -le 9

[ $bad = 0 ] && echo "budget: all checks passed"
exit $bad
