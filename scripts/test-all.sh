#!/usr/bin/env bash
# The whole test suite: lint, typecheck, unit tests, build, bundle budgets, e2e in Chromium.
# Ends with one line "N passed, N failed" for every test that ran.
set -uo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
mkdir -p test-results
status=0
step() { echo; echo "== $*"; }

step "chromium" && bash scripts/ensure-chromium.sh || exit 1
step "lint (biome)" && npx biome check . || status=1
step "typecheck (tsc)" && npx wxt prepare >/dev/null && npx tsc --noEmit || status=1
step "unit tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json || status=1
step "build (chrome, firefox)"
if npx wxt build && npx wxt build -b firefox && bash scripts/build-pages.sh; then
  step "bundle budgets" && node scripts/check-budgets.mjs || status=1
  step "e2e (playwright, chromium with the extension)"
  npx playwright test || status=1
else
  status=1
fi
node scripts/summarize-tests.mjs || status=1
exit $status
