#!/usr/bin/env bash
# The reference benchmark of BENCHMARK.md in one command: the S, M or L data set, then on that
# data, one after the other:
#   - bare: a minimal Spring Boot app with the same JSON hello (bench/bare), the ceiling;
#   - optimized: the service; saturation (wrk) of each request kind alone, of the BENCHMARK.md
#     mix, of a read-only and a write-heavy mix; steady-state cache hit rates; latency at a fixed
#     rate (Gatling, open model, half the mix's saturation); the rate limit scenario;
#   - hello: the trivial authenticated endpoint through the whole service, saturation and latency;
#   - baseline: secondary indexes dropped, cache and compression off; saturation and latency;
# then docs/benchmarks/RESULTS.md with its charts and the Gatling reports.
#
#   bench/run.sh [S|M|L]                      # default M
#
# Servers: DATABASE_URL / REDIS_URL when set (use a database of its own: the data set is
# generated into it), otherwise embedded PostgreSQL and Redis started for the run, with the data
# kept in .fitsocial/bench-<size>/ for the next run. The data set is generated only when the
# database does not hold it yet. Needs psql, curl, wrk and python3.
#
# Settings (environment): BENCH_WARMUP (90 s of the mix before the first figure of each mode, so
# no figure is of a JVM in its first minute), BENCH_KIND_WARMUP (10 s of a kind before its figure),
# BENCH_SECONDS (30 s per wrk figure), BENCH_CONNECTIONS (32 wrk connections, one wrk thread),
# BENCH_STEADY (240 s: the hit-rate run, measured over its second half), BENCH_DURATION (60 s
# measured per Gatling run), BENCH_GATLING_WARMUP (60 s before it, the first half climbing to the
# rate), BENCH_RATE_FRACTION (0.5: the open-model rate as a share of the mix's saturation
# throughput; CI's smoke, whose figures are seconds long, uses less), BENCH_CLIENTS (200 logged-in
# users), BENCH_KINDS (the kinds measured alone), BENCH_OUTPUT (docs/benchmarks), BENCH_STRICT
# (true: fail unless the optimized and hello runs had no failed request and the rate limit
# scenario passed; what CI's smoke uses).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
size=${1:-M}
case "$size" in S) users=2000 ;; M) users=100000 ;; L) users=1000000 ;; *) echo "size must be S, M or L" >&2; exit 2 ;; esac
duration=${BENCH_DURATION:-60}
gatling_warmup=${BENCH_GATLING_WARMUP:-60}
rate_fraction=${BENCH_RATE_FRACTION:-0.5}
warmup=${BENCH_WARMUP:-90}
kind_warmup=${BENCH_KIND_WARMUP:-10}
seconds=${BENCH_SECONDS:-30}
connections=${BENCH_CONNECTIONS:-32}
steady=${BENCH_STEADY:-240}
kinds=${BENCH_KINDS:-hello profile class rating listing feed conversations messages matches reviews revalidation post message follow booking review}
clients=${BENCH_CLIENTS:-200}
out=${BENCH_OUTPUT:-docs/benchmarks}
run=target/bench/run-$(date -u +%Y%m%dT%H%M%SZ)
port=${BENCH_PORT:-18080}
mkdir -p "$run"
jdk=/usr/lib/jvm/temurin-25-jdk-amd64
[ -d "$jdk" ] && export JAVA_HOME=$jdk
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

service_pid=
servers_pid=
stop_service() {
  if [ -n "$service_pid" ]; then
    kill "$service_pid" 2>/dev/null || true
    wait "$service_pid" 2>/dev/null || true
    service_pid=
  fi
}
cleanup() {
  stop_service
  if [ -n "$servers_pid" ]; then kill "$servers_pid" 2>/dev/null || true; wait "$servers_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT

command -v wrk > /dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }
log "building the service, the bare app and the load generator"
./mvnw -q -DskipTests package
(cd bench/bare && ../../mvnw -q -DskipTests package)
rm -rf target/bench/bare
"$java" -Djarmode=tools -jar bench/bare/target/fitsocial-bench-bare-*.jar extract --destination target/bench/bare > /dev/null
bare_jar=$(ls target/bench/bare/fitsocial-bench-bare-*.jar | head -1)
# run it as the deployment layout Spring Boot recommends (the jar extracted: plain jars on the
# class path), which measured 22 % faster here than running the nested jar directly
rm -rf target/bench/app
"$java" -Djarmode=tools -jar "$(ls target/fitsocial-*.jar | grep -v plain | head -1)" extract --destination target/bench/app > /dev/null
jar=$(ls target/bench/app/fitsocial-*.jar | head -1)
(cd bench/gatling && ../../mvnw -q test-compile)

if [ -z "${DATABASE_URL:-}" ] || [ -z "${REDIS_URL:-}" ]; then
  log "starting embedded PostgreSQL and Redis (.fitsocial/bench-$size)"
  ./mvnw -q exec:java -Dexec.classpathScope=test -Dexec.mainClass=app.fitsocial.platform.embedded.BenchmarkServers \
    -Dexec.args=".fitsocial/bench-$size/postgres $run/servers.env" > "$run/servers.log" 2>&1 &
  servers_pid=$!
  for _ in $(seq 180); do [ -s "$run/servers.env" ] && break; sleep 1; done
  [ -s "$run/servers.env" ] || { echo "embedded servers did not start: $run/servers.log" >&2; exit 1; }
  # shellcheck disable=SC1090
  . "$run/servers.env"
  export DATABASE_URL=${DATABASE_URL} REDIS_URL=${REDIS_URL}
fi
db_user=${DATABASE_USER:-postgres}
export PGPASSWORD=${DATABASE_PASSWORD:-}
psql_url="postgresql://$db_user@${DATABASE_URL#jdbc:postgresql://}"
jdbc_url="$DATABASE_URL$([[ $DATABASE_URL == *\?* ]] && echo '&' || echo '?')user=$db_user${DATABASE_PASSWORD:+&password=$DATABASE_PASSWORD}"
redis_host=${REDIS_URL#redis://}; redis_host=${redis_host%%/*}

flush_redis() { # no redis-cli needed
  exec 3<>"/dev/tcp/${redis_host%:*}/${redis_host##*:}"
  printf 'FLUSHALL\r\n' >&3
  read -r _ <&3
  exec 3>&-
}

# the load generator's users get limits it cannot reach (the benchmark measures the service, not
# the limiter) and tokens that outlive the run
start_service() { # name, then extra environment assignments
  local name=$1; shift
  env "$@" DATABASE_URL="$DATABASE_URL" REDIS_URL="$REDIS_URL" SERVER_PORT="$port" \
    RATE_LIMIT_RAISED_ADDRESSES=127.0.0.1/32 TRUSTED_PROXIES=127.0.0.1/32 RATE_LIMIT_RAISED_FACTOR=1000000 \
    FITSOCIAL_SECURITY_ACCESS_TOKEN_TTL=6h FITSOCIAL_WEB_HELLO_ENDPOINT=true FITSOCIAL_OBSERVABILITY_SQL_COUNT_HEADER=true \
    "$java" ${BENCH_JAVA_OPTIONS:-} -jar "$jar" > "$run/$name-service.log" 2>&1 &
  service_pid=$!
  await_service "$name"
}

start_bare() {
  SERVER_PORT="$port" "$java" ${BENCH_JAVA_OPTIONS:-} -jar "$bare_jar" > "$run/bare-service.log" 2>&1 &
  service_pid=$!
  for _ in $(seq 60); do
    curl -sf "http://localhost:$port/api/v1/hello" > /dev/null 2>&1 && return 0
    sleep 1
  done
  echo "the bare app did not start: $run/bare-service.log" >&2
  exit 1
}

await_service() {
  for _ in $(seq 180); do
    curl -sf "http://localhost:$port/actuator/health/readiness" > /dev/null 2>&1 && return 0
    kill -0 "$service_pid" 2>/dev/null || break
    sleep 1
  done
  echo "the service did not start: $run/$1-service.log" >&2
  exit 1
}

saturation() { # label, workload: a warm-up of the workload, then its figure
  local label=$1 workload=$2
  wrk -t1 -c"$connections" -d"${kind_warmup}s" --timeout 10s -s bench/wrk/workload.lua "http://localhost:$port" \
    -- "$run/wrk-data.txt" "$workload" > /dev/null 2>&1 || true
  log "  $label"
  python3 bench/probe.py "$label" "$service_pid" "http://localhost:$port" "$redis_host" "$seconds" "$connections" \
    "$run/wrk-data.txt" "$workload" "$run/saturation.tsv" >> "$run/probe.log"
}

warm_up() { # workload
  log "  warm-up: $1 for ${warmup}s"
  wrk -t1 -c"$connections" -d"${warmup}s" --timeout 10s -s bench/wrk/workload.lua "http://localhost:$port" \
    -- "$run/wrk-data.txt" "$1" > /dev/null 2>&1 || true
}

gatling() { # run name, simulation, kinds, model, rate
  local name=$1 simulation=$2 kinds=$3 model=$4 rate=${5:-0}
  log "$name: $model model, $kinds requests"
  (cd bench/gatling && ../../mvnw -q gatling:test -Dsimulation="app.fitsocial.bench.$simulation" \
    -Dbench.baseUrl="http://localhost:$port" -Dbench.db="$jdbc_url" -Dbench.clients="$clients" \
    -Dbench.kinds="$kinds" -Dbench.model="$model" -Dbench.concurrency=16 -Dbench.rate="$rate" \
    -Dbench.duration="$duration" -Dbench.warmup="$gatling_warmup" -Dbench.scrape="$root/$run/$name-metrics.tsv" \
    -Dbench.sql="$root/$run/$name-sql.tsv") > "$run/$name.log" 2>&1 || true
  local report
  report=$(ls -td bench/gatling/target/gatling/*/ 2>/dev/null | head -1)
  if [ -n "$report" ]; then mkdir -p "$run/gatling"; mv "$report" "$run/gatling/$name"; fi
}

index_statements() { # the CREATE INDEX statements of the index migrations that a later one did not drop
  # (not UNIQUE: uniqueness stays); the migrations are replayed in version order
  ls src/main/resources/db/migration/V*__indexes_*.sql | sort -V | xargs cat | sed 's/--.*//' | tr '\n' ' ' | tr ';' '\n' \
    | awk '/^\s*CREATE INDEX/ { name = $3 == "IF" ? $6 : $3; order[++n] = name; stmt[name] = $0 ";" }
           /^\s*DROP INDEX/ { name = $3 == "IF" ? $5 : $3; delete stmt[name] }
           END { for (i = 1; i <= n; i++) if (order[i] in stmt && !seen[order[i]]++) print stmt[order[i]] }'
}

have=$(psql "$psql_url" -Atc "SELECT count(*) FROM users WHERE email LIKE '%@bench.fitsocial.app'" 2>/dev/null || echo 0)
if [ "$have" != "$users" ]; then
  log "migrating and generating the $size data set"
  start_service migrate
  stop_service
  bench/generate.sh "$size" "$psql_url" | tee "$run/generate.log" | grep -E '^\[|generated'
  psql "$psql_url" -qc 'VACUUM ANALYZE'
fi

{
  echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "size=$size"
  echo "machine=$(uname -sr), $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
  echo "cpus=$(nproc)"
  echo "memory=$(free -g | awk '/^Mem:/ { print $2 " GiB" }')"
  echo "jdk=$("$java" -version 2>&1 | head -1)"
  echo "dataset=$(psql "$psql_url" -Atc "SELECT format('%s users, %s classes, %s bookings, %s follows, %s posts, %s messages, %s reviews',
    (SELECT count(*) FROM users), (SELECT count(*) FROM fitness_classes), (SELECT count(*) FROM bookings),
    (SELECT count(*) FROM follows), (SELECT count(*) FROM activities), (SELECT count(*) FROM messages),
    (SELECT count(*) FROM reviews))")"
  echo "clients=$clients users logged in before the measured phase, drawn Zipf-like"
  echo "saturation=wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}'), 1 thread, $connections keep-alive connections, ${seconds} s per figure after ${kind_warmup} s of the same requests; each mode first warmed up with ${warmup} s of the mix"
  echo "steady=$steady"
  echo "warmup=$gatling_warmup"
  echo "rate_fraction=$rate_fraction"
  echo "duration=$duration"
  echo "generator=Gatling 3.14.3 on the same machine: shared keep-alive connections, Accept-Encoding gzip, 10 s request timeout, every request authenticated; warm-up requests named apart and left out"
} > "$run/settings.properties"

log "bare mode: a minimal Spring Boot app with the same hello"
start_bare
wrk -t1 -c"$connections" -d"${warmup}s" "http://localhost:$port/api/v1/hello" > /dev/null 2>&1 || true
log "  bare: hello"
python3 bench/probe.py "bare: hello" "$service_pid" "http://localhost:$port" - "$seconds" "$connections" \
  "http://localhost:$port/api/v1/hello" - "$run/saturation.tsv" >> "$run/probe.log"
stop_service

log "optimized mode"
flush_redis
start_service optimized
python3 bench/wrk_data.py "http://localhost:$port" "$psql_url" "$clients" "$run/wrk-data.txt" >> "$run/probe.log"
warm_up benchmark
for kind in $kinds; do
  saturation "optimized: $kind" "$kind"
done
for mix in benchmark read-only write-heavy; do
  saturation "optimized: $mix mix" "$mix"
done
log "  steady-state cache hit rates: the benchmark mix for ${steady}s"
wrk -t1 -c"$connections" -d"$((steady / 2))s" --timeout 10s -s bench/wrk/workload.lua "http://localhost:$port" \
  -- "$run/wrk-data.txt" benchmark > "$run/steady-first-half.log" 2>&1 || true
python3 bench/probe.py hits "http://localhost:$port" "$run/hits-half.json"
wrk -t1 -c"$connections" -d"$((steady / 2))s" --timeout 10s -s bench/wrk/workload.lua "http://localhost:$port" \
  -- "$run/wrk-data.txt" benchmark > "$run/steady-second-half.log" 2>&1 || true
python3 bench/probe.py hits "http://localhost:$port" "$run/hits-end.json"
rate=$(awk -F'\t' -v f="$rate_fraction" '$1 == "optimized: benchmark mix" { printf "%d", $4 * f }' "$run/saturation.tsv")
[ "${rate:-0}" -ge 1 ] || rate=1
echo "rate=$rate" >> "$run/settings.properties"
gatling optimized-open MixedWorkloadSimulation mixed open "$rate"
log "rate limits"
(cd bench/gatling && ../../mvnw -q gatling:test -Dsimulation=app.fitsocial.bench.RateLimitSimulation \
  -Dbench.baseUrl="http://localhost:$port") > "$run/ratelimit.log" 2>&1 || true
gatling hello-open MixedWorkloadSimulation hello open "$rate"
stop_service

log "baseline mode: secondary indexes dropped, cache and compression off"
index_statements > "$run/indexes.sql"
sed -E 's/^\s*CREATE INDEX (IF NOT EXISTS )?([A-Za-z0-9_]+).*/DROP INDEX IF EXISTS \2;/' "$run/indexes.sql" | psql "$psql_url" -q
flush_redis
start_service baseline CACHE_ENABLED=false HTTP_COMPRESSION_ENABLED=false
saturation "baseline: benchmark mix" benchmark
gatling baseline-open MixedWorkloadSimulation mixed open "$rate"
stop_service
log "restoring the indexes"
psql "$psql_url" -q -f "$run/indexes.sql"
psql "$psql_url" -qc 'ANALYZE'
log "writing $out/RESULTS.md"
mkdir -p "$out"
(cd bench/gatling && ../../mvnw -q exec:java -Dexec.classpathScope=test -Dexec.mainClass=app.fitsocial.bench.BenchReport \
  -Dexec.args="$root/$run $root/$out") > "$run/report.log" 2>&1 || { cat "$run/report.log"; exit 1; }
rm -rf "$out/gatling"
mkdir -p "$out/gatling"
for mode in baseline optimized hello; do
  [ -d "$run/gatling/$mode-open" ] && cp -r "$run/gatling/$mode-open" "$out/gatling/$mode-open"
done
log "done: $out/RESULTS.md (raw run: $run)"

if [ "${BENCH_STRICT:-false}" = true ]; then # the CI smoke: the optimized runs must be clean
  failed=$(grep -hE ': count of failed events .*actual : ' "$run"/optimized-*.log "$run"/hello-*.log | sed -E 's/.*actual : ([0-9.]+)\)/\1/' \
    | paste -sd+ | sed 's/^$/0/' | bc)
  # wrk: socket errors (connect, read, write, timeout) in any optimized figure fail the smoke
  if awk -F'\t' '$1 ~ /^optimized/ && $11 != "-" { bad = 1 } END { exit !bad }' "$run/saturation.tsv"; then
    echo "socket errors in the optimized wrk figures: $run/saturation.tsv" >&2; exit 1
  fi
  grep -q 'login over the limit: percentage of successful events is 100.0 : true' "$run/ratelimit.log" \
    || { echo "the rate limit scenario failed: $run/ratelimit.log" >&2; exit 1; }
  [ "${failed%.*}" = 0 ] || { echo "$failed requests failed in the optimized and hello runs: $run" >&2; exit 1; }
  [ -s "$out/RESULTS.md" ] && [ -s "$out/latency-percentiles.png" ] || { echo "no report written" >&2; exit 1; }
  log "smoke passed: no failed request, 429s where limits are exceeded"
fi
