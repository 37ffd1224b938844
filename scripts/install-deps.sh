#!/usr/bin/env bash
# Installs the Debian packages loopscope needs, only those that are missing.
# Used by ./run.sh and ./test.sh; safe to run again at any time.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libfmt-dev libgtest-dev nlohmann-json3-dev libcli11-dev
  libimgui-dev libglfw3-dev libgl-dev libgl1-mesa-dri libstb-dev python3-glad zlib1g-dev
  fonts-dejavu-core fonts-dejavu-extra
  python3 xvfb xauth nodejs clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# nodejs may come from another repository with another package layout; a working node is enough.
if command -v node >/dev/null 2>&1; then
  missing=("${missing[@]/nodejs}")
fi
read -r -a missing <<<"${missing[*]:-}"
[ ${#missing[@]} -eq 0 ] && exit 0

echo "loopscope: installing missing Debian packages: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "loopscope: these packages are missing and you are not root (and there is no sudo):" >&2
    echo "  apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
