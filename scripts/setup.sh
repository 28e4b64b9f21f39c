#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine for policycheck and builds it.
#
# Installs the Debian packages the build and the tests need (only those that
# are missing, so a second run is quick), then configures and builds into
# build/. Safe to run again at any time.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  # The build: Debian's LLVM/Clang 14 (the plugin and the clang-tidy module are
  # loaded into these very binaries), yaml-cpp, GoogleTest.
  cmake ninja-build g++ llvm-14-dev libclang-14-dev clang-14 clang clang-tidy
  clang-tidy-14 libyaml-cpp-dev libgtest-dev
  # The tests: the JSON Schema validator for the policy schema; git for the
  # pull-request tests (--diff-base).
  python3 python3-jsonschema python3-yaml git
  # The real library headers the sample code bases and engine tests use.
  libcurl4-openssl-dev libcpp-httplib-dev libsqlite3-dev libpq-dev libpqxx-dev
  libhiredis-dev nlohmann-json3-dev libspdlog-dev libfmt-dev libssl-dev
  libsodium-dev rapidjson-dev libpugixml-dev
  # The library models' engine tests (tests/unit/LibraryModelsTest.cpp): Qt 5
  # (QtXml included), Boost.Beast, Poco::Net, SOCI, MySQL Connector/C++, and
  # wxWidgets (whose -dev package carries the wx/setup.h its headers need).
  qtbase5-dev libboost-dev libpoco-dev libsoci-dev libmysqlcppconn-dev
  libwxgtk3.2-dev
)

# The official SARIF validator is an npm package; Node.js from Debian when the
# machine has none.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Test tooling from npm (pinned in tests/sarif/package-lock.json).
if [[ ! -x tests/sarif/node_modules/.bin/sarif-multitool ]]; then
  echo "setup: installing the SARIF validator (npm)"
  npm ci --prefix tests/sarif --no-audit --no-fund --loglevel=error >/dev/null
fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build
