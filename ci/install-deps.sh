#!/usr/bin/env bash
# Installs the Debian packages lfkit builds and tests with. Idempotent: only
# missing packages are installed. Needs root (or sudo) when something is missing.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git curl ca-certificates
  clang libclang-rt-14-dev clang-format
  libboost-dev nlohmann-json3-dev libvalijson-dev libyaml-cpp-dev
  librapidcheck-dev libgtest-dev libgmock-dev libbenchmark-dev
  libsqlite3-dev libssl-dev libpq-dev zlib1g-dev libjemalloc-dev
)
if [[ "${LFKIT_WITH_PEERS:-0}" == "1" ]]; then
  packages+=(nginx-light wrk python3-fastapi python3-uvicorn)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "ci/install-deps.sh: all ${#packages[@]} packages present"
  exit 0
fi

echo "ci/install-deps.sh: installing ${missing[*]}"
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
