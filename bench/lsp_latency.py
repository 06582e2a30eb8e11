#!/usr/bin/env python3
"""didChange → publishDiagnostics latency of `digestlint lsp` on a ~40 KB digest.

usage: lsp_latency.py DIGESTLINT [--size BYTES] [--changes N]

Generates a digest (Korean summaries, a few findings), opens it, then sends N incremental
didChange notifications one at a time (typing into a summary and deleting again) and times each
until the diagnostics for that version arrive. Prints the distribution; goal: p95 < 50 ms.
Python standard library only; not a ctest (timings depend on the machine).
"""
import argparse
import json
import os
import select
import statistics
import subprocess
import sys
import tempfile
import time


def entry(i):
    arxiv = "2411.%05d" % (10000 + i)
    scheme = "http" if i % 7 == 3 else "https"  # some links/insecure-url findings
    authors = "Hana Kim, Oskar Lind, Mei Chen" + (", +" if i % 11 == 5 else "")
    return (
        f"### [Model {i}: Sparse Routing for Long-Context Retrieval, Part {i}]"
        f"({scheme}://arxiv.org/abs/{arxiv})\n\n"
        f"![](https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/{arxiv}.png)\n\n"
        f"Vote: {i % 40 + 1}\n\n"
        f"Authors: {authors}\n\n"
        f"- **What's New**: 모델 {i}은 긴 문맥 검색(long-context retrieval)을 위해 희소 라우팅을 "
        f"사용하는 방법입니다. 질의마다 필요한 문서 조각만 골라 주의를 계산합니다.\n"
        f"- **Technical Details**: 문서를 512토큰 조각으로 나누고, 라우터가 상위 {i % 8 + 2}개 "
        f"조각을 고릅니다. 라우터는 검색 손실과 언어 모델 손실을 함께 학습합니다.\n"
        f"- **Performance Highlights**: 128K 토큰 벤치마크에서 정확도가 {60 + i % 30}.4%로 "
        f"밀집 주의보다 높았고, 지연 시간은 {i % 5 + 2}배 짧았습니다.\n\n"
    )


def build_digest(size):
    parts = ["## Daily Papers (2024-11-05)\n\n"]
    i = 0
    while sum(len(p.encode()) for p in parts) < size:
        parts.append(entry(i))
        i += 1
    return "".join(parts), i


class Server:
    def __init__(self, binary, cwd):
        self.proc = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, cwd=cwd)
        self.buffer = b""

    def send(self, message):
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def read(self):
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end >= 0:
                length = int(self.buffer[:end].split(b":")[1])
                if len(self.buffer) >= end + 4 + length:
                    body = self.buffer[end + 4:end + 4 + length]
                    self.buffer = self.buffer[end + 4 + length:]
                    return json.loads(body)
            ready, _, _ = select.select([self.proc.stdout], [], [], 10)
            if not ready:
                sys.exit("timed out")
            chunk = os.read(self.proc.stdout.fileno(), 1 << 16)
            if not chunk:
                sys.exit("server exited")
            self.buffer += chunk

    def wait_diagnostics(self, version):
        while True:
            m = self.read()
            if (m.get("method") == "textDocument/publishDiagnostics"
                    and m["params"].get("version") == version):
                return m["params"]["diagnostics"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("digestlint")
    parser.add_argument("--size", type=int, default=40 * 1024)
    parser.add_argument("--changes", type=int, default=200)
    args = parser.parse_args()

    text, entries = build_digest(args.size)
    work = tempfile.mkdtemp(prefix="digestlint-bench-")
    uri = "file://" + os.path.join(work, "digest.md")
    server = Server(os.path.abspath(args.digestlint), work)
    server.send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                 "params": {"processId": None, "capabilities": {}}})
    server.read()
    server.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})

    start = time.perf_counter()
    server.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "markdown", "version": 1, "text": text}}})
    diagnostics = server.wait_diagnostics(1)
    open_ms = (time.perf_counter() - start) * 1000

    # Type into the middle entry's summary and delete again, one change per round trip.
    lines = text.split("\n")
    target = next(n for n in range(len(lines) // 2, len(lines))
                  if lines[n].startswith("- **Technical Details**"))
    column = len(lines[target].encode("utf-16-le")) // 2 - 1  # before the final '.'
    latencies = []
    for k in range(args.changes):
        version = k + 2
        if k % 2 == 0:
            change = {"range": {"start": {"line": target, "character": column},
                                "end": {"line": target, "character": column}}, "text": "x"}
        else:
            change = {"range": {"start": {"line": target, "character": column},
                                "end": {"line": target, "character": column + 1}}, "text": ""}
        start = time.perf_counter()
        server.send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}})
        last = server.wait_diagnostics(version)
        latencies.append((time.perf_counter() - start) * 1000)

    server.send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    server.send({"jsonrpc": "2.0", "method": "exit"})
    server.proc.wait(timeout=10)
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    print(f"digest: {len(text.encode())} bytes, {entries} entries, {len(diagnostics)} diagnostics")
    print(f"didOpen → diagnostics: {open_ms:.1f} ms")
    print(f"didChange → diagnostics over {len(latencies)} changes: "
          f"median {statistics.median(latencies):.1f} ms, p95 {p95:.1f} ms, "
          f"max {latencies[-1]:.1f} ms (goal < 50 ms); last change: {len(last)} diagnostics")
    os.rmdir(work)
    return 0 if p95 < 50 else 1


if __name__ == "__main__":
    sys.exit(main())
