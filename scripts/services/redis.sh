#!/usr/bin/env bash
# Redis on 127.0.0.1. Machines of this project's kind already run one on 6379 (started before any
# session, nothing kept on disk): it is used as it is. Elsewhere this starts Debian's redis-server
# (installing it when root) with nothing persisted, its files under $SERVICES_HOME/redis.
#
#   redis.sh up       use the Redis that answers PING, or start one              (alias: start)
#   redis.sh stop     stop the Redis this script started; never a machine's own (alias: down)
#   redis.sh status   exit 0 when PING answers PONG
#   redis.sh env      export TALENT_REDIS_URL=…
#   redis.sh logs     tail of the log of the Redis this script started
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

REDIS_HOME="$SERVICES_HOME/redis"
REDIS_PID="$REDIS_HOME/redis.pid"
REDIS_LOG="$REDIS_HOME/redis.log"
REDIS_URL="redis://$SERVICES_HOST:$REDIS_PORT"

# PING in the inline protocol over bash's /dev/tcp: needs neither redis-cli nor a client library.
redis_answers() {
  # shellcheck disable=SC2016 # expanded by the inner bash, from its arguments
  timeout 3 bash -c '
    exec 3<>"/dev/tcp/$0/$1" || exit 1
    printf "PING\r\n" >&3
    IFS= read -r reply <&3
    [[ $reply == +PONG* ]]
  ' "$SERVICES_HOST" "$REDIS_PORT" 2>/dev/null
}

redis_ours() { pid_alive "$REDIS_PID" redis-server; }

redis_server_binary() {
  if ! command -v redis-server >/dev/null; then
    [[ $EUID -eq 0 ]] || die "redis: redis-server not found (apt-get install -y redis-server)"
    say "redis: installing Debian's redis-server"
    # Refreshing the package lists only when the plain install fails keeps the common path quick.
    apt-get install -y -q redis-server >&2 ||
      { apt-get update -q >&2 && apt-get install -y -q redis-server >&2; } ||
      die "redis: apt-get install redis-server failed (output above)"
  fi
  command -v redis-server
}

redis_up() {
  if redis_answers; then
    say "redis: $REDIS_URL answers PING"
    return 0
  fi
  if port_open "$REDIS_PORT"; then
    die "redis: port $REDIS_PORT is taken by something that does not answer PING (ss -ltnp 'sport = :$REDIS_PORT')"
  fi
  local binary
  binary=$(redis_server_binary)
  mkdir -p "$REDIS_HOME"
  rotate_log "$REDIS_LOG"
  # Nothing persisted (a test store); noeviction because job queues (BullMQ) lose jobs otherwise.
  "$binary" --port "$REDIS_PORT" --bind "$SERVICES_HOST" --daemonize yes --save '' --appendonly no \
    --maxmemory-policy noeviction --dir "$REDIS_HOME" --pidfile "$REDIS_PID" --logfile "$REDIS_LOG" 9>&- ||
    {
      tail_logs 30 "$REDIS_LOG"
      die "redis: redis-server did not start"
    }
  wait_until "redis ($REDIS_URL)" redis_answers redis_ours "$REDIS_LOG"
}

redis_stop() {
  if redis_ours; then
    stop_pid "$REDIS_PID" redis-server redis
  else
    say "redis: not started by this script; left running"
  fi
}

redis_status() {
  if redis_answers; then
    if redis_ours; then
      echo "redis: up on $REDIS_URL (pid $(<"$REDIS_PID"))"
    else
      echo "redis: up on $REDIS_URL (the machine's own)"
    fi
    return 0
  fi
  echo "redis: down ($REDIS_URL does not answer PING)"
  return 1
}

redis_main() {
  case "${1:-}" in
    up | start | stop | down) with_lock redis ;;
  esac
  case "${1:-}" in
    up | start) redis_up ;;
    stop | down) redis_stop ;;
    status) redis_status ;;
    env) echo "export TALENT_REDIS_URL=$REDIS_URL" ;;
    logs)
      if [[ -f "$REDIS_LOG" ]]; then
        tail_logs "${2:-80}" "$REDIS_LOG"
      else
        echo "redis: not started by this script, no log of ours (the machine's Redis logs elsewhere)" >&2
      fi
      ;;
    *)
      echo "usage: $0 up|stop|status|env|logs [lines]" >&2
      exit 2
      ;;
  esac
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  redis_main "$@"
fi
