#!/usr/bin/env bash
# The sanitizer and fuzz parts of .ci/run, one per call: bash .ci/parts.sh fuzz|asan|tsan
# (.ci/run runs each under the time budget's `timeout`, .ci/budget.sh). Run alone, a part
# builds its folder and runs its tests exactly as in CI.
# Tests listed in tests/known-failing.txt (named debts) are left out with the same -E as
# scripts/test.sh; nothing else is left out silently. Every part halts on the first report.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
JOBS=$(nproc)
# Tests mostly wait (devices, timers, servers on loopback): at -j2 the suite kept 1.1 cores
# busy; the ASan selection took 620 s at -j2, 282 s at -j4, every test passing (turn 7).
SAN_TEST_JOBS=${SAN_TEST_JOBS:-$(( JOBS * 2 ))}
FUZZ_SECONDS=${FUZZ_SECONDS:-6}
export GUICHET_NO_SKIP=${GUICHET_NO_SKIP:-1}
export CCACHE_BASEDIR=$ROOT
KNOWN=$(sed -e 's/[[:space:]]*#.*$//' -e '/^[[:space:]]*$/d' tests/known-failing.txt | paste -sd'|')
CCACHE=()
command -v ccache >/dev/null && CCACHE=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
# -O1 -g1 (line tables only): the sanitizers' own advice for speed (stack traces keep
# file:line), and a third less compile time than -O2 -g on a fresh CI machine's empty cache.
# Unity batches (cmake/unity_build.cmake) and lld: the build cost of each part, turn 7.
SAN_FLAGS=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DGUICHET_BENCH=OFF -DCMAKE_UNITY_BUILD=ON
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG")
if command -v ld.lld >/dev/null; then
  SAN_FLAGS+=(-DCMAKE_EXE_LINKER_FLAGS=-fuse-ld=lld -DCMAKE_SHARED_LINKER_FLAGS=-fuse-ld=lld)
fi

# 1. fuzz: clang build of the libFuzzer targets (ASan + UBSan): every corpus replayed, then
#    each target run for FUZZ_SECONDS (new inputs kept out of the repository).
fuzz_part() {
  bash scripts/fuzz-build.sh build-fuzz || return 1
  export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:allocator_may_return_null=1
  export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
  local bad=0 t
  for t in $(sed -n 's/^guichet_fuzz_target(\([a-z0-9_]*\).*/\1/p' tests/fuzz/CMakeLists.txt); do
    local exe=build-fuzz/tests/fuzz/fuzz_$t scratch=build-fuzz/ci-corpus/$t
    rm -rf "$scratch" && mkdir -p "$scratch"
    # Replay: every checked-in input once.
    if ! "$exe" -runs=0 "tests/fuzz/corpus/$t" > "build-fuzz/replay-$t.log" 2>&1; then
      echo "fuzz: $t: replay of tests/fuzz/corpus/$t FAILED"; tail -n 30 "build-fuzz/replay-$t.log"; bad=1; continue
    fi
    # A short run from the corpus; new inputs go to the scratch folder, crashes to build-fuzz/.
    if "$exe" -max_total_time="$FUZZ_SECONDS" -rss_limit_mb=2048 -timeout=10 -artifact_prefix=build-fuzz/ \
         "$scratch" "tests/fuzz/corpus/$t" > "build-fuzz/run-$t.log" 2>&1; then
      echo "fuzz: $t: $(grep -o 'Done [0-9]* runs in [0-9]* second(s)' "build-fuzz/run-$t.log" | tail -n1)"
    else
      echo "fuzz: $t: FAILED (crash input in build-fuzz/)"; tail -n 30 "build-fuzz/run-$t.log"; bad=1
    fi
  done
  local n; n=$(ls build-fuzz/tests/fuzz/ | grep -c '^fuzz_')
  echo "fuzz: $n targets, corpora replayed, ${FUZZ_SECONDS}s each"
  return $bad
}

# 2. asan: clang AddressSanitizer + UndefinedBehaviorSanitizer build, whole suite,
#    halt_on_error (umockdev tests included), leaks fail. Clang, not GCC: with its
#    precompiled headers (cmake/precompiled_headers.cmake, on with clang) the build costs
#    about half of GCC's (turn 6 measured both: docs/notes/turn-6/lead.md), which is what lets
#    a whole ASan run fit CI's 45 minutes. Clang links the runtime statically; the umockdev
#    wrapper (scripts/umockdev-asan-wrapper.sh) then preloads nothing before umockdev. The real-window GL tests (label
#    `window`) are left to the normal run: Mesa's GL driver leaks and races inside itself,
#    which is not ours to fix.
#    The two whole-terminal walks (keypad-only: every page of every procedure by keypad with
#    speech; demo-tour: the 199-step tour) are left to the normal part: under ASan they took
#    645 of the suite's 2 706 test-seconds here (turn 5), more than a 2-core CI run can give
#    after the ASan build. Every other test runs, the per-screen scenarios included.
ASAN_LEFT_OUT='keypad-only|demo-tour'
asan_part() {
  cmake -S . -B build-asan -DGUICHET_ASAN=ON -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    "${SAN_FLAGS[@]}" "${CCACHE[@]}" >/dev/null &&
    cmake --build build-asan -j"$JOBS" || return 1
  (cd build-asan &&
    ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:abort_on_error=0:strict_string_checks=1 \
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    LSAN_OPTIONS=suppressions=$ROOT/scripts/lsan-suppressions.txt \
    ctest --output-on-failure -j"$SAN_TEST_JOBS" -LE window -E "$ASAN_LEFT_OUT${KNOWN:+|$KNOWN}" --timeout 900)
}

# 3. tsan: clang ThreadSanitizer build (with PCH, as asan) of the threaded services' tests (uploader, card,
#    scanner, printer, speech, USB hotplug). The scenario and keypad-only tests drive the
#    whole terminal for minutes under TSan; the ASan run covers them.
#    Two races TSan found inside libusb's hand-offs are designed out, not suppressed
#    (turn 5): blocking transfers hand their completion over through our own mutex
#    (drivers/usb/blocking_transfer.hpp), and a departing device is described from its
#    arrival, never by reading its descriptors while libusb frees them (drivers/usb/hotplug.cpp).
#    The wiping heap (drivers/common/wiping_heap.cpp, global operator new/delete) is left out
#    of this build only: clang's TSan runtime defines operator new/delete itself, and two
#    definitions do not link. The normal and ASan builds keep it (tests/wipe, common.*).
TSAN_REGEX='^(upload|card|scan|printer|speech|usb)\.'
TSAN_LEFT_OUT='scenario|keypad-only'
tsan_part() {
  cmake -S . -B build-tsan -DGUICHET_TSAN=ON -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DGUICHET_WIPING_HEAP=OFF "${SAN_FLAGS[@]}" "${CCACHE[@]}" >/dev/null &&
    cmake --build build-tsan -j"$JOBS" --target test_upload test_card test_card_usb test_scan test_scan_usb \
      test_printer test_speech test_usb guichetctl || return 1
  (cd build-tsan &&
    TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1:suppressions=$ROOT/scripts/tsan-suppressions.txt \
    ctest --output-on-failure -j"$SAN_TEST_JOBS" -R "$TSAN_REGEX" -E "$TSAN_LEFT_OUT${KNOWN:+|$KNOWN}" --timeout 900)
}

case "${1:-}" in
  fuzz|asan|tsan) "${1}_part" ;;
  *) echo "usage: bash .ci/parts.sh fuzz|asan|tsan" >&2; exit 2 ;;
esac
