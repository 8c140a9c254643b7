#!/usr/bin/env bash
# Runs the engine fixture flows through /run (plain, streaming, advanced), /webhook (auth
# off and on) and /build (streaming, polling, direct, cancel) of the real lfkit-server and
# checks status codes, shapes and the event-stream grammar. Skips (77) while create_flow is
# still unimplemented, since flows are uploaded through POST /api/v1/flows/.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../../server/tests/server_harness.sh"
fixtures="$2"

if "$server" --list-operations 2>/dev/null | grep -qw create_flow; then
  echo "SKIP create_flow is not implemented yet"
  exit 77
fi
checks="$(dirname "${BASH_SOURCE[0]}")/run_build_checks.py"
LANGFLOW_DEVELOPER_API_ENABLED=true start_server
python3 "$checks" "$base" "$fixtures"
status=$?
stop_server
# The v2 workflow gate, with the developer API left at its default (off).
LANGFLOW_DEVELOPER_API_ENABLED=false start_server
python3 "$checks" "$base" "$fixtures" gate || status=1
stop_server
# Webhooks with LANGFLOW_WEBHOOK_AUTH_ENABLE on (a fresh database): the caller's API key
# must be the owner's.
rm -f "$dir"/langflow.db*
LANGFLOW_WEBHOOK_AUTH_ENABLE=true start_server
python3 "$checks" "$base" "$fixtures" webhook_auth || status=1
stop_server
if [[ $status -ne 0 ]]; then
  echo "--- server log"; tail -n 50 "$dir/server.log"
fi
exit $status
