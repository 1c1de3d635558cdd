#!/usr/bin/env bash
# Three Kafka brokers in KRaft on 127.0.0.1, each process broker and controller ("combined" mode),
# run from the same cached Maven Central jars as the single-node kafka.sh: what the disruptive tests
# kill brokers of. Replication factor 3 and min.insync.replicas=2 by default, so a write acked by
# the cluster survives losing any one broker, and the cluster keeps taking writes with one down.
#
#   kafka-cluster.sh up          fetch once (the single-node cache), format once, start every node
#                                that is not running, wait until all answer (idempotent)
#   kafka-cluster.sh stop        clean shutdown of every node; data kept          (alias: down)
#   kafka-cluster.sh kill N      SIGKILL node N (1-3): no flush, no controlled shutdown
#   kafka-cluster.sh restart     stop + up, same data
#   kafka-cluster.sh status      one line per node; exit 1 unless all three answer
#   kafka-cluster.sh env         export TALENT_KAFKA_BROKERS=<the three brokers>
#   kafka-cluster.sh pid N       the pid leading node N's process group (tests)
#   kafka-cluster.sh logs        tail of each node's log
#   kafka-cluster.sh reset       stop and delete every node's data
#
# Combined mode, not separate controllers: three JVMs instead of six on a 2-core machine. The
# quorum is the three nodes, so killing one node also kills one of three controller voters; the
# other two keep a majority (and elect a new active controller when it was the one killed).
#
# Ports (TALENT_SERVICES_KAFKA_CLUSTER_PORT, default 29092): clients on 29092-29094, controllers on
# 29192-29194, away from the single-node mode's 19092/19093 so both run at once.
# shellcheck source=kafka.sh
source "$(dirname "${BASH_SOURCE[0]}")/kafka.sh"

CLUSTER_NODES=(1 2 3)
CLUSTER_BASE_PORT="${TALENT_SERVICES_KAFKA_CLUSTER_PORT:-29092}"
CLUSTER_HEAP="${TALENT_KAFKA_CLUSTER_HEAP:-384m}"
CLUSTER_HOME="$SERVICES_HOME/kafka-cluster/$KAFKA_VERSION"
KAFKA_LOG4J_CONFIG="$CLUSTER_HOME/log4j2.properties"

node_port() { echo $((CLUSTER_BASE_PORT + $1 - 1)); }
node_controller_port() { echo $((CLUSTER_BASE_PORT + 100 + $1 - 1)); }
node_dir() { echo "$CLUSTER_HOME/node-$1"; }
node_log() { echo "$(node_dir "$1")/logs/server.log"; }
node_pidfile() { echo "$(node_dir "$1")/kafka.pid"; }
node_marker() { echo "-Dtalent.service=kafka-cluster-$(node_port "$1")"; }

cluster_brokers() {
  local n list=()
  for n in "${CLUSTER_NODES[@]}"; do list+=("$SERVICES_HOST:$(node_port "$n")"); done
  (
    IFS=,
    echo "${list[*]}"
  )
}

cluster_voters() {
  local n list=()
  for n in "${CLUSTER_NODES[@]}"; do list+=("$n@$SERVICES_HOST:$(node_controller_port "$n")"); done
  (
    IFS=,
    echo "${list[*]}"
  )
}

node_write_config() {
  local n="$1" dir
  dir=$(node_dir "$n")
  mkdir -p "$dir/data" "$dir/logs"
  # Internal topics replicated like the data; no initial rebalance delay (a test's group starts at
  # once). Unclean leader election stays off (the default): a replica that missed writes never
  # becomes leader, which is what makes "0 records lost" hold when the leader is killed.
  cat >"$dir/server.properties" <<EOF
process.roles=broker,controller
node.id=$n
controller.quorum.voters=$(cluster_voters)
listeners=PLAINTEXT://$SERVICES_HOST:$(node_port "$n"),CONTROLLER://$SERVICES_HOST:$(node_controller_port "$n")
advertised.listeners=PLAINTEXT://$SERVICES_HOST:$(node_port "$n")
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$dir/data
num.partitions=3
default.replication.factor=3
min.insync.replicas=2
unclean.leader.election.enable=false
offsets.topic.replication.factor=3
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
share.coordinator.state.topic.replication.factor=3
share.coordinator.state.topic.min.isr=2
group.initial.rebalance.delay.ms=0
EOF
}

# All nodes are formatted with one cluster id, kept in the cluster's home: a node whose data was
# deleted alone rejoins the same cluster.
cluster_format() {
  local n dir java cluster_id_file="$CLUSTER_HOME/cluster.id" cluster_id
  java=$(kafka_java)
  if [[ ! -s "$cluster_id_file" ]]; then
    cluster_id=$("$java" -cp "$KAFKA_LIB/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)
    [[ -n "$cluster_id" ]] || die "kafka-cluster: StorageTool random-uuid printed nothing"
    echo "$cluster_id" >"$cluster_id_file"
  fi
  cluster_id=$(<"$cluster_id_file")
  for n in "${CLUSTER_NODES[@]}"; do
    dir=$(node_dir "$n")
    [[ -f "$dir/data/meta.properties" ]] && continue
    "$java" -cp "$KAFKA_LIB/*" -Dlog4j2.configurationFile="$KAFKA_LOG4J_CONFIG" kafka.tools.StorageTool \
      format -t "$cluster_id" -c "$dir/server.properties" --ignore-formatted >"$dir/logs/format.log" 2>&1 ||
      {
        tail_logs 30 "$dir/logs/format.log"
        die "kafka-cluster: formatting node $n failed"
      }
  done
}

# kafka.sh's checks read these globals: point them at node N.
select_node() {
  KAFKA_PORT=$(node_port "$1")
  KAFKA_LOG=$(node_log "$1")
  KAFKA_PID=$(node_pidfile "$1")
  KAFKA_MARKER=$(node_marker "$1")
  KAFKA_BROKERS="$SERVICES_HOST:$KAFKA_PORT"
}

node_start() {
  local n="$1" java dir
  select_node "$n"
  kafka_running && return 0
  port_open "$KAFKA_PORT" && die "kafka-cluster: port $KAFKA_PORT (node $n) is taken by another process (ss -ltnp 'sport = :$KAFKA_PORT')"
  java=$(kafka_java)
  dir=$(node_dir "$n")
  rotate_log "$KAFKA_LOG"
  setsid nohup "$java" "-Xms$CLUSTER_HEAP" "-Xmx$CLUSTER_HEAP" -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError \
    -XX:ActiveProcessorCount=1 -Djava.awt.headless=true "$KAFKA_MARKER" \
    -Dlog4j2.configurationFile="$KAFKA_LOG4J_CONFIG" -cp "$KAFKA_LIB/*" kafka.Kafka "$dir/server.properties" \
    </dev/null >"$KAFKA_LOG" 2>&1 9>&- &
  echo $! >"$KAFKA_PID"
  say "kafka-cluster: node $n started (pid $(<"$KAFKA_PID")), log $KAFKA_LOG"
}

cluster_up() {
  local n start
  start=$(now_ms)
  # The jars are the single-node mode's: fetched under its lock when missing.
  if [[ "$(cat "$KAFKA_LIB/.complete" 2>/dev/null)" != "$KAFKA_ARTIFACTS" ]]; then
    (
      flock -w "$((STARTUP_TIMEOUT_S + STOP_TIMEOUT_S))" 8 || die "kafka-cluster: the single-node lock is held"
      kafka_fetch
    ) 8>"$SERVICES_HOME/kafka.lock"
  fi
  mkdir -p "$CLUSTER_HOME"
  kafka_write_log4j "$KAFKA_LOG4J_CONFIG"
  for n in "${CLUSTER_NODES[@]}"; do node_write_config "$n"; done
  cluster_format
  # All nodes started before any is waited for: a broker is ready only once a controller quorum
  # (two of the three) has formed.
  for n in "${CLUSTER_NODES[@]}"; do node_start "$n"; done
  for n in "${CLUSTER_NODES[@]}"; do
    select_node "$n"
    wait_until "kafka-cluster node $n ($KAFKA_BROKERS)" kafka_ready kafka_running "$KAFKA_LOG"
  done
  say "kafka-cluster: $(cluster_brokers) up after $(elapsed_s "$start")s"
}

# All nodes at once: a broker's clean shutdown needs an active controller, so the last of three
# stopped one by one would wait out the timeout alone, without a quorum (seen: 60 s, then SIGKILL).
cluster_stop() {
  local n pids=()
  for n in "${CLUSTER_NODES[@]}"; do
    (
      select_node "$n"
      stop_pid "$KAFKA_PID" "$KAFKA_MARKER" "kafka-cluster node $n"
    ) &
    pids+=($!)
  done
  for n in "${pids[@]}"; do wait "$n"; done
}

node_kill() {
  local n="$1" pid
  [[ " ${CLUSTER_NODES[*]} " == *" $n "* ]] || die "kafka-cluster: no node '$n' (1-3)"
  select_node "$n"
  kafka_running || die "kafka-cluster: node $n is not running"
  pid=$(<"$KAFKA_PID")
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid"
  while group_alive "$pid" || kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
  rm -f "$KAFKA_PID"
  say "kafka-cluster: node $n killed (SIGKILL, pid $pid)"
}

cluster_status() {
  local n failed=0
  for n in "${CLUSTER_NODES[@]}"; do
    select_node "$n"
    if kafka_answers; then
      echo "kafka-cluster: node $n up on $KAFKA_BROKERS (Kafka $KAFKA_VERSION$(kafka_running && echo ", pid $(<"$KAFKA_PID")"))"
    else
      echo "kafka-cluster: node $n down ($KAFKA_BROKERS does not answer)"
      failed=1
    fi
  done
  return "$failed"
}

cluster_main() {
  case "${1:-}" in
    up | start | stop | down | restart | reset | kill) with_lock kafka-cluster ;;
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
    env) echo "export TALENT_KAFKA_BROKERS=$(cluster_brokers)" ;;
    pid)
      select_node "${2:-}"
      kafka_running && cat "$KAFKA_PID"
      ;;
    logs)
      local n
      for n in "${CLUSTER_NODES[@]}"; do tail_logs "${2:-40}" "$(node_log "$n")"; done
      ;;
    reset)
      cluster_stop
      rm -rf "$CLUSTER_HOME"
      say "kafka-cluster: data deleted ($CLUSTER_HOME)"
      ;;
    *)
      echo "usage: $0 up|stop|kill N|restart|status|env|pid N|logs [lines]|reset" >&2
      exit 2
      ;;
  esac
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  cluster_main "$@"
fi
