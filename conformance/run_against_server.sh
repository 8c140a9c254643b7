#!/bin/sh
# Used by lfkit_add_conformance_run (ctest): start a server on a free
# 127.0.0.1 port with a fresh config dir, wait for /health, run the
# conformance runner against it, stop the server, pass the exit code on.
# usage: run_against_server.sh SERVER RUNNER WORK_DIR EXPECT_EXIT [K=V ...] -- [runner args...]
set -u
server=$1 runner=$2 work_dir=$3 expect_exit=$4
shift 4
while [ $# -gt 0 ] && [ "$1" != "--" ]; do export "$1"; shift; done
[ $# -gt 0 ] && shift

rm -rf "$work_dir" && mkdir -p "$work_dir/config"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$server" --host 127.0.0.1 --port "$port" --config-dir "$work_dir/config" >"$work_dir/server.log" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null' EXIT

tries=0
until python3 -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$port/health', timeout=1)" 2>/dev/null; do
  tries=$((tries + 1))
  if [ $tries -gt 100 ] || ! kill -0 "$server_pid" 2>/dev/null; then
    echo "server did not become healthy; log:"; cat "$work_dir/server.log"; exit 1
  fi
  sleep 0.1
done

start=$(date +%s)
"$runner" --base-url "http://127.0.0.1:$port" --junit "$work_dir/junit.xml" --json "$work_dir/report.json" "$@"
code=$?
echo "conformance run took $(( $(date +%s) - start )) s, exit code $code (expected $expect_exit)"
[ "$code" -eq "$expect_exit" ]
