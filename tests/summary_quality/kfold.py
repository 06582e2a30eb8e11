#!/usr/bin/env python3
"""Cross-validates the mined lexicon by day: for each fold of labelled rounds, mines
rules/summary-lexicon.tsv again without the fold's days (rules/mine_lexicon.py --exclude-split)
and measures the fold's entries, real and rotated (as eval.py does), with that lexicon. Every
entry is then judged by a lexicon that never saw its day: the figure for a day outside the corpus.
The rules' weights and bands are the shipped ones unless --config sets others (they were chosen
on these rounds, so only the lexicon is cross-validated here; nested.py holds them out too).
Prints each set's warning-level line and the pooled figures.

  kfold.py --binary build/digestlint [--shared ../shared] [--min 0.75] [--misses] [--config FILE]
           [--shift N] [--folds "tune,holdout,holdout2;holdout3,holdout4;…"]

Exit status: 0; 1 when --min is given and a pooled precision or recall falls below it; 77 when
../shared is absent; 2 on run errors. Python 3 standard library only.
Corpus: l-yohai/daily_papers_ko (CC BY-NC 4.0).
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

import eval as measure

MINER = os.path.join(measure.HERE, "..", "..", "rules", "mine_lexicon.py")
# Two rounds a fold, in the order they were drawn: round 1 (tune and holdout) with round 2.
FOLDS = "tune,holdout,holdout2;holdout3,holdout4;holdout5,holdout6;holdout7,holdout8;" \
        "holdout9,holdout10"


def mine_without(splits, directory):
    """Mines a lexicon without the days of `splits`; returns its path and its provenance line."""
    path = os.path.join(directory, "summary-lexicon.tsv")
    with open(path, "w", encoding="utf-8") as out:
        subprocess.run([sys.executable, MINER, "--exclude-split", ",".join(splits)], stdout=out,
                       stderr=subprocess.DEVNULL, check=True)
    with open(path, encoding="utf-8") as f:
        f.readline()
        provenance = re.search(r"\d+ days, \d+ title/summary pairs", f.readline())
    return path, provenance.group(0) if provenance else "?"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--shared", default=os.path.join(measure.HERE, "..", "..", "..", "shared"))
    parser.add_argument("--folds", default=FOLDS)
    parser.add_argument("--shift", type=int, default=1)
    parser.add_argument("--min", type=float, default=None,
                        help="fail when a pooled precision or recall falls below this")
    parser.add_argument("--config", help="a .digestlint.yaml to lint with (e.g. other parameters)")
    parser.add_argument("--misses", action="store_true",
                        help="list the false warnings on real entries and the missed bad ones")
    args = parser.parse_args()
    if not os.path.isdir(os.path.join(args.shared, "corpus")):
        print(f"SKIP: {args.shared}/corpus not found (../shared is absent)")
        return measure.SKIP
    pooled = {"real": [0, 0, 0], "rotated": [0, 0, 0]}  # TP, FP, FN
    # Rotated summaries caught, by where they came from: [caught, all] for a summary of the same
    # day (whose own title is in the digest, to compare with) and for one of another day.
    by_origin = {"same day": [0, 0], "another day": [0, 0]}
    for fold in args.folds.split(";"):
        splits = fold.split(",")
        with tempfile.TemporaryDirectory(prefix="digestlint-fold-") as tmp:
            lexicon, provenance = mine_without(splits, tmp)
            print(f"fold {fold}: lexicon from {provenance}")
            measure.CONFIG[:] = measure.lexicon_arguments(lexicon)
            if args.config:
                measure.CONFIG += ["--config", args.config]
            for name, entries in measure.labelled_entries(args.shared, splits).items():
                origins = {}
                real_flags, flagged, rotated = measure.flag_with_rotations(args.binary, entries,
                                                                           args.shift, origins)
                for key, (made_from, came_from) in origins.items():
                    counts = by_origin["same day" if made_from == came_from else "another day"]
                    counts[0] += bool(flagged.get(key, {}).get("warning"))
                    counts[1] += 1
                if args.misses:
                    measure.print_misses(entries, real_flags, args.shared)
                for kind, items in (("real", entries), ("rotated", rotated)):
                    tp, fp, fn, p, r = measure.score(items, flagged, "warning")
                    pooled[kind] = [a + b for a, b in zip(pooled[kind], (tp, fp, fn))]
                    print(f"  {name:<10} {kind:<8} {len(items):>4} entries  TP {tp:>4}  FP {fp:>3}"
                          f"  FN {fn:>3}  P {measure.cell(p)}  R {measure.cell(r)}")
    below = []
    for kind, (tp, fp, fn) in pooled.items():
        precision = tp / (tp + fp) if tp + fp else None
        recall = tp / (tp + fn) if tp + fn else None
        print(f"pooled {kind:<8} TP {tp:>4}  FP {fp:>3}  FN {fn:>3}  "
              f"P {measure.cell(precision)}  R {measure.cell(recall)}")
        below += [f"{kind} {what}" for what, value in (("precision", precision), ("recall", recall))
                  if args.min is not None and value is not None and value < args.min]
    print("rotated recall by the summary's origin: " + ", ".join(
        f"{origin} {caught / count if count else 0:.3f} ({caught} / {count})"
        for origin, (caught, count) in by_origin.items()))
    if below:
        print(f"FAIL: pooled {', '.join(below)} below {args.min}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
