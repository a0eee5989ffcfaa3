#!/usr/bin/env bash
# The README's story through a Java client generated from the OpenAPI document the service serves.
# Starts the service the way the README does (./mvnw spring-boot:test-run: embedded PostgreSQL and
# Redis, demo data) on a free port, fetches /v3/api-docs from it, generates the client from that
# document (openapi-generator-maven-plugin, library "native") and runs the story (ReadmeStoryTest).
# Output: clients/java/target (the document, the generated sources, the service's log).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
out=clients/java/target
mkdir -p "$out"
rm -rf "$out/service-data" "$out/service.log"

# port 0: the service binds a free port itself (no window in which another process could take it)
setsid env SERVER_PORT=0 FITSOCIAL_DATA_DIR="$root/$out/service-data/postgres" \
  ./mvnw -q spring-boot:test-run > "$out/service.log" 2>&1 &
service=$!
trap 'kill -TERM -- "-$service" 2> /dev/null || true; wait "$service" 2> /dev/null || true' EXIT

port=
for _ in $(seq 300); do
  port=$(sed -nE 's/.*Tomcat started on port ([0-9]+).*/\1/p' "$out/service.log" | head -1)
  if [ -n "$port" ] && curl -sf "http://localhost:$port/actuator/health/readiness" > /dev/null 2>&1; then
    break
  fi
  kill -0 "$service" 2> /dev/null || { echo "the service did not start:" >&2; tail -40 "$out/service.log" >&2; exit 1; }
  sleep 1
done
[ -n "$port" ] || { echo "the service did not start in 300 s: $out/service.log" >&2; exit 1; }

curl -sf "http://localhost:$port/v3/api-docs" -o "$out/fitsocial-openapi.json"
./mvnw -f clients/java/pom.xml verify -Dfitsocial.baseUrl="http://localhost:$port"
