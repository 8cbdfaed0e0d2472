#!/usr/bin/env bash
# Builds the benchmarks in Release and runs one harness: bench/run.sh [harness] [options].
# With no harness it lists them. See bench/README.md.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ "${1:-}" = search ] && { shift; dotnet build "$root/bench/Search.Bench/Orchestrator.Search.Bench.csproj" -c Release --nologo -v quiet -o "$root/.build/bench-search" >&2; exec dotnet "$root/.build/bench-search/Orchestrator.Search.Bench.dll" "$@"; }  # issue 13: ours vs Optuna
dotnet build "$root/bench/Topology.Bench/Orchestrator.Topology.Bench.csproj" -c Release --nologo -v quiet -o "$root/.build/bench" >&2
exec dotnet "$root/.build/bench/Orchestrator.Topology.Bench.dll" "$@"
