#!/usr/bin/env python3
"""Two deliberately empty servers the conformance runner must fail (ctest
conformance.fake_*). Each listens on 127.0.0.1, prints its port on stdout's
first line, and serves until killed.

  unimplemented  GET /health answers 200; a request without credentials is
                 refused as Langflow refuses it (401, WWW-Authenticate: Bearer,
                 {"detail": ...}); GET /api/v1/users/whoami with credentials
                 answers a user (so the runner accepts the key); every other
                 authenticated request answers 501.
  canned         every request answers the same 200 JSON body.
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODE = sys.argv[1]
USER = {"id": "00000000-0000-4000-8000-000000000001", "username": "fake", "is_active": True,
        "is_superuser": True, "profile_image": None, "create_at": "2024-01-01T00:00:00",
        "updated_at": "2024-01-01T00:00:00", "last_login_at": None, "optins": None}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    wbufsize = 1 << 16  # head and body in one write (two writes meet delayed ACKs: 40 ms each)
    disable_nagle_algorithm = True

    def log_message(self, *args):  # quiet: the runner's report is the output
        pass

    def answer(self, status, body, headers=()):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        if MODE == "canned":
            return self.answer(200, {"status": "ok"})
        path = self.path.split("?")[0]
        credentials = (self.headers.get("Authorization") or self.headers.get("x-api-key")
                       or "x-api-key=" in self.path)
        if path == "/health":
            return self.answer(200, {"status": "ok"})
        if not credentials:
            return self.answer(401, {"detail": "Not authenticated"},
                               [("WWW-Authenticate", "Bearer")])
        if path == "/api/v1/users/whoami":
            return self.answer(200, USER)
        return self.answer(501, {"detail": "Not implemented"})

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = handle_any


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
