#!/bin/sh
# suspicious.sh - harmless actions that look suspicious, recorded into
# samples/suspicious.sk by make-samples.sh for golden tests of the analyzer:
# reading /etc/shadow, writing a file below /etc, running a binary from
# /dev/shm. Everything it creates it removes again.
set -e
cat /etc/shadow >/dev/null
f=$(mktemp /etc/saker-sample-XXXXXX)
echo "saker sample" >"$f"
chmod 600 "$f"
rm -f "$f"
d=$(mktemp -d /dev/shm/saker-sample-XXXXXX)
cp /bin/true "$d/payload"
"$d/payload"
rm -rf "$d"
