#!/usr/bin/env python3
"""Writes the seed corpora of tests/fuzz/corpus/ from real data kept in the repository.

Run once when a source changes (python3 tests/fuzz/make_seeds.py); the output is checked in.
Sources, per target:
  atr              ATRs of tests/ccid/test_atr.cpp (real cards, pcsc smartcard_list) and the
                   emulated cards (drivers/emulators/ccid/virtual_card.cpp)
  ccid_descriptor  the real readers' class descriptors of tests/ccid/ccid_test_data.hpp
                   (from tests/data/device-data/ccid), alone and inside a configuration
  ccid_message     CCID 1.1 answers (DataBlock, SlotStatus, Parameters, Escape) and interrupt
                   notifications, as the emulated readers send them
  t1_block         I, R and S blocks (ISO/IEC 7816-3 §11) with LRC and CRC
  escpos_stream    our receipt layout's command set (init, code page, bold, sizes, cut, QR,
                   raster, DLE EOT) as tests/escpos checks it
  http_message     eSCL exchanges: a capabilities answer, a chunked page, a 201 with Location
  escl_xml         tests/data/device-data/escl/*.xml (real scanners) and tests/escl/data/*.xml
  jpeg_page        pages rendered by the emulated scanner (tests/fuzz/seeds/*.jpg)
  config_toml      config/*.toml (first byte: 0 terminal, 1 outbox, 2 card, 3 scanner)
  catalogue_toml   config/procedures/*.toml (first byte: 0 procedure, 1 _commune.toml)
  scenario_text    tests/ui/scenarios/*.scn and tests/wizard/scenarios/*.scenario
  submission_json  tests/outbox-style submissions (the enqueue format of docs/outbox.md)
  backoffice_answer the answers of tests/support/receivers/receiver.py (open311, wcs, webhook)
"""
import glob
import json
import os
import re
import struct

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests/fuzz/corpus")


def put(target, name, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def hexbytes(s):
    return bytes(int(x, 16) for x in s.split())


def src(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        return f.read()


# atr
atrs = re.findall(r'"(3[BF](?: [0-9A-F]{2})+)"', src("tests/ccid/test_atr.cpp") + src("drivers/emulators/ccid/virtual_card.cpp"))
for i, a in enumerate(sorted(set(atrs))):
    put("atr", "atr-%02d" % i, hexbytes(a))

# ccid_descriptor
descs = re.findall(r'fromHex\("([0-9A-F ]+)"\s*"([0-9A-F ]+)"\)', src("tests/ccid/ccid_test_data.hpp"))
for i, (a, b) in enumerate(descs):
    d = hexbytes(a + b)
    put("ccid_descriptor", "class-%d" % i, d)
    iface = hexbytes("09 04 00 00 03 0B 00 00 00")
    eps = hexbytes("07 05 02 02 40 00 00 07 05 82 02 40 00 00 07 05 83 03 08 00 18")
    body = iface + d + eps
    cfg = bytes([9, 2]) + struct.pack("<H", 9 + len(body)) + bytes([1, 1, 0, 0x80, 0x32]) + body
    put("ccid_descriptor", "configuration-%d" % i, cfg)


def ccid(msg_type, data=b"", slot=0, seq=0, status=0, error=0, specific=0):
    return bytes([msg_type]) + struct.pack("<I", len(data)) + bytes([slot, seq, status, error, specific]) + data


put("ccid_message", "datablock-atr", ccid(0x80, hexbytes("3B FE 18 00 00 81 31 FE 45 80 31 81 54 48 53 4D 31 73 80 21 40 81 07 FA")))
put("ccid_message", "datablock-apdu", ccid(0x80, hexbytes("90 00"), seq=3))
put("ccid_message", "datablock-wtx", ccid(0x80, b"", seq=4, status=0x80, specific=2))
put("ccid_message", "slotstatus-absent", ccid(0x81, status=0x42, error=0xFE))
put("ccid_message", "slotstatus-mute", ccid(0x81, status=0x41, error=0xFE))
put("ccid_message", "parameters-t1", ccid(0x82, hexbytes("11 10 00 4D 00 FE 00"), specific=1))
put("ccid_message", "escape", ccid(0x83, b"\x01\x02"))
put("ccid_message", "notify-present", bytes([0x50, 0x03]))
put("ccid_message", "notify-removed", bytes([0x50, 0x02]))
put("ccid_message", "hardware-error", bytes([0x51, 0x00, 0x05, 0x01]))


def t1(nad, pcb, inf, crc):
    block = bytes([nad, pcb, len(inf)]) + inf
    if crc:
        c = 0xFFFF
        for b in block:
            c ^= b
            for _ in range(8):
                c = (c >> 1) ^ 0x8408 if c & 1 else c >> 1
        c ^= 0xFFFF
        return block + struct.pack("<H", c)
    lrc = 0
    for b in block:
        lrc ^= b
    return block + bytes([lrc])


for crc in (False, True):
    tag = "crc" if crc else "lrc"
    put("t1_block", "i0-" + tag, t1(0, 0x00, hexbytes("00 A4 04 00 07 A0 00 00 00 03 10 10"), crc))
    put("t1_block", "i1-more-" + tag, t1(0, 0x60, b"\x90\x00", crc))
    put("t1_block", "r-error-" + tag, t1(0, 0x91, b"", crc))
    put("t1_block", "s-ifs-" + tag, t1(0, 0xC1, b"\xFE", crc))
    put("t1_block", "s-wtx-" + tag, t1(0, 0xC3, b"\x02", crc))
    put("t1_block", "s-resynch-resp-" + tag, t1(0, 0xE0, b"", crc))

ESC, GS, DLE = b"\x1b", b"\x1d", b"\x10"
receipt = (ESC + b"@" + ESC + b"t\x13" + ESC + b"a\x01" + ESC + b"E\x01" + GS + b"!\x11" + b"Mairie de Saint-Exemple\n"
           + GS + b"!\x00" + ESC + b"E\x00" + ESC + b"a\x00" + b"Acte de naissance\nR\x82f\x82rence : 7K4-2Q9\n"
           + ESC + b"-\x01soulign\x82\n" + ESC + b"-\x00" + ESC + b"d\x03")
qr_data = b"https://exemple.fr/suivi/7K4-2Q9"
qr = (GS + b"(k\x04\x00\x31\x41\x32\x00" + GS + b"(k\x03\x00\x31\x43\x06" + GS + b"(k\x03\x00\x31\x45\x31"
      + GS + b"(k" + struct.pack("<H", len(qr_data) + 3) + b"\x31\x50\x30" + qr_data + GS + b"(k\x03\x00\x31\x51\x30")
raster = GS + b"v0\x00" + struct.pack("<HH", 4, 8) + bytes(range(32))
cut = GS + b"V\x42\x03"
status = DLE + b"\x04\x01" + DLE + b"\x04\x04" + GS + b"r\x01"
put("escpos_stream", "receipt", b"\x00" + receipt + cut)
put("escpos_stream", "receipt-qr", b"\x10" + receipt + qr + cut)
put("escpos_stream", "raster", b"\x05" + ESC + b"@" + raster + ESC + b"J\x30" + cut)
put("escpos_stream", "status", b"\x02" + status)
put("escpos_stream", "foreign", b"\x03" + ESC + b"@" + b"\x1c\x70\x01\x00" + ESC + b"R\x01" + b"text\r\n" + GS + b"L\x00\x00")

caps = src("tests/data/device-data/escl/HP-LaserJet-MFP-M426fdn-ScannerCapabilities.xml").encode()
put("http_message", "response-caps", b"\x00\x20HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: %d\r\n\r\n" % len(caps) + caps)
put("http_message", "response-chunked", b"\x00\x07HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nTransfer-Encoding: chunked\r\n\r\n"
    b"5\r\n\xff\xd8\xff\xe0\x00\r\n3;ext=1\r\nabc\r\n0\r\nX-Trailer: 1\r\n\r\n")
put("http_message", "response-created", b"\x00\x3fHTTP/1.1 201 Created\r\nLocation: http://127.0.0.1:60000/eSCL/ScanJobs/7\r\nContent-Length: 0\r\n\r\n")
put("http_message", "response-busy-close", b"\x00\x01HTTP/1.1 503 Service Unavailable\r\nRetry-After: 2\r\nConnection: close\r\n\r\nbusy")
put("http_message", "response-100-then-204", b"\x02\x10HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n")
put("http_message", "request-post", b"\x01\x0bPOST /eSCL/ScanJobs HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/xml\r\nContent-Length: 11\r\n\r\n<scan:Job/>"
    b"GET /eSCL/ScannerStatus HTTP/1.1\r\nHost: localhost\r\n\r\n")

for path in sorted(glob.glob(os.path.join(ROOT, "tests/data/device-data/escl/*.xml")) + glob.glob(os.path.join(ROOT, "tests/escl/data/*.xml"))):
    with open(path, "rb") as f:
        put("escl_xml", os.path.basename(path), f.read())

for path in sorted(glob.glob(os.path.join(ROOT, "tests/fuzz/seeds/*.jpg"))):
    with open(path, "rb") as f:
        put("jpeg_page", os.path.basename(path), f.read())

kinds = {"terminal": 0, "outbox": 1, "card": 2, "scanner": 3}
for path in sorted(glob.glob(os.path.join(ROOT, "config/*.toml"))):
    name = os.path.basename(path)
    kind = next((v for k, v in kinds.items() if name.startswith(k)), 0)
    with open(path, "rb") as f:
        put("config_toml", name, bytes([kind]) + f.read())

for path in sorted(glob.glob(os.path.join(ROOT, "config/procedures/*.toml"))):
    name = os.path.basename(path)
    with open(path, "rb") as f:
        put("catalogue_toml", name, bytes([1 if name.startswith("_") else 0]) + f.read())

for path in sorted(glob.glob(os.path.join(ROOT, "tests/ui/scenarios/*.scn")) + glob.glob(os.path.join(ROOT, "tests/wizard/scenarios/*.standard.scenario"))):
    with open(path, "rb") as f:
        put("scenario_text", os.path.basename(path), f.read())

sub = {"uuid": "0b7c5a52-1d2e-4f7a-9c3b-5e8f2a1d4c6e", "procedure": {"id": "acte-naissance", "version": 2},
       "connector": "directory", "language": "fr", "terminal_id": "borne-test", "created_at": 1764316800,
       "answers": {"nom": "Dupont", "prenom": "Marie", "date_naissance": "1990-04-12",
                   "adresse": {"rue": "3 rue de la Paix", "code_postal": "75002", "ville": "Paris"}, "copies": 2, "urgent": False}}
put("submission_json", "acte-naissance.json", json.dumps(sub, ensure_ascii=False))
put("submission_json", "minimal.json", json.dumps({"uuid": sub["uuid"], "procedure": {"id": "avis"}}))
put("submission_json", "no-uuid.json", json.dumps({"procedure": {"id": "signalement"}, "answers": {"texte": "Lampadaire \u00e9teint"}}, ensure_ascii=False))

def answer(connector, status, body):
    return bytes([connector]) + struct.pack(">H", status - 100) + (body if isinstance(body, bytes) else json.dumps(body).encode())

put("backoffice_answer", "open311-id", answer(0, 201, [{"service_request_id": "42", "service_notice": "", "account_id": None}]))
put("backoffice_answer", "open311-token", answer(0, 201, [{"token": "tok-42"}]))
put("backoffice_answer", "open311-error", answer(0, 400, [{"code": 400, "description": "service_code missing"}]))
put("backoffice_answer", "open311-token-answer", answer(1, 200, [{"service_request_id": "42", "token": "tok-42"}]))
put("backoffice_answer", "wcs-ok", answer(2, 200, {"err": 0, "data": {"id": "acte-naissance/7", "url": "https://x/7"}}))
put("backoffice_answer", "wcs-err", answer(2, 403, {"err": 1, "err_desc": "invalid signature"}))
put("backoffice_answer", "webhook-id", answer(3, 201, {"id": 17}))
put("backoffice_answer", "webhook-409", answer(3, 409, b"already"))
print("seeds written to", OUT)
