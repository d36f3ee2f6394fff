#!/bin/sh
# Taskyard against BullMQ in one run, on one redis-server (docs/benchmarks.md): starts
# REDIS_SERVER (default /usr/bin/redis-server) without persistence on a free loopback port, runs
# the Taskyard benchmark (phases 1 and 2) and bench/bullmq/bench.js against it ROUNDS times,
# alternating which goes first, and stops the server. Needs the benchmark jar (JAR, default
# bench/target/taskyard-bench.jar; several, separated by spaces, run one after the other, to
# compare builds in the same sitting), Node 20 and `npm ci` done in bench/bullmq.
#
#   bench/compare.sh [TASKS [ROUNDS]]        (defaults: 200000 1)
set -eu
cd "$(dirname "$0")/.."
tasks=${1:-200000}
rounds=${2:-1}
server=${REDIS_SERVER:-/usr/bin/redis-server}
jars=${JAR:-bench/target/taskyard-bench.jar}
for jar in $jars; do
  [ -f "$jar" ] || { echo "no $jar: ./mvnw -q -pl bench -am package -DskipTests" >&2; exit 2; }
done
[ -d bench/bullmq/node_modules ] || { echo "no bench/bullmq/node_modules: (cd bench/bullmq && npm ci)" >&2; exit 2; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
work=$(mktemp -d)
"$server" --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" \
  --logfile "$work/redis.log" --daemonize no &
redis_pid=$!
trap 'kill "$redis_pid" 2>/dev/null; wait "$redis_pid" 2>/dev/null; rm -rf "$work"' EXIT INT TERM
url="redis://127.0.0.1:$port"
i=0
while ! redis-cli -p "$port" ping >/dev/null 2>&1; do
  i=$((i + 1)); [ "$i" -lt 100 ] || { cat "$work/redis.log" >&2; exit 1; }; sleep 0.1
done
echo "redis-server $("$server" --version | sed 's/.*v=\([^ ]*\).*/\1/') on $url; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"

taskyard() {
  for jar in $jars; do
    echo "-- $jar"
    java -jar "$jar" --redis "$url" --tasks "$tasks" --latency-seconds 0 --events-tasks 0
  done
}
bullmq() {
  node bench/bullmq/bench.js --redis "$url" --jobs "$tasks"
}
r=1
while [ "$r" -le "$rounds" ]; do
  echo "== round $r"
  if [ $((r % 2)) -eq 1 ]; then taskyard; bullmq; else bullmq; taskyard; fi
  r=$((r + 1))
done
