#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test suite.
#   ./test.sh            debug build, all tests (GUI tests under xvfb-run)
#   ./test.sh --asan     the same with AddressSanitizer + UndefinedBehaviorSanitizer
#   ./test.sh --release  optimized build
set -euo pipefail
cd "$(dirname "$0")"
preset=debug
case "${1:-}" in
  --asan) preset=asan ;;
  --release) preset=release ;;
  "") ;;
  *) echo "usage: ./test.sh [--asan|--release]" >&2; exit 2 ;;
esac
scripts/install-deps.sh
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j"$(nproc)"
ctest --preset "$preset" -j"$(nproc)"
