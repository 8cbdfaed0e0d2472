#!/usr/bin/env bash
# A local multi-silo Orleans cluster on loopback: one redis-server on a free port and N silos (the worker's
# `silo` verb in cluster mode), each with its own log. For tests and for trying cluster mode on one machine.
#
#   scripts/local-cluster.sh start [N=2] [DIR=.build/local-cluster]   # prints REDIS=127.0.0.1:PORT
#   scripts/local-cluster.sh stop  [DIR]
#   scripts/local-cluster.sh kill-silo INDEX [DIR]                    # kill -9 one silo (failover drills)
#   scripts/local-cluster.sh add-silo [DIR]                           # one more silo (prints SILO=INDEX)
#   scripts/local-cluster.sh restart-redis [DIR]                      # stop Redis and start it again on its port
#   scripts/local-cluster.sh pause-redis SECONDS [DIR]                # SIGSTOP Redis for SECONDS, then SIGCONT
#
# Redis keeps its data in an append-only file (DIR/appendonlydir, `appendfsync everysec`), so a Redis restart keeps the
# membership table, the sweeps and the trials: a clean stop (SIGTERM, `redis-cli shutdown`) loses nothing, a crash
# (kill -9, power loss) at most the last second of writes (the grains rewrite what they hold in memory on their next
# write). RDB snapshots stay off. `stop` keeps the file, so `start` with the same DIR brings the sweeps back.
#
# Then: ./orchestrator sweep submit experiments/quickstart.json --redis "$REDIS" --watch
# State lives in DIR: redis.pid, redis.port, silo-<i>.pid, silo-<i>.log, checkpoints/ (shared by the silos).
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

# Redis on PORT with its data in DIR: durable (AOF, fsync every second), on loopback, daemonized.
start_redis() {
  local dir=$1 port=$2
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly yes --appendfsync everysec --daemonize yes \
    --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir" >/dev/null
  echo "$port" >"$dir/redis.port"
  # Loading a large AOF takes a while: LOADING answers are not ready yet.
  for _ in $(seq 300); do [ "$(redis-cli -p "$port" ping 2>/dev/null)" = PONG ] && return 0; sleep 0.1; done
  echo "redis did not start on port $port; see $dir/redis.log" >&2
  return 1
}

# Silo number I of the cluster in DIR (log silo-I.log, pid silo-I.pid), joining Redis on PORT.
start_silo() {
  local dir=$1 silo=$2 port=$3 i=$4
  : >"$dir/silo-$i.log"
  dotnet "$silo" silo --redis "127.0.0.1:$port" --port "$(free_port)" --gateway-port "$(free_port)" \
    --checkpoints "$dir/checkpoints" --slots "${SLOTS:-1}" ${METRICS_BASE:+--metrics-port $((METRICS_BASE + i))} \
    >"$dir/silo-$i.log" 2>&1 &
  echo $! >"$dir/silo-$i.pid"
}

wait_silo() {
  local dir=$1 i=$2
  for _ in $(seq 600); do grep -q "orchestrator-silo ready" "$dir/silo-$i.log" && return 0; sleep 0.1; done
  echo "silo $i did not start; see $dir/silo-$i.log" >&2
  exit 1
}

case "$verb" in
  start)
    n=${1:-2}
    dir=${2:-$root/.build/local-cluster}
    mkdir -p "$dir/checkpoints"
    silo=$(worker)
    port=$(free_port)
    start_redis "$dir" "$port"
    for i in $(seq 1 "$n"); do start_silo "$dir" "$silo" "$port" "$i"; done
    for i in $(seq 1 "$n"); do wait_silo "$dir" "$i"; done
    echo "REDIS=127.0.0.1:$port"
    ;;
  add-silo)
    dir=${1:-$root/.build/local-cluster}
    i=1
    while [ -e "$dir/silo-$i.log" ]; do i=$((i + 1)); done
    start_silo "$dir" "$(worker)" "$(cat "$dir/redis.port")" "$i"
    wait_silo "$dir" "$i"
    echo "SILO=$i"
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
      redis-cli -p "$(cat "$dir/redis.port")" shutdown nosave >/dev/null 2>&1 || true
      rm -f "$dir/redis.port"
    fi
    ;;
  kill-silo)
    i=${1:?silo index}
    dir=${2:-$root/.build/local-cluster}
    kill -9 "$(cat "$dir/silo-$i.pid")"
    rm -f "$dir/silo-$i.pid"
    ;;
  restart-redis)
    dir=${1:-$root/.build/local-cluster}
    port=$(cat "$dir/redis.port")
    pid=$(cat "$dir/redis.pid")
    # SHUTDOWN flushes the append-only file; the silos' Redis clients reconnect once it is back.
    redis-cli -p "$port" shutdown >/dev/null 2>&1 || true
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    start_redis "$dir" "$port"
    ;;
  pause-redis)
    seconds=${1:?seconds}
    dir=${2:-$root/.build/local-cluster}
    pid=$(cat "$dir/redis.pid")
    kill -STOP "$pid"
    sleep "$seconds"
    kill -CONT "$pid"
    ;;
  *)
    sed -n '2,18p' "$0"
    exit 2
    ;;
esac
