#!/usr/bin/env bash
# ctest conformance.fake_<mode>: runs lfkit-conformance against a fake server
# (fake_server.py MODE) and passes only when the run fails (exit 1) with at
# least 95% of the spec's operations failing: a gate that passes an empty
# server is worse than no gate.
# usage: fake_server_run.sh MODE RUNNER WORK_DIR
set -uo pipefail
mode=$1 runner=$2 work_dir=$3
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rm -rf "$work_dir" && mkdir -p "$work_dir"
python3 "$here/fake_server.py" "$mode" >"$work_dir/port" 2>"$work_dir/server.log" &
server_pid=$!
trap 'kill $server_pid 2>/dev/null; wait $server_pid 2>/dev/null' EXIT
for _ in $(seq 50); do [[ -s "$work_dir/port" ]] && break; sleep 0.1; done
port=$(head -1 "$work_dir/port")
[[ -n "$port" ]] || { echo "FAIL the fake server did not start"; cat "$work_dir/server.log"; exit 1; }

start=$(date +%s%N)
# Few property cases: an empty server falsifies them on the first one anyway.
RC_PARAMS="max_success=5" LFKIT_CONFORMANCE_API_KEY=sk-fake "$runner" --base-url "http://127.0.0.1:$port" \
  --timeout-ms 3000 --json "$work_dir/report.json" >"$work_dir/run.log" 2>&1
code=$?
echo "runner exit $code after $((($(date +%s%N) - start) / 1000000)) ms (log: $work_dir/run.log)"
grep -E '^(implemented coverage|operations exercised|result)' "$work_dir/run.log"
[[ $code -eq 1 ]] || { echo "FAIL expected exit 1 against the $mode fake"; tail -20 "$work_dir/run.log"; exit 1; }
python3 - "$work_dir/report.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
ops = report["operations"]
failing = [o for o in ops if o["result"] == "fail"]
passing = [o["operation_id"] for o in ops if o["result"] == "pass"]
share = len(failing) / len(ops)
print("%d of %d spec operations failing (%.1f%%); passing: %s"
      % (len(failing), len(ops), 100 * share, ", ".join(passing) or "none"))
sys.exit(0 if share >= 0.95 else 1)
PY
