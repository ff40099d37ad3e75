#!/usr/bin/env bash
# Throwaway servers for the tests, owned by the calling script: a PostgreSQL cluster and an SMTP
# server on 127.0.0.1, in a temporary folder removed by `stop`. Source it, then call
#   services_start   exports RASENS_TEST_POSTGRES, RASENS_TEST_SMTP, RASENS_TEST_MAILDIR
#   services_stop    stops both and deletes the folder (safe to call twice)

SERVICES_SCRIPTS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

free_port() {
  /usr/bin/python3 - <<'PY'
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
}

services_start() {
  SERVICES_DIR=$(mktemp -d /tmp/rasens-test-services.XXXXXX)
  chmod 755 "$SERVICES_DIR"
  local pgbin runas=()
  pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$pgbin" ]; then echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; return 1; fi
  mkdir -p "$SERVICES_DIR/pg"
  if [ "$(id -u)" -eq 0 ]; then
    # PostgreSQL refuses to run as root: the cluster belongs to the postgres system user.
    chown postgres:postgres "$SERVICES_DIR/pg"
    runas=(runuser -u postgres --)
  fi
  PG_PORT=$(free_port)
  "${runas[@]}" "$pgbin/initdb" -D "$SERVICES_DIR/pg/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$SERVICES_DIR/initdb.log" 2>&1 \
    || { cat "$SERVICES_DIR/initdb.log" >&2; return 1; }
  "${runas[@]}" "$pgbin/pg_ctl" -D "$SERVICES_DIR/pg/data" -l "$SERVICES_DIR/pg/server.log" -w -t 60 start \
    -o "-p $PG_PORT -k $SERVICES_DIR/pg -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null \
    || { cat "$SERVICES_DIR/pg/server.log" >&2; return 1; }
  PG_CTL=("${runas[@]}" "$pgbin/pg_ctl" -D "$SERVICES_DIR/pg/data")
  export RASENS_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Timeout=15;Command Timeout=60"

  SMTP_PORT=$(free_port)
  # Our own aiosmtpd handler: a Maildir as before, and replies chosen by the recipient (defer-451…, close-421…,
  # bounce-550…) so tests see each outcome of a real SMTP conversation.
  /usr/bin/python3 "$SERVICES_SCRIPTS/smtp-test-server.py" "127.0.0.1:$SMTP_PORT" "$SERVICES_DIR/maildir" \
    >"$SERVICES_DIR/smtp.log" 2>&1 &
  SMTP_PID=$!
  for _ in $(seq 1 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$SMTP_PORT") 2>/dev/null && break
    sleep 0.1
  done
  export RASENS_TEST_SMTP="127.0.0.1:$SMTP_PORT"
  export RASENS_TEST_MAILDIR="$SERVICES_DIR/maildir"
}

services_stop() {
  [ -n "${SMTP_PID:-}" ] && kill "$SMTP_PID" 2>/dev/null && wait "$SMTP_PID" 2>/dev/null
  SMTP_PID=
  if [ -n "${PG_CTL+x}" ] && [ ${#PG_CTL[@]} -gt 0 ]; then "${PG_CTL[@]}" -m immediate stop >/dev/null 2>&1 || true; fi
  PG_CTL=()
  [ -n "${SERVICES_DIR:-}" ] && rm -rf "$SERVICES_DIR"
  SERVICES_DIR=
}
