#!/usr/bin/env bash
# The .NET Aspire dashboard as a standalone OTLP viewer on loopback, without Docker: fetched once from NuGet
# (Aspire.Dashboard.Sdk.linux-x64, which carries a self-contained Aspire.Dashboard executable) and started in
# the background. Prints the UI URL and the OTEL_EXPORTER_OTLP_ENDPOINT to export for the CLI and the silos.
#
#   scripts/otel-dashboard.sh start   # fetch if needed, start, print URL + endpoint (idempotent)
#   scripts/otel-dashboard.sh stop
#   scripts/otel-dashboard.sh fetch   # only fetch; prints the executable's path
#
# Ports (loopback only): ORCHESTRATOR_OTEL_UI_PORT (18888), ORCHESTRATOR_OTEL_GRPC_PORT (4317),
# ORCHESTRATOR_OTEL_HTTP_PORT (4318). The UI and its read API (/api/telemetry/…) are unsecured: loopback only.
set -euo pipefail
version=13.6.5
package=aspire.dashboard.sdk.linux-x64
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
state="${ORCHESTRATOR_OTEL_STATE:-$root/.build/otel-dashboard}"
ui_port=${ORCHESTRATOR_OTEL_UI_PORT:-18888}
grpc_port=${ORCHESTRATOR_OTEL_GRPC_PORT:-4317}
http_port=${ORCHESTRATOR_OTEL_HTTP_PORT:-4318}
packages=${NUGET_PACKAGES:-$HOME/.nuget/packages}

say() { printf '[otel-dashboard] %s\n' "$*" >&2; }
die() { printf '[otel-dashboard] error: %s\n' "$*" >&2; exit 1; }

fetch() {
  local dir="$packages/$package/$version"
  if [ ! -d "$dir" ]; then
    say "fetching Aspire.Dashboard.Sdk.linux-x64 $version from NuGet (once)"
    local tmp
    tmp=$(mktemp -d)
    # Outside the repository: our central package management does not apply to this download-only project.
    cat >"$tmp/fetch.csproj" <<PROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageDownload Include="Aspire.Dashboard.Sdk.linux-x64" Version="[$version]" /></ItemGroup>
</Project>
PROJ
    dotnet restore "$tmp/fetch.csproj" --packages "$packages" -v q >&2 || die "NuGet restore of Aspire.Dashboard.Sdk.linux-x64 $version failed"
    rm -rf "$tmp"
  fi
  local exe
  exe=$(find "$dir" -type f -name Aspire.Dashboard -path '*tools*' | head -n 1)
  [ -n "$exe" ] || exe=$(find "$dir" -type f -name Aspire.Dashboard | head -n 1)
  [ -n "$exe" ] || die "no Aspire.Dashboard executable in $dir"
  chmod +x "$exe"
  printf '%s\n' "$exe"
}

running() { [ -f "$state/pid" ] && kill -0 "$(cat "$state/pid")" 2>/dev/null; }

case "${1:-start}" in
  fetch) fetch ;;
  start)
    if running; then
      say "already running (pid $(cat "$state/pid"))"
    else
      exe=$(fetch)
      mkdir -p "$state"
      ASPNETCORE_URLS="http://127.0.0.1:$ui_port" \
      ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="http://127.0.0.1:$grpc_port" \
      ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL="http://127.0.0.1:$http_port" \
      DASHBOARD__FRONTEND__AUTHMODE=Unsecured \
      DASHBOARD__OTLP__AUTHMODE=Unsecured \
      DASHBOARD__API__ENABLED=true \
      DASHBOARD__API__AUTHMODE=Unsecured \
        nohup "$exe" >"$state/dashboard.log" 2>&1 &
      echo $! >"$state/pid"
      for _ in $(seq 1 120); do
        if curl -sf -o /dev/null "http://127.0.0.1:$ui_port/"; then break; fi
        running || die "the dashboard exited; see $state/dashboard.log"
        sleep 0.5
      done
      curl -sf -o /dev/null "http://127.0.0.1:$ui_port/" || die "the dashboard did not answer on port $ui_port within 60 s; see $state/dashboard.log"
      say "started (pid $(cat "$state/pid"), log $state/dashboard.log)"
    fi
    echo "Aspire dashboard: http://127.0.0.1:$ui_port/"
    echo "export OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:$grpc_port"
    ;;
  stop)
    if running; then kill "$(cat "$state/pid")"; say "stopped"; else say "not running"; fi
    rm -f "$state/pid"
    ;;
  *) die "unknown command '$1' (start, stop, fetch)" ;;
esac
