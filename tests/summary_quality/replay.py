#!/usr/bin/env python3
"""Scores other confidence weights and bands on the signals signals_folds.py wrote, in seconds
instead of a rebuild and a cross-validation: the verdict of summary/generic-template and
summary/title-mismatch (assess() in src/checks/summary_verdict.cpp) replayed in Python from each
entry's signals. Only the weights and bands of that last step can be replayed: a parameter the
signals depend on (weak-grounding's rival search, the lexicons, the weights of title terms,
shifted-digest-share) needs the binary.

  replay.py folds.jsonl [--set grounding-confidence=0.6 …]

replay_test.py (ctest summary-replay) keeps it in step with the binary on the summary fixtures.

Prints, as kfold.py and audit.py do, the warning-level TP / FP / FN of the real labelled entries,
the rotated-summary recall and the audit precision (with the warnings on entries no reader has
labelled yet: label them before trusting the figure). Before any --set, it checks the replay
against the binary: every entry's confidence must be the one `digestlint signals` gave, or it
exits 1 (assess() changed without this file).

Exit status: 0; 1 when the replay disagrees with the binary; 2 on a bad --set.
Python 3 standard library only. Corpus: l-yohai/daily_papers_ko (CC BY-NC 4.0).
"""
import argparse
import json
import sys

SHIPPED = {  # rules/summary.yaml
    "weak-grounding": 0.55, "grounding-confidence": 0.6, "sign-confidence": 0.15,
    "boilerplate-confidence": 0.15, "many-boilerplate": 4, "min-boilerplate": 2,
    "named-template-discount": 0.2, "rival-confidence": 0.4, "named-rival-confidence": 0.7,
    "distinct-discount": 0.2, "shifted-digest-confidence": 0.1, "warning-confidence": 0.7,
    "template-warning-confidence": 0.5, "note-confidence": 0.3,
}
BAD = ("generic", "mismatch")
ROUNDING = 1e-9
# Parameters the signals were computed with (in_shifted_digest counts weakly grounded summaries
# of the whole digest, which a row does not hold): --set cannot change them.
FIXED = ("weak-grounding", "min-boilerplate")


def competing(s):
    return bool(s["subject_names"]) and not s["connected_names"]


def lexicons_silent(s):
    """Signals::lexicons_silence() != none."""
    if s["conflicting_field"]:
        return False
    rival = s["rival"]
    if s["unglossed"] and s["unbeaten"]:
        return True
    return bool(s["unrendered"] and not competing(s)
                and (s["unbeaten"] or (rival and rival["keeps_own"])))


def assess(s, p):
    """(verdict, confidence) or None, as assess() in summary_verdict.cpp."""
    if s["anchored"]:
        return None
    phrases = len(s["boilerplate"])
    template = not s["key_names"] and phrases >= p["min-boilerplate"]
    rival = s["rival"]
    source = rival if rival and not rival["keeps_own"] else None
    weak = s["grounding"] < p["weak-grounding"]
    if not (weak or (template and phrases >= p["many-boilerplate"])) and not (
            source and source["named"]):
        return None
    confidence = p["grounding-confidence"] * (1 - s["grounding"] / p["weak-grounding"] if weak
                                              else 0)
    if template:
        verdict = "generic"
        confidence += p["boilerplate-confidence"] * min(phrases, p["many-boilerplate"])
        if s["names"]:
            confidence -= p["named-template-discount"]
    else:
        verdict = "mismatch"
        signs = s["name_missing"] + competing(s) + bool(s["conflicting_field"])
        confidence += p["sign-confidence"] * signs
        if source:
            confidence += p["named-rival-confidence"] if source["named"] else p["rival-confidence"]
        if s["distinct"] or lexicons_silent(s):
            confidence -= p["distinct-discount"]
        if s["in_shifted_digest"]:
            confidence += p["shifted-digest-confidence"]
    confidence = min(1.0, max(0.0, confidence))
    return None if confidence < p["note-confidence"] else (verdict, confidence)


def warned(s, p):
    found = assess(s, p)
    if not found:
        return False
    verdict, confidence = found
    band = p["template-warning-confidence" if verdict == "generic" else "warning-confidence"]
    return confidence + ROUNDING >= band  # as band_of() in summary_verdict.cpp


def disagreements(rows):
    """Entries whose replayed verdict or confidence is not the binary's."""
    wrong = []
    for row in rows:
        s = row["signals"]
        verdict, confidence = assess(s, SHIPPED) or ("fine", 0.0)
        if verdict != s["verdict"] or abs(confidence - s["confidence"]) > ROUNDING:
            wrong.append(s["title"])
    return wrong


def score(rows, p):
    counts = {"real": [0, 0, 0], "rotated": [0, 0, 0], "audit": [0, 0, 0]}  # TP, FP, FN/unlabelled
    for row in rows:
        hit, kind, label = warned(row["signals"], p), row["kind"], row["label"]
        if kind == "audit":
            if hit:
                counts[kind][2 if label == "unlabelled" else 0 if label in BAD else 1] += 1
        elif label in BAD:
            counts[kind][0 if hit else 2] += 1
        else:
            counts[kind][1] += hit
    return counts


def ratio(a, b):
    return f"{a / b:.3f}" if b else "–"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("signals", help="the JSON Lines file of signals_folds.py")
    parser.add_argument("--set", action="append", default=[], metavar="PARAMETER=VALUE")
    args = parser.parse_args()
    with open(args.signals, encoding="utf-8") as f:
        rows = [row for row in map(json.loads, f) if row["signals"]]
    wrong = disagreements(rows)
    if wrong:
        print(f"FAIL: the replay disagrees with the binary on {len(wrong)} entries, e.g. "
              f"{wrong[:3]}: update assess() here to summary_verdict.cpp's")
        return 1
    parameters = dict(SHIPPED)
    for setting in args.set:
        key, _, value = setting.partition("=")
        if key not in SHIPPED or key in FIXED:
            parser.error(f"--set takes one of {', '.join(k for k in SHIPPED if k not in FIXED)}; "
                         f"not '{key}'")
        parameters[key] = float(value)
    counts = score(rows, parameters)
    tp, fp, fn = counts["real"]
    print(f"real     TP {tp:>4}  FP {fp:>3}  FN {fn:>3}  P {ratio(tp, tp + fp)}  "
          f"R {ratio(tp, tp + fn)}")
    tp, _, fn = counts["rotated"]
    print(f"rotated  recall {ratio(tp, tp + fn)} ({tp} / {tp + fn})")
    bad, ok, unlabelled = counts["audit"]
    print(f"audit    warnings {bad + ok + unlabelled}  bad {bad}  ok {ok}  unlabelled {unlabelled}  "
          f"precision {ratio(bad, bad + ok)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
