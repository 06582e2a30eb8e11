#!/usr/bin/env bash
# The project's entry points: `bash .ci/dev.sh lint` and `bash .ci/dev.sh test`.
# Each installs missing Debian packages, configures and builds as needed.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR=${BUILD_DIR:-build}
PACKAGES=(cmake g++ ninja-build pkg-config git python3 python3-jsonschema pre-commit neovim
  libcmark-gfm-dev libcmark-gfm-extensions-dev libre2-dev libfmt-dev libyaml-cpp-dev
  libcli11-dev doctest-dev nlohmann-json3-dev libcurl4-openssl-dev libsqlite3-dev libpugixml-dev)

install_missing() {
  local missing=()
  for package in "${PACKAGES[@]}"; do
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
  install_missing
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
    build
    ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$(nproc)"
    ;;
  *)
    echo "usage: bash .ci/dev.sh lint [PATHS…] | test" >&2
    exit 2
    ;;
esac
