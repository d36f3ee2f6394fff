#!/bin/sh
# Measures what idle queues cost Redis: starts NODES Payara Micro nodes of the application (the
# first with the launcher's embedded Redis and PostgreSQL, the others on the same servers),
# registers QUEUES empty queues through the API, waits until every node has seen them, then counts
# the commands Redis runs in SECONDS of idleness (INFO stats before and after) and prints the
# commands per second with the ten most frequent. Needs redis-cli and curl; builds the launcher.
#
#   bench/idle-cost.sh [QUEUES [NODES [SECONDS]]]     (defaults: 1000 3 60)
set -eu
cd "$(dirname "$0")/.."
queues=${1:-1000}
nodes=${2:-3}
seconds=${3:-60}
base_port=${IDLE_COST_PORT:-18080}
work=$(mktemp -d)
password=idle-cost-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
pids=""

stop() {
  for pid in $pids; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in $pids; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap stop EXIT INT TERM

./mvnw -q -pl launcher -am package -DskipTests
jar=launcher/target/taskyard-launcher.jar

await_ready() { # port log
  i=0
  until curl -sf "http://127.0.0.1:$1/health/ready" >/dev/null 2>&1; do
    i=$((i + 1))
    if [ "$i" -gt 900 ]; then echo "node on port $1 did not start, see $2" >&2; exit 1; fi
    sleep 1
  done
}

export TASKYARD_ADMIN_USER=admin TASKYARD_ADMIN_PASSWORD="$password"
setsid java -jar "$jar" --data "$work/node1" --port "$base_port" >"$work/node1.out" 2>&1 &
pids="$!"
await_ready "$base_port" "$work/node1.out"
redis_url=$(sed -n 's/^ *Redis: *\(redis:[^ ]*\).*/\1/p' "$work/node1.out")
database_url=$(sed -n 's/^ *PostgreSQL: *\(jdbc:[^ ]*\).*/\1/p' "$work/node1.out")
redis_port=${redis_url##*:}
redis_port=${redis_port%%/*}
n=2
while [ "$n" -le "$nodes" ]; do
  TASKYARD_REDIS_URL="$redis_url" TASKYARD_DATABASE_URL="$database_url" \
    TASKYARD_DATABASE_USER=postgres \
    setsid java -jar "$jar" --data "$work/node$n" --port $((base_port + n - 1)) \
    >"$work/node$n.out" 2>&1 &
  pids="$pids $!"
  n=$((n + 1))
done
n=2
while [ "$n" -le "$nodes" ]; do
  await_ready $((base_port + n - 1)) "$work/node$n.out"
  n=$((n + 1))
done

i=1
while [ "$i" -le "$queues" ]; do
  curl -sf -o /dev/null -u "admin:$password" -X PUT -H 'Content-Type: application/json' \
    -d '{"maxAttempts":3}' \
    "http://127.0.0.1:$base_port/taskyard-app/api/queue/queues/idle-$i/settings"
  i=$((i + 1))
done

redis() { redis-cli -p "$redis_port" "$@"; }
total() { redis INFO stats | tr -d '\r' | sed -n 's/^total_commands_processed://p'; }
# Past every node's first full pass over the new queues (and its one-off group creation).
sleep 30
redis CONFIG RESETSTAT >/dev/null
before=$(total)
sleep "$seconds"
after=$(total)
echo "queues=$queues nodes=$nodes seconds=$seconds"
echo "commands per second: $(((after - before) / seconds))"
redis INFO commandstats | tr -d '\r' | sed -n 's/^cmdstat_\([^:]*\):calls=\([0-9]*\),.*/\2 \1/p' |
  sort -rn | head -10 | awk -v s="$seconds" '{printf "  %-16s %8.1f/s\n", $2, $1 / s}'
