"""Hostile input shapes for the linear-time tests (tests/hostile_shapes_test.py) and the
benchmark (bench/run.py): each generator makes a digest whose size grows with n and whose lint
time must grow no faster than n. Synthetic text only, so nothing from the real corpus is copied.
"""

HEADER = "## Daily Papers (2024-10-05)\n\n"


def entry(i, authors="Mina Park, Jonas Weber", summary=None):
    arxiv = "2410.%05d" % (i % 100000)
    summary = summary or (
        f"- **What's New**: 논문 {i}은 해안 관측소 사이의 관계를 그래프로 표현해 조석 수위를 "
        f"예측하는 그래프 신경망(Graph Neural Network) 모델 {i * 7 % 1000}입니다.\n"
        f"- **Technical Details**: 관측소 {i % 300}개를 노드로, 해류 거리를 간선 가중치로 "
        f"사용하고 결측 관측값은 마스킹으로 처리합니다.\n"
        f"- **Performance Highlights**: 72시간 예측의 평균 절대 오차가 {i % 50}.4cm로 조화 "
        f"분석보다 {i % 90}% 낮았습니다.")
    return (f"### [TideNet {i}: Forecasting Coastal Tides, Part {i}](https://arxiv.org/abs/{arxiv})"
            f"\n\n![](https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/{arxiv}.png)"
            f"\n\nVote: 3\n\nAuthors: {authors}\n\n{summary}\n\n")


def author_line(n):
    """One entry whose Authors: line has n names, every tenth a repeat (authors/duplicate)."""
    names = [f"Name{(i // 10 * 9) if i % 10 == 9 else i} Surname" for i in range(n)]
    return HEADER + entry(0, authors=", ".join(names))


def copies(n):
    """n copies of one entry (duplicate-summary, duplicate-entry clusters)."""
    return HEADER + entry(0) * n


def template(n):
    """n entries from one template that differ only in their numbers."""
    return HEADER + "".join(entry(i) for i in range(n))


def long_line(n):
    """One summary bullet of about 40·n bytes with a finding every 40 bytes (brackets)."""
    body = "- **What's New**: " + "모델은 (괄호가 닫히지 않는 문장을 " * n + "씁니다."
    return HEADER + entry(0, summary=body)


def nesting(n):
    """n levels of nested blockquotes, lists and brackets inside one entry."""
    body = ("> " * n + "text\n\n" + "- " * n + "item\n\n" + "*" * n + "강조" + "*" * n +
            "\n\n- **What's New**: " + "[(" * n + "중첩" + ")]" * n)
    return HEADER + entry(0, summary=body)


def many_entries(n):
    """n distinct short entries, each with a few findings."""
    return HEADER + "".join(entry(i, authors="Mina Park, +, Mina Park") for i in range(n))


def many_bullets(n):
    """One entry whose summary is n untitled bullets, each with findings (an unclosed bracket,
    trailing spaces): the untitled-bullets era makes each bullet a section."""
    body = "".join(f"- 모델 {i}은 (괄호가 닫히지 않는 문장입니다.  \n" for i in range(n))
    return HEADER + entry(0, summary=body)


def suppressions(n):
    """n bullets, each under a comment that suppresses one of its findings, alternately for the
    next line and as a range closed after it."""
    body = "".join(
        (f"<!-- digestlint-disable-next-line text/trailing-whitespace -->\n- 모델 {i}은 (괄호가 "
         "닫히지 않는 문장입니다.  \n") if i % 2 else
        (f"<!-- digestlint-disable text/unbalanced-brackets -->\n- 모델 {i}은 (괄호가 닫히지 "
         "않는 문장입니다.  \n<!-- digestlint-enable -->\n") for i in range(n))
    return HEADER + entry(0, summary=body)


def comment_blocks(n):
    """n suppression comments in a row before one bullet, then n ranges left open and n enables
    of another rule: each comment once searched the whole block, each enable every open range."""
    body = ("<!-- digestlint-disable-next-line text/trailing-whitespace -->\n" * n +
            "- 모델은 (괄호가 닫히지 않는 문장입니다.  \n" +
            "<!-- digestlint-disable authors/lowercase -->\n" * n +
            "<!-- digestlint-enable text/truncated -->\n" * n + "- 모델은 문장입니다.\n")
    return HEADER + entry(0, summary=body)


def comments_in_text(n):
    """One bullet followed by n directive comments on its own line (each invalid there) and n
    that never close: each once looked for its line's start and end, and for a close, in the
    whole text."""
    body = ("- 모델은 문장입니다." + " <!-- digestlint-disable" * n + " <!--" * n + "\n")
    return HEADER + entry(0, summary=body)


def code_spans(n):
    """One bullet of n pieces, each a code span of one backtick holding a run of two, a bracket
    and a directive comment outside spans or in them: runs of backticks used to be paired by
    searching ahead of each one, and a comment's span found by counting back to its line's start."""
    body = ("- **What's New**: " + "`코드 `` (괄호` <!-- digestlint-disable --> (" * n + "\n")
    return HEADER + entry(0, summary=body)


def many_names(n):
    """One summary of n distinct names, each used twice and given with an expansion: every name
    used twice was looked up in the whole summary."""
    body = " ".join(f"Net{i}X (Neural Expansion Thing {i}, NET{i}) Net{i}X" for i in range(n))
    return HEADER + entry(0, summary=f"- **What's New**: {body} 입니다.\n")


def long_title(n):
    """A title of n words over a summary of n terms: each title word was compared with every
    other and searched for in the whole summary."""
    title = " ".join(f"Word{i}x" for i in range(n))
    body = " ".join(f"term{i} 단어{i}" for i in range(n))
    text = entry(0, summary=f"- **What's New**: {body} 입니다.\n")
    return HEADER + text.replace("TideNet 0: Forecasting Coastal Tides, Part 0", title)


def sounded_names(n):
    """n entries, each named by a word that only its own summary spells in Hangul (Rakida as
    라키다): each summary, grounded by that spelling alone, is compared with the rest of the
    digest, which once read every other summary."""
    latin, hangul = ["ra", "ki", "do", "mu", "se", "po"], ["라", "키", "도", "무", "세", "포"]
    def spelled(i, syllables):
        digits = [i // 6 ** k % 6 for k in range(6)]
        return "".join(syllables[d] for d in digits)
    return HEADER + "".join(
        entry(i, summary=f"- **What's New**: {spelled(i, hangul)}는 조용한 방법입니다.\n")
        .replace(f"TideNet {i}: Forecasting Coastal Tides, Part {i}",
                 f"{spelled(i, latin).capitalize()}: Quiet Harbor Lanterns")
        for i in range(n))


# name → (generator, n for the test, n for the benchmark)
SHAPES = {
    "author-line": (author_line, 25000, 200000),
    "copies": (copies, 2500, 7500),
    "template": (template, 1250, 5000),
    # At 25,000 (a 1 MB line) the step to 2n crosses a memory-cache size on some machines: 2.5×
    # the time at 25k → 50k, 1.9× at 50k → 100k, with instructions 2.0× at both.
    "long-line": (long_line, 50000, 75000),
    "nesting": (nesting, 10000, 20000),
    "many-entries": (many_entries, 2500, 10000),
    "many-bullets": (many_bullets, 5000, 20000),
    "suppressions": (suppressions, 5000, 20000),
    "comment-blocks": (comment_blocks, 2500, 10000),
    "comments-in-text": (comments_in_text, 5000, 20000),
    "code-spans": (code_spans, 2500, 20000),
    "many-names": (many_names, 5000, 20000),
    "long-title": (long_title, 5000, 20000),
    "sounded-names": (sounded_names, 2500, 10000),
}
