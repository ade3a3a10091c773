# Relays one TCP connection (listen_port -> target_port) and writes both byte streams as hex.
import socket, sys, threading
listen_port, target_port, log = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
ls = socket.socket(); ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind(('127.0.0.1', listen_port)); ls.listen(1)
c, _ = ls.accept()
s = socket.create_connection(('127.0.0.1', target_port))
bufs = {'c2s': bytearray(), 's2c': bytearray()}
def pump(a, b, name):
    while True:
        d = a.recv(65536)
        if not d:
            try: b.shutdown(socket.SHUT_WR)
            except OSError: pass
            return
        bufs[name] += d
        b.sendall(d)
t1 = threading.Thread(target=pump, args=(c, s, 'c2s')); t2 = threading.Thread(target=pump, args=(s, c, 's2c'))
t1.start(); t2.start(); t1.join(); t2.join()
with open(log, 'w') as f:
    for k in ('c2s', 's2c'):
        f.write(k + ' ' + bufs[k].hex() + '\n')
