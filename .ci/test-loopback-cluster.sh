#!/usr/bin/env bash
# Smoke test: run one submit.sh command against a fresh loopback cluster, always stop the cluster,
# exit with the command's status. Arguments go to submit.sh after --master, e.g.
#   .ci/test-loopback-cluster.sh simulate --network lenet5
#   .ci/test-loopback-cluster.sh --class org.example.Smoke sweep      (any spark-submit options)
# The cluster dir (logs, executor stdout/stderr) is kept when the command fails, or with KEEP=1.
set -euo pipefail

proj="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[[ $# -gt 0 ]] || { echo "usage: $(basename "$0") [spark-submit options] COMMAND ARGS..." >&2; exit 2; }

unset SPARK_HOME  # the cluster runs the project's own Spark; so must the driver
dir=$(mktemp -d "${TMPDIR:-/tmp}/sre-loopback.XXXXXX")
rc=1
cleanup() {
  "$proj/.ci/loopback-cluster.sh" stop "$dir" || true
  # Executors write under the workers' work dirs: proof that code ran on the cluster.
  find "$dir"/work-* -name stdout -printf 'executor log: %p (%s bytes)\n' 2>/dev/null || true
  if [[ $rc -eq 0 && ${KEEP:-0} != 1 ]]; then rm -rf "$dir"; else echo "cluster dir kept: $dir" >&2; fi
}
trap cleanup EXIT

url=$("$proj/.ci/loopback-cluster.sh" start "$dir")
t0=$EPOCHREALTIME
set +e
"$proj/submit.sh" --master "$url" "$@"
rc=$?
set -e
echo "command exited $rc after $(awk "BEGIN { printf \"%.1f\", $EPOCHREALTIME - $t0 }") s" >&2
exit $rc
