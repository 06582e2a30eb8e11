#!/bin/sh
# A real LSP client: headless Neovim starts `digestlint lsp` on a bad digest and the expected
# diagnostics, hover and code action arrive. usage: lsp_neovim.sh DIGESTLINT FIXTURE
set -u
if ! command -v nvim >/dev/null 2>&1; then
  echo "SKIP: nvim is not installed (apt-get install neovim)"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$2" "$tmp/digest.md"
here=$(cd "$(dirname "$0")" && pwd)
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_STATE_HOME="$tmp/state" \
  XDG_CACHE_HOME="$tmp/cache"
DIGESTLINT_BIN=$1 LSP_FIXTURE="$tmp/digest.md" LSP_OUT="$tmp/out.txt" \
  timeout 60 nvim --headless --clean -n -i NONE -c "luafile $here/lsp_neovim.lua" </dev/null
status=$?
echo "--- neovim reported (exit $status):"
cat "$tmp/out.txt" 2>/dev/null || { echo "FAIL: no output from the Lua script"; exit 1; }

failed=0
expect() {
  if ! grep -qxF -- "$1" "$tmp/out.txt"; then
    echo "FAIL: expected line: $1"
    failed=1
  fi
}
# lnum and col are 0-based bytes as Neovim stores them, converted from the server's UTF-16
# ranges; the LaTeX residue sits after Hangul text, so UTF-16 and byte columns differ.
expect "diag links/insecure-url 2 64 2"
expect "diag authors/placeholder 8 31 1"
expect "diag text/latex-artifact 10 102 2"
expect "diag text/trailing-whitespace 11 156 3"
expect "diag text/truncated 12 123 2"
expect "hover ok"
expect "action Fix: replace with 'https://'"
expect "line3 ### [Quill: Sparse Attention for Handwritten Music Recognition](https://arxiv.org/abs/2411.01234)"
expect "after-edit ok authors/placeholder text/latex-artifact text/trailing-whitespace text/truncated"
[ "$status" -eq 0 ] || { echo "FAIL: nvim exited with $status"; failed=1; }
[ "$failed" -eq 0 ] && echo "ok"
exit "$failed"
