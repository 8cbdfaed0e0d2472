#!/usr/bin/env bash
# The test command of the README: makes the machine ready (idempotent bootstrap), then runs every
# test project of the solution in Release and prints one closing line with the totals.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
bash scripts/bootstrap.sh --with datasets,redis,dashboard,prometheus
results="$root/.build/test-results"
rm -rf "$results"
set +e
dotnet test Orchestrator.slnx -c Release --logger "trx" --results-directory "$results" "$@"
status=$?
set -e
# One closing line with the totals over all test projects, read from the TRX files.
cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*' | awk '
  { for (i = 1; i <= NF; i++) { split($i, kv, "="); gsub(/"/, "", kv[2]); c[kv[1]] += kv[2] } }
  END { printf "%d passed, %d failed, %d skipped\n", c["passed"], c["failed"] + c["error"], c["notExecuted"] }'
exit $status
