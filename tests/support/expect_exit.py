#!/usr/bin/env python3
"""Runs a command and checks BOTH its exit code and its output.

CTest ignores a test's exit code once PASS_REGULAR_EXPRESSION is set, so a test that
must fail with code N and say why cannot be written with ctest properties alone.

  expect_exit.py --code N --match REGEX [--match REGEX ...] [--timeout S] -- command args...

Each REGEX (Python syntax) must be found in the combined stdout+stderr. A sanitizer
report in the output fails the test whatever the exit code (an ASan leak report at exit
would otherwise be taken for the expected code 1).
"""
import argparse
import re
import subprocess
import sys

SANITIZER = re.compile(r"ERROR: (Address|Leak|Thread|Memory)Sanitizer|runtime error: |WARNING: ThreadSanitizer")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--code", type=int, required=True)
    p.add_argument("--match", action="append", default=[])
    p.add_argument("--timeout", type=float, default=240)
    p.add_argument("command", nargs=argparse.REMAINDER)
    a = p.parse_args()
    cmd = a.command[1:] if a.command[:1] == ["--"] else a.command
    if not cmd:
        p.error("no command")
    try:
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=a.timeout)
    except subprocess.TimeoutExpired as e:
        sys.stdout.write((e.output or b"").decode("utf-8", "replace"))
        print(f"expect_exit: timed out after {a.timeout} s")
        return 1
    out = r.stdout.decode("utf-8", "replace")
    sys.stdout.write(out)
    bad = []
    if r.returncode != a.code:
        bad.append(f"exit code {r.returncode}, expected {a.code}")
    for m in a.match:
        if not re.search(m, out):
            bad.append(f"output lacks /{m}/")
    if SANITIZER.search(out):
        bad.append("sanitizer report in the output")
    for b in bad:
        print("expect_exit: FAIL: " + b)
    if not bad:
        print(f"expect_exit: ok (exit {r.returncode}, {len(a.match)} message(s) found)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
