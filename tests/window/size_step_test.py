"""A scenario's `size` step in the real full-screen window (the demo tour, `bash
scripts/demo.sh` without a display, turns the screen to portrait): the full-screen window
must take the size asked. Turn 4 broke it (full screen asked after the first frame: SDL
then keeps a full-screen window at the display's size) and only the README's first command
showed it. Runs the real guichet under Xvfb 1920x1080 with the default renderer.

Usage: size_step_test.py --binary GUICHET --root REPO --out DIR
"""

import argparse
import os
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import xwindow  # noqa: E402


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    return struct.unpack(">II", head[16:24])


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--binary", required=True)
    p.add_argument("--root", required=True)
    p.add_argument("--out", required=True)
    args = p.parse_args()
    os.makedirs(args.out, exist_ok=True)
    x = xwindow.Xvfb(1920, 1080)
    try:
        with tempfile.TemporaryDirectory() as data:
            scenario = os.path.join(data, "size.scenario")
            with open(scenario, "w") as f:
                f.write("shot landscape\nsize 1080x1920\nshot portrait\nsize 1920x1080\nshot landscape-again\n")
            run = subprocess.run([args.binary, "--demo", "--scenario", scenario, "--out", args.out,
                                  "--data", os.path.join(data, "d")], cwd=args.root, capture_output=True, text=True,
                                 timeout=120, env={**os.environ, "DISPLAY": x.display, "SDL_AUDIODRIVER": "dummy"})
            if run.returncode != 0:
                print(f"FAILED: guichet exited with {run.returncode}:\n{run.stderr[-1500:]}")
                return 1
        want = {"landscape": (1920, 1080), "portrait": (1080, 1920), "landscape-again": (1920, 1080)}
        for name, size in want.items():
            path = os.path.join(args.out, f"{name}.png")
            if not os.path.exists(path):
                print(f"FAILED: no screenshot {path} (have: {sorted(os.listdir(args.out))})")
                return 1
            if png_size(path) != size:
                print(f"FAILED: {name}: the screenshot is {png_size(path)}, not {size}")
                return 1
        print("ok: the size step turns the full-screen window to portrait and back")
        return 0
    finally:
        x.stop()


if __name__ == "__main__":
    sys.exit(main())
