#!/usr/bin/env bash
# The project's entry points: `bash .ci/dev.sh lint`, `bash .ci/dev.sh test` and
# `bash .ci/dev.sh sanitize` (ctest under ASan+UBSan, then each fuzz target for FUZZ_SECONDS).
# Each installs missing Debian packages, configures and builds as needed.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR=${BUILD_DIR:-build}
# What building needs; the main job (lint) installs only these.
PACKAGES=(cmake g++ ninja-build pkg-config git python3
  libcmark-gfm-dev libcmark-gfm-extensions-dev libre2-dev libfmt-dev libyaml-cpp-dev
  libcli11-dev doctest-dev nlohmann-json3-dev libcurl4-openssl-dev libsqlite3-dev libpugixml-dev)
# What only tests use: the SARIF schema check, the pre-commit and editor tests, the
# instruction-count test of hostile shapes.
TEST_PACKAGES=(python3-jsonschema pre-commit neovim valgrind)
SANITIZE_PACKAGES=(clang-14 libclang-rt-14-dev)
SANITIZE_DIR=${SANITIZE_DIR:-build-sanitize}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}

install_missing() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing: ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

build() {
  install_missing "${PACKAGES[@]}"
  cmake -S . -B "$BUILD_DIR" -G Ninja -DDIGESTLINT_WERROR=ON >/dev/null
  cmake --build "$BUILD_DIR" -j "$(nproc)"
}

case "${1:-}" in
  lint)
    build
    shift
    "$BUILD_DIR/digestlint" check "${@:-fixtures}"
    ;;
  test)
    install_missing "${TEST_PACKAGES[@]}"
    build
    ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$(nproc)"
    ;;
  sanitize)
    install_missing "${PACKAGES[@]}" "${TEST_PACKAGES[@]}" "${SANITIZE_PACKAGES[@]}"
    CC=clang-14 CXX=clang++-14 cmake -S . -B "$SANITIZE_DIR" -G Ninja -DDIGESTLINT_WERROR=ON \
      -DDIGESTLINT_FUZZ=ON >/dev/null
    cmake --build "$SANITIZE_DIR" -j "$(nproc)"
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1
    ctest --test-dir "$SANITIZE_DIR" --output-on-failure -j "$(nproc)"
    bash tests/fuzz/run.sh "$SANITIZE_DIR" "$FUZZ_SECONDS"
    ;;
  *)
    echo "usage: bash .ci/dev.sh lint [PATHS…] | test | sanitize" >&2
    exit 2
    ;;
esac
