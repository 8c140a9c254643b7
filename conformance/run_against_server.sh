#!/usr/bin/env bash
# Used by lfkit_add_conformance_run (ctest): start SERVER on a free 127.0.0.1
# port with a fresh config dir (reference/server/tests/server_harness.sh),
# exclude the operations `SERVER --list-operations` reports unimplemented,
# run RUNNER against it with --auto-login, stop the server, and pass when the
# runner's exit code is EXPECT_EXIT. With LFKIT_KNOWN_ISSUES=FILE, a run that
# exits 1 still passes when every failing (operation, suite/check) is listed
# in FILE (see known_issues.txt); each is printed as KNOWN.
# usage: run_against_server.sh SERVER RUNNER WORK_DIR EXPECT_EXIT [K=V ...] -- [runner args...]
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
server=$1 runner=$2 work_dir=$3 expect_exit=$4
shift 4
while [[ $# -gt 0 && "$1" != "--" ]]; do export "$1"; shift; done
[[ $# -gt 0 ]] && shift
runner_args=("$@")

rm -rf "$work_dir" && mkdir -p "$work_dir"
excluded="$work_dir/excluded-operations.txt"
if ! "$server" --list-operations >"$work_dir/list-operations.txt"; then
  echo "FAIL $server --list-operations failed"; exit 1
fi
# Lines "  <operationId>  METHOD /path" name the operations still answering 501.
awk '/^  [a-z_0-9]+  /{print "!" $1}' "$work_dir/list-operations.txt" >"$excluded"
echo "excluded (unimplemented per --list-operations): $(head -1 "$work_dir/list-operations.txt")"
sed 's/^!//' "$excluded" | paste -sd' ' | fold -s -w 110 | sed 's/^/  /'

# A known signing secret lets the auth suite send expired but validly signed JWTs.
secret="lfkit-conformance-$(date +%s%N)"
export LANGFLOW_SECRET_KEY="$secret" LFKIT_CONFORMANCE_JWT_SECRET="$secret"
set -- "$server"
source "$here/../reference/server/tests/server_harness.sh"
start_server

start=$(date +%s%N)
"$runner" --base-url "$base" --auto-login --operations "@$excluded" \
  --junit "$work_dir/junit.xml" --json "$work_dir/report.json" "${runner_args[@]}"
code=$?
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
printf 'conformance run took %d.%03d s, exit code %d (expected %d)\n' \
  $((elapsed_ms / 1000)) $((elapsed_ms % 1000)) "$code" "$expect_exit"
[[ "$code" -eq 77 ]] && exit 77  # the runner (wrapper) asked ctest to skip
if [[ "$code" -eq 1 && "$expect_exit" -eq 0 && -n "${LFKIT_KNOWN_ISSUES:-}" ]]; then
  # Every failure must be a listed one; listed ones that passed are reported too.
  python3 - "$work_dir/report.json" "$LFKIT_KNOWN_ISSUES" <<'PY' && code=0
import json, sys
report = json.load(open(sys.argv[1]))
known = {}
for line in open(sys.argv[2]):
    entry = line.split("#", 1)[0].split()
    if len(entry) == 2:
        known[tuple(entry)] = line.split("#", 1)[1].strip() if "#" in line else ""
failing = {(c["operation_id"], c["suite"] + "/" + c["check"]) for c in report["checks"]
           if c["result"] == "fail"}
unknown = sorted(failing - known.keys())
for key in sorted(failing & known.keys()):
    print("KNOWN  %s %s  # %s" % (key[0], key[1], known[key]))
for key in sorted(known.keys() - failing):
    print("NO LONGER FAILS (remove from the known list): %s %s" % key)
for key in unknown:
    print("NEW FAILURE: %s %s" % key)
sys.exit(1 if unknown else 0)
PY
  [[ $code -eq 0 ]] && echo "all failures are known issues (listed in $LFKIT_KNOWN_ISSUES)"
fi
if [[ "$code" -ne "$expect_exit" ]]; then
  echo "--- server log (last 40 lines)"; tail -40 "$dir/server.log"
  exit 1
fi
