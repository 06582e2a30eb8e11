#!/usr/bin/env python3
"""The result cache, end to end.

usage: cache_test.py DIGESTLINT FIXTURES [CORPUS]

Lints a copy of some real digests (CORPUS, when present) and the fixtures, cold and warm, and
checks that the cache never changes a report and that whatever a result depends on invalidates
it. Python standard library only.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from hostile_shapes import author_line

BIN = sys.argv[1]
FIXTURES = sys.argv[2]
CORPUS = sys.argv[3] if len(sys.argv) > 3 else ""
failures = []


def check(name, condition, detail=""):
    if not condition:
        failures.append(f"{name}: {detail}")


def run(cwd, *args):
    proc = subprocess.run([BIN, "check", *args], capture_output=True, cwd=cwd, timeout=120)
    return proc.returncode, proc.stdout, proc.stderr.decode()


def from_cache(stderr):
    """(files from the cache, files) as `--verbose` says."""
    found = re.search(r"^cache: (\d+) of (\d+) file", stderr, re.M)
    return (int(found.group(1)), int(found.group(2))) if found else None


def only_compared(stderr):
    """Files parsed again only for a comparison, as `--verbose` says."""
    return int(re.search(r"(\d+) more parsed again only to compare files", stderr).group(1))


def make_tree(work):
    tree = os.path.join(work, "digests")
    os.makedirs(tree)
    digests = []
    if os.path.isdir(CORPUS):
        for root, _, names in os.walk(CORPUS):
            digests += [os.path.join(root, n) for n in names if n.endswith(".md")]
        digests = sorted(digests)[:24]
    for source in digests:
        shutil.copy(source, os.path.join(tree, os.path.relpath(source, CORPUS).replace("/", "-")))
    shutil.copytree(FIXTURES, os.path.join(tree, "fixtures"))
    return tree


def test_warm_equals_cold(work, tree):
    for form in ["human", "json", "sarif"]:
        cache = os.path.join(work, f"cache-{form}")
        cold = run(work, "--format", form, "--cache-dir", cache, "-v", tree)
        warm = run(work, "--format", form, "--cache-dir", cache, "-v", tree)
        check(f"{form}: warm output", cold[:2] == warm[:2], "differs from the cold run")
        hits = from_cache(warm[2])
        check(f"{form}: warm run", hits and hits[0] == hits[1] and hits[1] > 0,
              f"not every file from the cache: {hits}")
        check(f"{form}: cold run", from_cache(cold[2])[0] == 0, "found entries in a new cache")


def test_invalidation(work, tree):
    cache = os.path.join(work, "cache-edit")
    per_file = ["--select", "links,authors,text", "--cache-dir", cache, "-v", tree]
    run(work, *per_file)
    victim = sorted(os.path.join(tree, n) for n in os.listdir(tree) if n.endswith(".md"))[0]
    with open(victim, "a", encoding="utf-8") as out:
        out.write("\nAuthors: A, +\n")
    code, stdout, stderr = run(work, *per_file)
    hits, total = from_cache(stderr)
    check("edit", hits == total - 1, f"{hits} of {total} from the cache after editing one file")
    _, reference, _ = run(work, "--select", "links,authors,text", "--no-cache", tree)
    check("edit: report", stdout == reference, "differs from an uncached run")

    # Duplicate summaries compare files: after one edit every file is compared again, but only
    # the edited one is checked by the other rules again.
    whole = ["--cache-dir", cache, "-v", tree]
    run(work, *whole)
    with open(victim, "a", encoding="utf-8") as out:
        out.write("\nAuthors: B, +\n")
    code, stdout, stderr = run(work, *whole)
    hits, total = from_cache(stderr)
    check("edit, compared files", hits == 0, f"{hits} of {total} served without comparing")
    not_digests = stderr.count(": note: skipped, ")
    check("edit, compared files: reuse", only_compared(stderr) == total - 1 - not_digests,
          f"{only_compared(stderr)} of {total} only compared ({not_digests} not digests)")
    check("edit, compared files: report", stdout == run(work, "--no-cache", tree)[1],
          "differs from an uncached run")

    run(work, *whole)
    with open(os.path.join(tree, ".digestlint.yaml"), "w", encoding="utf-8") as out:
        out.write("rules:\n  text/trailing-whitespace: off\n")
    code, stdout, stderr = run(work, *whole)
    check("config", from_cache(stderr)[0] == 0, "an edited configuration reused results")
    check("config: report", "text/trailing-whitespace" not in stdout.decode(), "rule still ran")
    os.remove(os.path.join(tree, ".digestlint.yaml"))

    pack = os.path.join(work, "extra.yaml")
    with open(pack, "w", encoding="utf-8") as out:
        out.write("rules:\n  - id: custom/vague\n    severity: note\n    scope: summary\n"
                  "    kind: pattern\n    params: {pattern: 'novel'}\n"
                  "    message: \"'novel'\"\n    description: A vague word.\n")
    run(work, *whole)
    code, stdout, stderr = run(work, "--rules", pack, *whole)
    check("--rules", from_cache(stderr)[0] == 0, "another rule pack reused results")
    check("--rules: ran", code != 3, stderr)
    check("--select", from_cache(run(work, "--select", "links", *whole)[2])[0] == 0,
          "another --select reused results")


def test_no_cache(work, tree):
    quiet = os.path.join(work, "quiet")
    os.makedirs(quiet)
    run(quiet, "--no-cache", tree)
    run(quiet, "--no-cache", "--cache-dir", os.path.join(quiet, "named"), tree)
    check("--no-cache", os.listdir(quiet) == [], f"wrote {os.listdir(quiet)}")
    run(quiet, tree)
    check("default directory", os.path.isdir(os.path.join(quiet, ".digestlint_cache")),
          f"{os.listdir(quiet)}")


def test_unwritable(work, tree):
    # A directory under a regular file cannot be created, whoever runs the test (root included).
    blocker = os.path.join(work, "not-a-directory")
    with open(blocker, "w", encoding="utf-8") as f:
        f.write("x")
    reference = run(work, "--no-cache", tree)
    code, stdout, stderr = run(work, "--cache-dir", os.path.join(blocker, "cache"), tree)
    check("unwritable: report", (code, stdout) == reference[:2], "differs from an uncached run")
    warnings = stderr.count("warning: cannot write the result cache")
    check("unwritable: said once", warnings == 1, f"{warnings} warnings: {stderr[-300:]}")


def test_corrupt_entries(work, tree):
    cache = os.path.join(work, "cache-corrupt")
    reference = run(work, "--cache-dir", cache, tree)
    for root, _, names in os.walk(os.path.join(cache, "results")):
        for index, name in enumerate(sorted(names)):
            with open(os.path.join(root, name), "r+b") as entry:
                entry.truncate(index % 3 * 7)  # empty, cut short, cut shorter
    again = run(work, "--cache-dir", cache, "-v", tree)
    check("corrupt entries", again[:2] == reference[:2], "changed the report")
    check("corrupt entries: misses", from_cache(again[2])[0] == 0, "a corrupt entry was a hit")


def test_concurrent(work, tree):
    cache = os.path.join(work, "cache-shared")
    _, reference, _ = run(work, "--no-cache", "--format", "json", tree)
    for _ in range(3):
        shutil.rmtree(cache, ignore_errors=True)
        procs = [subprocess.Popen([BIN, "check", "--format", "json", "--cache-dir", cache, tree],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=work)
                 for _ in range(2)]
        outputs = [p.communicate(timeout=120) for p in procs]
        for stdout, stderr in outputs:
            check("concurrent", stdout == reference, stderr.decode()[-500:])
        warm = run(work, "--format", "json", "--cache-dir", cache, "-v", tree)
        check("concurrent, then warm", warm[1] == reference, "differs")
    leftovers = [n for _, _, names in os.walk(cache) for n in names if n.endswith(".tmp")]
    check("concurrent: temporary files", not leftovers, f"{leftovers[:3]}")


def test_findings_cap(work):
    """A file with more than 10,000 findings is linted again each time, not stored."""
    tree = os.path.join(work, "hostile")
    os.makedirs(tree)
    with open(os.path.join(tree, "many.md"), "w", encoding="utf-8") as out:
        out.write(author_line(12000))  # every tenth name a repeat: about 13,000 findings
    with open(os.path.join(tree, "few.md"), "w", encoding="utf-8") as out:
        out.write(author_line(20))
    # Rules that compare files would parse both again while one misses.
    options = ["--select", "authors", "--format", "json", "--cache-dir",
               os.path.join(work, "cache-cap"), "-v", tree]
    cold = run(work, *options)
    counts = {os.path.basename(f["path"]): len(f["findings"])
              for f in json.loads(cold[1])["files"]}
    check("cap: the shape", counts["many.md"] > 10000 >= counts["few.md"] > 0, f"{counts}")
    warm = run(work, *options)
    check("cap: stored", from_cache(warm[2]) == (1, 2), f"{from_cache(warm[2])} from the cache")
    check("cap: report", warm[:2] == cold[:2], "differs from the cold run")


def main():
    with tempfile.TemporaryDirectory() as work:
        tree = make_tree(work)
        test_warm_equals_cold(work, tree)
        test_no_cache(work, tree)
        test_unwritable(work, tree)
        test_corrupt_entries(work, tree)
        test_concurrent(work, tree)
        test_invalidation(work, tree)
        test_findings_cap(work)
    for failure in failures:
        print("FAIL " + failure)
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
