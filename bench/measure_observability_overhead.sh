#!/usr/bin/env bash
# Throughput with the request log and metrics on, then off, on the same data set, one after the
# other: the mixed workload and the trivial hello endpoint, closed model (saturation).
#
#   bench/measure_observability_overhead.sh jdbc:postgresql://127.0.0.1:5432/bench_m [concurrency] [seconds]
#
# Needs REDIS_URL's Redis (default redis://127.0.0.1:6379) and a generated data set
# (bench/generate.sh). Runs the service on JDK 25 if it is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:?JDBC URL of a generated data set}
concurrency=${2:-16}
seconds=${3:-60}
redis=${REDIS_URL:-redis://127.0.0.1:6379}
jdk=/usr/lib/jvm/temurin-25-jdk-amd64
[ -d "$jdk" ] && export JAVA_HOME=$jdk
out=target/overhead
mkdir -p "$out"

flush_redis() { # every run starts with cold caches
  local host=${redis#redis://}; host=${host%%/*}
  exec 3<>"/dev/tcp/${host%:*}/${host##*:}"
  printf 'FLUSHALL\r\n' >&3
  read -r _ <&3
  exec 3>&-
}

run() { # name kinds env...
  local name=$1 kinds=$2; shift 2
  flush_redis
  env "$@" DATABASE_URL="$db" REDIS_URL="$redis" RATE_LIMIT_RAISED_ADDRESSES=127.0.0.1/32 \
    FITSOCIAL_WEB_HELLO_ENDPOINT=true ./mvnw -q spring-boot:test-run -Dspring-boot.test-run.optimizedLaunch=false \
    > "$out/$name-service.log" 2>&1 &
  for _ in $(seq 120); do grep -q 'Started FitSocialApplication' "$out/$name-service.log" && break; sleep 1; done
  (cd bench/gatling && ../../mvnw -q gatling:test -Dbench.db="$db?user=postgres" -Dbench.kinds="$kinds" \
    -Dbench.concurrency="$concurrency" -Dbench.duration="$seconds" -Dbench.warmup=45 > "../../$out/$name-gatling.log" 2>&1) || true
  pkill -f 'spring-boot:test-run' || true
  for _ in $(seq 60); do pgrep -f TestFitSocialApplication > /dev/null || break; sleep 1; done
  local count
  count=$(grep -E '^[a-z0-9 ]+: count of all events .*actual : ' "$out/$name-gatling.log" | sed -E 's/.*actual : ([0-9.]+)\)/\1/' | paste -sd+ | bc)
  printf '%-28s %8.1f req/s\n' "$name" "$(echo "$count / $seconds" | bc -l)"
}

run "mixed, observability on" mixed
run "mixed, observability off" mixed REQUEST_LOG_ENABLED=false MANAGEMENT_METRICS_ENABLE_ALL=false
run "hello, observability on" hello
run "hello, observability off" hello REQUEST_LOG_ENABLED=false MANAGEMENT_METRICS_ENABLE_ALL=false
