#!/usr/bin/env bash
# Builds everything (the end-to-end tests run the real `yichuang` binary) and runs every test.
# UPDATE_GOLDEN=1 scripts/test.sh rewrites the golden screens instead of comparing them.
set -euo pipefail
cd "$(dirname "$0")/.."
export LANG="${LANG:-C.UTF-8}"
swift build --build-tests
# The man page tool of swift-argument-parser, which the package tests use (`--build-tests` does
# not build a dependency's plugin tool, and a build started from inside `swift test` would wait
# for ever on the build folder's lock).
swift build --product generate-manual
# The tests are XCTest; without this, swift-testing closes the run with a "0 tests" line.
swift test --skip-build --disable-swift-testing "$@"
