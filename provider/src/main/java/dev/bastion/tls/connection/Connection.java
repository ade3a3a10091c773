package dev.bastion.tls.connection;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.connection.config.CloseRules;
import dev.bastion.tls.connection.config.KeyLimits;
import dev.bastion.tls.crypto.TranscriptHash;
import dev.bastion.tls.diag.KeyLog;
import dev.bastion.tls.diag.Trace;
import dev.bastion.tls.handshake.Credentials;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.Handshaker;
import dev.bastion.tls.handshake.Negotiated;
import dev.bastion.tls.record.AlertMessage;
import dev.bastion.tls.record.HandshakeAssembler;
import dev.bastion.tls.record.RecordReader;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * The sans-IO TLS connection core that {@code SSLEngine} (and later {@code SSLSocket}) adapt:
 * it eats records and emits records, owns the record layer, the handshake assembler, the
 * transcript, the current {@link Handshaker}, the outbound queue, the close state and the one
 * catch site ({@link Failure}).
 *
 * <ul>
 * <li><b>Handshake.</b> {@link #begin} creates the handshaker ({@link HandshakerFactory}) and
 *     starts it (a client queues its ClientHello). Received handshake messages are added to the
 *     transcript here, then handed to {@link Handshaker#receive}; what the handshaker sends is
 *     added to the transcript by {@link ConnectionIo#send}.</li>
 * <li><b>Delegated tasks</b> ({@link DelegatedTask}). A received message is processed by a
 *     {@link Runnable} ({@link #delegatedTask}) unless it is a Finished, KeyUpdate or NewSessionTicket and no
 *     task is pending: SunJSSE's observable rule, so signatures and key agreement leave the
 *     caller's event loop while cheap steps stay inline.</li>
 * <li><b>Status</b> follows SunJSSE 17 ({@link #handshakeStatus}); {@link #takeFinished} reports
 *     FINISHED exactly once, when the handshake is complete and its last flight is written.</li>
 * <li><b>TLS 1.3 record rules</b> ({@link Inbound}): compatibility change_cipher_spec only while
 *     the handshaker accepts one; close_notify and user_canceled are the only non-error alerts;
 *     in TLS 1.2 a change_cipher_spec goes to the handshaker ({@link Handshaker#changeCipherSpec}),
 *     which switches the read keys or refuses it, and warning alerts are ignored;
 *     empty records and KeyUpdates in a row are bounded ({@link Limits}); write keys are updated
 *     before their limits ({@link KeyUsage}).</li>
 * <li><b>Failure</b> is sticky; the alert goes out with the next {@link #flush}; application
 *     data read before a failure has already been delivered.</li>
 * </ul>
 *
 * <p>Thread-safe: every method takes the connection's lock; {@link #handshakeStatus} answers
 * {@code NEED_TASK} without it while a task is pending, so an event loop never waits for a
 * task running elsewhere.
 */
public final class Connection {
    private static final Trace TRACE = Trace.get("connection");
    private static final int TLS13 = 0x0304;

    private final HandshakerFactory factory;
    private final ConnectionListener listener;
    private final RecordReader reader = new RecordReader();
    private final Outbound outbound = new Outbound();
    /** Made at the first failure: a healthy connection carries none. */
    private Failure failure;
    final ConnectionIo io;
    private final Inbound inbound;
    private final KeyUsage keyUsage;
    private HandshakeConfig config;
    private Handshaker handshaker;
    private HandshakeAssembler assembler = new HandshakeAssembler();
    private TranscriptHash transcript = new TranscriptHash();
    /** The negotiated protocol version, 0 until the handshake knows it. */
    private int version;
    /** Of the configuration, what the connection still needs once the handshake is over (it drops the rest). */
    private boolean client;
    private boolean tls12Enabled;
    private boolean started;
    private boolean complete;
    private boolean finishedPending;
    private boolean inboundClosed;
    private volatile boolean outboundClosed;
    private boolean closeNotifyReceived;
    private final DelegatedTask task = new DelegatedTask(this);

    public Connection(HandshakerFactory factory, Credentials credentials, SecureRandom random, KeyLog keyLog,
            KeyLimits keyLimits, CloseRules closeRules, ConnectionListener listener) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.io = new ConnectionIo(this, outbound, credentials, random, keyLog, this.listener);
        this.keyUsage = new KeyUsage(Objects.requireNonNull(keyLimits, "keyLimits"));
        this.inbound = new Inbound(this, keyUsage, factory, io, closeRules.acknowledgeCloseNotify());
    }

    // ---- lifecycle -------------------------------------------------------------------------

    /**
     * Starts the handshake: builds the configuration (inside the catch site, so a
     * configuration that leaves nothing to negotiate fails like any handshake failure), creates
     * the handshaker and starts it.
     *
     * @throws SSLException when the connection is already closed ("Cannot kickstart"), or the
     *     handshake failure
     */
    public synchronized void begin(Supplier<HandshakeConfig> configuration) throws SSLException {
        if (started) {
            throw new IllegalStateException("the handshake has already begun");
        }
        if (failedWith() != null || inboundClosed || outboundClosed) {
            throw new SSLException("Cannot kickstart, the connection is broken or closed");
        }
        started = true;
        try {
            config = configuration.get();
            client = config.client();
            tls12Enabled = config.enables(HandshakeConfig.TLS12);
            assembler = new HandshakeAssembler(config.maxHandshakeMessageSize());
            if (!config.client()) {
                outbound.useTls12PlaintextVersion();
            }
            handshaker = factory.create(config);
            TRACE.debug(() -> (config.client() ? "client" : "server") + " handshake begins with " + handshaker);
            handshaker.start(io);
            outbound.useTls12PlaintextVersion(); // a client's records after its initial ClientHello (RFC 8446 §5.1)
        } catch (RuntimeException e) {
            throw failures().local(e);
        }
    }

    /** Whether {@link #begin} has been called. */
    public synchronized boolean started() {
        return started;
    }

    /** Whether the handshake completed (the handshaker called {@code complete}). */
    public synchronized boolean handshakeComplete() {
        return complete;
    }

    /** Begun, not complete and not failed. */
    public synchronized boolean handshaking() {
        return started && !complete && failedWith() == null;
    }

    /** The protocol version the handshake agreed ({@code 0x0304}, {@code 0x0303}), or 0 before it is known. */
    public synchronized int version() {
        return version;
    }

    /** The failure, if the connection failed (sticky). */
    public synchronized SSLException failure() {
        return failedWith();
    }

    /**
     * Renegotiation in TLS 1.3 terms ({@code beginHandshake()} after the handshake, as in
     * SunJSSE): asks the handshaker for a KeyUpdate with {@code update_requested}. Does nothing
     * when the handshaker cannot.
     */
    public synchronized void requestKeyUpdate() throws SSLException {
        if (!complete || failedWith() != null || outboundClosed) {
            return;
        }
        try {
            keyUsage.update(factory, handshaker, io, true, false);
        } catch (RuntimeException e) {
            throw failures().local(e);
        }
    }

    // ---- status and tasks ------------------------------------------------------------------

    /** The handshake status SunJSSE 17 reports in the same state (never FINISHED). */
    public HandshakeStatus handshakeStatus() {
        if (task.pending() && !outboundClosed) {
            return HandshakeStatus.NEED_TASK;
        }
        synchronized (this) {
            if (task.pending() && !(outboundClosed && outbound.hasData())) { // closing: the alerts first
                return HandshakeStatus.NEED_TASK;
            }
            if (outbound.hasData() || task.failed()) {
                return HandshakeStatus.NEED_WRAP;
            }
            if (!started || failedWith() != null) {
                return HandshakeStatus.NOT_HANDSHAKING;
            }
            if (finishedPending) {
                return HandshakeStatus.NEED_WRAP;
            }
            if (!complete && !inboundClosed) {
                return HandshakeStatus.NEED_UNWRAP;
            }
            return HandshakeStatus.NOT_HANDSHAKING;
        }
    }

    /** True once: the handshake is complete, no task pending, its last flight out ({@code FINISHED}). */
    public synchronized boolean takeFinished() {
        if (finishedPending && !task.pending() && !outbound.hasData()) {
            finishedPending = false;
            return true;
        }
        return false;
    }

    /** Whether received messages wait for a delegated task. */
    public boolean taskPending() {
        return task.pending();
    }

    /** The task that processes the pending messages, handed out once; null if none. */
    public synchronized Runnable delegatedTask() {
        return task.handOut();
    }

    /** The failure a delegated task ran into, returned once (the next wrap or unwrap throws it). */
    public synchronized SSLException takeDelegatedFailure() {
        return task.takeFailure();
    }

    /**
     * Bytes {@code src} still lacks for a whole record at its position; 0 when one is there.
     *
     * @throws SSLException for a header the current protection refuses
     */
    public synchronized int missing(ByteBuffer src) throws SSLException {
        try {
            return reader.missing(src);
        } catch (RuntimeException e) {
            throw failures().local(e);
        }
    }

    /** Whether the destinations can take the record {@link #missing} examined (else BUFFER_OVERFLOW). */
    public synchronized boolean fits(ByteBuffer[] dsts, int offset, int length) {
        return inbound.fits(dsts, offset, length);
    }

    /**
     * Reads the one whole record at {@code src}'s position: application data goes to the
     * destinations, everything else to the handshake, alert or CCS handling.
     *
     * @return application bytes produced
     * @throws SSLException the connection's failure
     */
    public synchronized int read(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
        if (!started) {
            throw new IllegalStateException("read before begin");
        }
        try {
            return inbound.read(src, dsts, offset, length);
        } catch (RuntimeException e) {
            throw failures().local(e);
        }
    }

    /** Whether records wait to be written. */
    public synchronized boolean hasOutput() {
        return outbound.hasData();
    }

    /**
     * Writes whole records of the next queued chunk.
     *
     * @return bytes written; 0 when nothing is queued; -1 when {@code dst} cannot take one record
     */
    public synchronized int flush(ByteBuffer dst) throws SSLException {
        try {
            int n = outbound.flush(dst);
            if (outboundClosed && !outbound.hasData()) {
                outbound.wipe(); // close_notify or fatal alert written
            }
            return n;
        } catch (RuntimeException e) {
            throw failures().local(e);
        }
    }

    /**
     * Seals one application data record from the sources (gathered) into {@code dst}.
     *
     * @return bytes consumed; -1 when {@code dst} cannot take the record
     */
    public synchronized int write(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
        if (!complete || outboundClosed || outbound.hasData()) {
            throw new IllegalStateException("application data cannot be written now");
        }
        try {
            int n = outbound.writeApplicationData(srcs, offset, length, dst);
            if (n > 0) {
                keyUsage.written(n, outbound.protection(), factory, handshaker, io);
            }
            return n;
        } catch (RuntimeException e) {
            throw failures().local(e);
        }
    }

    /** Limits the content of each record this side writes (1..2^14 bytes). */
    public synchronized void setMaxFragmentLength(int length) {
        outbound.setMaxFragmentLength(length);
    }

    /** Keeps the records this side writes within {@code packetSize} bytes ({@code SSLParameters.setMaximumPacketSize}; 0: no limit). */
    public synchronized void setMaxPacketSize(int packetSize) {
        outbound.setMaxPacketSize(packetSize);
    }

    // ---- close -----------------------------------------------------------------------------

    /**
     * Closes the write side as SunJSSE does: nothing to send before the handshake began;
     * {@code user_canceled} then {@code close_notify} during the handshake; {@code close_notify}
     * after it. Idempotent.
     */
    public synchronized void closeOutbound() {
        closeOutbound(!complete);
    }

    /**
     * {@link #closeOutbound} for a socket's {@code close()}: after a TLS 1.3 handshake, while the
     * peer has not closed, user_canceled before close_notify, as SunJSSE sends them: its peers
     * take the pair for a full close, close_notify alone for a half-close (RFC 8446 §6.1).
     */
    public synchronized void closeDuplex() {
        closeOutbound(!complete || version == TLS13 && !inboundClosed);
    }

    /** {@link #closeOutbound} without user_canceled: the answer to a peer that cancelled. */
    void closeOutboundQuietly() {
        closeOutbound(false);
    }

    private void closeOutbound(boolean userCanceled) {
        if (outboundClosed) {
            return;
        }
        outboundClosed = true;
        if (!started || failedWith() != null) {
            outbound.wipe();
            return;
        }
        // a pending task still runs, as SunJSSE's: the peer's close_notify needs its keys
        if (userCanceled) {
            outbound.alert(AlertMessage.warning(AlertDescription.USER_CANCELED));
        }
        outbound.alert(AlertMessage.closeNotify());
    }

    /** Closed for writing, and everything queued has been written. */
    public synchronized boolean outboundDone() {
        return outboundClosed && !outbound.hasData();
    }

    /** Closed for writing (closeOutbound or failure), whether or not its last records went out. */
    public synchronized boolean outboundClosed() {
        return outboundClosed;
    }

    /**
     * Closes the read side and wipes its keys. After the handshake began and without the
     * peer's close_notify this throws SunJSSE's {@code SSLException} ("closing inbound before
     * receiving peer's close_notify") — once; the connection is not failed by it. During the
     * handshake the write side is closed too ({@link #closeOutbound}): the handshake cannot finish.
     */
    public synchronized void closeInbound() throws SSLException {
        if (inboundClosed) {
            return;
        }
        inboundClosed = true;
        reader.close();
        assembler.clear();
        task.cancel();
        if (started && !closeNotifyReceived && failedWith() == null) {
            if (!complete) {
                closeOutbound(); // the handshake can never finish: user_canceled, close_notify, then CLOSED
            }
            throw new SSLException("closing inbound before receiving peer's close_notify");
        }
    }

    /** Closed for reading (close_notify received, closeInbound, or failure). */
    public synchronized boolean inboundDone() {
        return inboundClosed;
    }

    // ---- for Inbound, KeyUsage, Failure and ConnectionIo (lock held) -----------------------

    /** The handshake's configuration; null once the handshake is over (an idle connection does not keep it). */
    HandshakeConfig config() {
        return config;
    }

    /** Whether this is the client side. */
    boolean client() {
        return client;
    }

    /** Whether the configuration enabled TLS 1.2. */
    boolean tls12Enabled() {
        return tls12Enabled;
    }

    /** The handshake's transcript; null once the handshake is complete (or the connection closed). */
    TranscriptHash transcript() {
        return transcript;
    }

    RecordReader reader() {
        return reader;
    }

    HandshakeAssembler assembler() {
        return assembler;
    }

    Handshaker handshaker() {
        return handshaker;
    }

    boolean complete() {
        return complete;
    }

    Failure failures() {
        if (failure == null) {
            failure = new Failure(this);
        }
        return failure;
    }

    /** The failure, or null while the connection is healthy. */
    private SSLException failedWith() {
        Failure f = failure;
        return f == null ? null : f.exception();
    }

    void skipEarlyData() {
        inbound.skipEarlyData();
    }

    void handshakeSession(Negotiated sofar) {
        version = sofar.version();
        listener.handshakeSession(sofar);
    }

    void complete(Negotiated result) {
        if (complete) {
            throw new IllegalStateException("the handshaker completed twice");
        }
        complete = true;
        finishedPending = true;
        version = result.version();
        // The handshaker has taken what it needs from the transcript (RFC 8446 §4.4: nothing
        // after Finished is hashed); an idle connection keeps neither it nor a reassembly buffer.
        transcript = null;
        assembler.trim();
        inbound.handshakeComplete();
        TRACE.debug(() -> "handshake complete: " + result.protocolName() + " " + result.cipherSuite().orElse(null));
        listener.complete(result);
        config = null; // the handshaker took what it needs; post-handshake messages ask nothing of it
    }

    /** Messages wait for a delegated task. */
    void delegate() {
        task.start();
    }

    /** The delegated task's body: the messages that waited for it. */
    void processPending() {
        inbound.processPending();
    }

    /** The peer sent close_notify. */
    void closeNotifyReceived() {
        closeNotifyReceived = true;
        inboundClosed = true;
        reader.close();
    }

    /** Called by {@link Failure}: queue {@code alert} if the write side is open, close both sides, wipe. */
    void failed(AlertMessage alert) {
        boolean writeOpen = !outboundDone();
        task.cancel();
        outbound.applyKeyChanges(); // keys in force for the next record protect the alert
        outbound.clear();
        if (alert != null && writeOpen) {
            outbound.alert(alert);
        }
        inboundClosed = true;
        outboundClosed = true;
        reader.close();
        assembler.clear();
        if (!outbound.hasData()) {
            outbound.wipe();
        }
        handshaker = null;
        transcript = null;
        listener.failed();
    }
}
