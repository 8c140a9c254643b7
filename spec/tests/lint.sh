#!/bin/sh
# Lint spec/openapi.yaml with Redocly and Spectral. Exit 77 (ctest skip) when npx is unavailable.
set -eu
spec_dir=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v npx >/dev/null 2>&1; then
  echo "skipped: npm/npx not available"
  exit 77
fi
cd "$spec_dir"
# Pinned: @redocly/cli 1.34.21 depends on a respect-core release missing from the registry.
npx --yes @redocly/cli@1.34.20 lint --config redocly.yaml openapi.yaml
npx --yes @stoplight/spectral-cli lint --ruleset .spectral.yaml --fail-severity error openapi.yaml
