# Sourced by the benchmarks: the bench's token key pair, made once into target/bench-keys (no key is kept in the
# repository), and tokens of organisation "bench" signed with it.
KEY_DIR=target/bench-keys
if [ ! -f "$KEY_DIR/jwt-private.pem" ]; then
  mkdir -p "$KEY_DIR"
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEY_DIR/jwt-private.pem" 2>/dev/null
  openssl pkey -in "$KEY_DIR/jwt-private.pem" -pubout -out "$KEY_DIR/jwt-public.pem"
fi
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
# token SUB ROLE [SECONDS]: a token for user SUB with role ROLE, valid SECONDS (an hour)
token() {
  local header payload signature
  header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
  payload=$(printf '{"iss":"https://id.xs-office.dev","sub":"%s","org":"bench","groups":["%s"],"email":"bench@firma.no","iat":%d,"exp":%d}' \
    "$1" "$2" "$(date +%s)" "$(( $(date +%s) + ${3:-3600} ))" | b64url)
  signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$KEY_DIR/jwt-private.pem" -binary | b64url)
  echo "$header.$payload.$signature"
}
