#!/usr/bin/env bash
# Start-up benchmark: the packaged service (fast-jar, -Xmx576m as in its container) from launch to ready
# (/q/health/ready answers 200), R times against an empty schema (Flyway creates it) and R times against the
# schema as that left it. Prints each run, the median of each, and Quarkus's own "started in".
#
#   ./mvnw package -DskipTests      # the service's fast-jar
#   bench/startup.sh [R]            # default 5
#   BENCH_KEEP_LOG=/tmp/startup.log bench/startup.sh 1   # keep the last run's log
set -euo pipefail
cd "$(dirname "$0")/.."

R=${1:-5}
HTTP=8091
SCHEMA=xs_mail_startup
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
[ -f target/quarkus-app/quarkus-run.jar ] || { echo "bench: build first: ./mvnw package -DskipTests" >&2; exit 1; }
(exec 3<>"/dev/tcp/127.0.0.1/$HTTP") 2>/dev/null && { echo "bench: port $HTTP is in use" >&2; exit 1; }

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/jwt-private.pem" 2>/dev/null
openssl pkey -in "$WORK/jwt-private.pem" -pubout -out "$WORK/jwt-public.pem"
KEY=$(openssl rand -base64 32)
now() { date +%s%N; }

run() { # prints the milliseconds from launch to ready, and Quarkus's own figure
  local t0 t1 pid
  t0=$(now)
  QUARKUS_HTTP_PORT=$HTTP QUARKUS_DATASOURCE_USERNAME=postgres \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$SCHEMA" QUARKUS_FLYWAY_SCHEMAS=$SCHEMA \
  MP_JWT_VERIFY_PUBLICKEY_LOCATION="$WORK/jwt-public.pem" MP_JWT_VERIFY_ISSUER=https://id.xs-office.dev \
  MAIL_CRYPTO_KEY="$KEY" MAIL_SYSTEM_SMTP_HOST=127.0.0.1 MAIL_SYSTEM_SMTP_PORT=2599 MAIL_SYSTEM_SMTP_SECURITY=NONE \
  MAIL_SYSTEM_SMTP_FROM=bounce@mail.xs-office.no MAIL_SMTP_EHLO_NAME=bench.xs-office.no \
    java -Xmx576m -XX:+UseSerialGC ${BENCH_JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar > "$WORK/service.log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "localhost:$HTTP/q/health/ready"; do
    kill -0 "$pid" 2>/dev/null || { echo "bench: the service stopped:" >&2; tail -20 "$WORK/service.log" >&2; exit 1; }
    sleep 0.02
  done
  t1=$(now)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  [ -z "${BENCH_KEEP_LOG:-}" ] || cp "$WORK/service.log" "$BENCH_KEEP_LOG"
  echo "$(( (t1 - t0) / 1000000 )) $(grep -o 'started in [0-9.]*s' "$WORK/service.log" | grep -o '[0-9.]*' || echo '?')"
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

echo "start-up to ready, $(nproc) cores, -Xmx576m -XX:+UseSerialGC, $R runs each"
for state in empty migrated; do
  : > "$WORK/$state"
  for i in $(seq "$R"); do
    [ "$state" = empty ] && PGOPTIONS="-c client_min_messages=warning" psql -q -h 127.0.0.1 -U postgres -d test -c "drop schema if exists $SCHEMA cascade" >/dev/null
    read -r ms quarkus < <(run)
    echo "$ms" >> "$WORK/$state"
    printf '  %-8s run %d: %5d ms to ready (Quarkus: started in %ss)\n' "$state" "$i" "$ms" "$quarkus"
  done
  echo "$state schema: median $(median < "$WORK/$state") ms to ready"
done
PGOPTIONS="-c client_min_messages=warning" psql -q -h 127.0.0.1 -U postgres -d test -c "drop schema if exists $SCHEMA cascade" >/dev/null
