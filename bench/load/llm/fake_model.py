#!/usr/bin/env python3
"""A loopback OpenAI-compatible chat-completions endpoint that takes as long as a real model.

POST /v1/chat/completions streams `--tokens` deltas (chunked SSE, "data: {...}\\n\\n", then
"data: [DONE]") `--interval` seconds apart, so a call lasts tokens x interval (default 20 x
0.1 s = 2 s). Token k of the call whose user message carries the marker "run-<i>" is
"<i>:<k> " (k = 00, 01, ...), so a client can check every token of every run arrived once, in
order. A JSON answer (stream: false) comes after the same total time.

With --barrier B, no call is answered until B calls are in flight together (a call still held
after --patience seconds gets a 503): only a server that keeps B model calls waiting at once
gets answers, whatever the timing.

GET /stats answers {marker: first-token time} where the time is time.monotonic() (the
system-wide CLOCK_MONOTONIC, comparable across processes) just before the first delta's bytes
were written, and {"calls": n, "most_in_flight": m}.

usage: fake_model.py --port P [--tokens 20] [--interval 0.1] [--barrier B --patience S]
"""
import argparse
import asyncio
import json
import re
import time

MARKER = re.compile(r"run-(\d+)")


class Model:
    def __init__(self, tokens, interval, barrier=0, patience=10.0):
        self.tokens, self.interval = tokens, interval
        self.barrier, self.patience = barrier, patience
        self.all_arrived = asyncio.Event()
        self.first_token = {}
        self.calls = self.in_flight = self.most_in_flight = 0

    async def handle(self, reader, writer):
        try:
            while True:  # keep-alive: several requests per connection
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                method, target = lines[0].split()[:2]
                headers = {}
                for line in lines[1:]:
                    k, _, v = line.partition(":")
                    headers[k.strip().lower()] = v.strip()
                body = await reader.readexactly(int(headers.get("content-length", "0")))
                close = headers.get("connection", "").lower() == "close"
                if method == "GET" and target == "/stats":
                    await self.stats(writer)
                elif method == "POST" and target.endswith("/chat/completions"):
                    await self.complete(writer, json.loads(body or b"{}"))
                else:
                    writer.write(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
                await writer.drain()
                if close:
                    break
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def stats(self, writer):
        body = json.dumps({"first_token": self.first_token, "calls": self.calls,
                           "most_in_flight": self.most_in_flight}).encode()
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                     + str(len(body)).encode() + b"\r\n\r\n" + body)

    async def complete(self, writer, request):
        text = " ".join(str(m.get("content", "")) for m in request.get("messages", []))
        found = MARKER.search(text)
        marker = found.group(1) if found else "?"
        self.calls += 1
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            if self.barrier:
                if self.in_flight >= self.barrier:
                    self.all_arrived.set()
                try:
                    await asyncio.wait_for(self.all_arrived.wait(), self.patience)
                except asyncio.TimeoutError:
                    body = b'{"error":{"message":"the barrier was never reached"}}'
                    writer.write(b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: "
                                 b"application/json\r\nContent-Length: "
                                 + str(len(body)).encode() + b"\r\n\r\n" + body)
                    return
            pieces = [f"{marker}:{k:02d} " for k in range(self.tokens)]
            if not request.get("stream"):
                await asyncio.sleep(self.tokens * self.interval)
                body = json.dumps({"choices": [{"message": {"role": "assistant",
                                                            "content": "".join(pieces)}}]})
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                             b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n"
                             + body.encode())
                return
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                         b"Transfer-Encoding: chunked\r\n\r\n")
            for k, piece in enumerate(pieces):
                await asyncio.sleep(self.interval)
                event = "data: " + json.dumps({"choices": [{"index": 0,
                                                            "delta": {"content": piece}}]}) + "\n\n"
                if k == 0:
                    self.first_token[marker] = time.monotonic()
                self.chunk(writer, event.encode())
                await writer.drain()
            self.chunk(writer, b"data: [DONE]\n\n")
            writer.write(b"0\r\n\r\n")
        finally:
            self.in_flight -= 1

    @staticmethod
    def chunk(writer, data):
        writer.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")


async def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--tokens", type=int, default=20)
    parser.add_argument("--interval", type=float, default=0.1)
    parser.add_argument("--barrier", type=int, default=0)
    parser.add_argument("--patience", type=float, default=10.0)
    args = parser.parse_args()
    model = Model(args.tokens, args.interval, args.barrier, args.patience)
    server = await asyncio.start_server(model.handle, "127.0.0.1", args.port, backlog=4096)
    print("ready", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
