"""A local stand-in for arXiv's API and for the web, with faults, for the online tests.

Standard library only; binds 127.0.0.1 on a free port. Paths:
  /api?id_list=A,B&max_results=N   Atom feed of the known papers among the ids
  /api-malformed, /api-big          a feed that is not XML; one far over the size cap
  /ok/…                             200
  /status/CODE/…                    that status (404, 410, …)
  /flaky/NAME                       500 on the first request of NAME, then 200
  /ratelimited/NAME                 429 with Retry-After: 1 on the first request, then 200
  /slow/…                           answers after SLOW_SECONDS
  /hold/…                           200 after HOLD_SECONDS (to measure concurrency)
  /loop/a, /loop/b                  redirect to each other
  /reset/…                          closes the connection without an answer
  /big/…                            refuses HEAD (405); GET sends a body far over the cap
  /thumbs/ID.png                    200, or 404 for ids in missing_thumbnails
  /abs/ID                           200 for known papers, 404 otherwise
Every request except /stats is counted, with the most ever in flight at once; GET /stats
returns the counts as JSON.
"""
import http.server
import json
import socketserver
import threading
import time
import urllib.parse
from xml.sax.saxutils import escape

SLOW_SECONDS = 4
HOLD_SECONDS = 0.3
BIG_BYTES = 32 * 1024 * 1024


class State:
    def __init__(self, papers, missing_thumbnails=()):
        self.papers = papers  # id -> {"title": …, "authors": […]}
        self.missing_thumbnails = set(missing_thumbnails)
        self.lock = threading.Lock()
        self.requests = []  # (method, path, time)
        self.api_batches = []  # lists of ids
        self.seen = set()
        self.in_flight = 0
        self.max_in_flight = 0

    def first_time(self, key):
        with self.lock:
            if key in self.seen:
                return False
            self.seen.add(key)
            return True

    def stats(self):
        with self.lock:
            by_kind = {}
            for _, path, _ in self.requests:
                kind = path.split("?")[0].split("/")[1]
                by_kind[kind] = by_kind.get(kind, 0) + 1
            return {
                "requests": len(self.requests),
                "by_kind": by_kind,
                "requests_list": [[m, p, t] for m, p, t in self.requests],
                "max_in_flight": self.max_in_flight,
                "api_batches": self.api_batches,
                "api_times": [t for _, p, t in self.requests if p.startswith("/api")],
            }


def atom_feed(state, ids):
    entries = []
    for paper_id in ids:
        paper = state.papers.get(paper_id)
        if paper is None:
            continue
        authors = "".join(
            f"<author><name>{escape(name)}</name></author>" for name in paper["authors"])
        entries.append(
            f"<entry><id>http://arxiv.org/abs/{paper_id}v1</id>"
            f"<title>{escape(paper['title'])}</title>{authors}</entry>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<feed xmlns="http://www.w3.org/2005/Atom"><title>arXiv Query</title>'
            + "".join(entries) + "</feed>")


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_HEAD(self):
        self.answer(head=True)

    def do_GET(self):
        self.answer(head=False)

    def send(self, status, body=b"", headers=(), head=False):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def answer(self, head):
        state = self.server.state
        if self.path == "/stats":
            return self.send(200, json.dumps(state.stats()).encode())
        with state.lock:
            state.requests.append((self.command, self.path, time.monotonic()))
            state.in_flight += 1
            state.max_in_flight = max(state.max_in_flight, state.in_flight)
        try:
            return self.route(state, self.path, head)
        finally:
            with state.lock:
                state.in_flight -= 1

    def route(self, state, path, head):
        parts = urllib.parse.urlsplit(path)
        segments = parts.path.strip("/").split("/")
        kind = segments[0]
        if kind == "api":
            query = urllib.parse.parse_qs(parts.query)
            ids = query.get("id_list", [""])[0].split(",")
            with state.lock:
                state.api_batches.append(ids)
            return self.send(200, atom_feed(state, ids).encode(),
                             [("Content-Type", "application/atom+xml")], head)
        if kind == "api-malformed":
            return self.send(200, b"<feed><entry><title>unclosed", head=head)
        if kind == "api-big":
            return self.stream_big(head)
        if kind == "ok":
            return self.send(200, b"fine", head=head)
        if kind == "status":
            return self.send(int(segments[1]), b"status", head=head)
        if kind == "flaky":
            status = 500 if state.first_time(("flaky", segments[1])) else 200
            return self.send(status, b"flaky", head=head)
        if kind == "ratelimited":
            if state.first_time(("ratelimited", segments[1])):
                return self.send(429, b"slow down", [("Retry-After", "1")], head)
            return self.send(200, b"fine", head=head)
        if kind == "slow":
            time.sleep(SLOW_SECONDS)
            return self.send(200, b"late", head=head)
        if kind == "hold":
            time.sleep(HOLD_SECONDS)
            return self.send(200, b"held", head=head)
        if kind == "loop":
            target = "/loop/b" if segments[1] == "a" else "/loop/a"
            return self.send(302, b"", [("Location", target)], head)
        if kind == "reset":
            self.close_connection = True
            self.connection.shutdown(2)
            return None
        if kind == "big":
            if head:
                return self.send(405, head=True)
            return self.stream_big(head)
        if kind == "thumbs":
            paper_id = segments[1].removesuffix(".png")
            status = 404 if paper_id in state.missing_thumbnails else 200
            return self.send(status, b"png", head=head)
        if kind == "abs":
            return self.send(200 if segments[1] in state.papers else 404, b"abs", head=head)
        return self.send(404, b"no such path", head=head)

    def stream_big(self, head):
        self.send_response(200)
        self.send_header("Content-Length", str(BIG_BYTES))
        self.end_headers()
        if head:
            return
        chunk = b"x" * 65536
        try:
            for _ in range(BIG_BYTES // len(chunk)):
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def start(state):
    """Starts the server in a thread; returns (server, base URL)."""
    server = Server(("127.0.0.1", 0), Handler)
    server.state = state
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"
