#!/usr/bin/env python3
"""Unit test of rules/mine_lexicon.py on a small synthetic corpus: a form that renders a title word
is mined for it, a form that only co-occurs with another word is not, a form common to every
summary is not mined at all, nor one that opens words only beside the title word but sits inside
words elsewhere (the linter finds a form anywhere), and a gloss renders the word right before it ("모델의 기억
(memorization)": 기억, not 모델의)."""
import pathlib
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
MINER = HERE.parents[1] / "rules" / "mine_lexicon.py"


def digest(entries):
    lines = ["## Daily Papers (2024-01-01)", ""]
    for n, (title, summary) in enumerate(entries):
        lines += [f"### [{title}](https://arxiv.org/abs/2401.{n:05d})", "", f"- {summary}", ""]
    return "\n".join(lines)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        corpus = pathlib.Path(tmp)
        for day in range(1, 13):
            entries = [
                ("Speech Separation with Tricks", "음성 분리를 합니다. 논문입니다."),
                ("Robust Speech Models", "강건한 음성 모델입니다. 논문입니다."),
                ("Table Parsing at Scale", "표 파싱을 분석하여 다룹니다. 논문입니다."),
                ("Graph Mining Revisited", "그래프를 정리하여 마이닝합니다. 논문입니다."),
                ("Better Weather Forecasts", "날씨 예보를 합니다. 모델의 기억(memorization)도 "
                                             "봅니다. 논문입니다."),
                # 하여 opens a word only in the summaries of titles with "gizmo", but ends words
                # in the others: written anywhere, it would ground any summary.
                ("Gizmo Assembly", "하여금 조립합니다. 논문입니다."),
                ("Lattice Drawing", "분석하여 그립니다. 논문입니다."),
            ]
            path = corpus / "2024" / "01" / f"{day:02d}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(digest(entries), encoding="utf-8")
        out = subprocess.run([sys.executable, str(MINER), "--corpus", str(corpus),
                              "--exclude-split", ""], capture_output=True, text=True, check=True)
    rows = {}
    for line in out.stdout.splitlines():
        if line.startswith("#"):
            continue
        word, forms, *_ = line.split("\t")
        rows[word] = [f.strip() for f in forms.split(",")]
    failures = []
    if "음성" not in rows.get("speech", []):
        failures.append(f"speech should be rendered 음성: {rows.get('speech')}")
    if "음성" in rows.get("separation", []):
        failures.append("음성 belongs to speech, not to separation, which it only co-occurs with")
    if "분리" not in rows.get("separation", []):
        failures.append(f"separation should be rendered 분리: {rows.get('separation')}")
    if any("논문" in forms for forms in rows.values()):
        failures.append("논문 is in every summary and must not render any word")
    if any("하여" in forms for forms in rows.values()):
        failures.append("하여 ends the words of other summaries and must not render any word: "
                        f"{[word for word, forms in rows.items() if '하여' in forms]}")
    if rows.get("memorization") != ["기억"]:
        failures.append(f"memorization is glossed 기억: {rows.get('memorization')}")
    if not out.stdout.startswith("# Korean renderings"):
        failures.append("the provenance header is missing")
    for failure in failures:
        print("FAIL:", failure)
    print("OK" if not failures else "", f"{len(rows)} words mined")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
