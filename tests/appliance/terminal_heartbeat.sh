#!/usr/bin/env bash
# appliance.terminal_heartbeat: the real terminal (headless, demo devices) writes its
# heartbeat and metrics from its UI loop; guichetctl status reads them (healthy, same
# version), promtool accepts the metrics, the visits are counted by outcome and mode.
# Usage: terminal_heartbeat.sh GUICHET GUICHETCTL PROMTOOL SOURCE_ROOT
set -euo pipefail
guichet=$1 ctl=$2 promtool=$3 root=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/terminal.toml" <<TOML
[terminal]
id = "borne-test"
[input]
debounce_ms = 50
[appliance]
state_dir = "$tmp/data"
metrics_file = "$tmp/metrics/guichet.prom"
heartbeat_seconds = 1
stale_seconds = 30
TOML
mkdir -p "$tmp/metrics"
"$guichet" --headless --demo --config "$tmp/terminal.toml" --data "$tmp/data" \
  --scenario "$root/tests/appliance/terminal-heartbeat.scn" --out "$tmp/shots"
test -s "$tmp/data/heartbeat.json" || { echo "no heartbeat written"; exit 1; }
rc=0
"$ctl" status --json --config "$tmp/terminal.toml" > "$tmp/status.json" || rc=$?
cat "$tmp/status.json"
[ "$rc" -eq 0 ] || { echo "status exit $rc, expected 0 (healthy)"; exit 1; }
python3 - "$tmp/status.json" "$tmp/data/heartbeat.json" "$("$guichet" --version)" "$("$ctl" --version)" <<'PY'
import json, sys
status, hb = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
gv, cv = sys.argv[3].split()[1], sys.argv[4].split()[1]
assert gv == cv, f"guichet {gv} != guichetctl {cv}"
assert status["terminal"]["version"] == gv, status["terminal"]
assert status["status"] == "healthy", status
# The emulated printer: present and usable (its first poll may still say busy/unknown).
assert any(d["kind"] == "printer" and d["status"] not in ("absent", "error", "paper-out", "cover-open")
           for d in hb["devices"]), hb["devices"]
outcomes = {(e["procedure"], e["outcome"]): e["count"] for e in hb["sessions"]["by_procedure_outcome"]}
assert outcomes == {("none", "abandoned"): 1, ("none", "timed_out"): 1}, outcomes
assert hb["sessions"]["by_mode"].get("large-text") == 1, hb["sessions"]["by_mode"]
PY
"$promtool" check metrics < "$tmp/metrics/guichet.prom"
grep -q 'guichet_sessions_total{procedure="none",outcome="timed_out"} 1' "$tmp/metrics/guichet.prom"
echo "terminal heartbeat: ok"
