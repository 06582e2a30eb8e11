#!/usr/bin/env python3
"""The summary verdicts' hot functions, two builds side by side (bench/micro.cpp).

  bench/micro.py [--build build] [--baseline OTHER_BUILD_DIR] [--files 200]
                 [--rounds 5] [--repeat 15]

Builds the target digestlint_micro in each build directory, then runs the two binaries in
turn, --rounds times each, on one core; each run times every kernel as the best of --repeat
passes over the same summaries. Prints each kernel's median time per summary megabyte and, with
--baseline, the ratio (this build / baseline). A kernel is one function over every summary
(`analyse` is the whole analysis the two verdicts share, per digest), so the kernels do not sum
to a run: most summaries are settled before the costlier ones run.

Corpus: bench/run.py's, in a scratch directory: the first --files days of ../shared/corpus
(l-yohai/daily_papers_ko, CC BY-NC 4.0), or reworded copies of the sample digests when it is
absent.
"""
import argparse
import os
import statistics
import subprocess
import tempfile

from run import corpus  # the same days bench/run.py times

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def build(directory):
    subprocess.run(["cmake", "--build", directory, "--target", "digestlint_micro"], check=True,
                   stdout=subprocess.DEVNULL)
    return os.path.join(directory, "bench", "digestlint_micro")


def run(binary, directory, repeat):
    """{kernel: (seconds, bytes)} of one run, pinned to one core."""
    out = subprocess.run([binary, directory, "--repeat", str(repeat)], capture_output=True,
                         text=True, check=True, preexec_fn=lambda: os.sched_setaffinity(0, {0}))
    times = {}
    for line in out.stdout.splitlines():
        name, seconds, size = line.split("\t")
        times[name] = (float(seconds), int(size))
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--baseline", help="another build directory to compare with")
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    builds = [args.build] + ([args.baseline] if args.baseline else [])
    binaries = [build(directory) for directory in builds]
    with tempfile.TemporaryDirectory(prefix="digestlint-micro-") as directory:
        corpus(directory, args.files)
        samples = [[] for _ in binaries]
        for _ in range(args.rounds):
            for k, binary in enumerate(binaries):
                samples[k].append(run(binary, directory, args.repeat))
    medians = [{name: statistics.median(s[name][0] for s in runs) for name in runs[0]}
               for runs in samples]
    size = next(iter(samples[0][0].values()))[1]
    print(f"{size / 1e6:.1f} MB of summaries; median of {args.rounds} runs, each kernel the best "
          f"of {args.repeat} passes; ms per MB")
    header = f"{'kernel':<26} {'this build':>11}"
    if args.baseline:
        header += f" {'baseline':>11} {'ratio':>7}"
    print(header)
    for name, seconds in medians[0].items():
        line = f"{name:<26} {seconds * 1e3 / (size / 1e6):>11.2f}"
        if args.baseline:
            base = medians[1][name]
            line += f" {base * 1e3 / (size / 1e6):>11.2f} {seconds / base:>7.3f}"
        print(line)


if __name__ == "__main__":
    main()
