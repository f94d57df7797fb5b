#!/usr/bin/env bash
# Runs Debian's nginx with deploy/nginx/mdm-portal.conf, turned into a local test server:
#   run-test-nginx.sh PORT MOCK_PORT DIST_DIR
# serves DIST_DIR (built with --public-url /portal/) at http://127.0.0.1:PORT/portal/ and proxies
# /api/ (plus the mock's /_mock/ test hooks and /healthz) to mock-server on MOCK_PORT. Only TLS,
# HSTS and the upstream are changed: every location, header and cache rule is the shipped one.
# Runs in the foreground until killed (the end2end suite starts and stops it).
set -euo pipefail
port="$1"; mock="$2"; dist="$(cd "$3" && pwd)"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/mdm-nginx.XXXXXX")"
mkdir -p "$work/root" "$work/tmp"
# nginx workers run as an unprivileged user: they must be able to read the served files.
chmod 755 "$work" "$work/root"
ln -s "$dist" "$work/root/portal"

sed -e "s#listen 443 ssl;#listen 127.0.0.1:${port};#" \
    -e '/http2 on;/d' -e '/ssl_certificate/d' -e '/proxy_ssl_server_name/d' \
    -e '/Strict-Transport-Security/d' \
    -e "s#include snippets/mdm-portal-security-headers.conf;#include ${here}/security-headers.conf;#" \
    -e "s#server epmm.internal.example.com:443;#server 127.0.0.1:${mock};#" \
    -e "s#proxy_pass https://epmm;#proxy_pass http://epmm;#" \
    -e "s#proxy_set_header Host epmm.internal.example.com;#proxy_set_header Host \$host;#" \
    -e "s#/srv/mdm-portal#${work}/root#g" \
    "$here/mdm-portal.conf" > "$work/site.conf"
grep -q "listen 127.0.0.1:${port};" "$work/site.conf" || { echo "run-test-nginx: could not adapt mdm-portal.conf" >&2; exit 1; }

cat > "$work/nginx.conf" <<CONF
include /etc/nginx/modules-enabled/*.conf;
worker_processes 1;
pid $work/nginx.pid;
error_log $work/error.log warn;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path $work/tmp/body;
    proxy_temp_path $work/tmp/proxy;
    fastcgi_temp_path $work/tmp/fastcgi;
    uwsgi_temp_path $work/tmp/uwsgi;
    scgi_temp_path $work/tmp/scgi;
    sendfile on;
    # Test only: the mock's test hooks and health check, next to the shipped configuration.
    server {
        listen 127.0.0.1:${port};
        location /_mock/ { proxy_pass http://127.0.0.1:${mock}; }
        location = /healthz { proxy_pass http://127.0.0.1:${mock}; }
        include $work/site-locations.conf;
    }
}
CONF
# The shipped server block, minus its own server{}/upstream wrappers, becomes the locations above.
awk '
  /^upstream epmm/ { skip=1 }
  skip && /^}/ { skip=0; next }
  skip { next }
  /^server \{/ { inserver=1; next }
  inserver && /^}/ { inserver=0; next }
  inserver { print }
' "$work/site.conf" | grep -v -e "listen 127.0.0.1" -e "server_name" > "$work/site-locations.conf"
# The upstream, at http level.
sed -i "s#^http {#http {\n    upstream epmm { server 127.0.0.1:${mock}; keepalive 16; }#" "$work/nginx.conf"

nginx -t -q -c "$work/nginx.conf" -g "daemon off;" || { cat "$work/error.log" >&2; exit 1; }
trap 'kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$work"' EXIT INT TERM
nginx -c "$work/nginx.conf" -g "daemon off;" &
pid=$!
wait "$pid"
