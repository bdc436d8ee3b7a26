#!/usr/bin/env python3
"""Runs a follow-up scenario in the whole terminal (headless) against a back office on
loopback: the terminal's real uploader sends the demand through the real connector to
status_server.py, then "Suivre ma demande" asks the same server for its status.

usage: back_office_scenario.py --guichet BIN --root SRC --work DIR --case CASE

CASE (a folder of tests/followup/back_office/): scenario.scn, answers.json, outbox.toml
(with @PORT@ for the server, @DOWN@ for a port where nobody listens, @WORK@ for DIR),
and optionally expect-requests.txt (one "METHOD PATH" a line the server must have seen).
Whatever the scenario checks on screen, this script also checks that nothing the
resident answered was spoken (the speech log) nor shown in the run's log.
"""
import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
PERSONAL = ["Dupont", "Amélie", "Lilas"]  # what followup-seed's resident answered
WCS_KEY, WCS_ORIG = "cle-secrete-de-test", "borne-mairie"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--guichet", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--case", required=True)
    a = ap.parse_args()
    case = os.path.join(HERE, "back_office", a.case)
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)

    server = subprocess.Popen([sys.executable, os.path.join(HERE, "status_server.py"), "--answers",
                               os.path.join(case, "answers.json"), "--wcs-key", WCS_KEY, "--wcs-orig", WCS_ORIG],
                              stdout=subprocess.PIPE, text=True)
    first = server.stdout.readline().split()
    if len(first) != 2 or first[0] != "PORT":
        print("status_server.py did not start", file=sys.stderr)
        return 1
    port = first[1]
    seen = []
    reader = threading.Thread(target=lambda: seen.extend(json.loads(l) for l in server.stdout), daemon=True)
    reader.start()
    try:
        with open(os.path.join(case, "outbox.toml")) as f:
            outbox = f.read().replace("@PORT@", port).replace("@DOWN@", str(free_port())).replace("@WORK@", a.work)
        with open(os.path.join(a.work, "outbox.toml"), "w") as f:
            f.write(outbox)
        with open(os.path.join(a.root, "tests/window/terminal.toml")) as f:
            terminal = f.read()
        with open(os.path.join(a.work, "terminal.toml"), "w") as f:
            f.write(terminal + '\n[outbox]\nconfig = "outbox.toml"\n')
        with open(os.path.join(a.work, "wcs.key"), "w") as f:
            f.write(WCS_KEY)
        speech = os.path.join(a.work, "speech.tsv")
        run = subprocess.run([a.guichet, "--headless", "--config", os.path.join(a.work, "terminal.toml"), "--data",
                              a.work, "--scenario", os.path.join(case, "scenario.scn"), "--out",
                              os.path.join(a.work, "shots"), "--speech-log", speech],
                             cwd=a.root, capture_output=True, text=True, timeout=240)
        sys.stdout.write(run.stdout)
        sys.stderr.write(run.stderr)
    finally:
        server.terminate()
        server.wait()
        reader.join(timeout=5)
    problems = []
    if run.returncode != 0:
        problems.append(f"the scenario failed (exit {run.returncode})")
    for line in open(os.path.join(case, "expect-requests.txt")).read().split("\n") \
            if os.path.exists(os.path.join(case, "expect-requests.txt")) else []:
        if not line.strip() or line.startswith("#"):
            continue
        method, path = line.split()
        hits = [r for r in seen if r.get("method", "GET") == method and r["path"] == path]
        if not hits:
            problems.append(f"the back office never got {method} {path} (got: "
                            f"{[(r.get('method', 'GET'), r['path']) for r in seen]})")
        elif any(r["verdict"] != "ok" for r in hits):
            problems.append(f"{method} {path} was refused by the back office: {hits}")
    spoken = open(speech, encoding="utf-8").read() if os.path.exists(speech) else ""
    if not spoken.strip():
        problems.append("nothing was spoken: the scenario must switch speech on (mode speech)")
    for word in PERSONAL:
        if word in spoken:
            problems.append(f"\"{word}\" (the resident's answer) was spoken: {speech}")
        if word in run.stdout + run.stderr:
            problems.append(f"\"{word}\" (the resident's answer) is in the terminal's log")
    for p in problems:
        print("FAIL: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
