#!/bin/sh
# make-samples.sh - regenerates the committed sample captures (needs root
# and a built saker-record).
#   samples/make-samples.sh [path/to/saker-record]
# suspicious.sk: saker-record -- suspicious.sh, run with a minimal
# environment so the capture holds no environment of the machine that made it
# beyond the /proc snapshot of other processes.
set -e
here=$(cd "$(dirname "$0")" && pwd)
rec=${1:-$here/../build/capture/saker-record}
"$rec" -q -w "$here/suspicious.sk" -- /usr/bin/env -i PATH=/usr/bin:/bin sh "$here/suspicious.sh"
echo "wrote $here/suspicious.sk"
