#!/usr/bin/env bash
# Delivery benchmark: raw SMTP, Postfix and xs-mail side by side, in one run, on this machine.
#
#   apt-get install postfix apache2-utils      # once: smtp-source, smtp-sink, Postfix and ab
#   ./mvnw package -DskipTests                  # the service's fast-jar
#   bench/run.sh [N messages] [C concurrency]  # default 3000 and 20
#   BENCH_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/xs.jfr" bench/run.sh   # to profile the service
#
# 1. raw:     smtp-source -> smtp-sink                                (the SMTP ceiling)
# 2. postfix: smtp-source -> Postfix (loopback, relayhost = sink) -> smtp-sink
# 3. xs-mail: ab -k POST /messages -> outbox (PostgreSQL) -> relay -> smtp-sink
# Each run is timed until the sink has counted all N messages.
# The system Postfix is reconfigured for loopback relaying to the sink; the script says so.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${1:-3000}
C=${2:-20}
SINK=127.0.0.1:2526
HTTP=8090
SCHEMA=xs_mail_bench
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

need() { command -v "$1" >/dev/null || { echo "bench: '$1' is missing: apt-get install postfix apache2-utils" >&2; exit 1; }; }
need smtp-sink; need smtp-source; need ab; need postfix; need psql
JAR=${BENCH_JAR:-target/quarkus-app/quarkus-run.jar}   # another build, e.g. an earlier commit's, to compare with
[ -f "$JAR" ] || { echo "bench: build first: ./mvnw package -DskipTests" >&2; exit 1; }

now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.${2:-1}f\", $1 }"; }
rate() { calc "$1 / ($3 - $2)"; }
# The sink counts delivered messages on its output ("… mesg=N\r"); a phase ends when it has all N.
sink() { smtp-sink -u nobody -c "$SINK" 1024 > "$WORK/sink.out" 2>&1 & echo $!; }
delivered() { tr '\r' '\n' < "$WORK/sink.out" | grep -o 'mesg=[0-9]*' | tail -1 | cut -d= -f2; }
wait_sink() {
  local pid=$1 seen=-1 still=0 count
  until [ "$(delivered)" = "$N" ]; do
    kill -0 "$pid" 2>/dev/null || { echo "bench: the sink stopped" >&2; exit 1; }
    count=$(delivered); count=${count:-0}
    if [ "$count" = "$seen" ]; then still=$((still + 1)); else seen=$count; still=0; fi
    [ "$still" -lt 3000 ] || { echo "bench: no message reached the sink for 60 s ($count of $N)" >&2; exit 1; }
    sleep 0.02
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
in_use() { (exec 3<>"/dev/tcp/${1%:*}/${1#*:}") 2>/dev/null; }
for port in "$SINK" "127.0.0.1:$HTTP"; do
  ! in_use "$port" || { echo "bench: $port is already in use; stop what listens there first" >&2; exit 1; }
done

echo "N=$N messages of ~1 KB, concurrency C=$C, $(nproc) cores"

# 1. raw SMTP
pid=$(sink); sleep 0.3
t0=$(now); smtp-source -s "$C" -m "$N" -l 1024 -f bench@source.example -t sink@sink.example "$SINK"; wait_sink "$pid"; t1=$(now)
RAW=$(rate "$N" "$t0" "$t1")
echo "raw smtp-source -> smtp-sink:          $RAW msg/s"

# 2. Postfix relaying to the sink
postconf -e "inet_interfaces = loopback-only" "mydestination =" "relayhost = [127.0.0.1]:2526" \
  "smtp_destination_concurrency_limit = $C" "default_destination_concurrency_limit = $C" "mynetworks = 127.0.0.0/8"
postfix stop >/dev/null 2>&1 || true
postfix start >/dev/null 2>&1; sleep 1
pid=$(sink); sleep 0.3
t0=$(now); smtp-source -s "$C" -m "$N" -l 1024 -f bench@source.example -t sink@sink.example 127.0.0.1:25; wait_sink "$pid"; t1=$(now)
POSTFIX=$(rate "$N" "$t0" "$t1")
echo "Postfix smtp-source -> Postfix -> sink: $POSTFIX msg/s"
postfix stop >/dev/null 2>&1 || true

# 3. xs-mail through its outbox (warmed up first: the sink of the warm-up is not counted)
psql -q -h 127.0.0.1 -U postgres -d postgres -c "drop schema if exists $SCHEMA cascade" >/dev/null
. bench/tokens.sh
QUARKUS_HTTP_PORT=$HTTP \
QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=$SCHEMA" \
QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_FLYWAY_SCHEMAS=$SCHEMA \
MP_JWT_VERIFY_PUBLICKEY_LOCATION="$PWD/$KEY_DIR/jwt-public.pem" MP_JWT_VERIFY_ISSUER=https://id.xs-office.dev \
MAIL_CRYPTO_KEY="$(openssl rand -base64 32)" \
MAIL_SYSTEM_SMTP_HOST=127.0.0.1 MAIL_SYSTEM_SMTP_PORT=2526 MAIL_SYSTEM_SMTP_SECURITY=NONE \
MAIL_DNS_SERVERS=127.0.0.1:9 \
  java ${BENCH_JAVA_OPTS:-} -jar "$JAR" > "$WORK/service.log" 2>&1 &
SERVICE=$!
started=$(now)
until curl -sf "localhost:$HTTP/q/health/ready" >/dev/null; do
  kill -0 $SERVICE 2>/dev/null || { cat "$WORK/service.log"; exit 1; }; sleep 0.1
done
echo "xs-mail ready in $(calc "$(now) - $started") s"

TOKEN=$(token bench user)

text=$(head -c 700 /dev/zero | tr '\0' 'x')
printf '{"to":["Mottaker <sink@sink.example>"],"subject":"Benchmark","text":"%s"}' "$text" > "$WORK/message.json"
curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" "localhost:$HTTP/api/v1/users/me/smtp-profile"

# warm-up, not timed: the JIT compiles the hot paths (Postfix is native code); two rounds of N messages,
# each delivered before the next, as a service that has been running a while is
pid=$(sink); sleep 0.3
for round in 1 2; do
  ab -q -k -n "$N" -c "$C" -p "$WORK/message.json" -T application/json -H "Authorization: Bearer $TOKEN" \
    "http://127.0.0.1:$HTTP/api/v1/users/me/messages" > /dev/null
  until psql -qtA -h 127.0.0.1 -U postgres -d postgres \
    -c "select count(*) from $SCHEMA.outbox_message where status <> 'SENT'" | grep -qx 0; do sleep 0.2; done
done
kill "$pid"; wait "$pid" 2>/dev/null || true
for round in 1 2; do
  for path in q/health/live api/v1/users/me/smtp-profile; do
    ab -q -k -n $((N * 3)) -c "$C" -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$HTTP/$path" > /dev/null
  done
done

pid=$(sink); sleep 0.3
t0=$(now)
ab -q -k -n "$N" -c "$C" -p "$WORK/message.json" -T application/json -H "Authorization: Bearer $TOKEN" \
  "http://127.0.0.1:$HTTP/api/v1/users/me/messages" > "$WORK/accept.txt"
t_accepted=$(now)
wait_sink "$pid"; t1=$(now)
XSMAIL=$(rate "$N" "$t0" "$t1")
ACCEPT=$(rate "$N" "$t0" "$t_accepted")
non2xx=$(awk '/Non-2xx responses/ {print $3}' "$WORK/accept.txt"); non2xx=${non2xx:-0}
p50=$(awk '$1=="50%" {print $2}' "$WORK/accept.txt"); p99=$(awk '$1=="99%" {print $2}' "$WORK/accept.txt")
echo "xs-mail POST -> outbox -> relay -> sink: $XSMAIL msg/s (accepted at $ACCEPT msg/s, p50 ${p50} ms, p99 ${p99} ms, non-2xx $non2xx)"

# settings reads against the framework's ceiling on the same server: three alternating rounds of 10N
# requests each (a short run on 2 cores swings by a third), the median of each
reads() { ab -q -k -n $((N * 10)) -c "$C" -H "Authorization: Bearer $TOKEN" "$1" | awk '/Requests per second/ {print $4}'; }
median() { printf '%s\n' "$@" | sort -g | sed -n 2p; }
lives=(); profiles=()
for round in 1 2 3; do
  lives+=("$(reads "http://127.0.0.1:$HTTP/q/health/live")")
  profiles+=("$(reads "http://127.0.0.1:$HTTP/api/v1/users/me/smtp-profile")")
done
LIVE=$(median "${lives[@]}"); PROFILE=$(median "${profiles[@]}")
RSS=$(awk '/VmHWM/ {print $2}' /proc/$SERVICE/status)

echo
echo "xs-mail / Postfix:        $(calc "$XSMAIL / $POSTFIX" 2)"
echo "xs-mail / raw:            $(calc "$XSMAIL / $RAW" 2)"
echo "settings reads:           $PROFILE req/s vs /q/health/live $LIVE req/s = $(calc "$PROFILE / $LIVE" 2) (rounds: ${profiles[*]} vs ${lives[*]})"
echo "xs-mail peak RSS:         $((RSS / 1024)) MiB"
