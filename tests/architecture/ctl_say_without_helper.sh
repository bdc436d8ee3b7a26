#!/usr/bin/env bash
# Usage: ctl_say_without_helper.sh GUICHETCTL TMPDIR — `guichetctl say` runs guichetctl-say
# from guichetctl's own folder; a guichetctl copied alone must say so clearly (exit 1, the
# missing program named), and its other commands must still work.
set -u
ctl="$1" dir="$2"
rm -rf "$dir" && mkdir -p "$dir" && cp "$ctl" "$dir/guichetctl"
err=$("$dir/guichetctl" say --wav "$dir/x.wav" bonjour 2>&1 >/dev/null); rc=$?
[ $rc -eq 1 ] || { echo "expected exit 1, got $rc: $err"; exit 1; }
case "$err" in *"$dir/guichetctl-say"*"installed beside guichetctl"*) ;; *) echo "unclear message: $err"; exit 1;; esac
[ ! -e "$dir/x.wav" ] || { echo "a file was written"; exit 1; }
"$dir/guichetctl" --version | grep -q '^guichetctl ' || { echo "--version broken"; exit 1; }
echo "ok: $err"
