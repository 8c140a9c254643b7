#!/usr/bin/env python3
"""wrk load test of lfkit-server against peers measured in the same run.

Scenarios (issues 3 and 4):
  flow_by_id   GET  /api/v1/flows/{id} with an x-api-key header
  flows_all    GET  /api/v1/flows/?get_all=true with 100 flows stored
  run_echo     POST /api/v1/run/{id} of the echo flow
Peers: nginx serving each scenario's exact response body from memory (the
ceiling) and, for run_echo, a minimal FastAPI+uvicorn app that validates the
same request with pydantic and answers the same body. Reports requests/s,
p99 latency and the ratio to each peer, then the server's RSS with 10,000
flows stored. Everything listens on 127.0.0.1 only.

With --gate BASELINE (bench/baselines/http_load.json) it is also a CI gate: every ratio
floor and bound there is checked and the exit code is 1 if one is missed; without the peers
installed it exits 77 (ctest's "skipped").

usage: http_load.py LFKIT_SERVER [--duration S] [--connections N] [--json OUT] [--gate FILE]
"""
import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ECHO_FLOW = os.path.join(HERE, "..", "..", "reference", "engine", "fixtures", "echo.json")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url, proc, seconds=20):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"process for {url} exited with {proc.returncode}")
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return
        except Exception:
            time.sleep(0.1)
    raise SystemExit(f"{url} did not come up in {seconds}s")


def call(base, method, path, body=None, headers=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method, headers=headers or {})
    if data is not None:
        req.add_header("content-type", "application/json")
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.status, r.read()


class Server:
    """lfkit-server on a free port with a throw-away config dir."""

    def __init__(self, binary):
        self.dir = tempfile.mkdtemp(prefix="lfkit-load-")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = open(os.path.join(self.dir, "server.log"), "w")
        self.proc = subprocess.Popen(
            [binary, "--host", "127.0.0.1", "--port", str(self.port), "--config-dir", self.dir],
            stdout=self.log, stderr=self.log)
        wait_until_up(self.base + "/health", self.proc)
        _, token = call(self.base, "GET", "/api/v1/auto_login")
        self.auth = {"authorization": "Bearer " + json.loads(token)["access_token"]}
        _, key = call(self.base, "POST", "/api/v1/api_key/", {"name": "load"}, self.auth)
        self.api_key = json.loads(key)["api_key"]

    def create_flows(self, count, first=0, batch=100):
        flow = json.load(open(ECHO_FLOW))
        ids = []
        for start in range(first, first + count, batch):
            flows = [{"name": f"load {i}", "data": flow["data"]}
                     for i in range(start, min(first + count, start + batch))]
            _, body = call(self.base, "POST", "/api/v1/flows/batch/", {"flows": flows}, self.auth)
            ids += [f["id"] for f in json.loads(body)]
        return ids

    def rss_mb(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            kb = int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))
        return kb / 1024

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=30)
        shutil.rmtree(self.dir, ignore_errors=True)


class Nginx:
    """nginx answering fixed bodies held in its open-file cache (page cache)."""

    def __init__(self, bodies):
        self.dir = tempfile.mkdtemp(prefix="lfkit-nginx-")
        self.port = free_port()
        os.makedirs(os.path.join(self.dir, "www"))
        for name, body in bodies.items():
            with open(os.path.join(self.dir, "www", name), "wb") as f:
                f.write(body)
        conf = os.path.join(self.dir, "nginx.conf")
        with open(conf, "w") as f:
            f.write(f"""
worker_processes 2;
pid {self.dir}/nginx.pid;
error_log {self.dir}/error.log;
daemon off;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  open_file_cache max=100;
  client_body_temp_path {self.dir};
  proxy_temp_path {self.dir};
  fastcgi_temp_path {self.dir};
  uwsgi_temp_path {self.dir};
  scgi_temp_path {self.dir};
  server {{
    listen 127.0.0.1:{self.port};
    default_type application/json;
    root {self.dir}/www;
    location / {{ error_page 405 =200 $uri; }}
  }}
}}
""")
        self.proc = subprocess.Popen([shutil.which("nginx") or "/usr/sbin/nginx", "-c", conf],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.base = f"http://127.0.0.1:{self.port}"
        wait_until_up(self.base + "/" + next(iter(bodies)), self.proc)

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)
        shutil.rmtree(self.dir, ignore_errors=True)


FASTAPI_APP = '''
import json, sys
from typing import Optional
from fastapi import FastAPI
from fastapi.responses import Response
from pydantic import BaseModel

BODY = open(sys.argv[1], "rb").read()

class SimplifiedAPIRequest(BaseModel):
    input_value: Optional[str] = None
    input_type: Optional[str] = "chat"
    output_type: Optional[str] = "chat"
    output_component: Optional[str] = ""
    tweaks: Optional[dict] = None
    session_id: Optional[str] = None

app = FastAPI()

# async, as Langflow's own route (simplified_run_flow) is: a plain def would be run on
# FastAPI's thread pool, a slower floor than the one under Langflow.
@app.post("/api/v1/run/{flow_id}")
async def run(flow_id: str, request: SimplifiedAPIRequest):
    return Response(BODY, media_type="application/json")

@app.get("/health")
async def health():
    return {"status": "ok"}

if __name__ == "__main__":
    import uvicorn
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="error")
'''


def peer_python():
    """Debian's python3-fastapi lives in the system interpreter, not in a pyenv one."""
    return "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable


def has_fastapi():
    return subprocess.run([peer_python(), "-c", "import fastapi, uvicorn"],
                          capture_output=True).returncode == 0


class FastApi:
    def __init__(self, body):
        self.dir = tempfile.mkdtemp(prefix="lfkit-fastapi-")
        self.port = free_port()
        app, body_file = os.path.join(self.dir, "app.py"), os.path.join(self.dir, "body.json")
        open(app, "w").write(FASTAPI_APP)
        open(body_file, "wb").write(body)
        self.proc = subprocess.Popen([peer_python(), app, body_file, str(self.port)])
        self.base = f"http://127.0.0.1:{self.port}"
        wait_until_up(self.base + "/health", self.proc)

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)
        shutil.rmtree(self.dir, ignore_errors=True)


def wrk(url, duration, connections, method="GET", body=None, headers=None):
    script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
    script.write(f"wrk.method = {json.dumps(method)}\n")
    if body is not None:
        script.write(f"wrk.body = {json.dumps(body)}\n")
    for k, v in (headers or {}).items():
        script.write(f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}\n")
    script.close()
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency",
                          "-s", script.name, url], capture_output=True, text=True, timeout=duration + 60)
    os.unlink(script.name)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out.stdout).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out.stdout)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out.stdout)
    if errors:
        raise SystemExit(f"wrk saw {errors.group(1)} error responses from {url}:\n{out.stdout}")
    return {"rps": rps, "p99_ms": float(p99.group(1)) * scale}


SKIPPED = 77  # ctest SKIP_RETURN_CODE


def check_ratio(results, floor):
    """lfkit's requests/s over the peer's, measured in the same run, is at least `min`."""
    row = results[floor["scenario"]]
    ratio = row["lfkit"]["rps"] / row[floor["peer"]]["rps"]
    return ratio >= floor["min"], f"{floor['scenario']} lfkit/{floor['peer']} = {ratio:.2f}x (min {floor['min']}x)"


def check_bound(results, bound):
    """A single reading (an RSS in MB) is at most `max`."""
    value = results[bound["result"]]
    return value <= bound["max"], f"{bound['result']} = {value} (max {bound['max']})"


def apply_gate(results, baseline_path):
    with open(baseline_path) as f:
        baseline = json.load(f)
    checks = [(check_ratio, c) for c in baseline.get("ratios", [])]
    checks += [(check_bound, c) for c in baseline.get("bounds", [])]
    failed = 0
    print()
    for check, spec in checks:
        ok, detail = check(results, spec)
        failed += not ok
        print(f"{'PASS' if ok else 'FAIL'} {spec['name']}: {detail}")
    return failed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("server")
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--json", help="also write the results here")
    parser.add_argument("--gate", help="check the floors and bounds of this baseline file")
    args = parser.parse_args()
    missing = [tool for tool in ("wrk", "nginx")
               if not shutil.which(tool) and not os.path.exists(f"/usr/sbin/{tool}")]
    if not has_fastapi():
        missing.append("python3-fastapi/python3-uvicorn")
    if missing:
        print(f"{', '.join(missing)} missing: run LFKIT_WITH_PEERS=1 bash ci/install-deps.sh")
        sys.exit(SKIPPED if args.gate else 2)

    server = Server(args.server)
    peers = []
    try:
        ids = server.create_flows(100)
        key = {"x-api-key": server.api_key}
        run_request = {"input_value": "hello", "input_type": "chat", "output_type": "chat"}
        scenarios = {
            "flow_by_id": ("GET", f"/api/v1/flows/{ids[0]}", None),
            "flows_all": ("GET", "/api/v1/flows/?get_all=true", None),
            "run_echo": ("POST", f"/api/v1/run/{ids[0]}", run_request),
        }
        bodies = {}
        for name, (method, path, body) in scenarios.items():
            status, bodies[name] = call(server.base, method, path, body, key)
            assert status == 200, f"{name}: status {status}"  # checked before it is timed
        nginx = Nginx(bodies)
        peers.append(nginx)
        fastapi = FastApi(bodies["run_echo"])
        peers.append(fastapi)

        results = {}
        for name, (method, path, body) in scenarios.items():
            payload = None if body is None else json.dumps(body)
            hdrs = dict(key, **({"content-type": "application/json"} if body else {}))
            row = {"lfkit": wrk(server.base + path, args.duration, args.connections, method,
                                payload, hdrs),
                   "nginx": wrk(f"{nginx.base}/{name}", args.duration, args.connections, method,
                                payload, hdrs)}
            if name == "run_echo":
                row["fastapi"] = wrk(fastapi.base + path, args.duration, args.connections, method,
                                     payload, hdrs)
            results[name] = row

        server.create_flows(9900, first=100)
        results["rss_mb_10000_flows"] = round(server.rss_mb(), 1)
        time.sleep(1.5)  # the allocator returns the creation burst's freed pages within ~1 s
        results["rss_mb_10000_flows_settled"] = round(server.rss_mb(), 1)
        call(server.base, "GET", "/api/v1/flows/?get_all=true", None, key)
        results["rss_mb_after_listing_10000"] = round(server.rss_mb(), 1)
        time.sleep(1)  # the response buffers are freed once the last write completes
        results["rss_mb_1s_after_listing_10000"] = round(server.rss_mb(), 1)
    finally:
        server.stop()
        for p in peers:
            p.stop()

    print(f"\n{'scenario':<12} {'peer':<8} {'req/s':>10} {'p99 ms':>8} {'lfkit/peer':>11}")
    for name, row in results.items():
        if not isinstance(row, dict):
            continue
        for peer, m in row.items():
            ratio = row["lfkit"]["rps"] / m["rps"]
            print(f"{name:<12} {peer:<8} {m['rps']:>10.0f} {m['p99_ms']:>8.2f} {ratio:>10.2f}x")
    print(f"\nlfkit-server RSS with 10,000 flows stored: {results['rss_mb_10000_flows']} MB "
          f"right after creating them, {results['rss_mb_10000_flows_settled']} MB 1.5 s later; "
          f"just after listing them all once: {results['rss_mb_after_listing_10000']} MB, "
          f"1 s later: {results['rss_mb_1s_after_listing_10000']} MB")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)
    if args.gate and apply_gate(results, args.gate):
        print(f"performance gate missed; to reproduce:\n  python3 {sys.argv[0]} {args.server} "
              f"--duration {args.duration} --connections {args.connections} --gate {args.gate}")
        sys.exit(1)


if __name__ == "__main__":
    main()
