#!/usr/bin/env bash
# The test command of the README: makes the machine ready (idempotent bootstrap), then runs every
# test project of the solution in Release and prints one closing line with the totals.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
bash scripts/bootstrap.sh --with datasets,redis
results="$root/.build/test-results"
rm -rf "$results"
set +e
dotnet test Orchestrator.slnx -c Release --logger "trx" --results-directory "$results" "$@"
status=$?
set -e
# One closing line with the totals over all test projects, read from the TRX files.
python3 - "$results" <<'PY' || true
import glob, sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(f).getroot().find(".//{*}Counters")
    if c is None:
        continue
    passed += int(c.get("passed", 0)); failed += int(c.get("failed", 0)) + int(c.get("error", 0))
    skipped += int(c.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
