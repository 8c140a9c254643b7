# Sourced by the server test scripts: a fresh config dir, a free loopback port,
# and start/stop of the lfkit-server binary given as the script's first argument.
server="$1"
dir="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
failures=0
pid=""

start_server() {
  "$server" --host 127.0.0.1 --port "$port" --config-dir "$dir" 2>>"$dir/server.log" &
  pid=$!
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "$base/health" && return 0
    sleep 0.1
  done
  echo "FAIL server did not start"; cat "$dir/server.log"; exit 1
}
stop_server() {
  if [[ -n "$pid" ]]; then kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; fi
  pid=""
}
trap 'stop_server; rm -rf "$dir"' EXIT
