#!/usr/bin/env bash
# /logs and /logs-stream against the real lfkit-server: 501 while retrieval is
# disabled, superuser-only access, the query rules, and a live stream that ends
# when its client leaves or the server stops.
set -uo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
source "$here/../../../server/tests/server_harness.sh"
source "$here/../../files/tests/test_lib.sh"

# --- retrieval disabled (the default) ---
start_server
su_login
make_user dave
check logs_disabled 501 '{"detail":"Log retrieval is disabled"}' "${su[@]}" "$base/logs"
check stream_disabled 501 '{"detail":"Log retrieval is disabled"}' "${su[@]}" "$base/logs-stream"
check logs_not_superuser 403 'detail' "${dave_auth[@]}" "$base/logs"
check stream_not_superuser 403 'detail' "${dave_auth[@]}" "$base/logs-stream"
check logs_no_credentials 403 'detail' "$base/logs"
check logs_bad_token 401 'Could not validate credentials' -H 'Authorization: Bearer x.y.z' "$base/logs"
stop_server

# --- retrieval enabled ---
export LANGFLOW_ENABLE_LOG_RETRIEVAL=true
# A stream is in flight until the grace period ends; keep it short.
export LFKIT_SHUTDOWN_GRACE_MS=1000
start_server
su_login
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do curl -s -o /dev/null "$base/health?n=$i"; done
check logs_default 200 '/health' "${su[@]}" "$base/logs"
verify logs_default_ten json_ok 'len(d) <= 10 and all(k.isdigit() and len(k) == 13 for k in d)'
check logs_lines_before 200 '/health' "${su[@]}" "$base/logs?lines_before=2"
verify logs_lines_before_count json_ok 'len(d) <= 2'
check logs_both 400 'Cannot request logs before and after the timestamp' "${su[@]}" \
  "$base/logs?lines_before=1&lines_after=1"
check logs_after_needs_ts 400 'Timestamp is required when requesting logs after the timestamp' \
  "${su[@]}" "$base/logs?lines_after=3"
call "${su[@]}" "$base/logs?lines_before=20"
ts="$(json 'sorted(d, key=int)[len(d)//2]')"
check logs_after_ts 200 '' "${su[@]}" "$base/logs?timestamp=$ts&lines_after=3"
verify logs_after_ts_rule json_ok "0 < len(d) <= 3 and all(int(k) >= $ts for k in d)"
check logs_before_ts 200 '' "${su[@]}" "$base/logs?timestamp=$ts&lines_before=3"
verify logs_before_ts_rule json_ok "len(d) <= 3 and all(int(k) < $ts for k in d)"
check logs_bad_int 422 'int_parsing' "${su[@]}" "$base/logs?lines_before=x"

# stream: new lines arrive as {"<ts>": "<line>"} chunks; the client leaving ends it
curl -s -N --max-time 3 "${su[@]}" -D "$dir/stream_headers" "$base/logs-stream" >"$dir/stream" &
stream_pid=$!
sleep 0.5
for i in 1 2 3; do curl -s -o /dev/null "$base/health?stream=$i"; done
wait "$stream_pid"
headers="$(cat "$dir/stream_headers")"; body="$(cat "$dir/stream")"; code=200
last_args=(-N --max-time 3 "${su[@]}" "$base/logs-stream")
verify stream_content_type has_header 'content-type: text/event-stream; charset=utf-8'
verify stream_chunks python3 -c "
import json, re, sys
chunks = [c for c in open('$dir/stream').read().split('\n\n') if c and c != 'keepalive']
ok = chunks and all(re.fullmatch(r'\{\"\d{13}\": \".*\"\}', c) for c in chunks)
lines = [list(json.loads(c).values())[0] for c in chunks] if ok else []
sys.exit(0 if ok and any('stream=3' in l for l in lines) else 1)"
verify stream_skips_backlog bash -c "! grep -q 'health?n=1' '$dir/stream'"
check server_alive_after_stream 200 'ok' "$base/health"

# a stream still open when the server stops ends with it
curl -s -N --max-time 15 "${su[@]}" "$base/logs-stream" >/dev/null &
stream_pid=$!
sleep 0.5
started=$(date +%s)
stop_server
wait "$stream_pid"
elapsed=$(( $(date +%s) - started ))
last_args=(-N "${su[@]}" "$base/logs-stream")
verify "stream_ends_on_stop (${elapsed}s)" test "$elapsed" -lt 10

finish
