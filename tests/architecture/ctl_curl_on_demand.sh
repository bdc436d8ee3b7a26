#!/usr/bin/env bash
# Usage: ctl_curl_on_demand.sh GUICHETCTL WORKDIR — libcurl (and its 32 libraries) is loaded
# by guichetctl only when a command sends over HTTP (issue 17: start-up of every other
# command). Checks: not among the binary's libraries; not loaded by --version or stats;
# loaded (dlopen) by `outbox send --once` with a demand queued for a webhook, whose failure
# to connect (nothing listens) then leaves the demand queued.
set -u
ctl="$1"; work="$2"
rm -rf "$work"; mkdir -p "$work"
fail() { echo "curl-on-demand: $*"; exit 1; }
ldd "$ctl" | grep -q 'libcurl' && fail "$ctl links libcurl: every command loads it"
LD_DEBUG=libs "$ctl" --version 2> "$work/version.trace" > /dev/null || fail "--version failed"
grep -q 'libcurl' "$work/version.trace" && fail "--version loaded libcurl"
cat > "$work/outbox.toml" <<TOML
[outbox]
database = "outbox.sqlite"
[upload]
connect_timeout_ms = 300
[connectors.webhook]
url = "http://127.0.0.1:9/hook"
secret = "s"
TOML
cat > "$work/s.json" <<JSON
{"uuid": "00000000-0000-4000-8000-0000000000c1", "procedure": {"id": "rdv-titres", "version": 1},
 "connector": "webhook", "language": "fr", "answers": {"nom": "Test"}}
JSON
"$ctl" outbox enqueue --config "$work/outbox.toml" --file "$work/s.json" > /dev/null || fail "enqueue failed"
LD_DEBUG=libs "$ctl" outbox stats --config "$work/outbox.toml" 2> "$work/stats.trace" > /dev/null || fail "stats failed"
grep -q 'libcurl' "$work/stats.trace" && fail "outbox stats loaded libcurl"
LD_DEBUG=libs "$ctl" outbox send --once --config "$work/outbox.toml" --json 2> "$work/send.trace" > "$work/send.out"
grep -q 'calling init: .*libcurl.so.4' "$work/send.trace" || fail "outbox send did not load libcurl: $(tail -3 "$work/send.trace")"
grep -q '"retried": *1' "$work/send.out" || fail "the demand was not tried once and kept: $(cat "$work/send.out")"
"$ctl" outbox stats --config "$work/outbox.toml" --json | grep -q '"queued": *1' || fail "the demand is not queued any more"
echo "curl-on-demand: libcurl loaded only by the send"
