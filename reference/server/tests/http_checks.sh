# Sourced by the server test scripts after server_harness.sh: curl wrappers
# that record each check and print a curl reproducer for every failure.
# call CURL_ARGS...: sets $code, $body and $headers.
call() {
  local out
  last_args=("$@")
  # NUL bytes (binary bodies) become spaces: bash strings cannot hold them.
  out="$(curl -s -D "$dir/headers" -w '\n%{http_code}' "$@" | tr '\0' ' ')"
  code="${out##*$'\n'}"
  body="${out%$'\n'*}"
  headers="$(cat "$dir/headers")"
}
# check NAME STATUS BODY_SUBSTRING CURL_ARGS...
check() {
  local name="$1" status="$2" needle="$3"
  shift 3
  call "$@"
  if [[ "$code" != "$status" || "$body" != *"$needle"* ]]; then
    echo "FAIL $name: expected $status containing '$needle', got $code: ${body:0:300}"
    printf '  reproduce: curl -s'; printf " '%s'" "$@"; echo
    failures=$((failures + 1))
    return 1
  fi
  echo "ok   $name"
}
# verify NAME COMMAND...: a follow-up assertion on the last call's result.
verify() {
  local name="$1"; shift
  if "$@"; then echo "ok   $name"; else
    echo "FAIL $name: last response $code: ${body:0:300}"
    printf '  reproduce: curl -s'; printf " '%s'" "${last_args[@]}"; echo
    failures=$((failures + 1))
  fi
}
json() { python3 -c "import json,sys; d=json.loads(sys.argv[1]); print(eval(sys.argv[2]))" "$body" "$1"; }
json_ok() { python3 -c "import json,sys; d=json.loads(sys.argv[1]); sys.exit(0 if eval(sys.argv[2]) else 1)" "$body" "$1"; }
has_header() { grep -qi "$1" <<<"$headers"; }
finish() {
  echo "failures: $failures"
  [[ "$failures" == 0 ]]
}
