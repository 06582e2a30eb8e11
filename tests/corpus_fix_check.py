#!/usr/bin/env python3
"""Plain --fix over the whole shared corpus never loses information.

Copies ../shared/corpus to a temporary directory, records the findings, runs `check --fix` and
compares every file line by line. Each changed line must carry a finding with a safe fix, and the
change must be one that keeps what the author meant:
  - no line is added or removed;
  - a media line (`![](…)`, `[Watch Video](…)`) only changes from one paper thumbnail to another;
  - the emphasis (`*` count) of a line is unchanged, so labels are never reshaped;
  - an author list keeps every distinct name and every `+` placeholder.
Exits 77 (ctest SKIP_RETURN_CODE) with a reason when the corpus is absent.
usage: corpus_fix_check.py DIGESTLINT CORPUS_DIR
"""
import difflib
import json
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

THUMBNAIL = re.compile(r"https?://cdn-thumbnails\.huggingface\.co/social-thumbnails/papers/")
MEDIA_LINE = re.compile(r"^\s*(?:!\[[^\]]*\]|\[Watch Video\])\(([^)]*)\)")


def safe_fix_lines(report):
    """{(relative path, line)} covered by a finding whose fix is safe."""
    covered = {}
    for file in report["files"]:
        for finding in file["findings"]:
            fix = finding.get("fix")
            if not fix or not fix["safe"]:
                continue
            for line in range(fix["line"], fix["end_line"] + 1):
                covered.setdefault((file["path"], line), set()).add(finding["rule"])
    return covered


def author_names(line):
    names = [n.strip(" '\"[]") for n in line.split(":", 1)[1].split(",")]
    return {n for n in names if n and n != "+"}, sum(n == "+" for n in names)


def change_problem(old, new):
    """Why changing old into new loses information, or None."""
    old_media, new_media = MEDIA_LINE.match(old), MEDIA_LINE.match(new)
    if old_media or new_media:
        if not (old_media and new_media and THUMBNAIL.match(old_media.group(1))
                and THUMBNAIL.match(new_media.group(1))):
            return "a media line that is not a paper thumbnail changed"
    if old.count("*") != new.count("*"):
        return "the emphasis changed"
    if old.startswith("Authors:") and author_names(old) != author_names(new):
        return "the author list lost a name or a '+' placeholder"
    return None


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    binary, corpus = str(pathlib.Path(sys.argv[1]).resolve()), pathlib.Path(sys.argv[2])
    if not corpus.is_dir():
        print(f"skipped: the shared corpus {corpus} is not here")
        return 77
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp) / "corpus"
        shutil.copytree(corpus, work)
        # The shared corpus is read-only, and --fix reports read-only files instead of fixing.
        for path in work.rglob("*.md"):
            path.chmod(0o644)
        run = lambda *args: subprocess.run([binary, "check", *args], cwd=work,
                                           capture_output=True, text=True)
        report = json.loads(run("--format", "json", "--fail-on", "never", ".").stdout)
        covered = safe_fix_lines(report)
        fixed = run("--fix", "--fail-on", "never", "--quiet", ".")
        if fixed.returncode not in (0, 1):
            print(fixed.stderr)
            return 1
        problems, changed = [], 0
        for path in sorted(work.rglob("*.md")):
            relative = str(path.relative_to(work))
            before = (corpus / relative).read_text(encoding="utf-8", errors="replace").splitlines()
            after = path.read_text(encoding="utf-8", errors="replace").splitlines()
            for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after,
                                                               autojunk=False).get_opcodes():
                if tag == "equal":
                    continue
                if i2 - i1 != j2 - j1:
                    problems.append(f"{relative}:{i1 + 1}: lines were added or removed")
                    continue
                for k in range(i2 - i1):
                    changed += 1
                    line = i1 + k + 1
                    rules = covered.get((relative, line)) or covered.get(("./" + relative, line))
                    why = change_problem(before[i1 + k], after[j1 + k])
                    if not rules:
                        problems.append(f"{relative}:{line}: changed without a safe-fix finding")
                    elif why:
                        problems.append(f"{relative}:{line}: {why} ({', '.join(sorted(rules))})")
        for problem in problems:
            print(problem)
        print(f"{changed} changed line(s), {len(problems)} problem(s)")
        return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
