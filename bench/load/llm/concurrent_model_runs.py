#!/usr/bin/env python3
"""N concurrent runs of a flow whose model takes seconds: does lfkit wait on many at once?

Starts fake_model.py (a loopback OpenAI-compatible endpoint: 20 tokens 100 ms apart, 2 s per
call) and LFKIT_SERVER with OPENAI_API_BASE pointing at it, stores the Basic Prompting flow
(reference/engine/fixtures/prompt.json: Chat Input -> Prompt -> OpenAI model -> Chat Output),
then for each N in --runs sends N concurrent `POST /api/v1/run/{id}` (and, with --stream or
by default both, `?stream=true`), each with its own marker "run-<i>" in the input.

Reports per N and mode: wall time from the first request to the last answer, the implied
concurrency (N x call time / wall time; goal >= 0.9 N: the model is the only limit), the
server's peak threads and RSS, and for streams lfkit's added time to first token: the client's
first token minus the moment the fake model wrote that call's first token (both
CLOCK_MONOTONIC on this machine), p50/p99 (goal p99 < 50 ms).

Checks every answer (a failure makes the exit code 1): HTTP 200; the run's text is exactly the
model's 20 tokens for that marker; with streaming, the token events' chunks are exactly those
tokens, each once, in order (lost, duplicated, reordered and foreign tokens are told apart) and
the stream ends with `end`. Goals are reported as GOAL/MISS lines; --gate makes a MISS fail.

With --barrier (one N, one mode) the fake model holds every call until N are in flight
together, so the run passes only if the server keeps N model calls waiting at once: ctest's
execution.server_concurrent_model_runs runs it so (N = 64), which a server whose model calls
each hold one of a few pool threads cannot pass.

usage: concurrent_model_runs.py LFKIT_SERVER [--runs 16,256,1000] [--mode both|plain|stream]
                                [--tokens 20] [--interval 0.1] [--json OUT] [--gate]
                                [--barrier]
"""
import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
sys.path.insert(0, os.path.join(HERE, "..", "streams"))
from concurrent_streams import RssSampler, Server, call, free_port, raise_fd_limit  # noqa: E402

FLOW_FILE = os.path.join(ROOT, "reference", "engine", "fixtures", "prompt.json")


class FakeModel:
    def __init__(self, tokens, interval, barrier=0, patience=10.0):
        self.port = free_port()
        self.proc = subprocess.Popen(
            [sys.executable, os.path.join(HERE, "fake_model.py"), "--port", str(self.port),
             "--tokens", str(tokens), "--interval", str(interval), "--barrier", str(barrier),
             "--patience", str(patience)],
            stdout=subprocess.PIPE, text=True)
        if self.proc.stdout.readline().strip() != "ready":
            raise SystemExit("fake_model.py did not start")
        self.base = f"http://127.0.0.1:{self.port}"

    def stats(self):
        _, body = call(self.base, "GET", "/stats")
        return json.loads(body)

    def stop(self):
        self.proc.terminate()
        self.proc.wait()


def expected_pieces(marker, tokens):
    return [f"{marker}:{k:02d} " for k in range(tokens)]


def classify(got, want):
    """What is wrong with a token sequence, or None."""
    if got == want:
        return None
    if len(set(got)) < len(got):
        return "duplicated token"
    if any(g not in want for g in got):
        return "foreign token (another run's or corrupted)"
    if len(got) < len(want):
        return f"lost tokens ({len(want) - len(got)} missing)"
    return "reordered tokens"


def decode_chunked(body):
    out, i = bytearray(), 0
    while True:
        j = body.index(b"\r\n", i)
        size = int(body[i:j].split(b";")[0], 16)
        if size == 0:
            return bytes(out)
        out += body[j + 2:j + 2 + size]
        i = j + 2 + size + 2


async def one_run(port, flow_id, api_key, marker, stream, timeout):
    """(status, body bytes, client monotonic time of the first token event or None)."""
    body = json.dumps({"input_value": f"run-{marker}", "input_type": "chat",
                       "output_type": "chat"}).encode()
    query = "?stream=true" if stream else ""
    request = (f"POST /api/v1/run/{flow_id}{query} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
               f"x-api-key: {api_key}\r\nContent-Type: application/json\r\n"
               f"Connection: close\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body
    reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), timeout)
    first_token = None
    raw = bytearray()
    try:
        writer.write(request)
        await writer.drain()
        deadline = time.monotonic() + timeout
        while True:
            data = await asyncio.wait_for(reader.read(65536), max(0.1, deadline - time.monotonic()))
            if not data:
                break
            # Only a cheap search while the stream runs; it is parsed once it has ended.
            if first_token is None and stream and b'"token"' in data:
                first_token = time.monotonic()
            raw += data
    finally:
        writer.close()
    head, _, rest = bytes(raw).partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1]) if lines and lines[0] else 0
    chunked = any(line.lower().startswith("transfer-encoding:") and "chunked" in line.lower()
                  for line in lines[1:])
    return status, decode_chunked(rest) if chunked else rest, first_token


def check(marker, stream, status, body, tokens):
    """The failures of one answer (empty when it is right)."""
    want = expected_pieces(marker, tokens)
    if status != 200:
        return [f"HTTP {status}: {body[:200]!r}"]
    if not stream:
        result = json.loads(body)
        text = result["outputs"][0]["outputs"][0]["results"]["message"]["text"]
        return [] if text == "".join(want) else [f"text {text[:80]!r}"]
    events = [json.loads(block) for block in body.decode().split("\n\n") if block.strip()]
    names = [e.get("event") for e in events]
    failures = []
    if "error" in names:
        failures.append(f"error event: {events[names.index('error')]['data']}")
    if not names or names[-1] != "end" or names.count("end") != 1:
        failures.append("the stream does not end with exactly one end event")
    got = [e["data"]["chunk"] for e in events if e.get("event") == "token"]
    problem = classify(got, want)
    if problem:
        failures.append(problem)
    return failures


def percentile(values, p):
    values = sorted(values)
    if not values:
        return float("nan")
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


async def measure(server, flow_id, n, stream, tokens, first_marker, timeout):
    markers = [str(first_marker + i) for i in range(n)]
    start = time.monotonic()
    answers = await asyncio.gather(
        *(one_run(server.port, flow_id, server.api_key, m, stream, timeout) for m in markers),
        return_exceptions=True)
    wall = time.monotonic() - start
    failures, first_tokens = {}, {}
    for m, answer in zip(markers, answers):
        if isinstance(answer, Exception):
            failures[m] = [f"{type(answer).__name__}: {answer}"]
            continue
        status, body, first = answer
        problems = check(m, stream, status, body, tokens)
        if problems:
            failures[m] = problems
        if first is not None:
            first_tokens[m] = first
    return wall, failures, first_tokens


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("server")
    parser.add_argument("--runs", default="16,256,1000")
    parser.add_argument("--mode", choices=["both", "plain", "stream"], default="both")
    parser.add_argument("--tokens", type=int, default=20)
    parser.add_argument("--interval", type=float, default=0.1)
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--json")
    parser.add_argument("--gate", action="store_true", help="a missed goal fails the run")
    parser.add_argument("--barrier", action="store_true",
                        help="the fake model answers no call until N are waiting together (a "
                             "timing-free check that N runs wait on the model at once; one N "
                             "and one mode only)")
    args = parser.parse_args()
    sizes = [int(x) for x in args.runs.split(",")]
    raise_fd_limit(4 * max(sizes) + 256)
    call_seconds = args.tokens * args.interval

    if args.barrier and (len(sizes) != 1 or args.mode == "both"):
        raise SystemExit("--barrier needs one --runs value and --mode plain or stream")
    model = FakeModel(args.tokens, args.interval, sizes[0] if args.barrier else 0)
    os.environ["OPENAI_API_BASE"] = model.base + "/v1"
    os.environ.setdefault("OPENAI_API_KEY", "sk-bench")
    server = Server(args.server)
    results, failed, missed = [], 0, 0
    try:
        flow = json.load(open(FLOW_FILE, encoding="utf-8"))
        _, created = call(server.base, "POST", "/api/v1/flows/",
                          {"name": "llm-bench", "data": flow["data"]},
                          {"x-api-key": server.api_key})
        flow_id = json.loads(created)["id"]
        modes = {"both": [False, True], "plain": [False], "stream": [True]}[args.mode]
        next_marker = 0
        for n in sizes:
            for stream in modes:
                sampler = RssSampler(server)
                sampler.start()
                wall, failures, client_first = asyncio.run(
                    measure(server, flow_id, n, stream, args.tokens, next_marker, args.timeout))
                sampler.stop()
                model_first = model.stats()["first_token"]
                added = [(client_first[m] - model_first[m]) * 1000 for m in client_first
                         if m in model_first]
                next_marker += n
                row = {
                    "runs": n, "stream": stream, "wall_s": round(wall, 3),
                    "implied_concurrency": round(n * call_seconds / wall, 1),
                    "failed_runs": len(failures),
                    "peak_threads": max((s[2] for s in sampler.samples), default=0),
                    "peak_rss_mib": round(max((s[1] for s in sampler.samples), default=0) / 1024,
                                          1),
                }
                if stream:
                    row["added_ttft_ms_p50"] = round(percentile(added, 50), 1)
                    row["added_ttft_ms_p99"] = round(percentile(added, 99), 1)
                results.append(row)
                print(json.dumps(row), flush=True)
                for m, problems in list(failures.items())[:5]:
                    print(f"  run-{m}: {'; '.join(problems)}")
                failed += len(failures)
                goal = row["implied_concurrency"] >= 0.9 * n
                print(f"  {'GOAL' if goal else 'MISS'} implied concurrency "
                      f"{row['implied_concurrency']} (goal >= {0.9 * n:g})")
                missed += not goal
                if stream:
                    goal = row["added_ttft_ms_p99"] < 50
                    print(f"  {'GOAL' if goal else 'MISS'} added time to first token p99 "
                          f"{row['added_ttft_ms_p99']} ms (goal < 50 ms)")
                    missed += not goal
    finally:
        server.stop()
        model.stop()
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)
    if failed or (args.gate and missed):
        print(f"{failed} runs failed their checks, {missed} goals missed")
        sys.exit(1)


if __name__ == "__main__":
    main()
