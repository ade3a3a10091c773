package dev.bastion.tls.engine;

import dev.bastion.tls.connection.Connection;
import dev.bastion.tls.connection.config.AlpnCharset;
import dev.bastion.tls.handshake.ClientAuth;
import dev.bastion.tls.record.ContentType;
import dev.bastion.tls.record.RecordLimits;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BiFunction;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * Bastion's {@link SSLEngine}: a thin adapter from the JSSE buffer API to the sans-IO
 * {@link Connection}, answering as SunJSSE 17 does where applications depend on it:
 *
 * <ul>
 * <li>{@code unwrap} consumes at most one record; {@code wrap} writes either the next queued
 *     chunk of handshake records or alerts, or one application data record.</li>
 * <li>While a delegated task is pending both report {@code OK}/{@code NEED_TASK} and touch
 *     nothing; during the handshake {@code unwrap} does not read while the engine needs to
 *     wrap, and {@code wrap} sends no application data.</li>
 * <li>{@code FINISHED} is reported exactly once, by the call that completes the handshake (or
 *     writes its last flight). SunJSSE reports it a second time when a TLS 1.3 client reads a
 *     NewSessionTicket; Bastion does not.</li>
 * <li>A failure is thrown once, by the call that detects it (a delegated task's failure by the
 *     next {@code wrap} or {@code unwrap}); afterwards {@code wrap} delivers the fatal alert and
 *     both report {@code CLOSED}, as SunJSSE does.</li>
 * <li>{@code BUFFER_OVERFLOW} when the destination cannot take the next record (Bastion asks
 *     only for the room that record needs, where SunJSSE asks for a whole packet buffer);
 *     {@code BUFFER_UNDERFLOW} when the source holds less than one record.</li>
 * </ul>
 *
 * <p>Thread-safe: every operation holds the connection's lock; tasks may run on any thread.
 */
public final class BastionEngine extends SSLEngine {
    private final EngineContext context;
    private final EngineParameters parameters;
    private final EngineSessions sessions;
    private final Connection connection;
    private final ByteBuffer[] single = new ByteBuffer[1];
    private volatile BiFunction<SSLEngine, List<String>, String> selector;

    /** An engine for {@code context}; {@code peerHost} may be null and {@code peerPort} -1. */
    public BastionEngine(EngineContext context, String peerHost, int peerPort) {
        super(peerHost, peerPort);
        context.policy().requireUsable();
        this.context = context;
        this.parameters = new EngineParameters(context.policy(), peerHost);
        this.sessions = new EngineSessions();
        this.connection = new Connection(context.handshakers(),
                new EngineCredentials(this, context.keyManager(), context.trustManager(), context.policy().disabled(),
                        context.stapler(), context.policy().alpnCharset()),
                context.random(), context.keyLog(), context.policy().keyLimits(), context.policy().closeRules(), sessions);
    }

    // ---- wrap / unwrap ---------------------------------------------------------------------

    /** As {@link #wrap(ByteBuffer[], int, int, ByteBuffer)}, without the array the inherited method allocates per call. */
    @Override
    public SSLEngineResult wrap(ByteBuffer src, ByteBuffer dst) throws SSLException {
        synchronized (connection) {
            single[0] = src;
            try {
                return wrap(single, 0, 1, dst);
            } finally {
                single[0] = null;
            }
        }
    }

    /** As {@link #unwrap(ByteBuffer, ByteBuffer[], int, int)}, without the array the inherited method allocates per call. */
    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer dst) throws SSLException {
        synchronized (connection) {
            single[0] = dst;
            try {
                return unwrap(src, single, 0, 1);
            } finally {
                single[0] = null;
            }
        }
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
        EngineBuffers.checkWrap(srcs, offset, length, dst);
        synchronized (connection) {
            prepare();
            if (connection.outboundDone()) {
                return result(Status.CLOSED, 0, 0);
            }
            if (connection.taskPending() && !connection.outboundClosed()) {
                return result(Status.OK, 0, 0); // closed: the alerts go out while the task waits, as in SunJSSE
            }
            if (connection.hasOutput()) {
                int n = connection.flush(dst);
                if (n < 0) {
                    return result(Status.BUFFER_OVERFLOW, 0, 0);
                }
                return result(connection.outboundDone() ? Status.CLOSED : Status.OK, 0, n);
            }
            if (!connection.handshakeComplete()) {
                return result(Status.OK, 0, 0);
            }
            int start = dst.position();
            int consumed = connection.write(srcs, offset, length, dst);
            if (consumed < 0) {
                return result(Status.BUFFER_OVERFLOW, 0, 0);
            }
            return result(Status.OK, consumed, dst.position() - start);
        }
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
        EngineBuffers.checkUnwrap(src, dsts, offset, length);
        synchronized (connection) {
            prepare();
            if (connection.inboundDone()) {
                return result(Status.CLOSED, 0, 0);
            }
            if (!connection.started()) {
                return unwrapUnstarted(src);
            }
            if (connection.taskPending() || (connection.handshaking() && connection.hasOutput())) {
                return result(Status.OK, 0, 0);
            }
            if (connection.missing(src) > 0) {
                return result(Status.BUFFER_UNDERFLOW, 0, 0);
            }
            if (!connection.fits(dsts, offset, length)) {
                return result(Status.BUFFER_OVERFLOW, 0, 0);
            }
            int start = src.position();
            int produced = connection.read(src, dsts, offset, length);
            return result(connection.inboundDone() ? Status.CLOSED : Status.OK, src.position() - start, produced);
        }
    }

    @Override
    public Runnable getDelegatedTask() {
        return connection.delegatedTask();
    }

    @Override
    public HandshakeStatus getHandshakeStatus() {
        return connection.handshakeStatus();
    }

    // ---- handshake and close ---------------------------------------------------------------

    /** Starts the handshake; after it, asks for a TLS 1.3 KeyUpdate (SunJSSE's answer to renegotiation). */
    @Override
    public void beginHandshake() throws SSLException {
        synchronized (connection) {
            requireMode();
            SSLException f = connection.takeDelegatedFailure();
            if (f != null) {
                throw f;
            }
            if (connection.failure() != null || connection.inboundDone() || connection.outboundClosed()) {
                if (!connection.started()) {
                    // never to run: done both ways, as SunJSSE (wrap and unwrap answer CLOSED, nobody spins)
                    connection.closeOutbound();
                    connection.closeInbound(); // does not throw before the handshake began
                }
                throw new SSLException("Cannot kickstart, the connection is broken or closed");
            }
            if (!connection.started()) {
                kickstart();
            } else if (connection.handshakeComplete()) {
                connection.requestKeyUpdate();
            }
        }
    }

    @Override
    public void closeInbound() throws SSLException {
        connection.closeInbound();
    }

    @Override
    public boolean isInboundDone() {
        return connection.inboundDone();
    }

    @Override
    public void closeOutbound() {
        connection.closeOutbound();
    }

    @Override
    public boolean isOutboundDone() {
        return connection.outboundDone();
    }

    // ---- configuration ---------------------------------------------------------------------

    @Override
    public String[] getSupportedCipherSuites() {
        return parameters.supportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        synchronized (connection) {
            return parameters.cipherSuites();
        }
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        synchronized (connection) {
            parameters.setCipherSuites(suites);
        }
    }

    @Override
    public String[] getSupportedProtocols() {
        return parameters.supportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        synchronized (connection) {
            return parameters.protocols();
        }
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        synchronized (connection) {
            parameters.setProtocols(protocols);
        }
    }

    /** @throws IllegalArgumentException once the handshake has begun, even for the same mode (as SunJSSE) */
    @Override
    public void setUseClientMode(boolean mode) {
        synchronized (connection) {
            if (connection.started()) {
                throw new IllegalArgumentException("Cannot change mode after SSL traffic has started");
            }
            parameters.setClient(mode);
        }
    }

    @Override
    public boolean getUseClientMode() {
        synchronized (connection) {
            return parameters.client();
        }
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        synchronized (connection) {
            parameters.setNeedClientAuth(need);
        }
    }

    @Override
    public boolean getNeedClientAuth() {
        synchronized (connection) {
            return parameters.clientAuth() == ClientAuth.REQUIRED;
        }
    }

    @Override
    public void setWantClientAuth(boolean want) {
        synchronized (connection) {
            parameters.setWantClientAuth(want);
        }
    }

    @Override
    public boolean getWantClientAuth() {
        synchronized (connection) {
            return parameters.clientAuth() == ClientAuth.WANTED;
        }
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        synchronized (connection) {
            parameters.setSessionCreation(flag);
        }
    }

    @Override
    public boolean getEnableSessionCreation() {
        synchronized (connection) {
            return parameters.sessionCreation();
        }
    }

    @Override
    public SSLParameters getSSLParameters() {
        synchronized (connection) {
            return parameters.toSSLParameters();
        }
    }

    @Override
    public void setSSLParameters(SSLParameters params) {
        synchronized (connection) {
            parameters.apply(params);
            if (connection.started()) {
                Kickstart.applyMaximumPacketSize(connection, parameters);
            }
        }
    }

    @Override
    public void setHandshakeApplicationProtocolSelector(BiFunction<SSLEngine, List<String>, String> selector) {
        this.selector = selector;
    }

    @Override
    public BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector() {
        return selector;
    }

    // ---- sessions --------------------------------------------------------------------------

    @Override
    public SSLSession getSession() {
        return sessions.session();
    }

    @Override
    public SSLSession getHandshakeSession() {
        return sessions.handshakeSession(connection.failure() != null);
    }

    @Override
    public String getApplicationProtocol() {
        return AlpnCharset.fromWire(sessions.applicationProtocol(), context.policy().alpnCharset());
    }

    @Override
    public String getHandshakeApplicationProtocol() {
        return AlpnCharset.fromWire(sessions.handshakeApplicationProtocol(), context.policy().alpnCharset());
    }

    @Override
    public String toString() {
        return "BastionEngine(" + (parameters.client() ? "client" : "server") + ", " + getPeerHost() + ":" + getPeerPort()
                + ", " + connection.handshakeStatus() + ")";
    }

    // ---- private ---------------------------------------------------------------------------

    /** Common start of wrap and unwrap: a task's failure, the mode, the implicit handshake start. */
    private void prepare() throws SSLException {
        SSLException f = connection.takeDelegatedFailure();
        if (f != null) {
            throw f;
        }
        requireMode();
        if (!connection.started() && !connection.inboundDone() && !connection.outboundDone()) {
            kickstart();
        }
    }

    /**
     * An engine closed for writing before its handshake began reads what arrives as SunJSSE's
     * does, without starting a handshake: each whole record is taken and dropped (OK), an alert
     * ends the read side (CLOSED); bytes that are no TLS record fail as they would have in a
     * handshake.
     */
    private SSLEngineResult unwrapUnstarted(ByteBuffer src) throws SSLException {
        if (src.remaining() < RecordLimits.HEADER_LENGTH) {
            return result(Status.BUFFER_UNDERFLOW, 0, 0);
        }
        int p = src.position();
        int type = src.get(p) & 0xff;
        int length = (src.get(p + 3) & 0xff) << 8 | src.get(p + 4) & 0xff;
        if (type < 20 || type > 24 || src.get(p + 1) != 3 || length > RecordLimits.MAX_TLS12_CIPHERTEXT) {
            connection.closeInbound();
            throw new SSLException("Unsupported or unrecognized SSL message");
        }
        if (src.remaining() < RecordLimits.HEADER_LENGTH + length) {
            return result(Status.BUFFER_UNDERFLOW, 0, 0);
        }
        src.position(p + RecordLimits.HEADER_LENGTH + length);
        if (type == ContentType.ALERT.code()) {
            connection.closeInbound();
            return result(Status.CLOSED, RecordLimits.HEADER_LENGTH + length, 0);
        }
        return result(Status.OK, RecordLimits.HEADER_LENGTH + length, 0);
    }

    private void requireMode() {
        if (!parameters.modeSet()) {
            throw new IllegalStateException("Client/Server mode has not yet been set.");
        }
    }

    private void kickstart() throws SSLException {
        Kickstart.begin(connection, context, parameters, sessions, getPeerHost(), getPeerPort());
    }

    private SSLEngineResult result(Status status, int consumed, int produced) {
        HandshakeStatus hs = connection.takeFinished() ? HandshakeStatus.FINISHED : connection.handshakeStatus();
        return RecentResults.of(status, hs, consumed, produced);
    }
}
