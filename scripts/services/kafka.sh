#!/usr/bin/env bash
# A single-node Kafka (KRaft: one process is broker and controller) on 127.0.0.1, run from the
# broker's Maven Central jars: no Docker, no Kafka tarball.
#
#   kafka.sh up        fetch the jars once, format the storage once, start, wait until it answers
#                      (on a running broker: only the check)
#   kafka.sh stop      clean shutdown (SIGTERM); data kept          (alias: down)
#   kafka.sh restart   stop + up, same data: what a test that restarts the broker mid-stream calls
#   kafka.sh status    exit 0 when the broker answers
#   kafka.sh env       export TALENT_KAFKA_BROKERS=…
#   kafka.sh logs      tail of the broker log
#   kafka.sh reset     stop and delete the data (topics, offsets); the next up formats afresh
#
# Data persists across stop/up/restart in $SERVICES_HOME/kafka/<version>/data.
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Kafka 4.x answers kafkajs 2.2.4 (produce, idempotent producer, consumer groups, offsets, admin):
# test/integration/services-smoke.test.ts proves it on every CI run.
KAFKA_VERSION="${TALENT_KAFKA_VERSION:-4.4.0}"
# The broker's pom brings slf4j-api 1.7 and log4j-core but no binding between them; this one
# matches the log4j-core version that kafka_2.13:4.4.0 depends on.
KAFKA_LOG4J_VERSION="${TALENT_KAFKA_LOG4J_VERSION:-2.25.5}"
KAFKA_HEAP="${TALENT_KAFKA_HEAP:-512m}"

KAFKA_HOME="$SERVICES_HOME/kafka/$KAFKA_VERSION"
KAFKA_LIB="$KAFKA_HOME/lib"
KAFKA_DATA="$KAFKA_HOME/data"
KAFKA_LOG="$KAFKA_HOME/logs/server.log"
KAFKA_PID="$KAFKA_HOME/kafka.pid"
KAFKA_CONFIG="$KAFKA_HOME/server.properties"
KAFKA_LOG4J_CONFIG="$KAFKA_HOME/log4j2.properties"
# In the broker's command line, so that pid_alive recognises our process and no other.
KAFKA_MARKER="-Dtalent.service=kafka-$KAFKA_PORT"
KAFKA_BROKERS="$SERVICES_HOST:$KAFKA_PORT"

# The artifacts fetched, written into the lib's completion marker: a cache fetched before an
# artifact joined the list (kafka-tools did) is fetched again instead of silently lacking it.
KAFKA_ARTIFACTS="kafka_2.13 kafka-tools log4j-slf4j-impl:$KAFKA_LOG4J_VERSION"

kafka_fetch() {
  [[ "$(cat "$KAFKA_LIB/.complete" 2>/dev/null)" == "$KAFKA_ARTIFACTS" ]] && return 0
  local build="$KAFKA_HOME/build" start
  start=$(now_ms)
  say "kafka: fetching kafka_2.13:$KAFKA_VERSION and its runtime jars from Maven Central"
  mkdir -p "$build"
  cat >"$build/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.talent-brain.services</groupId>
  <artifactId>kafka-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka_2.13</artifactId>
      <version>$KAFKA_VERSION</version>
    </dependency>
    <dependency>
      <!-- The command-line tools (console producer/consumer): tests feed raw topics as a producer that is not ours would. -->
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka-tools</artifactId>
      <version>$KAFKA_VERSION</version>
    </dependency>
    <dependency>
      <groupId>org.apache.logging.log4j</groupId>
      <artifactId>log4j-slf4j-impl</artifactId>
      <version>$KAFKA_LOG4J_VERSION</version>
    </dependency>
  </dependencies>
</project>
EOF
  rm -rf "$KAFKA_LIB.tmp"
  mvn_quiet -f "$build/pom.xml" "$DEPENDENCY_PLUGIN:copy-dependencies" \
    -DincludeScope=runtime -DoutputDirectory="$KAFKA_LIB.tmp" ||
    die "kafka: Maven could not fetch kafka_2.13:$KAFKA_VERSION (output above)"
  # A running broker keeps its jars open, so replacing the folder under it is safe; it uses the new
  # jars from its next start.
  rm -rf "$KAFKA_LIB"
  mv "$KAFKA_LIB.tmp" "$KAFKA_LIB"
  printf '%s' "$KAFKA_ARTIFACTS" >"$KAFKA_LIB/.complete"
  say "kafka: $(find "$KAFKA_LIB" -name '*.jar' | wc -l) jars in $KAFKA_LIB after $(elapsed_s "$start")s"
}

kafka_write_config() {
  mkdir -p "$KAFKA_DATA" "$(dirname "$KAFKA_LOG")"
  # Replication factors of 1: there is one broker. No initial rebalance delay: a test's consumer
  # group starts at once instead of after 3 s.
  cat >"$KAFKA_CONFIG" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$SERVICES_HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$SERVICES_HOST:$KAFKA_PORT,CONTROLLER://$SERVICES_HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$SERVICES_HOST:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KAFKA_DATA
num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
  kafka_write_log4j "$KAFKA_LOG4J_CONFIG"
}

# kafka_write_log4j FILE: the broker's logging (console, INFO; state changes at WARN). Also the
# cluster mode's (kafka-cluster.sh).
kafka_write_log4j() {
  cat >"$1" <<'EOF'
status = warn
appender.stdout.type = Console
appender.stdout.name = STDOUT
appender.stdout.layout.type = PatternLayout
appender.stdout.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = info
rootLogger.appenderRef.stdout.ref = STDOUT
logger.state.name = state.change.logger
logger.state.level = warn
EOF
}

kafka_java() {
  local home
  home=$(find_java 17) || die "kafka: no JDK 17 or newer found (JAVA_HOME, PATH, /usr/lib/jvm)"
  echo "$home/bin/java"
}

# Formats the storage directory once: the cluster id lives in data/meta.properties from then on.
kafka_format() {
  [[ -f "$KAFKA_DATA/meta.properties" ]] && return 0
  local java cluster_id
  java=$(kafka_java)
  cluster_id=$("$java" -cp "$KAFKA_LIB/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)
  [[ -n "$cluster_id" ]] || die "kafka: StorageTool random-uuid printed nothing"
  "$java" -cp "$KAFKA_LIB/*" -Dlog4j2.configurationFile="$KAFKA_LOG4J_CONFIG" kafka.tools.StorageTool \
    format -t "$cluster_id" -c "$KAFKA_CONFIG" --ignore-formatted >"$KAFKA_HOME/logs/format.log" 2>&1 ||
    {
      tail_logs 30 "$KAFKA_HOME/logs/format.log"
      die "kafka: formatting $KAFKA_DATA failed"
    }
  say "kafka: formatted $KAFKA_DATA (cluster id $cluster_id)"
}

# A raw ApiVersions v0 request (API key 18) over bash's /dev/tcp: the broker answers with our
# correlation id and error code 0 once its client listener serves requests. No client library
# needed, so the check works before `npm ci`.
kafka_answers() {
  # shellcheck disable=SC2016 # expanded by the inner bash, from its arguments
  timeout 5 bash -c '
    exec 3<>"/dev/tcp/$0/$1" || exit 1
    printf "\x00\x00\x00\x0c\x00\x12\x00\x00\x54\x42\x00\x01\x00\x02tb" >&3
    reply=$(head -c 10 <&3 | od -An -tx1 | tr -d " \n")
    [[ ${reply:8:8} == 54420001 && ${reply:16:4} == 0000 ]]
  ' "$SERVICES_HOST" "$KAFKA_PORT" 2>/dev/null
}

kafka_running() { pid_alive "$KAFKA_PID" "$KAFKA_MARKER"; }

# Ready: answers ApiVersions and has logged that startup finished, which in KRaft comes after the
# broker is unfenced (before that, CreateTopics fails).
kafka_ready() {
  kafka_answers && grep -q 'Kafka Server started' "$KAFKA_LOG" 2>/dev/null
}

kafka_up() {
  if kafka_running; then
    wait_until "kafka ($KAFKA_BROKERS, pid $(<"$KAFKA_PID"))" kafka_answers kafka_running "$KAFKA_LOG"
    return 0
  fi
  if port_open "$KAFKA_PORT"; then
    kafka_answers || die "kafka: port $KAFKA_PORT is taken by something that is not a Kafka broker (ss -ltnp 'sport = :$KAFKA_PORT')"
    say "kafka: a broker not started by this script answers on $KAFKA_BROKERS; using it"
    return 0
  fi
  kafka_fetch
  kafka_write_config
  kafka_format
  local java
  java=$(kafka_java)
  rotate_log "$KAFKA_LOG"
  # setsid + nohup + every standard stream redirected: the broker outlives the shell (or test)
  # that started it, and a caller waiting for our stdout to close is not held open by it. 9>&-:
  # the broker must not inherit (and so keep holding) the lock of with_lock.
  setsid nohup "$java" "-Xms$KAFKA_HEAP" "-Xmx$KAFKA_HEAP" -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError \
    -Djava.awt.headless=true "$KAFKA_MARKER" -Dlog4j2.configurationFile="$KAFKA_LOG4J_CONFIG" \
    -cp "$KAFKA_LIB/*" kafka.Kafka "$KAFKA_CONFIG" </dev/null >"$KAFKA_LOG" 2>&1 9>&- &
  echo $! >"$KAFKA_PID"
  say "kafka: started $KAFKA_VERSION (pid $(<"$KAFKA_PID")), log $KAFKA_LOG"
  wait_until "kafka ($KAFKA_BROKERS)" kafka_ready kafka_running "$KAFKA_LOG"
}

kafka_stop() { stop_pid "$KAFKA_PID" "$KAFKA_MARKER" kafka; }

kafka_status() {
  if kafka_answers; then
    if kafka_running; then
      echo "kafka: up on $KAFKA_BROKERS (Kafka $KAFKA_VERSION, pid $(<"$KAFKA_PID"))"
    else
      echo "kafka: up on $KAFKA_BROKERS (not started by this script)"
    fi
    return 0
  fi
  echo "kafka: down ($KAFKA_BROKERS does not answer)"
  return 1
}

kafka_main() {
  case "${1:-}" in
    up | start | stop | down | restart | reset) with_lock kafka ;;
  esac
  case "${1:-}" in
    up | start) kafka_up ;;
    stop | down) kafka_stop ;;
    restart)
      kafka_stop
      kafka_up
      ;;
    status) kafka_status ;;
    env) echo "export TALENT_KAFKA_BROKERS=$KAFKA_BROKERS" ;;
    logs) tail_logs "${2:-80}" "$KAFKA_LOG" ;;
    reset)
      kafka_stop
      rm -rf "$KAFKA_DATA"
      say "kafka: data deleted ($KAFKA_DATA)"
      ;;
    *)
      echo "usage: $0 up|stop|restart|status|env|logs [lines]|reset" >&2
      exit 2
      ;;
  esac
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  kafka_main "$@"
fi
