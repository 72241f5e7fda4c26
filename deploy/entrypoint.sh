#!/bin/sh
# The image's entrypoint (deploy/Dockerfile): web | worker | migrate | seed | healthcheck | any command.
set -eu
cd /app
case "${1:-web}" in
  web)
    echo web >/tmp/clcplus-role
    exec node --import tsx scripts/web.ts --host "${HOST:-0.0.0.0}" --port "${PORT:-3000}" ;;
  worker)
    echo worker >/tmp/clcplus-role
    exec node --import tsx jobs/worker.ts ;;
  migrate) exec node --import tsx db/migrate.ts ;;
  seed) exec node --import tsx db/seed/index.ts ;;
  healthcheck)
    # The worker answers on WORKER_HEALTH_PORT, the web on PORT; whichever this container runs answers 200.
    # The web's listener is on HOST (0.0.0.0 here), so 127.0.0.1 reaches both.
    port="${PORT:-3000}"
    if [ -f /tmp/clcplus-role ] && [ "$(cat /tmp/clcplus-role)" = worker ]; then port="${WORKER_HEALTH_PORT:-3001}"; fi
    exec curl -fsS --max-time 4 "http://127.0.0.1:${port}/healthz" -o /dev/null ;;
  *) exec "$@" ;;
esac
