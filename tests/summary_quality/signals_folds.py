#!/usr/bin/env python3
"""Writes the signals behind every verdict of the cross-validation by day (kfold.py), labelled,
as JSON Lines, so scoring ideas can be tried in a few lines of Python without rebuilding
digestlint: each line is {"set", "kind" (real or rotated), "label", "signals"}, where "signals"
is the entry's line of `digestlint signals` (null when the entry has no summary), computed with
the fold's lexicon, as kfold.py does. Then the entries of audit.py (no round drew them; kind
"audit", label from labels/audit or "unlabelled"), each with its fold's lexicon as audit.py lints
them. Prints the pooled warning-level figures of the shipped bands, which are kfold.py's.
replay.py scores other weights and bands on the file in seconds.

  signals_folds.py --binary build/digestlint --out folds.jsonl [--shared ../shared]

Exit status: 0; 77 when ../shared is absent; 2 on run errors. Python 3 standard library only.
Corpus: l-yohai/daily_papers_ko (CC BY-NC 4.0); the output quotes its titles, keep it local.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import audit
import eval as measure
import kfold


def signals_by_entry(binary, paths):
    """{(path, entry index as eval.py counts it): signals line}"""
    proc = subprocess.run([binary, "signals", *paths, *measure.CONFIG], capture_output=True,
                          text=True)
    if proc.returncode != 0:
        sys.stderr.write(f"error: digestlint signals exited {proc.returncode}\n{proc.stderr}")
        sys.exit(2)
    blocks, found = {}, {}
    for line in proc.stdout.splitlines():
        signals = json.loads(line)
        index = measure.entry_at_line(signals["path"], signals["line"], blocks)
        if index is not None:
            found[(signals["path"], index)] = signals
    return found


def write_audit_entries(binary, shared, out):
    """The signals of every entry audit.py scores, as JSON Lines of kind "audit"."""
    labels = audit.audit_labels()
    for day, index, _, signals in audit.undrawn_entries(binary, shared, None, signals_by_entry):
        out.write(json.dumps({"set": day, "kind": "audit",
                              "label": labels.get((day, index), "unlabelled"),
                              "signals": signals}, ensure_ascii=False) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--shared", default=os.path.join(measure.HERE, "..", "..", "..", "shared"))
    args = parser.parse_args()
    if not os.path.isdir(os.path.join(args.shared, "corpus")):
        print(f"SKIP: {args.shared}/corpus not found (../shared is absent)")
        return measure.SKIP
    pooled = {"real": [0, 0, 0], "rotated": [0, 0, 0]}  # TP, FP, FN
    with open(args.out, "w", encoding="utf-8") as out:
        def emit(name, kind, label, signals):
            out.write(json.dumps({"set": name, "kind": kind, "label": label, "signals": signals},
                                 ensure_ascii=False) + "\n")
            hit = signals is not None and signals["band"] == "severity"
            bad = label in measure.BAD
            tp_fp_fn = pooled[kind]
            if hit:
                tp_fp_fn[0 if bad else 1] += 1
            elif bad:
                tp_fp_fn[2] += 1

        for fold in kfold.FOLDS.split(";"):
            splits = fold.split(",")
            with tempfile.TemporaryDirectory(prefix="digestlint-fold-") as tmp:
                lexicon, _ = kfold.mine_without(splits, tmp)
                measure.CONFIG[:] = measure.lexicon_arguments(lexicon)
                for name, entries in measure.labelled_entries(args.shared, splits).items():
                    real = signals_by_entry(args.binary, sorted({p for p, _, _ in entries}))
                    for path, index, label in entries:
                        emit(name, "real", label, real.get((path, index)))
                        if label == "ok":  # the rotated set's negatives: the same entries
                            emit(name, "rotated", label, real.get((path, index)))
                    with tempfile.TemporaryDirectory(prefix="digestlint-rotated-") as rotated_dir:
                        rotated = measure.build_rotated(entries, 1, rotated_dir)
                        moved = signals_by_entry(args.binary, sorted({p for p, _, _ in rotated}))
                        for path, index, label in rotated:
                            emit(name, "rotated", label, moved.get((path, index)))
        write_audit_entries(args.binary, args.shared, out)
    for kind, (tp, fp, fn) in pooled.items():
        print(f"pooled {kind:<8} TP {tp:>4}  FP {fp:>3}  FN {fn:>3}  "
              f"P {measure.cell(tp / (tp + fp) if tp + fp else None)}  "
              f"R {measure.cell(tp / (tp + fn) if tp + fn else None)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
