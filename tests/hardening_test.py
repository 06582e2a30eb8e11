#!/usr/bin/env python3
"""Regression tests for the hardening issue (#10): every input problem is reported, nothing is
suppressed, written or skipped silently.  usage: hardening_test.py DIGESTLINT SOURCE_DIR"""
import json
import os
import shutil
import sys
import tempfile

from cli_support import check, clean_text, finish, run, start, write

BIN, SOURCE = os.path.abspath(sys.argv[1]), sys.argv[2]
CLEAN = os.path.join(SOURCE, "fixtures", "clean.md")
NOBODY = 65534
start(BIN, CLEAN)


def placeholder_text():
    return clean_text().replace("Authors: Mina Park,", "Authors: Mina Park, +,", 1)


def test_symlinks(tmp):
    """Bug 1: links that cannot be followed are input errors; the other files are linted."""
    for name, links in (("self", [("self", "self")]), ("pair", [("b", "a"), ("a", "b")]),
                        ("dangling", [("x.gone", "x.md")])):
        directory = os.path.join(tmp, name)
        os.mkdir(directory)
        shutil.copy(CLEAN, directory)
        for target, link in links:
            os.symlink(target, os.path.join(directory, link))
        code, out, err = run("check", "--format", "json", directory)
        check(f"{name} link: no crash, exit 2", code == 2 and "terminate" not in err, f"{code} {err}")
        linted = [f["path"] for f in json.loads(out)["files"]] if out else []
        check(f"{name} link: the other file is linted", linted == [os.path.join(directory, "clean.md")], out)
        check(f"{name} link: reported", "symbolic link" in err and os.path.join(directory, links[-1][1]) in err, err)
    code, _, err = run("check", os.path.join(tmp, "dangling", "x.md"))
    check("dangling link given directly", code == 2 and "broken symbolic link" in err, err)


def test_unreadable_directory(tmp):
    """Bug 6: an unreadable subdirectory is an input error, given directly too."""
    if os.geteuid() == 0 and not shutil.which("setpriv"):
        return
    user = NOBODY if os.geteuid() == 0 else None
    os.chmod(tmp, 0o755)
    shutil.copy(CLEAN, tmp)
    locked = os.path.join(tmp, "locked")
    os.mkdir(locked)
    shutil.copy(CLEAN, locked)
    os.chmod(locked, 0o000)
    try:
        code, out, err = run("check", tmp, user=user)
        check("unreadable subdirectory is reported", code == 2 and "locked: error: cannot read directory" in err, f"{code} {err}")
        check("the readable file is still linted", "No problems found in 1 file" in out, out)
        code, out, err = run("check", locked, user=user)
        check("unreadable directory given directly", code == 2 and "cannot read directory" in err and "no digests" not in err, err)
        secret = os.path.join(tmp, "secret.md")
        shutil.copy(CLEAN, secret)
        os.chmod(secret, 0o000)
        code, out, err = run("check", tmp, user=user)
        check("unreadable file is an input error that says why",
              code == 2 and "secret.md: error: cannot read file: Permission denied; not linted" in err, f"{code} {err}")
        check("the readable file beside it is still linted", "No problems found in 1 file" in out, out)
        os.chmod(secret, 0o644)
        listable = os.path.join(tmp, "listable")  # its names can be read, not its files
        os.mkdir(listable)
        shutil.copy(CLEAN, listable)
        os.chmod(listable, 0o444)
        code, out, err = run("check", listable, user=user)
        check("a digest in a directory that can be listed but not searched is reported",
              code == 2 and "clean.md: error: cannot read file: Permission denied; not linted" in err,
              f"{code} {err}")
    finally:
        os.chmod(locked, 0o755)
        if os.path.isdir(os.path.join(tmp, "listable")):
            os.chmod(os.path.join(tmp, "listable"), 0o755)


def test_duplicates(tmp):
    """Bug 7: one file named twice is linted once; `- -` reads stdin once."""
    path = write(tmp, "x.md", placeholder_text())
    code, out, _ = run("check", "--format", "json", "x.md", "./x.md", tmp, cwd=tmp)
    files = json.loads(out)["files"]
    check("x.md ./x.md DIR is linted once", len(files) == 1 and files[0]["path"] == "x.md", out)
    code, out, _ = run("check", "--format", "json", "-", "-", stdin=placeholder_text().encode())
    files = json.loads(out)["files"]
    check("- - reads stdin once", len(files) == 1 and len(files[0]["findings"]) == 1, out)


def test_baseline_needs_every_input(tmp):
    """Bug 8: no baseline is written when an input could not be read."""
    path = write(tmp, "gate.md", placeholder_text())
    baseline = write(tmp, "baseline.json", "keep me")
    code, _, err = run("check", "--write-baseline", baseline, path, os.path.join(tmp, "missing.md"))
    with open(baseline, encoding="utf-8") as f:
        check("baseline kept when an input fails", code == 2 and f.read() == "keep me" and "not written" in err, err)


RULE = """rules:
  - id: team/rule
    severity: warning
    scope: title
    kind: {kind}
    params: {params}
    message: "found"
    description: d
{extra}"""


def pack(tmp, name, kind="pattern", params="{pattern: 'Heron'}", extra=""):
    return write(tmp, name, RULE.format(kind=kind, params=params, extra=extra))


def expect_config_error(name, args, location, words, cwd=None):
    code, _, err = run("check", *args, CLEAN, cwd=cwd)
    ok = code == 3 and err.startswith(location) and all(w in err for w in words) and "terminate" not in err
    check(name, ok, f"{code} {err}")


def test_unknown_params(tmp):
    """Bug 3: a misspelt parameter is an error with its place and a suggestion."""
    path = pack(tmp, "typo.yaml", kind="phrase-list", params="{phrases: [a], treshold: 3}")
    expect_config_error("pack: unknown parameter", ["--rules", path], f"{path}:6:28:",
                        ["unknown parameter 'treshold'", "did you mean 'threshold'"])
    config = write(tmp, "summary.yaml", "rules:\n  summary/generic-template:\n    params:\n      weak-grouding: 0.3\n")
    expect_config_error("config: unknown summary parameter", ["--config", config], f"{config}:4:7:",
                        ["weak-grouding", "did you mean 'weak-grounding'"])
    config = write(tmp, "sections.yaml", "rules:\n  structure:\n    params: {sectons: [a]}\n")
    expect_config_error("config: unknown parameter of a category", ["--config", config], f"{config}:3:14:",
                        ["no rule of 'structure' has a parameter 'sectons'", "did you mean 'sections'"])
    config = write(tmp, "exact.yaml", "rules:\n  structure/missing-section:\n    params: {sectons: [a]}\n")
    expect_config_error("config: unknown parameter of a rule", ["--config", config], f"{config}:3:14:",
                        ["unknown parameter 'sectons'", "did you mean 'sections'"])
    # Found by rules_fuzzer: a null key (`{,,}`) among a shared parameter group's params was an
    # internal error ("invalid node") without a place.
    config = write(tmp, "null.yaml", "rules:\n  summary/generic-template:\n    params: {weak-grounding,,x: 1}\n")
    expect_config_error("config: a parameter without a name", ["--config", config], f"{config}:3:29:",
                        ["a parameter name must be a plain name"])
    config = write(tmp, "key.yaml", "rules:\n  text/truncated:\n    severty: error\n")
    expect_config_error("config: unknown rule key", ["--config", config], f"{config}:3:5:",
                        ["did you mean 'severity'"])


def test_renamed_analyzer(tmp):
    """An analyzer named the way it was before it took its rule's name is told the new name."""
    path = pack(tmp, "renamed.yaml", kind="builtin", params="{}", extra="    analyzer: known-sections\n")
    expect_config_error("renamed analyzer", ["--rules", path], f"{path}:9:",
                        ["unknown builtin analyzer 'known-sections'", "renamed to 'unknown-section'"])


def test_fix_rewrite_groups(tmp):
    """Bug 4: a rewrite naming a group the pattern lacks is a load error."""
    path = pack(tmp, "groups.yaml", extra="    fix: {replace: '\\5'}\n")
    expect_config_error("fix names a missing group", ["--rules", path], f"{path}:9:",
                        ["invalid rewrite", "\\5"])


def with_message(message):
    """The test pack's rule with another message (RULE's braces are str.format's)."""
    return RULE.format(kind="pattern", params="{pattern: 'Heron'}", extra="").replace(
        '"found"', message)


def test_unnamed_placeholders(tmp):
    """A numbered or automatic placeholder is refused when the pack loads: fmt would fill it by
    the order of the values, which no rule can rely on (only the common values a template names
    are made)."""
    for message, shown in (('"{} in {where}"', "'{}'"), ('"{match} ({1})"', "'{1}'"),
                           ('"{0:>3}"', "'{0}'")):
        path = write(tmp, "unnamed.yaml", with_message(message))
        expect_config_error(f"unnamed placeholder {message}", ["--rules", path], f"{path}:2:",
                            [f"placeholder {shown}", "has no name", "available: match"])
    path = write(tmp, "escaped.yaml", with_message('"{{}} {{1}} {match}"'))
    code, _, err = run("check", "--rules", path, CLEAN)
    check("escaped braces are no placeholder", code == 0, f"{code} {err}")


def test_ill_formed_packs(tmp):
    """Bug 5: duplicate keys, min > max, empty patterns and ill-typed fixes are located errors."""
    path = write(tmp, "dup.yaml", RULE.format(kind="pattern", params="{pattern: 'a'}", extra="    severity: error\n"))
    expect_config_error("duplicate key in a pack", ["--rules", path], f"{path}:9:5:", ["duplicate key 'severity'", "line 3"])
    config = write(tmp, "dup-config.yaml", "rules:\n  text/truncated: off\n  text/truncated: error\n")
    expect_config_error("duplicate key in a config", ["--config", config], f"{config}:3:3:", ["duplicate key 'text/truncated'"])
    path = pack(tmp, "minmax.yaml", kind="metric", params="{metric: entries, min: 5, max: 2}")
    expect_config_error("metric min > max", ["--rules", path], f"{path}:6:", ["min", "above max"])
    path = pack(tmp, "empty.yaml", params="{pattern: ''}")
    expect_config_error("empty pattern", ["--rules", path], f"{path}:6:", ["empty regular expression"])
    for value, words in (("{replace: x, safe: maybe}", ["'safe' must be true or false"]),
                         ("{replace: {a: b}}", ["'replace' must be a string"]),
                         ("{remove: [item]}", ["'remove' must be a string"]),
                         ("{replace: x, description: [a]}", ["'description' must be a string"]),
                         ("{replace: x, safe-where: [a]}", ["'safe-where' must be a string"]),
                         ("{replace: x, safe-where: '(a'}", ["safe-where: invalid regular expression"])):
        path = pack(tmp, "fix.yaml", extra=f"    fix: {value}\n")
        expect_config_error(f"ill-typed fix {value}", ["--rules", path], f"{path}:9:", words)


def test_rules_turned_off(tmp):
    """Bug 11: a rule turned off in the configuration is still explained, and --select says so."""
    write(tmp, ".digestlint.yaml", "rules:\n  authors/placeholder: off\n")
    shutil.copy(CLEAN, tmp)
    code, out, err = run("explain", "authors/placeholder", cwd=tmp)
    check("explain a rule that is off", code == 0 and out.startswith("# authors/placeholder") and "turned off" in err, err)
    code, out, err = run("check", "--select", "authors/placeholder", "clean.md", cwd=tmp)
    check("--select of a rule that is off warns", "authors/placeholder' is turned off by" in err and ".digestlint.yaml:2:3" in err, err)
    code, _, err = run("explain", "authors/placehoder", cwd=tmp)
    check("explain suggests", code == 2 and "did you mean 'authors/placeholder'" in err, err)


def test_color(tmp):
    """Bug 9: a report file is never coloured; an empty NO_COLOR does not count."""
    path = write(tmp, "bad.md", placeholder_text())
    report = os.path.join(tmp, "report.txt")
    run("check", "--color", "always", "-o", report, path)
    with open(report, encoding="utf-8") as f:
        check("--color always -o FILE writes no ANSI codes", "\x1b[" not in f.read())
    env = dict(os.environ, PRE_COMMIT_COLOR="always", NO_COLOR="")
    _, out, _ = run("check", path, env=env)
    check("empty NO_COLOR does not disable colour", "\x1b[" in out, out[:200])
    env["NO_COLOR"] = "1"
    _, out, _ = run("check", path, env=env)
    check("NO_COLOR=1 disables colour", "\x1b[" not in out, out[:200])
    env = dict(os.environ, PRE_COMMIT_COLOR="never")
    env.pop("NO_COLOR", None)
    _, out, _ = run("check", path, env=env)
    check("PRE_COMMIT_COLOR=never", "\x1b[" not in out, out[:200])
    for hook in (".pre-commit-hooks.yaml", ".ci/pre-commit-hook.sh"):
        with open(os.path.join(SOURCE, hook), encoding="utf-8") as f:
            check(f"{hook} does not force colour", "--color always" not in f.read())


def test_messages_help(tmp):
    """Bug 15: messages say what to do; nothing claims success about inputs never read."""
    code, out, err = run("check", os.path.join(tmp, "missing.md"))
    check("no 'No problems found in 0 files'", code == 2 and "No problems" not in out and "Nothing linted" in out, out)
    code, _, err = run("chek", "x.md")
    check("unknown command", code == 2 and "unknown command 'chek'" in err and "did you mean 'check'" in err, err)
    path = pack(tmp, "lookbehind.yaml", params="{pattern: '(?<=a)b'}")
    code, _, err = run("check", "--rules", path, CLEAN)
    check("RE2 lookbehind explained", code == 3 and "RE2 has no lookbehind" in err, err)
    path = write(tmp, "syntax.yaml", "rules:\n  - id: a/b\n    message: a: b: c\n")
    code, _, err = run("check", "--rules", path, CLEAN)
    check("YAML syntax error with help", code == 3 and f"{path}:3:" in err and "indentation" in err, err)
    code, _, err = run("check", "--select", "authors/placehoder", CLEAN)
    check("--select suggests", code == 3 and "did you mean 'authors/placeholder'" in err, err)
    project = os.path.join(tmp, "project")
    os.mkdir(project)
    shutil.copy(CLEAN, project)
    write(project, ".digestlint.yaml", "ignore:\n  - files: ['archve/**']\n")
    code, _, err = run("check", "clean.md", cwd=project)
    check("ignore glob matching nothing warns", code == 0 and "ignore glob 'archve/**' matches no" in err and ".digestlint.yaml:2:12" in err, err)
    code, _, err = run("check", "--config", os.path.join(tmp, "nope.yaml"), CLEAN)
    check("--config of a missing file", code == 3 and "cannot read configuration" in err, err)


def test_custom_pack_docs(tmp):
    """Bug 12: no links to pages that do not exist; team docs name their pack; stale pages."""
    path = pack(tmp, "team.yaml", params="{pattern: 'Tide'}")
    code, out, _ = run("check", "--rules", path, "--format", "sarif", CLEAN)
    rules = {r["id"]: r for r in json.loads(out)["runs"][0]["tool"]["driver"]["rules"]}
    check("custom rule has no helpUri", "helpUri" not in rules["team/rule"], str(rules.get("team/rule"))[:300])
    check("built-in rule keeps its helpUri", "helpUri" in rules["authors/placeholder"])
    docs = os.path.join(tmp, "team-docs")
    code, out, err = run("docs", "--rules", path, "--no-default-rules", docs)
    with open(os.path.join(docs, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    check("team README names its pack", code == 0 and "team.yaml" in readme and "rules/*.yaml" not in readme, readme[:300])
    write(os.path.join(docs, "team"), "removed.md", "old page")
    code, _, err = run("docs", "--check", "--rules", path, "--no-default-rules", docs)
    check("docs --check reports a page of a removed rule", code == 1 and "removed.md" in err, err)
    code, out, _ = run("docs", "--rules", path, "--no-default-rules", docs)
    check("docs removes it", not os.path.exists(os.path.join(docs, "team", "removed.md")) and "removed" in out, out)


def test_libcurl_missing(tmp):
    env = dict(os.environ, DIGESTLINT_LIBCURL=os.path.join(tmp, "libcurl-missing.so"))
    code, _, err = run("check", "--online", "--no-cache", CLEAN, env=env)
    check("--online without libcurl stops before linting, exit 2", code == 2, (code, err))
    check("and says what could not be loaded", "could not be loaded" in err and "libcurl-missing.so" in err, err)
    code, _, err = run("check", "--no-cache", CLEAN, env=env)
    check("an offline run never loads libcurl", code == 0, (code, err))


def main():
    tests = [test_symlinks, test_unreadable_directory, test_duplicates, test_baseline_needs_every_input,
             test_unknown_params, test_renamed_analyzer, test_fix_rewrite_groups, test_unnamed_placeholders,
             test_ill_formed_packs,
             test_rules_turned_off,
             test_color, test_messages_help, test_custom_pack_docs, test_libcurl_missing]
    only = sys.argv[3:]
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o755)
        for test in tests:
            if only and test.__name__ not in only:
                continue
            sub = os.path.join(tmp, test.__name__)
            os.mkdir(sub)
            test(sub)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
