#!/usr/bin/env bash
# Sets everything up, then runs every check: format, lint, types, unit and integration tests
# (real SFU), end-to-end tests (real server, real SFU, Debian's Chromium), the packaging checks.
# Ends with one line "N passed, N failed[, N skipped]" counting every test.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh || exit 1
export MEDIASOUP_WORKER_BIN="${MEDIASOUP_WORKER_BIN:-/usr/lib/x86_64-linux-gnu/mediasoup/mediasoup-worker}"

reports=test-reports
rm -rf "$reports" && mkdir -p "$reports"
status=0
step() {
  echo
  echo "== $1"
  shift
  "$@" || { echo "!! failed: $*"; status=1; }
}

step "format" npx prettier --check .
step "lint" npx eslint . --max-warnings 0
step "types" npm run --silent typecheck
step "unit and integration tests" npx vitest run --reporter=default --reporter=json --outputFile.json="$reports/vitest.json"
step "end-to-end tests" env PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/playwright.json" npx playwright test --reporter=list,json

echo
node scripts/summarize-tests.mjs "$reports/vitest.json" "$reports/playwright.json" || status=1
exit "$status"
