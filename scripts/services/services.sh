#!/usr/bin/env bash
# Kafka, Elasticsearch and Redis for the integration tests, without Docker.
#
#   services.sh up [SERVICE…]      start (or health-check) each; fails with the service's log
#   services.sh down [SERVICE…]    stop each (the machine's own Redis is left alone)
#   services.sh status [SERVICE…]  one line each; exit 1 if any is down
#   services.sh env                export line for the TALENT_* connection settings
#   services.sh logs [SERVICE…]    tail of each service's log (CI prints it on failure)
#
# --cluster (anywhere among the arguments) acts on the cluster mode instead: 3 Kafka brokers
# (kafka-cluster.sh) and 3 Elasticsearch nodes, 2 of them data nodes (elasticsearch-cluster.sh),
# on their own ports (29092-29094, 29200-29202), so the single-node services keep running beside
# them; `env --cluster` points the application at the cluster (and at the single-node Redis).
#
# SERVICE is kafka, elasticsearch or redis (default: all; with --cluster: kafka and elasticsearch). Downloads, data and logs live in
# $TALENT_SERVICES_HOME (default /var/cache/talent-brain/services as root, else
# ~/.cache/talent-brain/services). See each service's script for stop/restart/reset.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

cluster=0
args=()
for arg in "$@"; do
  if [[ "$arg" == --cluster ]]; then cluster=1; else args+=("$arg"); fi
done
set -- "${args[@]}"

all=(redis kafka elasticsearch)
# Redis is not part of the cluster mode: a job queue, not on the ingest path that loses nodes.
((cluster)) && all=(kafka elasticsearch)
suffix=""
((cluster)) && suffix="-cluster"

script_of() {
  case "$1" in
    kafka) echo "$here/kafka$suffix.sh" ;;
    elasticsearch | es) echo "$here/elasticsearch$suffix.sh" ;;
    redis)
      ((cluster)) && {
        echo "[services] ERROR: redis has no cluster mode (services.sh up redis starts the single one)" >&2
        exit 2
      }
      echo "$here/redis.sh"
      ;;
    *)
      echo "[services] ERROR: unknown service '$1' (kafka, elasticsearch, redis)" >&2
      exit 2
      ;;
  esac
}

command="${1:-}"
shift || true
services=("$@")
((${#services[@]})) || services=("${all[@]}")
for service in "${services[@]}"; do
  script_of "$service" >/dev/null || exit 2 # (script_of's exit only leaves its subshell)
done

case "$command" in
  up)
    start_ms=$(date +%s%3N)
    if ((cluster)); then
      # Six JVMs: the services start side by side (each waits for its own nodes), one failure fails all.
      pids=()
      for service in "${services[@]}"; do
        bash "$(script_of "$service")" up &
        pids+=($!)
      done
      failed=0
      for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
      ((failed == 0)) || exit 1
    else
      for service in "${services[@]}"; do
        bash "$(script_of "$service")" up
      done
    fi
    ms=$(($(date +%s%3N) - start_ms))
    printf '[services] all up after %d.%ds\n' $((ms / 1000)) $(((ms % 1000) / 100)) >&2
    ;;
  down)
    # Reverse order: producers of data (Kafka) stop before the stores.
    for ((i = ${#services[@]} - 1; i >= 0; i--)); do
      bash "$(script_of "${services[i]}")" stop
    done
    ;;
  status)
    failed=0
    for service in "${services[@]}"; do
      bash "$(script_of "$service")" status || failed=1
    done
    exit "$failed"
    ;;
  env)
    line="export"
    for service in kafka elasticsearch redis; do
      script="$here/$service.sh"
      [[ "$service" != redis ]] && script=$(script_of "$service")
      assignment=$(bash "$script" env)
      line+=" ${assignment#export }"
    done
    echo "$line"
    ;;
  logs)
    for service in "${services[@]}"; do
      bash "$(script_of "$service")" logs || true
    done
    ;;
  *)
    echo "usage: $0 up|down|status|env|logs [--cluster] [kafka|elasticsearch|redis…]" >&2
    exit 2
    ;;
esac
