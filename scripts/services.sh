#!/usr/bin/env bash
# Local PostgreSQL (+PostGIS) and Redis for this clone: data under .data/, loopback only, non-default ports,
# generated passwords. Reused when already running. Skipped for a service whose URL (DATABASE_URL / REDIS_URL)
# is set in the environment: then that server is used instead.
#
#   bash scripts/services.sh start|stop|status        (npm run stop  =  stop)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

PG_PORT="${PG_PORT:-55432}"
REDIS_PORT="${REDIS_PORT:-56379}"
PG_DB="${PG_DB:-clcplus}"
PGBIN="/usr/lib/postgresql/15/bin"
REDIS_DIR="$DATA_DIR/redis"
mkdir -p "$DATA_DIR"

# 1. Where the cluster lives --------------------------------------------------------------------------------------
# PostgreSQL refuses to run as root, so as root the cluster runs as `postgres`, which must be able to enter every
# folder above its data directory. A clone under a private folder (e.g. /root) is not reachable: the cluster then
# lives in /var/lib/postgresql/clcplus-<hash of this path> and .data/pg is a symlink to it.
pg_user_run() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}
pg_root() {
  if [ -L "$DATA_DIR/pg" ] || [ -d "$DATA_DIR/pg" ]; then readlink -f "$DATA_DIR/pg"; return; fi
  if [ "$(id -u)" -ne 0 ]; then mkdir -p "$DATA_DIR/pg"; echo "$DATA_DIR/pg"; return; fi
  if su postgres -s /bin/sh -c "test -x '$DATA_DIR'" 2>/dev/null; then
    mkdir -p "$DATA_DIR/pg"; chown postgres:postgres "$DATA_DIR/pg"; echo "$DATA_DIR/pg"
  else
    local alt="/var/lib/postgresql/clcplus-$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)"
    mkdir -p "$alt"; chown postgres:postgres "$alt"; ln -sfn "$alt" "$DATA_DIR/pg"; echo "$alt"
  fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pg_running() { local r; r=$(pg_root); [ -f "$r/data/postmaster.pid" ] && pg_user_run "$PGBIN/pg_ctl -D '$r/data' status" >/dev/null 2>&1; }

# 2. PostgreSQL --------------------------------------------------------------------------------------------------
pg_start() {
  if [ -n "${DATABASE_URL:-}" ]; then
    psql "$DATABASE_URL" -qAtc 'select 1' >/dev/null 2>&1 || die "DATABASE_URL is set but the server does not answer"
    ok "PostgreSQL: using DATABASE_URL from the environment"
    return
  fi
  local r pw; r=$(pg_root)
  [ -x "$PGBIN/initdb" ] || die "PostgreSQL 15 is not installed ($PGBIN/initdb missing)"
  if [ ! -f "$r/data/PG_VERSION" ]; then
    pw=$(head -c 24 /dev/urandom | base64 | tr -d '=+/' | cut -c1-32)
    printf '%s\n' "$pw" > "$r/pwfile"; chmod 600 "$r/pwfile"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$r/pwfile"
    pg_user_run "$PGBIN/initdb -D '$r/data' -U postgres --auth=scram-sha-256 --pwfile='$r/pwfile' -E UTF8 --locale=C.UTF-8" >/dev/null
    set_env_value "$DATA_DIR/pg.env" PG_PASSWORD "$pw"
    info "created a PostgreSQL cluster in $r/data"
  fi
  pw=$(sed -n 's/^PG_PASSWORD=//p' "$DATA_DIR/pg.env")
  if pg_running; then
    ok "PostgreSQL: already running on 127.0.0.1:$PG_PORT"
  else
    port_in_use "$PG_PORT" && die "port $PG_PORT is used by another process (another clone's PostgreSQL? run 'npm run stop' there, or set PG_PORT)"
    pg_user_run "$PGBIN/pg_ctl -D '$r/data' -l '$r/postgres.log' -w -t 60 start -o \"-p $PG_PORT -k '$r' -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=256MB -c fsync=${PG_FSYNC:-on}\"" >/dev/null \
      || die "PostgreSQL did not start; see $r/postgres.log"
    ok "PostgreSQL: started on 127.0.0.1:$PG_PORT (log: $r/postgres.log)"
  fi
  local url="postgres://postgres:${pw}@127.0.0.1:${PG_PORT}/${PG_DB}"
  if ! PGPASSWORD="$pw" psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qAtc "select 1 from pg_database where datname='$PG_DB'" | grep -q 1; then
    PGPASSWORD="$pw" psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "create database $PG_DB" >/dev/null
    info "created database $PG_DB"
  fi
  set_env_value "$RUNTIME_ENV" DATABASE_URL "$url"
}

pg_stop() {
  local r; r=$(pg_root)
  if pg_running; then pg_user_run "$PGBIN/pg_ctl -D '$r/data' -m fast -w stop" >/dev/null; ok "PostgreSQL stopped"
  else info "PostgreSQL was not running"; fi
}

# 3. Redis -------------------------------------------------------------------------------------------------------
redis_running() { [ -f "$REDIS_DIR/redis.pid" ] && kill -0 "$(cat "$REDIS_DIR/redis.pid")" 2>/dev/null; }

redis_start() {
  if [ -n "${REDIS_URL:-}" ]; then
    # redis-cli reads no password from redis://:password@host (ioredis does): name the default user for it.
    local url
    url=$(printf '%s' "$REDIS_URL" | sed -E 's#^(rediss?://):#\1default:#')
    redis-cli -u "$url" ping 2>/dev/null | grep -q PONG || die "REDIS_URL is set but the server does not answer PING"
    ok "Redis: using REDIS_URL from the environment"
    return
  fi
  mkdir -p "$REDIS_DIR"
  local pw
  pw=$(sed -n 's/^REDIS_PASSWORD=//p' "$DATA_DIR/redis.env" 2>/dev/null || true)
  if [ -z "$pw" ]; then pw=$(head -c 24 /dev/urandom | base64 | tr -d '=+/' | cut -c1-32); set_env_value "$DATA_DIR/redis.env" REDIS_PASSWORD "$pw"; fi
  if redis_running; then
    ok "Redis: already running on 127.0.0.1:$REDIS_PORT"
  else
    port_in_use "$REDIS_PORT" && die "port $REDIS_PORT is used by another process (another clone's Redis? run 'npm run stop' there, or set REDIS_PORT)"
    command -v redis-server >/dev/null || die "redis-server is not installed"
    # noeviction: BullMQ must never lose keys to memory pressure. AOF: queued jobs survive a Redis restart.
    printf 'requirepass %s\n' "$pw" > "$REDIS_DIR/redis.conf"; chmod 600 "$REDIS_DIR/redis.conf"
    redis-server "$REDIS_DIR/redis.conf" --port "$REDIS_PORT" --bind 127.0.0.1 --protected-mode yes \
      --maxmemory-policy noeviction --save '' --appendonly yes --appendfsync everysec \
      --daemonize yes --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log" --dir "$REDIS_DIR"
    for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" -a "$pw" --no-auth-warning ping 2>/dev/null | grep -q PONG && break; sleep 0.1; done
    redis-cli -p "$REDIS_PORT" -a "$pw" --no-auth-warning ping 2>/dev/null | grep -q PONG || die "Redis did not start; see $REDIS_DIR/redis.log"
    ok "Redis: started on 127.0.0.1:$REDIS_PORT (log: $REDIS_DIR/redis.log)"
  fi
  set_env_value "$RUNTIME_ENV" REDIS_URL "redis://:${pw}@127.0.0.1:${REDIS_PORT}/0"
}

redis_stop() {
  if redis_running; then
    local pid; pid=$(cat "$REDIS_DIR/redis.pid"); kill -TERM "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    ok "Redis stopped"
  else info "Redis was not running"; fi
}

case "${1:-status}" in
  start)  say "Services"; pg_start; redis_start ;;
  stop)   say "Stopping local services"; pg_stop; redis_stop ;;
  status)
    if pg_running; then ok "PostgreSQL running on 127.0.0.1:$PG_PORT ($(pg_root)/data)"; else info "PostgreSQL not running"; fi
    if redis_running; then ok "Redis running on 127.0.0.1:$REDIS_PORT (pid $(cat "$REDIS_DIR/redis.pid"))"; else info "Redis not running"; fi ;;
  *) die "usage: services.sh start|stop|status" ;;
esac
