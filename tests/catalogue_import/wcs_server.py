#!/usr/bin/env python3
"""A loopback Publik w.c.s. for the catalogue import tests, written from the public API
description: GET /api/formdefs/, GET /api/formdefs/<slug>/schema and
POST /api/formdefs/<slug>/submit, every call signed with a query string (algo=sha256,
orig, timestamp, nonce, then signature = URL-quoted base64 of HMAC-SHA256(key, the query
before "&signature=")). A wrong signature, orig, algorithm, a stale timestamp or a nonce
seen twice is answered 403 {"err": 1, "err_desc": ...}, as w.c.s. does.

usage: wcs_server.py --data DIR --log FILE --orig O --key K [--fail MODE]
DIR holds formdefs.json and <slug>.json. MODE: 500, malformed, late-500 (the second
schema fails), unknown-type (a schema holds a "map" field).
submit checks that every required field with a varname is in data (file fields as
{filename, content_type, content} with base64 content), and that choices are the form's.
Prints "PORT n" once listening; appends one JSON line per request to FILE.
"""
import argparse
import base64
import datetime
import hashlib
import hmac
import http.server
import json
import os
import sys
import urllib.parse

ARGS = None
COUNT = {"schemas": 0, "submits": 0}
NONCES = set()


def load(name):
    with open(os.path.join(ARGS.data, name), encoding="utf-8") as f:
        return f.read()


def log(entry):
    with open(ARGS.log, "a", encoding="utf-8") as f:
        f.write(json.dumps(entry, ensure_ascii=False) + "\n")


def check_signature(query):
    if "&signature=" not in query:
        return "missing signature"
    signed, _, sig = query.partition("&signature=")
    params = urllib.parse.parse_qs(signed)
    expected = base64.b64encode(hmac.new(ARGS.key.encode(), signed.encode(), hashlib.sha256).digest()).decode()
    if not hmac.compare_digest(urllib.parse.unquote(sig), expected):
        return "invalid signature"
    if params.get("algo") != ["sha256"]:
        return "invalid algo"
    if params.get("orig") != [ARGS.orig]:
        return "unknown orig"
    try:
        stamp = datetime.datetime.strptime(params["timestamp"][0], "%Y-%m-%dT%H:%M:%SZ")
    except (KeyError, ValueError):
        return "invalid timestamp"
    if abs((datetime.datetime.utcnow() - stamp).total_seconds()) > 30:
        return "timestamp too old"
    nonce = params.get("nonce", [""])[0]
    if not nonce or nonce in NONCES:
        return "nonce reused"
    NONCES.add(nonce)
    return None


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def answer(self, status, value):
        data = (value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        refused = check_signature(url.query)
        log({"method": "GET", "path": url.path, "verdict": refused or "ok"})
        if refused:
            return self.answer(403, {"err": 1, "err_class": "Access denied", "err_desc": refused})
        if ARGS.fail == "500":
            return self.answer(500, "<html><body>Internal Server Error</body></html>")
        if url.path == "/api/formdefs/":
            text = load("formdefs.json")
            if ARGS.fail == "malformed":
                text = text[: len(text) // 2]
            return self.answer(200, text)
        parts = url.path.strip("/").split("/")
        if len(parts) == 4 and parts[:2] == ["api", "formdefs"] and parts[3] == "schema":
            COUNT["schemas"] += 1
            if ARGS.fail == "late-500" and COUNT["schemas"] >= 2:
                return self.answer(500, {"err": 1, "err_desc": "internal error"})
            try:
                text = load(parts[2] + ".json")
            except OSError:
                return self.answer(404, {"err": 1, "err_desc": "unknown formdef"})
            if ARGS.fail == "unknown-type":
                d = json.loads(text)
                d["fields"].append({"id": "99", "type": "map", "label": "Situez le lieu sur la carte", "required": "optional"})
                text = json.dumps(d, ensure_ascii=False)
            return self.answer(200, text)
        return self.answer(404, {"err": 1, "err_desc": "not found"})

    def do_POST(self):
        url = urllib.parse.urlsplit(self.path)
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        refused = check_signature(url.query)
        parts = url.path.strip("/").split("/")
        problem = refused
        data = {}
        if not problem and not (len(parts) == 4 and parts[:2] == ["api", "formdefs"] and parts[3] == "submit"):
            problem = "not found"
        if not problem:
            try:
                data = json.loads(body)["data"]
                schema = json.loads(load(parts[2] + ".json"))
            except (ValueError, KeyError, OSError) as e:
                problem = "bad request: %s" % e
        if not problem:
            for f in schema["fields"]:
                var = f.get("varname")
                if not var or f["type"] in ("page", "title", "subtitle", "comment", "computed"):
                    continue
                value = data.get(var)
                if f.get("required") in ("required", True) and not f.get("condition", {}).get("value") and value in (None, "", []):
                    problem = "required field %s missing" % var
                    break
                if value is None:
                    continue
                if f["type"] == "file":
                    try:
                        raw = base64.b64decode(value["content"], validate=True)
                    except Exception:
                        problem = "field %s: content is not base64" % var
                        break
                    value = {"filename": value.get("filename"), "content_type": value.get("content_type"), "bytes": len(raw),
                             "pdf": raw.startswith(b"%PDF")}
                    data[var] = value
                if f["type"] == "item" and value not in f.get("items", [value]):
                    problem = "field %s: %r is not a choice" % (var, value)
                if f["type"] == "items" and any(v not in f.get("items", []) for v in value):
                    problem = "field %s: %r are not choices" % (var, value)
        log({"method": "POST", "path": url.path, "data": data, "verdict": problem or "ok"})
        if problem:
            return self.answer(403 if refused else 400, {"err": 1, "err_desc": problem})
        COUNT["submits"] += 1
        n = COUNT["submits"]
        self.answer(200, {"err": 0, "data": {"id": str(n), "display_id": "%s-%d" % (parts[2][:3].upper(), n),
                                             "url": "https://demarches.example/backoffice/%s/%d/" % (parts[2], n)}})


def main():
    global ARGS
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--log", required=True)
    p.add_argument("--orig", required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--fail", default="")
    ARGS = p.parse_args()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print("PORT %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
