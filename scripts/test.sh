#!/usr/bin/env bash
# `npm test`: every test of the project, in the order that fails fastest.
#   1. generated types are not stale            (schemas:check)
#   2. the admin is built once                  (next build into .next)
#   3. unit + integration tests                 (vitest: unit project, api project on PostgreSQL)
#   4. browser tests                            (Playwright in Debian's Chromium)
# Installs missing Debian test tools (chromium, SIPp, espeak-ng, sox) and starts the local
# PostgreSQL (127.0.0.1:5432, trust auth) if it is stopped.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-system-deps.sh
bash scripts/ensure-postgres.sh

echo "== schemas: generated types up to date"
npm run --silent schemas:check

echo "== build the admin"
NEXT_DIST_DIR=.next npx next build > /tmp/relais-next-build.log 2>&1 || { tail -50 /tmp/relais-next-build.log; exit 1; }

mkdir -p .test-reports
status=0
echo "== vitest (unit and API integration)"
# Tests that measure real-time behaviour (RTP arrival gaps) run afterwards, alone: beside the
# parallel files a 2-core machine deschedules the sender for longer than what they measure.
timing_tests=(tests/calls/silence-rtp.test.ts)
npx vitest run --reporter=default --reporter=json --outputFile.json=.test-reports/vitest.json \
  $(printf -- '--exclude %s ' "${timing_tests[@]}") || status=1

echo "== vitest (real-time measurements, run alone)"
npx vitest run --reporter=default --reporter=json --outputFile.json=.test-reports/vitest-timing.json \
  "${timing_tests[@]}" || status=1

echo "== playwright (Chromium)"
PLAYWRIGHT_JSON_OUTPUT_NAME=.test-reports/playwright.json npx playwright test --reporter=list,json || status=1

npx tsx scripts/test-summary.ts .test-reports/vitest.json .test-reports/vitest-timing.json .test-reports/playwright.json
exit $status
