#!/usr/bin/env bash
# Makes a self-signed certificate authority and certificates for a local cluster's mutual TLS (PEM, keys mode 0600).
#
#   scripts/make-certs.sh [DIR=.build/certs] [NAME…]      # NAME: one certificate per name (default: silo client)
#
# DIR/ca.pem is the authority every member trusts (its key, DIR/ca.key, signs new members: keep it off the silos).
# DIR/NAME.pem + DIR/NAME.key is one member's certificate: a silo gets --tls-cert DIR/silo.pem --tls-key DIR/silo.key
# --tls-ca DIR/ca.pem; a client (the CLI, the dashboard) gets ORCHESTRATOR_TLS_CERT, ORCHESTRATOR_TLS_KEY and
# ORCHESTRATOR_TLS_CA. Each certificate serves both ends of a connection (silos dial each other), so it carries the
# serverAuth and clientAuth usages. An existing authority is reused, so new members join the same cluster.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dir=${1:-$root/.build/certs}
shift || true
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(silo client)
days=${CERT_DAYS:-825}
umask 077
mkdir -p "$dir"
if [ ! -f "$dir/ca.pem" ] || [ ! -f "$dir/ca.key" ]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$dir/ca.key" -out "$dir/ca.pem" \
    -days "$days" -subj "/CN=orchestrator cluster CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
fi
for name in "${names[@]}"; do
  case "$name" in (*[!A-Za-z0-9._-]*|'') echo "make-certs: '$name' is not a name (letters, digits, . _ -)" >&2; exit 2;; esac
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$dir/$name.key" -out "$dir/$name.csr" \
    -subj "/CN=orchestrator $name" 2>/dev/null
  printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature,keyAgreement" \
    "extendedKeyUsage=serverAuth,clientAuth" "subjectAltName=DNS:localhost,IP:127.0.0.1" >"$dir/$name.ext"
  openssl x509 -req -in "$dir/$name.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial -days "$days" \
    -extfile "$dir/$name.ext" -out "$dir/$name.pem" 2>/dev/null
  rm -f "$dir/$name.csr" "$dir/$name.ext"
done
chmod 600 "$dir"/*.key
chmod 644 "$dir"/*.pem
echo "CERTS=$dir"
