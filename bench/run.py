#!/usr/bin/env python3
"""digestlint benchmarks. Every number is reported next to a baseline measured in the same run,
interleaved, so machine noise hits both alike.

  bench/run.py [--digestlint build/digestlint] [--repeat 15] [--files 200] [--baseline OTHER]

  hook      one `digestlint check FILE` as pre-commit runs it (start-up + one digest),
            against `digestlint --version` (process start-up alone)
  summary   time of every rule over a corpus, against every rule but the two summary verdicts
            (summary/generic-template, summary/title-mismatch): the summary rules may add at most
            30%. Medians of --repeat interleaved pairs, as wall time and as CPU time (user +
            system, from wait4), which other work on the machine disturbs less, each with a 90%
            interval from resampling the pairs: how uncertain this run's figure is (another run,
            or another day, can move it further). Measured on one core, where wall time is the
            work done: with `--jobs 1` a run still has two busy threads (a worker, and the
            whole-run comparison of summary/duplicate-summary on the main thread), and on two
            cores the wall time of the run without the verdicts is the main thread's, which hides
            part of what they cost the worker. The all-cores figure is printed beside it. With
            --baseline (another build's binary), also the time the verdicts add in each build,
            interleaved on one core: their own cost, which the other rules' speed-ups do not move.
"""
import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def timed(command, repeat, cores=None):
    """(wall, cpu) seconds of each run; cpu is the user and system time the run used (wait4),
    steadier than wall time when other work shares the machine. `cores`: the CPUs the command
    may run on (all when None)."""
    pin = (lambda: os.sched_setaffinity(0, cores)) if cores else None
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                preexec_fn=pin)
        _, _, usage = os.wait4(proc.pid, 0)
        samples.append((time.perf_counter() - start, usage.ru_utime + usage.ru_stime))
    return samples


def instructions(command):
    """Instructions the command executes, all threads, as callgrind counts them: a cost that other
    work on the machine does not move."""
    proc = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                           *command], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    refs = re.search(r"I\s+refs:\s+([\d,]+)", proc.stderr)
    if not refs:
        raise SystemExit(f"callgrind gave no count for {command}:\n{proc.stderr[-500:]}")
    return int(refs.group(1).replace(",", ""))


def interleaved(commands, repeat, cores=None):
    """Runs the commands in turn, round after round, so drift affects them alike; returns each
    round's (wall, cpu) seconds of each command, in their order: ((wall a, cpu a), (wall b, cpu
    b), …)."""
    for command in commands:
        timed(command, 2, cores)  # warm the page cache
    return [tuple(timed(command, 1, cores)[0] for command in commands) for _ in range(repeat)]


def medians(rounds):
    """The medians of interleaved rounds, in their shape: ((wall a, cpu a), (wall b, cpu b),
    …)."""
    return tuple(tuple(statistics.median(times[side][k] for times in rounds) for k in (0, 1))
                 for side in range(len(rounds[0])))


def side_by_side(command_a, command_b, repeat, cores=None):
    """The medians of `repeat` interleaved rounds of the two commands (see medians())."""
    return medians(interleaved([command_a, command_b], repeat, cores))


def added_interval(rounds, k, confidence=0.9, resamples=2000):
    """The percentage the second command adds to the first (the ratio of their medians, time k:
    0 wall, 1 CPU), and a `confidence` interval for it from resampling the rounds. It says how
    uncertain this run's figure is, not how far another run could move it: a goal whose line
    the interval crosses is neither met nor missed by this run."""
    def added(pairs):
        first, second = medians(pairs)
        return (second[k] / first[k] - 1) * 100

    draw = random.Random(7)  # the same interval for the same rounds
    estimates = sorted(added([draw.choice(rounds) for _ in rounds]) for _ in range(resamples))
    tail = round(resamples * (1 - confidence) / 2)
    return added(rounds), estimates[tail], estimates[-1 - tail]


def shift(text, seed):
    """Shifts Latin letters and Hangul syllables by `seed` places in their alphabets."""
    out = []
    for c in text:
        if "a" <= c <= "z":
            c = chr(ord("a") + (ord(c) - ord("a") + seed) % 26)
        elif "A" <= c <= "Z":
            c = chr(ord("A") + (ord(c) - ord("A") + seed) % 26)
        elif "\uac00" <= c <= "\ud7a3":
            c = chr(0xAC00 + (ord(c) - 0xAC00 + seed * 7) % 11172)
        out.append(c)
    return "".join(out)


def disguise(text, seed):
    """Gives a copy its own wording, as distinct digests in a real repository have: titles and
    summary sections are shifted alike (so a summary still shares its title's terms), links and
    section names are kept."""
    if seed == 0:
        return text
    lines = []
    for line in text.split("\n"):
        if line.startswith("### [") and "](" in line:
            title, rest = line[5:].split("](", 1)
            line = "### [" + shift(title, seed) + "](" + rest
        elif line.startswith("- **") and "**:" in line:
            label, rest = line.split("**:", 1)
            line = label + "**:" + shift(rest, seed)
        lines.append(line)
    return "\n".join(lines)


def corpus(directory, files):
    """Real days of ../shared/corpus when present (l-yohai/daily_papers_ko, CC BY-NC 4.0), copied
    as they are; otherwise the sample digests, each copy reworded by disguise() and written to
    its own file, so the run looks like a digest repository."""
    days = os.path.join(ROOT, "..", "shared", "corpus", "daily_papers_ko")
    if os.path.isdir(days):
        paths = sorted(os.path.join(d, n) for d, _, names in os.walk(days) for n in names
                       if n.endswith(".md"))[:files]
        total = 0
        for i, path in enumerate(paths):
            shutil.copy(path, os.path.join(directory, f"{i:04d}.md"))
            total += os.path.getsize(path)
        return total
    sources = [os.path.join(ROOT, "fixtures", "clean.md")]
    shared = os.path.join(ROOT, "..", "shared", "digests")
    if os.path.isdir(shared):
        sources += [os.path.join(shared, n) for n in sorted(os.listdir(shared)) if n.endswith(".md")]
    total = 0
    for i in range(files):
        source = sources[i % len(sources)]
        with open(source, encoding="utf-8") as f:
            text = disguise(f.read(), i // len(sources))
        target = os.path.join(directory, f"{i:04d}-{os.path.basename(source)}")
        with open(target, "w", encoding="utf-8") as f:
            f.write(text)
        total += len(text.encode())
    return total


def verdicts_against(baseline, base, without, repeat, cores):
    """The time the verdicts add in this build and in `baseline` (the same commands, another
    binary), the four runs interleaved on one core: a ratio of the verdicts' own cost, which the
    other rules' speed does not move as it moves their share of a run."""
    swap = lambda command: [baseline, *command[1:]]
    times = medians(interleaved([without, base, swap(without), swap(base)], repeat, cores))
    cpu = [time for _, time in times]
    added = {"this": cpu[1] - cpu[0], "baseline": cpu[3] - cpu[2]}
    print(f"summary: the verdicts add {added['this'] * 1000:.1f} ms of CPU here, "
          f"{added['baseline'] * 1000:.1f} ms in the baseline ({baseline}): "
          f"{added['this'] / added['baseline']:.3f}x, one core, medians of {repeat} rounds")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--digestlint", default=os.path.join(ROOT, "build", "digestlint"))
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--baseline", help="another build's digestlint: the verdicts' own time in "
                        "each, side by side on one core (their cost, whatever the other rules')")
    args = parser.parse_args()
    binary = args.digestlint
    sample = os.path.join(ROOT, "fixtures", "clean.md")

    # --no-cache everywhere: a result cache left by an earlier repeat would time the cache.
    (hook, _), (startup, _) = side_by_side([binary, "check", "--no-cache", sample],
                                           [binary, "--version"], args.repeat)
    print(f"hook: check one digest {hook * 1000:.1f} ms; start-up alone {startup * 1000:.1f} ms; "
          f"ratio {hook / startup:.2f}x (goal: under 20 ms)")

    with tempfile.TemporaryDirectory() as directory:
        size = corpus(directory, args.files)
        base = [binary, "check", "--no-cache", "--jobs", "1", "--fail-on", "never", directory]
        without = base + ["--ignore", "summary/generic-template,summary/title-mismatch"]
        one_core = {min(os.sched_getaffinity(0))}
        mib = size / (1 << 20)
        for cores, label in ((one_core, "one core"), (None, "all cores")):
            rounds = interleaved([without, base], args.repeat, cores)
            others, everything = medians(rounds)
            added = [added_interval(rounds, k) for k in (0, 1)]
            print(f"summary: {args.files} files, {mib:.1f} MiB, --jobs 1, {label}: without the "
                  f"summary verdicts {others[0]:.3f} s (CPU {others[1]:.3f} s), all rules "
                  f"{everything[0]:.3f} s (CPU {everything[1]:.3f} s); the summary verdicts add "
                  f"{added[0][0]:.0f}% wall (90% interval {added[0][1]:.0f}–{added[0][2]:.0f}%), "
                  f"{added[1][0]:.0f}% CPU ({added[1][1]:.0f}–{added[1][2]:.0f}%) (goal: at most "
                  f"30%, on one core)")
        if args.baseline:
            verdicts_against(args.baseline, base, without, args.repeat, one_core)
        if shutil.which("valgrind"):
            others, everything = instructions(without), instructions(base)
            print(f"summary: {args.files} files, instructions (callgrind, once each): without the "
                  f"summary verdicts {others / 1e6:.1f} M, all rules {everything / 1e6:.1f} M; the "
                  f"summary verdicts add {(everything / others - 1) * 100:.1f}% (the same on any "
                  f"machine, where time moves by ten points from run to run)")
        else:
            print("summary: instructions not counted: valgrind is not installed")


if __name__ == "__main__":
    main()
