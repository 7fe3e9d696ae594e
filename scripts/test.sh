#!/usr/bin/env bash
# `npm test`: every test of the project, in the order that fails fastest.
#   1. generated types are not stale            (schemas:check)
#   2. the admin is built once                  (next build into .next)
#   3. unit + integration tests                 (vitest: unit project two files at a time, api
#                                                project on PostgreSQL one at a time, then the
#                                                timing project alone)
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
# The unit project runs two files at a time: its slowest files (SIP calls with SIPp, the
# runtime, the admin) mostly wait on the network and on timers, so two at once took 702 s instead
# of ~1,000 s for tests/calls + tests/sip-edge + tests/start on this 2-core machine, all passing.
# The API project shares one admin server and database: one file at a time.
echo "== vitest (unit)"
npx vitest run --project unit --maxWorkers=2 --reporter=default --reporter=json --outputFile.json=.test-reports/vitest.json || status=1
echo "== vitest (API integration)"
npx vitest run --project api --maxWorkers=1 --reporter=default --reporter=json --outputFile.json=.test-reports/vitest-api.json || status=1

# Tests that measure real-time behaviour (RTP arrival gaps) run afterwards, alone (vitest.config.ts).
echo "== vitest (real-time measurements, run alone)"
npx vitest run --project timing --reporter=default --reporter=json --outputFile.json=.test-reports/vitest-timing.json || status=1

echo "== playwright (Chromium)"
PLAYWRIGHT_JSON_OUTPUT_NAME=.test-reports/playwright.json npx playwright test --reporter=list,json || status=1

npx tsx scripts/test-summary.ts .test-reports/vitest.json .test-reports/vitest-api.json .test-reports/vitest-timing.json .test-reports/playwright.json
exit $status
