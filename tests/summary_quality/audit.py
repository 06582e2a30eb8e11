#!/usr/bin/env python3
"""Precision of the summary warnings on corpus entries that no labelled round drew: entries the
rules and their weights were never looked at on (their days were: the rounds drew 6 or 10
entries of a day, all of a short day). Each day is linted with the lexicon its fold of kfold.py
mines without it, so the lexicon has not seen the day either. Every warning on such an entry is
scored against labels/audit/*.tsv (blind labels of warned entries, mixed with as many unwarned
ones so the readers cannot tell them apart); a warning without a label is counted, to be
labelled before the figure can be trusted.

  audit.py --binary build/digestlint [--shared ../shared] [--config FILE] [--list]
           [--min-precision RULE=P …] [--min-recall R] [--max-unlabelled N] [--draw SEED]

Prints the warnings per rule and label, each rule's precision and both together, the labels of
unwarned entries, and the share of the labelled bad entries that are warned about (recall).
--list prints each warned entry (date, entry, label or "unlabelled", message). --draw SEED
prints, instead, a labelling task: every warned entry with as many unwarned ones drawn with
SEED, shuffled (round 11 is --draw 20261204 at c0c297e).
--min-precision takes a rule (generic-template, title-mismatch or both) and a floor;
--min-recall a floor for the recall.

Exit status: 0; 1 when a floor is not met (a rule with no labelled warning fails its floor) or
more than --max-unlabelled warnings have no label; 2 when the labelled rounds do not put every
corpus day in exactly one fold, or on run errors (a failing miner ends with its traceback); 77
when ../shared is absent. Python 3 standard library only.
Corpus: l-yohai/daily_papers_ko (CC BY-NC 4.0).
"""
import argparse
import collections
import os
import pathlib
import random
import re
import sys
import tempfile

import eval as measure
import kfold

AUDIT_DIR = os.path.join(measure.HERE, "labels", "audit")
RULES = {"summary/generic-template": "generic-template", "summary/title-mismatch": "title-mismatch"}


def drawn_by_rounds():
    """The (date, entry) of every entry a labelled round drew, and the days of each split."""
    labels_dir = os.path.join(measure.HERE, "labels")
    drawn, days_of = set(), collections.defaultdict(set)
    for name in sorted(n for n in os.listdir(labels_dir) if n.startswith("sample")):
        for row in measure.read_tsv(os.path.join(labels_dir, name)):
            drawn.add((row["date"], int(row["entry"])))
            days_of[row["split"]].add(row["date"])
    return drawn, days_of


def days_by_fold(days_of, corpus):
    """{fold: its days}; exits 2 unless every corpus day is in exactly one fold: a split missing
    from kfold.FOLDS would silently leave its days out."""
    folds = {fold: set().union(*(days_of[s] for s in fold.split(",")))
             for fold in kfold.FOLDS.split(";")}
    in_folds = collections.Counter(day for days in folds.values() for day in days)
    corpus_days = {"-".join(pathlib.Path(path).relative_to(corpus).with_suffix("").parts)
                   for path in pathlib.Path(corpus).glob("*/*/*.md")}
    wrong = sorted(d for d in corpus_days if in_folds[d] != 1)
    unknown = sorted(set(in_folds) - corpus_days)
    if wrong or unknown:
        sys.stderr.write(f"error: days not in exactly one fold: {wrong[:5]}; not in the corpus: "
                         f"{unknown[:5]}\n")
        sys.exit(2)
    return folds


def undrawn_entries(binary, shared, config, read=measure.run_lint):
    """[(date, entry, arXiv heading, what `read` gives for it or None)] of every entry with a
    summary that no round drew, each read with the lexicon of its fold (mined without the fold's
    days). `read(binary, paths)` returns {(path, entry index): …}: run_lint's flags by default,
    signals_folds.py's signals."""
    drawn, days_of = drawn_by_rounds()
    corpus = os.path.join(shared, "corpus", "daily_papers_ko")
    result = []
    for fold, days in days_by_fold(days_of, corpus).items():
        days = sorted(days)
        paths = [os.path.join(corpus, *day.split("-")) + ".md" for day in days]
        with tempfile.TemporaryDirectory(prefix="digestlint-audit-") as tmp:
            lexicon, _ = kfold.mine_without(fold.split(","), tmp)
            measure.CONFIG[:] = measure.lexicon_arguments(lexicon) + (
                ["--config", config] if config else [])
            flags = read(binary, paths)
        for day, path in zip(days, paths):
            with open(path, encoding="utf-8", errors="replace") as f:
                lines = f.read().split("\n")
            for index, block in enumerate(measure.entry_blocks(lines)):
                if (day, index) not in drawn and measure.summary_range(lines, block):
                    result.append((day, index, lines[block[0]], flags.get((path, index))))
    return result


def audit_labels():
    """{(date, entry): label} of labels/audit/*.tsv."""
    labels = {}
    for name in sorted(os.listdir(AUDIT_DIR)):
        if name.endswith(".tsv"):
            for row in measure.read_tsv(os.path.join(AUDIT_DIR, name)):
                labels[(row["date"], int(row["entry"]))] = row["label"]
    return labels


def warned_rule(state):
    """The rule that warned about an entry, or None. One verdict per summary: the two rules never
    both report an entry."""
    if not state or not state["warning"]:
        return None
    return RULES[state["warned_rules"][0]]


def print_task(entries, seed):
    warned = [e for e in entries if warned_rule(e[3])]
    random.seed(seed)
    items = warned + random.sample([e for e in entries if not warned_rule(e[3])], len(warned))
    random.shuffle(items)
    print("id\tdate\tentry\tarxiv_id")
    for number, (day, index, heading, _) in enumerate(items):
        arxiv = re.search(r"\d{4}\.\d{4,5}", heading)
        print(f"a{number:03d}\t{day}\t{index}\t{arxiv.group(0) if arxiv else '?'}")


def precision_floors(parser, specs):
    floors = {}
    for spec in specs:
        rule, _, floor = spec.partition("=")
        try:
            floors[rule] = float(floor)
        except ValueError:
            floors[rule] = None
        if rule not in (*RULES.values(), "both") or floors[rule] is None:
            parser.error(f"--min-precision takes RULE=P, RULE one of "
                         f"{', '.join(RULES.values())}, both; not '{spec}'")
    return floors


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--shared", default=os.path.join(measure.HERE, "..", "..", "..", "shared"))
    parser.add_argument("--config", help="a .digestlint.yaml to lint with (e.g. other parameters)")
    parser.add_argument("--list", action="store_true", help="print every warned entry")
    parser.add_argument("--min-precision", action="append", default=[], metavar="RULE=P")
    parser.add_argument("--min-recall", type=float, default=None, metavar="R")
    parser.add_argument("--max-unlabelled", type=int, default=None)
    parser.add_argument("--draw", type=int, metavar="SEED", help="print a labelling task")
    args = parser.parse_args()
    floors = precision_floors(parser, args.min_precision)
    if not os.path.isdir(os.path.join(args.shared, "corpus")):
        print(f"SKIP: {args.shared}/corpus not found (../shared is absent)")
        return measure.SKIP
    entries = undrawn_entries(args.binary, args.shared, args.config)
    if args.draw is not None:
        print_task(entries, args.draw)
        return 0
    labels = audit_labels()
    counts = collections.Counter()
    for day, index, _, state in entries:
        label = labels.get((day, index), "unlabelled")
        rule = warned_rule(state)
        if rule:
            counts[(rule, label)] += 1
            if args.list:
                print(f"{day} #{index} {label}: {state['messages'][0]}")
        elif label != "unlabelled":
            counts[("unwarned", label)] += 1
    print(f"{len(entries)} entries no round drew; audit labels: {len(labels)}")
    for (rule, label), count in sorted(counts.items()):
        print(f"  {rule:<17} {label:<10} {count:>4}")
    failed = []
    for rule in (*RULES.values(), "both"):
        warned = [(label, n) for (r, label), n in counts.items()
                  if r != "unwarned" and rule in (r, "both")]
        judged = sum(n for label, n in warned if label != "unlabelled")
        bad = sum(n for label, n in warned if label in measure.BAD)
        precision = bad / judged if judged else None
        print(f"{rule:<17} warnings {sum(n for _, n in warned):>4}  labelled {judged:>4}  "
              f"bad {bad:>4}  precision {measure.cell(precision)}")
        if rule in floors and (precision is None or precision < floors[rule]):
            failed.append(f"{rule} precision {measure.cell(precision).strip()} < {floors[rule]}")
    # Recall among the labelled entries: every unwarned entry of the bold-sections era (where all
    # the corpus's templates are) is labelled (round 12), the other eras' only as decoys.
    caught = sum(n for (r, label), n in counts.items() if r != "unwarned" and label in measure.BAD)
    missed = sum(n for (r, label), n in counts.items() if r == "unwarned" and label in measure.BAD)
    recall = caught / (caught + missed) if caught + missed else None
    print(f"recall            bad entries labelled {caught + missed:>4}  warned {caught:>4}  "
          f"recall {measure.cell(recall)}")
    if args.min_recall is not None and (recall is None or recall < args.min_recall):
        failed.append(f"recall {measure.cell(recall).strip()} < {args.min_recall}")
    unlabelled = sum(n for (rule, label), n in counts.items()
                     if rule != "unwarned" and label == "unlabelled")
    if args.max_unlabelled is not None and unlabelled > args.max_unlabelled:
        failed.append(f"{unlabelled} warnings without a label (> {args.max_unlabelled}): label "
                      "them (labels/README.md, audit.py --draw) before reading the figure")
    for failure in failed:
        print(f"FAIL: {failure}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
