#!/bin/bash
# Re-records the OpenSSL sessions used by Tls12OpenSslTest and Tls13OpenSslTest (needs OpenSSL 3
# and python3; the files in this directory were made with OpenSSL 3.0.19). Run it in an empty
# scratch directory:  bash .../record.sh all   then copy the *.txt files here.
#
# Each session: s_server (throwaway self-signed RSA-2048 certificate) <- proxy.py (saves both
# TCP byte streams) <- s_client with -msg (plaintext handshake messages), -keylogfile (NSS key
# log) and -keymatexport (exporter output). The client sends "hello", for TLS 1.3 a KeyUpdate
# ("k" command), then "world". to_named_hex.py turns the outputs into a NamedHex resource.
set -e
here=$(cd "$(dirname "$0")" && pwd)

session() { # name port clientopts...   (env CLIENT_CONF=file: OpenSSL config for the client)
    name=$1; port=$2; shift 2
    rm -f $name.*
    (sleep 6) | openssl s_server -accept $((port+1)) -cert cert.pem -key key.pem -naccept 1 \
        -keymatexport "EXPERIMENTAL bastion" -keymatexportlen 42 > $name.server.out 2>&1 &
    spid=$!
    timeout 20 python3 "$here/proxy.py" $port $((port+1)) $name.wire &
    ppid=$!
    sleep 1
    (printf 'hello\n'; sleep 1; [ -n "$KEYUPDATE" ] && printf 'k\n'; sleep 1; printf 'world\n'; sleep 1) \
        | OPENSSL_CONF=${CLIENT_CONF:-/dev/null} timeout 10 openssl s_client -connect 127.0.0.1:$port \
            -msg -msgfile $name.msg -keylogfile $name.keylog \
            -keymatexport "EXPERIMENTAL bastion" -keymatexportlen 42 "$@" > $name.client.out 2>&1 || true
    wait $ppid
    kill $spid 2>/dev/null || true
    wait $spid 2>/dev/null || true
}

if [ "$1" = all ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 3650 -subj "/CN=bastion-test" 2>/dev/null
    CLIENT_CONF="$here/noems.cnf" session rsa_noems 24460 -tls1_2 -cipher AES128-GCM-SHA256
    session rsa_ems 24470 -tls1_2 -cipher AES128-GCM-SHA256
    session ecdhe_chacha 24480 -tls1_2 -cipher ECDHE-RSA-CHACHA20-POLY1305
    session ecdhe_aes256 24490 -tls1_2 -cipher ECDHE-RSA-AES256-GCM-SHA384
    KEYUPDATE=1 session t13_128 24500 -tls1_3 -ciphersuites TLS_AES_128_GCM_SHA256
    KEYUPDATE=1 session t13_256 24510 -tls1_3 -ciphersuites TLS_AES_256_GCM_SHA384
    c="$here/to_named_hex.py"
    python3 $c rsa_noems "TLS 1.2, TLS_RSA_WITH_AES_128_GCM_SHA256 (RSA key transport), no extended master secret (client config: Options = -ExtendedMasterSecret)" > tls12-rsa-aes128gcm.txt
    python3 $c rsa_ems "TLS 1.2, TLS_RSA_WITH_AES_128_GCM_SHA256 (RSA key transport), extended master secret (RFC 7627)" > tls12-rsa-aes128gcm-ems.txt
    python3 $c ecdhe_chacha "TLS 1.2, TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, extended master secret" > tls12-ecdhe-chacha20.txt
    python3 $c ecdhe_aes256 "TLS 1.2, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 (SHA-384 PRF), extended master secret" > tls12-ecdhe-aes256gcm-sha384.txt
    python3 $c t13_128 "TLS 1.3, TLS_AES_128_GCM_SHA256, x25519; the client sends 'hello', a KeyUpdate, then 'world'" > tls13-aes128gcm.txt
    python3 $c t13_256 "TLS 1.3, TLS_AES_256_GCM_SHA384, x25519; the client sends 'hello', a KeyUpdate, then 'world'" > tls13-aes256gcm-sha384.txt
fi
