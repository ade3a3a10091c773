package dev.bastion.tls.engine;

import dev.bastion.tls.connection.Connection;
import dev.bastion.tls.record.RecordLimits;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLException;

/**
 * The write side of {@link SocketIo}: seals application data into records and writes them,
 * and writes whatever the core queued (flights, alerts, KeyUpdates) before them, so the order
 * on the wire is the order of the sequence numbers. One lock ({@code writeLock}) guards the
 * network buffer and the TCP output; the core's lock is held only while a record is produced,
 * never during the write. Queued records are gathered into one TCP write where they fit.
 */
final class SocketOutput {
    /** How long {@code close()} waits for a writer to finish before closing without close_notify. */
    private static final long CLOSE_WAIT_MILLIS = 1000;

    private final Connection connection;
    private final OutputStream out;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ByteBuffer[] appOutArray = new ByteBuffer[1];
    private final byte[] oneOut = new byte[1];
    private ByteBuffer netOut = ByteBuffer.allocate(SocketIo.INITIAL_BUFFER);
    private byte[] wrappedArray;
    private ByteBuffer wrapped;

    SocketOutput(Connection connection, OutputStream out) {
        this.connection = connection;
        this.out = out;
    }

    /** Encrypts and writes all of {@code b[off, off+len)}. After the handshake. */
    void write(byte[] b, int off, int len) throws IOException {
        writeLock.lock();
        try {
            ByteBuffer src = wrap(b, off, len);
            appOutArray[0] = src;
            try {
                while (src.hasRemaining()) {
                    writeRecord();
                }
                flushLocked(); // a KeyUpdate the core queued meanwhile
            } finally {
                appOutArray[0] = null;
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** Encrypts and writes one byte. After the handshake. */
    void writeByte(int b) throws IOException {
        writeLock.lock();
        try {
            oneOut[0] = (byte) b;
            write(oneOut, 0, 1);
        } finally {
            writeLock.unlock();
        }
    }

    /** One application data record, or first the records the core queued (their order is the wire's). */
    private void writeRecord() throws IOException {
        while (true) {
            netOut.clear();
            int n;
            synchronized (connection) {
                SSLException f = connection.failure();
                if (f != null) {
                    throw new SSLException("Connection has failed: " + f.getMessage(), f);
                }
                if (connection.hasOutput()) {
                    n = connection.flush(netOut);
                } else if (connection.outboundDone()) {
                    throw new SocketException("Socket output is already shutdown");
                } else {
                    n = connection.write(appOutArray, 0, 1, netOut);
                }
            }
            if (n >= 0) {
                break;
            }
            growNetOut();
        }
        netOut.flip();
        out.write(netOut.array(), 0, netOut.limit());
    }

    /** Reuses the wrapper while the application writes from the same array (as buffered streams do). */
    private ByteBuffer wrap(byte[] b, int off, int len) {
        if (b != wrappedArray) {
            wrappedArray = b;
            wrapped = ByteBuffer.wrap(b);
        }
        wrapped.limit(off + len).position(off);
        return wrapped;
    }

    /** Writes everything the core has queued (handshake flights, alerts, KeyUpdates). */
    void flush() throws IOException {
        writeLock.lock();
        try {
            flushLocked();
        } finally {
            writeLock.unlock();
        }
    }

    private void flushLocked() throws IOException {
        netOut.clear();
        while (true) {
            int n;
            synchronized (connection) {
                if (!connection.hasOutput()) {
                    break;
                }
                n = connection.flush(netOut);
            }
            if (n < 0) { // full: write what is there and go on, or grow an empty buffer that is too small
                if (netOut.position() == 0) {
                    growNetOut();
                } else {
                    writeOut();
                }
            }
        }
        writeOut();
    }

    /** Once, to the largest record; then a record always fits an empty buffer. */
    private void growNetOut() {
        if (netOut.capacity() >= RecordLimits.MAX_RECORD_SIZE) {
            throw new IllegalStateException("a record does not fit an empty network buffer of "
                    + netOut.capacity() + " bytes");
        }
        netOut = ByteBuffer.allocate(RecordLimits.MAX_RECORD_SIZE);
    }

    private void writeOut() throws IOException {
        if (netOut.position() > 0) {
            out.write(netOut.array(), 0, netOut.position());
            out.flush();
            netOut.clear();
        }
    }

    // ---- close ------------------------------------------------------------------------------

    /**
     * Sends what closing the write side queued (close_notify; user_canceled first during the
     * handshake), waiting at most {@link #CLOSE_WAIT_MILLIS} for a writer blocked on a peer that
     * does not read; without the lock the socket closes without them.
     */
    void flushOnClose() {
        try {
            if (writeLock.tryLock(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                try {
                    flushLocked();
                } finally {
                    writeLock.unlock();
                }
            }
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // the peer is gone; closing goes on
        }
    }
}
