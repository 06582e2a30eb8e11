#!/usr/bin/env bash
# The real pre-commit (Debian's package) runs this repository's hook in a throwaway digest
# repository: a bad digest is blocked with its findings printed, a good one is committed.
#   precommit_test.sh REPO BUILD_DIR
set -uo pipefail
repo=$1 build=$2
if ! command -v pre-commit >/dev/null; then
  echo "SKIP: pre-commit is not installed (apt-get install pre-commit)"
  exit 77
fi
if ! git -C "$repo" cat-file -e HEAD:.pre-commit-hooks.yaml 2>/dev/null; then
  echo "SKIP: .pre-commit-hooks.yaml is not committed in $repo yet (pre-commit clones a revision)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/cache" PATH="$build:$PATH" GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
cd "$work" && mkdir digests && git init -q . && git config user.email ci@example.com && git config user.name ci
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $repo
    rev: $(git -C "$repo" rev-parse HEAD)
    hooks:
      - id: digestlint-system
YAML
git add .pre-commit-config.yaml && git commit -qm config --no-verify
pre-commit install >/dev/null || { echo "FAIL: pre-commit install"; exit 1; }

failures=0
sed 's/Authors: Mina Park,/Authors: Mina Park, +,/' "$repo/fixtures/clean.md" > digests/bad.md
git add digests/bad.md
if output=$(git commit -qm bad 2>&1); then
  echo "FAIL: the bad digest was committed"; failures=$((failures + 1))
elif ! grep -q "authors/placeholder" <<<"$output"; then
  echo "FAIL: the hook's findings were not printed:"; echo "$output"; failures=$((failures + 1))
fi
git reset -q HEAD digests/bad.md && rm digests/bad.md
cp "$repo/fixtures/clean.md" digests/good.md && git add digests/good.md
if ! output=$(git commit -qm good 2>&1); then
  echo "FAIL: the good digest was blocked:"; echo "$output"; failures=$((failures + 1))
fi
echo "$((3 - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
