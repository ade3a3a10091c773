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
    /**
     * How long {@code close()} waits, without {@code SO_LINGER}, for a writer that has written
     * nothing in the meantime before it closes without close_notify (a peer that reads nothing).
     */
    private static final long CLOSE_STALL_MILLIS = 5000;

    private final Connection connection;
    private final OutputStream out;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ByteBuffer[] appOutArray = new ByteBuffer[1];
    private final byte[] oneOut = new byte[1];
    private ByteBuffer netOut = ByteBuffer.allocate(SocketIo.INITIAL_BUFFER);
    private byte[] wrappedArray;
    private ByteBuffer wrapped;
    /** Counts TCP writes done, so that {@code close()} can tell a slow reader from one that reads nothing. */
    private volatile long progress;

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
            release();
        }
    }

    /** Encrypts and writes one byte. After the handshake. */
    void writeByte(int b) throws IOException {
        writeLock.lock();
        try {
            oneOut[0] = (byte) b;
            write(oneOut, 0, 1);
        } finally {
            release();
        }
    }

    /**
     * For the reader, after each record: writes what reading queued (a KeyUpdate answer, the
     * close_notify answering the peer's) unless a writer holds the TCP output; that writer
     * sends it (queued records go before each record it writes, and {@link #release} looks
     * again). Never waits for the writer: a writer blocked on a peer that is itself blocked
     * writing to us lets go only once we read, and waiting here would deadlock both ends.
     */
    void flushIfIdle() throws IOException {
        if (!connection.hasOutput() || !writeLock.tryLock()) {
            return;
        }
        try {
            flushLocked();
        } finally {
            release();
        }
    }

    /**
     * Unlocks, then sends what a reader queued while this thread held the output (it did not
     * wait, see {@link #flushIfIdle}); whoever finds the lock taken can count on its holder
     * looking again after it lets go.
     */
    private void release() throws IOException {
        writeLock.unlock();
        while (connection.hasOutput() && !writeLock.isHeldByCurrentThread() && writeLock.tryLock()) {
            try {
                flushLocked();
            } finally {
                writeLock.unlock();
            }
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
        progress++;
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
            release();
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
            progress++;
        }
    }

    // ---- close ------------------------------------------------------------------------------

    /**
     * Sends what closing the write side queued (close_notify, with user_canceled before it
     * during a handshake or a TLS 1.3 duplex close) once a writer blocked on a slow peer is done:
     * with {@code SO_LINGER} on, waiting at most that many seconds, as SunJSSE does; with it off,
     * for as long as the writer gets data out (SunJSSE waits for ever), giving up after
     * {@link #CLOSE_STALL_MILLIS} in which it wrote nothing.
     *
     * @return false when the writer was not done in time and nothing was sent
     */
    boolean flushOnClose(int lingerSeconds) {
        try {
            if (!lockForClose(lingerSeconds)) {
                return false;
            }
            try {
                flushLocked();
            } finally {
                writeLock.unlock();
            }
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // the peer is gone; closing goes on
        }
        return true;
    }

    private boolean lockForClose(int lingerSeconds) throws InterruptedException {
        if (lingerSeconds >= 0) {
            return writeLock.tryLock(lingerSeconds, TimeUnit.SECONDS);
        }
        long seen = progress;
        while (!writeLock.tryLock(CLOSE_STALL_MILLIS, TimeUnit.MILLISECONDS)) {
            if (progress == seen) {
                return false;
            }
            seen = progress;
        }
        return true;
    }
}
