#!/usr/bin/env python3
"""Findings of the shared corpus by format profile (era) and rule, as Markdown tables.

usage: corpus_table.py DIGESTLINT CORPUS_DIR [--sample RULE N]
Blocking findings are errors and warnings; summary/* rules are counted apart (another
engineer's area). Entries are the `### ` headings of each linted file. --sample prints N
findings of RULE spread over the corpus, for hand-checking.
"""
import collections
import json
import pathlib
import random
import subprocess
import sys


def lint(binary, corpus):
    out = subprocess.run([binary, "check", "--format", "json", "--fail-on", "never", "."],
                         cwd=corpus, capture_output=True, text=True).stdout
    return json.loads(out)["files"]


def entries_in(path):
    return sum(line.startswith("### ") for line in path.read_text(errors="replace").splitlines())


def tables(files, corpus):
    per_era = collections.defaultdict(lambda: {"files": 0, "entries": 0})
    counts = collections.defaultdict(collections.Counter)
    for file in files:
        if "profile" not in file:
            continue
        era = file["profile"]["name"]
        per_era[era]["files"] += 1
        per_era[era]["entries"] += entries_in(corpus / file["path"])
        for finding in file["findings"]:
            counts[era][(finding["rule"], finding["severity"])] += 1
    eras = sorted(per_era)
    print("| profile | files | entries | blocking (no summary/*) | per entry | summary/* blocking | notes |")
    print("|---|---|---|---|---|---|---|")
    for era in eras:
        blocking = sum(n for (rule, sev), n in counts[era].items()
                       if sev != "note" and not rule.startswith("summary/"))
        summary = sum(n for (rule, sev), n in counts[era].items()
                      if sev != "note" and rule.startswith("summary/"))
        notes = sum(n for (rule, sev), n in counts[era].items() if sev == "note")
        entries = per_era[era]["entries"]
        print(f"| {era} | {per_era[era]['files']} | {entries} | {blocking} | "
              f"{blocking / max(entries, 1):.3f} | {summary} | {notes} |")
    print()
    rules = sorted({key for era in eras for key in counts[era]})
    print("| rule | severity | " + " | ".join(eras) + " |")
    print("|---|---|" + "---|" * len(eras))
    for rule, severity in rules:
        print(f"| {rule} | {severity} | " +
              " | ".join(str(counts[era][(rule, severity)]) for era in eras) + " |")


def sample(files, corpus, rule, n):
    found = [(file["path"], f) for file in files for f in file["findings"] if f["rule"] == rule]
    random.Random(8).shuffle(found)
    for path, finding in sorted(found[:n], key=lambda pf: (pf[0], pf[1]["line"])):
        line = (corpus / path).read_text(errors="replace").splitlines()[finding["line"] - 1]
        print(f"{path}:{finding['line']}: {finding['message']}\n    {line[:160]}")
    print(f"{min(n, len(found))} of {len(found)}")


def main():
    binary, corpus = str(pathlib.Path(sys.argv[1]).resolve()), pathlib.Path(sys.argv[2]).resolve()
    files = lint(binary, corpus)
    if len(sys.argv) == 6 and sys.argv[3] == "--sample":
        sample(files, corpus, sys.argv[4], int(sys.argv[5]))
    else:
        tables(files, corpus)


if __name__ == "__main__":
    main()
