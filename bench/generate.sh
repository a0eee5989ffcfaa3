#!/usr/bin/env bash
# Generates a reference data set of docs/BENCHMARK sizes into a PostgreSQL the service has
# migrated (start the service once with DATABASE_URL pointing at it, then run this).
#
#   bench/generate.sh S|M|L 'postgresql://postgres@127.0.0.1:5432/fitsocial_bench' [seed]
#
# Every generated user (bench1@bench.fitsocial.app ...) has the password "fitsocial-bench"; its
# bcrypt hash is computed once (pgcrypto, inside a rolled-back transaction) and reused.
set -euo pipefail
size=${1:?size S, M or L}
db=${2:?psql connection string}
seed=${3:-0.42}
case "$size" in
  S) set -- 2000 50 2000 20000 20000 10000 100 5000 2000 20000 3000 ;;
  M) set -- 100000 2000 200000 2000000 2000000 1000000 5000 500000 200000 2000000 300000 ;;
  L) set -- 1000000 10000 2000000 20000000 20000000 10000000 50000 5000000 2000000 20000000 3000000 ;;
  *) echo "size must be S, M or L" >&2; exit 2 ;;
esac
hash=$(psql "$db" -qAt <<'SQL' | tail -1
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgcrypto;
SELECT crypt('fitsocial-bench', gen_salt('bf', 10));
ROLLBACK;
SQL
)
start=$(date +%s)
psql "$db" -v hash="'$hash'" -v seed="$seed" -v users="$1" -v providers="$2" -v classes="$3" -v bookings="$4" \
  -v follows="$5" -v posts="$6" -v groups="$7" -v memberships="$8" -v conversations="$9" -v messages="${10}" \
  -v reviews="${11}" -f "$(dirname "$0")/dataset.sql"
echo "data set $size generated in $(( $(date +%s) - start )) s"
