"""Operating lfkit-server (issue 16): every --help flag acts, Langflow's own database is
refused, API docs, versions, logs with causes and without credentials, and the small
FastAPI/Starlette answers (405 Allow, 307 absolute Location, text/plain JSON -> 422).

python3 operations_checks.py LFKIT_SERVER FIXTURES

Each server starts on a fresh config dir and a free loopback port; every failure prints a
curl command reproducing the request.
"""
import gzip
import http.client
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time

SERVER, FIXTURES = sys.argv[1], sys.argv[2]
ENV_KEY = "sk-lfkit-env-key-0123456789abcdef"
FALLBACK_VAR = "LFKIT_FALLBACK_PROBE"
SERVER_KEY = "sk-lfkit-server-model-key-0123456789"
failures = 0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, *flags, env=None):
        self.config = tempfile.mkdtemp(prefix="lfkit-ops-")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = os.path.join(self.config, "server.log")
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen(
            [SERVER, "--host", "127.0.0.1", "--port", str(self.port), "--config-dir", self.config,
             *flags], env=dict(os.environ, **(env or {})), stdout=self.log, stderr=self.log)
        for _ in range(100):
            try:
                if self.call("GET", "/health")[0] == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise SystemExit(f"FAIL server {flags} did not start:\n{self.stderr()}")

    def call(self, method, path, body=None, headers=None, raw=None):
        h = dict(headers or {})
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
            h.setdefault("Content-Type", "application/json")
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.request(method, path, body=data, headers=h)
        resp = conn.getresponse()
        data = resp.read()
        if resp.getheader("content-encoding") == "gzip":
            data = gzip.decompress(data)
        text = data.decode(errors="replace")
        conn.close()
        self.last = (method, path, body, headers, raw)
        return resp.status, text, {k.lower(): v for k, v in resp.getheaders()}

    def superuser(self):
        _, token, _ = self.call("GET", "/api/v1/auto_login")
        return {"Authorization": "Bearer " + json.loads(token)["access_token"]}

    def stderr(self):
        time.sleep(0.25)  # access lines reach stderr in batches within 100 ms
        return open(self.log_path).read()

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=30)
        self.log.close()
        shutil.rmtree(self.config, ignore_errors=True)


def check(name, ok, detail, server=None):
    global failures
    if ok:
        print(f"ok   {name}")
        return
    failures += 1
    print(f"FAIL {name}: {str(detail)[:400]}")
    if server is not None and getattr(server, "last", None):
        method, path, body, headers, raw = server.last
        parts = [f"curl -s -i -X {method} '{server.base}{path}'"]
        parts += [f"-H '{k}: {v}'" for k, v in (headers or {}).items()]
        if body is not None:
            parts.append(f"-H 'Content-Type: application/json' -d '{json.dumps(body)}'")
        if raw is not None:
            parts.append(f"--data-binary '{raw.decode(errors='replace')}'")
        print("  reproduce: " + " ".join(parts))


def cli(*args, env=None):
    return subprocess.run([SERVER, *args], capture_output=True, text=True, timeout=30,
                          env=dict(os.environ, **(env or {})))


def fallback_flow():
    """The echo flow whose Chat Input reads its text from a global variable."""
    doc = json.load(open(os.path.join(FIXTURES, "echo.json")))
    for node in doc["data"]["nodes"]:
        if node["data"]["type"] == "ChatInput":
            field = node["data"]["node"]["template"]["input_value"]
            field["value"], field["load_from_db"] = FALLBACK_VAR, True
    return doc["data"]


def run_text(body):
    try:
        return json.loads(body)["outputs"][0]["outputs"][0]["results"]["message"]["text"]
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def command_line():
    help_text = cli("--help").stdout
    for flag in ("--dev", "--mcp-server-enabled", "--enable-superuser-cli"):
        check(f"--help has no {flag} (it changed nothing)",
              not re.search(re.escape(flag) + r"(\s|$)", help_text), help_text[:200])
    check("--help says --list-operations prints the unimplemented operations",
          "--list-operations\n      print the API operations that still answer 501" in help_text,
          help_text[-800:])
    version = cli("--version")
    check("--version prints lfkit's version and commit",
          version.returncode == 0 and re.fullmatch(
              r"lfkit-server lfkit \d+\.\d+\.\d+ \(commit ([0-9a-f]{7,}(-dirty)?|unknown)\)\n",
              version.stdout) is not None, version.stdout + version.stderr)
    listed = cli("--list-operations").stdout.splitlines()
    check("--list-operations prints the count then one line per operation",
          listed and re.match(r"\d+ of \d+ operations have no handler yet", listed[0])
          and len(listed) == int(listed[0].split()[0]) + 1, listed[:3])


def langflow_database():
    folder = tempfile.mkdtemp(prefix="lfkit-langflow-db-")
    path = os.path.join(folder, "langflow.db")
    db = sqlite3.connect(path)
    db.executescript("""
        CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY);
        INSERT INTO alembic_version VALUES ('3162e83e485f');
        CREATE TABLE user (id CHAR(32) PRIMARY KEY, username VARCHAR NOT NULL, password VARCHAR);
        CREATE TABLE flow (id CHAR(32) PRIMARY KEY, name VARCHAR NOT NULL, data JSON);
        CREATE TABLE folder (id CHAR(32) PRIMARY KEY, name VARCHAR NOT NULL);""")
    db.commit()
    db.close()
    before = open(path, "rb").read()
    result = cli("--config-dir", folder, "--port", "0",
                 env={"LANGFLOW_DATABASE_URL": f"sqlite:///{path}"})
    check("a Langflow database is refused at startup with a clear message",
          result.returncode == 1 and "is a Langflow database" in result.stderr
          and "LANGFLOW_DATABASE_URL" in result.stderr, result.stderr)
    check("the refused Langflow database is left untouched", open(path, "rb").read() == before,
          "file changed")
    shutil.rmtree(folder, ignore_errors=True)


PRELOADED_ID = "5d1e3f0a-7b2c-4d8e-9f60-a1b2c3d4e5f6"


def default_server():
    flows_dir = tempfile.mkdtemp(prefix="lfkit-ops-flows-")
    with open(os.path.join(flows_dir, PRELOADED_ID + ".json"), "w") as f:
        doc = json.load(open(os.path.join(FIXTURES, "echo.json")))
        json.dump(dict(doc, name="preloaded echo"), f)
    with open(os.path.join(flows_dir, "broken.json"), "w") as f:
        f.write("{not json")
    s = Server(env={FALLBACK_VAR: "hello from the environment",
                    "LANGFLOW_LOAD_FLOWS_PATH": flows_dir})
    try:
        su = s.superuser()
        startup = s.stderr()
        check("startup names lfkit's version and commit",
              re.search(r"lfkit \d+\.\d+\.\d+ \(commit .+\) listening on", startup), startup)
        check("startup prints one line with the count of unimplemented operations",
              re.search(r"\d+ of \d+ operations answer 501 .*--list-operations", startup)
              and "no handler yet:" not in startup, startup)
        check("startup says the stand-in answers models", "deterministic stand-in" in startup,
              startup)

        status, body, _ = s.call("GET", f"/api/v1/flows/{PRELOADED_ID}", headers=su)
        check("LANGFLOW_LOAD_FLOWS_PATH stores <uuid>.json under that id for the superuser",
              status == 200 and json.loads(body).get("name") == "preloaded echo",
              f"{status} {body[:200]}", s)
        check("a file that is not a flow is reported at startup, not fatal",
              "broken.json: skipped" in startup, startup)
        status, body, _ = s.call("GET", "/api/v1/flows/basic_examples/")
        check("starter examples are created by default", status == 200 and json.loads(body),
              f"{status} {body[:200]}", s)
        status, body, _ = s.call("POST", "/api/v1/users/", {"username": "ann", "password": "pw-1"})
        check("sign-up is open by default", status == 201, f"{status} {body}", s)

        status, body, _ = s.call("GET", "/openapi.json")
        doc = json.loads(body) if status == 200 else {}
        check("/openapi.json serves the spec the server was built from",
              doc.get("openapi", "").startswith("3.1") and "/api/v1/flows/" in doc.get("paths", {}),
              f"{status} {body[:200]}", s)
        for page in ("/docs", "/redoc"):
            status, body, headers = s.call("GET", page)
            check(f"{page} is an offline HTML page listing the operations",
                  status == 200 and headers.get("content-type", "").startswith("text/html")
                  and "create_flow" in body and "/api/v1/flows/" in body
                  and "<script" not in body and not re.search(r"(src|href)=\"https?:", body),
                  f"{status} {body[:200]}", s)
        status, body, _ = s.call("GET", "/lfkit/version")
        check("/lfkit/version names lfkit's version and commit",
              status == 200 and set(json.loads(body)) == {"lfkit_version", "commit"}, body, s)

        status, body, headers = s.call("PUT", "/health")
        check("405 carries Starlette's Allow header",
              status == 405 and headers.get("allow") == "GET", f"{status} {headers}", s)
        status, body, headers = s.call("GET", "/api/v1/flows?x=1", headers=su)
        check("the 307 slash redirect's Location is absolute, as Starlette's",
              status == 307 and headers.get("location") == f"{s.base}/api/v1/flows/?x=1",
              f"{status} {headers}", s)
        status, body, _ = s.call("POST", "/api/v1/flows/", headers=dict(su, **{
            "Content-Type": "text/plain"}), raw=b'{"name": "as text"}')
        detail = json.loads(body).get("detail") if status == 422 else None
        check("a JSON body sent as text/plain is a 422 as FastAPI answers it",
              detail == [{"type": "model_attributes_type", "loc": ["body"],
                          "msg": "Input should be a valid dictionary or object to extract "
                                 "fields from", "input": '{"name": "as text"}'}],
              f"{status} {body}", s)
        status, body, _ = s.call("POST", "/api/v1/login", headers={
            "Content-Type": "application/x-www-form-urlencoded"}, raw=b"")
        locs = [e["loc"] for e in json.loads(body)["detail"]] if status == 422 else []
        check("login's 422 lists username before password, as FastAPI",
              locs == [["body", "username"], ["body", "password"]], f"{status} {body}", s)
        status, body, _ = s.call("GET", "/api/v1/flows/not-a-uuid", headers=su)
        reason = ("invalid character: expected an optional prefix of `urn:uuid:` followed by "
                  "[0-9a-fA-F-], found `n` at 1")
        check("uuid_parsing carries pydantic's whole message and ctx",
              status == 422 and json.loads(body)["detail"][0]["msg"] ==
              "Input should be a valid UUID, " + reason
              and json.loads(body)["detail"][0].get("ctx") == {"error": reason},
              f"{status} {body}", s)
        status, body, _ = s.call("POST", "/api/v1/flows/", headers=dict(su, **{
            "Content-Type": "application/vnd.api+json; charset=utf-8"}), raw=b'{"name": "plus"}')
        check("application/*+json is read as JSON", status == 201, f"{status} {body}", s)

        _, flow, _ = s.call("POST", "/api/v1/flows/", {"name": "fallback", "data": fallback_flow()},
                            su)
        flow_id = json.loads(flow)["id"]
        _, key, _ = s.call("POST", "/api/v1/api_key/", {"name": "ops"}, su)
        key = json.loads(key)["api_key"]
        status, body, _ = s.call("POST", f"/api/v1/run/{flow_id}", {}, {"x-api-key": key})
        check("a load_from_db field falls back to the environment variable of that name",
              status == 200 and run_text(body) == "hello from the environment",
              f"{status} {body[:300]}", s)
        status, body, _ = s.call("POST", f"/api/v1/run/session/{flow_id}", {}, su)
        check("/run/session answers with the agentic experience on (the default)",
              status == 200, f"{status} {body[:200]}", s)

        s.call("GET", f"/api/v1/users/whoami?x-api-key={key}")
        log = s.stderr()
        check("the access log redacts ?x-api-key=", key not in log
              and "/api/v1/users/whoami?x-api-key=***" in log, log[-600:])
        check("the access log is on at INFO", '"target":"/health"' in log, log[-300:])
    finally:
        s.stop()
        shutil.rmtree(flows_dir, ignore_errors=True)


def switched_off_server():
    global DEAD_PORT
    DEAD_PORT = free_port()  # nothing listens there
    folder = tempfile.mkdtemp(prefix="lfkit-ops-env-")
    env_file, log_file = os.path.join(folder, "lfkit.env"), os.path.join(folder, "lfkit.log")
    with open(env_file, "w") as f:
        f.write(f"# sign-up off and a log file, through --env-file\nLANGFLOW_ENABLE_SIGNUP=false\n"
                f"export LANGFLOW_LOG_FILE='{log_file}'\n")
    s = Server("--env-file", env_file, "--no-create-starter-projects", "--no-fallback-to-env-var",
               "--no-agentic-experience", "--log-level", "WARNING",
               env={FALLBACK_VAR: "hello from the environment",
                    "OPENAI_API_BASE": f"http://127.0.0.1:{DEAD_PORT}/v1",
                    "OPENAI_API_KEY": SERVER_KEY})
    try:
        su = s.superuser()
        status, body, _ = s.call("POST", "/api/v1/users/", {"username": "eve", "password": "pw-1"})
        check("--no-enable-signup refuses an anonymous sign-up as upstream",
              status == 403 and json.loads(body) == {"detail": "Public user registration is disabled."},
              f"{status} {body}", s)
        status, body, _ = s.call("POST", "/api/v1/users/", {"username": "eve", "password": "pw-1"},
                                 su)
        check("--no-enable-signup still lets a superuser add users", status == 201,
              f"{status} {body}", s)
        status, body, _ = s.call("GET", "/api/v1/flows/basic_examples/")
        check("--no-create-starter-projects creates no examples", status == 200 and body == "[]",
              f"{status} {body[:200]}", s)

        _, flow, _ = s.call("POST", "/api/v1/flows/", {"name": "fallback", "data": fallback_flow()},
                            su)
        flow_id = json.loads(flow)["id"]
        _, key, _ = s.call("POST", "/api/v1/api_key/", {"name": "ops"}, su)
        key = {"x-api-key": json.loads(key)["api_key"]}
        status, body, headers = s.call("POST", f"/api/v1/run/{flow_id}", {}, key)
        check("--no-fallback-to-env-var: a missing global variable fails the run",
              status != 200 and f"{FALLBACK_VAR} variable not found." in body,
              f"{status} {body[:300]}", s)
        # A model endpoint that refuses connections: /run answers 500 naming the cause.
        doc = json.load(open(os.path.join(FIXTURES, "prompt.json")))
        _, flow, _ = s.call("POST", "/api/v1/flows/", {"name": "model", "data": doc["data"]}, su)
        status, body, headers = s.call("POST", f"/api/v1/run/{json.loads(flow)['id']}",
                                       {"input_value": "hi"}, key)
        request_id = headers.get("x-request-id", "")
        check("a failing model run answers 500 with an X-Request-ID",
              status == 500 and re.fullmatch(r"[0-9a-f-]{36}", request_id),
              f"{status} {headers} {body[:300]}", s)
        status, body, _ = s.call("POST", f"/api/v1/run/session/{flow_id}", {}, su)
        check("--no-agentic-experience: /run/session answers 404 as upstream",
              status == 404 and json.loads(body) == {"detail": "This endpoint is not available"},
              f"{status} {body}", s)

        log = s.stderr()
        errors = [json.loads(line) for line in log.splitlines() if line.startswith('{"error"')]
        check("a 500 logs its operation, cause and request id at error level",
              any(e["level"] == "ERROR" and e["operation"] == "simplified_run_flow"
                  and "127.0.0.1:" + str(DEAD_PORT) in e["error"] and e["request_id"] == request_id
                  and request_id for e in errors), log[-800:])
        check("no secret reaches the logs", SERVER_KEY not in log and key["x-api-key"] not in log,
              log[-800:])
        check("--log-level WARNING turns the INFO access log and start-up lines off",
              '"target":' not in log.replace('"target":"/api/v1/run/', "")
              and "listening on" not in log, log[-600:])
        written = open(log_file).read() if os.path.exists(log_file) else ""
        check("LANGFLOW_LOG_FILE (from --env-file) gets the error lines",
              request_id and request_id in written and '"level":"ERROR"' in written, written[-400:])
    finally:
        s.stop()
        shutil.rmtree(folder, ignore_errors=True)


def api_key_from_env():
    s = Server("--api-key-source", "env", "--no-auto-login", "--superuser", "admin",
               "--superuser-password", "admin-pw", env={"LANGFLOW_API_KEY": ENV_KEY})
    try:
        status, body, _ = s.call("GET", "/api/v1/users/whoami", headers={"x-api-key": ENV_KEY})
        check("--api-key-source env accepts LANGFLOW_API_KEY as the superuser",
              status == 200 and json.loads(body).get("username") == "admin", f"{status} {body}", s)
        status, body, _ = s.call("GET", "/api/v1/users/whoami",
                                 headers={"x-api-key": ENV_KEY[:-1] + "x"})
        check("--api-key-source env refuses another key",
              status == 403 and "Invalid or missing API key" in body, f"{status} {body}", s)
    finally:
        s.stop()
    s = Server("--no-auto-login", "--superuser", "admin", "--superuser-password", "admin-pw",
               env={"LANGFLOW_API_KEY": ENV_KEY})
    try:
        status, body, _ = s.call("GET", "/api/v1/users/whoami", headers={"x-api-key": ENV_KEY})
        check("with the default source (db) LANGFLOW_API_KEY is not a key", status == 403,
              f"{status} {body}", s)
    finally:
        s.stop()


def main():
    command_line()
    langflow_database()
    default_server()
    switched_off_server()
    api_key_from_env()
    print(f"failures: {failures}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
