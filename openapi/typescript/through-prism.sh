#!/usr/bin/env bash
# Runs flow.ts through Prism's validating proxy in front of a service in dev mode (./mvnw quarkus:dev on :8080) and
# prints every request and response violation Prism finds; exits non-zero when there is one.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --silent
npm run --silent generate
npx tsc
log=$(mktemp)
npx --yes @stoplight/prism-cli@5.14.2 proxy ../openapi.yaml http://localhost:8080 -p 4010 --errors >"$log" 2>&1 &
prism=$!
trap 'kill $prism 2>/dev/null || true' EXIT
for _ in $(seq 60); do curl -s -o /dev/null localhost:4010 && break; sleep 1; done
BASE_URL=http://localhost:4010 node build/flow.js
requests=$(grep -c 'Request received' "$log" || true)
violations=$(grep 'Violation' "$log" || true)
echo "Prism: $requests requests, $(printf '%s' "$violations" | grep -c . || true) violations"
[ -z "$violations" ] || { printf '%s\n' "$violations"; exit 1; }
