#!/usr/bin/env bash
# Runs Debian's nginx with the shipped configuration of deploy/nginx, laid out in a temporary
# directory as a site installs it in /etc/nginx (sites/mdm-portal.conf, mdm-portal/*.conf,
# mdm-portal/tls/), with certificates made by test-certs.sh. Two modes:
#
#   run-test-nginx.sh check
#       `nginx -t` on the files exactly as shipped (only the certificates are test ones, at the
#       shipped paths). Fails on any warning too.
#
#   run-test-nginx.sh serve --https PORT --http PORT --mock-tls PORT --mock-mtls PORT \
#                           --tls DIR --dist DIR
#       serves the portal in DIST (built with --public-url /portal/) at https://127.0.0.1:PORT/portal/
#       for the end2end suite, in the foreground until killed. The shipped files are changed in
#       listen addresses, upstream addresses and names, and the root path only:
#         mdm-portal.conf   listen 80 / 443 -> 127.0.0.1 and [::1] at --http / --https;
#                           root /srv/mdm-portal -> the temporary directory;
#                           CZERTAINLY's upstream path /api/ -> /czertainly/api/ (where
#                           mock-server serves the CZERTAINLY API)
#         upstreams.conf    192.0.2.x -> mock-server's HTTPS listeners on 127.0.0.1 (--mock-tls;
#                           --mock-mtls for CZERTAINLY: it requires nginx's client certificate
#                           and, as CZERTAINLY's ingress does, forwards it to the API in the
#                           ssl-client-cert header); every certificate name -> localhost
#       TLS DIR holds test-certs.sh's files (made by the end2end config): the test CA is the
#       upstream CA, nginx presents czertainly-client.pem to the mock. The portal's config.json
#       is DIST's with "pki" laid over it, as a site with CZERTAINLY has it. One test-only file
#       is added, through the include a site uses for its own locations (mdm-portal/local/):
#       /_mock/ (mock-server's test hooks) proxied like the API.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
mode="${1:-}"
shift || true

work="$(mktemp -d "${TMPDIR:-/tmp}/mdm-nginx.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# nginx workers run as an unprivileged user: they must be able to read the served files.
chmod 755 "$work"
mkdir -p "$work/sites" "$work/mdm-portal/tls" "$work/mdm-portal/local" "$work/tmp" "$work/root"
chmod 755 "$work/root"
cp "$here/mdm-portal.conf" "$work/sites/"
cp "$here"/{upstreams,proxy,security-headers,brotli}.conf "$work/mdm-portal/"

# The certificates at the paths the shipped files name.
install_certs() { # DIR made by test-certs.sh
  cp "$1/portal.pem" "$work/mdm-portal/tls/portal.pem"
  cp "$1/portal.key" "$work/mdm-portal/tls/portal.key"
  cp "$1/ca.pem" "$work/mdm-portal/tls/upstream-ca.pem"
  cp "$1/czertainly-client.pem" "$work/mdm-portal/tls/czertainly-client.pem"
  cp "$1/czertainly-client.key" "$work/mdm-portal/tls/czertainly-client.key"
}

# The main configuration, as Debian's /etc/nginx/nginx.conf has it (dynamic modules, MIME types,
# the site included at http level), with its own pid, logs and temporary files.
cat > "$work/nginx.conf" <<CONF
include /etc/nginx/modules-enabled/*.conf;
worker_processes 1;
pid $work/nginx.pid;
error_log stderr warn;
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
    include sites/mdm-portal.conf;
}
CONF

nginx_test() { # nginx -t, failing on warnings as well as errors
  local out
  if ! out="$(nginx -t -c "$work/nginx.conf" 2>&1)" || grep -q '\[warn\]' <<<"$out"; then
    printf '%s\n' "$out" >&2
    return 1
  fi
}

sub() { # sub FILE FROM TO: replace a literal string that must be there
  grep -qF -- "$2" "$1" || { echo "run-test-nginx: \"$2\" not found in $(basename "$1")" >&2; exit 1; }
  FROM="$2" TO="$3" perl -0pi -e 's/\Q$ENV{FROM}\E/$ENV{TO}/g' "$1"
}

case "$mode" in
  check)
    "$here/test-certs.sh" "$work/certs"
    install_certs "$work/certs"
    nginx_test
    echo "deploy/nginx as shipped: nginx -t passes without warnings ($(nginx -v 2>&1 | sed 's/.*: //'))"
    ;;
  serve)
    https='' http='' mock_tls='' mock_mtls='' tls='' dist=''
    while [ $# -gt 0 ]; do
      case "$1" in
        --https) https="$2" ;;
        --http) http="$2" ;;
        --mock-tls) mock_tls="$2" ;;
        --mock-mtls) mock_mtls="$2" ;;
        --tls) tls="$2" ;;
        --dist) dist="$(cd "$2" && pwd)" ;;
        *) echo "run-test-nginx: unknown option $1" >&2; exit 2 ;;
      esac
      shift 2
    done
    for v in https http mock_tls mock_mtls tls dist; do
      [ -n "${!v}" ] || { echo "run-test-nginx: --${v//_/-} is required" >&2; exit 2; }
    done
    install_certs "$tls"
    # The portal's files as built, but config.json: DIST's, with the certificate platform.
    mkdir -m 755 "$work/root/portal"
    for f in "$dist"/*; do
      case "$(basename "$f")" in config.json*) ;; *) ln -s "$f" "$work/root/portal/" ;; esac
    done
    perl -MJSON::PP -0777 -e '
      my $json = JSON::PP->new->canonical->pretty;
      my $config = $json->decode(<STDIN>);
      $config->{pki} = { kind => "czertainly", apiBase => "/czertainly/api" };
      print $json->encode($config);
    ' < "$dist/config.json" > "$work/root/portal/config.json"
    chmod 644 "$work/root/portal/config.json"
    site="$work/sites/mdm-portal.conf" up="$work/mdm-portal/upstreams.conf"
    sub "$site" "listen 80;" "listen 127.0.0.1:$http;"
    sub "$site" "listen [::]:80;" "listen [::1]:$http;"
    sub "$site" "listen 443 ssl;" "listen 127.0.0.1:$https ssl;"
    sub "$site" "listen [::]:443 ssl;" "listen [::1]:$https ssl;"
    sub "$site" "root /srv/mdm-portal;" "root $work/root;"
    sub "$site" "proxy_pass https://mdm_czertainly/api/;" "proxy_pass https://mdm_czertainly/czertainly/api/;"
    for a in 192.0.2.10:443 192.0.2.11:443 192.0.2.12:18084; do
      sub "$up" "server $a;" "server 127.0.0.1:$mock_tls;"
    done
    sub "$up" "server 192.0.2.13:443;" "server 127.0.0.1:$mock_mtls;"
    for n in epmm cps uem czertainly; do
      sub "$up" "default $n.example.com;" "default localhost;"
    done
    cat > "$work/mdm-portal/local/test-hooks.conf" <<'CONF'
# Test only: mock-server's test hooks, proxied like the EPMM API.
location /_mock/ {
    proxy_pass https://mdm_epmm;
    proxy_ssl_name $mdm_epmm_name;
    proxy_set_header Host $mdm_epmm_name;
    include mdm-portal/proxy.conf;
}
CONF
    nginx_test
    nginx -c "$work/nginx.conf" -g "daemon off;" &
    pid=$!
    trap 'kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$work"' EXIT INT TERM
    wait "$pid"
    ;;
  *)
    sed -n '2,28p' "$0" >&2
    exit 2
    ;;
esac
