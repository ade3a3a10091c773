package dev.bastion.tls.engine;

import dev.bastion.tls.connection.Connection;
import dev.bastion.tls.connection.config.AlpnCharset;
import dev.bastion.tls.handshake.ClientAuth;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import javax.net.ssl.HandshakeCompletedEvent;
import javax.net.ssl.HandshakeCompletedListener;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * Bastion's {@link SSLSocket}: a blocking loop ({@link SocketIo}) around the same sans-IO
 * {@link Connection} the engine adapts, with the engine's parameters, sessions and credentials.
 * It answers as SunJSSE 17 does where applications depend on it:
 *
 * <ul>
 * <li>Reading, writing, {@link #getSession()} and {@link #startHandshake()} run the handshake
 *     when it has not run; {@code getSession()} answers the null session
 *     ({@code SSL_NULL_WITH_NULL_NULL}) when it fails or cannot run (not connected). After the
 *     handshake, {@code startHandshake()} asks for a TLS 1.3 KeyUpdate.</li>
 * <li>A failed handshake or a fatal alert closes the socket (after sending the alert); a read
 *     timeout does not: the data read so far is kept and the next call continues.</li>
 * <li>{@link HandshakeCompletedListener}s are called on another thread
 *     ({@code HandshakeCompletedNotify-Thread}), as SunJSSE calls them; {@link HandshakeNotifier}
 *     reuses idle ones.</li>
 * <li>{@link #close()} sends close_notify (user_canceled first during the handshake; nothing
 *     before it), {@link #shutdownOutput()} sends close_notify and keeps reading,
 *     {@link #shutdownInput()} throws SunJSSE's {@link SSLException} when the peer's
 *     close_notify has not arrived.</li>
 * <li>The peer host for SNI and endpoint identification is the name given to
 *     {@code connect}/{@code createSocket} ({@link BaseSocket}); an accepted socket's is the
 *     client's address.</li>
 * </ul>
 */
public final class BastionSocket extends BaseSocket {
    private final EngineContext context;
    private final EngineParameters parameters;
    private final EngineSessions sessions = new EngineSessions();
    private final Connection connection;
    private final SocketIo io;
    private final AppInputStream input;
    private final AppOutputStream output;
    private final List<HandshakeCompletedListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile BiFunction<SSLSocket, List<String>, String> selector;
    private volatile String peerHost;
    private volatile int peerPort = -1;
    private volatile InputStream consumed;

    private BastionSocket(EngineContext context, boolean client, Socket layered, boolean autoClose) throws IOException {
        super(layered, autoClose);
        context.policy().requireUsable();
        this.context = context;
        this.parameters = new EngineParameters(context.policy(), null);
        parameters.setClient(client);
        this.connection = new Connection(context.handshakers(),
                new EngineCredentials(new SocketBinding(this), context.keyManager(), context.trustManager(),
                        context.policy().disabled(), context.stapler(), context.policy().alpnCharset()),
                context.random(), context.keyLog(), context.policy().keyLimits(), context.policy().closeRules(), sessions);
        this.io = new SocketIo(this, connection, context.policy().closeRules().requireCloseNotify());
        this.input = new AppInputStream(this, io);
        this.output = new AppOutputStream(this, io);
    }

    /** An unconnected socket ({@code createSocket()}, or one for {@code accept}). */
    static BastionSocket unconnected(EngineContext context, boolean client) throws IOException {
        return new BastionSocket(context, client, null, true);
    }

    /** A client over the connected {@code s}, for the server {@code host:port} (host null: {@code s}'s). */
    static BastionSocket layered(EngineContext context, Socket s, String host, int port, boolean autoClose)
            throws IOException {
        BastionSocket socket = new BastionSocket(context, true, s, autoClose);
        socket.connected(host != null ? host : new InetSocketAddress(s.getInetAddress(), port).getHostString(), port);
        return socket;
    }

    /** A server over the connected {@code s} whose first bytes were already read into {@code consumed} (may be null). */
    static BastionSocket layeredServer(EngineContext context, Socket s, InputStream consumed, boolean autoClose)
            throws IOException {
        BastionSocket socket = new BastionSocket(context, false, s, autoClose);
        socket.consumed = consumed;
        socket.connected(s.getInetAddress().getHostAddress(), s.getPort());
        return socket;
    }

    /** Takes the server socket's settings (before {@code implAccept}). */
    void configureAccepted(boolean client, SSLParameters params, boolean sessionCreation) {
        synchronized (connection) {
            parameters.setClient(client);
            parameters.apply(params);
            parameters.defaultPacketSizeIfUnset();
            parameters.setSessionCreation(sessionCreation);
        }
    }

    /** After {@code implAccept}: the peer is the client's address. */
    void accepted() throws IOException {
        connected(getInetAddress().getHostAddress(), getPort());
    }

    @Override
    void connected(String host, int port) throws IOException {
        synchronized (connection) {
            parameters.setPeerHost(host);
        }
        peerHost = host;
        peerPort = port;
        InputStream in = transportInput();
        io.attach(consumed == null ? in : new SequenceInputStream(consumed, in), transportOutput());
    }

    // ---- handshake and sessions -----------------------------------------------------------

    /** Starts the handshake and waits for it; once it is complete, asks for a KeyUpdate. */
    @Override
    public void startHandshake() throws IOException {
        if (!isConnected()) {
            throw new SocketException("Socket is not connected");
        }
        if (isClosed() || connection.failure() != null || connection.outboundDone()) {
            throw new SocketException("Socket has been closed or broken");
        }
        if (io.handshakingHere()) {
            return; // called back from the handshake (a key or trust manager)
        }
        if (connection.handshakeComplete()) {
            try {
                connection.requestKeyUpdate();
            } finally {
                io.flush(); // the KeyUpdate, or the alert of a failure
            }
            return;
        }
        io.handshake();
    }

    /** The handshake's result; runs the handshake first if needed; the null session if it fails. */
    @Override
    public SSLSession getSession() {
        if (!connection.handshakeComplete() && !io.handshakingHere()) {
            try {
                handshakeForData();
            } catch (IOException failed) {
                // SunJSSE answers the null session too
            }
        }
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
    public void addHandshakeCompletedListener(HandshakeCompletedListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener is null");
        }
        listeners.add(listener);
    }

    @Override
    public void removeHandshakeCompletedListener(HandshakeCompletedListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener is null");
        }
        if (!listeners.remove(listener)) {
            throw new IllegalArgumentException("listener not registered");
        }
    }

    // ---- streams and close ----------------------------------------------------------------

    @Override
    public InputStream getInputStream() throws IOException {
        requireOpen();
        if (connection.inboundDone() || isInputShutdown()) {
            throw new SocketException("Socket input is already shutdown");
        }
        return input;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        requireOpen();
        if (connection.outboundDone() || isOutputShutdown()) {
            throw new SocketException("Socket output is already shutdown");
        }
        return output;
    }

    /**
     * Sends close_notify (after a TLS 1.3 handshake user_canceled first, see
     * {@link Connection#closeDuplex}) and closes. A writer blocked on a peer that does not read
     * is waited for as {@link SocketOutput#flushOnClose} says; when it cannot be, the socket
     * closes without close_notify and the session is not resumed again, as in SunJSSE.
     */
    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (io.attached() && !transportClosed()) {
                connection.closeDuplex();
                if (!io.flushOnClose(lingerOrUnset())) {
                    sessions.failed();
                }
                if (ownsTransport()) {
                    io.discardReceived();
                }
            }
        } finally {
            closeInboundQuietly();
            closeTransport();
        }
    }

    @Override
    public boolean isClosed() {
        if (closingTransportHere()) {
            return transportClosed();
        }
        return closed.get() || transportClosed();
    }

    /**
     * Closes the read side; SunJSSE's {@link SSLException} if the handshake began and no
     * close_notify came. Nothing to do once the socket is closed (as in SunJSSE).
     */
    @Override
    public void shutdownInput() throws IOException {
        if (closedAfterConnecting()) {
            return;
        }
        requireOpen();
        if (isInputShutdown()) {
            return;
        }
        SSLException noCloseNotify = null;
        try {
            connection.closeInbound();
        } catch (SSLException e) {
            noCloseNotify = e;
        }
        if (ownsTransport() && !transportInputShutdown()) {
            shutdownTransportInput();
        }
        if (noCloseNotify != null) {
            throw noCloseNotify;
        }
    }

    /**
     * Sends close_notify and shuts the TCP output down; reading goes on (TLS 1.3 half-close).
     * Nothing to do once the socket is closed (as in SunJSSE).
     */
    @Override
    public void shutdownOutput() throws IOException {
        if (closedAfterConnecting()) {
            return;
        }
        requireOpen();
        if (isOutputShutdown()) {
            return;
        }
        connection.closeOutbound();
        io.flush();
        if (ownsTransport() && !transportOutputShutdown()) {
            shutdownTransportOutput();
        }
    }

    /** True once closed after connecting, as SunJSSE's (whose close shuts both halves first). */
    @Override
    public boolean isInputShutdown() {
        return closedAfterConnecting() || connection.inboundDone() && transportInputShutdown();
    }

    /** True once closed after connecting, or close_notify is out and the TCP output shut. */
    @Override
    public boolean isOutputShutdown() {
        return closedAfterConnecting() || connection.outboundDone() && transportOutputShutdown();
    }

    /** Closed by {@link #close()} or a failure, having been connected. */
    boolean closedAfterConnecting() {
        return closed.get() && io.attached();
    }


    // ---- configuration (the engine's rules, EngineParameters) -------------------------------

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

    /** @throws IllegalArgumentException once the handshake has begun (as SunJSSE) */
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
    public void setHandshakeApplicationProtocolSelector(BiFunction<SSLSocket, List<String>, String> selector) {
        this.selector = selector;
    }

    @Override
    public BiFunction<SSLSocket, List<String>, String> getHandshakeApplicationProtocolSelector() {
        return selector;
    }

    @Override
    public String toString() {
        return "BastionSocket[" + (getUseClientMode() ? "client" : "server") + ", " + transportString() + "]";
    }

    // ---- for SocketIo and the streams --------------------------------------------------------

    /** Begins the handshake (SocketIo holds the handshake lock). */
    void kickstart() throws SSLException {
        Kickstart.begin(connection, context, parameters, sessions, peerHost, peerPort);
    }

    /** The handshake completed and its last flight is written: notify the listeners on another thread. */
    void handshakeCompleted() {
        if (listeners.isEmpty()) {
            return;
        }
        HandshakeNotifier.notify(List.copyOf(listeners), new HandshakeCompletedEvent(this, sessions.session()));
    }

    /** Open and connected, then the handshake (run now if it has not run). */
    void handshakeForData() throws IOException {
        requireOpen();
        io.handshake();
    }

    /** A fatal error: the socket is closed without further TLS traffic. */
    void closeAfterFailure() {
        closed.set(true);
        closeInboundQuietly();
        try {
            closeTransport();
        } catch (IOException ignored) {
            // closing a broken connection
        }
    }

    void requireOpen() throws SocketException {
        if (isClosed()) {
            throw new SocketException("Socket is closed");
        }
        if (!isConnected() || !io.attached()) {
            throw new SocketException("Socket is not connected");
        }
    }

    private void closeInboundQuietly() {
        try {
            connection.closeInbound();
        } catch (SSLException expected) {
            // no close_notify from the peer: normal when this side closes first
        }
    }
}
