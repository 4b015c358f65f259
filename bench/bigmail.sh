#!/usr/bin/env bash
# Big-mail benchmark: does one replica, in the heap of its 768 MiB container, accept and
# deliver big messages, many at once and as a backlog, without running out of memory?
#
#   ./mvnw package -DskipTests                       # the service's fast-jar
#   bench/bigmail.sh [COUNT] [MiB] [CONCURRENCY]     # default 20 messages of one 20 MiB attachment, 5 at a time
#   BENCH_JAVA_OPTS="-Xmx576m -XX:+UseSerialGC -XX:StartFlightRecording=filename=/tmp/big.jfr" bench/bigmail.sh
#
# The JVM runs as in its container (src/main/docker/Dockerfile.jvm): a 576 MiB heap (75 % of 768 MiB) and
# the serial collector, which the image names and which the JVM would pick by itself in a container of
# under 1792 MiB. On this larger machine it would pick G1, whose own bookkeeping adds about 50 MiB.
#
# Two phases, each against a freshly started service and a freshly created schema:
# 1. big mail: COUNT messages POSTed CONCURRENCY at a time, delivered to a relay sink that is up;
# 2. backlog:  the same COUNT messages accepted while the relay is down; the sink is started
#              BENCH_RELAY_DOWN seconds (60) after the last 202, and the backlog must drain into it.
# A 503 with Retry-After means "send it again then": it is retried and counted. Any other non-2xx
# answer, no answer, an OutOfMemoryError in the service's log or the service dying is a failure; after
# an OutOfMemoryError nothing more is sent (the JVM's state is then undefined: what it does next is no figure).
# Sizes are in MiB (1 048 576 bytes), as the service's "25 MB" limit is: MAIL_SEND_MAX_BYTES = 26 214 400.
# Figures: accepted, 503 retries, delivered (distinct Message-IDs at the sink, and copies), time to
# accept all, time until all delivered, peak RSS (VmHWM) against 768 MiB, OutOfMemoryError in the
# log, and the outbox's size in PostgreSQL against the sum of the messages' encoded sizes (goal ≤ 1.5×).
#
# Self-contained and loopback only: the relay sink is a small asyncio SMTP server in Python 3 (it counts
# messages and discards their bodies); the service listens on 127.0.0.1:$BENCH_HTTP_PORT (8091), the
# sink on 127.0.0.1:$BENCH_SMTP_PORT (2527), and both ports must be free. Database `test` on the local
# PostgreSQL, schema xs_mail_bench_big, dropped at the start of each phase and at the end
# (BENCH_KEEP_SCHEMA=1 keeps the last one). Every wait is bounded, and BENCH_TIME_LIMIT (1800 s)
# bounds the whole run; whatever the script started is stopped on exit, Ctrl-C and errors.
# Exit status: 0 when every goal is met, 1 when the service failed one (the figures say which),
# 2 when the benchmark itself could not run.
set -euo pipefail
cd "$(dirname "$0")/.."
# The bench's token key pair, made once into target/ (no key is kept in the repository)
KEY_DIR=target/bench-keys
if [ ! -f "$KEY_DIR/jwt-private.pem" ]; then
  mkdir -p "$KEY_DIR"
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEY_DIR/jwt-private.pem" 2>/dev/null
  openssl pkey -in "$KEY_DIR/jwt-private.pem" -pubout -out "$KEY_DIR/jwt-public.pem"
fi

COUNT=${1:-20}
MIB=${2:-20}
CONCURRENCY=${3:-5}
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx576m -XX:+UseSerialGC}
HTTP_PORT=${BENCH_HTTP_PORT:-8091}
SMTP_PORT=${BENCH_SMTP_PORT:-2527}
RELAY_DOWN=${BENCH_RELAY_DOWN:-60}                # seconds the backlog waits for the relay
ACCEPT_TIMEOUT=${BENCH_ACCEPT_TIMEOUT:-300}       # seconds for all POSTs of a phase, retries included
REQUEST_TIMEOUT=${BENCH_REQUEST_TIMEOUT:-120}     # seconds for one POST (curl --max-time)
DELIVERY_TIMEOUT=${BENCH_DELIVERY_TIMEOUT:-300}   # seconds for the sink to get everything accepted
STALL_TIMEOUT=${BENCH_STALL_TIMEOUT:-120}         # seconds without a new message at the sink
TIME_LIMIT=${BENCH_TIME_LIMIT:-1800}              # seconds for the whole run
CONTAINER_MIB=768
RATIO_GOAL=1.5
SCHEMA=xs_mail_bench_big
DATABASE=test
# Retries are short so that the backlog drains soon after the relay returns (the defaults are 5m and 1h).
BACKOFF_INITIAL=5s
BACKOFF_MAX=10s

fail_setup() { echo "bigmail: $*" >&2; exit 2; }
[[ $COUNT =~ ^[1-9][0-9]*$ && $CONCURRENCY =~ ^[1-9][0-9]*$ && $MIB =~ ^[0-9]+(\.[0-9]+)?$ ]] \
  || fail_setup "usage: bench/bigmail.sh [COUNT] [MiB per attachment] [CONCURRENCY] (got '$COUNT' '$MIB' '$CONCURRENCY')"
[ -f target/quarkus-app/quarkus-run.jar ] || fail_setup "build first: ./mvnw package -DskipTests"
for tool in java python3 psql curl openssl base64 jq awk; do
  command -v "$tool" >/dev/null || fail_setup "'$tool' is missing"
done
psql -qAt -h 127.0.0.1 -U postgres -d "$DATABASE" -c 'select 1' >/dev/null 2>&1 \
  || fail_setup "PostgreSQL on 127.0.0.1:5432 (user postgres, database $DATABASE) does not answer"

WORK=$(mktemp -d /tmp/bigmail.XXXXXX)
SERVICE=""; SINK=""; SAMPLER=""; WATCHDOG=""; WORKERS=()

# --- cleanup: stop exactly what this script started, by process id --------------------------------------

kill_tree() {   # a process, then its descendants (a worker subshell and its curl, the watchdog and its sleep)
  local pid=$1 child children
  children=$(pgrep -P "$pid" 2>/dev/null || true)
  kill "$pid" 2>/dev/null || true    # the parent first, so that it starts nothing more
  for child in $children; do kill_tree "$child"; done
}
stop_service() {   # TERM lets it release its claims; KILL if it has not gone after 30 s
  [ -n "$SERVICE" ] || return 0
  kill "$SERVICE" 2>/dev/null || true
  for _ in $(seq 300); do kill -0 "$SERVICE" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$SERVICE" 2>/dev/null || true
  wait "$SERVICE" 2>/dev/null || true
  SERVICE=""
}
stop_sink() { [ -z "$SINK" ] || { kill "$SINK" 2>/dev/null || true; wait "$SINK" 2>/dev/null || true; SINK=""; }; }
stop_sampler() { [ -z "$SAMPLER" ] || { kill_tree "$SAMPLER"; wait "$SAMPLER" 2>/dev/null || true; SAMPLER=""; }; }
drop_schema() { psql -q -h 127.0.0.1 -U postgres -d "$DATABASE" -c "drop schema if exists $SCHEMA cascade" >/dev/null 2>&1 || true; }
cleanup() {
  local pid
  for pid in "${WORKERS[@]}"; do kill_tree "$pid"; done
  stop_sampler; stop_sink; stop_service
  [ -z "$WATCHDOG" ] || kill_tree "$WATCHDOG"
  [ "${BENCH_KEEP_SCHEMA:-0}" = 1 ] || drop_schema
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'echo "bigmail: interrupted" >&2; exit 130' INT
trap 'echo "bigmail: stopped (overall time limit ${TIME_LIMIT} s, or TERM)" >&2; exit 143' TERM
( sleep "$TIME_LIMIT"; kill -TERM $$ ) & WATCHDOG=$!

# --- small helpers ---------------------------------------------------------------------------------------

now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.${2:-1}f\", ($1) }"; }   # parenthesised: a bare ">" would redirect printf
sql() { psql -qAt -F ' ' -h 127.0.0.1 -U postgres -d "$DATABASE" -c "$1"; }
in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
require_free() { ! in_use "$1" || fail_setup "127.0.0.1:$1 is already in use; stop what listens there or set $2"; }
oom_in() { grep -q 'OutOfMemoryError' "$1" 2>/dev/null; }
alive() {   # running, not a zombie waiting to be reaped (workers are not its parent)
  [ -n "$SERVICE" ] && kill -0 "$SERVICE" 2>/dev/null && ! grep -qs '^State:[[:space:]]*Z' "/proc/$SERVICE/status"
}

# --- the relay sink: an SMTP server that counts messages and discards their bodies -----------------------
# Python's smtpd module is gone from 3.12, and Postfix's smtp-sink needs an install, so the sink is written
# here with asyncio. The body is scanned in chunks for the terminating CRLF.CRLF (not line by line: a
# 27 MB message is 370 000 lines, and the sink shares two cores with the service). One line per message
# on stdout: "msg <n> <bytes> <Message-ID>", from which the script counts deliveries and copies.

write_sink() {
  cat > "$WORK/sink.py" <<'PY'
import asyncio, re, sys

MESSAGE_ID = re.compile(rb"^message-id:[ \t]*(<[^>\r\n]*>)", re.I | re.M)
TERMINATOR = b"\r\n.\r\n"
count = 0

class Session(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport, self.buffer, self.in_data = transport, bytearray(), False
        transport.write(b"220 bench-sink ESMTP\r\n")

    def data_received(self, data):
        self.buffer += data
        while self.buffer and not self.transport.is_closing():
            if self.in_data:
                if not self.body():
                    return
            else:
                end = self.buffer.find(b"\n")
                if end < 0:
                    if len(self.buffer) > 8192:
                        self.transport.write(b"500 line too long\r\n"); self.buffer.clear()
                    return
                line = bytes(self.buffer[:end]).rstrip(b"\r")
                del self.buffer[:end + 1]
                self.command(line)

    def command(self, line):
        verb = line[:4].upper()
        if verb == b"EHLO":
            self.transport.write(b"250-bench-sink\r\n250-8BITMIME\r\n250 SIZE 209715200\r\n")
        elif verb in (b"HELO", b"MAIL", b"RCPT", b"RSET", b"NOOP"):
            self.transport.write(b"250 OK\r\n")
        elif verb == b"DATA":
            # The CRLF before the body lets an empty body's "." end it like any other.
            self.in_data, self.size, self.head = True, -2, bytearray()
            self.buffer[:0] = b"\r\n"
            self.transport.write(b"354 go ahead\r\n")
        elif verb == b"QUIT":
            self.transport.write(b"221 bye\r\n"); self.transport.close()
        else:
            self.transport.write(b"502 not implemented\r\n")

    def body(self):
        end = self.buffer.find(TERMINATOR)
        if end < 0:                          # keep what may be the start of the terminator
            keep = len(self.buffer) - len(TERMINATOR) + 1
            if keep > 0:
                self.consume(self.buffer[:keep]); del self.buffer[:keep]
            return False
        self.consume(self.buffer[:end + 2])
        del self.buffer[:end + len(TERMINATOR)]
        self.in_data = False
        global count
        count += 1
        found = MESSAGE_ID.search(bytes(self.head))
        print("msg", count, self.size, found.group(1).decode("ascii", "replace") if found else "-", flush=True)
        self.transport.write(b"250 2.0.0 Ok: queued as bench%d\r\n" % count)
        return True

    def consume(self, chunk):
        self.size += len(chunk)
        if len(self.head) < 65536:
            self.head += chunk[:65536 - len(self.head)]

async def main(port):
    server = await asyncio.get_running_loop().create_server(Session, "127.0.0.1", port)
    print("listening", port, flush=True)
    async with server:
        await server.serve_forever()

asyncio.run(main(int(sys.argv[1])))
PY
}

start_sink() {   # $1: its output file
  require_free "$SMTP_PORT" BENCH_SMTP_PORT
  python3 "$WORK/sink.py" "$SMTP_PORT" > "$1" 2>&1 & SINK=$!
  for _ in $(seq 100); do grep -qs '^listening' "$1" && return 0; kill -0 "$SINK" 2>/dev/null || break; sleep 0.1; done
  cat "$1" >&2; fail_setup "the relay sink did not start"
}
sink_copies() { grep -c '^msg ' "$1" 2>/dev/null || true; }
sink_distinct() { awk '$1 == "msg" && $4 != "-" && !seen[$4]++ { n++ } END { print n + 0 }' "$1" 2>/dev/null || echo 0; }

# --- the service --------------------------------------------------------------------------------------------

# Caller's MAIL_* and QUARKUS_* variables reach the service too (e.g. MAIL_SEND_MAX_BYTES); the script's own
# settings below win, and any others are shown in the output so that a figure is never taken from a run
# configured differently without saying so.
OWN_VARS="QUARKUS_HTTP_HOST QUARKUS_HTTP_PORT QUARKUS_DATASOURCE_JDBC_URL QUARKUS_DATASOURCE_USERNAME QUARKUS_FLYWAY_SCHEMAS MAIL_CRYPTO_KEY
  MAIL_SYSTEM_SMTP_HOST MAIL_SYSTEM_SMTP_PORT MAIL_SYSTEM_SMTP_SECURITY MAIL_SYSTEM_SMTP_FROM
  MAIL_DELIVERY_BACKOFF_INITIAL MAIL_DELIVERY_BACKOFF_MAX MAIL_DNS_SERVERS"
inherited_settings() {
  { env | grep -E '^(MAIL|QUARKUS|MP_JWT)_' || true; } | cut -d= -f1 | while read -r name; do
    [[ " $(echo $OWN_VARS) MP_JWT_VERIFY_PUBLICKEY_LOCATION MP_JWT_VERIFY_ISSUER " == *" $name "* ]] || echo "$name=${!name}"
  done
}

start_service() {   # $1: its log file. The environment is PackagedService's (src/test/…/faults), against our schema.
  require_free "$HTTP_PORT" BENCH_HTTP_PORT
  drop_schema
  # shellcheck disable=SC2086 # JAVA_OPTS holds several options
  QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$HTTP_PORT \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$DATABASE?currentSchema=$SCHEMA" \
  QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_FLYWAY_SCHEMAS=$SCHEMA \
  MP_JWT_VERIFY_PUBLICKEY_LOCATION="$PWD/$KEY_DIR/jwt-public.pem" MP_JWT_VERIFY_ISSUER=https://id.xs-office.dev \
  MAIL_CRYPTO_KEY="$(openssl rand -base64 32)" \
  MAIL_SYSTEM_SMTP_HOST=127.0.0.1 MAIL_SYSTEM_SMTP_PORT=$SMTP_PORT MAIL_SYSTEM_SMTP_SECURITY=NONE \
  MAIL_SYSTEM_SMTP_FROM=bounces@bench.example MAIL_DNS_SERVERS=127.0.0.1:9 \
  MAIL_DELIVERY_BACKOFF_INITIAL=$BACKOFF_INITIAL MAIL_DELIVERY_BACKOFF_MAX=$BACKOFF_MAX \
    java $JAVA_OPTS -jar target/quarkus-app/quarkus-run.jar > "$1" 2>&1 & SERVICE=$!
  local started; started=$(now)
  for _ in $(seq 900); do
    curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$HTTP_PORT/q/health/ready" && break
    alive || { tail -30 "$1" >&2; fail_setup "the service exited at start-up (log above)"; }
    sleep 0.1
  done
  curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$HTTP_PORT/q/health/ready" \
    || { tail -30 "$1" >&2; fail_setup "the service was not ready within 90 s"; }
  echo "  service ready in $(calc "$(now) - $started") s (pid $SERVICE)"
  start_sampler
}

# VmHWM (the peak resident set) is read every half second, so that the peak is known even when the
# process dies before the end of the phase.
start_sampler() {
  local pid=$SERVICE
  echo 0 > "$WORK/hwm"
  ( while kill -0 "$pid" 2>/dev/null; do
      awk '/^VmHWM/ { print $2 }' "/proc/$pid/status" 2>/dev/null > "$WORK/hwm.next" && [ -s "$WORK/hwm.next" ] \
        && mv "$WORK/hwm.next" "$WORK/hwm"
      sleep 0.5
    done ) & SAMPLER=$!
}
peak_rss_mib() { awk '{ printf "%d", $1 / 1024 }' "$WORK/hwm"; }

# A token signed with the dev key, as bench/run.sh makes it (the prod build has no /dev/token).
make_token() {
  b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
  local header payload signature
  header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
  payload=$(printf '{"iss":"https://id.xs-office.dev","sub":"bench","org":"bench","groups":["user"],"email":"bench@firma.no","iat":%d,"exp":%d}' \
    "$(date +%s)" "$(( $(date +%s) + TIME_LIMIT + 600 ))" | b64url)
  signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$KEY_DIR/jwt-private.pem" -binary | b64url)
  echo "$header.$payload.$signature"
}

# --- sending ------------------------------------------------------------------------------------------------

# One message body for all: a text part and one attachment of random bytes, base64 in the JSON.
write_message() {
  local bytes=$1
  { printf '{"to":["Mottaker <sink@sink.example>"],"subject":"Big mail benchmark","text":"Vedlagt.",'
    printf '"attachments":[{"filename":"big.bin","contentType":"application/octet-stream","content":"'
    head -c "$bytes" /dev/urandom | base64 -w0
    printf '"}]}'
  } > "$WORK/message.json"
}

# POST one message until it has a final answer: 2xx, or a failure. A 503 with Retry-After is waited out and
# sent again (bounded by the phase's deadline). One result line per message:
#   <index> <final code> <503 retries> <seconds> <detail>
post_one() {
  local index=$1 deadline=$2 retries=0 code started wait detail rc
  started=$(now)
  while :; do
    if ! alive; then
      printf '%s DIED %d %s %s\n' "$index" "$retries" "$(calc "$(now) - $started")" "not sent: the service is not running" >> "$WORK/results"; return
    fi
    rc=0
    code=$(curl -sS -o "$WORK/body.$index" -D "$WORK/headers.$index" -w '%{http_code}' --max-time "$REQUEST_TIMEOUT" \
      --connect-timeout 5 -H 'Expect:' -H 'Content-Type: application/json' -H @"$WORK/auth" \
      --data-binary @"$WORK/message.json" "http://127.0.0.1:$HTTP_PORT/api/v1/users/me/messages" 2> "$WORK/curl.$index") || rc=$?
    if [ "$rc" != 0 ]; then
      detail="no answer: curl exit $rc: $(tr '\n' ' ' < "$WORK/curl.$index" | cut -c1-160)"
      printf '%s NOANSWER %d %s %s\n' "$index" "$retries" "$(calc "$(now) - $started")" "$detail" >> "$WORK/results"; return
    fi
    if [ "$code" = 503 ]; then
      wait=$(tr -d '\r' < "$WORK/headers.$index" | awk -F': *' 'tolower($1) == "retry-after" { print $2 }' | tail -1)
      if [[ $wait =~ ^[0-9]+$ ]] && [ "$(calc "$(now) + $wait < $deadline" 0)" = 1 ]; then
        retries=$((retries + 1)); sleep "$wait"; continue
      fi
      [[ $wait =~ ^[0-9]+$ ]] && detail="503: Retry-After $wait s would pass the accept deadline" || detail="503 without a Retry-After header"
    elif [[ $code == 2* ]]; then
      detail=$(jq -r '"\(.status) \(.id)"' "$WORK/body.$index" 2>/dev/null || echo '-')
    else
      detail=$(jq -r '.detail // .title // empty' "$WORK/body.$index" 2>/dev/null | tr '\n' ' ' | cut -c1-200)
      [ -n "$detail" ] || detail=$(head -c 200 "$WORK/body.$index" | tr '\n' ' ')
    fi
    printf '%s %s %d %s %s\n' "$index" "$code" "$retries" "$(calc "$(now) - $started")" "$detail" >> "$WORK/results"
    return
  done
}

# CONCURRENCY workers, worker w sending messages w, w+C, w+2C, …: at most C requests at once. A worker stops
# sending when the service has died or logged an OutOfMemoryError (the rest are then recorded as not sent).
send_all() {   # $1: service log; sets ACCEPT_SECONDS
  local log=$1 deadline w t0
  : > "$WORK/results"
  t0=$(now); deadline=$(calc "$t0 + $ACCEPT_TIMEOUT" 3)
  WORKERS=()
  for ((w = 0; w < CONCURRENCY && w < COUNT; w++)); do
    ( for ((i = w; i < COUNT; i += CONCURRENCY)); do
        if oom_in "$log"; then
          printf '%s SKIPPED 0 0 %s\n' "$i" "not sent: OutOfMemoryError in the service log" >> "$WORK/results"
        elif [ "$(calc "$(now) < $deadline" 0)" = 1 ]; then
          post_one "$i" "$deadline"
        else
          printf '%s SKIPPED 0 0 %s\n' "$i" "not sent: accept deadline ${ACCEPT_TIMEOUT} s passed" >> "$WORK/results"
        fi
      done ) & WORKERS+=($!)
  done
  for w in "${WORKERS[@]}"; do wait "$w" || true; done
  WORKERS=()
  ACCEPT_SECONDS=$(calc "$(now) - $t0")
  T0=$t0
}
accepted() { awk '$2 ~ /^2/' "$WORK/results" | wc -l; }
retries_503() { awk '{ n += $3 } END { print n + 0 }' "$WORK/results"; }
# Failures grouped by answer, with the first detail of each: "5 × 500: …", "3 × no answer: …", "15 not sent: …"
# ("|" becomes "/", so that a detail cannot break the table).
failures() {
  awk '$2 !~ /^2/ { n[$2]++; if (!($2 in d)) { d[$2] = ""; for (i = 5; i <= NF; i++) d[$2] = d[$2] " " $i; gsub(/\|/, "/", d[$2]) } }
       END { for (k in n) {
               if (k == "SKIPPED" || k == "DIED") printf "%d%s\n", n[k], d[k]
               else if (k == "NOANSWER") printf "%d ×%s\n", n[k], d[k]
               else printf "%d × %s:%s\n", n[k], k, d[k] } }' "$WORK/results" | sort -rn
}

# --- waiting for delivery -----------------------------------------------------------------------------------

# Until the sink holds every accepted message, or the service has died, or every message is final in the
# outbox without having reached the sink (FAILED), or nothing new arrived for STALL_TIMEOUT, or
# DELIVERY_TIMEOUT passed. Sets DELIVERED_AT (empty if not all arrived) and WAIT_END (why it stopped).
wait_delivered() {   # $1: sink output, $2: expected, $3: service log
  local out=$1 expected=$2 log=$3 started last_change seen=-1 got final polls=0
  started=$(now); last_change=$started; DELIVERED_AT=""; WAIT_END=""
  [ "$expected" -gt 0 ] || { WAIT_END="nothing was accepted"; return; }
  while :; do
    got=$(sink_distinct "$out")
    if [ "$got" -ge "$expected" ]; then DELIVERED_AT=$(now); WAIT_END="all delivered"; wait_recorded "$expected"; return; fi
    [ "$got" = "$seen" ] || { seen=$got; last_change=$(now); }
    alive || { WAIT_END="the service died"; return; }
    if (( polls++ % 4 == 0 )); then
      final=$(sql "select count(*) from $SCHEMA.outbox_message where status in ('SENT', 'FAILED', 'CANCELLED')" 2>/dev/null || echo 0)
      if [ "${final:-0}" -ge "$expected" ]; then
        sleep 1; [ "$(sink_distinct "$out")" -ge "$expected" ] && continue
        WAIT_END="every message is final in the outbox, not all reached the sink"; return
      fi
    fi
    [ "$(calc "$(now) - $last_change > $STALL_TIMEOUT" 0)" = 0 ] || { WAIT_END="nothing new at the sink for ${STALL_TIMEOUT} s"; return; }
    [ "$(calc "$(now) - $started > $DELIVERY_TIMEOUT" 0)" = 0 ] || { WAIT_END="not all delivered within ${DELIVERY_TIMEOUT} s"; return; }
    sleep 0.5
  done
}

# The outcome is recorded shortly after the sink's 250 (the recorder lingers to batch): up to 15 s for every
# delivered message to be SENT in the outbox, so that its final state, and its size, are what is measured.
wait_recorded() {
  local sent
  for _ in $(seq 30); do
    sent=$(sql "select count(*) from $SCHEMA.outbox_message where status = 'SENT'" 2>/dev/null || echo 0)
    [ "${sent:-0}" -lt "$1" ] || return 0
    alive || return 0
    sleep 0.5
  done
  WAIT_END="$WAIT_END, but only ${sent:-0} recorded as SENT after 15 s"
}

# --- the outbox in PostgreSQL -------------------------------------------------------------------------------

# pg_total_relation_size counts a table with its TOAST table and indexes. outbox_body exists from V6 on.
outbox_bytes() {
  sql "select coalesce(sum(pg_total_relation_size(c.oid)), 0) from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = '$SCHEMA' and c.relkind = 'r' and c.relname in ('outbox_message', 'outbox_body', 'delivery_attempt')"
}
outbox_parts() {
  sql "select string_agg(c.relname || ' ' || pg_size_pretty(pg_total_relation_size(c.oid)), ', ' order by c.relname)
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = '$SCHEMA' and c.relkind = 'r' and c.relname in ('outbox_message', 'outbox_body', 'delivery_attempt')"
}
encoded_bytes() { sql "select coalesce(sum(size_bytes), 0) from $SCHEMA.outbox_message"; }
statuses() { sql "select string_agg(status || ' ' || n, ', ' order by status) from (select status, count(*) n from $SCHEMA.outbox_message group by status) s"; }

# The first OutOfMemoryErrors in the log, with the thread and the service's frame they were thrown under
# (prod logs are JSON lines; the JVM's own "Exception in thread …" lines are plain).
oom_lines() {
  local line
  { grep -m5 'OutOfMemoryError' "$1" 2>/dev/null || true; } | while IFS= read -r line; do
    jq -r '"\(.threadName): \(.exception.exceptionType // "?"): \(.exception.message // "")"
           + " in " + ([.exception.frames[]? | select(.class | startswith("no.xsoffice"))
                        | "\(.class | split(".") | last).\(.method):\(.line // "")"][0] // "?")' <<< "$line" 2>/dev/null \
      || echo "$line" | cut -c1-200
  done
}

# --- one phase ------------------------------------------------------------------------------------------------

# Runs a phase and leaves its figures in F_<name>_<phase> variables for the table.
run_phase() {   # $1: big | backlog
  local phase=$1 log="$WORK/service-$1.log" out="$WORK/sink-$1.out" relay_back="" n_accepted db enc
  echo
  [ "$phase" = big ] && echo "phase 1, big mail: $COUNT messages, $CONCURRENCY at a time, the relay up" \
                     || echo "phase 2, backlog: $COUNT messages accepted while the relay is down; the relay returns ${RELAY_DOWN} s after the last 202"
  [ "$phase" = big ] && start_sink "$out" || : > "$out"
  start_service "$log"
  # The header is read from a file, so that the token is not on curl's command line (ps).
  (umask 077; echo "Authorization: Bearer $(make_token)" > "$WORK/auth")
  local probe; probe=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H @"$WORK/auth" \
    "http://127.0.0.1:$HTTP_PORT/api/v1/users/me/smtp-profile" || true)
  [ "$probe" = 200 ] || fail_setup "the token is refused: GET /api/v1/users/me/smtp-profile answered $probe"

  send_all "$log"
  n_accepted=$(accepted)
  echo "  accepted $n_accepted of $COUNT in $ACCEPT_SECONDS s ($(retries_503) retries after 503)"
  failures | sed 's/^/  failed: /'

  if [ "$phase" = backlog ] && [ "$n_accepted" -gt 0 ] && alive; then
    local held; held=$(sql "select count(*) from $SCHEMA.outbox_message where status not in ('SENT', 'FAILED', 'CANCELLED')" || echo '?')
    echo "  relay down: $held waiting in the outbox ($(statuses)); starting the relay in ${RELAY_DOWN} s"
    for _ in $(seq $((RELAY_DOWN * 2))); do alive || break; sleep 0.5; done
    start_sink "$out"; relay_back=$(now)
  fi
  wait_delivered "$out" "$n_accepted" "$log"
  echo "  delivery: $WAIT_END"

  local key="${phase}"
  printf -v "F_accepted_$key" '%s of %s' "$n_accepted" "$COUNT"
  printf -v "F_retries_$key" '%s' "$(retries_503)"
  printf -v "F_failures_$key" '%s' "$(failures | paste -sd '|' - | sed 's/|/; /g')"
  printf -v "F_delivered_$key" '%s of %s accepted (%s copies)' "$(sink_distinct "$out")" "$n_accepted" "$(sink_copies "$out")"
  printf -v "F_accept_$key" '%s s%s' "$ACCEPT_SECONDS" "$([ "$n_accepted" = "$COUNT" ] || echo ' (not all accepted)')"
  if [ -n "$DELIVERED_AT" ] && [ "$phase" = big ]; then
    printf -v "F_delivery_$key" '%s s from the first POST' "$(calc "$DELIVERED_AT - $T0")"
  elif [ -n "$DELIVERED_AT" ]; then
    printf -v "F_delivery_$key" '%s s after the relay returned' "$(calc "$DELIVERED_AT - $relay_back")"
  else
    printf -v "F_delivery_$key" 'not all (%s)' "$WAIT_END"
  fi
  local rss; rss=$(peak_rss_mib)
  printf -v "F_rss_$key" '%s MiB = %s %% of %s MiB' "$rss" "$(calc "100 * $rss / $CONTAINER_MIB" 0)" "$CONTAINER_MIB"
  oom_in "$log" && printf -v "F_oom_$key" 'yes' || printf -v "F_oom_$key" 'no'
  local exit_status=0
  if alive; then printf -v "F_alive_$key" 'yes'
  else wait "$SERVICE" 2>/dev/null || exit_status=$?; printf -v "F_alive_$key" 'no, it exited with status %s' "$exit_status"; fi
  db=$(outbox_bytes 2>/dev/null || echo 0); enc=$(encoded_bytes 2>/dev/null || echo 0)
  if [ "${enc:-0}" -gt 0 ]; then
    printf -v "F_db_$key" '%s MiB for %s MiB encoded = %s× (%s)' "$(calc "$db / 1048576")" "$(calc "$enc / 1048576")" \
      "$(calc "$db / $enc" 2)" "$(outbox_parts)"
    printf -v "F_ratio_$key" '%s' "$(calc "$db / $enc" 2)"
  else
    printf -v "F_db_$key" '%s MiB, no message stored' "$(calc "${db:-0} / 1048576")"
    printf -v "F_ratio_$key" ''
  fi
  printf -v "F_statuses_$key" '%s' "$(statuses 2>/dev/null || echo '?')"
  oom_lines "$log" | sed 's/^/  log: /'

  # The goals: everything accepted and delivered exactly once, within the container, no OOM, alive, outbox ≤ 1.5×.
  local missed=()
  [ "$n_accepted" = "$COUNT" ] || missed+=("accepted")
  [ -n "$DELIVERED_AT" ] || missed+=("delivered")
  [ "$(sink_copies "$out")" = "$(sink_distinct "$out")" ] || missed+=("one copy each")
  [ "$(sql "select count(*) from $SCHEMA.outbox_message where status = 'SENT'" 2>/dev/null || echo 0)" = "$COUNT" ] || missed+=("all SENT in the outbox")
  [ "$rss" -le "$CONTAINER_MIB" ] || missed+=("RSS")
  oom_in "$log" && missed+=("no OutOfMemoryError")
  alive || missed+=("alive")
  local ratio_name="F_ratio_$key"
  [ -n "${!ratio_name}" ] && [ "$(calc "${!ratio_name} <= $RATIO_GOAL" 0)" = 1 ] || missed+=("outbox ≤ ${RATIO_GOAL}×")
  if [ ${#missed[@]} = 0 ]; then printf -v "F_goal_$key" 'met'; else printf -v "F_goal_$key" 'missed: %s' "$(IFS=,; echo "${missed[*]}" | sed 's/,/, /g')"; FAILED=1; fi

  cp "$log" "target/bigmail-service-$phase.log" 2>/dev/null || true
  stop_sampler; stop_sink; stop_service
}

# --- the run --------------------------------------------------------------------------------------------------

BYTES=$(awk "BEGIN { printf \"%d\", $MIB * 1048576 }")
B64=$(( (BYTES + 2) / 3 * 4 ))
MAX_BYTES=${MAIL_SEND_MAX_BYTES:-26214400}
echo "bigmail: $COUNT messages × one $MIB MiB attachment ($BYTES random bytes, $B64 base64 characters), $CONCURRENCY at a time"
echo "service: java $JAVA_OPTS -jar target/quarkus-app/quarkus-run.jar on 127.0.0.1:$HTTP_PORT, relay sink 127.0.0.1:$SMTP_PORT, $(nproc) cores"
echo "retries shortened for the benchmark: MAIL_DELIVERY_BACKOFF_INITIAL=$BACKOFF_INITIAL, MAIL_DELIVERY_BACKOFF_MAX=$BACKOFF_MAX"
settings=$(inherited_settings)
[ -z "$settings" ] || echo "also from the caller's environment: $(echo "$settings" | paste -sd ' ' -)"
# MIME base64 adds a CRLF per 76 characters: this is the least the encoded message can be. Whether the limit
# counts encoded bytes or the attachment's own is the service's decision, so this is a note, not a verdict.
MIME=$(( B64 + B64 / 76 * 2 ))
[ "$MIME" -le "$MAX_BYTES" ] || echo "note: MIME-encoded, the attachment alone is $MIME bytes, over MAIL_SEND_MAX_BYTES ($MAX_BYTES): a limit counted on the encoded message refuses it with 413"

require_free "$HTTP_PORT" BENCH_HTTP_PORT; require_free "$SMTP_PORT" BENCH_SMTP_PORT
write_sink
write_message "$BYTES"
echo "request body: $(stat -c %s "$WORK/message.json") bytes of JSON"
FAILED=0
run_phase big
run_phase backlog

label() { printf '| %-26s | %s | %s |\n' "$1" "$2" "$3"; }
echo
# The build measured is named by the last commit outside bench/ (a commit of this script alone changes no figure).
BUILD=$(git log -1 --format=%h -- . ':!bench' 2>/dev/null || echo '?')
[ -z "$(git status --porcelain -- src pom.xml 2>/dev/null)" ] || BUILD="$BUILD+local changes"
echo "xs-mail big mail, $(date -u +%Y-%m-%d), service at $BUILD: $COUNT × $MIB MiB attachment, $CONCURRENCY at a time, java $JAVA_OPTS, $(nproc) cores"
label "figure" "big mail (relay up)" "backlog (relay down ${RELAY_DOWN} s)"
label "---" "---" "---"
label "accepted (2xx)" "$F_accepted_big" "$F_accepted_backlog"
label "503 retries" "$F_retries_big" "$F_retries_backlog"
label "failed requests" "${F_failures_big:-none}" "${F_failures_backlog:-none}"
label "delivered to the sink" "$F_delivered_big" "$F_delivered_backlog"
label "time to accept all" "$F_accept_big" "$F_accept_backlog"
label "time until all delivered" "$F_delivery_big" "$F_delivery_backlog"
label "peak RSS (VmHWM)" "$F_rss_big" "$F_rss_backlog"
label "OutOfMemoryError in log" "$F_oom_big" "$F_oom_backlog"
label "service alive at the end" "$F_alive_big" "$F_alive_backlog"
label "outbox statuses" "${F_statuses_big:-none}" "${F_statuses_backlog:-none}"
label "outbox in PostgreSQL" "$F_db_big" "$F_db_backlog"
label "goals" "$F_goal_big" "$F_goal_backlog"
echo "(outbox = pg_total_relation_size of outbox_message, outbox_body and delivery_attempt: TOAST and indexes included, no VACUUM;"
echo " goal ≤ ${RATIO_GOAL}× the messages' encoded size; service logs in target/bigmail-service-{big,backlog}.log)"
exit $FAILED
