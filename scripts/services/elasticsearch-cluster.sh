#!/usr/bin/env bash
# An Elasticsearch cluster on 127.0.0.1 from the single-node mode's cached integ-test-zip: two data
# nodes, and a third node that is master-eligible only, so that losing either data node leaves two
# of three master-eligible nodes (a quorum) and the cluster keeps a master. The profile index's
# `auto_expand_replicas: 0-1` gives every shard one replica on the other data node, so losing one
# loses no data: its replicas are promoted, the cluster goes yellow and keeps taking writes.
#
#   elasticsearch-cluster.sh up        start every node that is not running, wait for green (all
#                                      three joined; idempotent)
#   elasticsearch-cluster.sh stop      clean shutdown of every node; data kept   (alias: down)
#   elasticsearch-cluster.sh kill N    SIGKILL node N (1 and 2 hold data, 3 is the tiebreaker)
#   elasticsearch-cluster.sh restart   stop + up, same data
#   elasticsearch-cluster.sh status    one line per node, then the cluster's health; exit 1
#                                      unless all three answer and the cluster is green
#   elasticsearch-cluster.sh env       export TALENT_ELASTICSEARCH_URL=<the data nodes' URLs>
#   elasticsearch-cluster.sh logs      tail of each node's log
#   elasticsearch-cluster.sh reset     stop and delete every node's data
#
# The third node is master-only ([master]), not voting_only: the integ-test-zip ships without the
# x-pack voting-only module (its modules are transport-netty4, x-pack-core, x-pack-security, apm),
# so a voting_only node would not start. A master-only node with 256 MB of heap does the same job
# here: it votes, and it could be elected, holding only cluster state.
#
# Ports (TALENT_SERVICES_ES_CLUSTER_PORT, default 29200): HTTP on 29200-29202, transport on
# 29300-29302, away from the single-node mode's 19200/19300 so both run at once.
# shellcheck source=elasticsearch.sh
source "$(dirname "${BASH_SOURCE[0]}")/elasticsearch.sh"

CLUSTER_NODES=(1 2 3)
CLUSTER_DATA_NODES=(1 2)
CLUSTER_BASE_PORT="${TALENT_SERVICES_ES_CLUSTER_PORT:-29200}"
CLUSTER_DATA_HEAP="${TALENT_ES_CLUSTER_HEAP:-512m}"
CLUSTER_MASTER_HEAP="${TALENT_ES_CLUSTER_MASTER_HEAP:-256m}"
CLUSTER_HOME="$SERVICES_HOME/elasticsearch-cluster/$ES_VERSION"
CLUSTER_NAME=talent-brain-cluster

node_port() { echo $((CLUSTER_BASE_PORT + $1 - 1)); }
node_transport_port() { echo $((CLUSTER_BASE_PORT + 100 + $1 - 1)); }
node_dir() { echo "$CLUSTER_HOME/node-$1"; }
node_name() { echo "talent-brain-c$1"; }
is_data_node() { [[ " ${CLUSTER_DATA_NODES[*]} " == *" $1 "* ]]; }

joined() { # SEPARATOR FORMAT_FN: each node through FORMAT_FN, joined by SEPARATOR
  local separator="$1" format="$2" n out=""
  for n in "${CLUSTER_NODES[@]}"; do out+="${out:+$separator}$("$format" "$n")"; done
  echo "$out"
}
transport_address() { echo "$SERVICES_HOST:$(node_transport_port "$1")"; }

cluster_urls() {
  local n out=""
  for n in "${CLUSTER_DATA_NODES[@]}"; do out+="${out:+,}http://$SERVICES_HOST:$(node_port "$n")"; done
  echo "$out"
}

# elasticsearch.sh's functions read these globals: point them at node N.
select_node() {
  local dir
  dir=$(node_dir "$1")
  ES_PORT=$(node_port "$1")
  ES_URL="http://$SERVICES_HOST:$ES_PORT"
  ES_CONF="$dir/config"
  ES_DATA="$dir/data"
  ES_LOGS="$dir/logs"
  ES_TMP="$dir/tmp"
  ES_RUN="$dir/run"
  ES_PID="$ES_RUN/elasticsearch.pid"
  ES_CONSOLE="$ES_LOGS/console.log"
  ES_MARKER="-Dtalent.service=elasticsearch-cluster-$ES_PORT"
}

node_write_config() {
  local n="$1" roles heap bootstrap=""
  select_node "$n"
  mkdir -p "$ES_DATA" "$ES_LOGS" "$ES_TMP" "$ES_RUN"
  [[ -f "$ES_CONF/jvm.options" ]] || cp -r "$ES_DIST/config" "$ES_CONF"
  mkdir -p "$ES_CONF/jvm.options.d"
  if is_data_node "$n"; then
    roles='[master, data, ingest]'
    heap=$CLUSTER_DATA_HEAP
  else
    roles='[master]'
    heap=$CLUSTER_MASTER_HEAP
  fi
  # The initial master nodes only until the cluster has formed once: Elasticsearch warns when the
  # setting stays after bootstrap, and a node that rejoins must join, not bootstrap anew.
  [[ -f "$CLUSTER_HOME/bootstrapped" ]] || bootstrap="cluster.initial_master_nodes: [$(joined ', ' node_name)]"
  # Disk thresholds off, as in the single-node mode. No allocation delay after a node leaves: its
  # shards' replicas are rebuilt at once rather than after a minute.
  cat >"$ES_CONF/elasticsearch.yml" <<EOF
cluster.name: $CLUSTER_NAME
node.name: $(node_name "$n")
node.roles: $roles
path.data: $ES_DATA
path.logs: $ES_LOGS
network.host: $SERVICES_HOST
http.port: $(node_port "$n")
transport.port: $(node_transport_port "$n")
discovery.seed_hosts: [$(joined ', ' transport_address)]
$bootstrap
xpack.security.enabled: false
cluster.routing.allocation.disk.threshold_enabled: false
EOF
  printf -- '-Xms%s\n-Xmx%s\n' "$heap" "$heap" >"$ES_CONF/jvm.options.d/heap.options"
  if [[ $EUID -eq 0 ]]; then
    chown -R "$ES_SYSTEM_USER:" "$ES_CONF" "$ES_DATA" "$ES_LOGS" "$ES_TMP" "$ES_RUN"
  fi
}

node_start() {
  local n="$1" java_home
  select_node "$n"
  es_running && return 0
  port_open "$ES_PORT" && die "elasticsearch-cluster: port $ES_PORT (node $n) is taken by another process (ss -ltnp 'sport = :$ES_PORT')"
  java_home=$(es_java_home)
  node_write_config "$n"
  rotate_log "$ES_CONSOLE"
  local as_user=()
  [[ $EUID -eq 0 ]] && as_user=(runuser -u "$ES_SYSTEM_USER" --)
  (
    cd "$ES_LOGS" || exit 1
    setsid nohup "${as_user[@]}" env ES_JAVA_HOME="$java_home" ES_PATH_CONF="$ES_CONF" ES_TMPDIR="$ES_TMP" \
      ES_JAVA_OPTS="$ES_MARKER ${TALENT_ES_JAVA_OPTS:-}" \
      "$ES_DIST/bin/elasticsearch" </dev/null >"$ES_CONSOLE" 2>&1 9>&- &
    echo $! >"$ES_PID"
  )
  say "elasticsearch-cluster: node $n ($(node_name "$n")) starting, log $ES_CONSOLE"
}

# The node answers HTTP and sees a cluster of all three nodes (it has joined).
node_joined() {
  curl -sf --max-time 5 "$ES_URL/_cluster/health?wait_for_nodes=${#CLUSTER_NODES[@]}&timeout=2s" 2>/dev/null |
    grep -qE "\"number_of_nodes\":${#CLUSTER_NODES[@]}\b"
}

cluster_green() {
  curl -sf --max-time 35 "$ES_URL/_cluster/health?wait_for_status=green&wait_for_no_relocating_shards=true&timeout=30s" 2>/dev/null |
    grep -q '"status":"green"'
}

cluster_up() {
  local n start
  start=$(now_ms)
  es_fetch
  es_ensure_user
  mkdir -p "$CLUSTER_HOME"
  for n in "${CLUSTER_NODES[@]}"; do node_start "$n"; done
  for n in "${CLUSTER_NODES[@]}"; do
    select_node "$n"
    wait_until "elasticsearch-cluster node $n ($ES_URL)" node_joined es_running "$ES_CONSOLE"
  done
  touch "$CLUSTER_HOME/bootstrapped"
  # Green: every replica allocated again (after a node came back, its copies have caught up).
  select_node "${CLUSTER_DATA_NODES[0]}"
  wait_until "elasticsearch-cluster green" cluster_green es_running "$ES_CONSOLE"
  say "elasticsearch-cluster: $(cluster_urls) up after $(elapsed_s "$start")s"
}

# All nodes at once, as kafka-cluster.sh does (each flushes its own shards; nothing waits on a
# master while stopping).
cluster_stop() {
  local n pids=()
  for n in "${CLUSTER_NODES[@]}"; do
    (
      select_node "$n"
      stop_pid "$ES_PID" "$ES_MARKER" "elasticsearch-cluster node $n"
    ) &
    pids+=($!)
  done
  for n in "${pids[@]}"; do wait "$n"; done
}

node_kill() {
  local n="$1" pid
  [[ " ${CLUSTER_NODES[*]} " == *" $n "* ]] || die "elasticsearch-cluster: no node '$n' (1-3)"
  select_node "$n"
  es_running || die "elasticsearch-cluster: node $n is not running"
  pid=$(<"$ES_PID")
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid"
  while group_alive "$pid" || kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
  rm -f "$ES_PID"
  say "elasticsearch-cluster: node $n killed (SIGKILL, pid $pid)"
}

cluster_status() {
  local n failed=0 health
  for n in "${CLUSTER_NODES[@]}"; do
    select_node "$n"
    if curl -sf --max-time 5 "$ES_URL/_cluster/health" >/dev/null 2>&1; then
      echo "elasticsearch-cluster: node $n ($(node_name "$n")$(is_data_node "$n" && echo ", data" || echo ", master only")) up on $ES_URL$(es_running && echo ", pid $(<"$ES_PID")")"
      health=$(curl -sf --max-time 5 "$ES_URL/_cluster/health" 2>/dev/null)
    else
      echo "elasticsearch-cluster: node $n down ($ES_URL does not answer)"
      failed=1
    fi
  done
  if [[ -n "${health:-}" ]]; then
    echo "elasticsearch-cluster: $(sed -E 's/.*"status":"([a-z]+)".*"number_of_nodes":([0-9]+),"number_of_data_nodes":([0-9]+).*/\1, \2 nodes, \3 data nodes/' <<<"$health")"
    grep -q '"status":"green"' <<<"$health" || failed=1
  fi
  return "$failed"
}

cluster_main() {
  case "${1:-}" in
    up | start | stop | down | restart | reset | kill) with_lock elasticsearch-cluster ;;
  esac
  case "${1:-}" in
    up | start) cluster_up ;;
    stop | down) cluster_stop ;;
    kill) node_kill "${2:-}" ;;
    restart)
      cluster_stop
      cluster_up
      ;;
    status) cluster_status ;;
    env) echo "export TALENT_ELASTICSEARCH_URL=$(cluster_urls)" ;;
    logs)
      local n
      for n in "${CLUSTER_NODES[@]}"; do
        select_node "$n"
        tail_logs "${2:-40}" "$ES_CONSOLE"
      done
      ;;
    reset)
      cluster_stop
      rm -rf "$CLUSTER_HOME"
      say "elasticsearch-cluster: data deleted ($CLUSTER_HOME)"
      ;;
    *)
      echo "usage: $0 up|stop|kill N|restart|status|env|logs [lines]|reset" >&2
      exit 2
      ;;
  esac
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  cluster_main "$@"
fi
