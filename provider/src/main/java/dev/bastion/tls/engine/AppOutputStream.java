package dev.bastion.tls.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The application's view of a {@link BastionSocket}'s write side: each write is encrypted and
 * sent at once (records of at most 2^14 bytes), so {@link #flush()} has nothing left to do.
 * The first write runs the handshake if it has not run; closing the stream closes the socket.
 */
final class AppOutputStream extends OutputStream {
    private final BastionSocket socket;
    private final SocketIo io;

    AppOutputStream(BastionSocket socket, SocketIo io) {
        this.socket = socket;
        this.io = io;
    }

    @Override
    public void write(int b) throws IOException {
        socket.handshakeForData();
        io.writeByte(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return;
        }
        socket.handshakeForData();
        io.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
