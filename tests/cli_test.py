#!/usr/bin/env python3
"""End-to-end tests of the digestlint CLI: exit codes, bad input, formats, suppressions,
baselines and fixes.  usage: cli_test.py DIGESTLINT FIXTURES_DIR"""
import json
import os
import re
import sys
import tempfile

from cli_support import check, clean_text, finish, run, start, write

BIN, FIXTURES = sys.argv[1], sys.argv[2]
CLEAN = os.path.join(FIXTURES, "clean.md")
start(BIN, CLEAN)


def digest_with(replacements):
    text = clean_text()
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def findings(stdout):
    return [f for file in json.loads(stdout)["files"] for f in file["findings"]]


def test_exit_codes(tmp):
    code, out, err = run("check", CLEAN)
    check("clean digest exits 0", code == 0, out + err)
    check("clean digest says so", "No problems found" in out, out)
    bad = write(tmp, "bad.md", digest_with([("Authors: Mina Park,", "Authors: Mina Park, +,")]))
    code, out, err = run("check", bad)
    check("a finding exits 1", code == 1, out + err)
    check("human line format", f"{bad}:9:" in out and "error[authors/placeholder]" in out, out)
    check("code frame underline", "^" in out and "= hint:" in out, out)
    code, _, _ = run("check", "--fail-on", "never", bad)
    check("--fail-on never exits 0", code == 0)
    code, _, _ = run("check", "--fail-on", "error", "--select", "authors/lowercase", bad)
    check("--select narrows the rules", code == 0)
    code, _, err = run("check", "--select", "nosuch/rule", bad)
    check("unknown selector is a config error (3)", code == 3 and "nosuch/rule" in err, err)
    code, _, err = run("check", "--format", "xml", bad)
    check("bad option value is a usage error (2)", code == 2, err)


def test_bad_input(tmp):
    binary = write(tmp, "binary.md", b"## Daily\n\x00\x01\x02", "wb")
    code, out, err = run("check", binary)
    check("binary file exits 2 with a located message", code == 2 and "binary.md:2:1: error: binary file" in err, err)
    invalid = write(tmp, "invalid.md", clean_text().encode().replace("조석".encode(), b"\xc3\x28", 1), "wb")
    code, out, err = run("check", "--format", "json", invalid)
    got = findings(out)
    check("invalid UTF-8 is a finding, not a crash", code == 1 and any(f["rule"] == "structure/invalid-encoding" for f in got), out + err)
    check("invalid UTF-8 location", any(f["rule"] == "structure/invalid-encoding" and f["line"] == 11 for f in got), out)
    empty = write(tmp, "empty.md", "")
    code, out, err = run("check", empty)
    check("empty file: not a digest", code == 0 and "note: skipped, not a digest" in err, out + err)
    check("a skipped file is not called clean", "Nothing linted: 1 file skipped (not a digest)."
          in out and "No problems" not in out, out)
    code, out, err = run("check", empty, CLEAN, os.path.join(tmp, "missing.md"))
    check("the summary line counts linted, failed and skipped files apart",
          "No problems found in 1 file; 1 input failed (see above); 1 file skipped (not a digest)."
          in out, out)
    code, out, err = run("check", os.path.join(tmp, "nope.md"))
    check("missing file exits 2", code == 2 and "no such file" in err, err)
    emptydir = os.path.join(tmp, "emptydir")
    os.mkdir(emptydir)
    code, out, err = run("check", emptydir)
    check("directory without digests exits 2", code == 2 and "no digests" in err, err)
    code, out, err = run("check", "--max-file-size", "100", CLEAN)
    check("oversized file exits 2", code == 2 and "limit" in err, err)
    broken = write(tmp, "broken.yaml", "rules:\n  - id: x/y\n    severity: [\n")
    code, out, err = run("check", "--rules", broken, CLEAN)
    check("broken YAML pack exits 3 with a location", code == 3 and "broken.yaml:" in err and "error:" in err, err)
    typo = write(tmp, "typo.yaml", "rules:\n  - id: x/y\n    severity: error\n    scope: title\n    kind: patern\n    message: m\n    description: d\n")
    code, out, err = run("check", "--rules", typo, CLEAN)
    check("unknown kind points into the YAML", code == 3 and "typo.yaml:5:11: error: unknown kind 'patern'" in err, err)


def test_stdin_and_formats(tmp):
    text = digest_with([("Authors: Mina Park,", "Authors: Mina Park, +,")])
    code, out, err = run("check", "-", "--stdin-filename", "today.md", stdin=text.encode())
    check("stdin uses --stdin-filename", code == 1 and "today.md:9:" in out, out + err)
    code, out, _ = run("check", "-", "--format", "github", "--stdin-filename", "today.md", stdin=text.encode())
    check("github workflow command", out.startswith("::error file=today.md,line=9,"), out)
    code, out, _ = run("check", "-", "--format", "sarif", stdin=text.encode())
    sarif = json.loads(out)
    check("sarif result", sarif["runs"][0]["results"][0]["ruleId"] == "authors/placeholder", out[:300])
    code, out, _ = run("check", "--statistics", "-", stdin=text.encode())
    stats = out.split("Statistics:")[-1]
    check("--statistics counts per rule", "Statistics:" in out and "1  authors/placeholder" in stats, out)
    # fixtures/summary/unrendered-title-words.md holds a title-mismatch note and a warning.
    code, out, _ = run("check", "--statistics", "--no-cache",
                       os.path.join(FIXTURES, "summary", "unrendered-title-words.md"))
    rows = re.findall(r"^\s+(\d+)\s+summary/title-mismatch\s+(\w+)", out.split("Statistics:")[-1],
                      re.M)
    check("--statistics: a row per rule and severity", sorted(r[1] for r in rows) == ["note", "warning"],
          out[-600:])
    out_path = os.path.join(tmp, "report.json")
    code, out, _ = run("check", "-", "--format", "json", "-o", out_path, stdin=text.encode())
    check("--output writes the report", code == 1 and out == "" and os.path.exists(out_path))


def test_rules_and_explain():
    code, out, _ = run("rules")
    check("rules lists ids", code == 0 and "authors/placeholder" in out and "links/relative-url" in out, out)
    code, out, _ = run("explain", "authors/placeholder")
    check("explain prints docs", code == 0 and out.startswith("# authors/placeholder"), out)
    code, _, err = run("explain", "nope/nope")
    check("explain unknown rule exits 2", code == 2, err)


def test_config(tmp):
    project = os.path.join(tmp, "project")
    os.makedirs(os.path.join(project, "archive"))
    text = digest_with([("Authors: Mina Park,", "Authors: Mina Park, +,")])
    write(project, "today.md", text)
    write(os.path.join(project, "archive"), "old.md", text)
    write(project, ".digestlint.yaml", "rules:\n  authors/placeholder: note\nignore:\n  - files: ['archive/**']\n    rules: [authors]\n")
    code, out, err = run("check", "--format", "json", project)
    got = {(f["rule"], f["severity"]) for f in findings(out)}
    check("config changes severity", ("authors/placeholder", "note") in got, out)
    check("config ignores per glob", all("archive" not in file["path"] or not file["findings"] for file in json.loads(out)["files"]), out)
    write(project, ".digestlint.yaml", "rules:\n  authors/placehodler: off\n")
    code, out, err = run("check", project)
    check("config naming an unknown rule exits 3", code == 3 and ".digestlint.yaml" in err, err)
    test_summary_parameters(project)


def test_summary_parameters(project):
    """The two summary verdicts share one parameter block: a value set for one applies to both,
    two different values are a configuration error."""
    template = digest_with([])
    start = template.index("- **What's New**")
    end = template.index("\n\n", start)
    template = template[:start] + (
        "- **What's New**: 이번 arxiv 논문에서는 새로운 딥러닝 모델을 소개합니다. 기존 모델 대비 "
        "정확도가 5% 향상되었으며 다양한 벤치마크에서 최고 성능을 기록했습니다. 데이터 전처리와 "
        "최신 알고리즘을 사용해 학습 속도를 높였습니다.") + template[end:]
    write(project, "template.md", template)
    write(project, ".digestlint.yaml", "")
    code, out, _ = run("check", "--format", "json", "--select", "summary", project + "/template.md")
    generic = [f for f in findings(out) if f["rule"] == "summary/generic-template"]
    check("a template is a confident warning", generic and generic[0]["severity"] == "warning"
          and generic[0]["confidence"] >= 0.5, out)
    write(project, ".digestlint.yaml", "rules:\n  summary/title-mismatch:\n"
          "    params: {grounding-confidence: 0.1, boilerplate-confidence: 0}\n")
    config = os.path.join(project, ".digestlint.yaml")
    code, out, _ = run("check", "--config", config, "--format", "json", "--select", "summary",
                       project + "/template.md")
    generic = [f for f in findings(out) if f["rule"] == "summary/generic-template"]
    check("a weight set on one summary rule applies to the other", not generic, out)
    write(project, ".digestlint.yaml", "rules:\n  summary/title-mismatch:\n    params: {warning-confidence: 1.0}\n"
          "  summary/generic-template:\n    params: {warning-confidence: 0.8}\n")
    code, _, err = run("check", "--config", config, project + "/template.md")
    check("different values for the shared block exit 3", code == 3 and "share one parameter block" in err, err)


def test_suppressions(tmp):
    text = digest_with([("Authors: Mina Park,", "<!-- digestlint-disable-next-line authors/placeholder -->\nAuthors: Mina Park, +,")])
    path = write(tmp, "suppressed.md", text)
    code, out, _ = run("check", path)
    check("next-line suppression hides the finding", code == 0, out)
    code, out, _ = run("check", "--no-inline-config", path)
    check("--no-inline-config ignores suppressions", code == 1 and "authors/placeholder" in out, out)
    stale = write(tmp, "stale.md", digest_with([("Vote: 12", "<!-- digestlint-disable-next-line links/insecure-url -->\nVote: 12")]))
    code, out, _ = run("check", stale)
    check("unused suppression is a note", code == 0 and "note[digestlint/unused-suppression]" in out, out)


def test_baseline(tmp):
    text = digest_with([("Authors: Mina Park,", "Authors: Mina Park, +,")])
    path = write(tmp, "gate.md", text)
    baseline = os.path.join(tmp, "baseline.json")
    code, _, err = run("check", "--write-baseline", baseline, path)
    check("write baseline exits 0", code == 0 and os.path.exists(baseline), err)
    write(tmp, "gate.md", "\n\n" + text.replace("## Daily Papers (2024-10-02)\n", "## Daily Papers (2024-10-02)\n\n\n"))
    code, out, err = run("check", "--baseline", baseline, path)
    check("moved lines keep old findings known", code == 0, out + err)
    write(tmp, "gate.md", text.replace("Authors: Carla Mendes,", "Authors: Carla Mendes, +,"))
    code, out, _ = run("check", "--baseline", baseline, path)
    check("a new finding fails the gate", code == 1 and out.count("authors/placeholder") == 1, out)
    code, _, err = run("check", "--baseline", os.path.join(tmp, "missing.json"), path)
    check("unreadable baseline exits 2", code == 2, err)


def test_fixes(tmp):
    original = digest_with([("Authors: Mina Park,", "Authors: Mina Park, ,"),
                            ("https://arxiv.org/abs/2410.01234", "http://arxiv.org/abs/2410.01234")])
    path = write(tmp, "fix.md", original)
    code, out, _ = run("check", "--diff", path)
    check("--diff prints a diff and exits 1", code == 1 and "-Authors: Mina Park, ," in out and "+Authors: Mina Park, Jonas" in out, out)
    with open(path, encoding="utf-8") as f:
        check("--diff changes nothing", f.read() == original)
    code, out, err = run("check", "--fix", path)
    with open(path, encoding="utf-8") as f:
        fixed = f.read()
    check("--fix applies safe fixes", code == 0 and ", ," not in fixed and "https://arxiv.org/abs/2410.01234" in fixed, out + err)
    expected = original.replace("Mina Park, ,", "Mina Park,").replace("http://arxiv", "https://arxiv")
    check("--fix touches only the fixed spans", fixed == expected)
    code, out, _ = run("check", "--fix", path)
    with open(path, encoding="utf-8") as f:
        check("--fix is idempotent", f.read() == fixed and code == 0, out)
    code, out, err = run("check", "-", "--fix", stdin=original.encode())
    check("--fix with - prints the fixed text", out == expected, err)
    # A '+' marks omitted names: removing it loses that, so only --unsafe-fixes does.
    unsafe_only(tmp, "placeholder.md", ("Authors: Mina Park,", "Authors: Mina Park, +,"), "Mina Park, +,",
                "Mina Park, Jonas Weber", "a '+' placeholder")
    # https is known to work only for arXiv and the Hugging Face hosts.
    unsafe_only(tmp, "other-host.md", ("https://arxiv.org/abs/2410.01234", "http://arxiv.example.org/abs/2410.01234"),
                "http://arxiv.example.org/", "https://arxiv.example.org/", "http:// on another host")
    leftovers = [n for n in os.listdir(tmp) if n.endswith(".tmp")]
    check("no temporary files left", not leftovers, str(leftovers))


def test_lone_carriage_returns(tmp):
    """Classic Mac OS line endings (a lone CR) break lines as LF does: the same findings at the
    same places; --fix keeps them, and leaves a file that mixes them with LF alone rather than
    rewrite its line endings."""
    text = digest_with([("Authors: Mina Park,", "Authors: Mina Park, ,")])
    lf = write(tmp, "lf.md", text)
    cr = os.path.join(tmp, "cr.md")
    with open(cr, "w", encoding="utf-8", newline="") as f:
        f.write(text.replace("\n", "\r"))
    places = lambda out: [(f["rule"], f["line"], f["column"]) for f in findings(out)]
    _, lf_out, _ = run("check", "--format", "json", lf)
    code, cr_out, err = run("check", "--format", "json", cr)
    check("lone CR line endings: the findings and places of LF", code == 1
          and places(cr_out) == places(lf_out) and places(lf_out), cr_out[:300] + err)
    with open(cr, "rb") as f:
        before = f.read()
    code, out, err = run("check", "--fix", cr)
    with open(cr, "rb") as f:
        fixed = f.read()
    check("--fix fixes a file of lone CR line endings and keeps them",
          fixed != before and b"\n" not in fixed and fixed.count(b"\r") == before.count(b"\r")
          and b"Authors: Mina Park, ," not in fixed, err)
    mixed = os.path.join(tmp, "mixed.md")
    with open(mixed, "w", encoding="utf-8", newline="") as f:
        f.write(re.sub(r"\n(?=[^\n])", "\r", text, count=1))  # one lone CR, the rest LF
    with open(mixed, "rb") as f:
        before = f.read()
    code, out, err = run("check", "--fix", mixed)
    with open(mixed, "rb") as f:
        check("--fix leaves a file of mixed lone CR and LF endings as it was, and says why",
              f.read() == before and "ends in a lone CR while other lines end in LF" in err, err)
    binary = os.path.join(tmp, "nul.md")
    with open(binary, "wb") as f:
        f.write(b"## Daily\r\r\nab\rc\x00")
    code, out, err = run("check", binary)
    check("a NUL byte after lone CRs is placed as the editor shows it",
          code == 2 and "nul.md:4:2: error: binary file" in err, err)
    with open(binary, "wb") as f:
        f.write(b"a\r\x00")
    code, out, err = run("check", binary)
    check("a NUL byte right after a lone CR opens the next line",
          code == 2 and "nul.md:2:1: error: binary file" in err, err)


def test_fix_stdin_gives_back_the_buffer(tmp):
    """`--fix -` is how editors fix: whatever happens, stdout is the text to replace the buffer
    with."""
    invalid = b"\xef\xbb\xbf" + clean_text().encode().replace("조석".encode(), b"\xc3\x28\xff", 1)
    code, out, err = run("check", "--fix", "-", stdin=invalid, raw=True)
    check("--fix -: invalid UTF-8 comes back byte for byte, BOM included", out == invalid,
          err + repr(out[:80]))
    project = os.path.join(tmp, "excluded")
    os.mkdir(project)
    write(project, ".digestlint.yaml", 'exclude: ["d.md"]\n')
    text = digest_with([("Authors: Mina Park,", "Authors: Mina Park, ,")]).encode()
    code, out, err = run("check", "--fix", "-", "--stdin-filename", "d.md", stdin=text, cwd=project,
                         raw=True)
    check("--fix -: a file the configuration excludes comes back unchanged", out == text,
          err + repr(out[:80]))
    same_name = write(tmp, "d.md", text.decode())
    code, out, err = run("check", "--fix", "-", same_name, "--stdin-filename", same_name,
                         stdin=text, raw=True)
    with open(same_name, encoding="utf-8") as f:
        check("--fix - beside a file of --stdin-filename's name: stdin comes back once, the file is fixed",
              out.count(b"### [") == text.count(b"### [") and b"Mina Park, ," not in out
              and "Mina Park, ," not in f.read(), err + repr(out[-200:]))
    write(project, "d.md", text.decode())
    code, out, err = run("check", "d.md", cwd=project)
    check("every file excluded: nothing linted, not 'no problems in 0 files'",
          code == 0 and out.strip() == "Nothing linted.", out + err)
    for fmt in ("json", "sarif", "github"):
        code, out, err = run("check", "--fix", "--format", fmt, "-", stdin=text)
        check(f"--fix - with --format {fmt} and no -o is a usage error (2)",
              code == 2 and "-o FILE" in err and out == "", err)
    report = os.path.join(tmp, "report.json")
    code, out, err = run("check", "--fix", "--format", "json", "-o", report, "-", stdin=text)
    with open(report, encoding="utf-8") as f:
        check("--fix - with -o writes the report there and the fixed text to stdout",
              code in (0, 1) and "files" in json.load(f) and "Mina Park, ," not in out
              and "Mina Park," in out, err)


def unsafe_only(tmp, name, replacement, before, after, why):
    """A fix --fix leaves and --unsafe-fixes applies, in a clean digest with `replacement` made:
    `before` in the file until then, `after` instead once applied."""
    path = write(tmp, name, digest_with([replacement]))
    run("check", "--fix", "--fail-on", "never", path)
    with open(path, encoding="utf-8") as f:
        check(f"--fix keeps {why}", before in f.read())
    run("check", "--fix", "--unsafe-fixes", "--fail-on", "never", path)
    with open(path, encoding="utf-8") as f:
        fixed = f.read()
    check(f"--unsafe-fixes fixes {why}", after in fixed and before not in fixed)


def one_rule_pack(tmp, name, kind, params, message="m"):
    """A pack of one section rule, team/one; its params are on line 6."""
    return write(tmp, name, "rules:\n  - id: team/one\n    severity: warning\n"
                 f"    scope: section\n    kind: {kind}\n    params: {params}\n"
                 f"    message: \"{message}\"\n    description: d\n")


def test_user_mistakes(tmp):
    """Rule packs and configurations that cannot do what their writer meant are told, not run."""
    for pattern in ("x*", "^", "\\b", "a|x*", "(?m)^$"):
        pack = one_rule_pack(tmp, "pack.yaml", "pattern", f"{{pattern: '{pattern}'}}", "m {match}")
        code, out, err = run("check", "--rules", pack, CLEAN)
        check(f"a pattern with empty matches inside text ({pattern}) is a config error (3)",
              code == 3 and "pack.yaml:6:" in err and "empty text inside" in err, err)
    for phrases, regex in (('[""]', "false"), ("['hype', 'a*']", "true"), ("['^']", "true")):
        pack = one_rule_pack(tmp, "phrases.yaml", "phrase-list",
                             f"{{phrases: {phrases}, regex: {regex}}}")
        code, out, err = run("check", "--rules", pack, CLEAN)
        check(f"a phrase-list phrase with empty matches ({phrases}) is a config error (3)",
              code == 3 and "phrases.yaml:6:" in err and "empty text inside" in err, err)
    write(tmp, "words.tsv", "small\t작은, 소형\n")
    glossary = one_rule_pack(tmp, "glossary.yaml", "phrase-list", "{phrases: '@words'}")
    code, out, err = run("check", "--rules", os.path.join(tmp, "words.tsv"), "--rules", glossary,
                         CLEAN)
    check("a glossary lexicon (a .tsv data file) as phrases is a config error (3), not silence",
          code == 3 and "glossary.yaml:6:" in err and "'@words' is a glossary" in err, err)
    for part, value, wanted in (
            ("detect", "{from: '2024-02-30'}", "February 2024 has 29 days"),
            ("detect", "{from: '2024-05-01', until: '2024-04-01'}", "is before 'from'"),
            ("detect", "{header: '(x'}", "invalid regular expression"),
            ("detect", "{header: ''}", "empty regular expression"),
            ("entry", "{media: [{kind: avatar, url: ''}]}", "empty regular expression")):
        profiles = write(tmp, "profiles.yaml", "profiles:\n  - name: weekly\n"
                         f"    {part}: {value}\n")
        code, out, err = run("check", "--rules", profiles, CLEAN)
        check(f"a profile's {part} {value} is a config error (3) pointing at it",
              code == 3 and "profiles.yaml:3:" in err and wanted in err and "re2.cc" not in err,
              err)
    profiles = write(tmp, "profiles.yaml", "profiles:\n  - name: weekly\n  - name: weekly\n")
    code, out, err = run("check", "--rules", profiles, CLEAN)
    check("two profiles of one name in one pack are a config error (3)",
          code == 3 and "profiles.yaml:3:" in err and "second profile named 'weekly'" in err, err)
    located = os.path.join(tmp, "located")
    os.mkdir(located)
    write(located, "d.md", clean_text())
    for text, wanted in (("rules:\n  text/truncated:\n", ".digestlint.yaml:2:3:"),
                         ("rules:\n", ".digestlint.yaml:1:1:"),
                         ("packs: [missing.yaml]\n", ".digestlint.yaml:1:9:")):
        write(located, ".digestlint.yaml", text)
        code, out, err = run("check", "d.md", cwd=located)
        check(f"a config mistake ({text.strip()!r}) points at a line of the file",
              code == 3 and wanted in err, err)
    loop = write(tmp, "loop.yaml", "rules:\n  - id: team/bang\n    severity: warning\n"
                 "    scope: title\n    kind: pattern\n    params: {pattern: 'TideNet'}\n"
                 "    message: \"m {match}\"\n    description: d\n"
                 "    fix: {replace: 'TideNet!', safe: true}\n")
    target = write(tmp, "loop.md", clean_text())
    code, out, err = run("check", "--rules", loop, "--select", "team", "--fix", target)
    check("a fix that never settles is warned about, by its rule",
          "did not settle in 10 rounds: the fixes of team/bang still applied" in err, err)
    project = os.path.join(tmp, "ignores")
    os.mkdir(project)
    write(project, ".digestlint.yaml", 'ignore:\n  - files: ["*.md"]\n    rules: [linkz]\n')
    write(project, "d.md", clean_text())
    code, out, err = run("check", "d.md", cwd=project)
    check("an unknown rule under ignore: is a config error (3) with a suggestion",
          code == 3 and ".digestlint.yaml:3:" in err and "'linkz'" in err and "'links'" in err, err)
    nested = os.path.join(tmp, "nested")
    os.makedirs(os.path.join(nested, "digests", "sub"))
    write(nested, ".digestlint.yaml", 'exclude: ["digests/d.md"]\n')
    write(os.path.join(nested, "digests"), "d.md", clean_text())
    code, out, err = run("check", "digests/../digests/d.md", cwd=nested)
    check("a path through '..' meets the configuration's globs as the file it names",
          code == 0 and "Nothing linted" in out + err, out + err)
    write(os.path.join(nested, "digests", "sub"), "e.md", clean_text())
    os.symlink("nowhere", os.path.join(nested, "digests", "sub", ".digestlint.yaml"))
    code, out, err = run("check", "digests/sub/e.md", cwd=nested)
    check("a dangling .digestlint.yaml is a config error (3), not a fall back to the parent's",
          code == 3 and "sub/.digestlint.yaml" in err, out + err)
    team = os.path.join(nested, "digests", "team")
    os.mkdir(team)
    write(team, ".digestlint.yaml", "packs: [style.yaml]\n")
    write(team, "style.yaml", "rules:\n  - id: style/quill\n    severity: warning\n"
          "    scope: summary\n    kind: phrase-list\n    params: {phrases: [Quill]}\n"
          "    message: m\n    description: d\n")
    write(team, "t.md", clean_text())
    code, out, err = run("check", "--select", "style", "digests/team/t.md", cwd=nested)
    check("--select names a rule of a subdirectory's pack, run from the root",
          code == 0 and "matches no rule" not in err, out + err)
    write(nested, "root.md", clean_text())
    code, out, err = run("signals", "--select", "style", "root.md", "digests/team/t.md",
                         cwd=nested)
    check("signals: --select is checked against every file's configuration, whatever the order",
          code == 0 and "matches no rule" not in err, err)
    code, out, err = run("check", "--select", "stile", "digests/team/t.md", cwd=nested)
    check("--select naming no rule of any configuration is still a config error (3)",
          code == 3 and "'stile' matches no rule" in err, out + err)
    write(team, "nothing.yaml", "# rules to come\n")
    write(team, "words.tsv", "# stem<TAB>renderings\n")
    code, out, err = run("check", "--rules", "digests/team/nothing.yaml", "--rules",
                         "digests/team/words.tsv", "digests/team/t.md", cwd=nested)
    check("an empty pack and a data file without entries are warned about, not loaded silently",
          code == 0 and "nothing.yaml:1:1: warning: empty rule pack" in err
          and "words.tsv:1:1: warning: data file with no 'key<TAB>value' line" in err, out + err)
    code, out, err = run("signals", "--rules", "digests/team/words.tsv", "digests/team/t.md",
                         cwd=nested)
    check("signals warns of a data file without entries too (it tunes with the lexicons)",
          code == 0 and "words.tsv:1:1: warning: data file with no 'key<TAB>value' line" in err
          and out.startswith("{"), out + err)
    code, _, err = run("check", "digests/team/t.md", cwd=nested)
    check("a pack that defines rules draws no such warning", code == 0 and "warning" not in err,
          err)
    code, _, err = run("check", "--timeout", "0", CLEAN)
    check("--timeout 0: a usage error that says why", code == 2 and "seconds from" in err
          and len(err) < 200, err)
    code, _, err = run("check", "--arxiv-delay", "-1", CLEAN)
    check("--arxiv-delay -1: a usage error that says why", code == 2 and "seconds from 0" in err
          and len(err) < 200, err)
    code, _, err = run("check", "--max-file-size", "-5", CLEAN)
    check("--max-file-size -5: a usage error", code == 2 and "not a number of bytes" in err, err)
    empty = write(tmp, "empty.json", "{}")
    code, _, err = run("check", "--baseline", empty, CLEAN)
    check("a JSON file that is no baseline says what a baseline holds",
          code == 2 and "'findings'" in err and "json.exception" not in err, err)


def test_profiles(tmp):
    readme = write(tmp, "README.md", "# tidewatch\n\n## Usage\n\n### Configuration\n\nRun it.\n")
    code, out, err = run("check", readme)
    check("a README is skipped with a note", code == 0 and "note: skipped, not a digest" in err, out + err)
    code, out, err = run("check", "--profile", "daily-papers-2024-sections", readme)
    check("--profile forces a profile", code == 1 and "structure/missing-header" in out, out + err)
    code, _, err = run("check", "--profile", "no-such-profile", readme)
    check("an unknown --profile exits 3", code == 3 and "no-such-profile" in err, err)
    clean = os.path.join(FIXTURES, "clean.md")
    code, _, err = run("check", "--verbose", clean)
    check("--verbose names the profile and why", code == 0 and "read as 'daily-papers-2024-sections': header date 2024-10-02 is in 2024-06-12..2024-10-17" in err, err)
    code, out, _ = run("check", "--format", "json", clean, readme)
    files = json.loads(out)["files"]
    check("json names each file's profile", files[0]["profile"]["name"] == "daily-papers-2024-sections"
          and files[1]["skipped"].startswith("not a digest"), out[:400])
    project = os.path.join(tmp, "pinned")
    os.makedirs(os.path.join(project, "old"))
    os.makedirs(os.path.join(project, "drafts"))
    with open(clean, encoding="utf-8") as f:
        text = f.read()
    write(project, "old/a.md", text)
    write(project, "drafts/b.md", text.replace("Authors: Mina Park,", "Authors: Mina Park, +,"))
    write(project, ".digestlint.yaml", "profiles:\n  - files: ['old/**']\n    profile: daily-papers-2023-bullets\n"
          "exclude: ['drafts/**']\n")
    code, out, err = run("check", "--verbose", project)
    check("a pinned profile reads the file", "read as 'daily-papers-2023-bullets': pinned by" in err, err)
    check("excluded files are not linted", code == 0 and "drafts/b.md" not in out, out + err)
    bullets = write(tmp, "bullets.md", "## Daily Papers (2024-01-15)\n\n### [Quill](https://arxiv.org/abs/2401.07001)\n\n"
                    "- Quill은 획 단위 확산 모델입니다.\n- Quill은 필체를 흉내 내는 방법을\n")
    code, out, _ = run("check", "--select", "text/truncated", bullets)
    check("an untitled bullet is named by its position", "section 'bullet 2' of 'Quill' ends mid-sentence" in out, out)
    # Triple-emphasis labels are the format from 18 Oct 2024: even unsafe fixes leave them, and
    # only balance a malformed one.
    with open(os.path.join(FIXTURES, "profiles", "triple-2024.md"), encoding="utf-8") as f:
        triple = write(tmp, "triple.md", f.read())
    run("check", "--fix", "--unsafe-fixes", "--fail-on", "never", triple)
    with open(triple, encoding="utf-8") as f:
        fixed = f.read()
    check("--unsafe-fixes keeps triple emphasis", "- ***What's New***: Harbor" in fixed
          and "- ***Technical Details***: Harbor" in fixed and "- **What's New***" not in fixed, fixed[:600])
    write(project, ".digestlint.yaml", "profiles:\n  - files: ['old/**']\n    profile: nope\n")
    code, _, err = run("check", project)
    check("an unknown pinned profile exits 3", code == 3 and ".digestlint.yaml:3:14" in err, err)


def test_streamed_like_collected(tmp):
    # Without the result cache a run is streamed file by file; with it, linted as a whole. Both
    # must say the same, byte for byte: related locations into other files, the SARIF rules list,
    # the JSON summary and the notes included.
    cache = os.path.join(tmp, "cache")
    for fmt in ("human", "json", "sarif", "github"):
        args = ["check", "--format", fmt, "--statistics", "-v", FIXTURES, "missing.md"]
        streamed = run(*args, "--no-cache", cwd=tmp)
        code, out, err = run(*args, "--cache-dir", cache, cwd=tmp)
        collected = (code, out, "".join(line for line in err.splitlines(keepends=True)
                                        if not line.startswith("cache: ")))
        check(f"streamed {fmt} report is the collected one", streamed == collected,
              f"{streamed[1][-300:]}{streamed[2][-300:]}")


def test_signals(tmp):
    """`digestlint signals` states the verdicts `check` reports, with their confidence."""
    rules = {"generic": "summary/generic-template", "mismatch": "summary/title-mismatch"}
    code, out, err = run("signals", FIXTURES)
    out_all = out
    check("signals exits 0", code == 0, err)
    lines = [json.loads(line) for line in out.splitlines()]
    check("signals: a line per entry with a summary", len(lines) > 10, out[:300])
    check("signals: each names its terms and whether they were found",
          all({"text", "kind", "weight", "found"} <= set(t) for s in lines for t in s["terms"]), out[:300])
    said = sorted((s["path"], rules[s["verdict"]], round(s["confidence"], 2),
                   "note" if s["band"] == "note" else "rule")
                  for s in lines if s["verdict"] != "fine")
    code, out, err = run("check", "--no-cache", "--format", "json", "--fail-on", "never",
                         "--select", ",".join(rules.values()), FIXTURES)
    reported = sorted((file["path"], f["rule"], round(f["confidence"], 2),
                       "note" if f["severity"] == "note" else "rule")
                      for file in json.loads(out)["files"] for f in file["findings"])
    check("signals: some summaries are reported", len(reported) > 0, out[:300])
    check("signals: the verdicts are check's findings", said == reported, f"{said}\n{reported}")
    code, out, err = run("signals", os.path.join(FIXTURES, "not-a-digest.md"))
    check("signals: not a digest: a note, exit 0", code == 0 and out == "" and "not a digest" in err, err)
    check("signals: the note says why once, as check's does",
          "skipped, not a digest: no profile" in err and "not a digest: not a digest" not in err, err)
    off = write(tmp, "off.yaml", "rules:\n  summary/generic-template: off\n"
                                 "  summary/title-mismatch: off\n")
    code, out_off, err = run("signals", "--config", off, FIXTURES)
    check("signals: the same with both summary rules switched off", code == 0 and out_off == out_all,
          err)
    binary = write(tmp, "binary.md", b"## Daily\n\x00\x01", "wb")
    code, out, err = run("signals", binary)
    check("signals: a binary file exits 2 with a located message",
          code == 2 and "binary.md:2:1: error: binary file" in err, err)


def test_timings(tmp):
    """--timings adds where the time went to stderr, and changes nothing else."""
    row = re.compile(r"^  +\d+\.\d%  +\d+\.\d ms  (parse|[a-z]+/[a-z0-9-]+)$")
    args = ["check", "--no-cache", "--format", "json", FIXTURES]
    code, out, err = run(*args)
    timed = run(*args, "--timings")
    check("--timings leaves the report and exit code as they were",
          timed[:2] == (code, out) and timed[2].startswith(err), timed[2][-300:])
    lines = timed[2][len(err):].splitlines()
    head = re.match(r"timings: CPU time of (\d+) file\(s\) \(0 from the cache, not timed\)", lines[0])
    files = len(json.loads(out)["files"])
    check("--timings counts the files it timed", head and int(head.group(1)) >= files, lines[:1])
    names = [row.match(line).group(1) for line in lines[1:] if row.match(line)]
    check("--timings: a row per step, parse and the rules", len(names) == len(lines) - 1
          and "parse" in names and "summary/generic-template" in names, "\n".join(lines))
    shares = [float(line.split("%")[0]) for line in lines[1:]]
    check("--timings: costliest first, shares of the whole",
          shares == sorted(shares, reverse=True) and 99 <= sum(shares) <= 101, shares)
    cache = os.path.join(tmp, "cache")
    run("check", "--cache-dir", cache, CLEAN)
    code, out, err = run("check", "--cache-dir", cache, "--timings", CLEAN)
    check("--timings: a cached file is counted, not timed",
          "timings: CPU time of 0 file(s) (1 from the cache, not timed)" in err, err)
    project = os.path.join(tmp, "project")
    os.mkdir(project)
    write(project, "a.md", clean_text())
    write(project, "b.md", clean_text().replace("TideNet", "WaveNet"))
    run("check", "--cache-dir", cache, project)
    write(project, "b.md", clean_text().replace("TideNet", "SurfNet"))
    code, out, err = run("check", "--cache-dir", cache, "--timings", project)
    check("--timings: a file parsed again only to compare files is said so",
          "timings: CPU time of 2 file(s) (0 from the cache, not timed; "
          "1 parsed again only to compare files)" in err, err)
    baseline = os.path.join(tmp, "baseline.json")
    code, out, err = run("check", "--no-cache", "--write-baseline", baseline, "--timings", CLEAN)
    check("--timings with --write-baseline", "timings: CPU time of 1 file(s)" in err, err)
    fixable = write(tmp, "fixable.md", digest_with([("Authors: Mina Park,", "Authors: Mina Park, +,")]))
    code, out, err = run("check", "--no-cache", "--diff", "--unsafe-fixes", "--timings", fixable)
    check("--timings with --diff", "timings: CPU time of 1 file(s)" in err and "+++" in out, err + out)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        for test in (test_exit_codes, test_bad_input, test_stdin_and_formats, test_config, test_suppressions,
                     test_baseline, test_fixes, test_lone_carriage_returns, test_fix_stdin_gives_back_the_buffer,
                     test_user_mistakes, test_profiles, test_streamed_like_collected,
                     test_signals, test_timings):
            sub = os.path.join(tmp, test.__name__)
            os.mkdir(sub)
            test(sub)
        test_rules_and_explain()
    return finish()


if __name__ == "__main__":
    sys.exit(main())
