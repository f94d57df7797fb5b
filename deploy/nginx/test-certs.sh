#!/usr/bin/env bash
# Makes the certificates of a test run (never for production):  test-certs.sh DIR
#   DIR/ca.pem, ca.key                        a test CA, valid 7 days
#   DIR/mock.pem, mock.key                    mock-server's HTTPS listeners (localhost, 127.0.0.1)
#   DIR/portal.pem, portal.key                nginx's own HTTPS (localhost, 127.0.0.1)
#   DIR/czertainly-client.pem, .key           nginx's client certificate for the CZERTAINLY hop
# all issued by the test CA; EC P-256 keys. Needs the openssl command line (Debian: openssl).
set -euo pipefail
dir="${1:?usage: test-certs.sh DIR}"
mkdir -p "$dir"
cd "$dir"
days=7
key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

key ca.key
openssl req -x509 -new -key ca.key -out ca.pem -days "$days" -subj "/CN=mdm-portal test CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"

leaf() { # leaf NAME CN EXTENDED_KEY_USAGE [SUBJECT_ALT_NAME]
  local name="$1" cn="$2" eku="$3" san="${4:-}"
  key "$name.key"
  openssl req -new -key "$name.key" -out "$name.csr" -subj "/CN=$cn"
  {
    echo "basicConstraints=critical,CA:FALSE"
    echo "keyUsage=critical,digitalSignature"
    echo "extendedKeyUsage=$eku"
    [ -z "$san" ] || echo "subjectAltName=$san"
  } > "$name.ext"
  openssl x509 -req -in "$name.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -CAserial ca.srl \
    -days "$days" -extfile "$name.ext" -out "$name.pem" 2>/dev/null
  rm -f "$name.csr" "$name.ext"
}
leaf mock localhost serverAuth "DNS:localhost,IP:127.0.0.1"
leaf portal localhost serverAuth "DNS:localhost,IP:127.0.0.1"
leaf czertainly-client mdm-portal-nginx clientAuth
# nginx reads the keys as root before dropping privileges; the workers never need them.
chmod 600 ./*.key
