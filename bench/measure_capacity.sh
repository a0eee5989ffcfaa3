#!/usr/bin/env bash
# What one request of the mixed workload costs each tier, for the capacity model of
# docs/scaling.md: SQL statements, Redis commands and service CPU per request, and with
# DATABASE_REPLICA_URL set, the share of read-only transactions the replicas served.
#
#   DATABASE_URL=jdbc:postgresql://127.0.0.1:5432/bench_m REDIS_URL=redis://127.0.0.1:6379 \
#     [DATABASE_REPLICA_URL=jdbc:postgresql://127.0.0.1:5433/bench_m] bench/measure_capacity.sh
#
# Needs the M data set in DATABASE_URL (bench/run.sh M makes it), a Redis of its own (the
# command counters are Redis-wide), curl and redis-cli. Runs the Gatling closed model
# (BENCH_CONCURRENCY 16 users, BENCH_WARMUP 30 s, BENCH_DURATION 60 s) and counts over all of it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
: "${DATABASE_URL:?DATABASE_URL must name the benchmark database}" "${REDIS_URL:?REDIS_URL must be set}"
concurrency=${BENCH_CONCURRENCY:-16}
warmup=${BENCH_WARMUP:-30}
duration=${BENCH_DURATION:-60}
port=${BENCH_PORT:-18080}
run=target/bench/capacity-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$run"
jdk=/usr/lib/jvm/temurin-25-jdk-amd64
[ -d "$jdk" ] && export JAVA_HOME=$jdk
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
redis_host=${REDIS_URL#redis://}; redis_host=${redis_host%%/*}

./mvnw -q -DskipTests package
rm -rf target/bench/app
"$java" -Djarmode=tools -jar "$(ls target/fitsocial-*.jar | grep -v plain | head -1)" extract --destination target/bench/app > /dev/null
(cd bench/gatling && ../../mvnw -q test-compile)

DATABASE_URL="$DATABASE_URL" REDIS_URL="$REDIS_URL" DATABASE_REPLICA_URL="${DATABASE_REPLICA_URL:-}" SERVER_PORT="$port" \
  RATE_LIMIT_RAISED_ADDRESSES=127.0.0.1/32 FITSOCIAL_WEB_HELLO_ENDPOINT=true \
  "$java" -jar target/bench/app/fitsocial-*.jar > "$run/service.log" 2>&1 &
service=$!
trap 'kill $service 2>/dev/null || true; wait $service 2>/dev/null || true' EXIT
for _ in $(seq 180); do curl -sf "http://localhost:$port/actuator/health/readiness" > /dev/null 2>&1 && break; sleep 1; done

scrape() { curl -s "http://localhost:$port/actuator/prometheus"; }
metric() { # file, metric name, label filter (regex on the whole line)
  grep -E "^$2(\{|\s)" "$1" | grep -E "${3:-.}" | awk '{ s += $NF } END { printf "%.0f", s }'
}
redis_calls() {
  redis-cli -h "${redis_host%:*}" -p "${redis_host##*:}" INFO commandstats | sed -nE 's/^cmdstat_[^:]+:calls=([0-9]+),.*/\1/p' \
    | awk '{ s += $1 } END { print s }'
}

scrape > "$run/before.prom"
redis_before=$(redis_calls)
db_jdbc="$DATABASE_URL$([[ $DATABASE_URL == *\?* ]] && echo '&' || echo '?')user=${DATABASE_USER:-postgres}"
(cd bench/gatling && ../../mvnw -q gatling:test -Dsimulation=app.fitsocial.bench.MixedWorkloadSimulation \
  -Dbench.baseUrl="http://localhost:$port" -Dbench.db="$db_jdbc" -Dbench.kinds=mixed -Dbench.model=closed \
  -Dbench.concurrency="$concurrency" -Dbench.warmup="$warmup" -Dbench.duration="$duration") > "$run/gatling.log" 2>&1 || true
redis_after=$(redis_calls)
scrape > "$run/after.prom"

delta() { echo $(( $(metric "$run/after.prom" "$@") - $(metric "$run/before.prom" "$@") )); }
requests=$(delta http_server_requests_seconds_count 'uri="/api/v1/')
sql=$(delta fitsocial_sql_statements_total)
cpu_ns=$(delta process_cpu_time_ns_total)
replica=$(delta fitsocial_datasource_reads_total 'target="replica"')
primary_reads=$(delta fitsocial_datasource_reads_total 'target="primary"')
redis=$(( redis_after - redis_before ))
seconds=$(( warmup + duration ))
awk -v r="$requests" -v s="$sql" -v c="$cpu_ns" -v k="$redis" -v rep="$replica" -v pri="$primary_reads" -v t="$seconds" 'BEGIN {
  printf "requests                      %d in %d s (%.1f/s)\n", r, t, r / t
  printf "SQL statements per request    %.2f\n", s / r
  printf "Redis commands per request    %.2f (all clients of this Redis)\n", k / r
  printf "service CPU ms per request    %.2f\n", c / r / 1e6
  if (rep + pri > 0) printf "read-only transactions        %d, %.1f %% served by replicas\n", rep + pri, 100 * rep / (rep + pri)
}' | tee "$run/capacity.txt"
