#!/usr/bin/env bash
# A single-node Elasticsearch on 127.0.0.1 from the integ-test-zip that Elastic publishes on Maven
# Central (no Docker, no download site). Security off: local tests only.
#
#   elasticsearch.sh up        fetch + unpack once, start, wait for yellow (on a running node: only
#                              the check)                                      (alias: start)
#   elasticsearch.sh stop      clean shutdown (SIGTERM); data kept             (alias: down)
#   elasticsearch.sh restart   stop + up, same data
#   elasticsearch.sh status    exit 0 when the cluster answers yellow or green
#   elasticsearch.sh env       export TALENT_ELASTICSEARCH_URL=…
#   elasticsearch.sh logs      tail of the node's log
#   elasticsearch.sh reset     stop and delete the data; the next up starts an empty cluster
#
# The integ-test-zip is a minimal distribution: transport + x-pack core/security only. It has no
# analysis-common (no cjk/icu/smartcn analyzers, no ngram/asciifolding filters), no painless, no
# _reindex/_update_by_query/_delete_by_query, no ingest processors, and no `GET /` (client.info()
# answers 405). Data persists across stop/up/restart in $SERVICES_HOME/elasticsearch/<version>/data.
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ES_HEAP="${TALENT_ES_HEAP:-512m}"
# Elasticsearch refuses to run as root: as root it runs as this system user (created on first up).
ES_SYSTEM_USER="${TALENT_ES_USER:-talent-es}"

# 9.x needs Java 21 or newer (Temurin 25 under /usr/lib/jvm here); without one, the last 8.x
# line runs on Java 17. Both answer the @elastic/elasticsearch 8 client.
ES_VERSION_9=9.5.0
ES_VERSION_8=8.19.21
if [[ -n "${TALENT_ES_VERSION:-}" ]]; then
  ES_VERSION="$TALENT_ES_VERSION"
elif find_java 21 >/dev/null; then
  ES_VERSION=$ES_VERSION_9
else
  ES_VERSION=$ES_VERSION_8
fi

ES_BASE="$SERVICES_HOME/elasticsearch/$ES_VERSION"
ES_DIST="$ES_BASE/dist/elasticsearch-$ES_VERSION"
ES_CONF="$ES_BASE/config"
ES_DATA="$ES_BASE/data"
ES_LOGS="$ES_BASE/logs"
ES_TMP="$ES_BASE/tmp"
ES_RUN="$ES_BASE/run"
# The launcher's pid (runuser as root), which leads the process group of the launcher and the node.
ES_PID="$ES_RUN/elasticsearch.pid"
# The launcher's console: all of the node's log lines and the launcher's own errors (a JVM that
# cannot start writes nothing else).
ES_CONSOLE="$ES_LOGS/console.log"
ES_MARKER="-Dtalent.service=elasticsearch-$ES_PORT"
ES_URL="http://$SERVICES_HOST:$ES_PORT"

es_java_home() {
  local major=17
  [[ "$ES_VERSION" == 8.* ]] || major=21
  find_java "$major" || die "elasticsearch $ES_VERSION: no JDK $major or newer found (JAVA_HOME, PATH, /usr/lib/jvm)"
}

es_fetch() {
  [[ -f "$ES_DIST/.complete" ]] && return 0
  local zip_dir="$ES_BASE/download" start
  start=$(now_ms)
  say "elasticsearch: fetching integ-test-zip $ES_VERSION from Maven Central"
  mvn_quiet "$DEPENDENCY_PLUGIN:copy" \
    -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip" \
    -DoutputDirectory="$zip_dir" ||
    die "elasticsearch: Maven could not fetch integ-test-zip $ES_VERSION (output above; TALENT_ES_VERSION picks another)"
  if ! command -v unzip >/dev/null; then
    [[ $EUID -eq 0 ]] || die "elasticsearch: unzip not found (apt-get install -y unzip)"
    apt-get install -y -q unzip >&2 || die "elasticsearch: apt-get install unzip failed"
  fi
  rm -rf "$ES_BASE/dist.tmp"
  mkdir -p "$ES_BASE/dist.tmp"
  unzip -q "$zip_dir/elasticsearch-$ES_VERSION.zip" -d "$ES_BASE/dist.tmp"
  rm -rf "$ES_BASE/dist"
  mv "$ES_BASE/dist.tmp" "$ES_BASE/dist"
  # The unpacked zip is not needed again; Maven's local repository keeps a copy.
  rm -rf "$zip_dir"
  touch "$ES_DIST/.complete"
  say "elasticsearch: unpacked to $ES_DIST after $(elapsed_s "$start")s"
}

es_user() {
  if [[ $EUID -eq 0 ]]; then echo "$ES_SYSTEM_USER"; else id -un; fi
}

es_ensure_user() {
  [[ $EUID -eq 0 ]] || return 0
  id -u "$ES_SYSTEM_USER" >/dev/null 2>&1 && return 0
  useradd --system --user-group --no-create-home --home-dir /nonexistent \
    --shell /usr/sbin/nologin "$ES_SYSTEM_USER" ||
    die "elasticsearch: could not create the system user $ES_SYSTEM_USER (it refuses to run as root)"
  say "elasticsearch: created system user $ES_SYSTEM_USER"
}

# The node's own config directory (it writes its keystore there), copied from the distribution
# once, then our settings written over it on every up.
es_write_config() {
  mkdir -p "$ES_DATA" "$ES_LOGS" "$ES_TMP" "$ES_RUN"
  [[ -f "$ES_CONF/jvm.options" ]] || cp -r "$ES_DIST/config" "$ES_CONF"
  mkdir -p "$ES_CONF/jvm.options.d"
  # Disk thresholds off: a nearly full CI disk must not turn indices read-only mid-test.
  cat >"$ES_CONF/elasticsearch.yml" <<EOF
cluster.name: talent-brain
node.name: talent-brain-1
path.data: $ES_DATA
path.logs: $ES_LOGS
discovery.type: single-node
network.host: $SERVICES_HOST
http.port: $ES_PORT
transport.port: $ES_TRANSPORT_PORT
xpack.security.enabled: false
cluster.routing.allocation.disk.threshold_enabled: false
EOF
  printf -- '-Xms%s\n-Xmx%s\n' "$ES_HEAP" "$ES_HEAP" >"$ES_CONF/jvm.options.d/heap.options"
  if [[ $EUID -eq 0 ]]; then
    chown -R "$ES_SYSTEM_USER:" "$ES_CONF" "$ES_DATA" "$ES_LOGS" "$ES_TMP" "$ES_RUN"
  fi
}

es_running() { pid_alive "$ES_PID" "$ES_MARKER"; }

es_answers() {
  curl -sf --max-time 5 "$ES_URL/_cluster/health?wait_for_status=yellow&timeout=2s" 2>/dev/null |
    grep -qE '"status":"(yellow|green)"'
}

es_up() {
  if es_running; then
    wait_until "elasticsearch ($ES_URL, pid $(<"$ES_PID"))" es_answers es_running "$ES_CONSOLE"
    return 0
  fi
  if port_open "$ES_PORT"; then
    es_answers || die "elasticsearch: port $ES_PORT is taken by something that is not a healthy Elasticsearch (ss -ltnp 'sport = :$ES_PORT')"
    say "elasticsearch: a node not started by this script answers on $ES_URL; using it"
    return 0
  fi
  local java_home
  java_home=$(es_java_home)
  es_fetch
  es_ensure_user
  es_write_config
  rotate_log "$ES_CONSOLE"
  local as_user=()
  [[ $EUID -eq 0 ]] && as_user=(runuser -u "$ES_SYSTEM_USER" --)
  # The JVM writes gc.log into its working directory (jvm.options: file=gc.log): the logs folder.
  # setsid: the launcher leads a process group that stop signals as a whole; streams redirected
  # and the lock's fd 9 closed so that neither outlives this script through the node.
  (
    cd "$ES_LOGS" || exit 1
    setsid nohup "${as_user[@]}" env ES_JAVA_HOME="$java_home" ES_PATH_CONF="$ES_CONF" ES_TMPDIR="$ES_TMP" \
      ES_JAVA_OPTS="$ES_MARKER ${TALENT_ES_JAVA_OPTS:-}" \
      "$ES_DIST/bin/elasticsearch" </dev/null >"$ES_CONSOLE" 2>&1 9>&- &
    echo $! >"$ES_PID"
  )
  say "elasticsearch: starting $ES_VERSION as $(es_user) with Java $(java_major "$java_home"), log $ES_CONSOLE"
  wait_until "elasticsearch ($ES_URL)" es_answers es_running "$ES_CONSOLE"
}

es_stop() { stop_pid "$ES_PID" "$ES_MARKER" elasticsearch; }

es_status() {
  if es_answers; then
    if es_running; then
      echo "elasticsearch: up on $ES_URL (Elasticsearch $ES_VERSION, pid $(<"$ES_PID"))"
    else
      echo "elasticsearch: up on $ES_URL (not started by this script)"
    fi
    return 0
  fi
  echo "elasticsearch: down ($ES_URL does not answer yellow or green)"
  return 1
}

es_main() {
  case "${1:-}" in
    up | start | stop | down | restart | reset) with_lock elasticsearch ;;
  esac
  case "${1:-}" in
    up | start) es_up ;;
    stop | down) es_stop ;;
    restart)
      es_stop
      es_up
      ;;
    status) es_status ;;
    env) echo "export TALENT_ELASTICSEARCH_URL=$ES_URL" ;;
    logs) tail_logs "${2:-80}" "$ES_CONSOLE" ;;
    reset)
      es_stop
      rm -rf "$ES_DATA"
      say "elasticsearch: data deleted ($ES_DATA)"
      ;;
    *)
      echo "usage: $0 up|stop|restart|status|env|logs [lines]|reset" >&2
      exit 2
      ;;
  esac
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  es_main "$@"
fi
