#!/usr/bin/env python3
"""Precision of the summary warnings on corpus entries that no labelled round holds: the entries
the rules and their weights were never looked at on. Each day is linted with the lexicon its
fold of kfold.py mines without it, so the lexicon has not seen the day either. Every warning on
such an entry is scored against labels/audit/*.tsv (blind labels of warned entries, mixed with
as many unwarned ones so the readers cannot tell them apart); a warning without a label is
listed, to be labelled before the figure can be trusted.

  audit.py --binary build/digestlint [--shared ../shared] [--config FILE] [--list]
           [--min-precision P] [--max-unlabelled N]

Prints the warnings per rule and label, the precision, and the bad entries found among the
unwarned labelled ones. --list prints each warned entry (date, entry, label or "unlabelled",
message). Exit status: 0; 1 when the precision of both rules' labelled warnings is below
--min-precision or more than --max-unlabelled warnings have no label; 77 when ../shared is
absent; 2 on run errors. Python 3 standard
library only. Corpus: l-yohai/daily_papers_ko (CC BY-NC 4.0).
"""
import argparse
import collections
import os
import sys
import tempfile

import eval as measure
import kfold

AUDIT_DIR = os.path.join(measure.HERE, "labels", "audit")


def labelled_rounds():
    """The (date, entry) of every entry a labelled round drew, and the days of each split."""
    labels_dir = os.path.join(measure.HERE, "labels")
    drawn, days_of = set(), collections.defaultdict(set)
    for name in sorted(n for n in os.listdir(labels_dir) if n.startswith("sample")):
        for row in measure.read_tsv(os.path.join(labels_dir, name)):
            drawn.add((row["date"], int(row["entry"])))
            days_of[row["split"]].add(row["date"])
    return drawn, days_of


def audit_labels():
    """{(date, entry): label} of labels/audit/*.tsv."""
    labels = {}
    for name in sorted(os.listdir(AUDIT_DIR)):
        if name.endswith(".tsv"):
            for row in measure.read_tsv(os.path.join(AUDIT_DIR, name)):
                labels[(row["date"], int(row["entry"]))] = row["label"]
    return labels


def unlabelled_flags(binary, shared, config):
    """[(date, entry, flags or None)] of every entry with a summary that no round drew, each
    linted with the lexicon of its fold (mined without the fold's days)."""
    drawn, days_of = labelled_rounds()
    corpus = os.path.join(shared, "corpus", "daily_papers_ko")
    result = []
    for fold in kfold.FOLDS.split(";"):
        splits = fold.split(",")
        days = sorted(set().union(*(days_of[s] for s in splits)))
        paths = [os.path.join(corpus, *day.split("-")) + ".md" for day in days]
        with tempfile.TemporaryDirectory(prefix="digestlint-audit-") as tmp:
            lexicon, _ = kfold.mine_without(splits, tmp)
            measure.CONFIG[:] = measure.lexicon_arguments(lexicon) + (
                ["--config", config] if config else [])
            flags = measure.run_lint(binary, paths)
        for day, path in zip(days, paths):
            with open(path, encoding="utf-8", errors="replace") as f:
                lines = f.read().split("\n")
            for index, block in enumerate(measure.entry_blocks(lines)):
                if (day, index) not in drawn and measure.summary_range(lines, block):
                    result.append((day, index, flags.get((path, index))))
    return result


def rule_of(state):
    return "generic-template" if "generic template" in state["messages"][0] else "title-mismatch"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--shared", default=os.path.join(measure.HERE, "..", "..", "..", "shared"))
    parser.add_argument("--config", help="a .digestlint.yaml to lint with (e.g. other parameters)")
    parser.add_argument("--list", action="store_true", help="print every warned entry")
    parser.add_argument("--min-precision", type=float, default=None)
    parser.add_argument("--max-unlabelled", type=int, default=None)
    args = parser.parse_args()
    if not os.path.isdir(os.path.join(args.shared, "corpus")):
        print(f"SKIP: {args.shared}/corpus not found (../shared is absent)")
        return measure.SKIP
    labels = audit_labels()
    entries = unlabelled_flags(args.binary, args.shared, args.config)
    counts = collections.Counter()
    for day, index, state in entries:
        label = labels.get((day, index), "unlabelled")
        if state and state["warning"]:
            counts[(rule_of(state), label)] += 1
            if args.list:
                print(f"{day} #{index} {label}: {state['messages'][0]}")
        elif label != "unlabelled":
            counts[("unwarned", label)] += 1
    print(f"{len(entries)} entries no round drew; audit labels: {len(labels)}")
    for (rule, label), count in sorted(counts.items()):
        print(f"  {rule:<17} {label:<10} {count:>4}")
    precision = None
    for rule in ("generic-template", "title-mismatch", None):
        warned = [(label, n) for (r, label), n in counts.items()
                  if r != "unwarned" and (rule is None or r == rule)]
        judged = sum(n for label, n in warned if label != "unlabelled")
        bad = sum(n for label, n in warned if label in measure.BAD)
        precision = bad / judged if judged else None
        print(f"{rule or 'both':<17} warnings {sum(n for _, n in warned):>4}  labelled {judged:>4}  "
              f"bad {bad:>4}  precision {measure.cell(precision)}")
    unlabelled = sum(n for (rule, label), n in counts.items()
                     if rule != "unwarned" and label == "unlabelled")
    failed = []
    if args.min_precision is not None and precision is not None and precision < args.min_precision:
        failed.append(f"precision {precision:.3f} < {args.min_precision}")
    if args.max_unlabelled is not None and unlabelled > args.max_unlabelled:
        failed.append(f"{unlabelled} warnings without a label (> {args.max_unlabelled}): "
                      "label them (labels/README.md) before reading the figure")
    for failure in failed:
        print(f"FAIL: {failure}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
