#!/usr/bin/env python3
"""End-to-end checks of the whole terminal: runs the real `guichet` headless on a scenario,
then inspects what it left behind with the real `guichetctl`, the delivery folder of the
`directory` connector and the emulated printer's receipts.

usage: run_terminal.py CASE --guichet BIN --guichetctl BIN --scenarios DIR --work DIR
CASE: delivered | corrupt-outbox | printer-missing | demo-tour (no scenario: the whole --demo tour)
"""
import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys

# What the birth-certificate scenario answers (acte-naissance.scn), as the wizard stores it.
EXPECTED_ANSWERS = {
    "qualite": "interesse",
    "type_acte": "extrait_sans_filiation",
    "exemplaires": 2,
    "nom_naissance": "MARTIN",
    "prenoms": "Jeanne Louise",
    "sexe": "F",
    "date_naissance": "1952-07-14",
    "commune_naissance": "Bellerive-sur-Loire",
    "mode_reception": "retrait_mairie",
    "telephone": "+33612345678",
}


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def run_guichet(args, data, scenario, config=None):
    env = dict(os.environ, GUICHET_TODAY="2026-11-28")
    cmd = [args.guichet, "--headless", "--demo", "--data", str(data)]
    if config:
        cmd += ["--config", str(pathlib.Path(args.scenarios) / config)]
    if scenario:  # else the demo tour, screenshots in <data>/shots
        cmd += ["--scenario", str(pathlib.Path(args.scenarios) / scenario), "--out", str(data / "shots")]
    print("$", " ".join(cmd), flush=True)
    p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    sys.stdout.write(p.stdout)
    sys.stdout.write(p.stderr)
    return p


def outbox_list(args, db):
    p = subprocess.run([args.guichetctl, "outbox", "list", "--db", str(db), "--json"],
                       capture_output=True, text=True, timeout=60)
    check(p.returncode == 0, f"guichetctl outbox list failed ({p.returncode}): {p.stderr}")
    return json.loads(p.stdout)


def case_delivered(args, data):
    p = run_guichet(args, data, "acte-naissance.scn")
    check(p.returncode == 0, f"the scenario failed (exit {p.returncode})")

    entries = outbox_list(args, data / "outbox.sqlite")
    check(len(entries) == 1, f"expected 1 submission in the outbox, found {len(entries)}: {entries}")
    e = entries[0]
    check(e["procedure"] == "acte-naissance", f"procedure is {e['procedure']}")
    check(e["connector"] == "directory", f"connector is {e['connector']}")
    check(e["state"] == "sent", f"state is {e['state']} ({e['last_error']})")
    check(e["reference"].startswith("GU-"), f"reference is {e['reference']}")

    delivered = data / "spool" / e["uuid"] / "submission.json"
    check(delivered.is_file(), f"{delivered} was not delivered by the directory connector")
    doc = json.loads(delivered.read_text(encoding="utf-8"))
    check(doc["uuid"] == e["uuid"] and doc["reference"] == e["reference"], "delivered JSON names another submission")
    check(doc["procedure"]["id"] == "acte-naissance", f"delivered JSON has procedure {doc['procedure']}")
    answers = doc["answers"]
    for key, value in EXPECTED_ANSWERS.items():
        check(answers.get(key) == value, f"answer {key}: expected {value!r}, delivered {answers.get(key)!r}")
    leftovers = [x.name for x in (data / "spool").iterdir() if x.name.startswith(".")]
    check(not leftovers, f"half-written folders left in the spool: {leftovers}")

    receipts = sorted((data / "receipts").glob("receipt-*.png"))
    check(len(receipts) == 1, f"expected 1 receipt PNG in {data / 'receipts'}, found {len(receipts)}")
    check(receipts[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"{receipts[0]} is not a PNG")
    text = receipts[0].with_suffix(".txt").read_text(encoding="utf-8")
    check(e["reference"] in text, f"the printed receipt does not show {e['reference']}:\n{text}")
    check("MARTIN" in text, f"the printed receipt does not name the person:\n{text}")
    shots = list((data / "shots").glob("*.png"))
    check(shots, "no screenshot was written")
    print(f"ok: {e['reference']} stored, delivered to {delivered.parent.name}/, receipt {receipts[0].name}")


def case_corrupt_outbox(args, data):
    db = data / "outbox.sqlite"
    garbage = b"Ceci n'est pas une base SQLite.\n" * 512
    db.write_bytes(garbage)
    p = run_guichet(args, data, "outbox-refused.scn")
    check(p.returncode == 0, f"the scenario failed (exit {p.returncode})")
    check("cannot open the outbox" in p.stderr, "no operator log line about the outbox")
    # The outbox moves a corrupt file aside (and refuses to start afresh until the operator
    # acknowledges it): the evidence must be there, byte for byte, and no new queue.
    aside = list(data.glob("outbox.sqlite.corrupt-[0-9]*"))
    check(len(aside) == 1, f"expected the damaged database moved aside once, found {[a.name for a in aside]}")
    check(aside[0].read_bytes() == garbage, "the damaged database was modified: the operator's evidence is lost")
    check(not db.exists() or db.read_bytes() == garbage, "a new empty outbox replaced the damaged one unnoticed")
    check("guichetctl outbox ack-corrupt" in p.stderr, "the operator is not told how to recover")
    spool = data / "spool"
    check(not spool.exists() or not any(spool.iterdir()), "something was delivered although nothing was stored")
    check(not list((data / "receipts").glob("receipt-*.png")), "a receipt was printed for a demand that was not kept")
    print("ok: the terminal ran, the resident was told, the damaged file is untouched")


def case_printer_missing(args, data):
    p = run_guichet(args, data, "printer-missing.scn", "printer-missing.toml")
    check(p.returncode == 0, f"the scenario failed (exit {p.returncode})")
    check("no receipt printer" in p.stderr and "modele-inexistant" in p.stderr, "no operator line about the printer")
    entries = outbox_list(args, data / "outbox.sqlite")
    check(len(entries) == 1 and entries[0]["state"] == "sent", f"the demand was not kept and delivered: {entries}")
    doc = json.loads((data / "spool" / entries[0]["uuid"] / "submission.json").read_text(encoding="utf-8"))
    check(doc["terminal_id"] == "borne-test-sans-imprimante", f"terminal_id is {doc['terminal_id']}")
    check(not (data / "receipts").exists() or not any((data / "receipts").iterdir()), "a receipt file appeared")
    print(f"ok: {entries[0]['reference']} kept and delivered without a printer")


def case_demo_tour(args, data):
    p = run_guichet(args, data, None)
    check(p.returncode == 0, f"the demo tour failed (exit {p.returncode})")
    texts = [t.read_text(encoding="utf-8") for t in sorted((data / "receipts").glob("receipt-*.txt"))]
    check(any("DURAND Camille" in t for t in texts), f"no birth-certificate receipt among {len(texts)}")
    pngs = list((data / "receipts").glob("receipt-*.png"))
    check(len(pngs) == len(texts), f"{len(pngs)} receipt PNGs for {len(texts)} texts")
    entries = outbox_list(args, data / "outbox.sqlite")
    check(entries and all(e["state"] == "sent" for e in entries), f"not every demo demand was delivered: {entries}")
    delivered = {x.name for x in (data / "spool").iterdir()}
    check({e["uuid"] for e in entries} == delivered, f"spool {delivered} does not match the outbox")
    for shot in ["naissance-2-review.png", "naissance-3-receipt.png"]:
        check((data / "shots" / shot).is_file(), f"the tour did not take {shot}")
    print(f"ok: demo tour stored and delivered {len(entries)} demand(s), printed {len(texts)} receipt(s)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("case", choices=["delivered", "corrupt-outbox", "printer-missing", "demo-tour"])
    ap.add_argument("--guichet", required=True)
    ap.add_argument("--guichetctl", required=True)
    ap.add_argument("--scenarios", required=True)
    ap.add_argument("--work", required=True)
    args = ap.parse_args()
    data = pathlib.Path(args.work) / args.case
    shutil.rmtree(data, ignore_errors=True)  # kept after the run, as the test's artefacts
    data.mkdir(parents=True)
    try:
        {"delivered": case_delivered, "corrupt-outbox": case_corrupt_outbox, "printer-missing": case_printer_missing,
         "demo-tour": case_demo_tour}[args.case](args, data)
    except Failure as f:
        print(f"FAILED: {f}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
