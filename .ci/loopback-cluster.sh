#!/usr/bin/env bash
# A real Spark standalone cluster on 127.0.0.1 (1 Master + 2 Workers, 1 core / 2g each), built from
# the project's Maven jars: no Spark distribution needed.
#   .ci/loopback-cluster.sh start DIR          prints the master URL (also in DIR/master-url)
#   .ci/loopback-cluster.sh stop DIR           stops daemons and their executors (PIDs in DIR/pids)
#   .ci/loopback-cluster.sh executor-pids DIR  PIDs of running executor JVMs (to kill one mid-job)
# Logs: DIR/master.log, DIR/worker-N.log; executor stdout/stderr: DIR/work-N/<app-id>/<exec-id>/.
set -euo pipefail

proj="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
usage() { echo "usage: $(basename "$0") {start|stop|executor-pids} DIR" >&2; exit 2; }
[[ $# -eq 2 ]] || usage
cmd=$1 dir=$2

# Tries the preferred port, else lets the kernel pick one. Racy, so the real master URL is read
# back from the master's log rather than assumed.
free_port() {
  python3 - "$1" <<'EOF'
import socket, sys
for p in (int(sys.argv[1]), 0):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the JVM does: TIME_WAIT is no conflict
    try:
        s.bind(("127.0.0.1", p)); print(s.getsockname()[1]); break
    except OSError:
        pass
    finally:
        s.close()
EOF
}

# wait_for LOG PATTERN PID: up to 60 s, failing early if the daemon died.
wait_for() {
  local i
  for ((i = 0; i < 120; i++)); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    kill -0 "$3" 2>/dev/null || { echo "daemon $3 died; see $1" >&2; tail -20 "$1" >&2; return 1; }
    sleep 0.5
  done
  echo "timeout waiting for '$2' in $1" >&2; return 1
}

# Executors are children of the Workers (the Worker forks them with ProcessBuilder).
executor_pids() {
  local p
  [[ -f $dir/pids ]] || return 0
  while read -r p; do pgrep -P "$p" -f CoarseGrainedExecutorBackend || true; done <"$dir/pids"
  # executors of a worker that died are re-parented to init: find them by this cluster's class path
  pgrep -f "$dir/spark-home/.*CoarseGrainedExecutorBackend" || true
}

stop() {
  [[ -f $dir/pids ]] || return 0
  local pids p i
  pids="$(executor_pids | sort -u) $(cat "$dir/pids")"
  for p in $pids; do kill -TERM "$p" 2>/dev/null || true; done
  for ((i = 0; i < 20; i++)); do
    local alive=0
    for p in $pids; do kill -0 "$p" 2>/dev/null && alive=1; done
    ((alive)) || break
    sleep 0.5
  done
  for p in $pids; do kill -KILL "$p" 2>/dev/null || true; done
  rm -f "$dir/pids" "$dir/master-url"
}

start() {
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  [[ ! -s $dir/pids ]] || { echo "$dir/pids exists: cluster already running? stop it first" >&2; exit 1; }
  if [[ ! -d $proj/target/lib ]]; then (cd "$proj" && mvn -B -q package -DskipTests) >&2; fi

  # Spark's "distribution" is just SPARK_HOME/jars: the Worker builds executor class paths from it
  # (as a jars/* wildcard, which the JVM expands through symlinks). No conf/ dir: the daemons then
  # log INFO (log4j2-defaults), which is what we wait on.
  local home=$dir/spark-home
  rm -rf "$home"; mkdir -p "$home/jars"
  # Spark, Hadoop, Scala and Jackson databind only, as on a real cluster: our own libraries must come
  # from sre-cluster.jar, so a packaging mistake in that jar fails here instead of in production
  local jar
  for jar in "$proj"/target/lib/*.jar; do
    case "$(basename "$jar")" in
      picocli-*|commons-math3-*|jackson-dataformat-yaml-*|snakeyaml-*) ;;
      *) ln -s "$jar" "$home/jars/" ;;
    esac
  done

  export SPARK_HOME=$home SPARK_LOCAL_IP=127.0.0.1 SPARK_SCALA_VERSION=2.13 # 2.13: else executors fail "Cannot find any build directories"
  local jopts=(-Xmx1g -Dio.netty.tryReflectionSetAccessible=true) p
  while read -r p; do   # the java.base packages Spark needs opened: one list, shared with the pom and submit.sh
    [[ -z $p || $p == \#* ]] || jopts+=("--add-opens=$p=ALL-UNNAMED")
  done <"$proj/conf/jvm-module-options"

  : >"$dir/pids"
  trap 'echo "loopback-cluster: start failed, stopping what was started" >&2; stop' EXIT

  local t0=$EPOCHREALTIME
  since() { awk "BEGIN { printf \"%.1f\", $EPOCHREALTIME - $t0 }"; }
  java "${jopts[@]}" -cp "$home/jars/*" org.apache.spark.deploy.master.Master --host 127.0.0.1 \
    --port "$(free_port 7077)" --webui-port "$(free_port 8080)" >"$dir/master.log" 2>&1 </dev/null &
  local mpid=$!
  echo "$mpid" >>"$dir/pids"
  wait_for "$dir/master.log" "I have been elected leader" "$mpid"
  local url
  url=$(grep -o 'Starting Spark master at spark://[0-9.:]*' "$dir/master.log" | head -1 | sed 's/.* at //' || true)
  [[ -n $url ]] || { echo "master URL not found in $dir/master.log" >&2; exit 1; }
  echo "master up in $(since) s: $url" >&2

  local n wpids=()
  for n in 1 2; do
    mkdir -p "$dir/work-$n"
    java "${jopts[@]}" -cp "$home/jars/*" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 \
      --cores 1 --memory 2g --work-dir "$dir/work-$n" --webui-port "$(free_port $((8080 + n)))" \
      "$url" >"$dir/worker-$n.log" 2>&1 </dev/null &
    wpids+=($!)
    echo "$!" >>"$dir/pids"
  done
  for n in 1 2; do
    wait_for "$dir/worker-$n.log" "Successfully registered with master" "${wpids[n - 1]}"
  done
  echo "workers registered $(since) s after start" >&2

  trap - EXIT
  echo "$url" >"$dir/master-url"
  echo "$url"
}

case $cmd in
  start) start ;;
  stop) stop ;;
  executor-pids) executor_pids ;;
  *) usage ;;
esac
