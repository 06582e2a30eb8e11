#!/usr/bin/env python3
"""Nested cross-validation by day: the verdict's weights and bands are chosen again for each fold
of kfold.py, on the other folds only, and the fold is then scored with what was chosen. kfold.py
holds out the lexicon but keeps the shipped weights and bands, which were chosen on every
labelled round; here they are held out too, so a fold's figure says what the same tuning would
give on days it never saw. What stays in-sample: the signals themselves (which ones exist, the
weights of title terms, the rival search), designed while reading every round.

Reads the signals file of signals_folds.py (each fold's entries with its own lexicon) and replays
the verdict (replay.py) at every point of GRID. A point is chosen on the other folds by the
goal of issue #7, every figure at least 0.90, precision first: the largest of min(real
precision, real recall, rotated recall, audit precision) at warning level, then the largest sum
of the four, then the fewest parameters moved from the shipped ones. The audit's entries (no
round drew them; audit.py) belong to the fold that holds their day. Their labels cover what some
version warned about and as many decoys, so a warning no reader labelled counts as false in the
choice, and apart in the figures printed.

  nested.py folds.jsonl [--min 0.85]

Prints, per fold, the parameters chosen (those moved from the shipped ones) and the fold's
warning-level figures with them, then the pooled figures beside those of the shipped parameters.
The folds are kfold.py's, the ones signals_folds.py mined each lexicon without.
Exit status: 0; 1 when the replay disagrees with the binary, or when --min is given and a pooled
nested figure (real precision and recall, rotated recall, audit precision) falls below it; 2 when
an audit entry's day is in no fold.
Python 3 standard library only. Corpus: l-yohai/daily_papers_ko (CC BY-NC 4.0).
"""
import argparse
import itertools
import json
import re
import sys

import kfold
import replay

# Every parameter of the verdict's last step that a tuning session would move, around the
# shipped value (which each range holds, so the shipped parameters are one candidate).
GRID = {
    "warning-confidence": (0.6, 0.65, 0.7, 0.75, 0.8),
    "template-warning-confidence": (0.4, 0.5, 0.6, 0.7),
    "grounding-confidence": (0.55, 0.6, 0.65, 0.7),
    "sign-confidence": (0.1, 0.15, 0.2),
    "distinct-discount": (0.1, 0.2, 0.3),
    "shifted-digest-confidence": (0.0, 0.1, 0.2),
}
# "single": the rotated entries whose digest does not look shifted (in_shifted_digest, which
# adds confidence when many of a digest's summaries ground weakly, as when a whole day is rotated).
KINDS = ("real", "rotated", "audit", "single")


def day_of(path):
    found = re.search(r"(\d{4})/(\d{2})/(\d{2})\.md$", path)
    return "-".join(found.groups()) if found else None


def fold_of_rows(rows, folds):
    """Each row's fold index: its labelled set's, or for an audit row (whose set is its day) the
    fold that holds the day."""
    fold_of_set = {name: k for k, fold in enumerate(folds) for name in fold}
    fold_of_day = {}
    for row in rows:
        if row["kind"] == "real":  # a rotated entry's path is a scratch file's
            fold_of_day[day_of(row["signals"]["path"])] = fold_of_set[row["set"]]
    return [fold_of_set[row["set"]] if row["kind"] != "audit" else fold_of_day.get(row["set"])
            for row in rows]


def points():
    keys = list(GRID)
    for values in itertools.product(*(GRID[k] for k in keys)):
        yield dict(zip(keys, values))


def count(rows, row_folds, parameters, fold_count):
    """Per fold, per kind: [TP, FP, FN] (audit: [bad, ok, unlabelled] among the warnings)."""
    counts = [{kind: [0, 0, 0] for kind in KINDS} for _ in range(fold_count)]
    for row, fold in zip(rows, row_folds):
        hit, kind, label = replay.warned(row["signals"], parameters), row["kind"], row["label"]
        if kind == "rotated" and label in replay.BAD and not row["signals"]["in_shifted_digest"]:
            counts[fold]["single"][0 if hit else 2] += 1
        cell = counts[fold][kind]
        if kind == "audit":
            if hit:
                cell[2 if label == "unlabelled" else 0 if label in replay.BAD else 1] += 1
        elif label in replay.BAD:
            cell[0 if hit else 2] += 1
        else:
            cell[1] += hit
    return counts


def pooled(counts, folds):
    return {kind: [sum(counts[f][kind][i] for f in folds) for i in range(3)] for kind in KINDS}


def share(part, whole):
    return part / whole if whole else 0.0


def figures(total):
    """(real precision, real recall, rotated recall, audit precision with every unlabelled
    warning false); a ratio with nothing to count is 0."""
    tp, fp, fn = total["real"]
    caught, _, missed = total["rotated"]
    bad, ok, unlabelled = total["audit"]
    return (share(tp, tp + fp), share(tp, tp + fn), share(caught, caught + missed),
            share(bad, bad + ok + unlabelled))


def moved(parameters):
    return {k: v for k, v in parameters.items() if abs(v - replay.SHIPPED[k]) > replay.ROUNDING}


def choose(table, held_out, fold_count):
    """The index of the point of `table` ([(parameters, counts)]) chosen on every fold but
    `held_out` (on every fold when it is None)."""
    training = [f for f in range(fold_count) if f != held_out]

    def merit(index):
        parameters, counts = table[index]
        scores = figures(pooled(counts, training))
        return (min(scores), sum(scores), -len(moved(parameters)))

    return max(range(len(table)), key=merit)


def ratio(a, b):
    return f"{a / b:.3f}" if b else "–"


def describe(total):
    """One line of a fold's or a pool's figures."""
    tp, fp, fn = total["real"]
    caught, _, missed = total["rotated"]
    bad, ok, unlabelled = total["audit"]
    single, _, unseen = total["single"]
    return (f"real TP {tp:>3} FP {fp:>2} FN {fn:>2} (P {ratio(tp, tp + fp)}, R {ratio(tp, tp + fn)})"
            f"  rotated {ratio(caught, caught + missed)} ({caught} / {caught + missed}; not in a "
            f"shifted digest {single} / {single + unseen})"
            f"  audit {bad} / {bad + ok} ({ratio(bad, bad + ok)}, {unlabelled} unlabelled)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("signals", help="the JSON Lines file of signals_folds.py")
    parser.add_argument("--min", type=float, default=None,
                        help="fail when a pooled nested figure falls below this")
    args = parser.parse_args()
    with open(args.signals, encoding="utf-8") as f:
        rows = [row for row in map(json.loads, f) if row["signals"]]
    wrong = replay.disagreements(rows)
    if wrong:
        print(f"FAIL: the replay disagrees with the binary on {len(wrong)} entries, e.g. "
              f"{wrong[:3]}: update assess() in replay.py to summary_verdict.cpp's")
        return 1
    folds = [fold.split(",") for fold in kfold.FOLDS.split(";")]
    row_folds = fold_of_rows(rows, folds)
    homeless = sorted({row["set"] for row, fold in zip(rows, row_folds) if fold is None})
    if homeless:
        print(f"error: audit days in no fold's labelled days: {', '.join(homeless[:5])}")
        return 2
    shipped = {**replay.SHIPPED}
    table = [({**shipped, **point}, count(rows, row_folds, {**shipped, **point}, len(folds)))
             for point in points()]
    print(f"{len(rows)} entries, {len(folds)} folds, {len(table)} points of "
          f"{', '.join(GRID)}")
    nested = []
    for held_out, fold in enumerate(folds):
        parameters, counts = table[choose(table, held_out, len(folds))]
        nested.append(counts[held_out])
        changes = ", ".join(f"{k} {v:g}" for k, v in moved(parameters).items()) or "shipped"
        print(f"fold {','.join(fold)}: chosen on the others: {changes}")
        print(f"  {describe(counts[held_out])}")
    total = pooled(nested, range(len(nested)))  # each fold scored with its own choice
    print(f"nested   {describe(total)}")
    everything = range(len(folds))
    parameters, counts = table[choose(table, None, len(folds))]
    changes = ", ".join(f"{k} {v:g}" for k, v in moved(parameters).items()) or "shipped"
    print(f"chosen on every fold (in-sample): {changes}")
    print(f"         {describe(pooled(counts, everything))}")
    print(f"shipped  {describe(pooled(count(rows, row_folds, shipped, len(folds)), everything))}")
    names = ("precision", "recall", "rotated recall", "audit precision")
    low = [name for name, value in zip(names, figures(total))
           if args.min is not None and value < args.min]
    if low:
        print(f"FAIL: nested {', '.join(low)} below {args.min}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
