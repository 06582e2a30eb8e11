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

passed=0 failures=0
check() {  # check NAME CONDITION-EXIT-CODE [OUTPUT]
  if [ "$2" -eq 0 ]; then passed=$((passed + 1)); else failures=$((failures + 1)); echo "FAIL: $1"; echo "$3"; fi
}
sed 's/Authors: Mina Park,/Authors: Mina Park, +,/' "$repo/fixtures/clean.md" > digests/bad.md
git add digests/bad.md
output=$(git commit -qm bad 2>&1); committed=$?
check "the bad digest is blocked" "$((committed == 0))" "$output"
grep -q "authors/placeholder" <<<"$output"; check "the hook's findings are printed" $? "$output"
git reset -q HEAD digests/bad.md && rm digests/bad.md
cp "$repo/fixtures/clean.md" digests/good.md && git add digests/good.md
output=$(git commit -qm good 2>&1); check "the good digest is committed" $? "$output"
echo "$passed passed, $failures failed"
[ "$failures" -eq 0 ]
