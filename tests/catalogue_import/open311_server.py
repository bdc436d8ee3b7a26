#!/usr/bin/env python3
"""A loopback Open311 GeoReport v2 back office for the catalogue import tests, written from
the public specification (GET services.json, GET services/<code>.json, POST requests.json
form-encoded) and shaped like FixMyStreet's answers.

usage: open311_server.py --data DIR --log FILE [--jurisdiction ID] [--api-key K] [--fail MODE]
DIR holds services.json and services/<code>.json. MODE: 500 (every GET fails), malformed
(services.json is cut short), late-500 (the second service definition fails),
unknown-type (a definition carries an attribute of datatype "geometry").
POST requests.json is accepted only with the api key, a known service_code, a place
(address_string or lat/long) and every attribute the definition marks required; the
answer is [{"service_request_id": ...}], else 400 [{"code", "description"}].
Prints "PORT n" once listening; appends one JSON line per request to FILE.
"""
import argparse
import json
import os
import sys
import http.server
import urllib.parse

ARGS = None
PREFIX = "/open311/v2"
COUNT = {"definitions": 0, "requests": 0}


def load(path):
    with open(os.path.join(ARGS.data, path), encoding="utf-8") as f:
        return f.read()


def log(entry):
    with open(ARGS.log, "a", encoding="utf-8") as f:
        f.write(json.dumps(entry, ensure_ascii=False) + "\n")


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def answer(self, status, text):
        data = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query)
        log({"method": "GET", "path": url.path, "query": url.query})
        if not url.path.startswith(PREFIX + "/"):
            return self.answer(404, '[{"code":404,"description":"not found"}]')
        path = url.path[len(PREFIX) + 1:]
        if ARGS.jurisdiction and query.get("jurisdiction_id") != [ARGS.jurisdiction]:
            return self.answer(400, '[{"code":400,"description":"jurisdiction_id was not provided or is unknown"}]')
        if ARGS.fail == "500":
            return self.answer(500, "<html><body>Internal Server Error</body></html>")
        if path == "services.json":
            text = load("services.json")
            if ARGS.fail == "malformed":
                text = text[: len(text) // 2]
            return self.answer(200, text)
        if path.startswith("services/") and path.endswith(".json"):
            code = urllib.parse.unquote(path[len("services/"):-len(".json")])
            COUNT["definitions"] += 1
            if ARGS.fail == "late-500" and COUNT["definitions"] >= 2:
                return self.answer(500, '[{"code":500,"description":"database unavailable"}]')
            try:
                text = load(os.path.join("services", code + ".json"))
            except OSError:
                return self.answer(404, '[{"code":404,"description":"service_code not found"}]')
            if ARGS.fail == "unknown-type":
                d = json.loads(text)
                d["attributes"].append({"variable": "true", "code": "ZONE", "datatype": "geometry", "required": "false",
                                        "order": 9, "description": "Tracez la zone"})
                text = json.dumps(d, ensure_ascii=False)
            return self.answer(200, text)
        return self.answer(404, '[{"code":404,"description":"not found"}]')

    def do_POST(self):
        url = urllib.parse.urlsplit(self.path)
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode("utf-8")
        form = urllib.parse.parse_qs(body, keep_blank_values=True)
        flat = {k: (v if len(v) > 1 or k.endswith("[]") else v[0]) for k, v in form.items()}
        problem = None
        if url.path != PREFIX + "/requests.json":
            problem = (404, "not found")
        elif form.get("api_key") != [ARGS.api_key]:
            problem = (403, "invalid api_key")
        else:
            code = form.get("service_code", [""])[0]
            try:
                definition = json.loads(load(os.path.join("services", code + ".json")))
            except OSError:
                definition = None
                services = json.loads(load("services.json"))
                if not any(s["service_code"] == code for s in services):
                    problem = (404, "service_code %s not found" % code)
            if not problem and not (form.get("address_string") or (form.get("lat") and form.get("long"))):
                problem = (400, "address_string or lat/long required")
            if not problem and definition:
                for a in definition["attributes"]:
                    if a.get("variable") in ("true", True) and a.get("required") in ("true", True):
                        if not (form.get("attribute[%s]" % a["code"]) or form.get("attribute[%s][]" % a["code"])):
                            problem = (400, "attribute %s is required" % a["code"])
                            break
                for a in definition["attributes"]:
                    values = form.get("attribute[%s]" % a["code"], []) + form.get("attribute[%s][]" % a["code"], [])
                    allowed = [str(v["key"]) for v in a.get("values", [])]
                    if allowed and any(v not in allowed for v in values):
                        problem = (400, "attribute %s: value not in the list" % a["code"])
        log({"method": "POST", "path": url.path, "form": flat, "verdict": "ok" if not problem else problem[1]})
        if problem:
            return self.answer(problem[0], json.dumps([{"code": problem[0], "description": problem[1]}]))
        COUNT["requests"] += 1
        self.answer(201, json.dumps([{"service_request_id": "BSL-%d" % (1000 + COUNT["requests"]),
                                      "service_notice": "Merci, votre signalement est transmis aux services techniques."}]))


def main():
    global ARGS
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--log", required=True)
    p.add_argument("--jurisdiction", default="")
    p.add_argument("--api-key", default="cle-test-open311")
    p.add_argument("--fail", default="")
    ARGS = p.parse_args()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print("PORT %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
