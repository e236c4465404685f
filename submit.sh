#!/usr/bin/env bash
# Run an sre command through spark-submit:
#   ./submit.sh [spark-submit options] COMMAND ARGS...     COMMAND: sweep | query | sql | report | pareto | simulate | bench
# With SPARK_HOME set, that installation's spark-submit runs target/sre-cluster.jar (Spark comes
# from the cluster). Without it, the project's own Spark jars (target/lib) run it, local[*] unless
# --master is given. Env: SRE_DRIVER_MEMORY (default 4g, own-Spark path only: the driver is this JVM);
# SRE_CDS=0 (own-Spark path: start without the class-data archive described below).
set -euo pipefail

usage() { echo "usage: $(basename "$0") [spark-submit options] {sweep|query|sql|report|pareto|simulate|profile|bench} [args...]"; }

proj="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [[ $# -gt 0 && ( $1 == -h || $1 == --help ) ]]; then usage; exit 0; fi

# Split at the first command word. Values of spark options are skipped, so that e.g.
# `--name sweep simulate` is not split at "sweep".
spark_opts=() master=""
while [[ $# -gt 0 ]]; do
  case $1 in
    sweep|query|sql|report|pareto|simulate|profile|bench) break ;;
    --master=*) master=${1#--master=}; spark_opts+=("$1"); shift ;;
    --verbose|-v|--supervise|--help|-h|--version|--*=*) spark_opts+=("$1"); shift ;;
    --*|-c) [[ $1 == --master ]] && master=${2:-}
            spark_opts+=("$1"); shift; if [[ $# -gt 0 ]]; then spark_opts+=("$1"); shift; fi ;;
    *) spark_opts+=("$1"); shift ;;
  esac
done
if [[ $# -eq 0 ]]; then
  echo "error: no command given (expected one of: sweep query sql report pareto simulate profile bench)" >&2
  usage >&2; exit 2
fi

if [[ ! -f $proj/target/sre-cluster.jar || ! -d $proj/target/lib ]]; then
  echo "submit.sh: building jars (mvn package)..." >&2
  (cd "$proj" && mvn -B -q package -DskipTests) >&2
fi

# Ours come first so that a user's --conf for the same key wins (spark-submit keeps the last).
confs=(--conf spark.ui.showConsoleProgress=false)
# The host name resolves to loopback here; executors must call the driver back on 127.0.0.1.
case $master in spark://127.0.0.1*|spark://localhost*) confs+=(--conf spark.driver.host=127.0.0.1) ;; esac

if [[ -n ${SPARK_HOME:-} ]]; then
  exec "$SPARK_HOME/bin/spark-submit" --class org.sresim.cli.Main "${confs[@]}" "${spark_opts[@]}" \
    "$proj/target/sre-cluster.jar" "$@"
fi

export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1} SPARK_SCALA_VERSION=2.13
# The module openings spark-submit's launcher would add (JavaModuleOptions); we start SparkSubmit
# ourselves, so we add them. Without them Kryo and Netty fail on Java 17. Their one list is
# conf/jvm-module-options (the pom reads it too).
java_opts=()
while read -r p; do
  [[ -z $p || $p == \#* ]] || java_opts+=("--add-opens=$p=ALL-UNNAMED")
done <"$proj/conf/jvm-module-options"
java_opts+=(-Dio.netty.tryReflectionSetAccessible=true "-Xmx${SRE_DRIVER_MEMORY:-4g}")
# sre-cluster.jar leaves log4j2.properties out; without one Spark logs INFO to the console.
log4j=$proj/src/main/resources/log4j2.properties
if [[ -f $log4j ]]; then java_opts+=("-Dlog4j2.configurationFile=$log4j"); fi
[[ -n $master ]] || spark_opts=(--master "local[*]" "${spark_opts[@]}")
launch=(-cp "$proj/target/lib/*" org.apache.spark.deploy.SparkSubmit --class org.sresim.cli.Main "${confs[@]}")

# Class-data sharing: a JVM starting Spark loads and verifies some 20,000 classes, about a third of
# a short local sweep's wall time. A dynamic CDS archive of them (target/sre-cds.jsa) maps them
# instead. It is recorded once, by a two-point sweep, and again only when the Spark jars
# (target/lib) or the java binary change; it changes no result. A JVM that cannot record or use
# it runs without it (a failed recording is not retried until one of those changes).
# SRE_CDS=0 runs without it.
cds=$proj/target/sre-cds.jsa
java_bin=$(command -v java)
java_bin=$(readlink -f "$java_bin" 2>/dev/null || echo "$java_bin")
cds_stamp="$java_bin $(stat -c %Y "$java_bin" 2>/dev/null || stat -f %m "$java_bin" 2>/dev/null || echo 0)"
cds_recorded() {  # prints the stamp's content when it is newer than every Spark jar
  [[ -f $cds.stamp && -z $(find "$proj/target/lib" -newer "$cds.stamp" -print -quit 2>/dev/null) ]] \
    && cat "$cds.stamp"
}
if [[ ${SRE_CDS:-1} != 0 ]]; then
  recorded=$(cds_recorded || true)
  if [[ $recorded != "$cds_stamp" && $recorded != "failed $cds_stamp" ]] || [[ $recorded == "$cds_stamp" && ! -f $cds ]]; then
    echo "submit.sh: recording the class-data archive target/sre-cds.jsa for faster starts (once, about 30 s; SRE_CDS=0 skips)" >&2
    train=$(mktemp -d)
    printf 'name: cds-training\ngrid:\n  network: [lenet5]\n  ou.rows: [4, 16]\n' > "$train/cds-training.yaml"
    if java -XX:ArchiveClassesAtExit="$train/sre.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off "${java_opts[@]}" \
         "${launch[@]}" --master "local[2]" "$proj/target/sre-cluster.jar" sweep "$train/cds-training.yaml" \
         --out "$train/out" >"$train/log" 2>&1 && [[ -s $train/sre.jsa ]]; then
      mv -f "$train/sre.jsa" "$cds" && echo "$cds_stamp" > "$cds.stamp"
      rm -rf "$train"
    else
      rm -f "$cds"
      echo "failed $cds_stamp" > "$cds.stamp"
      echo "submit.sh: could not record the archive (log: $train/log); running without it" >&2
    fi
    recorded=$(cds_recorded || true)
  fi
  if [[ $recorded == "$cds_stamp" && -f $cds ]]; then
    java_opts+=("-XX:SharedArchiveFile=$cds" -Xlog:cds=off -Xlog:cds+dynamic=off)
  fi
fi

exec java "${java_opts[@]}" "${launch[@]}" "${spark_opts[@]}" "$proj/target/sre-cluster.jar" "$@"
