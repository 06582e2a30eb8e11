#!/usr/bin/env python3
"""Mines rules/summary-lexicon.tsv: Korean renderings of English title words.

Each corpus entry is an aligned pair: an English title and a Korean summary of the same paper.
A title word w and a Korean form k (a 2-4 syllable prefix of a Hangul run, matched as a substring
at lint time) are associated when k appears in the summaries of papers whose title has w far more
often than elsewhere. For every pair seen together at least MIN_PAIR times we compute Dunning's
log-likelihood ratio G2 over the 2x2 table of (title has w) x (summary has k) and keep k for w
when
  - G2 >= MIN_G2 (p < 0.001 for one degree of freedom),
  - P(k | w) >= MIN_COVERAGE: the form is how summaries usually render w,
  - P(k | not w) <= MAX_BACKGROUND: it is rarer elsewhere, so it seldom grounds an unrelated
    summary (which would hide a swapped one); and written anywhere in a summary, as the linter
    finds it, not only opening a word, at most WRITTEN_MAX_BACKGROUND,
  - no other title word has a G2 with k more than DOMINANCE times higher (a form belongs to
    the word it translates, not to a word that merely co-occurs with it: "speech separation"
    must not teach that 음성 means "separation"),
and keep at most MAX_FORMS forms per word, the second and third only when their G2 is at least
SECONDARY times the first's.

Summaries also gloss their terms: "희소 어텐션(sparse attention)". A gloss pairs its English words
with the Korean words right before it, in order from the right (Korean is head-final: "모델의
기억(memorization)" glosses 기억), when there are at least as many; a pair glossed at least
MIN_GLOSSES times, for at least GLOSS_SHARE of the English word's glosses, and rare enough
(P(form) <= GLOSS_MAX_BACKGROUND, looser: a gloss is a translation) is kept too, before the co-occurrence forms. Glosses reach words too
rare in titles for co-occurrence statistics. Deterministic: same corpus, same file.

Corpus: l-yohai/daily_papers_ko (CC BY-NC 4.0), ../shared/corpus/daily_papers_ko. The shipped
lexicon is mined from every day: the rules meet days outside the corpus, and more pairs reach
more words. Held-out figures come from tests/summary_quality/kfold.py, which mines again without
each fold's days (--exclude-split).

    python3 rules/mine_lexicon.py [--corpus DIR] [--exclude-split holdout4,holdout5] > rules/summary-lexicon.tsv
"""
import argparse
import collections
import math
import pathlib
import re
import sys

MIN_WORD_DF = 2       # titles a word must appear in to get an entry
MIN_PAIR = 2          # entries in which the word and the form meet
MIN_G2 = 10.83        # chi-square(1) at p = 0.001
MIN_COVERAGE = 0.25   # P(form in summary | word in title)
MAX_BACKGROUND = 0.2  # P(form in summary | word not in title)
# P(form anywhere in summary | word not in title): the linter finds a form inside longer words
# too, where a particle or an ending ("으로", "하여", "는") sits in nearly every summary. Looser than
# MAX_BACKGROUND: a frequent rendering is also written inside compounds (품질 in 고품질).
WRITTEN_MAX_BACKGROUND = 0.3
MAX_FORMS = 3
SECONDARY = 0.5       # a second or third form needs this share of the word's best G2
DOMINANCE = 2.0       # a form stays only with words within this factor of its best G2
MAX_SYLLABLES = 4
MIN_GLOSSES = 2
GLOSS_SHARE = 0.25
GLOSS_MAX_BACKGROUND = 0.2  # a gloss is a translation: frequent topics ("확산" for diffusion) stay
GLOSS = re.compile(r"([\uac00-\ud7a3]+(?: [\uac00-\ud7a3]+){0,3}) ?\(([A-Za-z][A-Za-z' -]{1,60})\)")

HERE = pathlib.Path(__file__).resolve().parent
HEADING = re.compile(r"^#{3,4} \[?(?P<title>[^\]\n]+?)\]?(?:\(http[^)]*\))?\s*$")
HANGUL_RUN = re.compile(r"[\uac00-\ud7a3]+")
LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:['-][A-Za-z0-9]+)*")
STOPWORDS = set("""a an the of for and or with in on to from by via is are be all you need can do
does how what why when towards toward using use based new its their your our at as into over under
beyond through we it this that these those not no more most less than one two three vs versus""".split())


def stem(word):
    """Mirrors digestlint's summary stemmer closely enough to group a word's forms."""
    suffixes = ("ations", "ation", "ings", "ing", "ures", "ure", "ions", "ion", "ual", "ness",
                "ities", "ity", "ies", "ers", "er", "ed", "es", "s")
    w = word.lower()
    for _ in range(2):
        for suffix in suffixes:
            if len(w) >= len(suffix) + 4 and w.endswith(suffix):
                if suffix == "es" and not w[:-2].endswith(("s", "x", "z", "ch", "sh")):
                    suffix = "s"
                w = w[: -len(suffix)]
                break
        else:
            break
    if len(w) >= 5 and w.endswith("e"):
        w = w[:-1]
    return w


def title_words(title):
    words = set()
    for token in LATIN.findall(title):
        parts = [token] + (token.split("-") if "-" in token else [])
        for part in parts:
            if len(part) >= 3 and part.lower() not in STOPWORDS and not part.isupper():
                words.add(part.lower())
    return words


def korean_forms(summary):
    forms = set()
    for run in HANGUL_RUN.findall(summary):
        for n in range(2, min(len(run), MAX_SYLLABLES) + 1):
            forms.add(run[:n])
    return forms


def written_forms(summary, wanted):
    """The forms of `wanted` written anywhere in the summary: inside a longer word or before a
    particle too, as the linter finds a rendering (a substring of the summary). A form mined as a
    word's opening syllables ("으로", "하여" open few words) may end countless others."""
    found = set()
    for run in HANGUL_RUN.findall(summary):
        for start in range(len(run)):
            for end in range(start + 1, min(len(run), start + MAX_SYLLABLES) + 1):
                if run[start:end] in wanted:
                    found.add(run[start:end])
    return found


def entries(path):
    """(title, summary) pairs of one digest."""
    title, lines = None, []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines() + ["### end"]:
        if line.startswith("### "):
            if title:
                yield title, "\n".join(lines)
            match = HEADING.match(line)
            title, lines = (match.group("title") if match else None), []
        elif title and re.match(r"^\s*[-*+] ", line):
            lines.append(line)


def glosses(summary):
    """(english word, korean form) pairs of the summary's glosses, each English word with the
    Korean word in the same place counted from the gloss's end."""
    for korean, english in GLOSS.findall(summary):
        korean_words, english_words = korean.split(), english.split()
        if len(korean_words) < len(english_words):
            continue
        # Korean is head-final: a gloss belongs to the words right before it ("모델의 기억
        # (memorization)" glosses 기억), so the sides are paired from the right.
        for k, e in zip(korean_words[-len(english_words):], english_words):
            if not e.isupper() and e.lower() not in STOPWORDS and len(e) >= 3:
                yield e.lower(), k[:MAX_SYLLABLES]


def excluded_days(splits):
    days = set()
    for sample in (HERE.parent / "tests" / "summary_quality" / "labels").glob("sample*.tsv"):
        rows = [line.split("\t") for line in sample.read_text(encoding="utf-8").splitlines()[1:]]
        days |= {row[0] for row in rows if row[4] in splits}
    return days


def g2(a, b, c, d):
    """Log-likelihood ratio of a 2x2 contingency table [[a, b], [c, d]]."""
    n = a + b + c + d
    total = 0.0
    for observed, row, col in ((a, a + b, a + c), (b, a + b, b + d), (c, c + d, a + c),
                               (d, c + d, b + d)):
        if observed:
            total += observed * math.log(observed * n / (row * col))
    return 2 * total


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=pathlib.Path,
                        default=HERE.parents[1] / "shared" / "corpus" / "daily_papers_ko")
    parser.add_argument("--exclude-split", default="",
                        help="leave out the days of these splits (comma-separated) of the "
                             "development set")
    args = parser.parse_args()

    skip = excluded_days(set(filter(None, args.exclude_split.split(","))))
    pairs, days = [], 0
    glossed = collections.defaultdict(collections.Counter)  # word stem -> Korean form -> glosses
    surface = {}
    for path in sorted(args.corpus.glob("*/*/*.md")):
        date = f"{path.parts[-3]}-{path.parts[-2]}-{path.stem}"
        if date in skip:
            continue
        days += 1
        for title, summary in entries(path):
            for english, korean in glosses(summary):
                glossed[stem(english)][korean] += 1
                surface.setdefault(stem(english), collections.Counter())[english] += 1
            words = {stem(w) for w in title_words(title)}
            if words and summary:
                pairs.append((words, korean_forms(summary), title_words(title), summary))
    n = len(pairs)

    word_df, form_df = collections.Counter(), collections.Counter()
    for words, forms, raw, _ in pairs:
        word_df.update(words)
        form_df.update(forms)
        for w in sorted(raw):
            surface.setdefault(stem(w), collections.Counter())[w] += 1
    common_words = {w for w, c in word_df.items() if c >= MIN_WORD_DF}
    # A form in half the summaries cannot be rare outside any word's papers.
    useful_forms = {k for k, c in form_df.items() if MIN_PAIR <= c <= n / 2}
    together = collections.Counter()
    for words, forms, _, _ in pairs:
        kept = forms & useful_forms
        for w in words & common_words:
            for k in kept:
                together[(w, k)] += 1

    scored = collections.defaultdict(list)  # word -> [(g2, form, coverage, background)]
    best_for_form = collections.defaultdict(float)
    for (w, k), a in together.items():
        if a < MIN_PAIR:
            continue
        b, c = word_df[w] - a, form_df[k] - a
        d = n - a - b - c
        coverage, background = a / word_df[w], c / (n - word_df[w])
        if coverage < MIN_COVERAGE or background > MAX_BACKGROUND or a / word_df[w] <= c / n:
            continue
        score = g2(a, b, c, d)
        if score < MIN_G2:
            continue
        scored[w].append((score, k, coverage, background))
        best_for_form[k] = max(best_for_form[k], score)

    # Each candidate form's summaries as the linter matches it, anywhere in the text: overall
    # (written_df) and beside a title word (written_with).
    candidates = collections.defaultdict(set)  # word stem -> its candidate forms
    for w, ranked in scored.items():
        candidates[w].update(k for _, k, _, _ in ranked)
    for w, forms in glossed.items():
        candidates[w].update(forms)
    wanted = set().union(*candidates.values()) if candidates else set()
    written_df, written_with = collections.Counter(), collections.Counter()
    for words, _, _, summary in pairs:
        written = written_forms(summary, wanted)
        written_df.update(written)
        for w in words:
            written_with.update((w, k) for k in written & candidates.get(w, set()))

    def written_elsewhere(w, k):
        """P(form anywhere in a summary | word not in its title)."""
        return (written_df[k] - written_with[(w, k)]) / max(1, n - word_df[w])

    # Out of the ranking, so that neither the later forms' threshold nor the G2 printed reads one.
    for w, ranked in scored.items():
        ranked[:] = [item for item in ranked
                     if written_elsewhere(w, item[1]) <= WRITTEN_MAX_BACKGROUND]

    print("# Korean renderings of English title words, mined by rules/mine_lexicon.py; do not edit.")
    left_out = (f" (the days of {args.exclude_split} left out)" if args.exclude_split
                else " (every day of the corpus)")
    print("# Source: l-yohai/daily_papers_ko (CC BY-NC 4.0), "
          f"{days} days, {n} title/summary pairs{left_out}.")
    print(f"# Kept: G2 >= {MIN_G2}, P(form|word) >= {MIN_COVERAGE}, "
          f"P(form|not word) <= {MAX_BACKGROUND} ({WRITTEN_MAX_BACKGROUND} written anywhere), "
          f"at most {MAX_FORMS} forms a word.")
    print("# word\tforms\ttitles with the word\tbest G2 (or gloss: from glosses only)")
    written = 0
    for w in sorted(set(scored) | set(glossed)):
        ranked = sorted(scored.get(w, []), key=lambda item: (-item[0], item[1]))
        forms = []
        total_glosses = sum(glossed[w].values())
        for k, count in sorted(glossed[w].items(), key=lambda item: (-item[1], item[0])):
            if count < MIN_GLOSSES or count < GLOSS_SHARE * total_glosses:
                continue
            if written_df[k] > GLOSS_MAX_BACKGROUND * n or any(k.startswith(f) or f.startswith(k)
                                                               for f in forms):
                continue
            forms.append(k)
            if len(forms) == MAX_FORMS:
                break
        for score, k, _, _ in ranked:
            if score * DOMINANCE < best_for_form[k] or score < SECONDARY * ranked[0][0]:
                continue
            if len(forms) == MAX_FORMS or any(k.startswith(f) or f.startswith(k) for f in forms):
                continue
            forms.append(k)
        if forms:
            word = surface[w].most_common(1)[0][0]
            best = f"{ranked[0][0]:.1f}" if ranked else "gloss"
            print(f"{word}\t{', '.join(forms)}\t{word_df[w]}\t{best}")
            written += 1
    print(f"mined {written} words from {n} pairs", file=sys.stderr)


if __name__ == "__main__":
    main()
