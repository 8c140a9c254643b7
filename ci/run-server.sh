#!/usr/bin/env bash
# Installs what is missing, builds, and starts the reference server on
# 127.0.0.1:7860 with its SQLite store under the config dir. Extra arguments go
# to lfkit-server (see lfkit-server --help).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/ci/install-deps.sh"
cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$root/build" -j2 --target lfkit_server
exec "$root/build/reference/server/lfkit-server" --host 127.0.0.1 --port 7860 "$@"
