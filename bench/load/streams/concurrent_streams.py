#!/usr/bin/env python3
"""N concurrent streaming runs against lfkit-server: no lost or reordered events (issue 4).

Starts LFKIT_SERVER on a free 127.0.0.1 port with a throw-away --config-dir, stores
stream_tokens_flow.json (Chat Input -> Language Model with stream=true -> Chat Output),
then opens N concurrent `POST /api/v1/run/{flow_id}?stream=true` requests at once, each
with a distinct input, and reads every stream to its end over raw asyncio sockets.

Token count. The server's deterministic language-model stand-in (EchoLanguageModel,
reference/engine/in_memory_services.cpp) answers "Echo: <input>" and streams it split
before each space, so an input of T-1 single-spaced words streams exactly T tokens:
"Echo:", " w1", ..., " w<T-1>". Stream i sends the words "s<i>w1 ... s<i>w<T-1>", so
its whole token sequence is known in advance.

Checks for every stream (a stream passes only if all hold):
  - HTTP 200 with a chunked text/event-stream body that ends with the terminating chunk
    and then EOF (the server sends Connection: close);
  - every event block parses (lfkit frames each as `{"event": NAME, "data": {...}}\\n\\n`,
    as upstream's /run stream does; `event: NAME\\ndata: JSON\\n\\n` is accepted too);
  - only add_message, token and end events; no error event;
  - every token names (data.id) a message announced by an earlier add_message;
  - exactly T token events whose chunks equal the expected sequence in order (the first
    mismatch is classified as lost, duplicated, reordered or corrupted) and concatenate
    to "Echo: <input>";
  - the user message is announced with the input as text;
  - exactly one end event, it is the last event, and its result carries the final
    message text "Echo: <input>" for the streamed message id.
After the run the script also checks the server stored 2N messages for the flow with the
expected texts (GET /api/v1/monitor/messages), that /health still answers, and that
the server process is still alive.

Measures: wall time from the first request to the last stream end, total events and
events/s (all events of all streams / wall time), p50/p99 of time to headers, time to
first token and stream duration (each from that stream's connect), server RSS sampled
from /proc/PID/status every 100 ms (peak, VmHWM, after the run, after 2 s idle), server
and client CPU seconds (the client is one Python process and can be the bottleneck:
compare its CPU time with the wall time).

File descriptors: the script raises its own RLIMIT_NOFILE soft limit to the hard limit
(at least 2N + 256 is needed) before starting the server, which inherits it.

usage: concurrent_streams.py LFKIT_SERVER [--streams N] [--tokens T] [--rounds R]
                             [--timeout S] [--read-timeout S] [--json OUT] [--keep]
                             [--self-test]
Exit code 0 only if every stream and every post-run check passed.
"""
import argparse
import asyncio
import json
import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
FLOW_FILE = os.path.join(HERE, "stream_tokens_flow.json")
EXPECTED_EVENTS = {"add_message", "token", "end"}


# ----------------------------------------------------------------------------- server

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(base, method, path, body=None, headers=None, timeout=30):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method, headers=headers or {})
    if data is not None:
        req.add_header("content-type", "application/json")
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return r.status, r.read()


def raise_fd_limit(needed):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard != resource.RLIM_INFINITY else max(soft, needed, 65536)
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    if soft < needed:
        raise SystemExit(f"RLIMIT_NOFILE hard limit {hard} is below the {needed} descriptors "
                         f"needed; raise it (ulimit -Hn) or use fewer --streams")
    return soft


class Server:
    """lfkit-server on a free port with a throw-away config dir (as bench/load/http_load.py)."""

    def __init__(self, binary):
        self.dir = tempfile.mkdtemp(prefix="lfkit-streams-")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = os.path.join(self.dir, "server.log")
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen(
            [binary, "--host", "127.0.0.1", "--port", str(self.port), "--config-dir", self.dir],
            stdout=self.log, stderr=self.log)
        self._wait_until_up()
        _, token = call(self.base, "GET", "/api/v1/auto_login")
        self.auth = {"authorization": "Bearer " + json.loads(token)["access_token"]}
        _, key = call(self.base, "POST", "/api/v1/api_key/", {"name": "streams"}, self.auth)
        self.api_key = json.loads(key)["api_key"]

    def _wait_until_up(self, seconds=20):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"lfkit-server exited with {self.proc.returncode}; "
                                 f"log: {self.log_path}")
            try:
                urllib.request.urlopen(self.base + "/health", timeout=1).read()
                return
            except Exception:
                time.sleep(0.1)
        raise SystemExit(f"lfkit-server did not come up in {seconds}s; log: {self.log_path}")

    def create_flow(self):
        flow = json.load(open(FLOW_FILE, encoding="utf-8"))
        body = {"name": flow["name"], "description": flow["description"], "data": flow["data"]}
        _, created = call(self.base, "POST", "/api/v1/flows/", body, {"x-api-key": self.api_key})
        return json.loads(created)["id"]

    def proc_status(self):
        """VmRSS, VmHWM (KiB) and Threads from /proc/PID/status; None once gone."""
        try:
            with open(f"/proc/{self.proc.pid}/status") as f:
                text = f.read()
        except OSError:
            return None
        out = {}
        for key in ("VmRSS", "VmHWM", "Threads"):
            m = re.search(rf"^{key}:\s+(\d+)", text, re.M)
            out[key] = int(m.group(1)) if m else 0
        return out

    def cpu_seconds(self):
        try:
            with open(f"/proc/{self.proc.pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except OSError:
            return None

    def open_fds(self):
        try:
            return len(os.listdir(f"/proc/{self.proc.pid}/fd"))
        except OSError:
            return None

    def stop(self, keep=False):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        if not keep:
            shutil.rmtree(self.dir, ignore_errors=True)


class RssSampler(threading.Thread):
    """Samples the server's VmRSS every `interval` seconds on its own thread, so a busy
    event loop in the client does not skew the cadence."""

    def __init__(self, server, interval=0.1):
        super().__init__(daemon=True)
        self.server, self.interval = server, interval
        self.samples = []  # (seconds since start, VmRSS KiB, Threads)
        self.stop_event = threading.Event()
        self.t0 = time.monotonic()

    def run(self):
        while not self.stop_event.is_set():
            st = self.server.proc_status()
            if st is None:
                break
            self.samples.append((time.monotonic() - self.t0, st["VmRSS"], st["Threads"]))
            self.stop_event.wait(self.interval)

    def stop(self):
        self.stop_event.set()
        self.join()


# ----------------------------------------------------------------------------- streams

def stream_input(index, tokens):
    return " ".join(f"s{index}w{j}" for j in range(1, tokens))


def expected_tokens(input_value):
    """EchoLanguageModel::complete: "Echo: " + input split before each space (a chunk
    runs from its start to the next space after its first character)."""
    text = "Echo: " + input_value
    chunks, begin = [], 0
    while begin < len(text):
        end = text.find(" ", begin + 1)
        if end < 0:
            end = len(text)
        chunks.append(text[begin:end])
        begin = end
    return chunks


class StreamFailure(Exception):
    pass


class Stream:
    def __init__(self, index, tokens):
        self.index = index
        self.input = stream_input(index, tokens)
        self.expected = expected_tokens(self.input)
        self.status = None
        self.events = []  # (name, data, seconds since connect start)
        self.failures = []
        self.framings = set()
        self.t_start = self.t_headers = self.t_first_token = self.t_end = None
        self.clean_end = False  # the terminating chunk arrived

    def fail(self, what):
        self.failures.append(what)


async def read_some(reader, read_timeout, deadline):
    timeout = min(read_timeout, deadline - time.monotonic())
    if timeout <= 0:
        raise StreamFailure("overall timeout")
    try:
        return await asyncio.wait_for(reader.read(65536), timeout)
    except asyncio.TimeoutError:
        if timeout < read_timeout:
            raise StreamFailure("overall timeout")
        raise StreamFailure(f"no bytes for {read_timeout:g}s (per-read timeout)")


def parse_block(block, stream):
    """One event block (between blank lines) -> (name, data)."""
    text = block.decode("utf-8")
    if text.lstrip().startswith("{"):
        stream.framings.add("json")
        obj = json.loads(text)
        return obj.get("event"), obj.get("data")
    stream.framings.add("sse")
    name, data_lines = None, []
    for line in text.split("\n"):
        if line.startswith("event:"):
            name = line[6:].strip()
        elif line.startswith("data:"):
            data_lines.append(line[5:].lstrip(" "))
    return name, json.loads("\n".join(data_lines)) if data_lines else None


async def run_stream(stream, port, flow_id, api_key, read_timeout, deadline, start_gate):
    await start_gate.wait()
    body = json.dumps({"input_value": stream.input, "input_type": "chat",
                       "output_type": "chat"}).encode()
    request = (f"POST /api/v1/run/{flow_id}?stream=true HTTP/1.1\r\n"
               f"Host: 127.0.0.1:{port}\r\n"
               f"x-api-key: {api_key}\r\n"
               f"Content-Type: application/json\r\n"
               f"Accept: text/event-stream\r\n"
               f"Content-Length: {len(body)}\r\n\r\n").encode() + body
    stream.t_start = time.monotonic()
    writer = None
    try:
        try:
            reader, writer = await asyncio.wait_for(
                asyncio.open_connection("127.0.0.1", port),
                min(read_timeout, deadline - time.monotonic()))
        except (OSError, asyncio.TimeoutError) as e:
            raise StreamFailure(f"connect failed: {e!r}")
        writer.write(request)
        await writer.drain()
        await read_response(stream, reader, read_timeout, deadline)
    except StreamFailure as e:
        stream.fail(str(e))
    except (OSError, ValueError, UnicodeDecodeError) as e:
        stream.fail(f"{type(e).__name__}: {e}")
    finally:
        stream.t_end = time.monotonic()
        if writer is not None:
            writer.close()
    verify(stream)


async def read_response(stream, reader, read_timeout, deadline):
    buf = bytearray()
    while b"\r\n\r\n" not in buf:
        data = await read_some(reader, read_timeout, deadline)
        if not data:
            raise StreamFailure(f"connection closed before the response head ({bytes(buf)[:200]!r})")
        buf += data
    head, _, rest = bytes(buf).partition(b"\r\n\r\n")
    stream.t_headers = time.monotonic()
    lines = head.decode("latin-1").split("\r\n")
    stream.status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        k, _, v = line.partition(":")
        headers[k.strip().lower()] = v.strip()
    if stream.status != 200 or "chunked" not in headers.get("transfer-encoding", ""):
        # An error answer: read what there is (Content-Length or until close) and report it.
        body = bytearray(rest)
        length = int(headers.get("content-length", "-1"))
        while length < 0 or len(body) < length:
            try:
                data = await read_some(reader, min(read_timeout, 5), deadline)
            except StreamFailure:
                break
            if not data:
                break
            body += data
        raise StreamFailure(f"HTTP {stream.status} {headers.get('content-type', '')}: "
                            f"{bytes(body)[:300].decode('utf-8', 'replace')}")
    if not headers.get("content-type", "").startswith("text/event-stream"):
        stream.fail(f"content-type {headers.get('content-type')!r}")

    raw = bytearray(rest)   # undecoded chunked body
    body = bytearray()      # decoded bytes not yet split into event blocks
    finished = False
    while not finished:
        # Decode every complete chunk in `raw`.
        while True:
            line_end = raw.find(b"\r\n")
            if line_end < 0:
                break
            size = int(bytes(raw[:line_end]).split(b";")[0], 16)
            if size == 0:
                if raw.find(b"\r\n\r\n", line_end) != line_end:  # no trailers expected
                    break
                del raw[:line_end + 4]
                finished = True
                break
            if len(raw) < line_end + 2 + size + 2:
                break
            chunk = raw[line_end + 2:line_end + 2 + size]
            if raw[line_end + 2 + size:line_end + 4 + size] != b"\r\n":
                raise StreamFailure("malformed chunked encoding")
            body += chunk
            del raw[:line_end + 4 + size]
        now = time.monotonic()
        while True:
            sep = body.find(b"\n\n")
            if sep < 0:
                break
            block = bytes(body[:sep])
            del body[:sep + 2]
            if not block.strip():
                continue
            name, data = parse_block(block, stream)
            stream.events.append((name, data, now))
            if name == "token" and stream.t_first_token is None:
                stream.t_first_token = now
        if finished:
            break
        data = await read_some(reader, read_timeout, deadline)
        if not data:
            raise StreamFailure("connection closed before the terminating chunk "
                                f"(after {len(stream.events)} events)")
        raw += data
    stream.clean_end = True
    if body.strip():
        stream.fail(f"unterminated event block at the end: {bytes(body)[:200]!r}")
    if raw:
        stream.fail(f"{len(raw)} bytes after the terminating chunk")
    # Connection: close: the server closes after the last chunk.
    while True:
        data = await read_some(reader, read_timeout, deadline)
        if not data:
            break
        stream.fail(f"{len(data)} bytes after the terminating chunk")


def final_text(end_data, message_id):
    """The streamed message's text from the end event's RunResponse."""
    try:
        for run_output in end_data["result"]["outputs"]:
            for result in run_output["outputs"]:
                for output in (result.get("outputs") or {}).values():
                    msg = output.get("message") if isinstance(output, dict) else None
                    if isinstance(msg, dict) and msg.get("id") == message_id:
                        return msg.get("text")
    except (KeyError, TypeError):
        return None
    return None


def classify_mismatch(got, expected, at):
    """Why got[at] != expected[at]: lost, duplicated, reordered or corrupted."""
    g = got[at]
    if g in expected[:at]:
        return "duplicated/replayed"
    if g in expected[at + 1:]:
        return "lost" if expected[at] not in got[at + 1:] else "reordered"
    return "corrupted"


def verify(stream):
    if stream.failures and stream.status != 200:
        return
    names = [e[0] for e in stream.events]
    announced = {}  # message id -> add_message data
    tokens = []
    ends = [i for i, n in enumerate(names) if n == "end"]
    for i, (name, data, _) in enumerate(stream.events):
        if name not in EXPECTED_EVENTS:
            detail = json.dumps(data)[:300] if name == "error" else ""
            stream.fail(f"unexpected event {name!r} at #{i} {detail}".rstrip())
        elif name == "add_message":
            announced[data.get("id")] = data
        elif name == "token":
            if data.get("id") not in announced:
                stream.fail(f"token #{len(tokens)} for message {data.get('id')!r} "
                            f"not announced by an earlier add_message")
            tokens.append((data.get("id"), data.get("chunk")))
    if not ends and stream.clean_end:
        stream.fail(f"no end event: the body ended cleanly (terminating chunk) after "
                    f"{len(names)} events")
    elif len(ends) != 1:
        stream.fail(f"{len(ends)} end events")
    elif ends[0] != len(names) - 1:
        stream.fail(f"{len(names) - 1 - ends[0]} events after end: {names[ends[0] + 1:][:5]}")

    chunks = [c for _, c in tokens]
    if len(chunks) != len(stream.expected):
        stream.fail(f"{len(chunks)} token events, expected {len(stream.expected)}")
    for at, (g, e) in enumerate(zip(chunks, stream.expected)):
        if g != e:
            stream.fail(f"token #{at} is {g!r}, expected {e!r} "
                        f"({classify_mismatch(chunks, stream.expected, at)})")
            break
    want_text = "Echo: " + stream.input
    if "".join(c for c in chunks if isinstance(c, str)) != want_text:
        stream.fail("token chunks do not concatenate to the expected text")
    ids = {i for i, _ in tokens}
    if len(ids) > 1:
        stream.fail(f"tokens name {len(ids)} different messages")
    users = [d for d in announced.values() if d.get("sender") == "User"]
    if len(users) != 1 or users[0].get("text") != stream.input:
        stream.fail("the user message was not announced once with the input as text")
    if ends and len(ids) == 1:
        (mid,) = ids
        got = final_text(stream.events[ends[0]][1], mid)
        if got != want_text:
            stream.fail(f"end event's final text for {mid} is {str(got)[:80]!r}, "
                        f"expected {want_text[:80]!r}...")


def self_test():
    """The checks are not vacuous: a well-formed synthetic stream passes and each kind of
    damage (lost, reordered, duplicated, foreign or unannounced token, error event, event
    after end, missing or second end, wrong final text) is caught. Runs before every
    measurement; --self-test runs only this."""
    def good(tokens=5):
        s = Stream(7, tokens)
        s.status = 200
        user, ai = "u-1", "m-1"
        ev = [("add_message", {"id": user, "sender": "User", "text": s.input}),
              ("add_message", {"id": ai, "sender": "Machine", "text": ""})]
        ev += [("token", {"id": ai, "chunk": c}) for c in s.expected]
        result = {"outputs": [{"outputs": [{"outputs": {"message": {"message": {
            "id": ai, "text": "Echo: " + s.input}}}}]}]}
        ev.append(("end", {"result": result}))
        s.events = [(n, d, 0.0) for n, d in ev]
        s.clean_end = True
        return s

    def damaged(fn):
        s = good()
        fn(s.events)
        return s

    def swap(e):
        e[3], e[4] = e[4], e[3]
    cases = {
        "lost": lambda e: e.pop(4),
        "reordered": swap,
        "duplicated": lambda e: e.insert(5, e[4]),
        "unannounced": lambda e: e.__setitem__(3, ("token", {"id": "x", "chunk": e[3][1]["chunk"]}, 0)),
        "token before add_message": lambda e: e.insert(1, e.pop(3)),
        "error event": lambda e: e.insert(3, ("error", {"error": "boom"}, 0)),
        "after end": lambda e: e.append(("token", e[3][1], 0)),
        "no end": lambda e: e.pop(),
        "two ends": lambda e: e.append(e[-1]),
        "final text": lambda e: e.__setitem__(-1, ("end", {"result": {"outputs": []}}, 0)),
        "corrupted chunk": lambda e: e.__setitem__(3, ("token", dict(e[3][1], chunk="?"), 0)),
    }
    s = good()
    verify(s)
    if s.failures:
        raise SystemExit(f"self-test: a well-formed stream failed: {s.failures}")
    for name, fn in cases.items():
        s = damaged(fn)
        verify(s)
        if not s.failures:
            raise SystemExit(f"self-test: the checks missed a damaged stream ({name})")
    if expected_tokens("a b") != ["Echo:", " a", " b"] or len(expected_tokens(stream_input(0, 100))) != 100:
        raise SystemExit("self-test: expected_tokens does not follow EchoLanguageModel")


# ----------------------------------------------------------------------------- report

def percentile(values, p):
    if not values:
        return None
    v = sorted(values)
    k = max(0, min(len(v) - 1, int(round(p / 100 * len(v) + 0.5)) - 1))
    return v[k]


def ms(x):
    return None if x is None else round(x * 1000, 1)


def check_store(server, flow_id, streams):
    """The server stored every user and AI message with the expected text."""
    q = urllib.parse.urlencode({"flow_id": flow_id})
    _, body = call(server.base, "GET", f"/api/v1/monitor/messages?{q}", None,
                   {"x-api-key": server.api_key}, timeout=120)
    messages = json.loads(body)
    texts = {}
    for m in messages:
        texts[m.get("text")] = texts.get(m.get("text"), 0) + 1
    problems = []
    if len(messages) != 2 * len(streams):
        problems.append(f"{len(messages)} messages stored for the flow, expected {2 * len(streams)}")
    missing = 0
    for s in streams:
        for want in (s.input, "Echo: " + s.input):
            if texts.get(want, 0) != 1:
                missing += 1
    if missing:
        problems.append(f"{missing} expected message texts stored zero or several times")
    return {"messages": len(messages), "problems": problems}


async def run_all(args, server, flow_id, first_index=0):
    deadline = time.monotonic() + args.timeout
    gate = asyncio.Event()
    streams = [Stream(first_index + i, args.tokens) for i in range(args.streams)]
    tasks = [asyncio.create_task(run_stream(s, server.port, flow_id, server.api_key,
                                            args.read_timeout, deadline, gate))
             for s in streams]
    await asyncio.sleep(0)
    t0 = time.monotonic()
    gate.set()
    await asyncio.gather(*tasks)
    return streams, t0, time.monotonic()


def round_summary(number, streams, t0, t1, status):
    wall = t1 - t0
    # Streams between their first token and their end at the same moment, as the client
    # sees them (the rest wait in the server's run queue or are already done).
    edges = sorted([(x.t_first_token, 1) for x in streams if x.t_first_token and x.t_end] +
                   [(x.t_end, -1) for x in streams if x.t_first_token and x.t_end])
    in_flight = peak = 0
    for _, step in edges:
        in_flight += step
        peak = max(peak, in_flight)
    events = sum(len(x.events) for x in streams)
    first_tokens = [x.t_first_token for x in streams if x.t_first_token]
    return {"round": number, "wall_s": round(wall, 3), "events": events,
            "events_per_s": round(events / wall, 1) if wall else None,
            "failed": sum(1 for x in streams if x.failures),
            "last_first_token_at_s": round(max(first_tokens) - t0, 3) if first_tokens else None,
            "peak_streams_emitting_at_once": peak,
            "rss_mb_after": _mb(status["VmRSS"]) if status else None}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("server", help="path to lfkit-server")
    parser.add_argument("--streams", type=int, default=1000, help="concurrent runs (1000)")
    parser.add_argument("--tokens", type=int, default=100,
                        help="tokens per run (100); the input gets TOKENS-1 words")
    parser.add_argument("--rounds", type=int, default=1,
                        help="repeat the N streams this many times on one server (RSS growth)")
    parser.add_argument("--timeout", type=float, default=120,
                        help="overall deadline per round, s (120)")
    parser.add_argument("--read-timeout", type=float, default=30,
                        help="longest silence on one stream, s (30)")
    parser.add_argument("--json", help="also write the results here")
    parser.add_argument("--self-test", action="store_true",
                        help="only check that the stream checks catch damaged streams")
    parser.add_argument("--keep", action="store_true",
                        help="keep the config dir and server.log (kept anyway on failure)")
    args = parser.parse_args()
    self_test()
    if args.self_test:
        print("self-test passed")
        return
    if args.tokens < 2:
        parser.error("--tokens must be at least 2 (\"Echo:\" plus one token per input word)")
    if args.streams < 1:
        parser.error("--streams must be at least 1")
    binary = os.path.abspath(args.server)
    fd_limit = raise_fd_limit(2 * args.streams + 256)

    server = Server(binary)
    ok = False
    try:
        flow_id = server.create_flow()
        # One warm-up run checks the flow streams as expected before anything is timed.
        warm = Stream(-1, args.tokens)
        asyncio.run(run_stream(warm, server.port, flow_id, server.api_key, args.read_timeout,
                               time.monotonic() + 30, _set_event()))
        if warm.failures:
            raise SystemExit("warm-up stream failed: " + "; ".join(warm.failures[:5]))

        base = server.proc_status()
        cpu0, client0 = server.cpu_seconds(), _client_cpu()
        sampler = RssSampler(server)
        sampler.start()
        streams, rounds, wall = [], [], 0.0
        for r in range(args.rounds):
            got, t0, t1 = asyncio.run(run_all(args, server, flow_id, r * args.streams))
            streams += got
            wall += t1 - t0
            rounds.append(round_summary(r + 1, got, t0, t1, server.proc_status()))
        cpu1, client1 = server.cpu_seconds(), _client_cpu()
        after = server.proc_status()
        fds_after = server.open_fds()
        time.sleep(2)
        sampler.stop()
        settled = server.proc_status()
        alive = server.proc.poll() is None
        health = None
        if alive:
            try:
                health = call(server.base, "GET", "/health", timeout=10)[0]
            except Exception as e:  # reported, not hidden
                health = repr(e)
        store = check_store(server, flow_id, [warm] + streams) if alive else {
            "messages": None, "problems": ["server not alive"]}

        passed = [s for s in streams if not s.failures]
        failed = [s for s in streams if s.failures]
        total_events = sum(len(s.events) for s in streams)
        token_events = sum(1 for s in streams for e in s.events if e[0] == "token")
        ttft = [s.t_first_token - s.t_start for s in streams if s.t_first_token]
        ttfh = [s.t_headers - s.t_start for s in streams if s.t_headers]
        dur = [s.t_end - s.t_start for s in streams if s.t_end]
        peak = max((r for _, r, _ in sampler.samples), default=0)
        peak_threads = max((th for _, _, th in sampler.samples), default=0)
        reasons = {}
        for s in failed:
            key = re.sub(r"\d+", "N", s.failures[0])[:90]
            reasons.setdefault(key, []).append(s.index)
        results = {
            "streams": args.streams, "tokens_per_stream": args.tokens,
            "passed": len(passed), "failed": len(failed),
            "statuses": _count(s.status for s in streams),
            "framing": sorted({f for s in streams for f in s.framings}),
            "wall_s": round(wall, 3),
            "events_total": total_events, "token_events_total": token_events,
            "events_per_s": round(total_events / wall, 1) if wall else None,
            "tokens_per_s": round(token_events / wall, 1) if wall else None,
            "time_to_headers_ms": {"p50": ms(percentile(ttfh, 50)), "p99": ms(percentile(ttfh, 99)),
                                   "max": ms(max(ttfh, default=None))},
            "time_to_first_token_ms": {"p50": ms(percentile(ttft, 50)),
                                       "p99": ms(percentile(ttft, 99)),
                                       "max": ms(max(ttft, default=None))},
            "stream_duration_ms": {"p50": ms(percentile(dur, 50)), "p99": ms(percentile(dur, 99)),
                                   "max": ms(max(dur, default=None))},
            "rounds": rounds,
            "rss_mb": {"before": _mb(base["VmRSS"]), "peak_sampled": _mb(peak),
                       "hwm": _mb(after["VmHWM"]) if after else None,
                       "after": _mb(after["VmRSS"]) if after else None,
                       "after_2s_idle": _mb(settled["VmRSS"]) if settled else None,
                       "samples": len(sampler.samples), "interval_ms": 100},
            "server_threads": {"before": base["Threads"], "peak": peak_threads,
                               "after_2s_idle": settled["Threads"] if settled else None},
            "server_fds_after": fds_after,
            "server_cpu_s": round(cpu1 - cpu0, 2) if cpu0 is not None and cpu1 is not None else None,
            "client_cpu_s": round(client1 - client0, 2),
            "rlimit_nofile": fd_limit,
            "server_alive": alive, "health_after": health,
            "store_check": store,
            "failure_reasons": {k: {"count": len(v), "streams": v[:10]} for k, v in reasons.items()},
            "failures_sample": [{"stream": s.index, "input_prefix": s.input[:40],
                                 "events": len(s.events), "failures": s.failures[:5]}
                                for s in failed[:10]],
        }
        ok = (not failed and alive and health == 200 and not store["problems"])
        results["ok"] = ok
        report(results, server, flow_id, failed)
        if args.json:
            with open(args.json, "w") as f:
                json.dump(results, f, indent=2)
    finally:
        keep = args.keep or not ok
        if keep:
            print(f"server log and config dir kept: {server.dir}")
        server.stop(keep=keep)
    sys.exit(0 if ok else 1)


def _set_event():
    class Open:  # an always-open gate for the warm-up run
        async def wait(self):
            return True
    return Open()


def _client_cpu():
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def _count(items):
    out = {}
    for i in items:
        out[str(i)] = out.get(str(i), 0) + 1
    return out


def _mb(kib):
    return round(kib / 1024, 1)


def report(r, server, flow_id, failed):
    print(f"\n{r['streams']} concurrent streaming runs x {r['tokens_per_stream']} tokens "
          f"(framing seen: {', '.join(r['framing']) or '-'}; RLIMIT_NOFILE {r['rlimit_nofile']})")
    print(f"  passed {r['passed']}, failed {r['failed']}; HTTP statuses {r['statuses']}")
    print(f"  wall {r['wall_s']} s; events {r['events_total']} ({r['token_events_total']} tokens)"
          f" -> {r['events_per_s']} events/s, {r['tokens_per_s']} tokens/s")
    for key, label in (("time_to_headers_ms", "time to headers"),
                       ("time_to_first_token_ms", "time to first token"),
                       ("stream_duration_ms", "stream duration")):
        v = r[key]
        print(f"  {label:<20} p50 {v['p50']} ms  p99 {v['p99']} ms  max {v['max']} ms")
    for x in r["rounds"]:
        print(f"  round {x['round']}: wall {x['wall_s']} s, {x['events_per_s']} events/s, "
              f"failed {x['failed']}; last first token {x['last_first_token_at_s']} s after the "
              f"start; at most {x['peak_streams_emitting_at_once']} streams between first token "
              f"and end at once (client-observed); RSS after {x['rss_mb_after']} MB")
    m = r["rss_mb"]
    print(f"  server RSS MB: before {m['before']}, peak {m['peak_sampled']} (sampled every "
          f"100 ms, {m['samples']} samples; VmHWM {m['hwm']}), after {m['after']}, "
          f"after 2 s idle {m['after_2s_idle']}")
    t = r["server_threads"]
    print(f"  server threads: before {t['before']}, peak {t['peak']}, after {t['after_2s_idle']};"
          f" open fds after {r['server_fds_after']}")
    busy = r["client_cpu_s"] > 0.8 * r["wall_s"]
    print(f"  CPU s: server {r['server_cpu_s']}, client {r['client_cpu_s']} over {r['wall_s']} s "
          f"wall" + (" (the client was busy most of the time: it may be the bottleneck)"
                     if busy else ""))
    print(f"  server alive {r['server_alive']}, /health after: {r['health_after']}; stored "
          f"messages {r['store_check']['messages']} {r['store_check']['problems'] or 'as expected'}")
    if failed:
        print("  FAILURES by first reason:")
        for reason, v in r["failure_reasons"].items():
            print(f"    {v['count']:>5} x {reason}  (streams {v['streams']})")
        s = failed[0]
        print(f"  first failing stream #{s.index}: {s.failures[:5]}")
        print(f"  events it saw: {[e[0] for e in s.events][:8]} ... ({len(s.events)} events)")
        body = {"input_value": s.input, "input_type": "chat", "output_type": "chat"}
        print(f"  that stream's request: POST /api/v1/run/<flow id>?stream=true with "
              f"x-api-key and body {json.dumps(body)}\n  (rerun with --keep to keep "
              f"server.log; store stream_tokens_flow.json with POST /api/v1/flows/ to replay)")
    print("  OK" if r["ok"] else "  NOT OK")


if __name__ == "__main__":
    main()
