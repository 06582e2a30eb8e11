#!/usr/bin/env python3
"""replay.py's verdict must be the binary's: every entry of the summary fixtures (and of
../shared/digests when present) gets from replay.assess() the confidence `digestlint signals`
printed, warnings and notes among them, so a change to assess() in summary_verdict.cpp that
replay.py does not follow fails here rather than misleading a tuning session.

  replay_test.py DIGESTLINT FIXTURES_DIR [SHARED_DIR]

Exit status: 0 when they agree; 1 otherwise. Python 3 standard library only.
"""
import glob
import json
import os
import subprocess
import sys

import replay


def main():
    binary, fixtures = sys.argv[1], sys.argv[2]
    paths = sorted(glob.glob(os.path.join(fixtures, "summary", "*.md")))
    if len(sys.argv) > 3:
        paths += sorted(glob.glob(os.path.join(sys.argv[3], "digests", "*.md")))
    proc = subprocess.run([binary, "signals", *paths], capture_output=True, text=True, check=True)
    rows = [{"signals": json.loads(line)} for line in proc.stdout.splitlines()]
    reported = [r for r in rows if r["signals"]["confidence"] > 0]
    wrong = replay.disagreements(rows)
    print(f"{len(rows)} entries, {len(reported)} with a finding; the replay disagrees on "
          f"{len(wrong)}: {wrong[:3]}")
    shifted = [r for r in rows if r["signals"]["in_shifted_digest"]]
    print(f"{len(shifted)} in a shifted digest")
    if wrong or len(reported) < 3 or not shifted:
        print("FAIL: replay.py no longer replays the binary's verdict (or the fixtures lost "
              "their summary findings, or their shifted digest)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
