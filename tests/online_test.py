"""Online checks against tests/fake_server.py; nothing here reaches the internet.

usage: online_test.py DIGESTLINT SOURCE_DIR SCENARIO [SHARED_DIR]
Scenarios: fixtures, e2e, batching, faults, cache-only, concurrent, shared (see each function).
"""
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fake_server  # noqa: E402

ONLINE_RULES = {"links/broken", "links/unreachable", "links/arxiv-not-found",
                "links/arxiv-title-mismatch", "authors/arxiv-mismatch"}
SKIP = 77


def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stats(base):
    import urllib.request
    with urllib.request.urlopen(base + "/stats") as answer:
        return json.load(answer)


class Run:
    """A fake server and the options that point digestlint at it."""

    def __init__(self, digestlint, papers_file, cache_dir, api="/api", delay="0"):
        with open(papers_file, encoding="utf-8") as f:
            data = json.load(f)
        self.state = fake_server.State(data["papers"], data.get("missing_thumbnails", []))
        self.server, self.base = fake_server.start(self.state)
        self.digestlint = digestlint
        self.options = [
            "--online", "--arxiv-api", self.base + api, "--arxiv-delay", delay, "--timeout", "2",
            "--cache-dir", cache_dir,
            "--remap", r"^https://cdn-thumbnails\.huggingface\.co/social-thumbnails/papers/ "
            + self.base + "/thumbs/",
            "--remap", r"^https?://fake\.test/ " + self.base + "/",
            "--remap", r"^https?://refused\.test/ http://127.0.0.1:%d/" % closed_port(),
            # Any other host (the shared digests link to real sites): never the internet.
            "--remap", r"^https?://[^/]*[a-zA-Z][^/]* " + self.base + "/ok",
        ]

    def check(self, paths, extra=()):
        command = [self.digestlint, "check", "--format", "json", "--fail-on", "never",
                   *self.options, *extra, *paths]
        started = time.monotonic()
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        elapsed = time.monotonic() - started
        if done.returncode != 0:
            sys.exit(f"exit {done.returncode}: {' '.join(command)}\n{done.stderr}")
        return json.loads(done.stdout), done.stderr, elapsed

    def requests(self):
        return stats(self.base)["requests"]

    def close(self):
        self.server.shutdown()


def expectations(path):
    annotation = re.compile(r"<!--\s*expect(?:@(\d+):(\d+))?:\s*(.*?)\s*-->")
    item = re.compile(r"([a-z0-9-]+/[a-z0-9-]+)(?:@(\d+))?")
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    expected = []
    for number, text in enumerate(lines, 1):
        found = annotation.search(text)
        if not found:
            continue
        target = number + 1
        while target <= len(lines) and (not lines[target - 1].strip()
                                        or lines[target - 1].startswith("<!--")):
            target += 1
        if found.group(1):
            target = int(found.group(1))
        for rule, column in item.findall(found.group(3)):
            expected.append((rule, target, int(column) if column else 0))
    return expected


def compare(path, findings, only=None):
    """Every expected finding reported, nothing else; returns the problems."""
    expected = [e for e in expectations(path) if only is None or only(e[0])]
    problems = []
    for finding in findings:
        match = next((e for e in expected if e[0] == finding["rule"] and e[1] == finding["line"]
                      and e[2] in (0, finding["utf16_column"])), None)
        if match:
            expected.remove(match)
        else:
            problems.append(f"{path}:{finding['line']}: unexpected {finding['rule']}: "
                            f"{finding['message']}")
    problems += [f"{path}:{line}: expected {rule} was not reported" for rule, line, _ in expected]
    return problems


def fail_if(problems):
    for problem in problems:
        print(problem)
    if problems:
        sys.exit(1)


def online_fixtures(source_dir):
    directory = os.path.join(source_dir, "fixtures", "online")
    return sorted(os.path.join(directory, name) for name in os.listdir(directory)
                  if name.endswith(".md"))


def scenario_fixtures(digestlint, source_dir, papers):
    """Each online fixture's expectations hold online; offline, only the offline ones, and
    no request is made."""
    problems = []
    for path in online_fixtures(source_dir):
        with tempfile.TemporaryDirectory() as cache:
            run = Run(digestlint, papers, cache)
            report, _, _ = run.check([path])
            problems += compare(path, report["files"][0]["findings"])
            offline = subprocess.run([digestlint, "check", "--format", "json", "--fail-on",
                                      "never", path], capture_output=True, text=True)
            problems += compare(path, json.loads(offline.stdout)["files"][0]["findings"],
                                only=lambda rule: rule not in ONLINE_RULES)
            before = run.requests()
            report, _, _ = run.check([path], ["--cache-only"])
            if run.requests() != before:
                problems.append(f"{path}: --cache-only made {run.requests() - before} request(s)")
            run.close()
    fail_if(problems)


def scenario_e2e(digestlint, source_dir, papers):
    """The issue's acceptance run: each planted problem reported once on its entry, retries
    absorb the transient faults, one batched API request, and a second run makes none."""
    path = os.path.join(source_dir, "fixtures", "online", "arxiv-and-links.md")
    with tempfile.TemporaryDirectory() as cache:
        run = Run(digestlint, papers, cache)
        report, stderr, elapsed = run.check([path])
        fail_if(compare(path, report["files"][0]["findings"]))
        first = stats(run.base)
        print(f"first run: {first['requests']} request(s) in {elapsed:.2f}s; {stderr.strip()}")
        problems = []
        if len(first["api_batches"]) != 1 or len(first["api_batches"][0]) != 5:
            problems.append(f"expected one API request for 5 ids: {first['api_batches']}")
        kinds = first["by_kind"]
        if kinds.get("flaky") != 2 or kinds.get("ratelimited") != 2:
            problems.append(f"expected one retry each for flaky and ratelimited: {kinds}")
        rate_limited = [t for _, path, t in first["requests_list"] if "/ratelimited/" in path]
        if len(rate_limited) == 2 and rate_limited[1] - rate_limited[0] < 0.95:
            problems.append(f"Retry-After: 1 not honoured: {rate_limited[1] - rate_limited[0]:.2f}s")
        if kinds.get("abs"):
            problems.append("arXiv abs pages were fetched; ids go through the API")
        report2, stderr2, elapsed2 = run.check([path])
        if run.requests() != first["requests"]:
            problems.append(f"second run made {run.requests() - first['requests']} request(s)")
        if report2 != report:
            problems.append("second run (from the cache) reported differently")
        print(f"second run: {run.requests() - first['requests']} request(s) in {elapsed2:.2f}s")
        run.close()
        fail_if(problems)


def synthetic_digest(first, count):
    entries = [f"### [Paper number {i}](https://arxiv.org/abs/2410.{10000 + i})\n\n"
               f"Authors: Ada Lovelace, Alan Turing\n" for i in range(first, first + count)]
    return "## Daily Papers (2024-10-02)\n\n" + "\n".join(entries)


def scenario_batching(digestlint, source_dir, papers):
    """250 ids across two files: 3 API requests of at most 100 ids, --arxiv-delay apart."""
    with tempfile.TemporaryDirectory() as work:
        paths = []
        for name, first, count in (("a.md", 0, 150), ("b.md", 150, 100)):
            paths.append(os.path.join(work, name))
            with open(paths[-1], "w", encoding="utf-8") as f:
                f.write(synthetic_digest(first, count))
        run = Run(digestlint, papers, os.path.join(work, "cache"), delay="0.5")
        run.check(paths)
        seen = stats(run.base)
        batches, times = seen["api_batches"], seen["api_times"]
        problems = []
        if [len(b) for b in batches] != [100, 100, 50]:
            problems.append(f"batch sizes {[len(b) for b in batches]}, expected [100, 100, 50]")
        if len({i for b in batches for i in b}) != 250:
            problems.append("some id was requested twice or not at all")
        gaps = [b - a for a, b in zip(times, times[1:])]
        if any(gap < 0.45 for gap in gaps):
            problems.append(f"requests closer than --arxiv-delay 0.5: {gaps}")
        print(f"{len(batches)} API request(s), gaps {['%.2f' % g for g in gaps]}")
        run.close()
        fail_if(problems)


def scenario_limits(digestlint, source_dir, papers):
    """24 links to one host: never more than 4 requests to it at once, yet several."""
    with tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, "links.md")
        links = "\n".join(f"- https://fake.test/hold/{i}" for i in range(24))
        with open(path, "w", encoding="utf-8") as f:
            f.write(f"## Daily Papers (2024-10-02)\n\n{links}\n")
        run = Run(digestlint, papers, os.path.join(work, "cache"))
        _, _, elapsed = run.check([path], ["--select", "links/broken,links/unreachable"])
        seen = stats(run.base)
        print(f"24 held links: at most {seen['max_in_flight']} at once, {elapsed:.2f}s")
        problems = []
        if not 2 <= seen["max_in_flight"] <= 4:
            problems.append(f"{seen['max_in_flight']} requests to one host at once, limit 4")
        if seen["requests"] != 24:
            problems.append(f"{seen['requests']} request(s) for 24 links")
        run.close()
        fail_if(problems)


def scenario_deadline(digestlint, source_dir, papers):
    """Links slower than the deadline (but not the timeout): the run ends at the deadline and
    reports them as unreachable."""
    with tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, "links.md")
        links = "\n".join(f"- https://fake.test/slow/{i}" for i in range(6))
        with open(path, "w", encoding="utf-8") as f:
            f.write(f"## Daily Papers (2024-10-02)\n\n{links}\n")
        run = Run(digestlint, papers, os.path.join(work, "cache"))
        report, _, elapsed = run.check(
            [path], ["--select", "links/broken,links/unreachable", "--deadline", "1"])
        findings = report["files"][0]["findings"]
        print(f"6 slow links, --deadline 1: {len(findings)} note(s) in {elapsed:.2f}s")
        problems = []
        if elapsed > 3:
            problems.append(f"the run took {elapsed:.2f}s despite --deadline 1")
        if [f["rule"] for f in findings] != ["links/unreachable"] * 6 or \
                any("out of time" not in f["message"] for f in findings):
            problems.append(f"expected 6 'ran out of time' notes: {findings}")
        before = run.requests()
        run.check([path], ["--select", "links/broken,links/unreachable", "--deadline", "1"])
        if run.requests() == before:
            problems.append("links cut short by the deadline were cached")
        run.close()
        fail_if(problems)


def scenario_faults(digestlint, source_dir, papers):
    """A malformed feed and an oversized one: the papers are notes, nothing crashes or hangs."""
    path = os.path.join(source_dir, "fixtures", "online", "arxiv-and-links.md")
    problems = []
    for api in ("/api-malformed", "/api-big"):
        with tempfile.TemporaryDirectory() as cache:
            run = Run(digestlint, papers, cache, api=api)
            report, _, elapsed = run.check([path], ["--select", "links/unreachable,links/arxiv-not-found,links/arxiv-title-mismatch"])
            rules = [f["rule"] for f in report["files"][0]["findings"]]
            if rules != ["links/unreachable"] * 5:
                problems.append(f"{api}: expected 5 unreachable paper links, got {rules}")
            print(f"{api}: {len(rules)} note(s) in {elapsed:.2f}s: "
                  f"{report['files'][0]['findings'][0]['message'] if rules else ''}")
            run.close()
    fail_if(problems)


def scenario_cache_only(digestlint, source_dir, papers):
    """--cache-only with an empty cache: no request, every link and paper is a note."""
    path = os.path.join(source_dir, "fixtures", "online", "arxiv-and-links.md")
    with tempfile.TemporaryDirectory() as cache:
        run = Run(digestlint, papers, cache)
        report, _, _ = run.check([path], ["--cache-only", "--select", "links,authors/arxiv-mismatch"])
        notes = [f for f in report["files"][0]["findings"] if f["rule"] == "links/unreachable"]
        problems = []
        if run.requests() != 0:
            problems.append(f"--cache-only made {run.requests()} request(s)")
        if len(notes) != 12 or any("cache" not in n["message"] for n in notes):
            problems.append(f"expected 12 'not in the cache' notes, got {len(notes)}")
        run.close()
        fail_if(problems)


def scenario_concurrent(digestlint, source_dir, papers):
    """Two processes on one cache at once both succeed and agree; a third run makes no request."""
    path = os.path.join(source_dir, "fixtures", "online", "arxiv-and-links.md")
    with tempfile.TemporaryDirectory() as cache:
        run = Run(digestlint, papers, cache)
        command = [digestlint, "check", "--format", "json", "--fail-on", "never",
                   *run.options, path]
        processes = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      text=True) for _ in range(2)]
        outputs = [p.communicate(timeout=120) for p in processes]
        problems = [f"process {i} failed: {err}" for i, (p, (_, err))
                    in enumerate(zip(processes, outputs)) if p.returncode != 0]
        if outputs[0][0] != outputs[1][0]:
            problems.append("the two processes reported differently")
        before = run.requests()
        report, _, _ = run.check([path])
        if run.requests() != before:
            problems.append(f"a run after both made {run.requests() - before} request(s)")
        if json.dumps(report) != json.dumps(json.loads(outputs[0][0])):
            problems.append("the cached run reported differently")
        run.close()
        fail_if(problems)


def scenario_config(digestlint, source_dir, papers):
    """`online: true` in .digestlint.yaml turns the online phase on; `false` keeps it off."""
    fixture = os.path.join(source_dir, "fixtures", "online", "arxiv-and-links.md")
    problems = []
    for online, wanted in (("true", True), ("false", False)):
        with tempfile.TemporaryDirectory() as work:
            with open(fixture, encoding="utf-8") as f, \
                    open(os.path.join(work, "digest.md"), "w", encoding="utf-8") as out:
                out.write(f.read())
            with open(os.path.join(work, ".digestlint.yaml"), "w", encoding="utf-8") as f:
                f.write(f"online: {online}\n")
            run = Run(digestlint, papers, os.path.join(work, "cache"))
            command = [digestlint, "check", "--format", "json", "--fail-on", "never",
                       *[o for o in run.options if o != "--online"], "digest.md"]
            done = subprocess.run(command, capture_output=True, text=True, cwd=work)
            rules = {f["rule"] for f in json.loads(done.stdout)["files"][0]["findings"]}
            if bool(rules & ONLINE_RULES) != wanted or bool(run.requests()) != wanted:
                problems.append(f"online: {online}: rules {sorted(rules)}, "
                                f"{run.requests()} request(s)")
            run.close()
    fail_if(problems)


def scenario_lsp(digestlint, source_dir, papers):
    """The editor shows cached online findings at once, with initializationOptions.online, and
    never makes a request; without the option, no online finding."""
    import lsp_protocol
    fixture = os.path.join(source_dir, "fixtures", "online", "arxiv-and-links.md")
    problems = []
    with tempfile.TemporaryDirectory() as work:
        cache = os.path.join(work, "cache")
        run = Run(digestlint, papers, cache)
        run.check([fixture])
        before = run.requests()
        for options, wanted in (({"online": True, "cacheDir": cache}, True), (None, False)):
            client = lsp_protocol.Client(os.path.abspath(digestlint), work)
            params = {"processId": None, "rootUri": lsp_protocol.file_uri(work),
                      "capabilities": {}}
            if options:
                params["initializationOptions"] = options
            client.response(client.request("initialize", params))
            client.notify("initialized", {})
            uri = lsp_protocol.file_uri(fixture)
            with open(fixture, encoding="utf-8") as f:
                client.notify("textDocument/didOpen", {"textDocument": {
                    "uri": uri, "languageId": "markdown", "version": 1, "text": f.read()}})
            found = set(lsp_protocol.codes(client.diagnostics(uri))) & ONLINE_RULES
            expected = {"links/broken", "links/arxiv-title-mismatch", "links/arxiv-not-found",
                        "authors/arxiv-mismatch"} if wanted else set()
            if found != expected:
                problems.append(f"initializationOptions {options}: online codes {sorted(found)}")
            client.response(client.request("shutdown", None))
            client.notify("exit", None)
            client.finish()
        if run.requests() != before:
            problems.append(f"the editor made {run.requests() - before} request(s)")
        run.close()
    fail_if(problems)


def papers_from_digests(paths):
    """Records that agree with the digests (a `+` stands for one more author), so online rules
    stay quiet and the run measures the online phase itself."""
    papers = {}
    heading = re.compile(r"^### \[(.*)\]\(https?://arxiv\.org/(?:abs|pdf)/([^)v]+)")
    for path in paths:
        title, paper_id = None, None
        with open(path, encoding="utf-8") as f:
            for line in f:
                found = heading.match(line)
                if found:
                    title, paper_id = found.group(1), found.group(2).removesuffix(".pdf")
                elif line.startswith("Authors:") and paper_id:
                    names = [n.strip() for n in line[len("Authors:"):].split(",")]
                    names = [("Extra Author" if n == "+" else n) for n in names if n]
                    papers[paper_id] = {"title": title, "authors": names}
    return papers


def scenario_shared(digestlint, source_dir, papers, shared_dir):
    """The real digests against the fake server: request counts and wall time, cold and warm."""
    directory = os.path.join(shared_dir, "digests")
    if not os.path.isdir(directory):
        print(f"skipped: {directory} is missing")
        sys.exit(SKIP)
    paths = sorted(os.path.join(directory, n) for n in os.listdir(directory) if n.endswith(".md"))
    with tempfile.TemporaryDirectory() as work:
        records = os.path.join(work, "papers.json")
        with open(records, "w", encoding="utf-8") as f:
            json.dump({"papers": papers_from_digests(paths)}, f)
        run = Run(digestlint, records, os.path.join(work, "cache"), delay="3")
        report, stderr, cold = run.check(paths)
        first = stats(run.base)
        _, stderr2, warm = run.check(paths)
        online = [f for file in report["files"] for f in file["findings"]
                  if f["rule"] in ONLINE_RULES]
        print(f"{len(paths)} digests, cold: {first['requests']} request(s) "
              f"({len(first['api_batches'])} API, by path {first['by_kind']}) in {cold:.2f}s")
        print(f"  {stderr.strip()}")
        print(f"warm: {run.requests() - first['requests']} request(s) in {warm:.2f}s")
        print(f"  {stderr2.strip()}")
        for finding in online:
            print(f"  online finding: {finding['rule']}: {finding['message']}")
        problems = []
        if run.requests() != first["requests"]:
            problems.append("the warm run made requests")
        run.close()
        fail_if(problems)


def main():
    digestlint, source_dir, scenario = sys.argv[1:4]
    digestlint = os.path.abspath(digestlint)
    papers = os.path.join(source_dir, "tests", "data", "online", "papers.json")
    scenarios = {
        "fixtures": scenario_fixtures, "e2e": scenario_e2e, "batching": scenario_batching,
        "faults": scenario_faults, "cache-only": scenario_cache_only,
        "concurrent": scenario_concurrent, "config": scenario_config, "lsp": scenario_lsp,
        "limits": scenario_limits, "deadline": scenario_deadline,
    }
    if scenario == "shared":
        scenario_shared(digestlint, source_dir, papers, sys.argv[4])
    else:
        scenarios[scenario](digestlint, source_dir, papers)


if __name__ == "__main__":
    main()
