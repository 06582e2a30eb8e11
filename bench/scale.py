#!/usr/bin/env python3
"""Throughput and scaling of digestlint against two baselines, side by side in one run (issue #11):

  digestlint         check --no-cache --jobs 2, every default rule, human format to /dev/null;
                     then with the result cache, cold (a fresh --cache-dir) and warm (again),
                     also on the shared corpus itself
  parse floor        bench/cmark_floor.c: libcmark-gfm parse + node walk of each file, 1 thread
                     (built here with cc against the system libcmark-gfm)
  markdownlint-cli2  from npm, installed into the work directory (skipped with a reason when npm
                     or the registry is unavailable)

on corpora of --sizes digests recombined from the real entries of ../shared/corpus (each file
gets a real day's header and that many entries drawn from real digests of the same month, so
summaries repeat across files as they would in a long archive), plus the hostile shapes of
tests/hostile_shapes.py at their benchmark sizes. Reports wall time, ratios, peak RSS (wait4) and
the time ratio between the smallest and the largest corpus, beside their size ratio; writes a
markdown table (--out). A corpus row is the median of --repeat runs of digestlint, each followed
by a run of the floor (interleaved, so the host's drift hits both): single runs on this kind of
machine vary by a third from minute to minute. Its ratio is given twice: the ratio of the two
medians, and the median of each pair's own ratio ("per pair"), which drift moves least.
Generated corpora live in --work (default build/bench-scale) and are never committed.

  bench/scale.py [--digestlint build/digestlint] [--sizes 1000,10000] [--repeat 3] [--out table.md]
"""
import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))
from hostile_shapes import SHAPES  # noqa: E402

CORPUS = os.path.join(ROOT, "..", "shared", "corpus", "daily_papers_ko")
MARKDOWNLINT = "markdownlint-cli2@0.17.2"


def measure(command, cwd=None):
    """Wall seconds and peak RSS (MiB) of one run, its output discarded."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def interleaved(command_a, command_b, repeat):
    """Medians of `repeat` alternating runs of two commands: ((wall, rss) of a, wall of b), and
    the median of the pairs' own ratios a / b. That ratio is steadier than the ratio of the
    medians: the host's drift over minutes moves both runs of a pair alike."""
    a, b = [], []
    for _ in range(repeat):
        a.append(measure(command_a))
        b.append(measure(command_b)[0])
    per_pair = statistics.median(t / base for (t, _), base in zip(a, b))
    return (statistics.median(t for t, _ in a), max(m for _, m in a)), statistics.median(b), per_pair


def cached_runs(digestlint, name, directory, repeat):
    """Medians of `repeat` pairs of a cold and a warm run, each pair with a fresh result cache: a
    table row. A single cold run varies by half from one minute to the next here, and the
    warm / cold share with it."""
    colds, warms = [], []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as cache:
            command = [digestlint, "check", "--jobs", "2", "--fail-on", "never", "--cache-dir",
                       cache, directory]
            colds.append(measure(command))
            warms.append(measure(command))
    cold, warm = statistics.median(t for t, _ in colds), statistics.median(t for t, _ in warms)
    cold_rss, warm_rss = max(m for _, m in colds), max(m for _, m in warms)
    return (f"| {name} | {cold:.2f} s | {cold_rss:.0f} MiB | {warm:.2f} s | {warm_rss:.0f} MiB | "
            f"{warm / cold:.1%} |")


def real_days():
    days = []
    for directory, _, names in sorted(os.walk(CORPUS)):
        for name in sorted(names):
            if not name.endswith(".md"):
                continue
            with open(os.path.join(directory, name), encoding="utf-8") as f:
                text = f.read()
            parts = re.split(r"(?m)^(?=### )", text)
            month = os.path.relpath(directory, CORPUS)
            days.append((month, parts[0], parts[1:]))
    return days


def generate(directory, files, days):
    """Writes `files` digests recombined from real entries; returns their total bytes."""
    if os.path.isdir(directory) and len(os.listdir(directory)) == files:
        return sum(os.path.getsize(os.path.join(directory, n)) for n in os.listdir(directory))
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(directory)
    by_month = {}
    for month, _, entries in days:
        by_month.setdefault(month, []).extend(entries)
    rng = random.Random(11)
    total = 0
    for i in range(files):
        month, header, entries = days[i % len(days)]
        pool = by_month[month]
        text = header + "".join(rng.choice(pool) for _ in entries)
        data = text.encode()
        with open(os.path.join(directory, f"{i:05d}.md"), "wb") as f:
            f.write(data)
        total += len(data)
    return total


def build_floor(work):
    binary = os.path.join(work, "cmark_floor")
    subprocess.run(["cc", "-O2", "-o", binary, os.path.join(ROOT, "bench", "cmark_floor.c"),
                    "-lcmark-gfm-extensions", "-lcmark-gfm"], check=True)
    return binary


def install_markdownlint(work):
    """The markdownlint-cli2 binary, or (None, why not)."""
    if shutil.which("npm") is None:
        return None, "npm not found"
    prefix = os.path.join(work, "npm")
    binary = os.path.join(prefix, "node_modules", ".bin", "markdownlint-cli2")
    if not os.path.exists(binary):
        os.makedirs(prefix, exist_ok=True)
        proc = subprocess.run(["npm", "install", "--prefix", prefix, "--no-audit", "--no-fund",
                               MARKDOWNLINT], capture_output=True, text=True)
        if proc.returncode != 0:
            return None, "npm install failed: " + proc.stderr.strip()[-200:]
    return binary, ""


def files_of(directory):
    return sorted(os.path.join(directory, n) for n in os.listdir(directory))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--digestlint", default=os.path.join(ROOT, "build", "digestlint"))
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--work", default=os.path.join(ROOT, "build", "bench-scale"))
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of each corpus row (medians), interleaved with the floor's, and "
                        "cold/warm pairs of each cache row (at least 5 for the shared corpus)")
    parser.add_argument("--out", help="also write the markdown table here")
    parser.add_argument("--no-markdownlint", action="store_true")
    parser.add_argument("--no-shapes", action="store_true")
    args = parser.parse_args()
    digestlint = os.path.abspath(args.digestlint)
    os.makedirs(args.work, exist_ok=True)
    floor = build_floor(args.work)
    markdownlint, why_not = (None, "--no-markdownlint") if args.no_markdownlint else \
        install_markdownlint(args.work)
    if markdownlint is None:
        print(f"markdownlint-cli2 skipped: {why_not}", file=sys.stderr)

    rows = ["| input | size | digestlint `--jobs 2` | peak RSS | parse floor (1 thread) | "
            "digestlint / floor | per pair | markdownlint-cli2 | peak RSS |",
            "|---|---|---|---|---|---|---|---|---|"]
    days = real_days() if os.path.isdir(CORPUS) else []
    corpus_times = []
    cache_rows = ["| input | cold run, cache on | peak RSS | warm run (nothing changed) | peak RSS | "
                  "warm / cold |", "|---|---|---|---|---|---|"]
    for files in (int(s) for s in args.sizes.split(",") if s and days):
        directory = os.path.join(args.work, f"corpus-{files}")
        size = generate(directory, files, days)
        paths = files_of(directory)
        (ours, rss), base, per_pair = interleaved(
            [digestlint, "check", "--no-cache", "--jobs", "2", "--fail-on", "never", directory],
            [floor, *paths], args.repeat)
        cache_rows.append(cached_runs(digestlint, f"{files:,} recombined digests", directory,
                                      args.repeat))
        other = "skipped"
        other_rss = "—"
        if markdownlint:
            seconds, mib = measure([markdownlint, "**/*.md"], cwd=directory)
            other, other_rss = f"{seconds:.2f} s", f"{mib:.0f} MiB"
        corpus_times.append((files, size, ours, base))
        rows.append(f"| {files:,} recombined digests | {size / 1e6:.0f} MB | {ours:.2f} s | "
                    f"{rss:.0f} MiB | {base:.2f} s | {ours / base:.2f}× | {per_pair:.2f}× | {other} | "
                    f"{other_rss} |")
        print(rows[-1], flush=True)
    if not days:
        print(f"corpus rows skipped: {CORPUS} not found", file=sys.stderr)

    if not args.no_shapes:
        for name, (shape, _, n) in SHAPES.items():
            path = os.path.join(args.work, f"shape-{name}.md")
            with open(path, "w", encoding="utf-8") as f:
                f.write(shape(n))
            ours, rss = measure([digestlint, "check", "--fail-on", "never", path])
            base, _ = measure([floor, path])
            rows.append(f"| hostile: {name} (n={n:,}) | {os.path.getsize(path) / 1e6:.1f} MB | "
                        f"{ours:.2f} s (1 file) | {rss:.0f} MiB | {base:.3f} s | "
                        f"{ours / base:.1f}× | | | |")
            print(rows[-1], flush=True)

    if days:
        cache_rows.append(cached_runs(digestlint, "the shared corpus", CORPUS, max(args.repeat, 5)))
        print(cache_rows[-1], flush=True)
    table = "\n".join(rows) + "\n\nWith the result cache (a fresh `--cache-dir`, then the same run again; " \
        "medians of the pairs):\n\n" + \
        "\n".join(cache_rows)
    if len(corpus_times) >= 2:
        (small, b_small, t_small, f_small), (large, b_large, t_large, f_large) = \
            corpus_times[0], corpus_times[-1]
        table += (f"\n\n{small:,} → {large:,} digests: time ratio {t_large / t_small:.2f} "
                  f"(linear would be {large / small:.0f} by files, {b_large / b_small:.2f} by "
                  f"bytes; the parse floor's {f_large / f_small:.2f}); "
                  f"medians of {args.repeat} runs")
    if markdownlint is None:
        table += f"\n\nmarkdownlint-cli2 skipped: {why_not}"
    print("\n" + table)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(table + "\n")


if __name__ == "__main__":
    main()
