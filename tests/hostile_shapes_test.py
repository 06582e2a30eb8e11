#!/usr/bin/env python3
"""Linear time on hostile inputs (issue #11): each shape of hostile_shapes.py is linted at sizes
n and 2n in the default human format. The author line, whose findings all sit on one line, is
also reported as JSON and SARIF: a reporter's work per finding and line (SARIF's line
fingerprints) once made them quadratic there. The bullets, a fix on each line, are also fixed
(`--diff`): the fixes were applied in place, each moving the rest of the text. Two measures:

- time (the default): the wall time may grow at most 2.5×. A ratio, not a wall-clock limit, so a
  slow machine passes as long as the growth is linear. Each size is timed as the minimum of five
  runs, the two sizes taking turns; a ratio over the limit is measured again, up to five rounds
  in all, and fails only when every round is over it: a busy neighbour on a shared machine rarely
  slows the larger size five times, a quadratic loop always does (three rounds were not enough on
  a virtual machine whose speed changed for seconds at a time: many-bullets --diff once read 3.0).
- --instructions: the instructions executed (valgrind's callgrind, one thread) may grow at most
  2.05×. They do not depend on the machine's load, so the limit can be tight enough to catch a
  quadratic part that costs a few per cent (a scan of every entry per finding did: 2.08× for
  the copies). Callgrind runs some fifty times slower, so the runs share the cores.

DIGESTLINT_SANITIZED=1 (the ASan+UBSan build) times smaller inputs.
usage: hostile_shapes_test.py [--instructions] DIGESTLINT [SHAPE…]
Exit status: 0; 1 when a shape grows faster than the limit; 77 when --instructions is given and
valgrind is not installed."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hostile_shapes import SHAPES  # noqa: E402

TIME_LIMIT = 2.5
INSTRUCTION_LIMIT = 2.05
REPEATS = 5  # the minimum of five runs per size and round
ROUNDS = 5
# Besides the default (human) run of every shape: {shape: further options}.
MORE_RUNS = {"author-line": [["--format", "json"], ["--format", "sarif"]],
             "many-bullets": [["--diff"]]}
SKIP = 77


def lint_command(binary, path, options):
    # Without the result cache: with it, a size whose findings stay under the cache's cap
    # (10,000) is read from the cache and its double, above it, linted, so the ratio would
    # compare a cached run with a linted one.
    return [binary, "check", "--no-cache", "--fail-on", "never", *options, path]


def run(command):
    proc = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=600)
    pending_fixes = "--diff" in command and proc.returncode == 1  # --diff's "there are fixes"
    if proc.returncode != 0 and not pending_fixes:
        sys.exit(f"{' '.join(command)}: exit {proc.returncode}: {proc.stderr.decode()[:400]}")
    return proc.stderr.decode(errors="replace")


def seconds(binary, path, options):
    start = time.perf_counter()
    run(lint_command(binary, path, options))
    return time.perf_counter() - start


def timed_ratio(binary, paths, options):
    """(time of n, time of 2n): the minimum of REPEATS runs each, the sizes taking turns so that a
    slow spell of the machine slows both; another round while the ratio is over the limit."""
    for _ in range(ROUNDS):
        best = [float("inf")] * len(paths)
        for _ in range(REPEATS):
            for i, path in enumerate(paths):
                best[i] = min(best[i], seconds(binary, path, options))
        if best[1] / best[0] <= TIME_LIMIT:
            break
    return best


def instructions(binary, path, options):
    report = run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                  *lint_command(binary, path, options), "--jobs", "1"])
    match = re.search(r"refs:\s+([\d,]+)", report)
    if not match:
        sys.exit(f"no instruction count in valgrind's report: {report[-400:]}")
    return int(match.group(1).replace(",", ""))


def main():
    arguments = sys.argv[1:]
    count_instructions = "--instructions" in arguments
    if count_instructions:
        arguments.remove("--instructions")
        if not shutil.which("valgrind"):
            print("SKIP: valgrind is not installed (apt-get install valgrind)")
            return SKIP
    binary = os.path.abspath(arguments[0])
    names = arguments[1:] or list(SHAPES)
    scale = 4 if os.environ.get("DIGESTLINT_SANITIZED") else 1
    limit, unit = (INSTRUCTION_LIMIT, "instructions") if count_instructions else (TIME_LIMIT, "s")
    failed = []
    with tempfile.TemporaryDirectory() as directory:
        jobs = []  # (name, output format, paths of n and 2n)
        for name in names:
            generate, n, _ = SHAPES[name]
            n = max(1, n // scale)
            paths = []
            for size in (n, 2 * n):
                paths.append(os.path.join(directory, f"{name}-{size}.md"))
                with open(paths[-1], "w", encoding="utf-8") as f:
                    f.write(generate(size))
            jobs += [(name, options, n, paths) for options in [[]] + MORE_RUNS.get(name, [])]
        if count_instructions:  # counts do not depend on the load: every core at once
            with ThreadPoolExecutor(os.cpu_count() or 1) as pool:
                counts = [[pool.submit(instructions, binary, path, options) for path in paths]
                          for _, options, _, paths in jobs]
                costs = [[future.result() for future in pair] for pair in counts]
        else:
            costs = [timed_ratio(binary, paths, options) for _, options, _, paths in jobs]
        for (name, options, n, _), cost in zip(jobs, costs):
            shown = [f"{c:,}" if count_instructions else f"{c:.3f}" for c in cost]
            ratio = cost[1] / cost[0]
            verdict = "ok" if ratio <= limit else "FAIL"
            run_name = f"{name} ({' '.join(options) or 'human'})"
            print(f"{verdict} {run_name}: n={n} {shown[0]} {unit}, "
                  f"2n {shown[1]} {unit}, ratio {ratio:.3f} (at most {limit})")
            if ratio > limit:
                failed.append(run_name)
    if failed:
        print("super-linear: " + ", ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
