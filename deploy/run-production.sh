#!/usr/bin/env bash
# The production profile (docs/deployment.md): N uvicorn worker processes on PostgreSQL, on a unix socket,
# behind Debian's nginx, which serves /static/ itself, compresses, buffers, enforces the body limit and
# writes the JSON access log. Runs in the foreground; Ctrl-C or SIGTERM stops nginx (letting requests in
# flight finish), then the workers, and exits 0.
#
#   deploy/run-production.sh --database-url postgresql+psycopg://user@host/sezatlas [--port 8080]
#       [--host 127.0.0.1] [--workers N] [--access-log FILE] [--run-dir DIR] [--python PATH]
#
# Steps: `sezatlas db upgrade`; `sezatlas db connections` (workers × SEZATLAS_CONNECTIONS kept under
# PostgreSQL's max_connections); the app workers, ready when /readyz answers on their socket; nginx from
# deploy/nginx.conf.template, ready when /readyz answers through it; then a signal, or either dying.
set -euo pipefail
shopt -u patsub_replacement 2>/dev/null || true  # bash 5.2: '&' in a ${x//a/b} replacement stays '&'

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
database_url=${SEZATLAS_DATABASE_URL:-}
host=127.0.0.1
port=8080
workers=$(nproc)
access_log=/dev/stdout
run_dir=""
python=${SEZATLAS_PYTHON:-python3}
nginx=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}

usage() {
  sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}
fail() {
  echo "run-production: error: $*" >&2
  exit 1
}

while (($# > 0)); do
  case $1 in
    --database-url) database_url=$2; shift 2 ;;
    --host) host=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --workers) workers=$2; shift 2 ;;
    --access-log) access_log=$2; shift 2 ;;
    --run-dir) run_dir=$2; shift 2 ;;
    --python) python=$2; shift 2 ;;
    -h | --help) usage ;;
    *) echo "run-production: unknown option $1" >&2; usage ;;
  esac
done

[[ $database_url == postgresql* ]] ||
  fail "--database-url must be a PostgreSQL URL (postgresql+psycopg://…); for SQLite run 'sezatlas serve'"
[[ $workers =~ ^[1-9][0-9]*$ ]] || fail "--workers must be a positive number, not '$workers'"
[[ -x $nginx ]] || fail "nginx not found (apt-get install nginx)"
"$python" -c 'import sezatlas' 2>/dev/null ||
  fail "$python cannot import sezatlas: activate the virtualenv (. .venv/bin/activate) or pass --python"
export SEZATLAS_DATABASE_URL=$database_url
sezatlas() { "$python" -m sezatlas "$@"; }

# 1. The schema, then each worker's share of PostgreSQL's connections (stdout: the number; stderr: why).
sezatlas db upgrade
SEZATLAS_CONNECTIONS=$(sezatlas db connections --workers "$workers")
export SEZATLAS_CONNECTIONS

# 2. The run folder: socket, nginx's config, pid and temporary files. Readable by nginx's workers
# (www-data when started as root).
owns_run_dir=false
if [[ -z $run_dir ]]; then
  run_dir=$(mktemp -d -t sezatlas-production-XXXXXX)
  owns_run_dir=true
fi
mkdir -p "$run_dir"
chmod 755 "$run_dir"
socket=$run_dir/app.sock
rm -f "$socket"

# 3. nginx's config from the template: the body limit and the static folder come from the package itself.
read -r max_body_bytes max_upload_bytes max_inquiry_bytes static_dir < <("$python" -c '
import importlib.util, pathlib
from sezatlas.settings import get_settings
web = pathlib.Path(importlib.util.find_spec("sezatlas.web").origin).parent
settings = get_settings()
print(settings.max_body_bytes, settings.max_upload_bytes, settings.max_inquiry_bytes, web / "static")')
# nginx's workers (www-data under root) may not be able to enter the folder the package is installed in
# (a clone in a private temporary folder or home): they serve a copy made here, readable by all.
rm -rf "$run_dir/static"
cp -R "$static_dir" "$run_dir/static"
chmod -R a+rX "$run_dir/static"
static_dir=$run_dir/static
user_directive="# user: nginx runs as the user who started it"
if [[ $(id -u) -eq 0 ]]; then
  user_directive="user www-data;"
fi
config=$(<"$here/nginx.conf.template")
config=${config//@USER_DIRECTIVE@/"$user_directive"}
config=${config//@RUN_DIR@/"$run_dir"}
config=${config//@UPSTREAM@/"unix:$socket"}
config=${config//@LISTEN@/"$host:$port"}
config=${config//@STATIC_DIR@/"$static_dir"}
config=${config//@MAX_BODY_BYTES@/"$max_body_bytes"}
config=${config//@MAX_UPLOAD_BYTES@/"$max_upload_bytes"}
config=${config//@MAX_INQUIRY_BYTES@/"$max_inquiry_bytes"}
config=${config//@ACCESS_LOG@/"$access_log"}
printf '%s\n' "$config" >"$run_dir/nginx.conf"
nginx_command=("$nginx" -p "$run_dir" -c "$run_dir/nginx.conf" -e stderr)
if ! "${nginx_command[@]}" -t -q; then
  $owns_run_dir && rm -rf "$run_dir"
  fail "nginx refused the configuration rendered from deploy/nginx.conf.template"
fi

app_pid=""
nginx_pid=""
stop() {
  trap - INT TERM
  if [[ -n $nginx_pid ]]; then
    kill -QUIT "$nginx_pid" 2>/dev/null || true  # graceful: finish what is in flight
    wait "$nginx_pid" 2>/dev/null || true
  fi
  if [[ -n $app_pid ]]; then
    kill -TERM "$app_pid" 2>/dev/null || true  # uvicorn's supervisor stops its workers gracefully
    wait "$app_pid" 2>/dev/null || true
  fi
  if $owns_run_dir; then
    rm -rf "$run_dir"
  fi
}
stopping=false
trap 'stopping=true' INT TERM

# Readiness probes: /readyz (app up, database reachable) on the app's socket, then through nginx.
app_answers='import socket, sys
with socket.socket(socket.AF_UNIX) as app:
    app.settimeout(2)
    app.connect(sys.argv[1])
    app.sendall(b"GET /readyz HTTP/1.0\r\nHost: localhost\r\n\r\n")
    sys.exit(0 if app.recv(16).startswith(b"HTTP/1.1 200") else 1)'
nginx_answers='import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)'
alive() {
  local pid
  for pid in $app_pid $nginx_pid; do
    kill -0 "$pid" 2>/dev/null || return 1
  done
}
wait_until() {  # wait_until WHAT COMMAND...: until COMMAND succeeds; stops everything if it never does
  local what=$1 deadline=$((SECONDS + 120))
  shift
  until "$@" 2>/dev/null; do
    if $stopping || ! alive || ((SECONDS > deadline)); then
      stop
      $stopping && exit 0
      fail "$what did not come up (see the messages above)"
    fi
    sleep 0.2
  done
}

# 4. The app workers: uvicorn's supervisor starts them, health-checks them and restarts one that dies.
# Proxy headers are trusted because only nginx (and local users) can reach the socket.
"$python" -m uvicorn sezatlas.web.app:create_app --factory --uds "$socket" --workers "$workers" \
  --no-access-log --proxy-headers --forwarded-allow-ips '*' --timeout-keep-alive 75 \
  --timeout-graceful-shutdown 15 --log-level warning &
app_pid=$!
wait_until "the app" "$python" -c "$app_answers" "$socket"

# 5. nginx in the foreground of its own (not daemonised), so this script can wait for it.
"${nginx_command[@]}" -g 'daemon off;' &
nginx_pid=$!
base="http://$host:$port"
[[ $host == 0.0.0.0 ]] && base="http://127.0.0.1:$port"
wait_until "nginx" "$python" -c "$nginx_answers" "$base/readyz"
echo "Serving SEZ Atlas at $base: $workers workers × $SEZATLAS_CONNECTIONS database connections behind" \
  "nginx (pid $nginx_pid); access log $access_log; Ctrl-C stops" >&2

# 6. Until a signal, or until nginx or the app supervisor dies (then the other is stopped too).
status=0
$stopping || wait -n "$app_pid" "$nginx_pid" || status=$?
if ! $stopping; then
  echo "run-production: the app or nginx exited (status $status); stopping" >&2
  stop
  exit 1
fi
stop
exit 0
