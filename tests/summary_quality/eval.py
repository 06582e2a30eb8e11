#!/usr/bin/env python3
"""Measures the summary-quality rules on the shared, labelled digests.

Sets (all built at run time from SHARED/digests; nothing is written into the repository):
  labelled  the real digests; positives are entries labelled `generic` or `mismatch` in labels.tsv
  rotated   the `ok` entries with their summaries rotated among them (entry i gets the summary of
            ok entry i+shift, across files), all positives, plus the same `ok` entries untouched
            (from the labelled run) as negatives
  copied    each digest with its first entry's summary copied over its last entry's: positives
            for summary/duplicate-summary are exactly those last entries

An entry counts as flagged by a rule when a finding of that rule starts inside it; "any" is
generic-template or title-mismatch. Prints TP/FP/FN, precision and recall per set and rule.

  eval.py --binary build/digestlint [--shared ../shared] [--shift N | --all-shifts] [--min 0.9]

Exit status: 0, 1 when --min is given and "any" falls below it on the labelled or rotated set,
77 when the shared digests are absent, 2 on usage or run errors. Python 3 standard library only.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

SKIP = 77
QUALITY_RULES = ["summary/generic-template", "summary/title-mismatch"]
DUPLICATE_RULE = "summary/duplicate-summary"
HEADING = re.compile(r"^### ")
SECTION = re.compile(r"^- \*\*")


def read_labels(digests):
    labels = {}
    with open(os.path.join(digests, "labels.tsv"), encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            fields = dict(zip(header, line.rstrip("\n").split("\t")))
            labels[(fields["file"], int(fields["entry"]))] = fields["summary_label"]
    return labels


def entry_blocks(lines):
    """[(first line index, end line index)] of each `### ` entry, 0-based, end exclusive."""
    starts = [i for i, line in enumerate(lines) if HEADING.match(line)]
    return [(s, starts[k + 1] if k + 1 < len(starts) else len(lines)) for k, s in enumerate(starts)]


def section_range(lines, block):
    """(first, last + 1) line indexes of the `- **Section**:` items in an entry block."""
    idx = [i for i in range(*block) if SECTION.match(lines[i])]
    if not idx:
        return None
    return idx[0], idx[-1] + 1


def run_lint(binary, paths, rules):
    command = [binary, "check", *paths, "--format", "json", "--fail-on", "never", "--select", ",".join(rules)]
    proc = subprocess.run(command, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(f"error: {' '.join(command)} exited {proc.returncode}\n{proc.stderr}")
        sys.exit(2)
    report = json.loads(proc.stdout)
    flagged = {}  # (basename, entry index) -> set of rule ids
    for file in report["files"]:
        with open(file["path"], encoding="utf-8") as f:
            lines = f.read().split("\n")
        blocks = entry_blocks(lines)
        name = os.path.basename(file["path"])
        for finding in file["findings"]:
            line = finding["line"] - 1
            for index, (start, end) in enumerate(blocks):
                if start <= line < end:
                    flagged.setdefault((name, index), set()).add(finding["rule"])
    return flagged


def score(positives, negatives, flagged, rule):
    def hit(key):
        rules = flagged.get(key, set())
        return bool(rules & set(QUALITY_RULES)) if rule == "any" else rule in rules

    tp = sum(1 for k in positives if hit(k))
    fn = len(positives) - tp
    fp = sum(1 for k in negatives if hit(k))
    precision = tp / (tp + fp) if tp + fp else None  # undefined: nothing flagged
    recall = tp / (tp + fn) if tp + fn else None  # undefined: no positives
    return tp, fp, fn, precision, recall


def build_rotated(digests, files, ok, shift, out_dir):
    """Writes the digests with ok summaries rotated by `shift`; returns the rotated keys."""
    texts = {f: open(os.path.join(digests, f), encoding="utf-8").read().split("\n") for f in files}
    summaries = []
    for name, index in ok:
        lines = texts[name]
        rng = section_range(lines, entry_blocks(lines)[index])
        summaries.append(lines[rng[0]:rng[1]] if rng else [])
    rotated = {}
    for k, key in enumerate(ok):
        rotated[key] = summaries[(k + shift) % len(ok)]
    for name in files:
        lines = texts[name]
        out = []
        blocks = entry_blocks(lines)
        cursor = 0
        for index, block in enumerate(blocks):
            rng = section_range(lines, block)
            if (name, index) in rotated and rng:
                out.extend(lines[cursor:rng[0]])
                out.extend(rotated[(name, index)])
                cursor = rng[1]
        out.extend(lines[cursor:])
        with open(os.path.join(out_dir, name), "w", encoding="utf-8") as f:
            f.write("\n".join(out))
    return [key for key in ok if rotated[key]]


def build_copied(digests, files, out_dir):
    """Copies each digest's first summary over its last; returns the keys that now duplicate."""
    keys = []
    for name in files:
        lines = open(os.path.join(digests, name), encoding="utf-8").read().split("\n")
        blocks = entry_blocks(lines)
        if len(blocks) >= 2:
            first, last = section_range(lines, blocks[0]), section_range(lines, blocks[-1])
            if first and last:
                lines = lines[: last[0]] + lines[first[0]:first[1]] + lines[last[1]:]
                keys.append((name, len(blocks) - 1))
        with open(os.path.join(out_dir, name), "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
    return keys


def print_table(rows):
    print(f"{'set':<12} {'rule':<28} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>8}")
    def cell(value, width):
        return f"{'-':>{width}}" if value is None else f"{value:>{width}.3f}"

    for set_name, rule, (tp, fp, fn, p, r) in rows:
        print(f"{set_name:<12} {rule:<28} {tp:>4} {fp:>4} {fn:>4} {cell(p, 10)} {cell(r, 8)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", required=True, help="path to the digestlint executable")
    parser.add_argument("--shared", default=None, help="the shared directory (default: ../shared)")
    parser.add_argument("--shift", type=int, default=1, help="rotation offset (default 1)")
    parser.add_argument("--all-shifts", action="store_true", help="also sum over every offset")
    parser.add_argument("--min", type=float, default=None, help="fail below this P or R")
    args = parser.parse_args()

    here = os.path.dirname(os.path.abspath(__file__))
    shared = args.shared or os.path.join(here, "..", "..", "..", "shared")
    digests = os.path.join(shared, "digests")
    if not os.path.exists(os.path.join(digests, "labels.tsv")):
        print(f"SKIP: {os.path.join(digests, 'labels.tsv')} not found (../shared is absent)")
        return SKIP

    labels = read_labels(digests)
    files = sorted({name for name, _ in labels})
    ok = sorted(k for k, v in labels.items() if v == "ok")
    positives = [k for k, v in labels.items() if v in ("generic", "mismatch")]
    negatives = ok
    rules = QUALITY_RULES + [DUPLICATE_RULE]
    rows = []

    original = run_lint(args.binary, [os.path.join(digests, f) for f in files], rules)
    labelled_any = score(positives, negatives, original, "any")
    for rule in QUALITY_RULES + ["any"]:
        rows.append(("labelled", rule, score(positives, negatives, original, rule)))
    all_keys = list(labels)
    rows.append(("labelled", DUPLICATE_RULE, score([], all_keys, original, DUPLICATE_RULE)))

    def rotated_run(shift):
        with tempfile.TemporaryDirectory(prefix="digestlint-rotated-") as tmp:
            rotated = build_rotated(digests, files, ok, shift, tmp)
            flagged = run_lint(args.binary, [os.path.join(tmp, f) for f in files], QUALITY_RULES)
        # Negatives: the same ok entries untouched, as linted in the labelled run.
        merged = {("rot", *k): v for k, v in flagged.items()}
        merged.update({("orig", *k): v for k, v in original.items()})
        return [("rot", *k) for k in rotated], [("orig", *k) for k in ok], merged

    pos, neg, merged = rotated_run(args.shift)
    rotated_any = score(pos, neg, merged, "any")
    for rule in QUALITY_RULES + ["any"]:
        rows.append((f"rotated+{args.shift}", rule, score(pos, neg, merged, rule)))

    with tempfile.TemporaryDirectory(prefix="digestlint-copied-") as tmp:
        copied = build_copied(digests, files, tmp)
        flagged = run_lint(args.binary, [os.path.join(tmp, f) for f in files], [DUPLICATE_RULE])
    rows.append(("copied", DUPLICATE_RULE,
                 score(copied, [k for k in labels if k not in copied], flagged, DUPLICATE_RULE)))

    if args.all_shifts:
        total_pos, total_neg, total = [], [], {}
        for shift in range(1, len(ok)):
            pos, neg, merged = rotated_run(shift)
            total_pos += [(shift, *k) for k in pos]
            total.update({(shift, *k): v for k, v in merged.items()})
            if shift == 1:
                total_neg = [(shift, *k) for k in neg]
        for rule in QUALITY_RULES + ["any"]:
            rows.append(("rotated*", rule, score(total_pos, total_neg, total, rule)))

    print_table(rows)
    if args.min is not None:
        failed = [name for name, s in (("labelled", labelled_any), ("rotated", rotated_any))
                  if (s[3] or 0) < args.min or (s[4] or 0) < args.min]
        if failed:
            print(f"FAIL: precision or recall below {args.min} on: {', '.join(failed)}")
            return 1
        print(f"OK: precision and recall at least {args.min} on the labelled and rotated sets")
    return 0


if __name__ == "__main__":
    sys.exit(main())
