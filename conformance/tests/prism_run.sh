#!/usr/bin/env bash
# ctest conformance.prism: the runner against a Prism mock of the spec.
# Prism answers every operation with a schema-valid example and keeps no
# state, so the expected outcome is: the schema suite passes apart from the
# positive checks a stateless mock cannot satisfy (prism.baseline, each with
# its reason), and a run of
# all suites reports failures (exit 1) from the stateful, auth, negative,
# execution and streaming suites, each with a reproducer.
# Exits 77 (ctest skip) when npm/npx are missing or the install fails.
# usage: prism_run.sh SPEC RUNNER WORK_DIR NPM_PREFIX
set -uo pipefail
spec=$1 runner=$2 work_dir=$3 prefix=$4
readonly version=5.14.2
readonly known_prism_artifact=get_trace  # Prism cuts recursive span children to {}

if ! command -v npm >/dev/null || ! command -v npx >/dev/null; then
  echo "SKIP conformance.prism: npm/npx not installed (apt-get install npm)"; exit 77
fi
prism="$prefix/node_modules/.bin/prism"
if [[ ! -x "$prism" ]] || ! "$prism" --version 2>/dev/null | grep -qx "$version"; then
  mkdir -p "$prefix"
  if ! timeout 300 npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error \
      "@stoplight/prism-cli@$version" >"$prefix/npm-install.log" 2>&1; then
    echo "SKIP conformance.prism: npm install @stoplight/prism-cli@$version failed:"
    tail -5 "$prefix/npm-install.log"; exit 77
  fi
fi

rm -rf "$work_dir" && mkdir -p "$work_dir"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
"$prism" mock --host 127.0.0.1 --port "$port" "$spec" >"$work_dir/prism.log" 2>&1 &
prism_pid=$!
trap 'kill "$prism_pid" 2>/dev/null; wait "$prism_pid" 2>/dev/null' EXIT
for _ in $(seq 1 120); do
  curl -s -o /dev/null "$base/health" && break
  kill -0 "$prism_pid" 2>/dev/null || { echo "FAIL prism exited:"; tail -20 "$work_dir/prism.log"; exit 1; }
  sleep 0.25
done
curl -s -o /dev/null "$base/health" || { echo "FAIL prism did not answer in 30 s"; exit 1; }
echo "prism $version mocking $spec on $base"

failures=0
echo "=== 1. schema suite (must pass; $known_prism_artifact excluded: Prism's mock of its recursive schema is invalid)"
"$runner" --base-url "$base" --auto-login --suite schema --operations "!$known_prism_artifact" \
  --baseline "$(dirname "${BASH_SOURCE[0]}")/prism.baseline" \
  --json "$work_dir/schema.json" >"$work_dir/schema.log" 2>&1
code=$?
grep -E '^(operations exercised|result)' "$work_dir/schema.log"
if [[ $code -ne 0 ]]; then
  echo "FAIL schema suite against Prism exited $code:"; grep -A5 '^FAIL' "$work_dir/schema.log" | head -60
  failures=$((failures + 1))
fi

echo "=== 2. all suites (must report failures: exit 1)"
# Few property cases: a stateless mock falsifies them on the first one anyway.
RC_PARAMS="max_success=5" "$runner" --base-url "$base" --auto-login --junit "$work_dir/junit.xml" \
  --json "$work_dir/all.json" >"$work_dir/all.log" 2>&1
code=$?
grep -E '^(operations exercised|result)' "$work_dir/all.log"
echo "failures by suite/check (first word of each FAIL line):"
grep '^FAIL' "$work_dir/all.log" | sed 's/ \[.*//; s/^FAIL //' | sort | uniq -c | sort -rn | head -25
missing_reproducers=$(grep -c '^FAIL' "$work_dir/all.log")
with_reproducers=$(grep -c '^  reproduce: curl ' "$work_dir/all.log")
echo "failures printed: $missing_reproducers, with a curl reproducer: $with_reproducers"
if [[ $code -ne 1 ]]; then
  echo "FAIL all suites against Prism exited $code, expected 1 (failures found)"
  failures=$((failures + 1))
fi
for suite in stateful auth negative execution streaming; do
  if ! grep -q "^FAIL $suite/" "$work_dir/all.log"; then
    echo "FAIL the $suite suite reported nothing against a stateless mock"
    failures=$((failures + 1))
  fi
done
if [[ "$missing_reproducers" -ne "$with_reproducers" ]]; then
  echo "FAIL some failures lack a curl reproducer"; failures=$((failures + 1))
fi
echo "reports: $work_dir/{schema,all}.log, all.json, junit.xml"
[[ $failures -eq 0 ]] && echo "conformance.prism: runner behaved as expected" || exit 1
