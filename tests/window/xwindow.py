"""The real window, under Xvfb: a private X server, the real `guichet` binary full screen
with its default renderer (OpenGL 3 on Mesa llvmpipe), real X input (xdotool: pointer
moves, button presses, key presses), and the real frame read back from the X server (xwd).

The terminal helps the tests find things: `--a11y-dump FILE` makes it write, after every
frame it presents, each control's rectangle and label (ui/host/a11y_dump.hpp). Waits are
event-driven: after an input, the dump file is polled until it counts that input as
received and the terminal has settled (never a fixed sleep).

Standard library only (Debian's python3); the X tools come from the xvfb, xdotool and
x11-apps packages (scripts/install-deps.sh).
"""

import json
import os
import shutil
import signal
import struct
import subprocess
import tempfile
import time
import zlib

SKIP = 77  # CTest SKIP_RETURN_CODE: only when no X server can run here at all


class Failure(Exception):
    """A scenario step that failed: the message says what and where."""


# --------------------------------------------------------------------------- X server


class Xvfb:
    """A private X server on a display number it chooses itself (-displayfd): parallel
    tests never collide."""

    def __init__(self, width, height):
        if not shutil.which("Xvfb"):
            raise SystemExit(SKIP)
        r, w = os.pipe()
        self.proc = subprocess.Popen(
            ["Xvfb", "-displayfd", str(w), "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp",
             "-noreset", "+extension", "GLX"],
            pass_fds=(w,), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        os.close(w)
        number = b""
        deadline = time.monotonic() + 15
        os.set_blocking(r, False)
        while time.monotonic() < deadline and not number.endswith(b"\n"):
            try:
                chunk = os.read(r, 16)
                if not chunk:
                    break
                number += chunk
            except BlockingIOError:
                if self.proc.poll() is not None:
                    break
                time.sleep(0.02)
        os.close(r)
        if not number.strip():
            err = self.proc.stderr.read().decode(errors="replace") if self.proc.poll() is not None else ""
            self.stop()
            print("Xvfb could not start: " + err.strip()[-400:])
            raise SystemExit(SKIP)
        self.display = ":" + number.decode().strip()
        self.width, self.height = width, height

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


# --------------------------------------------------------------------------- frames


def grab(display):
    """The X server's screen as (width, height, rgb bytes), via xwd (ZPixmap, 24/32 bpp)."""
    out = subprocess.run(["xwd", "-root", "-silent", "-display", display], check=True,
                         stdout=subprocess.PIPE).stdout
    (header_size, _version, _format, depth, width, height, _xoff, byte_order, _unit, _bit_order, _pad,
     bits_per_pixel, bytes_per_line, _visual, red_mask, green_mask, blue_mask, _bits_rgb, _cmap_entries,
     ncolors, _ww, _wh, _wx, _wy, _border) = struct.unpack(">25I", out[:100])
    if bits_per_pixel not in (24, 32) or depth < 24:
        raise Failure(f"xwd: unexpected frame format ({depth} bits deep, {bits_per_pixel} bits a pixel)")
    data = out[header_size + ncolors * 12:]
    order = "<" if byte_order == 0 else ">"
    rgb = bytearray(width * height * 3)
    shifts = [(m & -m).bit_length() - 1 for m in (red_mask, green_mask, blue_mask)]
    # Fast path: little-endian BGR(X), the common layout (masks 0xff0000/0xff00/0xff); Xvfb
    # packs 24 bits a pixel for some screen widths (1080x1920), 32 for others.
    bpp = bits_per_pixel // 8
    if bytes_per_line // width in (3, 4):
        bpp = bytes_per_line // width  # what the rows really hold
    if order == "<" and (red_mask, green_mask, blue_mask) == (0xFF0000, 0xFF00, 0xFF):
        for y in range(height):
            row = data[y * bytes_per_line:y * bytes_per_line + width * bpp]
            dst = y * width * 3
            rgb[dst + 0:dst + width * 3:3] = row[2::bpp]
            rgb[dst + 1:dst + width * 3:3] = row[1::bpp]
            rgb[dst + 2:dst + width * 3:3] = row[0::bpp]
        return width, height, bytes(rgb)
    if bpp != 4:
        raise Failure(f"xwd: unexpected frame layout ({bits_per_pixel} bits a pixel, masks {red_mask:x})")
    for y in range(height):
        for x in range(width):
            (p,) = struct.unpack_from(order + "I", data, y * bytes_per_line + x * 4)
            i = (y * width + x) * 3
            rgb[i] = (p & red_mask) >> shifts[0]
            rgb[i + 1] = (p & green_mask) >> shifts[1]
            rgb[i + 2] = (p & blue_mask) >> shifts[2]
    return width, height, bytes(rgb)


def write_png(path, frame):
    width, height, rgb = frame
    raw = b"".join(b"\x00" + rgb[y * width * 3:(y + 1) * width * 3] for y in range(height))

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) +
                chunk(b"IDAT", zlib.compress(raw, 3)) + chunk(b"IEND", b""))


def region_stats(frame, rect, step=3):
    """(distinct colours, share of pixels that differ from the most common one) in rect
    (x, y, w, h), sampling every `step` pixels: a blank page has one colour."""
    width, height, rgb = frame
    x0, y0 = max(0, int(rect[0])), max(0, int(rect[1]))
    x1, y1 = min(width, int(rect[0] + rect[2])), min(height, int(rect[1] + rect[3]))
    counts = {}
    for y in range(y0, y1, step):
        row = y * width * 3
        for x in range(x0, x1, step):
            i = row + x * 3
            c = rgb[i:i + 3]
            counts[c] = counts.get(c, 0) + 1
    total = sum(counts.values()) or 1
    return len(counts), 1.0 - max(counts.values(), default=0) / total


def region_differs(a, b, rect, step=2):
    """Share of sampled pixels of rect that differ between two frames."""
    width, _, ra = a
    _, _, rb = b
    x0, y0 = int(rect[0]), int(rect[1])
    x1, y1 = int(rect[0] + rect[2]), int(rect[1] + rect[3])
    diff = total = 0
    for y in range(y0, y1, step):
        for x in range(x0, x1, step):
            i = (y * width + x) * 3
            total += 1
            diff += ra[i:i + 3] != rb[i:i + 3]
    return diff / max(1, total)


# --------------------------------------------------------------------------- terminal


KEYS = {  # scenario key names -> X keysyms
    "up": "Up", "down": "Down", "left": "Left", "right": "Right", "tab": "Tab", "shift-tab": "shift+Tab",
    "enter": "Return", "back": "Escape", "escape": "Escape", "help": "F1", "delete": "BackSpace",
    "space": "space", "speech": "F2", "repeat": "F3",
}


class Terminal:
    """The real guichet process in the X server, and what it last showed."""

    def __init__(self, root, binary, xvfb, config, out_dir, extra_args=(), env=None):
        self.root, self.x, self.out_dir = root, xvfb, out_dir
        os.makedirs(out_dir, exist_ok=True)
        self.tmp = tempfile.mkdtemp(prefix="guichet-window-")
        self.dump_path = os.path.join(self.tmp, "a11y.json")
        self.log_path = os.path.join(out_dir, "guichet.log")
        e = dict(os.environ)
        e.update({"DISPLAY": xvfb.display, "SDL_AUDIODRIVER": "dummy", "GUICHET_TODAY": "2026-11-28",
                  "GUICHET_CATALOGUE": os.path.join(root, "config/procedures")})
        e.pop("WAYLAND_DISPLAY", None)
        e.pop("SDL_VIDEODRIVER", None)
        e.update(env or {})
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen(
            [binary, "--demo", "--config", config, "--data", os.path.join(self.tmp, "data"),
             "--a11y-dump", self.dump_path, *extra_args],
            cwd=root, env=e, stdout=self.log, stderr=subprocess.STDOUT)
        self.dump = None
        self.shots = 0
        first = self.wait(lambda d: True, "the first frame", timeout=30)
        self.sent = dict(first["inputs"])  # what the terminal must have received (see press)

    # ---- the dump

    def read(self):
        try:
            with open(self.dump_path) as f:
                return json.load(f)
        except (FileNotFoundError, json.JSONDecodeError):
            return None

    def alive(self):
        if self.proc.poll() is not None:
            raise Failure(f"guichet exited with status {self.proc.returncode} (log: {self.log_path})")

    def wait(self, pred, what, timeout=10.0, after=None):
        """Polls the dump until a frame newer than `after` satisfies pred."""
        deadline = time.monotonic() + timeout
        while True:
            self.alive()
            d = self.read()
            if d and (after is None or d["frame"] > after) and pred(d):
                self.dump = d
                return d
            if time.monotonic() > deadline:
                self.dump = d or self.dump
                raise Failure(f"timed out after {timeout:.0f} s waiting for {what} (screen "
                              f"'{(d or {}).get('screen')}', frame {(d or {}).get('frame')})")
            time.sleep(0.015)

    def settle(self, timeout=15.0, after=None):
        """Waits until the terminal has drawn past `after` and gone to sleep (the dump says
        "settled" when the loop has nothing more to draw until input or a timer)."""
        return self.wait(lambda d: d.get("settled"), "the terminal to settle", timeout=timeout,
                         after=None if after is None else after)

    def frame(self):
        return (self.read() or {"frame": -1})["frame"]

    # ---- input (real X events)
    #
    # Every send waits for the terminal to have RECEIVED what was sent (the dump counts keys,
    # presses and releases) and then to have settled: only that dump shows the effect. A
    # wait for "any newer settled frame" read frames drawn for a timer or a speech wake-up
    # between the send and its receipt (issue 14: "4 sur 5" not found under load, because a
    # second Enter reached a part turned by the first).

    def xdotool(self, *args):
        if os.environ.get("GUICHET_WINDOW_TRACE"):
            d = self.read() or {}
            print(f"  {time.monotonic():.2f} xdotool {' '.join(map(str, args))}  [frame {d.get('frame')} screen {d.get('screen')} "
                  f"focus {d.get('focused')} settled {d.get('settled')}]", flush=True)
        subprocess.run(["xdotool", *map(str, args)], check=True, env={**os.environ, "DISPLAY": self.x.display})

    def _count(self, kind, n=1):
        """What the terminal must have received of `kind` once the n next ones arrive (raw
        xdotool gestures, e.g. the console's five corner taps, are counted by the dump)."""
        received = ((self.read() or {}).get("inputs") or {}).get(kind, 0)
        self.sent[kind] = max(self.sent[kind], received) + n
        return self.sent[kind]

    def _received(self, kind, want, what, also=lambda d: True, timeout=15.0):
        try:
            return self.wait(lambda d: d["inputs"][kind] >= want and also(d), what, timeout=timeout)
        except Failure as e:
            got = ((self.read() or {}).get("inputs") or {}).get(kind)
            raise Failure(f"{e}; the terminal received {got} {kind} of the {want} sent") from None

    def press(self, sym, times=1):
        """Presses the X key `sym` (e.g. "Tab", "shift+Tab", "2") `times` times in one burst and
        returns the settled screen once the terminal has received every press."""
        want = self._count("keys", times)
        self.xdotool("key", "--clearmodifiers", *([sym] * times))
        return self._received("keys", want, f"the key {sym} to be handled", also=lambda d: d.get("settled"))

    def click(self, x, y):
        """A tap at (x, y): the finger arrives, presses, lifts; returns the settled screen
        once the terminal has seen the release."""
        self.xdotool("mousemove", int(x), int(y))
        want = self._count("presses")
        self.xdotool("mousedown", 1)
        # A finger rests at least a frame: lift once the terminal has handled the press.
        self._received("presses", want, "the press to be seen",
                       also=lambda d: d["pointer"]["down"] or d.get("settled"))
        return self.release()

    def release(self):
        want = self._count("releases")
        self.xdotool("mouseup", 1)
        return self._received("releases", want, "the tap to be handled",
                              also=lambda d: d.get("settled") and not d["pointer"]["down"])

    def drag(self, x, y, dy, steps=8):
        want = self._count("presses")
        self.xdotool("mousemove", int(x), int(y), "mousedown", 1)
        self._received("presses", want, "the finger to be seen")
        for i in range(1, steps + 1):
            time.sleep(0.02)  # the finger's pace (a gesture), not a wait for the screen
            self.xdotool("mousemove", int(x), int(y + dy * i / steps))
        time.sleep(0.05)
        return self.release()

    def key(self, name):
        return self.press(KEYS.get(name, name))

    # ---- reading the screen

    def grab(self):
        return grab(self.x.display)

    def shot(self, name, frame=None):
        self.shots += 1
        path = os.path.join(self.out_dir, f"{self.shots:03d}-{name}.png")
        write_png(path, frame or self.grab())
        return path

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        shutil.rmtree(self.tmp, ignore_errors=True)


# --------------------------------------------------------------------------- finding controls


def controls(d):
    return [n for n in d["nodes"] if n["focusable"] and not n["disabled"]]


def find_control(d, text):
    for n in controls(d):
        if n["label"] == text:
            return n
    for n in controls(d):
        if text in n["label"]:
            return n
    return None


def by_id(d, ident):
    for n in d["nodes"]:
        if n["id"] == ident:
            return n
    return None


def centre(n):
    x, y, w, h = n["rect"]
    return x + w / 2, y + h / 2
