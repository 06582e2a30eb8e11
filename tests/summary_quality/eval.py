#!/usr/bin/env python3
"""Measures summary/generic-template and summary/title-mismatch on labelled real digests.

Label sets (see tests/summary_quality/labels/README.md for their provenance):
  shared    the 3 labelled digests of SHARED/digests (labels.tsv); the rules were first tuned on them
  tune      corpus days of the development set used while tuning (labels/*.tsv, split=tune)
  holdout   corpus days of round 1 held out while tuning the first version, then looked at
            (split=holdout); since then part of the development data
  holdout2  corpus days of round 2, labelled later, measured blind once, then looked at
            (split=holdout2)
  holdout3  corpus days of round 3, labelled after round 2 was looked at, measured blind
            once, then looked at (split=holdout3)
  holdout4  corpus days of round 4, labelled after round 3 was looked at, measured blind
            once, then looked at (split=holdout4); holdout5 to holdout10 alike (rounds 7 to 10
            have good entries only: their precision counts false warnings)
For each set, `rotated` gives every `ok` entry the summary of the `ok` entry `shift` places
further in the same set (from another day when possible): all positives (title-mismatch).

An entry is flagged when a finding of either rule starts inside it; `warning` counts only
findings at warning level or above (what fails the default gate), `any` also counts notes.
Positives are entries labelled `generic` or `mismatch`; negatives are `ok` entries.

  eval.py --binary build/digestlint [--shared ../shared] [--sets shared,tune,holdout]
          [--shift N] [--min 0.9] [--max-false-rate 0.02] [--misses]

Exit status: 0; 1 when --min is given and warning-level precision or recall on a real or
rotated set falls below it (precision only where the set has a bad entry: on a set of good
entries alone any false warning makes it 0), or when --max-false-rate is given and warning-level
false warnings exceed that share of a real set's good entries; 77 when ../shared is absent; 2 on
usage or run errors.
Python 3 standard library only. Corpus: l-yohai/daily_papers_ko (CC BY-NC 4.0).
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile

SKIP = 77
RULES = ["summary/generic-template", "summary/title-mismatch"]
BAD = ("generic", "mismatch")
HERE = os.path.dirname(os.path.abspath(__file__))
BULLET = re.compile(r"^\s*[-*+] ")


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        return [dict(zip(header, line.rstrip("\n").split("\t"))) for line in f if line.strip()]


def labelled_entries(shared, sets):
    """{set name: [(path, entry index, label)]}"""
    result = collections.defaultdict(list)
    if "shared" in sets:
        digests = os.path.join(shared, "digests")
        for row in read_tsv(os.path.join(digests, "labels.tsv")):
            result["shared"].append((os.path.join(digests, row["file"]), int(row["entry"]),
                                     row["summary_label"]))
    corpus = os.path.join(shared, "corpus", "daily_papers_ko")
    labels_dir = os.path.join(HERE, "labels")
    split_of = {}
    for sample in sorted(n for n in os.listdir(labels_dir) if n.startswith("sample")):
        split_of.update({(r["date"], r["entry"]): r["split"]
                         for r in read_tsv(os.path.join(labels_dir, sample))})
    for name in sorted(os.listdir(labels_dir)):
        if not name.endswith(".tsv") or name.startswith("sample"):
            continue
        for row in read_tsv(os.path.join(labels_dir, name)):
            split = split_of[(row["date"], row["entry"])]
            if split in sets:
                path = os.path.join(corpus, *row["date"].split("-")) + ".md"
                result[split].append((path, int(row["entry"]), row["label"]))
    return result


def entry_blocks(lines):
    """[(first line, end line)] of each `### ` entry, 0-based, end exclusive."""
    starts = [i for i, line in enumerate(lines) if line.startswith("### ")]
    return [(s, starts[k + 1] if k + 1 < len(starts) else len(lines)) for k, s in enumerate(starts)]


def entry_at_line(path, line, cache):
    """Index of the entry block of `path` holding 1-based `line`, or None; `cache` keeps each
    file's blocks across calls."""
    if path not in cache:
        with open(path, encoding="utf-8", errors="replace") as f:
            cache[path] = entry_blocks(f.read().split("\n"))
    return next((index for index, (start, end) in enumerate(cache[path])
                 if start <= line - 1 < end), None)


def summary_range(lines, block):
    """(first, end) lines of the summary bullets of an entry block, or None."""
    first = next((i for i in range(*block) if BULLET.match(lines[i])), None)
    if first is None:
        return None
    end = block[1]
    while end > first and not lines[end - 1].strip():
        end -= 1
    return first, end


CONFIG = []  # extra arguments for every run (--config FILE, --lexicon FILE)


def run_lint(binary, paths):
    """{(path, entry index): {"warning": bool, "any": bool, "confidence": float, "messages": [],
    "warned_rules": [rule ids of its warnings]}}"""
    # --no-cache: a measurement reads what the binary says now, never a stored result.
    command = [binary, "check", *paths, "--no-cache", "--format", "json", "--fail-on", "never",
               "--select", ",".join(RULES), *CONFIG]
    proc = subprocess.run(command, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(f"error: {' '.join(command)} exited {proc.returncode}\n{proc.stderr}")
        sys.exit(2)
    flagged, blocks = {}, {}
    for file in json.loads(proc.stdout)["files"]:
        for finding in file["findings"]:
            index = entry_at_line(file["path"], finding["line"], blocks)
            if index is None:
                continue
            state = flagged.setdefault((file["path"], index),
                                       {"warning": False, "any": True, "messages": [],
                                        "confidence": 0.0, "warned_rules": []})
            if finding["severity"] in ("warning", "error"):
                state["warning"] = True
                state["warned_rules"].append(finding["rule"])
            state["confidence"] = max(state["confidence"], finding.get("confidence", 1))
            state["messages"].append(f"{finding['severity']}: {finding['message']}")
    return flagged


def score(entries, flagged, level):
    tp = fp = fn = 0
    for path, index, label in entries:
        hit = flagged.get((path, index), {}).get(level, False)
        if label in BAD:
            tp += hit
            fn += not hit
        else:
            fp += hit
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    return tp, fp, fn, precision, recall


def build_rotated(entries, shift, out_dir, origins=None):
    """Writes one digest per source file with each ok entry's summary replaced by the summary of
    the ok entry `shift` places further; returns the rotated entries as positives. `origins`, a
    dict when given, receives each positive's (path, index) -> (the file it was made from, the
    file its summary came from)."""
    ok = [(p, i) for p, i, label in entries if label == "ok"]
    texts = {p: open(p, encoding="utf-8", errors="replace").read().split("\n") for p, _ in ok}
    summaries = {}
    for path, index in ok:
        lines = texts[path]
        rng = summary_range(lines, entry_blocks(lines)[index])
        summaries[(path, index)] = lines[rng[0]:rng[1]] if rng else None
    donors = [k for k in ok if summaries[k]]
    donor_of = {donors[k]: donors[(k + shift) % len(donors)] for k in range(len(donors))}
    swapped = {entry: summaries[donor] for entry, donor in donor_of.items()}
    positives = []
    for n, path in enumerate(sorted({p for p, _ in swapped})):
        lines = texts[path]
        out, cursor = [], 0
        for index, block in enumerate(entry_blocks(lines)):
            if (path, index) in swapped:
                rng = summary_range(lines, block)
                out += lines[cursor:rng[0]] + swapped[(path, index)]
                cursor = rng[1]
        out += lines[cursor:]
        target = os.path.join(out_dir, f"{n:03d}-{os.path.basename(path)}")
        with open(target, "w", encoding="utf-8") as f:
            f.write("\n".join(out))
        positives += [(target, i, "mismatch") for (p, i) in swapped if p == path]
        if origins is not None:
            origins.update({(target, i): (p, donor[0]) for (p, i), donor in donor_of.items()
                            if p == path})
    return positives


def lexicon_arguments(lexicon):
    """Arguments that lint with another mined lexicon (a file named summary-lexicon.tsv): a later
    pack's lexicon replaces the default one, and the summary pack is loaded again after it so
    that its rules read it."""
    return ["--rules", lexicon, "--rules", os.path.join(HERE, "..", "..", "rules", "summary.yaml")]


def flag_with_rotations(binary, entries, shift, origins=None):
    """Lints the entries, and their rotation by `shift` in a scratch directory. Returns the flags
    of the entries, the flags of both, and the rotated set: the swapped entries as positives, the
    same ok entries untouched as negatives. `origins`: see build_rotated."""
    flagged = run_lint(binary, sorted({p for p, _, _ in entries}))
    with tempfile.TemporaryDirectory(prefix="digestlint-rotated-") as tmp:
        rotated = build_rotated(entries, shift, tmp, origins)
        rotated_flags = run_lint(binary, sorted({p for p, _, _ in rotated}))
    ok = [e for e in entries if e[2] == "ok"]
    return flagged, {**flagged, **rotated_flags}, rotated + ok


def print_misses(items, flags, shared):
    """Lists the warning-level false positives and negatives among `items`, with the messages."""
    for path, index, label in items:
        state = flags.get((path, index))
        hit = bool(state and state["warning"])
        if hit != (label in BAD):
            print(f"  {'FP' if hit else 'FN'} {os.path.relpath(path, shared)} #{index} {label}")
            for message in (state or {}).get("messages", []):
                print(f"      {message}")


def cell(value):
    return f"{'–':>6}" if value is None else f"{value:>6.3f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--shared", default=os.path.join(HERE, "..", "..", "..", "shared"))
    parser.add_argument("--sets", default="shared,tune,holdout,holdout2")
    parser.add_argument("--shift", type=int, default=1)
    parser.add_argument("--min", type=float, default=None)
    parser.add_argument("--max-false-rate", type=float, default=None,
                        help="fail when warnings on good entries exceed this share of them")
    parser.add_argument("--misses", action="store_true", help="list false positives/negatives")
    parser.add_argument("--config", help="a .digestlint.yaml to lint with (e.g. other bands)")
    parser.add_argument("--lexicon",
                        help="a mined lexicon, a file named summary-lexicon.tsv, to lint with "
                             "instead of rules/summary-lexicon.tsv "
                             "(e.g. mine_lexicon.py --exclude-split of the sets measured)")
    parser.add_argument("--sweep", action="store_true",
                        help="precision/recall if the warning band were at each confidence")
    args = parser.parse_args()
    if not os.path.isdir(os.path.join(args.shared, "corpus")):
        print(f"SKIP: {args.shared}/corpus not found (../shared is absent)")
        return SKIP

    if args.config:
        CONFIG.extend(["--config", args.config])
    if args.lexicon:
        CONFIG.extend(lexicon_arguments(args.lexicon))
    sets = labelled_entries(args.shared, args.sets.split(","))
    sweeps = collections.defaultdict(list)
    failed = []
    print(f"{'set':<18} {'level':<8} {'n':>4} {'bad':>4} {'TP':>4} {'FP':>4} {'FN':>4} "
          f"{'P':>6} {'R':>6}")
    for name, entries in sets.items():
        flagged, both, rotated = flag_with_rotations(args.binary, entries, args.shift)
        for set_name, items, flags in ((name, entries, flagged),
                                       (f"{name}-rotated+{args.shift}", rotated, both)):
            for level in ("warning", "any"):
                tp, fp, fn, p, r = score(items, flags, level)
                n_bad = sum(label in BAD for _, _, label in items)
                print(f"{set_name:<18} {level:<8} {len(items):>4} {n_bad:>4} {tp:>4} {fp:>4} "
                      f"{fn:>4} {cell(p)} {cell(r)}")
                if args.min is not None and level == "warning":
                    if (n_bad and p is not None and p < args.min) or \
                            (r is not None and r < args.min):
                        failed.append(set_name)
                good = len(items) - n_bad
                if args.max_false_rate is not None and level == "warning" and \
                        items is entries and good and fp / good > args.max_false_rate:
                    failed.append(f"{set_name} ({fp} false of {good} good)")
            kind = "rotated" if items is not entries else "real"
            for path, index, label in items:
                state = flags.get((path, index))
                sweeps[kind].append((state["confidence"] if state else 0.0, label in BAD))
            if args.misses:
                print_misses(items, flags, args.shared)
    if args.sweep:
        print("\nband   " + "  ".join(f"{k}: P     R    " for k in sweeps))
        for step in range(20, 100, 5):
            band = step / 100
            cells = []
            for kind, scores in sweeps.items():
                tp = sum(1 for c, bad in scores if bad and c >= band)
                fp = sum(1 for c, bad in scores if not bad and c >= band)
                pos = sum(1 for _, bad in scores if bad)
                cells.append(f"{cell(tp / (tp + fp) if tp + fp else None)} "
                             f"{cell(tp / pos if pos else None)}")
            print(f"{band:.2f}   " + "   ".join(cells))
    floors = ([f"precision and recall at least {args.min}"] if args.min is not None else []) + \
        ([f"false warnings on at most {args.max_false_rate} of good entries"]
         if args.max_false_rate is not None else [])
    if floors:
        if failed:
            print(f"FAIL: not {' and '.join(floors)} (warning level) on: {', '.join(failed)}")
            return 1
        print(f"OK: {' and '.join(floors)} (warning level) on every set")
    return 0


if __name__ == "__main__":
    sys.exit(main())
