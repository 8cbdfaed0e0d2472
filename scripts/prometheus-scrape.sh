#!/usr/bin/env bash
# Shows a real Prometheus (Debian's `prometheus` package) scraping a silo's /metrics endpoint: runs a sweep on
# a local silo that is kept alive with a metrics port, points Prometheus at it, and queries our series
# (orchestrator_*) and Orleans' (orleans_*) through Prometheus' HTTP API. Exit 0 when both are present.
#
#   scripts/prometheus-scrape.sh [SWEEP.json]     (default: experiments/smoke.json, a tiny synthetic sweep)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
sweep=${1:-$root/experiments/smoke.json}
command -v prometheus >/dev/null || { echo "prometheus is not installed: scripts/bootstrap.sh --with prometheus" >&2; exit 2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
work=$(mktemp -d)
metrics=$(free_port)
web=$(free_port)
silo_pid=""
prom_pid=""
cleanup() {
  [ -z "$prom_pid" ] || kill "$prom_pid" 2>/dev/null || true
  [ -z "$silo_pid" ] || kill "$silo_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

out=$("$root/orchestrator" local run "$sweep" --results "$work/results" --keep-silo --metrics-port "$metrics" | tee /dev/stderr) || true
silo_pid=$(sed -n 's/.*silo kept running (pid \([0-9]*\)).*/\1/p' <<<"$out")
cat >"$work/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
scrape_configs:
  - job_name: orchestrator-silo
    static_configs:
      - targets: ["127.0.0.1:$metrics"]
YAML
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$web" >"$work/prometheus.log" 2>&1 &
prom_pid=$!
status=1
for _ in $(seq 60); do
  sleep 1
  ours=$(curl -s "http://127.0.0.1:$web/api/v1/query?query=orchestrator_trials_ended_total" || true)
  orleans=$(curl -s "http://127.0.0.1:$web/api/v1/query?query=orleans_catalog_activation_created_total" || true)
  if grep -q '"result":\[{' <<<"$ours" && grep -q '"result":\[{' <<<"$orleans"; then
    echo "prometheus scraped 127.0.0.1:$metrics/metrics:"
    echo "  orchestrator_trials_ended_total -> $ours"
    echo "  orleans_catalog_activation_created_total -> $(head -c 300 <<<"$orleans")…"
    status=0
    break
  fi
done
[ "$status" -eq 0 ] || { echo "our series did not show up in Prometheus; log: $work/prometheus.log" >&2; tail -5 "$work/prometheus.log" >&2; }
exit "$status"
