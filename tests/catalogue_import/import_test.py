#!/usr/bin/env python3
"""End-to-end tests of `guichetctl catalogue import` against the loopback back offices.

usage: import_test.py CASE --guichetctl PATH --guichet PATH --root REPO --work DIR

Each CASE starts its own server(s) on loopback, runs the real guichetctl (and, for the
wizard cases, the real terminal headless), and asserts on files, outputs, exit codes and
on what the server received. Exit 0 when every assertion held, 1 with the failed one.
"""
import argparse
import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tomllib

A = None
HERE = os.path.dirname(os.path.abspath(__file__))
ORIG = "borne-mairie"
KEY = "cle-partagee-de-test-0123456789"
API_KEY = "cle-test-open311"
JURISDICTION = "bellerive-sur-loire.fr"


class Failed(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Failed(what)


class Server:
    def __init__(self, kind, version, fail=""):
        self.log = os.path.join(A.work, "%s-%s-%s.log" % (kind, version, fail or "ok"))
        if os.path.exists(self.log):
            os.remove(self.log)
        data = os.path.join(A.root, "tests/data/catalogue_import", kind, version)
        cmd = [sys.executable, os.path.join(HERE, kind + "_server.py"), "--data", data, "--log", self.log]
        if kind == "open311":
            cmd += ["--jurisdiction", JURISDICTION, "--api-key", API_KEY]
        else:
            cmd += ["--orig", ORIG, "--key", KEY]
        if fail:
            cmd += ["--fail", fail]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        check(line.startswith("PORT "), "the %s server did not start: %r" % (kind, line))
        self.port = int(line.split()[1])
        self.url = "http://127.0.0.1:%d" % self.port + ("/open311/v2" if kind == "open311" else "")

    def requests(self):
        if not os.path.exists(self.log):
            return []
        with open(self.log, encoding="utf-8") as f:
            return [json.loads(l) for l in f if l.strip()]

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)


def run(cmd, env=None, timeout=240):
    e = dict(os.environ)
    e.update(env or {})
    p = subprocess.run(cmd, capture_output=True, text=True, env=e, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def fresh(name):
    d = os.path.join(A.work, name)
    shutil.rmtree(d, ignore_errors=True)
    return d


def key_file():
    path = os.path.join(A.work, "wcs.key")
    with open(path, "w") as f:
        f.write(KEY + "\n")
    os.chmod(path, 0o600)
    return path


def do_import(kind, server_url, out, extra=(), key=None):
    if kind == "open311":
        cmd = [A.guichetctl, "catalogue", "import", "open311", server_url, "--jurisdiction", JURISDICTION, "--out", out]
    else:
        cmd = [A.guichetctl, "catalogue", "import", "wcs", server_url, "--orig", ORIG, "--key-file", key or key_file(), "--out", out]
    return run(cmd + list(extra))


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def toml(path):
    with open(path, "rb") as f:
        return tomllib.load(f)


def fields_of(proc):
    return [f for s in proc["steps"] for f in s["fields"]]


def field(proc, fid):
    for f in fields_of(proc):
        if f["id"] == fid:
            return f
    raise Failed("no field %s in %s" % (fid, proc["id"]))


def catalogue_check(out, source, languages="fr"):
    cmd = [A.guichetctl, "catalogue", "check", out, "--outbox", os.path.join(out, "_outbox-%s.toml" % source)]
    if languages:
        cmd += ["--languages", languages]
    return run(cmd)


def tree_digest(path):
    """Names and contents of every file under path (None when absent)."""
    if not os.path.exists(path):
        return None
    h = hashlib.sha256()
    for base, dirs, files in sorted(os.walk(path)):
        dirs.sort()
        for n in sorted(files):
            p = os.path.join(base, n)
            h.update(os.path.relpath(p, path).encode())
            with open(p, "rb") as f:
                h.update(f.read())
    return h.hexdigest()


# ---------------------------------------------------------------------------------------
# Mapping


def case_open311_mapping():
    s = Server("open311", "v1")
    try:
        out = fresh("open311-mapping")
        rc, so, se = do_import("open311", s.url, out)
        check(rc == 0, "import exit %d: %s %s" % (rc, so, se))
    finally:
        s.stop()
    gets = [r for r in s.requests() if r["method"] == "GET"]
    check([r["path"] for r in gets] == ["/open311/v2/services.json", "/open311/v2/services/nid-de-poule.json",
                                        "/open311/v2/services/eclairage.json"],
          "services.json then the definitions of the services with metadata only: %s" % [r["path"] for r in gets])
    check(all("jurisdiction_id=" + JURISDICTION in r["query"] for r in gets), "jurisdiction_id on every GET")
    for name in ["signalement-nid-de-poule.toml", "signalement-eclairage.toml", "signalement-graffiti.toml",
                 "signalement-nid-de-poule.upstream.json", "_outbox-open311.toml", "import-report.txt", "_commune.toml"]:
        check(os.path.exists(os.path.join(out, name)), "%s written" % name)
    p = toml(os.path.join(out, "signalement-nid-de-poule.toml"))
    check(p["connector"] == "open311", "connector open311")
    check(p["title"] == {"fr": "Nid-de-poule ou chaussée abîmée"}, "title from service_name, French only: %r" % p["title"])
    precisions = p["steps"][0]
    # The attributes in their `order` (the definition lists them 5, 1, 0, 2, 3, 4, 6).
    got = [(f["id"], f["type"], f.get("multiple", False), f["required"]) for f in precisions["fields"]]
    want = [("taille", "choice", False, True), ("voie", "choice", True, False), ("nb_trous", "number", False, False),
            ("depuis", "date", False, False), ("repere", "text", False, True), ("remarque", "long_text", False, False)]
    check(got == want, "attributes mapped, in order, required kept:\n got %r\nwant %r" % (got, want))
    check([c["value"] for c in field(p, "taille")["choices"]] == ["petit", "moyen", "grand"], "singlevaluelist values")
    check(field(p, "taille")["choices"][1]["label"] == {"fr": "Comme une roue de vélo"}, "choice names")
    check(field(p, "voie").get("help") == {"fr": "Plusieurs réponses possibles"}, "datatype_description as help")
    check("112" in precisions["help"]["fr"], "variable=false attribute shown as the step's help")
    check(field(p, "remarque")["label"]["fr"].startswith("[À COMPLÉTER]"), "missing description: placeholder")
    check([s["id"] for s in p["steps"]] == ["precisions", "ou", "description", "contact"], "location and contact steps added")
    check(field(p, "address_string")["type"] == "long_text" and field(p, "address_string")["label"]["de"] == "Adresse oder Ort",
          "the importer's own steps are in every language")
    text = read(os.path.join(out, "signalement-nid-de-poule.toml"))
    check("# Open311 : service « nid-de-poule », attribut « TAILLE » (singlevaluelist, ordre 1, obligatoire)" in text,
          "a comment says where each field comes from")
    g = toml(os.path.join(out, "signalement-graffiti.toml"))
    check([s["id"] for s in g["steps"]] == ["ou", "description", "contact"], "a service without metadata asks no attribute")
    r = toml(os.path.join(out, "_outbox-open311.toml"))
    check(r["routes"]["signalement-eclairage"] == "open311", "routes")
    svc = r["connectors"]["open311"]["services"]["signalement-nid-de-poule"]
    check(svc["service_code"] == "nid-de-poule", "service_code routed")
    check(svc["attributes"] == {"TAILLE": "taille", "VOIE": "voie", "NB_TROUS": "nb_trous", "DEPUIS": "depuis",
                                "REPERE": "repere", "REMARQUE": "remarque"}, "attribute code -> field: %r" % svc["attributes"])
    check(r["connectors"]["open311"]["jurisdiction_id"] == JURISDICTION, "jurisdiction routed")
    rc, so, se = catalogue_check(out, "open311")
    check(rc == 0, "catalogue check (fr) passes: %s %s" % (so, se))
    check(re.search(r"signalement-nid-de-poule\.toml:\d+: avertissement : texte « label » \(fr\) à compléter", so),
          "check warns about the placeholder: %s" % so)
    rc, so, se = catalogue_check(out, "open311", languages=None)
    check(rc == 1 and "sans traduction « en » : « Nid-de-poule ou chaussée abîmée »" in so,
          "the full check lists the translations left to the town")


def case_wcs_mapping():
    s = Server("wcs", "v1")
    try:
        out = fresh("wcs-mapping")
        rc, so, se = do_import("wcs", s.url, out)
        check(rc == 0, "import exit %d: %s %s" % (rc, so, se))
    finally:
        s.stop()
    reqs = s.requests()
    check([r["path"] for r in reqs] == ["/api/formdefs/", "/api/formdefs/inscription-cantine/schema",
                                        "/api/formdefs/pret-materiel/schema"], "formdefs then schemas: %r" % reqs)
    check(all(r["verdict"] == "ok" for r in reqs), "every request signed as w.c.s. checks it: %r" % reqs)
    p = toml(os.path.join(out, "inscription-cantine.toml"))
    check(p["connector"] == "wcs", "connector wcs")
    check([s["id"] for s in p["steps"]] == ["page_1", "page_9", "page_14"], "one step per w.c.s. page: %r" % [s["id"] for s in p["steps"]])
    check(p["steps"][0]["title"] == {"fr": "L'enfant"}, "page label as step title")
    check("cuisine centrale" in p["steps"][0]["help"]["fr"] and "<p>" not in p["steps"][0]["help"]["fr"], "comment as plain help")
    check("Vos coordonnées" in p["steps"][1]["help"]["fr"], "title at the top of a page as its help")
    got = [(f["id"], f["type"], f.get("multiple", False), f["required"]) for f in fields_of(p)]
    want = [("nom_enfant", "text", False, True), ("prenom_enfant", "text", False, True), ("naissance_enfant", "date", False, True),
            ("ecole", "choice", False, True), ("jours", "choice", True, True), ("allergie", "yes_no", False, False),
            ("nom_responsable", "text", False, True), ("courriel", "email", False, False), ("remarques", "long_text", False, False),
            ("justificatif_domicile", "document", False, True), ("pai", "document", False, False)]
    check(got == want, "fields mapped:\n got %r\nwant %r" % (got, want))
    check([c["value"] for c in field(p, "jours")["choices"]] == ["Lundi", "Mardi", "Jeudi", "Vendredi"], "items choices")
    check(field(p, "remarques")["help"]["fr"] == "Régime particulier, informations utiles au personnel.", "HTML hint as plain help")
    check(field(p, "justificatif_domicile")["document_kind"] == {"fr": "Justificatif de domicile de moins de 3 mois"}, "document kind")
    text = read(os.path.join(out, "inscription-cantine.toml"))
    check("# w.c.s. : formulaire « inscription-cantine », champ id 15, varname « justificatif_domicile » (file, obligatoire)" in text,
          "a comment gives the w.c.s. id and varname")
    check("condition w.c.s. non reprise : form_var_allergie" in text, "the condition left out is said")
    check("champ calculé « tarif »" in text, "the computed field left out is said")
    m = toml(os.path.join(out, "pret-materiel.toml"))
    check(field(m, "nombre_tables")["label"]["fr"].startswith("[À COMPLÉTER]"), "empty label: placeholder")
    r = toml(os.path.join(out, "_outbox-wcs.toml"))
    w = r["connectors"]["wcs"]
    check(w["formdefs"] == {"inscription-cantine": "inscription-cantine", "pret-materiel": "pret-materiel"}, "formdefs routed")
    check(w["fields"]["inscription-cantine"]["justificatif_domicile"] == "justificatif_domicile" and
          w["fields"]["inscription-cantine"]["pai"] == "pai", "every document has its file field")
    check(KEY not in read(os.path.join(out, "_outbox-wcs.toml")), "the key is never written")
    rc, so, se = catalogue_check(out, "wcs")
    check(rc == 0, "catalogue check with the w.c.s. mapping passes: %s %s" % (so, se))
    # The mapping is what makes it pass: without a document's place, the check fails.
    broken = os.path.join(A.work, "wcs-unplaced.toml")
    with open(broken, "w") as f:
        f.write(read(os.path.join(out, "_outbox-wcs.toml")).replace('"pai" = "pai"\n', ""))
    rc, so, se = run([A.guichetctl, "catalogue", "check", out, "--outbox", broken, "--languages", "fr"])
    check(rc == 1 and "le document « pai » n'a pas de champ w.c.s." in so, "an unplaced document fails the check")


# ---------------------------------------------------------------------------------------
# The generated catalogue in the terminal, to a submission the same server accepts


def terminal_files(out, source, server_url, work):
    fragment = read(os.path.join(out, "_outbox-%s.toml" % source))
    fragment = fragment.replace('api_key = "A-REMPLIR"', 'api_key = "%s"' % API_KEY)
    fragment = re.sub(r'key = "A-REMPLIR".*', 'key = "%s"' % KEY, fragment)
    outbox = os.path.join(work, "outbox.toml")
    with open(outbox, "w") as f:
        f.write('[outbox]\ndatabase = "%s"\nkey_file = "%s"\n\n' % (os.path.join(work, "outbox.sqlite"), os.path.join(work, "outbox.key")))
        f.write('[upload]\nbackoff_base_ms = 200\nbackoff_cap_ms = 1000\nprobe_interval_ms = 200\n\n')
        f.write(fragment)
    terminal = os.path.join(work, "terminal.toml")
    with open(terminal, "w") as f:
        f.write('[terminal]\nid = "borne-test"\ndefault_language = "fr"\nkiosk = false\n\n'
                '[session]\nidle_seconds = 3600\nwarning_seconds = 600\n\n[input]\ndebounce_ms = 0\n\n'
                '[catalogue]\ndir = "%s"\n\n[outbox]\nconfig = "%s"\n' % (out, outbox))
    return terminal, outbox


def play(terminal, outbox, scenario, work, demo=False):
    cmd = [A.guichet, "--headless", "--config", terminal, "--scenario", scenario, "--out", os.path.join(work, "shots")]
    if demo:
        cmd += ["--demo", "--data", os.path.join(work, "data")]
    rc, so, se = run(cmd, env={"GUICHET_TODAY": "2026-11-28"}, timeout=300)
    check(rc == 0, "the scenario %s ran to its end (exit %d):\n%s\n%s" % (os.path.basename(scenario), rc, so[-3000:], se[-3000:]))
    terminal_log = so + se
    # Whatever the terminal's uploader had not sent yet before exiting.
    rc, so, se = run([A.guichetctl, "outbox", "send", "--once", "--config", outbox])
    check(rc == 0, "outbox send: %s %s" % (so, se))
    return terminal_log


def case_open311_wizard():
    s = Server("open311", "v1")
    try:
        work = fresh("open311-wizard")
        os.makedirs(work)
        out = os.path.join(work, "catalogue")
        os.makedirs(out)
        shutil.copy(os.path.join(A.root, "config/procedures/_commune.toml"), out)
        rc, so, se = do_import("open311", s.url, out)
        check(rc == 0, "import: %s %s" % (so, se))
        terminal, outbox = terminal_files(out, "open311", s.url, work)
        log = play(terminal, outbox, os.path.join(HERE, "scenarios/open311-nid-de-poule.scn"), work)
        check(re.search(r"signalement-nid-de-poule\.toml:\d+: avertissement : texte « label » \(fr\) à compléter", log),
              "the terminal starts and its journal names the text left to complete")
    finally:
        s.stop()
    posts = [r for r in s.requests() if r["method"] == "POST"]
    check(len(posts) == 1, "one request POSTed: %r" % posts)
    f = posts[0]["form"]
    check(posts[0]["verdict"] == "ok", "the server accepted it: %r" % posts[0])
    check(f["service_code"] == "nid-de-poule" and f["jurisdiction_id"] == JURISDICTION, "service and jurisdiction: %r" % f)
    check(f["attribute[TAILLE]"] == "moyen", "singlevaluelist sent by key: %r" % f)
    check(sorted(f["attribute[VOIE][]"]) == ["chaussee", "trottoir"], "multivaluelist sent as attribute[VOIE][]: %r" % f)
    check(f["attribute[NB_TROUS]"] == "2", "number, a whole one without a decimal point: %r" % f)
    check(f["attribute[DEPUIS]"] == "2026-11-20", "datetime sent as the ISO date: %r" % f)
    check(f["attribute[REPERE]"] == "Devant la boulangerie du 14", "string: %r" % f)
    check(f["address_string"] == "Rue du Port, au carrefour de la rue Jules-Ferry", "address_string: %r" % f)
    check(f["description"].startswith("Un trou profond au milieu de la voie."), "description: %r" % f)
    check("attribute[REMARQUE]" not in f, "an optional attribute left blank is not sent")


def case_wcs_wizard():
    s = Server("wcs", "v1")
    try:
        work = fresh("wcs-wizard")
        os.makedirs(work)
        out = os.path.join(work, "catalogue")
        os.makedirs(out)
        shutil.copy(os.path.join(A.root, "config/procedures/_commune.toml"), out)
        rc, so, se = do_import("wcs", s.url, out, extra=["--only", "inscription-cantine"])
        check(rc == 0, "import: %s %s" % (so, se))
        check(not os.path.exists(os.path.join(out, "pret-materiel.toml")), "--only imports only the forms asked for")
        terminal, outbox = terminal_files(out, "wcs", s.url, work)
        play(terminal, outbox, os.path.join(HERE, "scenarios/wcs-inscription-cantine.scn"), work, demo=True)
    finally:
        s.stop()
    posts = [r for r in s.requests() if r["method"] == "POST"]
    check(len(posts) == 1, "one form submitted: %r" % posts)
    check(posts[0]["verdict"] == "ok", "w.c.s. accepted it (signature, required fields, choices): %r" % posts[0])
    check(posts[0]["path"] == "/api/formdefs/inscription-cantine/submit", "to the form's slug")
    d = posts[0]["data"]
    check(d["nom_enfant"] == "Moreau" and d["prenom_enfant"] == "Léa", "strings under their varnames: %r" % d)
    check(d["naissance_enfant"] == "2019-04-03", "date: %r" % d)
    check(d["ecole"] == "École du Port", "item: %r" % d)
    check(sorted(d["jours"]) == ["Jeudi", "Lundi"], "items: %r" % d)
    check(d["allergie"] is False, "bool: %r" % d)
    check(d["justificatif_domicile"]["pdf"] and d["justificatif_domicile"]["bytes"] > 1000,
          "the scanned document arrived in its file field as a PDF: %r" % d["justificatif_domicile"])


# ---------------------------------------------------------------------------------------
# Re-import after an upstream change


def edit(path, old, new):
    text = read(path)
    check(old in text, "%r in %s" % (old, path))
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new, 1))


def case_open311_reimport():
    out = fresh("open311-reimport")
    s = Server("open311", "v1")
    try:
        rc, so, se = do_import("open311", s.url, out)
        check(rc == 0, "first import: %s %s" % (so, se))
    finally:
        s.stop()
    nid = os.path.join(out, "signalement-nid-de-poule.toml")
    edit(nid, 'label.fr = "Quelle taille fait le trou ?"\n',
         'label.fr = "Le trou est grand comment ?"\nlabel.en = "How big is the hole?"\n')
    edit(nid, 'falc.fr = "[À COMPLÉTER] Expliquez en phrases courtes : Nid-de-poule ou chaussée abîmée."',
         'falc.fr = """\nVous voyez un trou dans la rue ?\nDites-nous où il est."""')
    edited = read(nid)
    eclairage_before = read(os.path.join(out, "signalement-eclairage.toml"))
    s = Server("open311", "v2")
    try:
        rc, so, se = do_import("open311", s.url, out)
        check(rc == 0, "re-import: %s %s" % (so, se))
        report = read(os.path.join(out, "import-report.txt"))
        check(report in so, "the report is printed too")
        check(read(nid) == edited, "the edited file is not overwritten")
        check("signalement-nid-de-poule.toml : modifié par la mairie, GARDÉ" in report, "kept: %s" % report)
        check("+ champ ajouté « danger » (DANGER) : singlevaluelist (à la borne : choice), obligatoire" in report, "added field reported: %s" % report)
        check("- champ retiré en amont « remarque » (REMARQUE)" in report, "removed field reported")
        check("~ champ « nb_trous » (NB_TROUS) : type changé en amont, number devient string (à la borne : number → text)" in report, "retyped field reported")
        new = read(nid + ".nouveau")
        check('id = "danger"' in new and 'id = "remarque"' not in new, "the new upstream version is given beside it")
        eclairage = read(os.path.join(out, "signalement-eclairage.toml"))
        check(toml(os.path.join(out, "signalement-eclairage.toml"))["version"] == 2, "a file that followed upstream is version 2")
        check("signalement-eclairage.toml : mis à jour, version 2" in report and "choix ajouté « abime » (Il est abîmé ou penché)" in report and 'value = "abime"' in eclairage and eclairage != eclairage_before,
              "an untouched file follows upstream")
        check("signalement-graffiti.toml : n'existe plus en amont (« graffiti »)" in report and
              os.path.exists(os.path.join(out, "signalement-graffiti.toml")), "a service gone upstream: file kept, reported")
        rc, so, se = catalogue_check(out, "open311")
        check(rc == 1 and "signalement-graffiti" in so, "no longer routed: the check points at it")
        os.remove(os.path.join(out, "signalement-graffiti.toml"))
        os.remove(os.path.join(out, "signalement-graffiti.upstream.json"))
        rc, so, se = catalogue_check(out, "open311")
        check(rc == 0, "once removed by hand, the kept catalogue passes the check: %s %s" % (so, se))
        # --only: the other procedures of the folder stay routed as they are.
        rc, so, se = do_import("open311", s.url, out, extra=["--only", "eclairage"])
        check(rc == 0 and "signalement-nid-de-poule.toml" not in so, "--only reports only what it imports: %s" % so)
        routes = toml(os.path.join(out, "_outbox-open311.toml"))["routes"]
        check(sorted(routes) == ["signalement-eclairage", "signalement-nid-de-poule"], "--only keeps the other routes: %r" % routes)
        # Not accepted yet: told again; --accept records it; then quiet.
        rc, so, se = do_import("open311", s.url, out)
        check("+ champ ajouté « danger »" in so, "told again until accepted")
        rc, so, se = do_import("open311", s.url, out, extra=["--accept"])
        check(rc == 0 and "--accept" in so and read(nid) == edited, "--accept keeps the file")
        rc, so, se = do_import("open311", s.url, out)
        check("signalement-nid-de-poule.toml : à jour (modifié par la mairie, gardé)" in so and read(nid) == edited,
              "after --accept: up to date, the town's text still there: %s" % so)
        check("Le trou est grand comment ?" in read(nid) and 'label.en = "How big is the hole?"' in read(nid), "wording and translation kept")
    finally:
        s.stop()


def case_wcs_reimport():
    out = fresh("wcs-reimport")
    s = Server("wcs", "v1")
    try:
        rc, so, se = do_import("wcs", s.url, out)
        check(rc == 0, "first import: %s %s" % (so, se))
    finally:
        s.stop()
    f = os.path.join(out, "inscription-cantine.toml")
    edit(f, 'label.fr = "Nom de l\'enfant"\n', 'label.fr = "Nom de famille de l\'enfant"\nlabel.en = "Child\'s surname"\n')
    edited = read(f)
    s = Server("wcs", "v2")
    try:
        rc, so, se = do_import("wcs", s.url, out)
        check(rc == 0, "re-import: %s %s" % (so, se))
    finally:
        s.stop()
    report = read(os.path.join(out, "import-report.txt"))
    check(read(f) == edited, "the edited form file is kept")
    check("+ champ ajouté « telephone » (telephone) : string (à la borne : text), obligatoire" in report, "added: %s" % report)
    check("- champ retiré en amont « remarques » (remarques)" in report, "removed")
    check("~ champ « jours » (jours) : type changé en amont, items devient string (à la borne : choice (plusieurs) → text)" in report, "retyped")
    check("choix retiré « Lundi »" not in report, "a list turned into text: its choices are not listed one by one")
    check("pret-materiel.toml : à jour" in report, "the other form is up to date")


# ---------------------------------------------------------------------------------------
# Failures: a message naming the URL and the problem, exit 1, nothing written


def failing(kind, fail, expect, key=None, unreachable=False):
    for prepared in (False, True):
        out = fresh("fail-%s-%s-%d" % (kind, fail or "key", prepared))
        if prepared:  # a catalogue already there must stay exactly as it was
            good = Server(kind, "v1")
            try:
                rc, so, se = do_import(kind, good.url, out)
                check(rc == 0, "preparing: %s" % se)
            finally:
                good.stop()
        before = tree_digest(out)
        if unreachable:
            sock = socket.socket()
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
            sock.close()
            url = "http://127.0.0.1:%d" % port + ("/open311/v2" if kind == "open311" else "")
            rc, so, se = do_import(kind, url, out, key=key)
        else:
            s = Server(kind, "v1", fail)
            try:
                url = s.url
                rc, so, se = do_import(kind, url, out, key=key)
            finally:
                s.stop()
        check(rc == 1, "exit code 1, got %d: %s %s" % (rc, so, se))
        check(url in se, "the message names the URL %s: %s" % (url, se))
        check(re.search(expect, se), "the message says %r: %s" % (expect, se))
        check("rien n'a été écrit" in se, "the operator is told nothing was written")
        check(tree_digest(out) == before, "nothing written in %s" % out)


def case_open311_http_500():
    failing("open311", "500", r"services\.json\?jurisdiction_id=[^ ]+ : le serveur a répondu HTTP 500 : erreur du serveur")


def case_open311_malformed():
    failing("open311", "malformed", r"services\.json\?jurisdiction_id=[^ ]+ : réponse qui n'est pas du JSON valide")


def case_open311_unreachable():
    failing("open311", "", r"services\.json\?jurisdiction_id=[^ ]+ : serveur injoignable", unreachable=True)


def case_open311_unknown_datatype():
    failing("open311", "unknown-type", r"services/nid-de-poule\.json\?jurisdiction_id=[^ ]+ : l'attribut « ZONE » a le type « geometry », inconnu")


def case_open311_late_failure():
    failing("open311", "late-500", r"services/eclairage\.json\?jurisdiction_id=[^ ]+ : le serveur a répondu HTTP 500")


def case_wcs_bad_signature():
    bad = os.path.join(A.work, "wrong.key")
    with open(bad, "w") as f:
        f.write("une-autre-cle\n")
    failing("wcs", "", r"/api/formdefs/ \(requête signée, orig=borne-mairie\) : le serveur a répondu HTTP 403 : accès refusé", key=bad)


def case_wcs_http_500():
    failing("wcs", "500", r"/api/formdefs/ \(requête signée, orig=borne-mairie\) : le serveur a répondu HTTP 500")


def case_wcs_malformed():
    failing("wcs", "malformed", r"/api/formdefs/ \(requête signée, orig=borne-mairie\) : réponse qui n'est pas du JSON valide")


def case_wcs_unreachable():
    failing("wcs", "", r"/api/formdefs/ \(requête signée, orig=borne-mairie\) : serveur injoignable", unreachable=True)


def case_wcs_unknown_type():
    failing("wcs", "unknown-type", r"inscription-cantine/schema : le champ « Situez le lieu sur la carte » \(id 99\) a le type « map »")


def case_wcs_late_failure():
    failing("wcs", "late-500", r"pret-materiel/schema \(requête signée, orig=borne-mairie\) : le serveur a répondu HTTP 500")


def main():
    global A
    p = argparse.ArgumentParser()
    p.add_argument("case")
    p.add_argument("--guichetctl", required=True)
    p.add_argument("--guichet", default="")
    p.add_argument("--root", required=True)
    p.add_argument("--work", required=True)
    A = p.parse_args()
    os.makedirs(A.work, exist_ok=True)
    fn = globals().get("case_" + A.case.replace("-", "_"))
    if not fn:
        print("unknown case %s" % A.case)
        return 2
    try:
        fn()
    except Failed as e:
        print("FAILED %s: %s" % (A.case, e))
        return 1
    print("ok %s" % A.case)
    return 0


if __name__ == "__main__":
    sys.exit(main())
