#!/usr/bin/env python3
"""Linear time on hostile inputs (issue #11): each shape of hostile_shapes.py is linted at sizes
n and 2n in the default human format, and the time may grow at most 2.5×. The author line, whose
findings all sit on one line, is also reported as JSON and SARIF: a reporter's work per finding
and line (SARIF's line fingerprints) once made them quadratic there. A ratio, not a
wall-clock limit, so a slow or busy machine passes as long as the growth is linear; each size is
timed as the minimum of five runs, the two sizes taking turns. DIGESTLINT_SANITIZED=1 (the ASan+UBSan build) measures
smaller inputs.  usage: hostile_shapes_test.py DIGESTLINT [SHAPE…]"""
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hostile_shapes import SHAPES  # noqa: E402

MAX_RATIO = 2.5
REPEATS = 5  # the minimum of five runs: a transient load rarely slows them all
FORMATS = {"author-line": ["human", "json", "sarif"]}  # the others: human only


def lint_seconds(binary, path, output_format):
    start = time.perf_counter()
    # Without the result cache: with it, a size whose findings stay under the cache's cap
    # (10,000) is read from the cache and its double, above it, linted, so the ratio would
    # compare a cached run with a linted one.
    proc = subprocess.run([binary, "check", "--no-cache", "--fail-on", "never",
                           "--format", output_format, path],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=300)
    if proc.returncode != 0:
        sys.exit(f"{path}: exit {proc.returncode}: {proc.stderr.decode()[:400]}")
    return time.perf_counter() - start


def best_seconds(binary, paths, output_format):
    """The minimum of REPEATS runs per size, the sizes taking turns, so that a slow spell of the
    machine slows both sizes rather than one."""
    best = [float("inf")] * len(paths)
    for _ in range(REPEATS):
        for i, path in enumerate(paths):
            best[i] = min(best[i], lint_seconds(binary, path, output_format))
    return best


def main():
    binary = os.path.abspath(sys.argv[1])
    names = sys.argv[2:] or list(SHAPES)
    scale = 4 if os.environ.get("DIGESTLINT_SANITIZED") else 1
    failed = []
    with tempfile.TemporaryDirectory() as directory:
        for name in names:
            generate, n, _ = SHAPES[name]
            n = max(1, n // scale)
            paths = []
            for size in (n, 2 * n):
                paths.append(os.path.join(directory, f"{name}-{size}.md"))
                with open(paths[-1], "w", encoding="utf-8") as f:
                    f.write(generate(size))
            for output_format in FORMATS.get(name, ["human"]):
                times = best_seconds(binary, paths, output_format)
                ratio = times[1] / times[0]
                verdict = "ok" if ratio <= MAX_RATIO else "FAIL"
                print(f"{verdict} {name} ({output_format}): n={n} {times[0]:.3f} s, "
                      f"2n {times[1]:.3f} s, ratio {ratio:.2f} (at most {MAX_RATIO})")
                if ratio > MAX_RATIO:
                    failed.append(f"{name} ({output_format})")
    if failed:
        sys.exit("super-linear: " + ", ".join(failed))


if __name__ == "__main__":
    main()
