#!/usr/bin/env python3
"""A loopback back office answering the follow-up's status questions, written from the
public descriptions: Open311 GeoReport v2 `GET requests/<id>.json` (an array of one
service request: status open|closed, status_notes, updated_datetime), Publik w.c.s.
`GET api/forms/<slug>/<id>/` with a signed query string (HMAC-SHA256 over the query
without `signature`, base64; answer: workflow.status.name, last_update_time), and the
integrator's webhook status URL ({status, message, updated_at}).

usage: status_server.py --answers FILE [--wcs-key K --wcs-orig O]
FILE maps a path to [http_status, body] (body: JSON value or a raw string). Prints
"PORT n" once listening, then one JSON line per request ({"path", "verdict"}).
"""
import argparse
import base64
import hashlib
import hmac
import http.server
import json
import sys
import urllib.parse

ARGS = None
ANSWERS = {}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def do_POST(self):
        """The connectors' sending side, so that a scenario's demand really goes out: an
        answer keyed "POST <path>" in FILE (Open311 requests.json, w.c.s. submit, webhook)."""
        parsed = urllib.parse.urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        verdict = self.check_signature(parsed) if parsed.path.startswith("/api/formdefs/") else "ok"
        print(json.dumps({"method": "POST", "path": parsed.path, "verdict": verdict, "bytes": len(body)}), flush=True)
        if verdict != "ok":
            return self.answer(403, json.dumps({"err": 1, "err_desc": verdict}))
        status, answer = ANSWERS.get("POST " + parsed.path, [404, {"err": "not found"}])
        self.answer(status, answer if isinstance(answer, str) else json.dumps(answer))

    def check_signature(self, parsed):
        query = parsed.query
        if "&signature=" not in query:
            return "unsigned"
        signed, _, sig = query.partition("&signature=")
        params = urllib.parse.parse_qs(signed)
        expected = base64.b64encode(hmac.new(ARGS.wcs_key.encode(), signed.encode(), hashlib.sha256).digest()).decode()
        if not hmac.compare_digest(urllib.parse.unquote(sig), expected):
            return "bad signature"
        if params.get("orig") != [ARGS.wcs_orig]:
            return "bad orig"
        return "ok"

    def do_GET(self):
        parsed = urllib.parse.urlsplit(self.path)
        verdict = "ok"
        if parsed.path.startswith("/api/forms/"):
            query = parsed.query
            if "&signature=" not in query:
                verdict = "unsigned"
            else:
                signed, _, sig = query.partition("&signature=")
                params = urllib.parse.parse_qs(signed)
                expected = base64.b64encode(
                    hmac.new(ARGS.wcs_key.encode(), signed.encode(), hashlib.sha256).digest()).decode()
                if not hmac.compare_digest(urllib.parse.unquote(sig), expected):
                    verdict = "bad signature"
                elif params.get("orig") != [ARGS.wcs_orig]:
                    verdict = "bad orig"
        print(json.dumps({"path": parsed.path, "query": parsed.query, "verdict": verdict}), flush=True)
        if verdict != "ok":
            return self.answer(403, json.dumps({"err": 1, "err_desc": verdict}))
        status, body = ANSWERS.get(parsed.path, [404, {"err": "not found"}])
        self.answer(status, body if isinstance(body, str) else json.dumps(body))

    def answer(self, status, text):
        data = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def main():
    global ARGS, ANSWERS
    p = argparse.ArgumentParser()
    p.add_argument("--answers", required=True)
    p.add_argument("--wcs-key", default="")
    p.add_argument("--wcs-orig", default="")
    ARGS = p.parse_args()
    with open(ARGS.answers) as f:
        ANSWERS = json.load(f)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print("PORT %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
