"""The server's model components against an OpenAI-compatible endpoint (issue 4).

python3 model_endpoint_checks.py LFKIT_SERVER FIXTURES

Starts a fake chat-completions endpoint on 127.0.0.1 (it streams fixed deltas, or answers
401 for the model "gpt-fail"), then lfkit-server with OPENAI_API_BASE/OPENAI_API_KEY pointing
at it, and runs the prompt fixture (Chat Input -> Prompt -> OpenAI -> Chat Output) through
/run, plain and streamed. Every failure prints a curl command reproducing the request.
"""
import http.client
import http.server
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

SERVER, FIXTURES = sys.argv[1], sys.argv[2]
DELTAS = ["Hello", " from", " the", " endpoint"]
SERVER_KEY = "sk-lfkit-test"
ENDPOINT = ""  # the fake endpoint's origin, set once it listens
seen = []  # (headers, body) of every request the endpoint got
failures = 0


class Endpoint(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        seen.append((dict(self.headers), body, self.path))
        if self.path not in ("/v1/chat/completions", "/flow-named/v1/chat/completions"):
            return self.answer(404, {"error": {"message": f"no route {self.path}"}})
        if body.get("model") == "gpt-fail":
            return self.answer(401, {"error": {"message": "Incorrect API key provided"}})
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for piece in DELTAS:
            self.chunk("data: " + json.dumps({"choices": [{"delta": {"content": piece}}]}) + "\n\n")
        self.chunk("data: [DONE]\n\n")
        self.wfile.write(b"0\r\n\r\n")

    def chunk(self, text):
        data = text.encode()
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(base, method, path, body=None, headers=None):
    h = dict(headers or {})
    data = None if body is None else json.dumps(body).encode()
    if data is not None:
        h["Content-Type"] = "application/json"
    host, port = base.split("//")[1].split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    conn.request(method, path, body=data, headers=h)
    resp = conn.getresponse()
    text = resp.read().decode()
    conn.close()
    return resp.status, text


def check(name, ok, detail, base, method, path, body=None, headers=None):
    global failures
    if ok:
        print(f"ok   {name}")
        return
    failures += 1
    print(f"FAIL {name}: {detail}")
    parts = [f"curl -s -X {method} '{base}{path}'"]
    parts += [f"-H '{k}: {v}'" for k, v in (headers or {}).items()]
    if body is not None:
        parts.append(f"-H 'Content-Type: application/json' -d '{json.dumps(body)}'")
    print("  reproduce: " + " ".join(parts))


def run_checks(base):
    _, token = call(base, "GET", "/api/v1/auto_login")
    auth = {"Authorization": "Bearer " + json.loads(token)["access_token"]}
    _, key = call(base, "POST", "/api/v1/api_key/", {"name": "model"}, auth)
    key = {"x-api-key": json.loads(key)["api_key"]}
    doc = json.load(open(os.path.join(FIXTURES, "prompt.json")))
    _, flow = call(base, "POST", "/api/v1/flows/", {"name": "model", "data": doc["data"]}, auth)
    flow_id = json.loads(flow)["id"]
    model_id = next(n["id"] for n in doc["data"]["nodes"] if n["data"]["type"] == "OpenAIModel")
    path = f"/api/v1/run/{flow_id}"
    text = "".join(DELTAS)

    run = {"input_value": "hi there"}
    status, body = call(base, "POST", path, run, key)
    answer = json.loads(body)["outputs"][0]["outputs"][0]["results"]["message"]["text"] \
        if status == 200 else None
    check("/run answers with the endpoint's completion", answer == text, f"{status} {body[:300]}",
          base, "POST", path, run, key)
    headers, sent, _ = seen[-1] if seen else ({}, {}, "")
    check("the endpoint got the server's key", headers.get("Authorization") == f"Bearer {SERVER_KEY}",
          headers, base, "POST", path, run, key)
    user = [m["content"] for m in sent.get("messages", []) if m["role"] == "user"]
    check("the endpoint got the prompt built from the input, streamed",
          len(user) == 1 and "hi there" in user[0] and sent.get("stream") is True, sent,
          base, "POST", path, run, key)

    status, body = call(base, "POST", path + "?stream=true", run, key)
    events = [json.loads(line) for line in body.split("\n") if line.strip()] if status == 200 else []
    chunks = [e["data"]["chunk"] for e in events if e["event"] == "token"]
    names = [e["event"] for e in events]
    check("/run?stream=true sends the endpoint's deltas as token events, then one end",
          chunks == DELTAS and names.count("end") == 1 and names[-1] == "end",
          f"{status} chunks={chunks} events={names}", base, "POST", path + "?stream=true", run, key)

    tweaked = {"input_value": "hi", "tweaks": {model_id: {"api_key": "sk-component"}}}
    status, body = call(base, "POST", path, tweaked, key)
    headers = seen[-1][0] if seen else {}
    check("a component's own key wins over the server's",
          status == 200 and headers.get("Authorization") == "Bearer sk-component",
          f"{status} {headers.get('Authorization')}", base, "POST", path, tweaked, key)

    # A flow whose OpenAI node names its own base (tweaks only change fields a node has).
    own = json.loads(json.dumps(doc["data"]))
    node = next(n for n in own["nodes"] if n["id"] == model_id)
    node["data"]["node"]["template"]["openai_api_base"] = {
        "type": "str", "value": f"{ENDPOINT}/flow-named/v1", "name": "openai_api_base"}
    _, flow = call(base, "POST", "/api/v1/flows/", {"name": "model-own-base", "data": own}, auth)
    own_path = f"/api/v1/run/{json.loads(flow)['id']}"
    status, body = call(base, "POST", own_path, run, key)
    headers, _, target = seen[-1] if seen else ({}, {}, "")
    check("a component's openai_api_base is called, without the server's key",
          status == 200 and target == "/flow-named/v1/chat/completions"
          and "Authorization" not in headers, f"{status} {target} {headers}",
          base, "POST", own_path, run, key)

    failing = {"input_value": "hi", "tweaks": {model_id: {"model_name": "gpt-fail"}}}
    status, body = call(base, "POST", path, failing, key)
    detail = json.loads(body).get("detail", "") if body.startswith("{") else body
    check("an endpoint error fails the run with upstream's 500 naming the component and cause",
          status == 500 and "OpenAI" in detail and "answered 401: Incorrect API key provided" in detail,
          f"{status} {body[:300]}", base, "POST", path, failing, key)


def main():
    endpoint = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Endpoint)
    threading.Thread(target=endpoint.serve_forever, daemon=True).start()
    config = tempfile.mkdtemp(prefix="lfkit-model-")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    global ENDPOINT
    ENDPOINT = f"http://127.0.0.1:{endpoint.server_port}"
    env = dict(os.environ, OPENAI_API_BASE=f"{ENDPOINT}/v1", OPENAI_API_KEY=SERVER_KEY)
    log = open(os.path.join(config, "server.log"), "w")
    server = subprocess.Popen([SERVER, "--host", "127.0.0.1", "--port", str(port),
                               "--config-dir", config], env=env, stdout=log, stderr=log)
    try:
        for _ in range(100):
            try:
                if call(base, "GET", "/health")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        run_checks(base)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        endpoint.shutdown()
        if failures:
            print("--- server log")
            print(open(os.path.join(config, "server.log")).read()[-3000:])
        shutil.rmtree(config, ignore_errors=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
