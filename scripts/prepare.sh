#!/usr/bin/env bash
# Prepares everything `npm start` and `npm test` need, idempotently and quickly when it is already there:
#   1. Debian packages (PostgreSQL 15 + PostGIS 3, Redis, GDAL, netCDF tools, Chromium, Prometheus, Python verifiers)
#   2. npm packages (gdal-async linked against Debian's libgdal, never the 30-minute bundled build)
#   3. local PostgreSQL and Redis (unless DATABASE_URL / REDIS_URL are set)
#   4. generated local secrets, migrations, seed data
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
t0=$(date +%s)

# 1. Debian packages -------------------------------------------------------------------------------------------
APT_PACKAGES=(
  postgresql-15 postgresql-15-postgis-3 postgresql-15-postgis-3-scripts
  redis-server gdal-bin libgdal-dev netcdf-bin
  graphviz
  python3-netcdf4 python3-xarray python3-gdal python3-rasterio python3-owslib python3-oauthlib python3-requests-oauthlib
  python3-botocore
  chromium
  prometheus
)
say "Debian packages"
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  info "installing: ${missing[*]}"
  t=$(date +%s)
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  ok "installed ${#missing[@]} packages in $(elapsed "$t")"
  # Prometheus is for the tests (test/endpoints/metrics/GET.test.ts starts its own on a free port): Debian's package
  # enables a system Prometheus on port 9090, which we do not want running.
  if [[ " ${missing[*]} " == *" prometheus "* ]] && command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
    as_root systemctl disable --now prometheus >/dev/null 2>&1 || true
  fi
else
  ok "all ${#APT_PACKAGES[@]} present"
fi

# 2. npm packages ----------------------------------------------------------------------------------------------
# node_modules is reinstalled when package-lock.json changes (its hash is kept in a marker file).
say "npm packages"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 NEXT_TELEMETRY_DISABLED=1
lock_hash=$(sha256sum package-lock.json | cut -c1-64)
marker=node_modules/.clcplus-lock-hash
if [ "$(cat "$marker" 2>/dev/null)" != "$lock_hash" ]; then
  t=$(date +%s)
  info "npm ci (gdal-async is compiled against Debian's libgdal: about 2–4 minutes on 2 cores)"
  npm_config_build_from_source=gdal-async npm_config_shared_gdal=true \
    npm ci --no-audit --no-fund --loglevel=error 2> >(grep -v 'Unknown env config' >&2)
  echo "$lock_hash" > "$marker"
  ok "installed in $(elapsed "$t")"
else
  ok "node_modules matches package-lock.json"
fi
if ! node -e "require('gdal-async')" 2>/dev/null; then
  info "gdal-async does not load; rebuilding it against Debian's libgdal"
  npm_config_build_from_source=gdal-async npm_config_shared_gdal=true npm rebuild gdal-async --loglevel=error
  node -e "require('gdal-async')" || die "gdal-async still does not load (is libgdal-dev installed?)"
fi
ok "gdal-async $(node -e "process.stdout.write(require('gdal-async').version)") (Debian libgdal)"

# 3. Services --------------------------------------------------------------------------------------------------
bash scripts/services.sh start

# 4. Secrets, schema, seed -------------------------------------------------------------------------------------
say "Local secrets"
for key in AUTH_SECRET KEY_ENCRYPTION_KEY DOWNLOAD_SIGNING_KEY; do
  if ! grep -q "^${key}=" "$RUNTIME_ENV" 2>/dev/null; then
    set_env_value "$RUNTIME_ENV" "$key" "$(head -c 32 /dev/urandom | base64 | tr -d '=+/' | cut -c1-43)"
    info "generated $key (in .data/runtime.env, mode 600, git-ignored)"
  fi
done
ok "present"

load_env_file "$RUNTIME_ENV"
say "Database"
node_modules/.bin/tsx db/migrate.ts
node_modules/.bin/tsx db/seed/index.ts
say "Product store"
node_modules/.bin/tsx scripts/demo-data.ts --if-empty

ok "prepared in $(elapsed "$t0")"
