package dev.bastion.tls.engine;

import dev.bastion.tls.connection.Connection;
import dev.bastion.tls.record.RecordLimits;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLProtocolException;

/**
 * The blocking loop of {@link BastionSocket} around the sans-IO {@link Connection}: reads
 * whole records from the TCP stream into the core; {@link SocketOutput} writes what the core
 * queues and the application's data.
 *
 * <ul>
 * <li><b>Locks.</b> The read side ({@code readLock}: the network input buffer and decrypted
 *     data) and the write side (the output's lock: the network output buffer and the TCP output)
 *     are separate, so one thread can block in a read while another writes; the core itself is
 *     synchronized and is never held during I/O. The handshake runs under {@code handshakeLock}
 *     and the read lock and takes the write lock for each flight. Order: handshake, read, write.</li>
 * <li><b>Records.</b> Exactly the bytes of one record are read from the stream (header, then
 *     body), never more, so a layered protocol can use the stream again after TLS ends. A read
 *     timeout keeps the partial record; the next read continues it.</li>
 * <li><b>Flights</b> are written with one {@code write} each where they fit (one TCP segment
 *     rather than three small ones).</li>
 * <li><b>Delegated tasks</b> run inline, on the thread that reads.</li>
 * <li><b>End of stream</b>: during the handshake an {@link SSLHandshakeException}; inside a
 *     record an {@link SSLException} (a truncated record); between records after the handshake
 *     the end of the data (-1), as SunJSSE treats a missing close_notify by default; with
 *     {@code com.sun.net.ssl.requireCloseNotify=true} an {@link SSLProtocolException}.</li>
 * </ul>
 */
final class SocketIo {
    /** Buffers start this small (an idle connection keeps little) and grow once to a full record. */
    static final int INITIAL_BUFFER = 4096;
    /** At most this many unread bytes are dropped before closing (see {@link #discardReceived}). */
    private static final int MAX_DISCARDED = 1 << 20;

    private final BastionSocket socket;
    private final Connection connection;
    private final ReentrantLock handshakeLock = new ReentrantLock();
    private final ReentrantLock readLock = new ReentrantLock();
    private final ByteBuffer[] appInArray = new ByteBuffer[1];
    private final byte[] oneIn = new byte[1];
    private volatile InputStream in;
    private volatile SocketOutput output;
    private ByteBuffer netIn;
    private ByteBuffer appIn;
    private volatile int buffered;
    private volatile boolean handshaken;
    private boolean endOfStream;
    /** The TCP failure that closed the socket, reported again by later reads; null if none. */
    private volatile IOException transportFailure;
    /** {@code com.sun.net.ssl.requireCloseNotify}: the end of the stream without close_notify is an error. */
    private final boolean requireCloseNotify;

    SocketIo(BastionSocket socket, Connection connection, boolean requireCloseNotify) {
        this.socket = socket;
        this.connection = connection;
        this.requireCloseNotify = requireCloseNotify;
    }

    /** The TCP streams; {@code in} starts with the bytes a server already consumed, if any. */
    void attach(InputStream in, OutputStream out) {
        netIn = ByteBuffer.allocate(INITIAL_BUFFER).flip();
        appIn = ByteBuffer.allocate(INITIAL_BUFFER).flip();
        appInArray[0] = appIn;
        this.output = new SocketOutput(connection, out);
        this.in = in; // last: attached() tells from it that everything is set
    }

    boolean attached() {
        return in != null;
    }

    // ---- handshake --------------------------------------------------------------------------

    /** Runs the initial handshake unless it is complete; blocks while another thread runs it. */
    void handshake() throws IOException {
        if (handshaken) {
            return; // without the core's lock: a writer does not wait for a reader's decryption
        }
        handshakeLock.lock();
        try {
            if (handshaken) {
                return;
            }
            readLock.lock();
            try {
                handshakeLoop();
            } finally {
                readLock.unlock();
            }
        } finally {
            handshakeLock.unlock();
        }
    }

    /** Whether the calling thread is running the handshake (the managers' callbacks are). */
    boolean handshakingHere() {
        return handshakeLock.isHeldByCurrentThread();
    }

    private void handshakeLoop() throws IOException {
        try {
            if (!connection.started()) {
                socket.kickstart();
            }
            while (true) {
                flush();
                if (connection.handshakeComplete()) {
                    handshaken = true;
                    if (connection.takeFinished()) {
                        socket.handshakeCompleted();
                    }
                    return;
                }
                SSLException f = connection.failure();
                if (f != null) {
                    throw f;
                }
                if (!readRecord()) {
                    if (socket.isClosed()) {
                        throw new SocketException("Socket is closed");
                    }
                    throw endOfStream ? terminatedHandshake("Remote host terminated the handshake")
                            : new SSLHandshakeException("the connection was closed during the handshake");
                }
            }
        } catch (SSLException e) {
            throw failed(e);
        } catch (InterruptedIOException timeout) {
            throw timeout; // the handshake continues with the next call
        } catch (IOException e) {
            throw transportFailed(e);
        }
    }

    // ---- reading ----------------------------------------------------------------------------

    /** Decrypted application bytes into {@code b}; -1 at the end of the data. After the handshake. */
    int read(byte[] b, int off, int len) throws IOException {
        readLock.lock();
        try {
            while (!appIn.hasRemaining()) {
                if (connection.inboundDone() || endOfStream || !readRecordAfterHandshake()) {
                    return endOfData();
                }
            }
            int n = Math.min(len, appIn.remaining());
            appIn.get(b, off, n);
            buffered = appIn.remaining();
            return n;
        } finally {
            readLock.unlock();
        }
    }

    /** One decrypted byte, or -1 at the end of the data. After the handshake. */
    int readByte() throws IOException {
        readLock.lock();
        try {
            int n = read(oneIn, 0, 1);
            return n < 0 ? -1 : oneIn[0] & 0xff;
        } finally {
            readLock.unlock();
        }
    }

    /**
     * What a read answers once the read side is closed, as SunJSSE's: the end of the data (-1),
     * also after this side's {@code close()}, unless a failure closed the connection, which is
     * then reported again ("Connection has closed: ...").
     */
    int endOfData() throws IOException {
        Exception cause = connection.failure();
        if (cause == null) {
            cause = transportFailure;
        }
        if (cause != null) {
            throw new SSLException("Connection has closed: " + cause, cause);
        }
        return -1;
    }

    /**
     * Before the TCP connection closes: drops the bytes the peer sent that nobody read (TLS 1.3
     * tickets, say), without waiting for more. Closing a TCP socket with unread bytes sends a
     * reset, which can destroy data the peer has received and not yet read, close_notify with
     * it. Skipped while another thread reads (then nothing is waiting) and bounded.
     */
    void discardReceived() {
        if (!readLock.tryLock()) {
            return;
        }
        try {
            byte[] scratch = new byte[4096];
            for (int total = 0, n; total < MAX_DISCARDED && (n = in.available()) > 0; total += n) {
                n = in.read(scratch, 0, Math.min(n, scratch.length));
                if (n < 0) {
                    return;
                }
            }
        } catch (IOException gone) {
            // nothing more to drop
        } finally {
            readLock.unlock();
        }
    }

    /** Decrypted bytes waiting to be read (never blocks, reads nothing). */
    int available() {
        return buffered;
    }

    private boolean readRecordAfterHandshake() throws IOException {
        try {
            if (readRecord()) {
                output.flushIfIdle(); // a KeyUpdate answer, or the close_notify answering the peer's
                if (connection.outboundDone() && socket.ownsTransport() && !socket.transportOutputShutdown()) {
                    socket.shutdownTransportOutput(); // nothing can follow close_notify: the FIN now, as SunJSSE
                }
                return true;
            }
            if (endOfStream) {
                try {
                    connection.closeInbound();
                } catch (SSLException noCloseNotify) {
                    // SunJSSE's default: the end of the stream between records counts as close_notify
                    if (requireCloseNotify) {
                        SSLProtocolException e = new SSLProtocolException("Remote host terminated the connection without"
                                + " close_notify (com.sun.net.ssl.requireCloseNotify=true)");
                        e.initCause(noCloseNotify);
                        throw e;
                    }
                }
                if (socket.ownsTransport() && !socket.transportInputShutdown()) {
                    socket.shutdownTransportInput(); // the read side is over, as SunJSSE's shutdownInput() there
                }
            }
            return false;
        } catch (SSLException e) {
            throw failed(e);
        } catch (InterruptedIOException timeout) {
            throw timeout; // the record read so far is kept; the next read continues it
        } catch (IOException e) {
            throw transportFailed(e);
        }
    }

    /**
     * Reads one whole record and hands it to the core, then runs any delegated task inline. The
     * core is asked under its lock whether the read side is still open, so a {@code close()} on
     * another thread never meets a half-read record.
     *
     * @return false at the end of the stream before a record began, or when the read side closed
     */
    private boolean readRecord() throws IOException {
        while (true) {
            int missing;
            synchronized (connection) {
                if (connection.inboundDone()) {
                    return false;
                }
                missing = connection.missing(netIn);
                if (missing == 0) {
                    appIn.clear(); // before asking whether the record fits: the room is the whole buffer
                    if (!connection.fits(appInArray, 0, 1)) {
                        appIn = ByteBuffer.allocate(RecordLimits.MAX_TLS12_CIPHERTEXT);
                        appInArray[0] = appIn;
                    }
                    try {
                        connection.read(netIn, appInArray, 0, 1);
                    } finally {
                        appIn.flip();
                        buffered = appIn.remaining();
                    }
                    break;
                }
            }
            if (!fill(missing)) {
                if (netIn.hasRemaining()) {
                    String what = "the peer closed the connection in the middle of a record (" + netIn.remaining()
                            + " byte(s) received, " + missing + " more expected)";
                    if (!connection.handshakeComplete()) {
                        throw terminatedHandshake("Remote host terminated the handshake: " + what);
                    }
                    throw new SSLProtocolException(what);
                }
                endOfStream = true;
                return false;
            }
        }
        runTasks();
        return true;
    }

    /** The end of the stream during the handshake, as SunJSSE reports it: caused by an {@code EOFException}. */
    private static SSLHandshakeException terminatedHandshake(String message) {
        SSLHandshakeException e = new SSLHandshakeException(message);
        e.initCause(new EOFException("SSL peer shut down incorrectly"));
        return e;
    }

    /** Reads up to {@code missing} bytes (exactly what the record still lacks); false at the end of the stream. */
    private boolean fill(int missing) throws IOException {
        netIn.compact();
        if (netIn.remaining() < missing) { // a record larger than the buffer: grow it once, for good
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(RecordLimits.MAX_RECORD_SIZE, netIn.position() + missing));
            bigger.put(netIn.flip());
            netIn = bigger;
        }
        try {
            int n = in.read(netIn.array(), netIn.position(), Math.min(missing, netIn.remaining()));
            if (n < 0) {
                return false;
            }
            netIn.position(netIn.position() + n);
            return true;
        } finally {
            netIn.flip();
        }
    }

    private void runTasks() throws SSLException {
        for (Runnable task = connection.delegatedTask(); task != null; task = connection.delegatedTask()) {
            task.run();
        }
        SSLException f = connection.takeDelegatedFailure();
        if (f != null) {
            throw f;
        }
    }

    // ---- writing ----------------------------------------------------------------------------

    /** Encrypts and writes all of {@code b[off, off+len)}. After the handshake. */
    void write(byte[] b, int off, int len) throws IOException {
        try {
            output.write(b, off, len);
        } catch (SSLException e) {
            throw failed(e);
        }
    }

    /** Encrypts and writes one byte. After the handshake. */
    void writeByte(int b) throws IOException {
        try {
            output.writeByte(b);
        } catch (SSLException e) {
            throw failed(e);
        }
    }

    /** Writes everything the core has queued (handshake flights, alerts, KeyUpdates). */
    void flush() throws IOException {
        output.flush();
    }

    /** See {@link SocketOutput#flushOnClose}. */
    boolean flushOnClose(int lingerSeconds) {
        return !attached() || output.flushOnClose(lingerSeconds);
    }

    /**
     * A failure of the core: its alert goes out if it can (waiting for a writer only while it
     * gets data out, as {@code close()} does: a reader must not wait for ever on a writer stuck
     * on a peer that reads nothing), the socket closes, the exception is returned.
     */
    private SSLException failed(SSLException e) {
        flushOnClose(-1);
        socket.closeAfterFailure();
        return e;
    }

    /**
     * The TCP connection failed: the socket closes, and later reads report {@code e} again
     * ({@link #endOfData}); "Socket is closed" when this side closed it meanwhile.
     */
    private IOException transportFailed(IOException e) {
        boolean closedHere = socket.isClosed();
        socket.closeAfterFailure();
        if (closedHere) {
            SocketException closed = new SocketException("Socket is closed");
            closed.initCause(e);
            return closed;
        }
        transportFailure = e;
        return e;
    }
}
