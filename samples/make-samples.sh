#!/bin/sh
# make-samples.sh - regenerates samples/suspicious.sk (needs root and a
# built saker-record).
#   samples/make-samples.sh [path/to/saker-record]
# suspicious.sk: saker-record -- suspicious.sh. The recorder runs with a
# minimal environment and as an orphan (its parent exits at once, pid 1
# adopts it): a `-- CMD` snapshot lists CMD, the recorder and their
# ancestors, so the capture then names no process of the machine that made
# it beyond pid 1, and holds no environment of it.
set -e
here=$(cd "$(dirname "$0")" && pwd)
rec=${1:-$here/../build/capture/saker-record}
. "$here/record-orphan.sh"
record_orphan "$rec" "$here/suspicious.sk" "$here/suspicious.sh"
echo "wrote $here/suspicious.sk"
