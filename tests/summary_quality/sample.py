#!/usr/bin/env python3
"""Draws the labelling sample of the summary development set from the shared corpus.

The sample is reproducible: 12 days per format era, evenly spaced through the era, and from each
day up to 10 entries chosen with a fixed seed. Days alternate between the `tune` and `holdout`
halves in date order, so both halves cover every era and no day is in both.

Corpus: ../shared/corpus/daily_papers_ko (l-yohai/daily_papers_ko, CC BY-NC 4.0). Only
identifiers (date, entry index, arXiv id) are written; the labels themselves are in labels/.

    python3 tests/summary_quality/sample.py > tests/summary_quality/labels/sample.tsv
    python3 tests/summary_quality/sample.py --round 2 > tests/summary_quality/labels/sample2.tsv
    python3 tests/summary_quality/sample.py --round 3 > tests/summary_quality/labels/sample3.tsv
    python3 tests/summary_quality/sample.py --round 4 > tests/summary_quality/labels/sample4.tsv
    python3 tests/summary_quality/sample.py --round 5 > tests/summary_quality/labels/sample5.tsv
    python3 tests/summary_quality/sample.py --round 6 > tests/summary_quality/labels/sample6.tsv
    python3 tests/summary_quality/sample.py --round 7 > tests/summary_quality/labels/sample7.tsv
    python3 tests/summary_quality/sample.py --round 8 > tests/summary_quality/labels/sample8.tsv
    python3 tests/summary_quality/sample.py --round 9 > tests/summary_quality/labels/sample9.tsv
    python3 tests/summary_quality/sample.py --round 10 > tests/summary_quality/labels/sample10.tsv

Round 2 is a fresh held-out set drawn after round 1's holdout had been looked at: 8 other days
per era (between round 1's days), all in split `holdout2`. Round 3 was drawn after round 2 had
been looked at: 12 days per era that are in neither earlier round, 6 entries each (templates
cluster by day, so more days with fewer entries see more of them), all in split `holdout3`.
Round 4 was drawn the same way after round 3 had been looked at (split `holdout4`), round 5
(three eighths of a step in) after round 4 had been (split `holdout5`), round 6 (seven eighths)
after round 5 had been (split `holdout6`), round 7 (three sixteenths) after round 6 had been
(split `holdout7`; the bold-sections era has no unlabelled day left, so only the other two eras),
round 8 (eleven sixteenths) after round 7 had been (split `holdout8`, the same two eras), round 9
(fifteen sixteenths) after round 8 had been (split `holdout9`, the same two eras). Round 10, the
last, takes every day that no earlier round drew (split `holdout10`).
"""
import argparse
import pathlib
import random
import re

ERAS = [  # (name, first day, last day), inclusive, as YYYY-MM-DD
    ("untitled-bullets", "2023-11-01", "2024-06-11"),
    ("bold-sections", "2024-06-12", "2024-10-17"),
    ("triple-emphasis", "2024-10-18", "2099-12-31"),
]
DAYS_PER_ERA = 12
ENTRIES_PER_DAY = 10
LATER_ENTRIES_PER_DAY = 6
SEED = 20261201
LAST_ROUND = 10  # takes every day that no earlier round drew
HEADING = re.compile(r"^### \[(?P<title>.*)\]\((?P<url>[^)\s]*)\)\s*$")


def earlier_rounds(count):
    """Positions in an era of `count` days that rounds 1 and 2 drew."""
    step = count / DAYS_PER_ERA
    first = {int(i * step + step / 2) for i in range(DAYS_PER_ERA)}
    second = [int(i * step + step / 4) for i in range(0, DAYS_PER_ERA, 3)] + \
             [int(i * step + 3 * step / 4) for i in range(1, DAYS_PER_ERA, 3)]
    second = sorted(set(second) - first)[:8]
    return first | set(second)


def later_round_days(count, round_number):
    """12 positions spread through the era (round 3 an eighth of a step in, round 4 five
    eighths, round 5 three eighths, round 6 seven eighths, round 7 three sixteenths, round 8
    eleven sixteenths, round 9 fifteen sixteenths), each the nearest day that no earlier
    round drew."""
    taken = earlier_rounds(count)
    for earlier in range(3, round_number):
        taken |= set(later_round_days(count, earlier))
    if round_number == LAST_ROUND:
        return sorted(set(range(count)) - taken)
    step = count / DAYS_PER_ERA
    offset = {3: 1 / 8, 4: 5 / 8, 5: 3 / 8, 6: 7 / 8, 7: 3 / 16, 8: 11 / 16,
              9: 15 / 16}[round_number]
    picks = []
    for i in range(min(DAYS_PER_ERA, count - len(taken))):  # fewer when the era runs out of days
        k = int(i * step + step * offset)
        while k in taken or k in picks:
            k = (k + 1) % count
        picks.append(k)
    return sorted(picks)


def corpus_days(corpus):
    for path in sorted(corpus.glob("*/*/*.md")):
        year, month, day = path.parts[-3], path.parts[-2], path.stem
        yield f"{year}-{month}-{day}", path


def entries(path):
    index = -1
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("### "):
            index += 1
            match = HEADING.match(line)
            url = match.group("url") if match else ""
            arxiv = re.search(r"arxiv\.org/(?:abs|pdf)/([^\s?#]+)", url)
            yield index, arxiv.group(1) if arxiv else ""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    here = pathlib.Path(__file__).resolve()
    parser.add_argument("--corpus", type=pathlib.Path,
                        default=here.parents[3] / "shared/corpus/daily_papers_ko")
    parser.add_argument("--round", type=int, choices=range(1, LAST_ROUND + 1), default=1)
    args = parser.parse_args()
    days = list(corpus_days(args.corpus))
    rng = random.Random(SEED if args.round == 1 else SEED + args.round)
    chosen = []
    for era, first, last in ERAS:
        in_era = [(d, p) for d, p in days if first <= d <= last]
        if args.round >= 3:
            chosen += [(era, *in_era[k]) for k in later_round_days(len(in_era), args.round)]
        elif args.round == 1:
            step = len(in_era) / DAYS_PER_ERA
            chosen += [(era, *in_era[int(i * step + step / 2)]) for i in range(DAYS_PER_ERA)]
        else:  # days a quarter step after round 1's, never one of them
            step = len(in_era) / DAYS_PER_ERA
            first_round = {int(i * step + step / 2) for i in range(DAYS_PER_ERA)}
            picks = [int(i * step + step / 4) for i in range(0, DAYS_PER_ERA, 3)] + \
                    [int(i * step + 3 * step / 4) for i in range(1, DAYS_PER_ERA, 3)]
            chosen += [(era, *in_era[k]) for k in sorted(set(picks) - first_round)][:8]
    chosen.sort(key=lambda c: c[1])
    print("date\tentry\tarxiv_id\tera\tsplit")
    per_day = ENTRIES_PER_DAY if args.round < 3 else LATER_ENTRIES_PER_DAY
    for position, (era, date, path) in enumerate(chosen):
        split = ("tune" if position % 2 == 0 else "holdout") if args.round == 1 else \
            f"holdout{args.round}"
        items = list(entries(path))
        picked = sorted(rng.sample(items, min(per_day, len(items))))
        for index, arxiv in picked:
            print(f"{date}\t{index}\t{arxiv}\t{era}\t{split}")


if __name__ == "__main__":
    main()
