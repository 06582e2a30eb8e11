#!/usr/bin/env python3
"""Golden tests of the report formats: the output for tests/data/golden/digest.md must match the
files beside it byte for byte.  usage: golden_test.py DIGESTLINT [--update]"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
INPUT = "tests/data/golden/digest.md"
FORMATS = {"human.txt": ["--color", "never"], "json.json": ["--format", "json"], "github.txt": ["--format", "github"]}


def main():
    binary, update = sys.argv[1], "--update" in sys.argv
    passed = failed = 0
    for name, options in FORMATS.items():
        proc = subprocess.run([binary, "check", *options, INPUT], cwd=ROOT, capture_output=True, timeout=60)
        golden = os.path.join(HERE, "data", "golden", name)
        actual = proc.stdout.decode()
        if update:
            with open(golden, "w", encoding="utf-8") as f:
                f.write(actual)
        with open(golden, encoding="utf-8") as f:
            expected = f.read()
        if actual == expected and proc.returncode == 1:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {name} (exit {proc.returncode}); regenerate with --update if the change is intended")
            sys.stdout.writelines(l + "\n" for l in __import__("difflib").unified_diff(
                expected.splitlines(), actual.splitlines(), "expected", "actual", lineterm=""))
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
