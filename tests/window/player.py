"""Replays the wizard's scenario files (tests/wizard/scenarios/*.standard.scenario) in the
real window, by touch (a click at the control's real coordinates, a drag to bring it into
view) or by keypad (Tab to the control, Enter; digits phone-style with speech on), and runs
the layout audit on every page it sees.
"""

import re
import os
import shlex
import time

import layout_audit
from xwindow import Failure, by_id, centre, controls, find_control, region_stats

COMMIT_PAUSE = 1.15  # [speech] multitap_ms = 1000 in tests/window/terminal.toml, plus margin

MULTITAP = {
    "0": [" ", "0"], "1": [".", ",", "-", "'", "@", "1"], "2": ["a", "b", "c", "à", "â", "ç", "2"],
    "3": ["d", "e", "f", "é", "è", "ê", "ë", "3"], "4": ["g", "h", "i", "î", "ï", "4"], "5": ["j", "k", "l", "5"],
    "6": ["m", "n", "o", "ô", "6"], "7": ["p", "q", "r", "s", "7"], "8": ["t", "u", "v", "ù", "û", "ü", "8"],
    "9": ["w", "x", "y", "z", "9"],
}


def multitap_of(ch):
    for digit, letters in MULTITAP.items():
        if ch in letters:
            return digit, letters.index(ch) + 1
    return None, 0


def parse(path):
    steps = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            words = shlex.split(line)
            steps.append((f"{os.path.basename(path)}:{number}", words[0], words[1:]))
    return steps


class Player:
    def __init__(self, term, mm, keypad=False, scale="standard", shots=False):
        self.t, self.mm, self.keypad, self.scale, self.shots = term, mm, keypad, scale, shots
        self.problems = []
        self.seen = set()
        self.pages = 0
        self.typed = None  # (field id, length) of the last field typed into
        self.lost_taps = []

    # ---- checks on every page

    def signature(self, d):
        return (d["screen"], d["title"], d["keyboardOpen"], d["phase"], round(d["page"]["scrollY"]),
                tuple(n["label"] for n in controls(d)))

    def check_page(self, where, entry=True):
        d = self.t.dump
        sig = self.signature(d)
        if sig in self.seen:
            return
        self.seen.add(sig)
        self.pages += 1
        found = [f"{where}: {p}" for p in layout_audit.audit(d, self.mm)]
        frame = self.t.grab()
        W, H = d["width"], d["height"]
        colours, ink = region_stats(frame, (0, 0, W, H), step=7)
        if colours < 3 or ink < 0.01:
            found.append(f"{where}: the screen is blank ({colours} colours) on '{d['screen']}'")
        if entry and self.keypad and not d["keyboardOpen"] and d["page"]["valid"] and d["page"]["scrollY"] <= 0.5:
            first = self.first_question(d)
            f = by_id(d, d["focused"]) if d["focused"] else None
            if first and f and f["id"] != first["id"] and (sig[0], sig[1]) not in getattr(self, "_focus_checked", set()):
                if f["id"].startswith("next##") or f["rect"][1] > first["rect"][1] + 1:
                    found.append(f"{where}: the focus starts on '{f['label']}', not on the first question "
                                 f"'{first['label']}'")
        self._focus_checked = getattr(self, "_focus_checked", set()) | {(sig[0], sig[1])}
        if found or self.shots:
            path = self.t.shot(d["screen"].replace("/", "_"), frame)
            if found:
                found[-1] += f" (screenshot {path})"
        for p in found:
            if p not in self.problems:
                self.problems.append(p)

    def first_question(self, d):
        page = d["page"]
        body = [n for n in controls(d) if n["visible"] and page["bodyTop"] - 1 <= n["rect"][1] < page["footerTop"] - 1
                and not n["id"].startswith("scroll-")]
        body.sort(key=lambda n: (round(n["rect"][1]), n["rect"][0]))
        return body[0] if body else None

    # ---- touch

    def reveal(self, text, where):
        """Drags the page until the control is fully in the body (a finger's way)."""
        for _ in range(12):
            d = self.t.dump
            n = find_control(d, text)
            if not n:
                # A page taller than the screen comes in parts: a finger taps "Voir la suite".
                turn = self.next_part(d, text)
                if turn:
                    self.t.click(*centre(turn))
                    self.t.settle()
                    continue
                return None
            page = d["page"]
            x, y, w, h = n["rect"]
            if not page["valid"] or d["keyboardOpen"] or d["phase"] == "warning":
                return n
            if n["visible"] and y >= page["footerTop"] - 1:
                return n  # a footer control
            top, bottom = page["bodyTop"], page["bodyBottom"]
            if n["visible"] and y >= top - 1 and y + h <= bottom + 1:
                return n
            span = (bottom - top) * 0.6
            dy = -min(span, y + h - bottom + 40) if y + h > bottom else min(span, top - y + 40)
            before = page["scrollY"]
            sx = d["width"] * 0.3
            self.t.drag(sx, top + (bottom - top) * (0.75 if dy < 0 else 0.25), dy)
            if abs(self.t.dump["page"]["scrollY"] - before) < 1:
                raise Failure(f"{where}: dragging the page does not scroll it to \"{text}\" "
                              f"(scroll {before:.0f} of {page['scrollMaxY']:.0f})")
            self.check_page(where)
        return find_control(self.t.dump, text)

    def touch_tap(self, text, where):
        d = self.t.settle()
        n = self.reveal(text, where)
        if not n:
            raise Failure(f"{where}: no control shows \"{text}\" on screen '{d['screen']}'")
        self.t.click(*centre(n))

    def touch_type(self, text, where):
        for ch in text:
            d = self.t.dump
            key = "key:space" if ch == " " else "key:" + ch
            if not by_id(d, key):
                for _ in range(4):  # Majuscule; again if a tap did not take (see the note)
                    if by_id(d, key) or not by_id(d, "key:shift") or ch == ch.lower():
                        break
                    d = self.t.click(*centre(by_id(d, "key:shift")))
                    if not by_id(d, key):
                        self.lost_taps.append(f"{where}: a tap on \"Majuscule\" changed nothing")
                        time.sleep(0.3)
                if not by_id(d, key):
                    raise Failure(f"{where}: the on-screen keyboard has no key \"{ch}\"")
            self.t.click(*centre(by_id(d, key)))

    def show_expected(self, text, where):
        """The page that shows `text` for an `expect`: a standard scenario (every question of
        a step on one page) expects what follows a step's "Continuer"; at 200 % that step
        shows one question a page, so the later questions are continued here too, as a
        resident would — within the step only: never past the step's last question."""
        d = self.t.settle()
        step = re.search(r"Étape (\d+)", d.get("instruction", ""))
        for _ in range(12):
            if d.get("personal") or any(text in n["label"] or text in n.get("value", "") for n in d["nodes"]):
                return d
            # A field of personal data (a name) keeps its value out of the dump: what the walk
            # can see is that the field still holds as many characters as the answer expected.
            if any("value" not in n and n.get("valueLength") == len(text) for n in d["nodes"] if n["visible"]):
                return d
            # Never "Voir la suite": what an expect names must be on the part a page opens on
            # (the window.scan tests fail so when a fresh scan opens on an empty part).
            q = re.search(r"question (\d+)", d.get("instruction", ""))
            here = re.search(r"Étape (\d+)", d.get("instruction", ""))
            turn = None
            if q and step and here and here.group(1) == step.group(1):
                turn = find_control(d, "Continuer")
            # Except after a failed "Continuer" on a page in parts: the summary at its top
            # names every answer to correct, and an error of a later part is read there
            # with "Voir la suite" (the page opens on the part of the first one).
            elif any(n["label"].startswith(("Des réponses sont à corriger", "Une réponse est à corriger"))
                     for n in d["nodes"]):
                turn = find_control(d, "Voir la suite")
            if not turn:
                break
            if self.keypad:
                self.focus(turn["id"], where, f"\"{turn['label']}\"")
                self.t.key("enter")
            else:
                self.t.click(*centre(turn))
            d = self.t.settle()
        raise Failure(f"{where}: nothing on screen '{d['screen']}' shows \"{text}\"")

    @staticmethod
    def next_part(d, text):
        """The control that shows the next part of a page, when `text` is not on this one:
        "Voir la suite" on a page in parts; "Continuer" when a step shows one question a
        page ("question 1 sur 3", at 200 %) and this is not its last question — or the
        total is not known yet ("question 1": later questions depend on this answer)."""
        more = find_control(d, "Voir la suite")
        if more and text != "Voir la suite":
            return more
        q = re.search(r"question (\d+)(?: sur (\d+))?", d.get("instruction", ""))
        go_on = find_control(d, "Continuer")
        more_questions = q and (q.group(2) is None or int(q.group(1)) < int(q.group(2)))
        if more_questions and go_on and text != "Continuer":
            return go_on
        return None

    # ---- keypad

    def focus(self, ident, where, what):
        d = self.t.dump
        for _ in range(200):
            if d["focused"] == ident:
                return d
            ids = [n["id"] for n in d["nodes"] if n["focusable"]]
            if ident not in ids:
                raise Failure(f"{where}: {what} ({ident}) is not on screen '{d['screen']}'")
            cur = ids.index(d["focused"]) if d["focused"] in ids else -1
            target = ids.index(ident)
            forward = (target - cur) % len(ids) if cur >= 0 else target + 1
            key = "Tab" if forward <= len(ids) - forward else "shift+Tab"
            was = d["focused"]
            d = self.t.press(key)
            if d["focused"] == was:
                raise Failure(f"{where}: {key} did not move the focus from '{was}' on screen '{d['screen']}'")
        raise Failure(f"{where}: {what} cannot be reached with Tab")

    def keypad_tap(self, text, where):
        d = self.t.settle()
        if d["screen"] == "attract":
            self.t.key("speech")  # the marked key wakes the terminal and turns speech on (A2)
            self.t.wait(lambda x: x["screen"] != "attract", "the home screen")
            self.t.settle()
            return
        just_typed, self.just_typed = getattr(self, "just_typed", False), False
        if d["keyboardOpen"] and text == "Valider" and just_typed:
            # What a resident does after typing on the keypad: Enter, expecting to validate.
            # (After an on-screen key pressed with Enter, "Effacer", the focus is on that key:
            # the resident moves to "Valider" first, the way below.)
            field, length = self.typed or (None, None)
            self.t.key("enter")
            d = self.t.settle()
            if d["keyboardOpen"]:
                raise Failure(f"{where}: Enter after typing did not validate: the keyboard is still open "
                              f"(focus on '{d['focused']}')")
            if field:
                n = by_id(d, field)
                if n and n["valueLength"] != length:
                    raise Failure(f"{where}: Enter after typing changed the field: {n['valueLength']} characters, "
                                  f"{length} typed (a key was typed instead of validating)")
                if d["focused"] != field:
                    raise Failure(f"{where}: after the keyboard closed the focus is on '{d['focused']}', "
                                  f"not on the field '{field}' just typed into")
            return
        n = find_control(d, text)
        for _ in range(20):
            # A control of an earlier part (home's tiles left on their last part): back to
            # the first part with "Précédent", as a resident would.
            back = None if n else next((c for c in controls(d) if c["id"] in ("previous##page", "previous##tiles")), None)
            if not back:
                break
            self.focus(back["id"], where, "\"Précédent\"")
            self.t.key("enter")
            d = self.t.settle()
            n = find_control(d, text)
        for _ in range(20):
            # A control of a later part: the keypad user goes to "Voir la suite" (or, one
            # question a page, to "Continuer") and presses Enter, as with a finger.
            turn = None if n else self.next_part(d, text)
            if not turn:
                break
            self.focus(turn["id"], where, f"\"{turn['label']}\"")
            self.t.key("enter")
            d = self.t.settle()
            n = find_control(d, text)
        if not n:
            raise Failure(f"{where}: no control shows \"{text}\" on screen '{d['screen']}'")
        self.check_page(where)  # the page as it opened: where the focus starts
        self.focus(n["id"], where, f"\"{text}\"")
        self.t.settle()
        self.check_page(where, entry=False)  # the focused control must be in sight
        self.t.key("enter")
        if self.t.dump["keyboardOpen"]:
            self.typed = (self.t.dump.get("keyboardField") or n["id"], None)

    def keypad_type(self, text, where):
        d = self.t.settle()
        if not d["keyboardOpen"]:
            raise Failure(f"{where}: no field is being edited")
        field = self.typed[0] if self.typed else None
        numeric = not by_id(d, "key:a")
        last = None
        for ch in text:
            digit, presses = (ch, 1) if numeric and ch.isdigit() else multitap_of(ch)
            if numeric and not ch.isdigit():
                digit = None
            if not digit:
                key = "key:space" if ch == " " else "key:" + ch
                if not by_id(self.t.dump, key) and by_id(self.t.dump, "key:shift"):
                    self.focus("key:shift", where, "the key \"Majuscule\"")
                    if not by_id(self.t.key("enter"), key):
                        raise Failure(f"{where}: no key \"{ch}\" after \"Majuscule\"")
                self.focus(key, where, f"the key \"{ch}\"")
                self.t.key("enter")
                last = None
                continue
            if digit == last:
                # Same key again: a resident pauses so that the letter is final. The last
                # press was handled (press() waits for it), so the terminal sees a pause of
                # at least COMMIT_PAUSE whatever the load.
                time.sleep(COMMIT_PAUSE)
            # One letter's presses in one burst, as a thumb types them.
            self.t.press(digit, presses)
            last = digit
        # Validating (Enter) makes the last letter final: no pause needed.
        self.typed = (field, len(text))
        self.just_typed = True

    # ---- the text size, as a resident changes it (footer button, then the chip)

    def set_scale(self, where):
        if self.scale == "standard":
            return
        label = {"large-150": "Grand", "large-200": "Très grand"}[self.scale]
        tap = self.keypad_tap if self.keypad else self.touch_tap
        tap("Accessibilité", where)
        self.t.settle()
        d = self.t.dump
        chip = next((n for n in controls(d) if n["label"] == label), None)
        if not chip:
            raise Failure(f"{where}: no \"{label}\" choice on the accessibility screen")
        if self.keypad:
            self.focus(chip["id"], where, label)
            self.t.key("enter")
        else:
            self.t.click(*centre(chip))
        want = 1.5 if self.scale == "large-150" else 2.0
        self.t.wait(lambda x: abs(x["textScale"] - want) < 0.01, f"text size {want}")
        self.t.settle()
        # The same page, laid out anew: the focus stays on the chip just pressed (the size
        # change never moves the control under the finger), it does not start over.
        self.check_page(where, entry=False)
        tap("C'est bon", where)

    # ---- a whole scenario

    def run(self, path):
        self.typed = None
        steps = parse(path)
        for i, (where, step, args) in enumerate(steps):
            if step == "tap":
                if self.keypad:
                    self.keypad_tap(args[0], where)
                else:
                    self.touch_tap(args[0], where)
                if i == 0:
                    self.t.settle()
                    self.set_scale(where)
                    if self.keypad:
                        self.t.settle()
            elif step == "type":
                if self.keypad:
                    self.keypad_type(args[0], where)
                else:
                    self.touch_type(args[0], where)
                    field = self.t.dump.get("keyboardField")
                    self.typed = (field, len(args[0]))
            elif step == "expect":
                self.show_expected(args[0], where)
            elif step == "expect-not":
                d = self.t.settle()
                if any(args[0] in n["label"] for n in d["nodes"] if n["visible"]):
                    raise Failure(f"{where}: screen '{d['screen']}' shows \"{args[0]}\"")
            elif step == "expect-screen":
                d = self.t.wait(lambda x: x["screen"] == args[0] or x["screen"].startswith(args[0] + "."),
                                f"screen '{args[0]}'")
            elif step == "shot":
                self.t.settle()
                self.t.shot(args[0])
            elif step == "key":
                self.t.key(args[0])
            elif step == "wait":
                time.sleep(float(args[0].rstrip("s")))
            elif step in ("mode", "expect-submission"):
                pass  # the text size is set by set_scale; submissions: checked headless (tests/wizard)
            else:
                raise Failure(f"{where}: step '{step}' is not supported in the real window")
            self.t.settle()
            self.check_page(where)
