#!/usr/bin/env bash
# ctest conformance.exit_codes: lfkit-conformance's distinct exit codes, with
# the real reference server as the target where one is needed:
#   0 --help/--version | 2 target unreachable | 3 credentials rejected | 64 bad command
#   line (unknown flag, a selection matching no operation, an https URL)
# usage: exit_codes.sh SERVER RUNNER
set -uo pipefail
runner=$2
source "$(dirname "${BASH_SOURCE[0]}")/../../reference/server/tests/server_harness.sh"

expect() {  # expect NAME CODE RUNNER_ARGS...
  local name=$1 want=$2 out
  shift 2
  out="$("$runner" "$@" 2>&1)"
  local got=$?
  if [[ $got -ne $want ]]; then
    echo "FAIL $name: exit $got, expected $want"
    printf '  reproduce: %q' "$runner"; printf ' %q' "$@"; echo
    echo "$out" | tail -3 | sed 's/^/  /'
    failures=$((failures + 1))
  else
    echo "ok   $name (exit $got): $(echo "$out" | tail -1)"
  fi
}

expect help 0 --help
expect version 0 --version
expect bad_command_line 64 --base-url "$base" --frobnicate 1
expect no_such_operation 64 --base-url "$base" --auto-login --operations nosuchop
expect https_refused 64 --base-url "https://127.0.0.1:$port" --auto-login
expect missing_base_url 64 --auto-login
expect unreachable 2 --base-url "$base" --auto-login  # nothing listens there yet
start_server
expect wrong_password 3 --base-url "$base" --username langflow --password wrong-password --suite schema
expect bad_api_key 3 --base-url "$base" --api-key sk-not-a-key --suite schema
expect good_credentials 0 --base-url "$base" --username langflow --password langflow \
  --suite schema --operations 'health*,read_current_user'
LFKIT_CONFORMANCE_API_KEY=sk-not-a-key expect key_from_environment 3 --base-url "$base" --suite schema
echo "$failures failure(s)"
exit $((failures > 0))
