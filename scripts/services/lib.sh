# shellcheck shell=bash disable=SC2034 # (sourced: the scripts that source it use its variables)
# Shared helpers of scripts/services/*.sh (sourced, never run).
#
# These scripts run real Kafka, Elasticsearch and Redis on a machine without Docker, from Maven
# Central artifacts and Debian packages. Everything they download or write lives outside the clone,
# under $SERVICES_HOME, so a second run on the same machine (a CI rerun, a developer's next day)
# neither downloads nor formats anything again.

set -euo pipefail
umask 022

# Root's home is mode 700, so Elasticsearch's unprivileged user could not reach a tree under
# /root/.cache: as root the default is a world-traversable system cache directory instead.
if [[ -n "${TALENT_SERVICES_HOME:-}" ]]; then
  SERVICES_HOME="$TALENT_SERVICES_HOME"
elif [[ $EUID -eq 0 ]]; then
  SERVICES_HOME=/var/cache/talent-brain/services
else
  SERVICES_HOME="${XDG_CACHE_HOME:-$HOME/.cache}/talent-brain/services"
fi

# Ports: the defaults of config/settings.ts (kafka.brokers, elasticsearch.url, redis.url) and of
# docker-compose.yml. Picked away from the standard 9092/9200 so a system-wide install or another
# project's container on the standard port does not answer for ours.
KAFKA_PORT="${TALENT_SERVICES_KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT="${TALENT_SERVICES_KAFKA_CONTROLLER_PORT:-19093}"
ES_PORT="${TALENT_SERVICES_ES_PORT:-19200}"
ES_TRANSPORT_PORT="${TALENT_SERVICES_ES_TRANSPORT_PORT:-19300}"
REDIS_PORT="${TALENT_SERVICES_REDIS_PORT:-6379}"
SERVICES_HOST=127.0.0.1

# How long `up` waits for a service to answer before it gives up and prints the service's log.
STARTUP_TIMEOUT_S="${TALENT_SERVICES_TIMEOUT:-180}"
STOP_TIMEOUT_S=60

say() { printf '[services] %s\n' "$*" >&2; }

die() {
  printf '[services] ERROR: %s\n' "$*" >&2
  exit 1
}

now_ms() { date +%s%3N; }

elapsed_s() { # start_ms -> seconds with one decimal
  local ms=$(($(now_ms) - $1))
  printf '%d.%d' $((ms / 1000)) $(((ms % 1000) / 100))
}

# Log lines that name a failure, in Kafka's, Elasticsearch's and Redis's formats.
ERROR_LINES='(ERROR|FATAL)\b|^Caused by|^Exception in thread|Could not'

# Prints the last lines of each log file given, headed by its name.
tail_logs() {
  local lines="$1"
  shift
  local file
  for file in "$@"; do
    if [[ -s "$file" ]]; then
      # The cause is often far above the last lines (shutdown logs pile up after a fatal error).
      if grep -qE "$ERROR_LINES" "$file"; then
        printf -- '----- first error lines of %s -----\n' "$file" >&2
        grep -m 12 -E "$ERROR_LINES" "$file" | cut -c1-400 >&2
      fi
      printf -- '----- last %s lines of %s -----\n' "$lines" "$file" >&2
      tail -n "$lines" "$file" >&2
    else
      printf -- '----- %s: empty or missing -----\n' "$file" >&2
    fi
  done
}

# wait_until DESCRIPTION CHECK_FN ALIVE_FN LOG_FILE...
# Polls CHECK_FN until it succeeds. Gives up when ALIVE_FN fails (the process died: no point in
# waiting out the timeout) or after $STARTUP_TIMEOUT_S, printing the service's last log lines.
wait_until() {
  local description="$1" check="$2" alive="$3"
  shift 3
  local start deadline
  start=$(now_ms)
  deadline=$((start + STARTUP_TIMEOUT_S * 1000))
  local dead=0
  until "$check"; do
    # Three misses in a row, not one: a process being exec'd, or a /proc read racing it, can
    # look absent for an instant (seen once on a broker restart that then came up fine).
    if ! "$alive"; then dead=$((dead + 1)); else dead=0; fi
    if ((dead >= 3)); then
      tail_logs 60 "$@"
      die "$description: the process exited before it answered (see the log above)"
    fi
    if (($(now_ms) > deadline)); then
      tail_logs 60 "$@"
      die "$description: no answer after ${STARTUP_TIMEOUT_S}s (TALENT_SERVICES_TIMEOUT raises the limit; log above)"
    fi
    sleep 0.25
  done
  say "$description: ready after $(elapsed_s "$start")s"
}

# pid_alive PIDFILE MARKER: the pid in PIDFILE runs and MARKER is in its command line or its
# environment (so a pid reused by an unrelated process after a reboot or a kill -9 is not taken
# for ours). Each service is started with setsid, so that pid also leads the service's process
# group: its launcher and the JVM(s) it starts.
pid_alive() {
  local pidfile="$1" marker="$2" pid
  [[ -s "$pidfile" ]] || return 1
  pid=$(<"$pidfile")
  [[ "$pid" =~ ^[0-9]+$ && -r "/proc/$pid/cmdline" ]] || return 1
  # grep reads a process substitution, not a pipe: with pipefail, `tr | grep -q` fails when grep
  # stops reading early and tr gets SIGPIPE.
  grep -qF -- "$marker" < <(tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null) && return 0
  grep -qF -- "$marker" < <(tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null)
}

group_alive() { kill -0 -- "-$1" 2>/dev/null; }

# stop_pid PIDFILE MARKER NAME: SIGTERM to the whole process group (a clean shutdown keeps the data
# consistent), SIGKILL after $STOP_TIMEOUT_S.
stop_pid() {
  local pidfile="$1" marker="$2" name="$3" pid start
  if ! pid_alive "$pidfile" "$marker"; then
    rm -f "$pidfile"
    say "$name: not running"
    return 0
  fi
  pid=$(<"$pidfile")
  start=$(now_ms)
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  while group_alive "$pid" || kill -0 "$pid" 2>/dev/null; do
    if (($(now_ms) - start > STOP_TIMEOUT_S * 1000)); then
      say "$name: still running ${STOP_TIMEOUT_S}s after SIGTERM; sending SIGKILL"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
    sleep 0.2
  done
  rm -f "$pidfile"
  say "$name: stopped after $(elapsed_s "$start")s"
}

# with_lock NAME: holds an exclusive lock on $SERVICES_HOME/NAME.lock until the script exits, so
# that two `up`s at once (two terminals, two test files) do not start the same service twice.
with_lock() {
  mkdir -p "$SERVICES_HOME"
  exec 9>"$SERVICES_HOME/$1.lock"
  flock -w "$((STARTUP_TIMEOUT_S + STOP_TIMEOUT_S))" 9 || die "$1: another start or stop still holds $SERVICES_HOME/$1.lock"
}

# port_open PORT: something accepts TCP connections on $SERVICES_HOST:PORT.
port_open() {
  timeout 3 bash -c "exec 3<>/dev/tcp/$SERVICES_HOST/$1" 2>/dev/null
}

# Moves LOG to LOG.1 so that the current log holds the current run only (what `logs` and a failed
# `up` print), while the previous run stays readable.
rotate_log() {
  [[ -f "$1" ]] && mv -f "$1" "$1.1"
  return 0
}

# java_major JAVA_HOME: the feature version of the JDK there (17, 21, 25), or nothing.
java_major() {
  local release="$1/release" version
  [[ -x "$1/bin/java" && -r "$release" ]] || return 1
  version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
  [[ -n "$version" ]] && echo "$version"
}

# find_java MIN_MAJOR: prints a JAVA_HOME of at least MIN_MAJOR: $JAVA_HOME if it qualifies, else the
# default `java` if it does (the JDK the machine is meant to use), else the newest under
# /usr/lib/jvm; fails when none qualifies.
find_java() {
  local min="$1" home major best="" best_major=0
  for home in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v java || echo /nonexistent/bin/java)")")")"; do
    [[ -n "$home" ]] || continue
    major=$(java_major "$home") || continue
    if ((major >= min)); then
      echo "$home"
      return 0
    fi
  done
  for home in /usr/lib/jvm/*; do
    major=$(java_major "$home") || continue
    if ((major >= min && major > best_major)); then
      best="$home"
      best_major=$major
    fi
  done
  [[ -n "$best" ]] && echo "$best"
}

# mvn_quiet ARGS...: Maven in batch mode, quiet, without colour codes; `TALENT_SERVICES_M2_REPO`
# points it at another local repository (used to measure a first download).
mvn_quiet() {
  command -v mvn >/dev/null || die "mvn not found: install Maven (apt-get install -y maven) to fetch service artifacts"
  local repo=()
  [[ -n "${TALENT_SERVICES_M2_REPO:-}" ]] && repo=("-Dmaven.repo.local=$TALENT_SERVICES_M2_REPO")
  # Maven 3.8's console library writes colour resets even in batch mode: strip them.
  mvn -B -q -Dstyle.color=never "${repo[@]}" "$@" 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2
}

# The dependency plugin named in full: Maven 3.8's default binding is too old for copy-dependencies
# of these artifacts.
DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.6.1
