#!/usr/bin/env python3
"""digestlint benchmarks. Every number is reported next to a baseline measured in the same run,
interleaved, so machine noise hits both alike.

  bench/run.py [--digestlint build/digestlint] [--repeat 15] [--files 200]

  hook      one `digestlint check FILE` as pre-commit runs it (start-up + one digest),
            against `digestlint --version` (process start-up alone)
  summary   wall time of every rule over a corpus, against every rule but the two summary
            verdicts (summary/generic-template, summary/title-mismatch): the summary rules may
            add at most 30%
"""
import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def timed(command, repeat):
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        samples.append(time.perf_counter() - start)
    return samples


def side_by_side(name_a, command_a, name_b, command_b, repeat):
    """Alternates the two commands so drift affects both; returns the medians in seconds."""
    a, b = [], []
    timed(command_a, 2), timed(command_b, 2)  # warm the page cache
    for _ in range(repeat):
        a += timed(command_a, 1)
        b += timed(command_b, 1)
    return statistics.median(a), statistics.median(b)


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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--digestlint", default=os.path.join(ROOT, "build", "digestlint"))
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--files", type=int, default=200)
    args = parser.parse_args()
    binary = args.digestlint
    sample = os.path.join(ROOT, "fixtures", "clean.md")

    # --no-cache everywhere: a result cache left by an earlier repeat would time the cache.
    hook, startup = side_by_side("hook", [binary, "check", "--no-cache", sample], "startup",
                                 [binary, "--version"], args.repeat)
    print(f"hook: check one digest {hook * 1000:.1f} ms; start-up alone {startup * 1000:.1f} ms; "
          f"ratio {hook / startup:.2f}x (goal: under 20 ms)")

    with tempfile.TemporaryDirectory() as directory:
        size = corpus(directory, args.files)
        base = [binary, "check", "--no-cache", "--jobs", "1", "--fail-on", "never", directory]
        others, everything = side_by_side(
            "others", base + ["--ignore", "summary/generic-template,summary/title-mismatch"],
            "all", base, max(3, args.repeat // 3))
        mib = size / (1 << 20)
        print(f"summary: {args.files} files, {mib:.1f} MiB, one thread: without the summary "
              f"verdicts {others:.2f} s, all rules {everything:.2f} s; the summary verdicts add "
              f"{(everything / others - 1) * 100:.0f}% (goal: at most 30%)")


if __name__ == "__main__":
    main()
