#!/bin/sh
# make-intrusion.sh - regenerates samples/intrusion.sk (needs root and a
# built saker-record), then its expectation file with the default rules:
#   samples/make-intrusion.sh [path/to/saker-record [path/to/saker]]
# The recorder runs as in make-samples.sh (minimal environment, orphaned).
# Record numbers change with every recording: review the new
# intrusion.expected (samples/README.md says which alerts it must hold).
set -e
here=$(cd "$(dirname "$0")" && pwd)
rec=${1:-$here/../build/capture/saker-record}
saker=${2:-$here/../build/replay/saker}
. "$here/record-orphan.sh"
record_orphan "$rec" "$here/intrusion.sk" "$here/intrusion.sh"
echo "wrote $here/intrusion.sk"
cd "$here" && "$saker" test --update -r ../rules/default intrusion.sk
