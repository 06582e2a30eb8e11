"""What the CLI test scripts (cli_test.py, hardening_test.py) share: run the digestlint binary,
record checks and report them, read the clean fixture, write files."""
import os
import subprocess

_binary = None
_clean = None
_results = {"passed": 0, "failed": 0}


def start(binary, clean):
    """Names the binary under test and the clean digest; call once, before anything else."""
    global _binary, _clean
    _binary, _clean = os.path.abspath(binary), clean


def run(*args, stdin=None, cwd=None, env=None, user=None, raw=False):
    """Runs digestlint with args; returns (exit code, stdout, stderr), decoded (stdout as bytes
    when raw)."""
    command = [_binary, *args]
    if user is not None:  # as root, permissions mean nothing: drop to an unprivileged user
        command = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *command]
    proc = subprocess.run(command, input=stdin, capture_output=True, cwd=cwd, timeout=120, env=env)
    out = proc.stdout if raw else proc.stdout.decode("utf-8", "replace")
    return proc.returncode, out, proc.stderr.decode("utf-8", "replace")


def check(name, condition, detail=""):
    if condition:
        _results["passed"] += 1
    else:
        _results["failed"] += 1
        print(f"FAIL {name}: {str(detail)[:1000]}")


def finish():
    """Prints the tally; returns the exit status (1 if any check failed)."""
    print(f"{_results['passed']} passed, {_results['failed']} failed")
    return 1 if _results["failed"] else 0


def clean_text():
    with open(_clean, encoding="utf-8") as f:
        return f.read()


def write(directory, name, content, mode="w"):
    """Writes content (bytes with mode "wb") to directory/name; returns the path."""
    path = os.path.join(directory, name)
    with open(path, mode, **({} if "b" in mode else {"encoding": "utf-8"})) as f:
        f.write(content)
    return path
