#!/usr/bin/env bash
# The whole test suite: installs what is missing (with the benchmark peers nginx, wrk and
# FastAPI+uvicorn, which the performance gates measure against), then
#   1. RelWithDebInfo build + every ctest test, the performance gates (bench_gate.*) included,
#   2. AddressSanitizer + UBSan build + every ctest test,
#   3. clang/libFuzzer build of the fuzz targets + a short smoke fuzz of each.
# Set LFKIT_SKIP_SANITIZE=1 or LFKIT_SKIP_FUZZ=1 to leave a stage out locally.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jobs="${LFKIT_JOBS:-2}"
LFKIT_WITH_PEERS=1 bash "$root/ci/install-deps.sh"

stage() { printf '\n=== %s ===\n' "$*"; }

stage "build (RelWithDebInfo)"
cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$root/build" -j"$jobs"
stage "tests (RelWithDebInfo)"
(cd "$root/build" && ctest --output-on-failure -j"$jobs" --timeout 600)

if [[ "${LFKIT_SKIP_SANITIZE:-0}" != "1" ]]; then
  stage "build (ASan + UBSan)"
  cmake -S "$root" -B "$root/build-asan" -DCMAKE_BUILD_TYPE=Debug -DLFKIT_SANITIZE=ON
  cmake --build "$root/build-asan" -j"$jobs"
  stage "tests (ASan + UBSan)"
  # Lint needs no sanitizer; it already ran above.
  (cd "$root/build-asan" &&
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
      ctest --output-on-failure -j"$jobs" --timeout 900 -E '^spec_lint$')
fi

if [[ "${LFKIT_SKIP_FUZZ:-0}" != "1" ]]; then
  stage "fuzz smoke (clang + libFuzzer)"
  cmake -S "$root" -B "$root/build-fuzz" -DLFKIT_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++
  cmake --build "$root/build-fuzz" -j"$jobs" --target fuzz_all
  (cd "$root/build-fuzz" && ctest --output-on-failure -R '^fuzz_smoke\.' --timeout 300)
fi
echo "ci/test.sh: all stages passed"
