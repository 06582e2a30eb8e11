#!/usr/bin/env bash
# Entry of the `digestlint` pre-commit hook: builds digestlint inside pre-commit's clone of this
# repository the first time (later runs reuse the binary), then lints the staged digests.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
binary="$here/build-pre-commit/digestlint"
if [ ! -x "$binary" ]; then
  echo "digestlint: building once for pre-commit (this takes a minute)…" >&2
  cmake -S "$here" -B "$here/build-pre-commit" -DBUILD_TESTING=OFF -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$here/build-pre-commit" --target digestlint -j "$(nproc)" >/dev/null
fi
exec "$binary" check "$@"
