#!/bin/sh
# Every event schema and the flow schema must be well-formed JSON.
set -eu
spec_dir=$(cd "$(dirname "$0")/.." && pwd)
status=0
for f in "$spec_dir"/events/*.json "$spec_dir"/flow.schema.json; do
  if ! python3 -m json.tool "$f" >/dev/null; then
    echo "invalid JSON: $f"
    status=1
  fi
done
exit $status
