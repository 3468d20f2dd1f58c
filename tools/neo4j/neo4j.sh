#!/usr/bin/env bash
# Runs a real Neo4j Community server (embedded in tools/neo4j's Launcher, Bolt only)
# for tests and CI. No Docker, no downloads except Maven Central (first build only).
#
# Usage: tools/neo4j/neo4j.sh start|stop|clean|status|env|build
#   start   build the launcher if needed, start the server in the background unless
#           it already runs, wait for Bolt; prints ONLY `export NEO4J_...` lines on
#           stdout (everything else goes to stderr), so `eval "$(... start)"` works.
#   stop    SIGTERM, wait up to NEO4J_STOP_TIMEOUT s, then SIGKILL. OK if not running.
#   clean   stop, then delete the data folder.
#   status  exit 0 if running.
#   env     print the export lines.
#   build   (re)build the launcher and copy the Neo4j jars into $NEO4J_DIR/lib.
#
# Environment: NEO4J_PORT (7687), NEO4J_PASSWORD (tipgraph-test), NEO4J_HOST
# (127.0.0.1), NEO4J_DIR (<repo>/.neo4j), NEO4J_HEAP (3g), NEO4J_PAGECACHE_MB (512),
# NEO4J_TX_MEMORY_MB (all transactions together, db.memory.transaction.total.max; default
# half the heap), NEO4J_TX_MAX_MB (one transaction, db.memory.transaction.max; default a
# quarter of the heap), NEO4J_START_TIMEOUT (120), NEO4J_STOP_TIMEOUT (30),
# NEO4J_JAVA_OPTS (extra JVM flags), JAVA_HOME / NEO4J_JAVA, NEO4J_MVN (mvn).
#
# Layout of $NEO4J_DIR: build/ (launcher classes), lib/ (Neo4j jars, ~125 MB),
# data/ (the store, Neo4j's own logs in data/logs), neo4j.pid, neo4j.log (launcher
# stdout/stderr + Neo4j user log; the previous run's is kept as neo4j.log.1).
set -euo pipefail

TOOL_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$TOOL_DIR/../.." && pwd)

NEO4J_DIR=${NEO4J_DIR:-$ROOT/.neo4j}
NEO4J_HOST=${NEO4J_HOST:-127.0.0.1}
NEO4J_PORT=${NEO4J_PORT:-7687}
NEO4J_PASSWORD=${NEO4J_PASSWORD:-tipgraph-test}
NEO4J_HEAP=${NEO4J_HEAP:-3g}
NEO4J_PAGECACHE_MB=${NEO4J_PAGECACHE_MB:-512}
NEO4J_START_TIMEOUT=${NEO4J_START_TIMEOUT:-120}
NEO4J_STOP_TIMEOUT=${NEO4J_STOP_TIMEOUT:-30}
NEO4J_MVN=${NEO4J_MVN:-mvn}
if [[ -z ${NEO4J_JAVA:-} ]]; then
  if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
    NEO4J_JAVA=$JAVA_HOME/bin/java
  else
    NEO4J_JAVA=java
  fi
fi

PID_FILE=$NEO4J_DIR/neo4j.pid
LOG=$NEO4J_DIR/neo4j.log
STATE=$NEO4J_DIR/neo4j.running
STAMP=$NEO4J_DIR/build/.launcher-built
LAUNCHER_JAR=$NEO4J_DIR/build/tipgraph-neo4j-launcher.jar
MAIN=dev.tipgraph.neo4j.Launcher

# heap_mb: NEO4J_HEAP (512m, 1g, 1536m, 2G) in MiB.
heap_mb() {
  local h=${NEO4J_HEAP,,}
  case $h in
    *g) echo $((${h%g} * 1024)) ;;
    *m) echo "${h%m}" ;;
    *k) echo $((${h%k} / 1024)) ;;
    *) echo $((h / 1048576)) ;;
  esac
}

msg() { echo "neo4j: $*" >&2; }
die() {
  msg "$*"
  exit 1
}

# ensure_tools installs Java 17 and Maven from Debian's packages when they are
# missing and we may (root with apt-get), so that `make test` works on a bare
# machine; otherwise it leaves the error to the callers' checks.
ensure_tools() {
  local need=()
  command -v "$NEO4J_JAVA" >/dev/null || need+=(openjdk-17-jdk-headless)
  command -v "$NEO4J_MVN" >/dev/null || need+=(maven)
  [[ ${#need[@]} -eq 0 ]] && return 0
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    msg "installing ${need[*]} from Debian's packages ..."
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"; } >&2 ||
      die "could not install ${need[*]}"
  fi
}

# alive PID: the process exists and is not a zombie.
alive() {
  local s
  s=$(ps -p "$1" -o stat= 2>/dev/null) || return 1
  [[ -n $s && $s != Z* ]]
}

# running_pid: prints the pid of our launcher if it runs (guards against pid reuse).
running_pid() {
  [[ -f $PID_FILE ]] || return 1
  local pid
  pid=$(tr -dc 0-9 <"$PID_FILE")
  [[ -n $pid ]] && alive "$pid" || return 1
  ps -p "$pid" -o args= 2>/dev/null | grep -q "$MAIN" || return 1
  echo "$pid"
}

# port_open: something accepts TCP connections on NEO4J_HOST:NEO4J_PORT (bash /dev/tcp).
port_open() {
  if command -v timeout >/dev/null; then
    timeout 2 bash -c "exec 3<>/dev/tcp/$NEO4J_HOST/$NEO4J_PORT" 2>/dev/null
  else
    bash -c "exec 3<>/dev/tcp/$NEO4J_HOST/$NEO4J_PORT" 2>/dev/null
  fi
}

state_line() {
  printf 'port=%s password-cksum=%s\n' "$NEO4J_PORT" "$(printf %s "$NEO4J_PASSWORD" | cksum | cut -d' ' -f1)"
}

print_env() {
  printf 'export NEO4J_URI=bolt://%s:%s\n' "$NEO4J_HOST" "$NEO4J_PORT"
  printf 'export NEO4J_USER=neo4j\n'
  printf 'export NEO4J_PASSWORD=%q\n' "$NEO4J_PASSWORD"
}

needs_build() {
  [[ -f $STAMP && -d $NEO4J_DIR/lib && -f $LAUNCHER_JAR ]] || return 0
  [[ -n $(find "$TOOL_DIR/pom.xml" "$TOOL_DIR/src" -newer "$STAMP" -print -quit) ]]
}

build() {
  ensure_tools
  command -v "$NEO4J_MVN" >/dev/null || die "Maven ($NEO4J_MVN) not found"
  msg "building the launcher; Maven fetches Neo4j's jars (~125 MB) on a cold ~/.m2 ..."
  rm -rf "$NEO4J_DIR/lib" "$NEO4J_DIR/build"
  mkdir -p "$NEO4J_DIR"
  # -B -q: batch mode, quiet. Maven's stray output goes to stderr too.
  # Maven 3.8 with -q still writes a few ANSI reset codes to stdout: strip them.
  local rc=0
  (cd "$TOOL_DIR" && "$NEO4J_MVN" -B -q -Dstyle.color=never -Dmaven.test.skip=true \
    "-Dneo4j.dir=$NEO4J_DIR" package) >"$NEO4J_DIR/maven.log" 2>&1 || rc=$?
  sed $'s/\x1b\\[[0-9;]*m//g' "$NEO4J_DIR/maven.log" | grep -v '^[[:space:]]*$' >&2 || true
  ((rc == 0)) || die "Maven build of tools/neo4j failed (exit $rc)"
  touch "$STAMP"
  msg "launcher built; $(find "$NEO4J_DIR/lib" -name '*.jar' | wc -l | tr -d ' ') jars in $NEO4J_DIR/lib"
}

jvm_flags() {
  # The flags Neo4j 5.26's own neo4j.conf ships in server.jvm.additional, less the
  # profiling-only ones and -XX:+AlwaysPreTouch (it would commit the whole heap up
  # front); plus heap size and fail-fast on OOM.
  local f=(
    "-Xms64m" "-Xmx$NEO4J_HEAP"
    -XX:+UseG1GC
    -XX:-OmitStackTraceInFastThrow
    -XX:+UnlockExperimentalVMOptions
    -XX:+TrustFinalNonStaticFields
    -XX:+DisableExplicitGC
    -XX:+ExitOnOutOfMemoryError
    -Djdk.nio.maxCachedBufferSize=1024
    -Dio.netty.tryReflectionSetAccessible=true
    -Djdk.tls.ephemeralDHKeySize=2048
    -Djdk.tls.rejectClientInitiatedRenegotiation=true
    --add-opens=java.base/java.nio=ALL-UNNAMED
    --add-opens=java.base/java.io=ALL-UNNAMED
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
    -Dlog4j2.disable.jmx=true
    -Dlog4j.layout.jsonTemplate.maxStringLength=32768
    -Dfile.encoding=UTF-8
  )
  if "$NEO4J_JAVA" --enable-native-access=ALL-UNNAMED -version >/dev/null 2>&1; then
    f+=(--enable-native-access=ALL-UNNAMED)
  fi
  printf '%s\n' "${f[@]}"
}

stop() {
  local pid i
  if ! pid=$(running_pid); then
    rm -f "$PID_FILE" "$STATE"
    msg "not running"
    return 0
  fi
  msg "stopping pid $pid (SIGTERM)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < NEO4J_STOP_TIMEOUT * 4; i++)); do
    alive "$pid" || break
    sleep 0.25
  done
  if alive "$pid"; then
    msg "still running after ${NEO4J_STOP_TIMEOUT}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 20; i++)); do
      alive "$pid" || break
      sleep 0.25
    done
  fi
  rm -f "$PID_FILE" "$STATE"
  msg "stopped"
}

start() {
  local pid
  if pid=$(running_pid); then
    if [[ -f $STATE && $(cat "$STATE") != "$(state_line)" ]]; then
      die "already running (pid $pid) with another port or password; run 'make neo4j-stop' first"
    fi
    msg "already running (pid $pid)"
    print_env
    return 0
  fi
  rm -f "$PID_FILE" "$STATE"
  ensure_tools
  if port_open; then
    die "port $NEO4J_HOST:$NEO4J_PORT is already in use by another process; set NEO4J_PORT"
  fi
  command -v "$NEO4J_JAVA" >/dev/null || die "java ($NEO4J_JAVA) not found"
  if needs_build; then build; fi

  local flags
  mapfile -t flags < <(jvm_flags)
  # shellcheck disable=SC2206
  [[ -n ${NEO4J_JAVA_OPTS:-} ]] && flags+=($NEO4J_JAVA_OPTS)
  # Transaction memory limits below the heap, so that an oversized query fails with
  # MemoryPoolOutOfMemoryError instead of exhausting the heap (issue 17).
  local heap
  heap=$(heap_mb)
  local txall=${NEO4J_TX_MEMORY_MB:-$((heap / 2))} txone=${NEO4J_TX_MAX_MB:-$((heap / 4))}
  local cmd=(env "NEO4J_DIR=$NEO4J_DIR" "NEO4J_HOST=$NEO4J_HOST" "NEO4J_PORT=$NEO4J_PORT"
    "NEO4J_PASSWORD=$NEO4J_PASSWORD" "NEO4J_PAGECACHE_MB=$NEO4J_PAGECACHE_MB"
    "NEO4J_TX_MEMORY_MB=$txall" "NEO4J_TX_MAX_MB=$txone"
    "$NEO4J_JAVA" "${flags[@]}" -cp "$LAUNCHER_JAR:$NEO4J_DIR/lib/*" "$MAIN")
  # setsid: own session, so Ctrl-C / hang-ups of the calling terminal do not reach it.
  if command -v setsid >/dev/null; then cmd=(setsid "${cmd[@]}"); fi

  [[ -f $LOG ]] && mv -f "$LOG" "$LOG.1"
  msg "starting on $NEO4J_HOST:$NEO4J_PORT (log: $LOG)"
  local t0=$SECONDS
  (cd "$NEO4J_DIR" && exec nohup "${cmd[@]}" </dev/null >"$LOG" 2>&1) &
  pid=$!
  echo "$pid" >"$PID_FILE" # the launcher rewrites it with its own (same) pid

  while :; do
    if grep -q '\[launcher\] Started' "$LOG" 2>/dev/null && port_open; then
      break
    fi
    if ! alive "$pid"; then
      rm -f "$PID_FILE"
      msg "exited during startup; last 40 lines of $LOG:"
      tail -n 40 "$LOG" >&2
      exit 1
    fi
    if ((SECONDS - t0 >= NEO4J_START_TIMEOUT)); then
      msg "not up after ${NEO4J_START_TIMEOUT}s; last 40 lines of $LOG:"
      tail -n 40 "$LOG" >&2
      stop
      exit 1
    fi
    sleep 0.5
  done
  state_line >"$STATE"
  msg "up after $((SECONDS - t0))s (pid $(cat "$PID_FILE"))"
  print_env
}

clean() {
  stop
  rm -rf "$NEO4J_DIR/data"
  msg "deleted $NEO4J_DIR/data"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  clean) clean ;;
  status)
    if pid=$(running_pid); then
      msg "running (pid $pid)"
    else
      msg "not running"
      exit 1
    fi
    ;;
  env) print_env ;;
  build)
    if pid=$(running_pid); then die "running (pid $pid); stop it before rebuilding"; fi
    build
    ;;
  *)
    echo "usage: $0 start|stop|clean|status|env|build" >&2
    exit 2
    ;;
esac
