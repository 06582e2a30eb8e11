#!/usr/bin/env python3
"""nested.py must choose a fold's parameters without looking at the fold: on a table made so
that each point is best on one fold and worst elsewhere, the choice for a held-out fold is never
the point that fold favours. Also checks that an audit entry falls in the fold holding its day,
and that a tie goes to the point that moves fewer parameters.

  nested_test.py

Exit status: 0 when every check holds; 1 otherwise. Python 3 standard library only.
"""
import sys

import nested
import replay

FOLDS = 3


def counts(good_fold, bad_fold):
    """Per fold: perfect on good_fold, poor on bad_fold, fair elsewhere."""
    table = []
    for fold in range(FOLDS):
        tp, fp = (10, 0) if fold == good_fold else (2, 8) if fold == bad_fold else (8, 1)
        table.append({"real": [tp, fp, 10 - tp], "rotated": [tp, 0, 10 - tp],
                      "audit": [tp, fp, 0], "single": [0, 0, 0]})
    return table


def main():
    failures = []
    moved_one = {**replay.SHIPPED, "warning-confidence": 0.8}
    moved_two = {**moved_one, "sign-confidence": 0.2}
    # Point k is perfect on fold k and poor on fold k+1.
    table = [(moved_two if k else moved_one, counts(k, (k + 1) % FOLDS)) for k in range(FOLDS)]
    # Without fold h, point h-1 is best (its poor fold is h), point h worst (its perfect fold is
    # h): only a choice that never reads fold h picks h-1.
    for held_out in range(FOLDS):
        chosen = nested.choose(table, held_out, FOLDS)
        if chosen != (held_out - 1) % FOLDS:
            failures.append(f"fold {held_out}: chose point {chosen}, not {(held_out - 1) % FOLDS}")
    # Equal merit: the point that moves one parameter beats the one that moves two.
    tie = [(moved_two, counts(0, 1)), (moved_one, counts(0, 1))]
    if nested.choose(tie, None, FOLDS) != 1:
        failures.append("a tie went to the point that moves more parameters")
    rows = [{"kind": "real", "set": "tune", "signals": {"path": "x/2024/06/17.md"}},
            {"kind": "real", "set": "holdout3", "signals": {"path": "x/2024/07/01.md"}},
            {"kind": "audit", "set": "2024-07-01", "signals": {"path": "x/2024/07/01.md"}},
            {"kind": "audit", "set": "2025-01-01", "signals": {"path": "x/2025/01/01.md"}}]
    got = nested.fold_of_rows(rows, [["tune"], ["holdout3"]])
    if got != [0, 1, 1, None]:
        failures.append(f"folds of rows: {got}, expected [0, 1, 1, None]")
    for failure in failures:
        print(f"FAIL: {failure}")
    print(f"{FOLDS + 2} checks, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
