#!/usr/bin/env bash
# Makes sure the local PostgreSQL the integration tests use (127.0.0.1:5432, trust auth) is up.
set -euo pipefail
pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && exit 0
if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
fi
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && exit 0; sleep 1; done
echo "PostgreSQL is not reachable on 127.0.0.1:5432; the API and browser tests need it (set it up with trust auth for user postgres)." >&2
exit 1
