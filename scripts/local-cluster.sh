#!/usr/bin/env bash
# A local multi-silo Orleans cluster on loopback: one redis-server on a free port and N silos (the worker's
# `silo` verb in cluster mode), each with its own log. For tests and for trying cluster mode on one machine.
#
#   scripts/local-cluster.sh start [N=2] [DIR=.build/local-cluster]   # prints REDIS=… and the client's exports
#   scripts/local-cluster.sh stop  [DIR]
#   scripts/local-cluster.sh kill-silo INDEX [DIR]                    # kill -9 one silo (failover drills)
#
# Then: eval "$(scripts/local-cluster.sh start)"; ./orchestrator sweep submit experiments/quickstart.json --redis "$REDIS" --watch
# Redis requires a random password, written to DIR/redis.password (0600; redis-server reads it from DIR/redis.conf,
# 0600, so it is never on a command line) and given to silos with --redis-password-file; clients find it through
# ORCHESTRATOR_REDIS_PASSWORD_FILE, which `start` prints. TLS=1 also makes certificates (scripts/make-certs.sh, in
# DIR/certs) and runs the silos with mutual TLS; `start` then prints the client's ORCHESTRATOR_TLS_* exports.
# State lives in DIR: redis.pid, redis.port, redis.conf, redis.password, silo-<i>.pid, silo-<i>.log, checkpoints/.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
verb=${1:-}
shift || true

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

worker() {
  local silo=${ORCHESTRATOR_SILO_PATH:-$root/.build/silo/orchestrator-silo.dll}
  if [ ! -f "$silo" ]; then
    echo "local-cluster: building the worker (Release)…" >&2
    dotnet build "$root/src/Silo/Orchestrator.Silo.csproj" -c Release -o "$root/.build/silo" -nologo -v q >&2
    silo=$root/.build/silo/orchestrator-silo.dll
  fi
  echo "$silo"
}

case "$verb" in
  start)
    n=${1:-2}
    dir=${2:-$root/.build/local-cluster}
    mkdir -p "$dir/checkpoints"
    silo=$(worker)
    port=$(free_port)
    # The password and the config holding it are the owner's alone; redis-cli gets it through REDISCLI_AUTH.
    (umask 077; head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$dir/redis.password"
      printf '%s\n' "port $port" "bind 127.0.0.1" "requirepass $(cat "$dir/redis.password")" "save \"\"" "appendonly no" \
        "daemonize yes" "pidfile $dir/redis.pid" "logfile $dir/redis.log" "dir $dir" >"$dir/redis.conf")
    redis-server "$dir/redis.conf" >/dev/null
    echo "$port" >"$dir/redis.port"
    for _ in $(seq 50); do REDISCLI_AUTH=$(cat "$dir/redis.password") redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
    tls=()
    if [ "${TLS:-0}" = 1 ]; then
      bash "$root/scripts/make-certs.sh" "$dir/certs" silo client >/dev/null
      tls=(--tls-cert "$dir/certs/silo.pem" --tls-key "$dir/certs/silo.key" --tls-ca "$dir/certs/ca.pem")
    fi
    for i in $(seq 1 "$n"); do
      : >"$dir/silo-$i.log"
      dotnet "$silo" silo --redis "127.0.0.1:$port" --redis-password-file "$dir/redis.password" "${tls[@]}" \
        --port "$(free_port)" --gateway-port "$(free_port)" \
        --checkpoints "$dir/checkpoints" --slots "${SLOTS:-1}" ${METRICS_BASE:+--metrics-port $((METRICS_BASE + i))} \
        >"$dir/silo-$i.log" 2>&1 &
      echo $! >"$dir/silo-$i.pid"
    done
    for i in $(seq 1 "$n"); do
      for _ in $(seq 600); do grep -q "orchestrator-silo ready" "$dir/silo-$i.log" && break; sleep 0.1; done
      grep -q "orchestrator-silo ready" "$dir/silo-$i.log" || { echo "silo $i did not start; see $dir/silo-$i.log" >&2; exit 1; }
    done
    echo "REDIS=127.0.0.1:$port"
    echo "export ORCHESTRATOR_REDIS_PASSWORD_FILE=$dir/redis.password"
    if [ "${TLS:-0}" = 1 ]; then
      echo "export ORCHESTRATOR_TLS_CERT=$dir/certs/client.pem ORCHESTRATOR_TLS_KEY=$dir/certs/client.key ORCHESTRATOR_TLS_CA=$dir/certs/ca.pem"
    fi
    ;;
  stop)
    dir=${1:-$root/.build/local-cluster}
    pids=()
    for pidfile in "$dir"/silo-*.pid; do
      [ -f "$pidfile" ] || continue
      pids+=("$(cat "$pidfile")")
      rm -f "$pidfile"
    done
    # Graceful shutdown first (silos leave the membership table while Redis is still up), then force.
    [ ${#pids[@]} -eq 0 ] || kill "${pids[@]}" 2>/dev/null || true
    for _ in $(seq 150); do
      alive=0
      for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
      [ "$alive" -eq 0 ] && break
      sleep 0.1
    done
    for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
    if [ -f "$dir/redis.port" ]; then
      REDISCLI_AUTH=$(cat "$dir/redis.password" 2>/dev/null) redis-cli -p "$(cat "$dir/redis.port")" shutdown nosave >/dev/null 2>&1 || true
      rm -f "$dir/redis.port"
    fi
    ;;
  kill-silo)
    i=${1:?silo index}
    dir=${2:-$root/.build/local-cluster}
    kill -9 "$(cat "$dir/silo-$i.pid")"
    rm -f "$dir/silo-$i.pid"
    ;;
  *)
    sed -n '2,10p' "$0"
    exit 2
    ;;
esac
