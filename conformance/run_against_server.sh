#!/usr/bin/env bash
# Used by lfkit_add_conformance_run (ctest): start SERVER on a free 127.0.0.1
# port with a fresh config dir (reference/server/tests/server_harness.sh) and
# the K=V entries exported, run RUNNER against it with --auto-login, stop the
# server, and pass when the runner's exit code is EXPECT_EXIT.
# Unless LFKIT_NO_EXCLUSIONS=1, the operations `SERVER --list-operations`
# reports unimplemented are excluded (runs that target implemented operations
# only, e.g. the mutation checks); the reference_server run excludes nothing
# and judges every failure against a committed baseline (--baseline).
# usage: run_against_server.sh SERVER RUNNER WORK_DIR EXPECT_EXIT [K=V ...] -- [runner args...]
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
server=$1 runner=$2 work_dir=$3 expect_exit=$4
shift 4
while [[ $# -gt 0 && "$1" != "--" ]]; do export "$1"; shift; done
[[ $# -gt 0 ]] && shift
runner_args=("$@")

rm -rf "$work_dir" && mkdir -p "$work_dir"
selection=()
if [[ "${LFKIT_NO_EXCLUSIONS:-0}" != 1 ]]; then
  excluded="$work_dir/excluded-operations.txt"
  if ! "$server" --list-operations >"$work_dir/list-operations.txt"; then
    echo "FAIL $server --list-operations failed"; exit 1
  fi
  # Lines "  <operationId>  METHOD /path" name the operations still answering 501.
  awk '/^  [a-z_0-9]+  /{print "!" $1}' "$work_dir/list-operations.txt" >"$excluded"
  echo "excluded (unimplemented per --list-operations): $(head -1 "$work_dir/list-operations.txt")"
  sed 's/^!//' "$excluded" | paste -sd' ' | fold -s -w 110 | sed 's/^/  /'
  selection=(--operations "@$excluded")
fi

# A known signing secret lets the auth suite send expired but validly signed JWTs.
secret="lfkit-conformance-$(date +%s%N)"
export LANGFLOW_SECRET_KEY="$secret" LFKIT_CONFORMANCE_JWT_SECRET="$secret"
set -- "$server"
source "$here/../reference/server/tests/server_harness.sh"
start_server

start=$(date +%s%N)
"$runner" --base-url "$base" --auto-login "${selection[@]}" \
  --junit "$work_dir/junit.xml" --json "$work_dir/report.json" "${runner_args[@]}"
code=$?
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
printf 'conformance run took %d.%03d s, exit code %d (expected %d)\n' \
  $((elapsed_ms / 1000)) $((elapsed_ms % 1000)) "$code" "$expect_exit"
[[ "$code" -eq 77 ]] && exit 77  # the runner (wrapper) asked ctest to skip
if [[ "$code" -ne "$expect_exit" ]]; then
  echo "--- server log (last 40 lines)"; tail -40 "$dir/server.log"
  exit 1
fi
