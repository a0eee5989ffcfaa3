#!/usr/bin/env bash
# Where a request kind spends the service's CPU: JFR on the service under wrk load of that kind,
# on the data set bench/run.sh generated (run it once first), summarised by bench/jfr_summary.py.
#
#   bench/profile.sh [KIND...]          # default: hello; kinds as in bench/wrk/workload.lua
#
# For each kind: the service is started fresh on the embedded servers of .fitsocial/bench-M,
# warmed up with BENCH_WARMUP (90) s of the kind, then recorded (JFR "profile" settings) for
# BENCH_SECONDS (30) s of the same load. Writes target/profile/<kind>.jfr and <kind>.txt (top
# methods by own samples, and the share of samples under each of the platform's filters and
# steps). The figures are samples, not times: compare shares, before and after a change.
set -euo pipefail
cd "$(dirname "$0")/.."
kinds=${*:-hello}
size=${BENCH_SIZE:-M}
warmup=${BENCH_WARMUP:-90}
seconds=${BENCH_SECONDS:-30}
connections=${BENCH_CONNECTIONS:-32}
port=${BENCH_PORT:-18080}
out=target/profile
mkdir -p "$out"
jdk=/usr/lib/jvm/temurin-25-jdk-amd64
[ -d "$jdk" ] && export JAVA_HOME=$jdk
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
log() { printf '[profile %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
[ -d ".fitsocial/bench-$size/postgres" ] || { echo "no $size data set: run bench/run.sh $size first" >&2; exit 1; }

service_pid=
servers_pid=
cleanup() {
  [ -n "$service_pid" ] && { kill "$service_pid" 2>/dev/null || true; wait "$service_pid" 2>/dev/null || true; }
  [ -n "$servers_pid" ] && { kill "$servers_pid" 2>/dev/null || true; wait "$servers_pid" 2>/dev/null || true; }
}
trap cleanup EXIT

log "building the service"
./mvnw -q -DskipTests package
rm -rf target/profile/app
"$java" -Djarmode=tools -jar "$(ls target/fitsocial-*.jar | grep -v plain | head -1)" extract --destination target/profile/app > /dev/null
jar=$(ls target/profile/app/fitsocial-*.jar | head -1)

log "starting embedded PostgreSQL and Redis (.fitsocial/bench-$size)"
rm -f "$out/servers.env"
./mvnw -q exec:java -Dexec.classpathScope=test -Dexec.mainClass=app.fitsocial.platform.embedded.BenchmarkServers \
  -Dexec.args=".fitsocial/bench-$size/postgres $out/servers.env" > "$out/servers.log" 2>&1 &
servers_pid=$!
for _ in $(seq 180); do [ -s "$out/servers.env" ] && break; sleep 1; done
# shellcheck disable=SC1090
. "$out/servers.env"
psql_url="postgresql://postgres@${DATABASE_URL#jdbc:postgresql://}"

for kind in $kinds; do
  env DATABASE_URL="$DATABASE_URL" REDIS_URL="$REDIS_URL" SERVER_PORT="$port" \
    RATE_LIMIT_RAISED_ADDRESSES=127.0.0.1/32 TRUSTED_PROXIES=127.0.0.1/32 RATE_LIMIT_RAISED_FACTOR=1000000 \
    FITSOCIAL_SECURITY_ACCESS_TOKEN_TTL=6h FITSOCIAL_WEB_HELLO_ENDPOINT=true \
    "$java" -XX:FlightRecorderOptions:stackdepth=512 ${BENCH_JAVA_OPTIONS:-} -jar "$jar" > "$out/$kind-service.log" 2>&1 &
  service_pid=$!
  for _ in $(seq 180); do
    curl -sf "http://localhost:$port/actuator/health/readiness" > /dev/null 2>&1 && break
    sleep 1
  done
  python3 bench/wrk_data.py "http://localhost:$port" "$psql_url" 200 "$out/wrk-data.txt" > /dev/null
  log "$kind: warm-up ${warmup}s"
  wrk -t1 -c"$connections" -d"${warmup}s" --timeout 10s -s bench/wrk/workload.lua "http://localhost:$port" \
    -- "$out/wrk-data.txt" "$kind" > /dev/null 2>&1 || true
  log "$kind: recording ${seconds}s"
  jcmd "$service_pid" JFR.start name=profile settings=profile filename="$PWD/$out/$kind.jfr" > /dev/null
  wrk -t1 -c"$connections" -d"${seconds}s" --timeout 10s -s bench/wrk/workload.lua "http://localhost:$port" \
    -- "$out/wrk-data.txt" "$kind" > "$out/$kind-wrk.txt" 2>&1 || true
  jcmd "$service_pid" JFR.stop name=profile > /dev/null
  kill "$service_pid"; wait "$service_pid" 2>/dev/null || true; service_pid=
  "$JAVA_HOME/bin/jfr" print --events jdk.ExecutionSample --stack-depth 512 "$out/$kind.jfr" \
    | python3 bench/jfr_summary.py > "$out/$kind.txt"
  log "$kind: $(grep -m1 'Requests/sec' "$out/$kind-wrk.txt" || true); $out/$kind.txt"
done
