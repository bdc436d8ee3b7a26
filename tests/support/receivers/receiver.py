#!/usr/bin/env python3
"""Loopback back-office receivers for Guichet's outbox tests (standard library only).

Modes: webhook (checks X-Guichet-Signature and Idempotency-Key, 409 on a repeat),
open311 (GeoReport v2 requests.json + tokens), wcs (Publik signed query strings).
--faults makes a share of requests fail (500, connection reset, hang past the client's
timeout, slow answer). --hold FILE holds every answer until FILE exists (a test decides
when the back office answers); with --hold-after N the first N answers go at once (a test
holds the back office at a given request). Every request is appended to --log as one JSON
line. The chosen port is printed as "PORT <n>" on stdout once listening (--port 0 picks a
free one).
"""
import argparse
import base64
import hashlib
import hmac
import json
import os
import random
import socket
import struct
import sys
import threading
import time
import urllib.parse
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARGS = None
LOCK = threading.Lock()
STATE = {"active": 0, "count": 0, "answers": 0, "seen_keys": set(), "nonces": set(), "next_id": 1, "tokens": {}}
RNG = random.Random()


def log(entry):
    with LOCK:
        with open(ARGS.log, "a", encoding="utf-8") as f:
            f.write(json.dumps(entry) + "\n")
            f.flush()


def parse_multipart(ctype, body):
    """multipart/form-data as RFC 7578 and RFC 2046 §5.1.1 define it: parts between
    "--boundary" delimiter lines, each with headers, a blank line and its bytes.
    Returns a list of {name, filename, content_type, data}, or None if malformed."""
    params = {}
    for item in ctype.split(";")[1:]:
        k, _, v = item.strip().partition("=")
        params[k.lower()] = v.strip('"')
    boundary = params.get("boundary")
    if not ctype.startswith("multipart/form-data") or not boundary:
        return None
    delim = b"--" + boundary.encode()
    if not body.startswith(delim) or not body.rstrip(b"\r\n").endswith(delim + b"--"):
        return None
    parts = []
    for chunk in body.split(b"\r\n" + delim)[:-1]:
        chunk = chunk[len(delim):] if chunk.startswith(delim) else chunk
        if not chunk.startswith(b"\r\n"):
            return None
        head, sep, data = chunk[2:].partition(b"\r\n\r\n")
        if not sep:
            return None
        part = {"name": None, "filename": None, "content_type": "text/plain", "data": data}
        for line in head.decode("utf-8").split("\r\n"):
            k, _, v = line.partition(":")
            if k.strip().lower() == "content-type":
                part["content_type"] = v.strip()
            if k.strip().lower() == "content-disposition":
                for item in v.split(";")[1:]:
                    pk, _, pv = item.strip().partition("=")
                    part[pk.lower()] = urllib.parse.unquote(pv.strip('"'))
        parts.append(part)
    return parts


def parts_record(parts):
    return [{"name": p["name"], "filename": p["filename"], "content_type": p["content_type"],
             "size": len(p["data"]), "base64": base64.b64encode(p["data"]).decode()} for p in parts]


def next_id():
    with LOCK:
        n = STATE["next_id"]
        STATE["next_id"] += 1
        return n


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # The headers and the body leave in two writes: with Nagle the body waits for the
    # client's delayed ACK, 40 ms an answer on a kept-alive connection (a batch of 32 then
    # outlasts the uploader's kBatchMs).
    disable_nagle_algorithm = True

    def log_message(self, fmt, *args):  # quiet: the JSON log is the record
        pass

    def read_body(self):
        n = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(n) if n > 0 else b""
        # The client died mid-request (the crash test kills senders): not a request at all.
        self.truncated = len(body) < n
        return body

    def answer(self, status, payload, content_type="application/json"):
        with LOCK:
            STATE["answers"] += 1
            held = STATE["answers"] > ARGS.hold_after
        while held and ARGS.hold and not os.path.exists(ARGS.hold):  # the request is logged already
            time.sleep(0.005)
        body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()

    def reset(self):
        # SO_LINGER 0 then close: the client sees a connection reset, not a clean close.
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def record(self, body, **extra):
        parsed = urllib.parse.urlsplit(self.path)
        entry = {
            "method": self.command,
            "path": parsed.path,
            "query": parsed.query,
            "headers": {k.lower(): v for k, v in self.headers.items()},
            "body": body.decode("utf-8", "replace"),
            "at": time.time(),
            # requests being answered at once when this one arrived (a client's in-flight sends)
            "concurrent": getattr(self, "concurrent", 1),
        }
        entry.update(extra)
        log(entry)
        return entry

    def pick_fault(self):
        with LOCK:
            n = STATE["count"]
            STATE["count"] += 1
        if ARGS.statuses and n < len(ARGS.statuses):
            return ("status", ARGS.statuses[n])
        if ARGS.faults > 0 and RNG.random() < ARGS.faults:
            return (RNG.choice(ARGS.fault_kinds), None)
        return (None, None)

    # ---------------------------------------------------------------- webhook
    def webhook(self):
        body = self.read_body()
        if self.truncated:
            self.record(body, truncated=True, delivered=False)
            self.close_connection = True
            return
        fault, status = self.pick_fault()
        key = self.headers.get("Idempotency-Key", "")
        sig = self.headers.get("X-Guichet-Signature", "")
        expected = "sha256=" + hmac.new(ARGS.secret.encode(), body, hashlib.sha256).hexdigest()
        sig_ok = hmac.compare_digest(sig, expected)
        ctype = self.headers.get("Content-Type", "")
        parts = parse_multipart(ctype, body) if ctype.startswith("multipart/") else None
        try:
            if parts is not None:  # the JSON is the "submission" part
                doc = json.loads(next(p["data"] for p in parts if p["name"] == "submission"))
            else:
                doc = json.loads(body)
            uuid = doc.get("uuid", "")
        except (ValueError, StopIteration):
            doc, uuid = None, ""
        # a scripted status is logged as itself ("413"), a random fault by its kind
        common = {"signature_ok": sig_ok, "uuid": uuid, "key": key, "fault": status if fault == "status" else fault}
        if parts is not None:
            common["parts"] = parts_record(parts)
        if fault == "status":
            self.record(body, delivered=False, **common)
            return self.answer(int(status), {"error": "scripted"})
        if fault == "500":
            self.record(body, delivered=False, **common)
            return self.answer(500, {"error": "internal"})
        if not sig_ok or not key or key != uuid:
            self.record(body, delivered=False, **common)
            return self.answer(401, {"error": "bad signature or idempotency key"})
        with LOCK:
            repeat = key in STATE["seen_keys"]
            # Hangs and resets happen after the request was processed half of the time:
            # the client cannot know (an ambiguous failure), its retry must get a 409.
            processed = fault in (None, "slow") or RNG.random() < 0.5
            if processed:
                STATE["seen_keys"].add(key)
        self.record(body, delivered=processed and not repeat, repeat=repeat, **common)
        if fault == "reset":
            return self.reset()
        if fault == "hang":
            time.sleep(ARGS.hang)
            return self.reset()
        if fault == "slow":
            time.sleep(ARGS.slow)
        if repeat:
            return self.answer(409, {"error": "already received", "id": key})
        return self.answer(201, {"id": "WH-%d" % next_id()})

    # ---------------------------------------------------------------- open311
    def open311(self):
        parsed = urllib.parse.urlsplit(self.path)
        if self.command == "GET" and parsed.path.startswith("/tokens/") and parsed.path.endswith(".json"):
            token = parsed.path[len("/tokens/"):-len(".json")]
            self.record(b"")
            with LOCK:
                sid = STATE["tokens"].get(token)
            if sid is None:
                return self.answer(404, [{"code": 404, "description": "unknown token"}])
            return self.answer(200, [{"service_request_id": sid, "token": token}])
        body = self.read_body()
        fault, status = self.pick_fault()
        ctype = self.headers.get("Content-Type", "")
        files = []
        if ctype.startswith("multipart/form-data"):
            # FixMyStreet's extension: the photo as a "media" file part beside the fields.
            parts = parse_multipart(ctype, body) or []
            form = {}
            for p in parts:
                if p["filename"] is None:
                    form.setdefault(p["name"], []).append(p["data"].decode("utf-8"))
                else:
                    files.append(p)
        else:
            form = urllib.parse.parse_qs(body.decode(), keep_blank_values=True, strict_parsing=False)
        if parsed.path == "/media" and self.command == "POST":
            # The town's upload endpoint: keeps the file, answers where it now lives.
            with LOCK:
                STATE["media"] = n = STATE.get("media", 0) + 1
            url = "http://127.0.0.1:%d/media/%d-%s" % (self.server.server_address[1], n, files[0]["filename"] if files else "x")
            self.record(body, form=form, files=parts_record(files), url=url, fault=status)
            if not files:
                return self.answer(400, {"error": "no file part"})
            return self.answer(201, {"url": url})
        self.record(body, form=form, files=parts_record(files), fault=status)
        if fault == "status":
            return self.answer(int(status), [{"code": int(status), "description": "scripted"}])
        if parsed.path != "/requests.json" or self.command != "POST":
            return self.answer(404, [{"code": 404, "description": "no such endpoint"}])
        if not (ctype.startswith("application/x-www-form-urlencoded") or ctype.startswith("multipart/form-data")):
            return self.answer(400, [{"code": 400, "description": "form encoding expected"}])
        if form.get("api_key", [""])[0] != ARGS.api_key:
            return self.answer(403, [{"code": 403, "description": "Invalid api_key"}])
        if form.get("service_code", [""])[0] not in ARGS.services:
            return self.answer(404, [{"code": 404, "description": "Service not found"}])
        if not (("lat" in form and "long" in form) or "address_string" in form or "address_id" in form):
            return self.answer(400, [{"code": 400, "description": "location required"}])
        sid = "SR-%d" % next_id()
        if ARGS.answer == "token":
            token = "tok-" + sid
            with LOCK:
                STATE["tokens"][token] = sid
            return self.answer(201, [{"token": token}])
        return self.answer(201, [{"service_request_id": sid, "service_notice": "", "account_id": None}])

    # ---------------------------------------------------------------- wcs
    def wcs(self):
        parsed = urllib.parse.urlsplit(self.path)
        body = self.read_body()
        fault, status = self.pick_fault()
        query = parsed.query
        verdict = "ok"
        if "&signature=" not in query:
            verdict = "unsigned"
        else:
            signed, _, sig = query.partition("&signature=")
            params = urllib.parse.parse_qs(signed)
            expected = base64.b64encode(hmac.new(ARGS.wcs_key.encode(), signed.encode(), hashlib.sha256).digest()).decode()
            if not hmac.compare_digest(urllib.parse.unquote(sig), expected):
                verdict = "bad signature"
            elif params.get("algo") != ["sha256"] or params.get("orig") != [ARGS.wcs_orig]:
                verdict = "bad algo/orig"
            else:
                ts = datetime.strptime(params["timestamp"][0], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
                if abs((datetime.now(timezone.utc) - ts).total_seconds()) > 30:
                    verdict = "stale timestamp"
                nonce = params.get("nonce", [""])[0]
                with LOCK:
                    if nonce in STATE["nonces"]:
                        verdict = "nonce reused"
                    STATE["nonces"].add(nonce)
        self.record(body, verdict=verdict, fault=status)
        if fault == "status":
            return self.answer(int(status), {"err": 1, "err_desc": "scripted"})
        if verdict != "ok":
            return self.answer(403, {"err": 1, "err_desc": verdict})
        parts = parsed.path.strip("/").split("/")
        if len(parts) != 4 or parts[:2] != ["api", "formdefs"] or parts[3] != "submit":
            return self.answer(404, {"err": 1, "err_desc": "no such formdef"})
        n = next_id()
        slug = parts[2]
        return self.answer(200, {"err": 0, "data": {"id": "%s/%d" % (slug, n),
                                                    "url": "http://localhost/%s/%d/" % (slug, n),
                                                    "api_url": "http://localhost/api/forms/%s/%d/" % (slug, n)}})

    def dispatch(self):
        with LOCK:
            STATE["active"] += 1
            self.concurrent = STATE["active"]
        try:
            if ARGS.delay > 0:  # a back office far away: every answer takes this long
                time.sleep(ARGS.delay)
            getattr(self, ARGS.mode)()
            if ARGS.close_after:  # closes after the answer without saying so (no "Connection: close")
                self.close_connection = True
        except (BrokenPipeError, ConnectionResetError, OSError):
            pass
        finally:
            with LOCK:
                STATE["active"] -= 1

    do_POST = dispatch
    do_GET = dispatch


def main():
    global ARGS
    p = argparse.ArgumentParser()
    p.add_argument("--mode", choices=["webhook", "open311", "wcs"], required=True)
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--log", required=True)
    p.add_argument("--secret", default="s3cret")
    p.add_argument("--api-key", default="key-123")
    p.add_argument("--services", default="nid-de-poule,eclairage")
    p.add_argument("--answer", choices=["id", "token"], default="id")
    p.add_argument("--wcs-key", default="wcs-key")
    p.add_argument("--wcs-orig", default="borne-mairie")
    p.add_argument("--faults", type=float, default=0.0)
    p.add_argument("--hang", type=float, default=3.0)
    p.add_argument("--slow", type=float, default=0.3)
    p.add_argument("--statuses", default="")
    p.add_argument("--delay", type=float, default=0.0)
    p.add_argument("--close-after", action="store_true")
    p.add_argument("--hold", default="")
    p.add_argument("--hold-after", type=int, default=0)
    p.add_argument("--fault-kinds", default="500,reset,hang,slow")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--tls-cert", default="")
    ARGS = p.parse_args()
    ARGS.services = set(ARGS.services.split(","))
    ARGS.statuses = [s for s in ARGS.statuses.split(",") if s]
    ARGS.fault_kinds = ARGS.fault_kinds.split(",")
    RNG.seed(ARGS.seed)
    server = ThreadingHTTPServer(("127.0.0.1", ARGS.port), Handler)
    server.daemon_threads = True
    if ARGS.tls_cert:
        import ssl
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(ARGS.tls_cert)
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    print("PORT %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
