#!/usr/bin/env python3
"""Rotated recall on whole days: each entry of each corpus day given the summary of the entry
after it (the last one the first one's), as a pipeline that shifted a day's summaries by one would leave it, and each
day linted with the lexicon its fold of kfold.py mines without it. Prints the share of moved
summaries with a warning. Where kfold.py moves only the labelled entries of a day (6 or 10 of
it), this moves all of them: the figure for a shifted digest.

  rotate_days.py --binary build/digestlint [--shared ../shared] [--config FILE]

Exit status: 0; 77 when ../shared is absent; 2 on run errors. Python 3 standard library only.
Corpus: l-yohai/daily_papers_ko (CC BY-NC 4.0).
"""
import argparse
import os
import sys
import tempfile

import audit
import eval as measure
import kfold


def rotated_day(path, out_dir):
    """Writes the day with each entry given the next one's summary (eval.build_rotated over the
    day's entries alone, so the last wraps to the first); returns its moved entries."""
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().split("\n")
    entries = [(path, index, "ok") for index, block in enumerate(measure.entry_blocks(lines))
               if measure.summary_range(lines, block)]
    if len(entries) < 2:
        return []
    os.makedirs(out_dir)
    return [(target, index) for target, index, _ in measure.build_rotated(entries, 1, out_dir)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--shared", default=os.path.join(measure.HERE, "..", "..", "..", "shared"))
    parser.add_argument("--config", help="a .digestlint.yaml to lint with (e.g. other parameters)")
    args = parser.parse_args()
    corpus = os.path.join(args.shared, "corpus", "daily_papers_ko")
    if not os.path.isdir(corpus):
        print(f"SKIP: {corpus} not found (../shared is absent)")
        return measure.SKIP
    _, days_of = audit.drawn_by_rounds()
    caught = total = 0
    for fold, days in audit.days_by_fold(days_of, corpus).items():
        with tempfile.TemporaryDirectory(prefix="digestlint-days-") as tmp:
            lexicon, _ = kfold.mine_without(fold.split(","), tmp)
            measure.CONFIG[:] = measure.lexicon_arguments(lexicon) + (
                ["--config", args.config] if args.config else [])
            moved = []
            for day in sorted(days):
                moved += rotated_day(os.path.join(corpus, *day.split("-")) + ".md",
                                     os.path.join(tmp, day))
            flags = measure.run_lint(args.binary, sorted({path for path, _ in moved}))
        total += len(moved)
        caught += sum(bool(flags.get(key, {}).get("warning")) for key in moved)
    print(f"whole days rotated by one entry: {caught} of {total} moved summaries warned about, "
          f"recall {caught / total if total else 0:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
