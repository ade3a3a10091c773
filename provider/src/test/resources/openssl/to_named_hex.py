#!/usr/bin/env python3
"""Turns one recorded OpenSSL session (run.sh output) into a NamedHex test resource."""
import re, sys

name, title = sys.argv[1], sys.argv[2]

def entry(out, key, data):
    b = [data[i:i+1].hex() for i in range(len(data))]
    out.append('%s (%d octets) =' % (key, len(data)))
    for i in range(0, len(b), 32):
        out.append('    ' + ' '.join(b[i:i+32]))

out = ['# ' + title,
       '# Recorded with OpenSSL 3.0.19 (s_client against s_server, throwaway self-signed RSA-2048',
       '# certificate) through a TCP proxy that saved both byte streams; see record.sh in this',
       '# directory. Sources: handshake_NN_* are the plaintext handshake messages printed by',
       '# "s_client -msg"; the secrets are the client\'s "-keylogfile" (NSS key log) lines; the',
       '# exported keying material is what s_client printed for "-keymatexport \'EXPERIMENTAL',
       '# bastion\' -keymatexportlen 42" (no context); wire_* are the raw TCP streams.',
       '']

# handshake messages in order
msg = open(name + '.msg').read().split('\n')
i, n = 0, 0
while i < len(msg):
    m = re.match(r'^(>>>|<<<) TLS 1\.\d, Handshake \[length ([0-9a-f]{4})\], (\w+)', msg[i])
    i += 1
    if not m:
        continue
    length = int(m.group(2), 16)
    hexs = ''
    while i < len(msg) and msg[i].startswith('    '):
        hexs += msg[i].strip().replace(' ', '')
        i += 1
    data = bytes.fromhex(hexs)
    assert len(data) == length, (m.group(3), len(data), length)
    n += 1
    snake = re.sub(r'(?<!^)(?=[A-Z])', '_', m.group(3)).lower()
    who = 'client' if m.group(1) == '>>>' else 'server'
    entry(out, 'handshake_%02d_%s_%s' % (n, who, snake), data)

for line in open(name + '.keylog'):
    if line.startswith('#') or not line.strip():
        continue
    label, a, b = line.split()
    if label == 'RSA':
        entry(out, 'pre_master_secret', bytes.fromhex(b))
    elif label == 'CLIENT_RANDOM':
        entry(out, 'master_secret', bytes.fromhex(b))
    elif label.endswith('_N'):
        out.append('# key log line %s: the secret after the one KeyUpdate' % label)
        entry(out, label.lower()[:-2] + '_1', bytes.fromhex(b))
    else:
        entry(out, label.lower(), bytes.fromhex(b))

km = re.search(r'Keying material: ([0-9A-F]+)', open(name + '.client.out').read()).group(1)
entry(out, 'exported_keying_material', bytes.fromhex(km))
for line in open(name + '.wire'):
    d, h = line.split()
    entry(out, 'wire_' + {'c2s': 'client_to_server', 's2c': 'server_to_client'}[d], bytes.fromhex(h))
print('\n'.join(out))
