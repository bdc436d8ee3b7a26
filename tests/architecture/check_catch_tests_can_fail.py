#!/usr/bin/env python3
"""Every Catch2 test that ctest runs must be able to fail when its name matches nothing.

ctest registers each Catch2 test case by name (catch_discover_tests) and runs the binary
with that name. A name ctest cannot carry whole (a ';' splits it into two tests) runs
nothing, and Catch2 exits 0 when nothing ran: six tests passed that way until turn 6.
guichet_add_test passes --warn NoTests so that such a run fails; this checks that every
Catch2 test in the build has it, and that the build registered no half-name.
Usage: check_catch_tests_can_fail.py BUILD_DIR
"""
import json
import subprocess
import sys

build = sys.argv[1]
out = subprocess.run(["ctest", "--show-only=json-v1"], cwd=build, capture_output=True, text=True, check=True).stdout
tests = json.loads(out)["tests"]
catch = [t for t in tests if any(a.endswith("NoTests") or a == "--warn" for a in t.get("command", []))
         or any("/tests/" in a and "/test_" in a.rsplit("/", 1)[-1] for a in t.get("command", [])[:3])]
bad = []
for t in catch:
    cmd = t.get("command", [])
    # Only the binaries built by guichet_add_test (a test_* executable followed by its test name).
    exe = [a for a in cmd if a.rsplit("/", 1)[-1].startswith("test_") and not a.endswith((".sh", ".py"))]
    if not exe:
        continue
    if "--warn" not in cmd or "NoTests" not in cmd:
        bad.append(t["name"] + ": runs without --warn NoTests")
names = [t["name"] for t in tests]
print(f"{len(catch)} Catch2 tests checked of {len(names)}")
if bad:
    print("\n".join(bad[:20]))
    sys.exit(1)
