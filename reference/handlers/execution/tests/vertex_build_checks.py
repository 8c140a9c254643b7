"""Per-vertex build checks against a running lfkit-server:
python3 vertex_build_checks.py BASE FIXTURES. Exit status 1 on any failure."""
import http.client
import json
import os
import shlex
import sys
import urllib.parse
import uuid

BASE = sys.argv[1]
FIXTURES = sys.argv[2]
HOST = urllib.parse.urlparse(BASE)
failures = 0
api_key = None
token = None
last_curl = ""  # the last request as a quoted curl command, printed with each failure


def request(method, path, body=None, key=None, auth=True, headers=None):
    h = dict(headers or {})
    if auth:
        if key or api_key:
            h["x-api-key"] = key or api_key
        elif token:
            h["Authorization"] = f"Bearer {token}"
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        h["Content-Type"] = "application/json"
    global last_curl
    parts = ["curl", "-s", "-X", method]
    for k, v in h.items():
        parts += ["-H", f"{k}: {v}"]
    if data is not None:
        parts += ["--data", data.decode()]
    last_curl = " ".join(shlex.quote(p) for p in parts + [BASE + path])
    conn = http.client.HTTPConnection(HOST.hostname, HOST.port, timeout=30)
    conn.request(method, path, body=data, headers=h)
    resp = conn.getresponse()
    text = resp.read().decode("utf-8", "replace")
    ctype = resp.getheader("Content-Type") or ""
    conn.close()
    try:
        parsed = json.loads(text) if text and ctype.startswith("application/json") else text
    except ValueError:
        parsed = text
    return resp.status, parsed, ctype


def check(name, ok, detail=""):
    global failures
    if ok:
        print(f"ok   {name}")
    else:
        failures += 1
        print(f"FAIL {name}: {str(detail)[:600]}")
        print(f"  reproduce: {last_curl}")
    return ok


def order(flow_id, body=None, query="", key=None, auth=True):
    return request("POST", f"/api/v1/build/{flow_id}/vertices{query}", body, key=key, auth=auth)


def build(flow_id, vertex_id, body=None, key=None, auth=True):
    return request("POST", f"/api/v1/build/{flow_id}/vertices/{vertex_id}", body, key=key, auth=auth)


def stream(flow_id, vertex_id, key=None, auth=True):
    return request("GET", f"/api/v1/build/{flow_id}/{vertex_id}/stream", key=key, auth=auth)


def sse_events(text):
    """Parses upstream's StreamData frames; None when a frame breaks the grammar."""
    if not isinstance(text, str) or not text.endswith("\n\n"):
        return None
    events = []
    for chunk in text[:-2].split("\n\n"):
        lines = chunk.split("\n")
        if len(lines) != 2 or not lines[0].startswith("event: ") or not lines[1].startswith("data: "):
            return None
        events.append((lines[0][7:], json.loads(lines[1][6:])))
    return events


def stream_ok(events):
    """message*/error? then exactly one trailing close {"message": "Stream closed"}."""
    if not events or events[-1] != ("close", {"message": "Stream closed"}):
        return False
    names = [n for n, _ in events[:-1]]
    return all(n in ("message", "error") for n in names) and names.count("error") <= 1


def shape_ok(b, vertex_id):
    keys = {"id", "inactivated_vertices", "next_vertices_ids", "top_level_vertices", "valid",
            "params", "data", "timestamp"}
    data_keys = {"results", "outputs", "logs", "message", "artifacts", "timedelta", "duration",
                 "used_frozen_result"}
    return (isinstance(b, dict) and keys <= set(b) and b["id"] == vertex_id and
            isinstance(b["data"], dict) and data_keys <= set(b["data"]) and
            isinstance(b["next_vertices_ids"], list) and
            sorted(b["top_level_vertices"]) == sorted(b["next_vertices_ids"]) and
            b["timestamp"].endswith("Z"))


def drive(flow_id, first, inputs):
    """Builds vertices as the old frontend did: the first layer, then each answer's
    next_vertices_ids. Returns (build order, answers by vertex id, problems)."""
    queue, built, answers, problems = list(first), [], {}, []
    while queue and len(built) < 200:
        v = queue.pop(0)
        status, b, _ = build(flow_id, v, {"inputs": inputs})
        if status != 200 or not shape_ok(b, v) or not b["valid"]:
            problems.append(f"{v}: {status} {str(b)[:300]}")
            break
        built.append(v)
        answers[v] = b
        queue.extend(n for n in b["next_vertices_ids"] if n not in queue)
    return built, answers, problems


def topological(built, flow):
    pos = {v: i for i, v in enumerate(built)}
    return all(pos[e["source"]] < pos[e["target"]] for e in flow["edges"]
               if e["source"] in pos and e["target"] in pos)


def messages(flow_id):
    status, msgs, _ = request("GET", f"/api/v1/monitor/messages?flow_id={flow_id}")
    return msgs if status == 200 else []


def builds_of(flow_id):
    status, body, _ = request("GET", f"/api/v1/monitor/builds?flow_id={flow_id}")
    return body.get("vertex_builds", {}) if status == 200 else {}


def other_user_key():
    admin = {"Authorization": f"Bearer {token}"}
    user = {"username": "vx-other", "password": "vx-other-pass1"}
    status, body, _ = request("POST", "/api/v1/users/", user, auth=False, headers=admin)
    if status not in (200, 201):
        return None
    request("PATCH", f"/api/v1/users/{body['id']}", {"is_active": True}, auth=False, headers=admin)
    conn = http.client.HTTPConnection(HOST.hostname, HOST.port, timeout=10)
    conn.request("POST", "/api/v1/login", body="username=vx-other&password=vx-other-pass1",
                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    login = json.loads(conn.getresponse().read() or b"{}")
    conn.close()
    status, body, _ = request("POST", "/api/v1/api_key/", {"name": "o"}, auth=False,
                              headers={"Authorization": f"Bearer {login.get('access_token')}"})
    return body.get("api_key") if status == 200 else None


def main():
    global token, api_key
    status, body, _ = request("GET", "/api/v1/auto_login", auth=False)
    if not check("auto_login", status == 200, body):
        return
    token = body["access_token"]
    status, body, _ = request("POST", "/api/v1/api_key/", {"name": "vx"})
    if not check("api key", status == 200, body):
        return
    api_key = body["api_key"]
    flows = {}
    for name in ("echo", "branching", "prompt", "forty_nodes", "multi_output"):
        doc = json.load(open(os.path.join(FIXTURES, name + ".json")))
        status, body, _ = request("POST", "/api/v1/flows/", {"name": f"vx-{name}", "data": doc["data"]})
        if check(f"create {name}", status == 201, body):
            flows[name] = (body["id"], doc["data"])
    if len(flows) != 5:
        return
    echo, echo_data = flows["echo"]

    # --- echo: order, then build each vertex, then the stored history
    status, b, _ = order(echo)
    ok = status == 200 and b["ids"] == ["ChatInput-aB3dE"] and \
        sorted(b["vertices_to_run"]) == ["ChatInput-aB3dE", "ChatOutput-xY7zQ"]
    check("echo order", ok and str(uuid.UUID(b["run_id"])) == b["run_id"], f"{status} {b}")
    status, b, _ = build(echo, "ChatInput-aB3dE", {"inputs": {"input_value": "hello vx"}})
    check("echo build ChatInput", status == 200 and shape_ok(b, "ChatInput-aB3dE") and b["valid"] and
          b["next_vertices_ids"] == ["ChatOutput-xY7zQ"] and b["inactivated_vertices"] == [],
          f"{status} {b}")
    status, b, _ = build(echo, "ChatOutput-xY7zQ", {})
    check("echo build ChatOutput", status == 200 and shape_ok(b, "ChatOutput-xY7zQ") and b["valid"] and
          b["next_vertices_ids"] == [] and
          b["data"]["results"]["message"]["text"] == "hello vx", f"{status} {b}")
    stored = [(m["sender"], m["text"], m["session_id"]) for m in messages(echo)]
    check("echo messages stored (session = flow id)",
          ("User", "hello vx", echo) in stored and ("Machine", "hello vx", echo) in stored, stored)
    vb = builds_of(echo)
    check("echo vertex builds stored", {"ChatInput-aB3dE", "ChatOutput-xY7zQ"} <= set(vb), vb)
    status, b, _ = build(echo, "ChatInput-aB3dE", {"inputs": {"input_value": "s", "session": "vx-s1"}})
    check("inputs.session names the session",
          status == 200 and ("User", "s", "vx-s1") in
          [(m["sender"], m["text"], m["session_id"]) for m in messages(echo)], f"{status} {b}")

    # --- stream route
    status, text, ctype = stream(echo, "ChatOutput-xY7zQ")
    ev = sse_events(text)
    check("stream interface vertex", status == 200 and ctype.startswith("text/event-stream") and
          ev is not None and stream_ok(ev) and
          ev[0] == ("message", {"message": "Streaming vertex ChatOutput-xY7zQ"}) and
          ev[1] == ("error", {"error": "This stream has already been closed."}), f"{status} {text!r}")
    status, text, _ = stream(echo, "Nope-1")
    ev = sse_events(text)
    check("stream unknown vertex", status == 200 and ev is not None and stream_ok(ev) and
          ev[0] == ("error", {"error": "Vertex Nope-1 not found"}), f"{status} {text!r}")
    multi = flows["multi_output"][0]
    status, text, _ = stream(multi, "ChatOutput-xY7zQ")
    ev = sse_events(text)
    check("stream without cached graph", status == 200 and ev is not None and stream_ok(ev) and
          ev[0] == ("error", {"error": f"No cache found for {multi}."}), f"{status} {text!r}")

    # --- every acyclic fixture, vertex by vertex, in dependency order
    for name in ("prompt", "forty_nodes", "multi_output"):
        fid, data = flows[name]
        status, b, _ = order(fid)
        if not check(f"{name} order", status == 200 and b["ids"] == ["ChatInput-aB3dE"], f"{status} {b}"):
            continue
        built, _, problems = drive(fid, b["ids"], {"input_value": "ping"})
        check(f"{name} built vertex by vertex", not problems and sorted(built) ==
              sorted(b["vertices_to_run"]) and topological(built, data), f"{problems} {built}")
    prompt = flows["prompt"][0]
    status, text, _ = stream(prompt, "Prompt-Qw2Er")
    ev = sse_events(text)
    check("stream non-interface vertex", ev is not None and stream_ok(ev) and
          ev[0] == ("error", {"error": "Vertex Prompt-Qw2Er does not support streaming"}), repr(text))

    # --- branching: the router switches one branch off
    br = flows["branching"][0]
    status, b, _ = build(br, "ChatInput-aB3dE", {"inputs": {"input_value": "yes"}})
    check("cache miss rebuilds from the stored flow", status == 200 and b["valid"] and
          b["next_vertices_ids"] == ["ConditionalRouter-Rr6Tt"], f"{status} {b}")
    status, b, _ = build(br, "ConditionalRouter-Rr6Tt")
    check("router: next and inactivated", status == 200 and b["valid"] and
          b["next_vertices_ids"] == ["ChatOutput-TrUe1"] and
          b["inactivated_vertices"] == ["ChatOutput-FaLs2"], f"{status} {b}")

    # --- start / stop component
    status, b, _ = order(echo, query="?stop_component_id=ChatInput-aB3dE")
    check("stop component prunes", status == 200 and b["vertices_to_run"] == ["ChatInput-aB3dE"],
          f"{status} {b}")
    status, b, _ = build(echo, "ChatInput-aB3dE", {"inputs": {"input_value": "x"}})
    check("nothing after the stop component", status == 200 and b["next_vertices_ids"] == [], f"{status} {b}")
    forty = flows["forty_nodes"][0]
    status, b, _ = order(forty, query="?stop_component_id=CombineText-L1N0")
    want = ["ChatInput-aB3dE", "CombineText-L0N0", "CombineText-L0N1", "CombineText-L1N0"]
    ok = status == 200 and sorted(b["vertices_to_run"]) == want
    built, answers, problems = drive(forty, b["ids"], {"input_value": "s"}) if ok else ([], {}, [])
    check("stop component: built up to it", ok and not problems and sorted(built) == want and
          built[-1] == "CombineText-L1N0", f"{status} {b} {problems} {built}")
    status, b, _ = order(prompt, query="?start_component_id=Prompt-Qw2Er")
    check("start component", status == 200 and b["ids"] == ["ChatInput-aB3dE", "Prompt-Qw2Er"] and
          len(b["vertices_to_run"]) == 4, f"{status} {b}")
    q = "?start_component_id=Prompt-Qw2Er&stop_component_id=ChatOutput-xY7zQ"
    status, b, _ = order(prompt, query=q)
    check("start and stop together 500", status == 500 and b == {
        "detail": "You can only provide one of stop_component_id or start_component_id"}, f"{status} {b}")
    status, b, _ = order(echo, query="?stop_component_id=Missing-1")
    check("unknown stop component falls back to the full sort", status == 200 and
          len(b["vertices_to_run"]) == 2, f"{status} {b}")

    # --- body data overrides the stored graph (not saved)
    status, b, _ = order(forty, {"data": echo_data})
    check("order from body data", status == 200 and sorted(b["vertices_to_run"]) ==
          ["ChatInput-aB3dE", "ChatOutput-xY7zQ"], f"{status} {b}")
    status, b, _ = order(forty, {"data": {"nodes": "x"}})
    check("bad body data 422", status == 422, f"{status} {b}")
    clash = json.loads(json.dumps(flows["prompt"][1]))
    for node in clash["nodes"]:
        if node["id"] in ("OpenAIModel-k9LmN", "ChatOutput-xY7zQ"):
            node["data"]["node"]["template"]["stream"] = {"value": True, "type": "bool"}
    status, b, _ = order(prompt, {"data": clash})
    check("two connected streaming vertices 400", status == 400 and
          "stream or streaming set to True" in b.get("detail", ""), f"{status} {b}")

    # --- build errors
    status, b, _ = order(echo)
    status, b, _ = build(echo, "ChatOutput-xY7zQ")
    check("input not built yet: valid false", status == 200 and b["valid"] is False and
          "has not been built yet" in b["params"] and b["next_vertices_ids"] == [] and
          b["data"]["outputs"]["message"]["type"] == "error", f"{status} {b}")
    status, b, _ = build(echo, "Nope-1")
    check("unknown vertex 500", status == 500 and b == {"detail": "Vertex Nope-1 not found"}, f"{status} {b}")

    # --- flows that are not the caller's, bad ids, no credentials
    missing = str(uuid.uuid4())
    for label, (s, b, _) in (("order", order(missing)), ("build", build(missing, "ChatInput-aB3dE")),
                             ("stream", stream(missing, "ChatInput-aB3dE"))):
        check(f"unknown flow 404 ({label})", s == 404 and b == {"detail": f"Flow with id {missing} not found"},
              f"{s} {b}")
    status, b, _ = order("not-a-uuid")
    check("non-uuid flow id 422", status == 422, f"{status} {b}")
    # Auto-login is on (the default): no credentials at all is upstream's 403 asking for
    # an API key; a bearer token that does not verify is 401.
    bad = {"Authorization": "Bearer not.a.jwt"}
    for label, method, path in (("order", "POST", f"/api/v1/build/{echo}/vertices"),
                                ("build", "POST", f"/api/v1/build/{echo}/vertices/ChatInput-aB3dE"),
                                ("stream", "GET", f"/api/v1/build/{echo}/ChatInput-aB3dE/stream")):
        s, b, _ = request(method, path, auth=False)
        check(f"no credentials 403 ({label})", s == 403 and "requires a valid API key" in
              str(b.get("detail")), f"{s} {b}")
        s, b, _ = request(method, path, auth=False, headers=bad)
        check(f"invalid token 401 ({label})", s == 401, f"{s} {b}")
    other = other_user_key()
    if check("second user", other is not None):
        for label, (s, b, _) in (("order", order(echo, key=other)),
                                 ("build", build(echo, "ChatInput-aB3dE", key=other)),
                                 ("stream", stream(echo, "ChatInput-aB3dE", key=other))):
            check(f"another user's flow 404 ({label})", s == 404, f"{s} {b}")


main()
print(f"{failures} failure(s)")
sys.exit(1 if failures else 0)
