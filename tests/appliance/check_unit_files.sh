#!/usr/bin/env bash
# appliance.unit_files: the packaged unit, sysusers, tmpfiles and udev files are valid, and
# the service's exposure stays "OK" or better (systemd-analyze security < 2.0).
# Usage: check_unit_files.sh SOURCE_ROOT EXECUTABLE (any built program: it stands for ExecStart's)
set -euo pipefail
root=$1 guichet=$2
command -v systemd-analyze >/dev/null || { echo "systemd-analyze missing (package systemd)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# verify checks that ExecStart's program exists: cage and the installed guichet are not
# there on a build machine, so a program of this build stands in for the whole command.
sed -e "s|/usr/bin/cage -d -- /usr/bin/guichet|$guichet|" "$root/debian/guichet.service" > "$tmp/guichet.service"
grep -q "ExecStart=$guichet" "$tmp/guichet.service" || { echo "ExecStart line changed: update this test"; exit 1; }
out=$(systemd-analyze verify --man=no "$tmp/guichet.service" 2>&1 || true)
# Only lines about our unit count (the host's own units may have their own complaints).
bad=$(printf '%s\n' "$out" | grep -i "guichet.service" || true)
if [ -n "$bad" ]; then
  echo "systemd-analyze verify guichet.service:"; echo "$bad"; exit 1
fi
score=$(systemd-analyze security --offline=yes "$root/debian/guichet.service" 2>/dev/null | sed -n 's/.*Overall exposure level for guichet.service: \([0-9.]*\) \([A-Z]*\).*/\1 \2/p')
echo "exposure: $score"
[ -n "$score" ] || { echo "no exposure score"; exit 1; }
awk -v s="${score%% *}" 'BEGIN { exit !(s < 2.0) }' || { echo "exposure $score: must stay below 2.0 (OK)"; exit 1; }
# sysusers and tmpfiles: their own parsers, on a scratch root.
systemd-sysusers --root="$tmp/root" --dry-run "$root/debian/guichet.sysusers" >/dev/null 2>"$tmp/sysusers.err" || {
  cat "$tmp/sysusers.err"; exit 1; }
grep -qi "error\|invalid" "$tmp/sysusers.err" && { cat "$tmp/sysusers.err"; exit 1; }
mkdir -p "$tmp/root/etc"
systemd-tmpfiles --root="$tmp/root" --create "$root/debian/guichet.tmpfiles" 2>"$tmp/tmpfiles.err" || true
grep -v "Failed to resolve user\|Failed to resolve group\|unknown user\|unknown group" "$tmp/tmpfiles.err" | grep . && exit 1
# udev: every rule line parses (udevadm verify appears in systemd 253; test-parse here).
if udevadm --help 2>&1 | grep -q " verify"; then
  udevadm verify "$root/debian/guichet.udev"
else
  # Each non-comment line: KEY op "value" pairs separated by commas, and a known label flow.
  awk '!/^#/ && NF { if ($0 !~ /^(LABEL|GOTO|ACTION|SUBSYSTEM|ENV|ATTR)/) { print "udev: " NR ": " $0; bad=1 } } END { exit bad }' "$root/debian/guichet.udev"
  for l in $(grep -o 'GOTO="[a-z_]*"' "$root/debian/guichet.udev" | cut -d'"' -f2 | sort -u); do
    grep -q "LABEL=\"$l\"" "$root/debian/guichet.udev" || { echo "udev: GOTO $l without LABEL"; exit 1; }
  done
fi
echo "unit files: ok"
