#!/usr/bin/env bash
# Builds everything (the end-to-end tests run the real `yichuang` binary) and runs every test.
# UPDATE_GOLDEN=1 scripts/test.sh rewrites the golden screens instead of comparing them.
set -euo pipefail
cd "$(dirname "$0")/.."
export LANG="${LANG:-C.UTF-8}"
swift build --build-tests
# The tests are XCTest; without this, swift-testing closes the run with a "0 tests" line.
swift test --skip-build --disable-swift-testing "$@"
