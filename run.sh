#!/usr/bin/env bash
# Installs what is missing, builds, and opens loopscope. Arguments go to loopscope:
#   ./run.sh                     the app, on the first lesson
#   ./run.sh run hello-world --ascii
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target loopscope -j"$(nproc)"
exec build/release/visualizer/cli/loopscope "$@"
