"""Full screen without waiting (issue 17): the terminal's window covers the whole X screen
from its first frame, and asks for the full-screen state only after that frame (SDL waits
~100 ms for a window manager when asked before). Runs the real guichet under Xvfb, landscape
and portrait; the trace (GUICHET_STARTUP_TRACE) gives the order of the two events.

Usage: fullscreen_test.py --binary GUICHET --root REPO --out DIR WIDTHxHEIGHT...
"""

import argparse
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import xwindow  # noqa: E402


def geometry(display, name):
    out = subprocess.run(["xwininfo", "-name", name], capture_output=True, text=True,
                         env={**os.environ, "DISPLAY": display}).stdout
    grab = lambda key: int(re.search(key + r":\s+(-?\d+)", out).group(1))
    return grab("Absolute upper-left X"), grab("Absolute upper-left Y"), grab("Width"), grab("Height")


def check(args, width, height):
    x = xwindow.Xvfb(width, height)
    term = None
    try:
        term = xwindow.Terminal(args.root, args.binary, x, os.path.join(args.root, "tests/window/terminal.toml"),
                                os.path.join(args.out, f"{width}x{height}"), env={"GUICHET_STARTUP_TRACE": "1"})
        term.settle()
        deadline = time.monotonic() + 10
        log = ""
        while "full-screen state set" not in log and time.monotonic() < deadline:
            with open(term.log_path) as f:
                log = f.read()
            time.sleep(0.05)
        first, full = log.find("startup: first frame presented"), log.find("startup: full-screen state set")
        if first < 0 or full < 0:
            raise xwindow.Failure(f"{width}x{height}: the trace lacks the first frame or the full-screen state:\n{log[-800:]}")
        if full < first:
            raise xwindow.Failure(f"{width}x{height}: the full-screen state was asked for before the first frame")
        got = geometry(x.display, "Guichet")
        if got != (0, 0, width, height):
            raise xwindow.Failure(f"{width}x{height}: the window is {got[2]}x{got[3]}+{got[0]}+{got[1]}, "
                                  f"not the whole screen")
        print(f"ok {width}x{height}: whole screen, full-screen state after the first frame")
    finally:
        if term:
            term.stop()
        x.stop()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--binary", required=True)
    p.add_argument("--root", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("sizes", nargs="+")
    args = p.parse_args()
    try:
        for s in args.sizes:
            w, h = map(int, s.split("x"))
            check(args, w, h)
    except xwindow.Failure as e:
        print(f"FAILED: {e}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
