"""Execution checks against a running lfkit-server: python3 run_build_checks.py BASE FIXTURES.

Every failure prints a curl command reproducing the request. Exit status 1 on any failure.
"""
import gzip
import http.client
import json
import os
import socket
import sys
import time
import urllib.parse

BASE = sys.argv[1]
FIXTURES = sys.argv[2]
MODE = sys.argv[3] if len(sys.argv) > 3 else "full"
HOST = urllib.parse.urlparse(BASE)
failures = 0
token = None
api_key = None


def curl(method, path, body=None, headers=None):
    parts = ["curl -s -X", method, f"'{BASE}{path}'"]
    for k, v in (headers or {}).items():
        parts.append(f"-H '{k}: {v}'")
    if body is not None:
        parts.append("-d '" + (body if isinstance(body, str) else json.dumps(body)) + "'")
    return " ".join(parts)


def request(method, path, body=None, headers=None, auth=True, raw=False, key=None):
    h = dict(headers or {})
    if auth and (key or api_key):
        h["x-api-key"] = key or api_key
    elif auth and token:
        h["Authorization"] = f"Bearer {token}"
    data = None
    if body is not None:
        data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        h.setdefault("Content-Type", "application/json")
    conn = http.client.HTTPConnection(HOST.hostname, HOST.port, timeout=30)
    conn.request(method, path, body=data, headers=h)
    resp = conn.getresponse()
    payload = resp.read()
    conn.close()
    if resp.getheader("Content-Encoding") == "gzip":
        payload = gzip.decompress(payload)
    text = payload.decode("utf-8", "replace")
    if raw:
        return resp.status, text, resp
    try:
        return resp.status, json.loads(text) if text else None, resp
    except ValueError:
        return resp.status, text, resp


def check(name, ok, detail, method, path, body=None, headers=None, key=None):
    global failures
    if ok:
        print(f"ok   {name}")
        return True
    failures += 1
    print(f"FAIL {name}: {detail}")
    hdrs = dict(headers or {})
    if key or api_key:
        hdrs["x-api-key"] = key or api_key
    print("  reproduce: " + curl(method, path, body, hdrs))
    return False


def public_visit_memory():
    """A public playground visit's Memory reads that visit's own earlier messages: a second
    build by the same visitor sees the first one's input; another visitor sees none of it."""
    doc = json.load(open(os.path.join(FIXTURES, "memory_chat.json")))
    pub = {"name": "exec-public-memory", "data": doc["data"], "access_type": "PUBLIC"}
    status, flow, _ = request("POST", "/api/v1/flows/", pub)
    if not check("create public memory flow", status == 201, f"{status} {flow}", "POST",
                 "/api/v1/flows/", pub):
        return

    def memory_text(visitor, text):
        path = f"/api/v1/build_public_tmp/{flow['id']}/flow"
        body = {"inputs": {"input_value": text}}
        cookie = {"Cookie": f"client_id={visitor}"}
        status, job, _ = request("POST", path, body, auth=False, headers=cookie)
        if not check(f"public memory build ({visitor})", status == 200 and "job_id" in job,
                     f"{status} {job}", "POST", path, body, headers=cookie):
            return None
        events_path = f"/api/v1/build_public_tmp/{job['job_id']}/events"
        status, text, _ = request("GET", events_path, auth=False, raw=True)
        for name, data in frames(text) if status == 200 else []:
            build = data.get("build_data", {}) if name == "end_vertex" else {}
            if build.get("id") == "Memory-Hh4Jk":
                return json.dumps(build.get("data", {}).get("outputs", {}))
        return None

    memory_text("memory-visitor-1", "first visit line")
    seen = memory_text("memory-visitor-1", "second visit line")
    check("public visit memory sees the visit's earlier message",
          seen is not None and "first visit line" in seen, str(seen), "POST",
          f"/api/v1/build_public_tmp/{flow['id']}/flow")
    other = memory_text("memory-visitor-2", "other visitor line")
    check("public visit memory is the visitor's alone",
          other is not None and "first visit line" not in other, str(other), "POST",
          f"/api/v1/build_public_tmp/{flow['id']}/flow")


def frames(text):
    """Splits a {"event","data"}\\n\\n stream into (name, data) pairs."""
    out = []
    for chunk in text.split("\n\n"):
        chunk = chunk.strip()
        if not chunk:
            continue
        for line in chunk.split("\n"):
            if line.strip():
                ev = json.loads(line)
                out.append((ev["event"], ev["data"]))
    return out


def grammar_problems(events, flow, build):
    """Stream grammar: /build starts with one vertices_sorted, ends with exactly one
    terminal end/error; tokens only for announced messages; end_vertex after every
    predecessor's end_vertex (acyclic flows)."""
    problems = []
    names = [e for e, _ in events]
    if not names:
        return ["no events"]
    terminals = [n for n in names if n in ("end", "error")]
    if len(terminals) != 1 or names[-1] not in ("end", "error"):
        problems.append(f"terminal events {terminals}, last {names[-1]}")
    if build:
        if names[0] != "vertices_sorted" or names.count("vertices_sorted") != 1:
            problems.append(f"vertices_sorted not single/first: {names[:3]}")
    announced = set()
    finished = []
    for name, data in events:
        if name == "add_message":
            announced.add(data.get("id"))
        elif name == "token":
            if data.get("id") not in announced:
                problems.append(f"token for unannounced message {data.get('id')}")
        elif name == "end_vertex":
            finished.append(data["build_data"]["id"])
    if build and flow is not None:
        edges = flow["data"]["edges"]
        has_cycle_nodes = any(n["id"].startswith("Loop") for n in flow["data"]["nodes"])
        if not has_cycle_nodes:
            pos = {}
            for i, v in enumerate(finished):
                pos.setdefault(v, i)
            if len(pos) != len(finished):
                problems.append("a vertex ended twice")
            for e in edges:
                s, t = e["source"], e["target"]
                if t in pos and (s not in pos or pos[s] > pos[t]):
                    problems.append(f"{t} ended before its input {s}")
    return problems


def main():
    global token, api_key
    status, body, _ = request("GET", "/api/v1/auto_login", auth=False)
    if not check("auto_login", status == 200 and "access_token" in body, f"{status} {body}",
                 "GET", "/api/v1/auto_login"):
        return
    token = body["access_token"]
    status, body, _ = request("POST", "/api/v1/api_key/", {"name": "exec-tests"})
    if not check("create api key", status == 200 and "api_key" in body, f"{status} {body}",
                 "POST", "/api/v1/api_key/", {"name": "exec-tests"}):
        return
    api_key = body["api_key"]
    if MODE == "webhook_auth":
        webhook_checks(auth_enabled=True)
        return
    if MODE == "gate":
        wf = {"flow_id": "anything"}
        status, body, _ = request("POST", "/api/v2/workflows", wf)
        check("workflows gated by developer API", status == 403 and
              body["detail"].get("code") == "DEVELOPER_API_DISABLED", f"{status} {body}",
              "POST", "/api/v2/workflows", wf)
        return

    flows = {}
    for fname in sorted(os.listdir(FIXTURES)):
        doc = json.load(open(os.path.join(FIXTURES, fname)))
        name = fname[:-5]
        payload = {"name": f"exec-{name}", "data": doc["data"], "endpoint_name": f"exec-{name}"}
        status, body, _ = request("POST", "/api/v1/flows/", payload)
        if check(f"create flow {name}", status == 201, f"{status} {body}", "POST",
                 "/api/v1/flows/", payload):
            flows[name] = {"id": body["id"], "data": doc["data"]}
    if "echo" not in flows:
        return
    echo = flows["echo"]["id"]

    # --- simple endpoints
    status, body, _ = request("GET", "/api/v1/version")
    check("version", status == 200 and body.get("package") == "Langflow", body, "GET", "/api/v1/version")
    status, body, _ = request("GET", "/api/v1/config")
    check("config full", status == 200 and body.get("type") == "full" and "event_delivery" in body,
          body, "GET", "/api/v1/config")
    status, body, resp = request("GET", "/api/v1/all")
    check("all catalogue", status == 200 and isinstance(body, dict) and
          any("ChatInput" in v for v in body.values() if isinstance(v, dict)),
          f"{status} {str(body)[:200]}", "GET", "/api/v1/all")
    status, body, _ = request("POST", f"/api/v1/process/{echo}", {})
    check("process deprecated", status == 400 and "deprecated" in body.get("detail", ""), body,
          "POST", f"/api/v1/process/{echo}", {})
    status, body, _ = request("GET", "/api/v1/task/abc")
    check("task deprecated", status == 400, body, "GET", "/api/v1/task/abc")

    # --- /run
    run_body = {"input_value": "hello there", "output_type": "chat", "input_type": "chat"}
    path = f"/api/v1/run/{echo}"
    status, body, _ = request("POST", path, run_body)
    ok = status == 200
    text = None
    try:
        text = body["outputs"][0]["outputs"][0]["results"]["message"]["text"]
    except Exception:  # noqa: BLE001
        ok = False
    check("run echo", ok and text == "hello there" and body.get("session_id") == echo,
          f"{status} {str(body)[:300]}", "POST", path, run_body)
    status, body, _ = request("POST", "/api/v1/run/exec-echo", {"input_request": run_body})
    check("run by endpoint name (wrapped body)", status == 200, f"{status} {str(body)[:200]}",
          "POST", "/api/v1/run/exec-echo", {"input_request": run_body})
    status, body, _ = request("POST", "/api/v1/run/00000000-0000-4000-8000-000000000000", run_body)
    check("run unknown flow", status == 404 and "not found" in str(body), body, "POST",
          "/api/v1/run/00000000-0000-4000-8000-000000000000", run_body)
    conflict = {"input_value": "x", "tweaks": {"ChatInput-aB3dE": {"input_value": "y"}}}
    status, body, _ = request("POST", path, conflict)
    check("run tweak conflict 400", status == 400 and "cannot pass a tweak" in str(body), body,
          "POST", path, conflict)
    session_body = dict(run_body, session_id="s-1")
    status, body, _ = request("POST", path, session_body)
    check("run echoes session id", status == 200 and body.get("session_id") == "s-1", body,
          "POST", path, session_body)
    changed_flow_checks(flows["echo"]["data"])

    for name in sorted(flows):
        fid = flows[name]["id"]
        p = f"/api/v1/run/{fid}"
        b = {"input_value": "ping", "output_type": "any"}
        status, body, _ = request("POST", p, b)
        check(f"run {name}", status == 200 and len(body.get("outputs", [])) == 1,
              f"{status} {str(body)[:300]}", "POST", p, b)

    # --- /run?stream=true
    if "prompt" in flows:
        p = f"/api/v1/run/{flows['prompt']['id']}?stream=true"
        status, text, resp = request("POST", p, run_body, raw=True)
        ctype = resp.getheader("Content-Type") or ""
        ok = status == 200 and ctype.startswith("text/event-stream")
        evs = frames(text) if ok else []
        probs = grammar_problems(evs, None, build=False)
        names = [e for e, _ in evs]
        ok = ok and not probs and names[-1] == "end" and "result" in evs[-1][1] and \
            "add_message" in names and "vertices_sorted" not in names
        check("run stream grammar", ok, f"{status} {ctype} {probs} {names}", "POST", p, run_body)

    # --- /run/advanced
    adv = {"inputs": [{"components": [], "input_value": "a"}, {"components": [], "input_value": "b"}]}
    p = f"/api/v1/run/advanced/{echo}"
    status, body, _ = request("POST", p, adv)
    check("run advanced two inputs", status == 200 and len(body.get("outputs", [])) == 2,
          f"{status} {str(body)[:300]}", "POST", p, adv)

    # --- /webhook
    p = f"/api/v1/webhook/{echo}"
    status, body, _ = request("POST", p, '{"any": 1}', auth=False)
    check("webhook 202", status == 202 and body.get("status") == "in progress", body, "POST", p,
          '{"any": 1}')
    status, body, _ = request("POST", p, "", auth=False)
    check("webhook empty body 400", status == 400, body, "POST", p, "")
    webhook_checks(auth_enabled=False)

    # --- /build: streaming events for every fixture
    for name in sorted(flows):
        fid = flows[name]["id"]
        p = f"/api/v1/build/{fid}/flow"
        b = {"inputs": {"input_value": "build me", "session": f"build-{name}"}}
        status, body, _ = request("POST", p, b)
        if not check(f"build {name} job", status == 200 and "job_id" in body, body, "POST", p, b):
            continue
        ep = f"/api/v1/build/{body['job_id']}/events"
        status, text, resp = request("GET", ep, raw=True)
        ok = status == 200 and (resp.getheader("Content-Type") or "").startswith("application/x-ndjson")
        evs = frames(text) if ok else []
        probs = grammar_problems(evs, flows[name], build=True)
        check(f"build {name} event grammar", ok and not probs and evs[-1][0] == "end",
              f"{status} {probs} {[e for e, _ in evs]}", "GET", ep)

    # polling delivery: poll until end
    p = f"/api/v1/build/{echo}/flow"
    b = {"inputs": {"input_value": "poll"}}
    status, body, _ = request("POST", p, b)
    if check("build polling job", status == 200, body, "POST", p, b):
        ep = f"/api/v1/build/{body['job_id']}/events?event_delivery=polling"
        seen = []
        for _ in range(50):
            status, text, _ = request("GET", ep, raw=True)
            if status != 200:
                break
            seen += [e for e, _ in frames(text)]
            if "end" in seen or "error" in seen:
                break
        check("build polling reaches end", "end" in seen and seen[0] == "vertices_sorted",
              f"{status} {seen}", "GET", ep)

    # direct delivery: the POST streams
    p = f"/api/v1/build/{echo}/flow?event_delivery=direct"
    status, text, _ = request("POST", p, b, raw=True)
    evs = frames(text) if status == 200 else []
    check("build direct streams", status == 200 and not grammar_problems(evs, flows["echo"], True),
          f"{status} {text[:200]}", "POST", p, b)

    # cancel and unknown jobs
    status, body, _ = request("POST", p.replace("?event_delivery=direct", ""), b)
    if status == 200:
        cp = f"/api/v1/build/{body['job_id']}/cancel"
        status, body, _ = request("POST", cp)
        check("cancel build", status == 200 and body.get("success") is True, body, "POST", cp)
    bogus = "/api/v1/build/11111111-1111-4111-8111-111111111111/events"
    status, body, _ = request("GET", bogus)
    check("events unknown job 404", status == 404 and "Job not found" in str(body), body, "GET", bogus)
    status, body, _ = request("POST", f"/api/v1/build/00000000-0000-4000-8000-000000000000/flow", {})
    check("build unknown flow 404", status == 404 and "not found" in str(body), body, "POST",
          "/api/v1/build/00000000-0000-4000-8000-000000000000/flow", {})

    # messages reached the store (monitor API)
    mp = f"/api/v1/monitor/messages?flow_id={echo}"
    status, body, _ = request("GET", mp)
    check("messages stored", status == 200 and any(m.get("text") == "hello there" for m in body),
          f"{status} {str(body)[:200]}", "GET", mp)


    extra_checks(flows)


def webhook_flow_data():
    """Webhook -> Chat Output: the posted JSON's "text" becomes the stored AI message."""
    doc = json.load(open(os.path.join(FIXTURES, "echo.json")))["data"]
    output = next(n for n in doc["nodes"] if n["data"]["type"] == "ChatOutput")
    hook_id = "Webhook-hK7aa"
    hook = {"id": hook_id, "type": "genericNode", "position": {"x": 0, "y": 0},
            "data": {"id": hook_id, "type": "Webhook", "node": {
                "display_name": "Webhook", "description": "", "base_classes": ["Data"],
                "template": {"data": {"type": "str", "value": "", "show": True, "name": "data",
                                      "display_name": "Payload", "advanced": False}},
                "outputs": [{"name": "output_data", "display_name": "Data", "types": ["Data"],
                             "selected": "Data", "method": "build_data", "cache": True}]}}}
    src = {"dataType": "Webhook", "id": hook_id, "name": "output_data", "output_types": ["Data"]}
    dst = {"fieldName": "input_value", "id": output["id"], "inputTypes": ["Data", "Message"],
           "type": "str"}
    edge = {"id": f"edge-{hook_id}-{output['id']}", "source": hook_id, "target": output["id"],
            "data": {"sourceHandle": src, "targetHandle": dst}}
    return {"nodes": [hook, output], "edges": [edge]}


def wait_for_message(flow_id, text, key=None):
    """Polls the owner's stored messages of `flow_id` for one with `text`."""
    mp = f"/api/v1/monitor/messages?flow_id={flow_id}"
    for _ in range(100):
        status, msgs, _ = request("GET", mp, key=key)
        if status == 200 and any(m.get("text") == text for m in msgs):
            return True
        time.sleep(0.05)
    return False


def webhook_checks(auth_enabled):
    """Webhooks addressed by endpoint name. Webhook auth off: anyone may call, the flow
    runs as its owner. On: the caller's API key must belong to the owner."""
    payload = {"name": "exec-hook", "data": webhook_flow_data(), "endpoint_name": "exec-hook"}
    status, body, _ = request("POST", "/api/v1/flows/", payload)
    if not check("create webhook flow", status == 201, f"{status} {body}", "POST",
                 "/api/v1/flows/", payload):
        return
    hook = body["id"]
    p = "/api/v1/webhook/exec-hook"
    missing = "/api/v1/webhook/no-such-hook"
    if not auth_enabled:
        status, body, _ = request("POST", p, '{"text": "hook by name"}', auth=False)
        check("webhook by endpoint name without credentials 202",
              status == 202 and body == {"message": "Task started in the background",
                                         "status": "in progress"}, f"{status} {body}", "POST", p,
              '{"text": "hook by name"}')
        check("webhook by name ran as the owner (message stored)",
              wait_for_message(hook, "hook by name"), "no stored message", "GET",
              f"/api/v1/monitor/messages?flow_id={hook}")
        status, body, _ = request("POST", f"/api/v1/webhook/{hook}", '{"text": "hook by id"}',
                                  auth=False)
        check("webhook by id without credentials 202", status == 202, f"{status} {body}", "POST",
              f"/api/v1/webhook/{hook}", '{"text": "hook by id"}')
        check("webhook by id ran", wait_for_message(hook, "hook by id"), "no stored message",
              "GET", f"/api/v1/monitor/messages?flow_id={hook}")
        status, body, _ = request("POST", missing, '{"text": "x"}', auth=False)
        check("webhook unknown name 404", status == 404 and
              body.get("detail") == "Flow identifier no-such-hook not found", f"{status} {body}",
              "POST", missing, '{"text": "x"}')
        return
    status, body, _ = request("POST", p, '{"text": "x"}', auth=False)
    check("webhook auth: no key 403", status == 403 and body.get("detail") ==
          "API key required when webhook authentication is enabled", f"{status} {body}", "POST",
          p, '{"text": "x"}')
    status, body, _ = request("POST", p, '{"text": "x"}', auth=False,
                              headers={"x-api-key": "sk-not-a-key"})
    check("webhook auth: bad key 403", status == 403 and body.get("detail") == "Invalid API key",
          f"{status} {body}", "POST", p, '{"text": "x"}', headers={"x-api-key": "sk-not-a-key"})
    status, body, _ = request("POST", missing, '{"text": "x"}', auth=False)
    check("webhook auth: unknown name 404 first", status == 404, f"{status} {body}", "POST",
          missing, '{"text": "x"}')
    status, body, _ = request("POST", p, '{"text": "hook with key"}')
    check("webhook auth: owner's key by name 202", status == 202, f"{status} {body}", "POST", p,
          '{"text": "hook with key"}')
    check("webhook auth: run stored for the owner", wait_for_message(hook, "hook with key"),
          "no stored message", "GET", f"/api/v1/monitor/messages?flow_id={hook}")
    other = other_user_key()
    if check("webhook auth: second user", other is not None, "could not create", "POST",
             "/api/v1/users/"):
        status, body, _ = request("POST", p, '{"text": "x"}', key=other)
        check("webhook auth: another user's key 403", status == 403 and body.get("detail") ==
              "Access denied: You can only execute webhooks for flows you own",
              f"{status} {body}", "POST", p, '{"text": "x"}', key=other)


def other_user_key():
    """A second active user (created by the auto-login superuser) and an API key of theirs."""
    admin = {"Authorization": f"Bearer {token}"}
    user = {"username": "exec-other", "password": "exec-other-pass1"}
    status, body, _ = request("POST", "/api/v1/users/", user, headers=admin, auth=False)
    if status != 201 and status != 200:
        return None
    request("PATCH", f"/api/v1/users/{body['id']}", {"is_active": True}, headers=admin, auth=False)
    conn = http.client.HTTPConnection(HOST.hostname, HOST.port, timeout=10)
    conn.request("POST", "/api/v1/login", body="username=exec-other&password=exec-other-pass1",
                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    resp = conn.getresponse()
    login = json.loads(resp.read() or b"{}")
    conn.close()
    if "access_token" not in login:
        return None
    status, body, _ = request("POST", "/api/v1/api_key/", {"name": "other"}, auth=False,
                              headers={"Authorization": f"Bearer {login['access_token']}"})
    return body.get("api_key") if status == 200 else None


def disconnect_cancels_run(flow_id):
    """Streams a run whose answer is far larger than the transport buffers, reads one
    chunk, hangs up, then checks the AI message was never completed in the store."""
    session = "disconnect-" + str(time.time())
    big = " ".join(["w"] * 20000)  # about 2.5 MB of token events: more than the stream queue
    path = f"/api/v1/run/{flow_id}?stream=true"
    body = json.dumps({"input_value": big, "session_id": session}).encode()
    sock = socket.create_connection((HOST.hostname, HOST.port), timeout=30)
    head = (f"POST {path} HTTP/1.1\r\nHost: {HOST.hostname}:{HOST.port}\r\nx-api-key: {api_key}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n")
    sock.sendall(head.encode() + body)
    first = b""
    while b"add_message" not in first and len(first) < 65536:
        chunk = sock.recv(4096)
        if not chunk:
            break
        first += chunk
    sock.close()  # hang up mid-stream
    if not check("disconnect: stream started", first.startswith(b"HTTP/1.1 200") and b"add_message" in first,
                 f"{first[:100]}", "POST", path, "{input_value: <20000 words>}"):
        return
    # Without cancellation the producer's writes fail fast once the client is gone and the
    # run completes, storing the AI message with its full text; a cancelled run never does.
    mp = f"/api/v1/monitor/messages?session_id={session}"
    time.sleep(3)  # an uncancelled run of this size completes in about one second
    status, msgs, _ = request("GET", mp)
    users = [m for m in msgs if m.get("sender") == "User"] if status == 200 else []
    completed = [m for m in msgs if m.get("sender") == "Machine" and m.get("text")] if status == 200 else []
    check("disconnect cancels the run (AI answer never completed)",
          status == 200 and len(users) == 1 and not completed,
          f"{status} users={len(users)} completed={[len(m['text']) for m in completed]}", "GET", mp)
    # The server is still healthy: a normal run right after.
    status, body2, _ = request("POST", f"/api/v1/run/{flow_id}", {"input_value": "after"})
    check("server serves runs after a disconnect", status == 200, f"{status}", "POST",
          f"/api/v1/run/{flow_id}", {"input_value": "after"})


def changed_flow_checks(echo_data):
    """A run sees every change to its flow at once: rows are cached only per flows generation."""
    payload = {"name": "exec-changing", "data": echo_data, "endpoint_name": "exec-changing"}
    status, body, _ = request("POST", "/api/v1/flows/", payload)
    if not check("create changing flow", status == 201, f"{status} {body}", "POST", "/api/v1/flows/",
                 payload):
        return
    flow_id = body["id"]
    run_body = {"input_value": "hi", "output_type": "chat", "input_type": "chat"}
    for _ in range(2):  # the second run is served from the lookup cache
        status, body, _ = request("POST", "/api/v1/run/exec-changing", run_body)
    check("run changing flow by name", status == 200, f"{status} {body}", "POST",
          "/api/v1/run/exec-changing", run_body)
    renamed = {"endpoint_name": "exec-changed"}
    status, body, _ = request("PATCH", f"/api/v1/flows/{flow_id}", renamed)
    check("rename endpoint", status == 200, f"{status} {body}", "PATCH", f"/api/v1/flows/{flow_id}",
          renamed)
    status, body, _ = request("POST", "/api/v1/run/exec-changing", run_body)
    check("old endpoint name is gone at once", status == 404, f"{status} {body}", "POST",
          "/api/v1/run/exec-changing", run_body)
    status, body, _ = request("POST", "/api/v1/run/exec-changed", run_body)
    check("new endpoint name runs at once", status == 200, f"{status} {body}", "POST",
          "/api/v1/run/exec-changed", run_body)
    data = json.loads(json.dumps(echo_data))
    for node in data["nodes"]:
        if node["data"]["type"] == "ChatOutput":
            node["data"]["node"]["template"]["sender_name"]["value"] = "Renamed Bot"
    request("PATCH", f"/api/v1/flows/{flow_id}", {"data": data})
    p = f"/api/v1/run/{flow_id}"
    status, body, _ = request("POST", p, run_body)
    name = None
    try:
        name = body["outputs"][0]["outputs"][0]["messages"][0]["sender_name"]
    except Exception:  # noqa: BLE001
        pass
    check("run uses the flow's new data at once", status == 200 and name == "Renamed Bot",
          f"{status} {str(body)[:300]}", "POST", p, run_body)
    request("DELETE", f"/api/v1/flows/{flow_id}")
    status, body, _ = request("POST", p, run_body)
    check("deleted flow is not run", status == 404, f"{status} {body}", "POST", p, run_body)


def extra_checks(flows):
    echo = flows["echo"]["id"]
    prompt = flows.get("prompt", flows["echo"])["id"]

    # --- validate
    vp = {"name": "template", "template": "Hi {name} {{literal}}",
          "frontend_node": {"template": {"template": {"value": "x"}}, "custom_fields": {}}}
    status, body, _ = request("POST", "/api/v1/validate/prompt", vp)
    check("validate prompt variables", status == 200 and body.get("input_variables") == ["name"] and
          body["frontend_node"]["template"]["name"]["input_types"] == ["Message"] and
          body["frontend_node"]["custom_fields"] == {"template": ["name"]},
          f"{status} {body}", "POST", "/api/v1/validate/prompt", vp)
    bad = dict(vp, template="Hi {my var}")
    status, body, _ = request("POST", "/api/v1/validate/prompt", bad)
    check("validate prompt invalid variable 500", status == 500 and
          "invalid characters" in str(body), f"{status} {body}", "POST", "/api/v1/validate/prompt", bad)
    vc = {"code": "import os\ndef f(x):\n    return (x\n"}
    status, body, _ = request("POST", "/api/v1/validate/code", vc)
    check("validate code syntax error", status == 200 and body["imports"] == {"errors": []} and
          body["function"]["errors"] == ["'(' was never closed (<unknown>, line 3)"],
          f"{status} {body}", "POST", "/api/v1/validate/code", vc)

    # --- OpenAI responses
    rq = {"model": prompt, "input": "hello model"}
    status, body, _ = request("POST", "/api/v1/responses", rq)
    ok = status == 200 and body.get("object") == "response" and body["output"][0]["content"][0]["text"]
    check("responses non-stream", ok, f"{status} {body}", "POST", "/api/v1/responses", rq)
    if ok:
        follow = dict(rq, previous_response_id=body["id"])
        status, body2, _ = request("POST", "/api/v1/responses", follow)
        check("responses continue session", status == 200 and body2.get("id") == body["id"] and
              body2.get("previous_response_id") == body["id"], f"{status} {body2}", "POST",
              "/api/v1/responses", follow)
    rs = dict(rq, stream=True)
    status, text, resp = request("POST", "/api/v1/responses", rs, raw=True)
    lines = [l for l in text.split("\n\n") if l.strip()]
    ok = status == 200 and (resp.getheader("Content-Type") or "").startswith("text/event-stream") \
        and lines and lines[0].startswith("data: ") and lines[-1] == "data: [DONE]" \
        and any("response.completed" in l for l in lines)
    check("responses stream framing", ok, f"{status} {text[:300]}", "POST", "/api/v1/responses", rs)
    for name, payload, code in [("tools", dict(rq, tools=[{}]), "tools_not_supported"),
                                ("unknown flow", {"model": "no-such-flow", "input": "x"}, "flow_not_found")]:
        status, body, _ = request("POST", "/api/v1/responses", payload)
        check(f"responses error {name}", status == 200 and body.get("error", {}).get("code") == code,
              f"{status} {body}", "POST", "/api/v1/responses", payload)

    # --- v2 workflows (developer API enabled for this server)
    wf = {"flow_id": echo, "inputs": {"ChatInput-aB3dE.input_value": "wf in", "ChatInput-aB3dE.session_id": "wf-s"}}
    status, body, _ = request("POST", "/api/v2/workflows", wf)
    check("workflow sync outputs", status == 200 and body.get("status") == "completed" and
          body["outputs"].get("Chat Output", {}).get("content") == "wf in",
          f"{status} {body}", "POST", "/api/v2/workflows", wf)
    bg = dict(wf, background=True)
    status, body, _ = request("POST", "/api/v2/workflows", bg)
    if check("workflow background job", status == 200 and body.get("object") == "job", body,
             "POST", "/api/v2/workflows", bg):
        sp = f"/api/v2/workflows?job_id={body['job_id']}"
        for _ in range(50):
            status, st, _ = request("GET", sp)
            if st.get("status") not in ("queued", "in_progress"):
                break
            time.sleep(0.05)
        check("workflow background completes", status == 200 and st.get("status") == "completed",
              f"{status} {st}", "GET", sp)
        stop = {"job_id": body["job_id"]}
        status, st, _ = request("POST", "/api/v2/workflows/stop", stop)
        check("workflow stop finished job", status == 200 and "already" in st.get("message", ""),
              f"{status} {st}", "POST", "/api/v2/workflows/stop", stop)
        status, st, _ = request("GET", sp)
        check("workflow stopped job reads cancelled", status == 200 and st.get("status") == "cancelled"
              and st.get("flow_id") == echo,
              f"{status} {st}", "GET", sp)
    # Upstream 1.10's plain v2 router (api/v2/workflow.py execute_workflow) does not stream:
    # after the flow lookup, background wins, else stream=true is this exact 501.
    st = dict(wf, stream=True)
    status, body, _ = request("POST", "/api/v2/workflows", st)
    check("workflow stream=true 501 as upstream", status == 501 and body == {"detail": {
        "error": "Not implemented", "code": "NOT_IMPLEMENTED",
        "message": "Streaming execution not yet implemented"}}, f"{status} {body}", "POST",
        "/api/v2/workflows", st)
    st_missing = {"flow_id": "no-such-flow", "stream": True}
    status, body, _ = request("POST", "/api/v2/workflows", st_missing)
    check("workflow stream=true unknown flow 404 first", status == 404 and
          body["detail"].get("code") == "FLOW_NOT_FOUND", f"{status} {body}", "POST",
          "/api/v2/workflows", st_missing)
    st_bg = dict(wf, stream=True, background=True)
    status, body, _ = request("POST", "/api/v2/workflows", st_bg)
    check("workflow stream+background runs in the background", status == 200 and
          body.get("object") == "job", f"{status} {body}", "POST", "/api/v2/workflows", st_bg)
    missing = {"flow_id": "no-such-flow"}
    status, body, _ = request("POST", "/api/v2/workflows", missing)
    check("workflow unknown flow 404", status == 404 and body["detail"].get("code") == "FLOW_NOT_FOUND",
          f"{status} {body}", "POST", "/api/v2/workflows", missing)
    status, body, _ = request("GET", "/api/v2/workflows")
    check("workflow status needs job_id", status == 400, f"{status} {body}", "GET", "/api/v2/workflows")

    # --- a client that disconnects from /run?stream=true cancels the run
    if "prompt" in flows:
        disconnect_cancels_run(flows["prompt"]["id"])

    # --- public builds (client_id cookie, no credentials)
    doc = json.load(open(os.path.join(FIXTURES, "echo.json")))
    pub = {"name": "exec-public", "data": doc["data"], "access_type": "PUBLIC"}
    status, body, _ = request("POST", "/api/v1/flows/", pub)
    if check("create public flow", status == 201, f"{status} {body}", "POST", "/api/v1/flows/", pub):
        pp = f"/api/v1/build_public_tmp/{body['id']}/flow"
        b = {"inputs": {"input_value": "public hi"}}
        status, jb, _ = request("POST", pp, b, auth=False, headers={"Cookie": "client_id=visitor-1"})
        if check("public build job", status == 200 and "job_id" in jb, f"{status} {jb}", "POST", pp, b,
                 headers={"Cookie": "client_id=visitor-1"}):
            ep = f"/api/v1/build_public_tmp/{jb['job_id']}/events"
            status, text, _ = request("GET", ep, auth=False, raw=True)
            evs = frames(text) if status == 200 else []
            check("public build events", status == 200 and evs and evs[-1][0] == "end" and
                  not grammar_problems(evs, {"data": doc["data"]}, True), f"{status} {text[:200]}", "GET", ep)
        status, body2, _ = request("POST", pp, b, auth=False)
        check("public build needs client_id", status == 400 and "client_id" in str(body2),
              f"{status} {body2}", "POST", pp, b)
        # A signed-in visitor needs no client_id cookie: the user id names the virtual flow, and
        # the visit's messages are theirs under /monitor/messages/shared (not /monitor/messages).
        status, body2, _ = request("POST", pp, b)
        if check("public build by a signed-in user", status == 200 and "job_id" in body2,
                 f"{status} {body2}", "POST", pp, b):
            ep = f"/api/v1/build_public_tmp/{body2['job_id']}/events"
            request("GET", ep, auth=False, raw=True)  # streams until the build has ended
            sp = f"/api/v1/monitor/messages/shared?source_flow_id={body['id']}"
            status, shared, _ = request("GET", sp)
            texts = [m.get("text") for m in shared] if status == 200 else []
            check("public visit messages are the visitor's", texts == ["public hi", "public hi"],
                  f"{status} {shared}", "GET", sp)
            op = f"/api/v1/monitor/messages?flow_id={body['id']}"
            status, own, _ = request("GET", op)
            check("public visit messages stay out of the flow's own", status == 200 and own == [],
                  f"{status} {own}", "GET", op)
        public_visit_memory()
        private = f"/api/v1/build_public_tmp/{echo}/flow"
        status, body2, _ = request("POST", private, b, auth=False, headers={"Cookie": "client_id=v"})
        check("private flow is not public", status == 403 and "not public" in str(body2),
              f"{status} {body2}", "POST", private, b, headers={"Cookie": "client_id=v"})

    # --- another user sees none of it
    other = other_user_key()
    if not check("second user", other is not None, "could not create", "POST", "/api/v1/users/"):
        return
    p = f"/api/v1/run/{echo}"
    status, body, _ = request("POST", p, {"input_value": "x"}, key=other)
    check("other user cannot run", status == 403, f"{status} {body}", "POST", p, {"input_value": "x"}, key=other)
    status, body, _ = request("POST", f"/api/v1/build/{echo}/flow", {})
    if status == 200:
        ep = f"/api/v1/build/{body['job_id']}/events"
        status, body, _ = request("GET", ep, key=other)
        check("other user cannot read build events", status == 404, f"{status} {body}", "GET", ep, key=other)
    status, body, _ = request("POST", f"/api/v1/build/{echo}/flow", {}, key=other)
    check("other user cannot build", status == 404, f"{status} {body}", "POST",
          f"/api/v1/build/{echo}/flow", {}, key=other)
    status, body, _ = request("POST", "/api/v1/responses", rq, key=other)
    check("other user responses flow_not_found", body.get("error", {}).get("code") == "flow_not_found",
          f"{status} {body}", "POST", "/api/v1/responses", rq, key=other)
    status, body, _ = request("POST", "/api/v2/workflows", wf, key=other)
    check("other user workflow 404", status == 404, f"{status} {body}", "POST", "/api/v2/workflows", wf, key=other)


main()
print(f"{failures} failure(s)")
sys.exit(1 if failures else 0)
