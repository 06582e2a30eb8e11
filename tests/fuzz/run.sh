#!/usr/bin/env bash
# Runs each libFuzzer target for SECONDS on its seed corpus (fixtures/, rules/, tests/fuzz/corpus/).
# usage: bash tests/fuzz/run.sh BUILD_DIR [SECONDS] [TARGET…]   (docs/fuzzing.md)
# New corpus entries go to BUILD_DIR/fuzz-corpus/<target>, crashes to BUILD_DIR/fuzz-artifacts/.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=$1
seconds=${2:-60}
shift $(($# < 2 ? $# : 2))
targets=("${@:-lint_fuzzer rules_fuzzer lsp_fuzzer}")
read -r -a targets <<<"${targets[*]}"

seeds() {
  case $1 in
    lint_fuzzer) echo fixtures tests/data ;;
    rules_fuzzer) echo rules tests/fuzz/corpus/config ;;
    lsp_fuzzer) echo tests/fuzz/corpus/lsp ;;
  esac
}

status=0
for target in "${targets[@]}"; do
  corpus="$build/fuzz-corpus/$target"
  artifacts="$build/fuzz-artifacts/$target/"
  mkdir -p "$corpus" "$artifacts"
  echo "fuzz: $target for ${seconds}s" >&2
  # Seed folders that exist (a corpus folder may not have been committed yet).
  existing=()
  for seed in $(seeds "$target"); do [ -d "$seed" ] && existing+=("$seed"); done
  if ! nice -n 19 "$build/fuzz/$target" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 \
    -max_len=16384 -print_final_stats=1 -artifact_prefix="$artifacts" "$corpus" "${existing[@]}" \
    2>"$build/fuzz-$target.log"; then
    echo "fuzz: $target FAILED; see $build/fuzz-$target.log and $artifacts" >&2
    tail -n 40 "$build/fuzz-$target.log" >&2
    status=1
  fi
  grep -E "^stat::(number_of_executed_units|average_exec_per_sec)|cov:" "$build/fuzz-$target.log" | tail -n 3 >&2
done
exit $status
