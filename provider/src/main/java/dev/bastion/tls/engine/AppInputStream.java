package dev.bastion.tls.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The application's view of a {@link BastionSocket}'s read side: decrypted bytes. The first
 * read runs the handshake if it has not run; {@link #available()} counts only bytes already
 * decrypted and never blocks; closing the stream closes the socket (as for a plain socket).
 */
final class AppInputStream extends InputStream {
    private final BastionSocket socket;
    private final SocketIo io;

    AppInputStream(BastionSocket socket, SocketIo io) {
        this.socket = socket;
        this.io = io;
    }

    /** One byte; after the socket closed, -1 or the failure that closed it (see {@link SocketIo#endOfData}). */
    @Override
    public int read() throws IOException {
        if (socket.closedAfterConnecting()) {
            return io.endOfData();
        }
        socket.handshakeForData();
        return io.readByte();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (socket.closedAfterConnecting()) {
            return io.endOfData();
        }
        socket.handshakeForData();
        return io.read(b, off, len);
    }

    @Override
    public int available() {
        return socket.isClosed() ? 0 : io.available();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
