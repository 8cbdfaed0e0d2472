#!/usr/bin/env bash
# A local multi-silo Orleans cluster on loopback: one redis-server on a free port and N silos (the worker's
# `silo` verb in cluster mode), each with its own log. For tests and for trying cluster mode on one machine.
#
#   scripts/local-cluster.sh start [N=2] [DIR=.build/local-cluster]   # prints REDIS=… and the client's exports
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
    bash "$root/scripts/private-build-copies.sh" "$root/.build/silo" # a later build must not rewrite running silos
    silo=$root/.build/silo/orchestrator-silo.dll
  fi
  echo "$silo"
}

# Redis on PORT with its data in DIR: durable (AOF, fsync every second), on loopback, daemonized, with a password.
# The password and the config holding it are the owner's alone (0600, never on a command line); a restart reuses
# them; redis-cli gets the password through REDISCLI_AUTH.
start_redis() {
  local dir=$1 port=$2
  if [ ! -f "$dir/redis.password" ]; then
    (umask 077; head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$dir/redis.password")
  fi
  (umask 077; printf '%s\n' "port $port" "bind 127.0.0.1" "requirepass $(cat "$dir/redis.password")" "save \"\"" \
    "appendonly yes" "appendfsync everysec" "daemonize yes" "pidfile $dir/redis.pid" "logfile $dir/redis.log" \
    "dir $dir" >"$dir/redis.conf")
  redis-server "$dir/redis.conf" >/dev/null
  echo "$port" >"$dir/redis.port"
  # Loading a large AOF takes a while: LOADING answers are not ready yet.
  for _ in $(seq 300); do [ "$(redis_cli "$dir" -p "$port" ping 2>/dev/null)" = PONG ] && return 0; sleep 0.1; done
  echo "redis did not start on port $port; see $dir/redis.log" >&2
  return 1
}

redis_cli() {
  local dir=$1
  shift
  REDISCLI_AUTH=$(cat "$dir/redis.password" 2>/dev/null) redis-cli "$@"
}

# The silos' TLS options when TLS=1 (certificates made once in DIR/certs).
tls_options() {
  local dir=$1
  if [ "${TLS:-0}" = 1 ]; then
    [ -f "$dir/certs/silo.pem" ] || bash "$root/scripts/make-certs.sh" "$dir/certs" silo client >/dev/null
    echo --tls-cert "$dir/certs/silo.pem" --tls-key "$dir/certs/silo.key" --tls-ca "$dir/certs/ca.pem"
  fi
}

# Silo number I of the cluster in DIR (log silo-I.log, pid silo-I.pid), joining Redis on PORT.
start_silo() {
  local dir=$1 silo=$2 port=$3 i=$4
  : >"$dir/silo-$i.log"
  # shellcheck disable=SC2046 # the TLS options are paths without spaces under DIR
  dotnet "$silo" silo --redis "127.0.0.1:$port" --redis-password-file "$dir/redis.password" $(tls_options "$dir") \
    --port "$(free_port)" --gateway-port "$(free_port)" \
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
    echo "export ORCHESTRATOR_REDIS_PASSWORD_FILE=$dir/redis.password"
    if [ "${TLS:-0}" = 1 ]; then
      echo "export ORCHESTRATOR_TLS_CERT=$dir/certs/client.pem ORCHESTRATOR_TLS_KEY=$dir/certs/client.key ORCHESTRATOR_TLS_CA=$dir/certs/ca.pem"
    fi
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
      redis_cli "$dir" -p "$(cat "$dir/redis.port")" shutdown >/dev/null 2>&1 || true
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
    redis_cli "$dir" -p "$port" shutdown >/dev/null 2>&1 || true
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
