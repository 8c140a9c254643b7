#!/usr/bin/env bash
# Monitor end to end against the real lfkit-server. Messages, transactions and
# vertex builds are written straight into the database (the engine writes them
# in production); every operation is checked for success, 401/403/404/422 and
# cross-user isolation.
set -uo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
source "$here/../../../server/tests/server_harness.sh"
source "$here/../../files/tests/test_lib.sh"

start_server
su_login
make_user bob
flow_su="$(insert_flow "$su_id")"
flow_bob="$(insert_flow "$bob_id")"
missing=00000000-0000-4000-8000-000000000000

# seed KIND FLOW ARGS...: rows straight into SQLite; prints the new ids.
seed() {
  python3 - "$dir/langflow.db" "$@" <<'PY'
import json, sqlite3, sys, time, uuid
db, kind, flow, *args = sys.argv[1:]
con = sqlite3.connect(db, timeout=10)
now = int(time.time() * 1e6)
ids = []
if kind == "message":  # session sender sender_name text [offset]
    session, sender, sender_name, text, offset = args
    mid = str(uuid.uuid4())
    con.execute("INSERT INTO messages (id, timestamp, sender, sender_name, session_id, text, flow_id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)", (mid, now + int(offset), sender, sender_name, session, text, flow))
    ids.append(mid)
elif kind == "build":  # vertex offset
    vertex, offset = args
    bid = str(uuid.uuid4())
    con.execute("INSERT INTO vertex_builds (build_id, id, flow_id, timestamp, valid, params, data, artifacts)"
                " VALUES (?, ?, ?, ?, 1, 'p', ?, '{}')", (bid, vertex, flow, now + int(offset), json.dumps({"v": vertex})))
    ids.append(bid)
elif kind == "trace":  # name status session start_seconds
    name, status, session, start = args
    tid, root, child = str(uuid.uuid4()), str(uuid.uuid4()), str(uuid.uuid4())
    start_us = 1700000000 * 10**6 + int(start) * 10**6
    con.execute("INSERT INTO traces (id, name, status, start_time, end_time, total_latency_ms, total_tokens, flow_id, session_id)"
                " VALUES (?, ?, ?, ?, ?, 1000, 0, ?, ?)", (tid, name, status, start_us, start_us + 10**6, flow, session))
    con.execute("INSERT INTO spans (id, trace_id, parent_span_id, name, span_type, status, start_time, end_time, latency_ms, inputs, outputs, attributes)"
                " VALUES (?, ?, NULL, 'Flow', 'chain', ?, ?, ?, 1000, '{}', '{\"result\": \"done\"}', NULL)", (root, tid, status, start_us, start_us + 10**6))
    con.execute("INSERT INTO spans (id, trace_id, parent_span_id, name, span_type, status, start_time, end_time, latency_ms, inputs, outputs, attributes)"
                " VALUES (?, ?, ?, 'Chat Input', 'chain', 'ok', ?, ?, 5, '{\"input_value\": \"hi\"}', '{}', '{\"total_tokens\": 7}')", (child, tid, root, start_us + 1, start_us + 2))
    ids.append(tid)
elif kind == "transaction":  # vertex offset
    vertex, offset = args
    tid = str(uuid.uuid4())
    con.execute("INSERT INTO transactions (id, timestamp, vertex_id, target_id, inputs, outputs, status, error, flow_id)"
                " VALUES (?, ?, ?, NULL, '{\"in\":1}', '{\"out\":2}', 'success', 'hidden', ?)", (tid, now + int(offset), vertex, flow))
    ids.append(tid)
con.commit()
print(" ".join(ids))
PY
}

m1="$(seed message "$flow_su" s1 User User 'hello' 1)"
m2="$(seed message "$flow_su" s1 Machine AI 'answer' 2)"
m3="$(seed message "$flow_su" s1 User User 'again' 3)"
m4="$(seed message "$flow_su" s2 User User 'zzz other' 4)"
seed message "$flow_su" agentic_internal Machine AI 'hidden session' 5 >/dev/null
b1="$(seed message "$flow_bob" s1 User User 'bob says' 6)"
seed message "$flow_bob" bobs User User 'bob only' 7 >/dev/null

# ---------------- messages ----------------
check messages_all 200 '"text":"hello"' "${su[@]}" "$v1/monitor/messages"
verify messages_only_own json_ok "len(d) == 5 and all(m['flow_id'] == '$flow_su' for m in d)"
verify messages_timestamp_order json_ok "[m['text'] for m in d][:4] == ['hello','answer','again','zzz other']"
verify message_response_shape json_ok \
  "set(d[0]) >= {'id','flow_id','timestamp','sender','sender_name','session_id','text','files','edit','properties','category','content_blocks'} and d[0]['timestamp'].endswith(' UTC')"
check messages_by_flow 200 '"hello"' "${su[@]}" "$v1/monitor/messages?flow_id=$flow_su"
verify messages_by_flow_count json_ok 'len(d) == 5'
check messages_foreign_flow 200 '[]' "${su[@]}" "$v1/monitor/messages?flow_id=$flow_bob"
check messages_by_session 200 '"again"' "${su[@]}" "$v1/monitor/messages?session_id=s1"
verify messages_by_session_count json_ok 'len(d) == 3'
check messages_by_sender 200 '"answer"' "${su[@]}" "$v1/monitor/messages?sender=Machine&session_id=s1"
verify messages_by_sender_count json_ok 'len(d) == 1'
check messages_by_sender_name 200 '"hello"' "${su[@]}" "$v1/monitor/messages?sender_name=User"
verify messages_by_sender_name_count json_ok 'len(d) == 3'
check messages_order_by_text 200 '"text"' "${su[@]}" "$v1/monitor/messages?order_by=text"
verify messages_sorted_by_text json_ok '[m["text"] for m in d] == sorted(m["text"] for m in d)'
check messages_order_by_bogus 400 "type object 'MessageTable' has no attribute 'bogus'" "${su[@]}" \
  "$v1/monitor/messages?order_by=bogus"
check messages_bad_flow 422 'uuid_parsing' "${su[@]}" "$v1/monitor/messages?flow_id=nope"
check messages_no_credentials 403 'detail' "$v1/monitor/messages"
check messages_bad_token 401 'Could not validate credentials' -H 'Authorization: Bearer x.y.z' \
  "$v1/monitor/messages"
check bob_messages 200 '"bob says"' "${bob_auth[@]}" "$v1/monitor/messages"
verify bob_messages_only_own json_ok "len(d) == 2 and all(m['flow_id'] == '$flow_bob' for m in d)"

# ---------------- sessions ----------------
check sessions 200 '["s1","s2"]' "${su[@]}" "$v1/monitor/messages/sessions"
check sessions_by_flow 200 '["s1","s2"]' "${su[@]}" "$v1/monitor/messages/sessions?flow_id=$flow_su"
check sessions_foreign_flow 200 '[]' "${su[@]}" "$v1/monitor/messages/sessions?flow_id=$flow_bob"
check sessions_bob 200 '["s1","bobs"]' "${bob_auth[@]}" "$v1/monitor/messages/sessions"

# ---------------- update ----------------
check update_text 200 '"text":"edited"' "${su[@]}" -X PUT "${jsonh[@]}" --data '{"text":"edited"}' \
  "$v1/monitor/messages/$m1"
verify update_marks_edit json_ok "d['edit'] is True and d['id'] == '$m1' and d['error'] is False and d['flow_id'] == '$flow_su'"
check update_properties 200 '"build_duration":1500' "${su[@]}" -X PUT "${jsonh[@]}" \
  --data '{"properties":{"build_duration":1500}}' "$v1/monitor/messages/$m2"
verify update_same_text_keeps_edit json_ok "d['edit'] is False"
check update_persisted 200 '"edited"' "${su[@]}" "$v1/monitor/messages?session_id=s1"
check update_foreign 404 'Message not found' "${bob_auth[@]}" -X PUT "${jsonh[@]}" \
  --data '{"text":"hijack"}' "$v1/monitor/messages/$m1"
check update_missing 404 'Message not found' "${su[@]}" -X PUT "${jsonh[@]}" --data '{"text":"x"}' \
  "$v1/monitor/messages/$missing"
check update_bad_uuid 422 'uuid_parsing' "${su[@]}" -X PUT "${jsonh[@]}" --data '{}' \
  "$v1/monitor/messages/nope"
check update_bad_body 422 'detail' "${su[@]}" -X PUT "${jsonh[@]}" --data '{"text":5}' \
  "$v1/monitor/messages/$m1"
check update_not_hijacked 200 '"edited"' "${su[@]}" "$v1/monitor/messages?session_id=s1"

# ---------------- rename / delete sessions ----------------
check rename_session 200 '"session_id":"s2-new"' "${su[@]}" -X PATCH \
  "$v1/monitor/messages/session/s2?new_session_id=s2-new"
verify rename_session_count json_ok 'len(d) == 1 and d[0]["text"] == "zzz other"'
check rename_session_missing 404 'No messages found with the given session ID' "${su[@]}" -X PATCH \
  "$v1/monitor/messages/session/s2?new_session_id=x"
check rename_needs_new_id 422 'missing' "${su[@]}" -X PATCH "$v1/monitor/messages/session/s1"
check bob_rename_shared_name 200 '"bob says"' "${bob_auth[@]}" -X PATCH \
  "$v1/monitor/messages/session/s1?new_session_id=bob-s1"
verify bob_rename_only_own json_ok 'len(d) == 1'
check su_s1_untouched 200 '"again"' "${su[@]}" "$v1/monitor/messages?session_id=s1"
verify su_s1_count json_ok 'len(d) == 3'
check bob_delete_foreign_session 204 '' "${bob_auth[@]}" -X DELETE "$v1/monitor/messages/session/s1"
check su_s1_survives 200 '"again"' "${su[@]}" "$v1/monitor/messages?session_id=s1"
check bob_delete_foreign_messages 204 '' "${bob_auth[@]}" -X DELETE "${jsonh[@]}" \
  --data "[\"$m3\"]" "$v1/monitor/messages"
check su_m3_survives 200 '"again"' "${su[@]}" "$v1/monitor/messages?session_id=s1"
check delete_messages 204 '' "${su[@]}" -X DELETE "${jsonh[@]}" --data "[\"$m3\"]" \
  "$v1/monitor/messages"
check m3_gone 200 '' "${su[@]}" "$v1/monitor/messages?session_id=s1"
verify m3_gone_count json_ok "len(d) == 2 and all(m['id'] != '$m3' for m in d)"
check delete_messages_bad_id 422 'uuid_parsing' "${su[@]}" -X DELETE "${jsonh[@]}" --data '["x"]' \
  "$v1/monitor/messages"
check delete_session 204 '' "${su[@]}" -X DELETE "$v1/monitor/messages/session/s2-new"
check session_gone 200 '["s1"]' "${su[@]}" "$v1/monitor/messages/sessions"
too_many="$(python3 -c 'import json; print(json.dumps([str(i) for i in range(501)]))')"
check delete_sessions_too_many 400 'Cannot delete more than 500 sessions at once. Please batch your requests.' \
  "${su[@]}" -X DELETE "${jsonh[@]}" --data "$too_many" "$v1/monitor/messages/sessions"
check delete_sessions_empty 200 '{"deleted_count":0,"message":"No sessions to delete"}' "${su[@]}" \
  -X DELETE "${jsonh[@]}" --data '[]' "$v1/monitor/messages/sessions"
check delete_sessions_foreign 200 '"deleted_count":0' "${bob_auth[@]}" -X DELETE "${jsonh[@]}" \
  --data '["s1"]' "$v1/monitor/messages/sessions"
check delete_sessions 200 '"message":"Messages deleted successfully for 1 session"' "${su[@]}" \
  -X DELETE "${jsonh[@]}" --data '["s1","nope"]' "$v1/monitor/messages/sessions"
check sessions_after 200 '[]' "${su[@]}" "$v1/monitor/messages/sessions"
check bob_sessions_after 200 '["bob-s1","bobs"]' "${bob_auth[@]}" "$v1/monitor/messages/sessions"

# ---------------- shared-flow messages ----------------
check shared_messages 200 '[]' "${su[@]}" "$v1/monitor/messages/shared?source_flow_id=$flow_bob"
check shared_bad_order 400 'Invalid order_by field: bogus' "${su[@]}" \
  "$v1/monitor/messages/shared?source_flow_id=$flow_bob&order_by=bogus"
check shared_needs_source 422 'missing' "${su[@]}" "$v1/monitor/messages/shared"
check shared_sessions 200 '[]' "${su[@]}" "$v1/monitor/messages/shared/sessions?source_flow_id=$flow_bob"
check shared_rename_missing 404 'No messages found with the given session ID' "${su[@]}" -X PATCH \
  "$v1/monitor/messages/shared/session/s1?new_session_id=x&source_flow_id=$flow_bob"
check shared_delete_session 204 '' "${su[@]}" -X DELETE \
  "$v1/monitor/messages/shared/session/bobs?source_flow_id=$flow_bob"
check shared_delete_not_real_flow 200 '"bob only"' "${bob_auth[@]}" "$v1/monitor/messages?session_id=bobs"
check shared_update_not_in_virtual_flow 404 'Message not found' "${bob_auth[@]}" -X PUT "${jsonh[@]}" \
  --data '{"text":"x"}' "$v1/monitor/messages/shared/$b1?source_flow_id=$flow_bob"
check shared_no_credentials 403 'detail' "$v1/monitor/messages/shared/sessions?source_flow_id=$flow_bob"

# ---------------- vertex builds ----------------
seed build "$flow_su" vA 1 >/dev/null
seed build "$flow_su" vB 2 >/dev/null
seed build "$flow_su" vA 3 >/dev/null
check builds 200 '"vertex_builds":{"vA":[' "${su[@]}" "$v1/monitor/builds?flow_id=$flow_su"
verify builds_grouped json_ok \
  "len(d['vertex_builds']['vA']) == 2 and len(d['vertex_builds']['vB']) == 1 and d['vertex_builds']['vB'][0]['data'] == {'v': 'vB'} and d['vertex_builds']['vA'][0]['valid'] is True"
check builds_foreign 200 '{"vertex_builds":{}}' "${bob_auth[@]}" "$v1/monitor/builds?flow_id=$flow_su"
check builds_missing_flow 200 '{"vertex_builds":{}}' "${su[@]}" "$v1/monitor/builds?flow_id=$missing"
check builds_need_flow 422 'missing' "${su[@]}" "$v1/monitor/builds"
check builds_bad_flow 422 'uuid_parsing' "${su[@]}" "$v1/monitor/builds?flow_id=x"
check builds_delete_foreign 204 '' "${bob_auth[@]}" -X DELETE "$v1/monitor/builds?flow_id=$flow_su"
check builds_survive 200 '"vA"' "${su[@]}" "$v1/monitor/builds?flow_id=$flow_su"
check builds_delete 204 '' "${su[@]}" -X DELETE "$v1/monitor/builds?flow_id=$flow_su"
check builds_gone 200 '{"vertex_builds":{}}' "${su[@]}" "$v1/monitor/builds?flow_id=$flow_su"
check builds_no_credentials 403 'detail' "$v1/monitor/builds?flow_id=$flow_su"

# ---------------- transactions ----------------
seed transaction "$flow_su" first 1 >/dev/null
seed transaction "$flow_su" second 2 >/dev/null
seed transaction "$flow_su" third 3 >/dev/null
check transactions 200 '"total":3' "${su[@]}" "$v1/monitor/transactions?flow_id=$flow_su&size=2"
verify transactions_page json_ok \
  "d['page'] == 1 and d['size'] == 2 and d['pages'] == 2 and [t['vertex_id'] for t in d['items']] == ['third','second']"
verify transactions_shape json_ok \
  "set(d['items'][0]) == {'id','timestamp','vertex_id','target_id','inputs','outputs','status'} and d['items'][0]['inputs'] == {'in': 1}"
check transactions_page2 200 '"vertex_id":"first"' "${su[@]}" \
  "$v1/monitor/transactions?flow_id=$flow_su&size=2&page=2"
check transactions_foreign 200 '{"items":[],"total":0,"page":1,"size":50,"pages":0}' "${bob_auth[@]}" \
  "$v1/monitor/transactions?flow_id=$flow_su"
check transactions_size_limit 422 'less_than_equal' "${su[@]}" \
  "$v1/monitor/transactions?flow_id=$flow_su&size=101"
check transactions_page_zero 422 'greater_than_equal' "${su[@]}" \
  "$v1/monitor/transactions?flow_id=$flow_su&page=0"
check transactions_need_flow 422 'missing' "${su[@]}" "$v1/monitor/transactions"

# ---------------- traces ----------------
t1="$(seed trace "$flow_su" 'Run one' ok sess-a 10)"
t2="$(seed trace "$flow_su" 'Run two' error sess-b 20)"
tb="$(seed trace "$flow_bob" 'Bob run' ok sess-a 30)"
check traces 200 '"total":2' "${su[@]}" "$v1/monitor/traces"
verify traces_newest_first json_ok \
  "d['pages'] == 1 and [t['name'] for t in d['traces']] == ['Run two', 'Run one']"
verify trace_summary_shape json_ok \
  "list(d['traces'][1]) == ['id','name','status','startTime','totalLatencyMs','totalTokens','flowId','sessionId','input','output'] and d['traces'][1]['input'] == {'input_value': 'hi'} and d['traces'][1]['output'] == {'result': 'done'} and d['traces'][1]['totalTokens'] == 7 and d['traces'][1]['startTime'] == '2023-11-14T22:13:30'"
check traces_by_status 200 '"name":"Run two"' "${su[@]}" "$v1/monitor/traces?status=error"
verify traces_by_status_count json_ok "d['total'] == 1"
check traces_by_session 200 '"name":"Run one"' "${su[@]}" "$v1/monitor/traces?session_id=sess-a"
verify traces_by_session_count json_ok "d['total'] == 1"
check traces_by_query 200 '"name":"Run two"' "${su[@]}" "$v1/monitor/traces?query=TWO"
check traces_by_time 200 '"name":"Run one"' "${su[@]}" \
  "$v1/monitor/traces?start_time=2023-11-14T22:13:25Z&end_time=2023-11-14T23:13:35%2B01:00"
verify traces_by_time_count json_ok "d['total'] == 1"
check traces_page2 200 '"name":"Run one"' "${su[@]}" "$v1/monitor/traces?size=1&page=2"
verify traces_page2_counts json_ok "d['total'] == 2 and d['pages'] == 2 and len(d['traces']) == 1"
check traces_foreign_flow 200 '{"traces":[],"total":0,"pages":0}' "${su[@]}" \
  "$v1/monitor/traces?flow_id=$flow_bob"
check traces_bad_status 422 'enum' "${su[@]}" "$v1/monitor/traces?status=bogus"
check traces_bad_size 422 'less_than_equal' "${su[@]}" "$v1/monitor/traces?size=201"
check traces_bad_time 422 'start_time' "${su[@]}" "$v1/monitor/traces?start_time=yesterday"
check traces_bob 200 '"name":"Bob run"' "${bob_auth[@]}" "$v1/monitor/traces"
verify traces_bob_count json_ok "d['total'] == 1"
check trace_get 200 '"name":"Run one"' "${su[@]}" "$v1/monitor/traces/$t1"
verify trace_tree json_ok \
  "d['spans'][0]['name'] == 'Flow' and d['spans'][0]['children'][0]['name'] == 'Chat Input' and d['spans'][0]['children'][0]['tokenUsage']['totalTokens'] == 7 and d['endTime'] == '2023-11-14T22:13:31' and d['totalTokens'] == 7"
check trace_get_foreign 404 'Trace not found' "${bob_auth[@]}" "$v1/monitor/traces/$t1"
check trace_get_missing 404 'Trace not found' "${su[@]}" "$v1/monitor/traces/$missing"
check trace_get_bad_uuid 422 'uuid_parsing' "${su[@]}" "$v1/monitor/traces/nope"
check trace_delete_foreign 404 'Trace not found' "${bob_auth[@]}" -X DELETE "$v1/monitor/traces/$t1"
check trace_delete 204 '' "${su[@]}" -X DELETE "$v1/monitor/traces/$t1"
check trace_delete_again 404 'Trace not found' "${su[@]}" -X DELETE "$v1/monitor/traces/$t1"
check traces_delete_foreign_flow 404 'Flow not found' "${bob_auth[@]}" -X DELETE \
  "$v1/monitor/traces?flow_id=$flow_su"
check traces_survive 200 '"total":1' "${su[@]}" "$v1/monitor/traces"
check traces_delete_by_flow 204 '' "${su[@]}" -X DELETE "$v1/monitor/traces?flow_id=$flow_su"
check traces_gone 200 '"total":0' "${su[@]}" "$v1/monitor/traces"
check traces_bob_kept 200 '"total":1' "${bob_auth[@]}" "$v1/monitor/traces"
check traces_need_flow 422 'missing' "${su[@]}" -X DELETE "$v1/monitor/traces"
check traces_no_credentials 403 'detail' "$v1/monitor/traces"

# ---------------- job queue ----------------
# Upstream's in-memory queue service: exactly {"backend", "active_jobs"}, the
# /build jobs registered (finished ones stay until they expire).
check job_queue_superuser 200 '{"backend":"memory","active_jobs":' "${su[@]}" "$v1/monitor/job_queue"
verify job_queue_shape json_ok "list(d) == ['backend', 'active_jobs'] and d['active_jobs'] == 0"
check job_queue_build_job 200 '"job_id"' "${su[@]}" -X POST "${jsonh[@]}" --data '{}' \
  "$v1/build/$flow_su/flow"
check job_queue_counts_build 200 '"backend":"memory"' "${su[@]}" "$v1/monitor/job_queue"
verify job_queue_one_job json_ok "d['active_jobs'] == 1"
check job_queue_not_superuser 403 "The user doesn't have enough privileges" "${bob_auth[@]}" \
  "$v1/monitor/job_queue"
check job_queue_no_credentials 403 'requires a valid API key' "$v1/monitor/job_queue"
check job_queue_bad_token 401 'Could not validate credentials' \
  -H 'Authorization: Bearer not-a-token' "$v1/monitor/job_queue"

finish
