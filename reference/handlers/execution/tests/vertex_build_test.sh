#!/usr/bin/env bash
# The deprecated per-vertex build routes (/build/{flow_id}/vertices, .../vertices/{vertex_id},
# /build/{flow_id}/{vertex_id}/stream) against the real lfkit-server: ordering, building
# vertex by vertex, stored history, start/stop, errors, ownership and the SSE grammar.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../../server/tests/server_harness.sh"
fixtures="$2"

start_server
python3 "$(dirname "${BASH_SOURCE[0]}")/vertex_build_checks.py" "$base" "$fixtures"
status=$?
stop_server
if [[ $status -ne 0 ]]; then
  echo "--- server log"; tail -n 50 "$dir/server.log"
fi
exit $status
