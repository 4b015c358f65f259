#!/usr/bin/env bash
# Delivery-events benchmark: how far events lag the mail they tell of, on this machine, in one run.
#
#   apt-get install postfix apache2-utils      # once: smtp-sink and ab
#   ./mvnw package -DskipTests                  # the service's fast-jar
#   bench/events.sh [N messages] [C concurrency]   # default 5000 and 20
#
# ab POSTs N messages for one organisation with one webhook endpoint (message.sent); the relay is smtp-sink, the
# endpoint a small HTTP receiver on loopback (keep-alive, answers 200 at once). Printed: the mail rate (POST to the
# sink's last message), the event rate (POST to the receiver's last event) and the last event's lag behind the
# last mail, which is what a CRM waiting for "sent" sees.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${1:-5000}
C=${2:-20}
SINK=127.0.0.1:2527
HTTP=8094
HOOK=8095
SCHEMA=xs_mail_bench_events
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

need() { command -v "$1" >/dev/null || { echo "bench: '$1' is missing: apt-get install postfix apache2-utils" >&2; exit 1; }; }
need smtp-sink; need ab; need psql; need python3
JAR=${BENCH_JAR:-target/quarkus-app/quarkus-run.jar}   # another build, e.g. an earlier commit's, to compare with
[ -f "$JAR" ] || { echo "bench: build first: ./mvnw package -DskipTests" >&2; exit 1; }
for port in "$SINK" "127.0.0.1:$HTTP" "127.0.0.1:$HOOK"; do
  ! (exec 3<>"/dev/tcp/${port%:*}/${port#*:}") 2>/dev/null || { echo "bench: $port is in use" >&2; exit 1; }
done
now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.${2:-1}f\", $1 }"; }

# the relay: counts messages on its output ("… mesg=N\r")
smtp-sink -u nobody -c "$SINK" 1024 > "$WORK/sink.out" 2>&1 &
delivered() { tr '\r' '\n' < "$WORK/sink.out" | grep -o 'mesg=[0-9]*' | tail -1 | cut -d= -f2; }

# the webhook receiver: appends the arrival time of each message.sent event to a file
cat > "$WORK/receiver.py" <<'PY'
import sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
out = open(sys.argv[2], "a", buffering=1)
class Hook(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if b'"message.sent"' in body:
            out.write("%.6f\n" % time.time())
        self.send_response(200); self.send_header("Content-Length", "0"); self.end_headers()
    def log_message(self, *args):
        pass
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Hook).serve_forever()
PY
: > "$WORK/events.txt"
python3 "$WORK/receiver.py" "$HOOK" "$WORK/events.txt" &
events() { wc -l < "$WORK/events.txt" | tr -d ' '; }

psql -q -h 127.0.0.1 -U postgres -d postgres -c "drop schema if exists $SCHEMA cascade" 2>/dev/null >/dev/null
. bench/tokens.sh
QUARKUS_HTTP_PORT=$HTTP \
QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=$SCHEMA" \
QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_FLYWAY_SCHEMAS=$SCHEMA \
MP_JWT_VERIFY_PUBLICKEY_LOCATION="$PWD/$KEY_DIR/jwt-public.pem" MP_JWT_VERIFY_ISSUER=https://id.xs-office.dev \
MAIL_CRYPTO_KEY="$(openssl rand -base64 32)" MAIL_TRANSPORT_ALLOW_PRIVATE_HOSTS=true \
MAIL_SYSTEM_SMTP_HOST=127.0.0.1 MAIL_SYSTEM_SMTP_PORT=${SINK#*:} MAIL_SYSTEM_SMTP_SECURITY=NONE \
MAIL_DNS_SERVERS=127.0.0.1:9 \
  java -Xmx576m -XX:+UseSerialGC ${BENCH_JAVA_OPTS:-} -jar "$JAR" > "$WORK/service.log" 2>&1 &
SERVICE=$!
until curl -sf "localhost:$HTTP/q/health/ready" >/dev/null; do
  kill -0 $SERVICE 2>/dev/null || { cat "$WORK/service.log"; exit 1; }; sleep 0.1
done

USER_TOKEN=$(token bench user)
ADMIN_TOKEN=$(token admin org-admin)
curl -sf -o /dev/null -X POST -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
  -d "{\"url\":\"http://127.0.0.1:$HOOK/hook\",\"events\":[\"message.sent\"]}" "localhost:$HTTP/api/v1/organizations/bench/webhooks"

text=$(head -c 700 /dev/zero | tr '\0' 'x')
printf '{"to":["Mottaker <sink@sink.example>"],"subject":"Benchmark","text":"%s"}' "$text" > "$WORK/message.json"
post() {
  ab -q -k -n "$1" -c "$C" -p "$WORK/message.json" -T application/json -H "Authorization: Bearer $USER_TOKEN" \
    "http://127.0.0.1:$HTTP/api/v1/users/me/messages" > "$WORK/accept.txt"
}
wait_for() { # $1: a command printing a count, $2: the count
  local seen=-1 still=0 count
  until [ "$($1)" -ge "$2" ]; do
    count=$($1); count=${count:-0}
    if [ "$count" = "$seen" ]; then still=$((still + 1)); else seen=$count; still=0; fi
    [ "$still" -lt 3000 ] || { echo "bench: stuck at $count of $2 for 60 s" >&2; exit 1; }
    sleep 0.02
  done
}
sunk() { local d; d=$(delivered); echo "${d:-0}"; }

echo "N=$N messages of ~1 KB, concurrency C=$C, $(nproc) cores, one webhook endpoint"
# warm-up, not timed: a fifth of N, mail and events both through
W=$((N / 5)); post "$W"; wait_for sunk "$W"; wait_for events "$W"
base_mail=$(sunk); base_events=$(events)

t0=$(now); post "$N"; t_accepted=$(now)
wait_for sunk $((base_mail + N)); t_mail=$(now)
wait_for events $((base_events + N)); t_events=$(now)
last_event=$(tail -1 "$WORK/events.txt")
echo "mail:   $(calc "$N / ($t_mail - $t0)") msg/s end to end (accepted at $(calc "$N / ($t_accepted - $t0)") msg/s)"
echo "events: $(calc "$N / ($last_event - $t0)") events/s; the last event $(calc "$last_event - $t_mail" 2) s after the last mail"
