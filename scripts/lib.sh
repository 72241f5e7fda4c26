# Shared helpers for the shell scripts in scripts/. Sourced, never run.
# Everything here must work before `npm ci` (plain bash + coreutils only).

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA_DIR="$ROOT/.data"
RUNTIME_ENV="$DATA_DIR/runtime.env"

if [ -t 1 ]; then BOLD=$'\e[1m'; DIM=$'\e[2m'; RED=$'\e[31m'; GREEN=$'\e[32m'; RESET=$'\e[0m'
else BOLD=''; DIM=''; RED=''; GREEN=''; RESET=''; fi

say()  { printf '%s▸ %s%s\n' "$BOLD" "$*" "$RESET"; }
ok()   { printf '  %s✓%s %s\n' "$GREEN" "$RESET" "$*"; }
info() { printf '  %s%s%s\n' "$DIM" "$*" "$RESET"; }
die()  { printf '%s✗ %s%s\n' "$RED" "$*" "$RESET" >&2; exit 1; }

# Run a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "need root to run: $* (run as root or install sudo)"; fi
}

# Load KEY=VALUE lines from a file into the environment, never overriding what is already set,
# so an operator's DATABASE_URL/REDIS_URL always win over the generated local values.
load_env_file() {
  local file="$1" line key
  [ -f "$file" ] || return 0
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in ''|'#'*) continue ;; esac
    key="${line%%=*}"
    if [ -z "${!key+x}" ]; then export "$key=${line#*=}"; fi
  done < "$file"
}

# Set KEY=VALUE in a file (replacing an earlier value).
set_env_value() {
  local file="$1" key="$2" value="$3"
  mkdir -p "$(dirname "$file")"; touch "$file"; chmod 600 "$file"
  grep -v "^${key}=" "$file" > "$file.tmp" || true
  printf '%s=%s\n' "$key" "$value" >> "$file.tmp"
  mv "$file.tmp" "$file"; chmod 600 "$file"
}

elapsed() { printf '%ss' "$(( $(date +%s) - $1 ))"; }
