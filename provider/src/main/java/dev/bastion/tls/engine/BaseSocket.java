package dev.bastion.tls.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.nio.channels.SocketChannel;
import java.util.Set;
import javax.net.ssl.SSLSocket;

/**
 * The TCP half of {@link BastionSocket}: either the socket's own connection (made by
 * {@link #connect(SocketAddress, int)}, or accepted by {@link BastionServerSocket}) or an
 * already connected socket it is layered over ({@code SSLSocketFactory.createSocket(socket,
 * host, port, autoClose)}: STARTTLS, PostgreSQL's SSLRequest, HTTPS through a proxy tunnel).
 * Every plain-socket method goes to whichever it is, so options, addresses and timeouts of a
 * layered socket are the underlying socket's.
 *
 * <p>{@code connect} remembers the host the application named, taken from
 * {@link InetSocketAddress#getHostString()} and never from a reverse DNS look-up:
 * {@code HttpsURLConnection} connects an unconnected socket to an address built from the URL's
 * host and tells only SunJSSE's own socket class that name, so this is how SNI and endpoint
 * identification learn it.
 */
public abstract class BaseSocket extends SSLSocket {
    private final Socket layered;
    private final boolean autoClose;

    /**
     * A socket over the connected {@code layered}, closing it on close only when
     * {@code autoClose}; with {@code layered} null, an unconnected socket of its own.
     */
    BaseSocket(Socket layered, boolean autoClose) throws IOException {
        if (layered != null && !layered.isConnected()) {
            throw new SocketException("Underlying socket is not connected");
        }
        this.layered = layered;
        this.autoClose = layered == null || autoClose;
    }

    /** The thread closing the TCP socket, see {@link #closeTransport()}. */
    private volatile Thread closingThread;

    /** The connection to {@code host:port} (the name the application gave) is made. */
    abstract void connected(String host, int port) throws IOException;

    // ---- for BastionSocket ----------------------------------------------------------------

    final boolean isLayered() {
        return layered != null;
    }

    /** Whether closing or shutting down this socket reaches the TCP connection. */
    final boolean ownsTransport() {
        return layered == null || autoClose;
    }

    final InputStream transportInput() throws IOException {
        return layered == null ? super.getInputStream() : layered.getInputStream();
    }

    final OutputStream transportOutput() throws IOException {
        return layered == null ? super.getOutputStream() : layered.getOutputStream();
    }

    /**
     * Closes the TCP connection (or the layered socket when we own it). JDK 17's
     * {@code Socket.close()} first asks the overridable {@code isClosed()} and returns without
     * closing anything when it says true, which ours does once the TLS side is closed; so while
     * this thread is in here, {@link #closingTransportHere()} lets {@code isClosed()} report the
     * TCP socket's own state (JDK 25 checks a private field instead).
     */
    final void closeTransport() throws IOException {
        if (layered == null) {
            closingThread = Thread.currentThread();
            try {
                super.close();
            } finally {
                closingThread = null;
            }
        } else if (autoClose) {
            layered.close();
        }
    }

    /** Whether this thread is inside {@link #closeTransport()}'s {@code Socket.close()}. */
    final boolean closingTransportHere() {
        return closingThread == Thread.currentThread();
    }

    final boolean transportClosed() {
        return layered == null ? super.isClosed() : layered.isClosed();
    }

    final void shutdownTransportInput() throws IOException {
        if (layered == null) {
            super.shutdownInput();
        } else if (autoClose) {
            layered.shutdownInput();
        }
    }

    /** Shuts the TCP output; a no-op when the socket closed meanwhile (the peer's close_notify ended both halves). */
    final void shutdownTransportOutput() throws IOException {
        try {
            if (layered == null) {
                super.shutdownOutput();
            } else if (autoClose) {
                layered.shutdownOutput();
            }
        } catch (SocketException e) {
            if (!transportClosed()) {
                throw e;
            }
        }
    }

    /** {@code SO_LINGER} in seconds, or -1 when it is off (or cannot be read any more). */
    final int lingerOrUnset() {
        try {
            return getSoLinger();
        } catch (SocketException closedMeanwhile) {
            return -1;
        }
    }

    final boolean transportInputShutdown() {
        return layered == null ? super.isInputShutdown() : !autoClose || layered.isInputShutdown();
    }

    final boolean transportOutputShutdown() {
        return layered == null ? super.isOutputShutdown() : !autoClose || layered.isOutputShutdown();
    }

    // ---- connecting -----------------------------------------------------------------------

    /** Connects (own sockets only) and records the host name as the application spelled it. */
    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        if (layered != null) {
            throw new SocketException("Already connected");
        }
        if (!(endpoint instanceof InetSocketAddress)) {
            throw new SocketException("Cannot handle non-Inet socket addresses.");
        }
        super.connect(endpoint, timeout);
        InetSocketAddress address = (InetSocketAddress) endpoint;
        connected(address.getHostString(), address.getPort());
    }

    @Override
    public void bind(SocketAddress local) throws IOException {
        if (layered != null) {
            throw new SocketException("Underlying socket should already be connected");
        }
        super.bind(local);
    }

    @Override
    public boolean isConnected() {
        return layered == null ? super.isConnected() : layered.isConnected();
    }

    @Override
    public boolean isBound() {
        return layered == null ? super.isBound() : layered.isBound();
    }

    // ---- addresses ------------------------------------------------------------------------

    @Override
    public InetAddress getInetAddress() {
        return layered == null ? super.getInetAddress() : layered.getInetAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
        return layered == null ? super.getLocalAddress() : layered.getLocalAddress();
    }

    @Override
    public int getPort() {
        return layered == null ? super.getPort() : layered.getPort();
    }

    @Override
    public int getLocalPort() {
        return layered == null ? super.getLocalPort() : layered.getLocalPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return layered == null ? super.getRemoteSocketAddress() : layered.getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return layered == null ? super.getLocalSocketAddress() : layered.getLocalSocketAddress();
    }

    /** Null, as for SunJSSE's sockets: TLS bytes must not bypass the socket. */
    @Override
    public SocketChannel getChannel() {
        return null;
    }

    // ---- options --------------------------------------------------------------------------

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
        if (layered == null) {
            super.setTcpNoDelay(on);
        } else {
            layered.setTcpNoDelay(on);
        }
    }

    @Override
    public boolean getTcpNoDelay() throws SocketException {
        return layered == null ? super.getTcpNoDelay() : layered.getTcpNoDelay();
    }

    @Override
    public void setSoLinger(boolean on, int linger) throws SocketException {
        if (layered == null) {
            super.setSoLinger(on, linger);
        } else {
            layered.setSoLinger(on, linger);
        }
    }

    @Override
    public int getSoLinger() throws SocketException {
        return layered == null ? super.getSoLinger() : layered.getSoLinger();
    }

    /** Urgent data would bypass TLS: refused, as SunJSSE does. */
    @Override
    public void sendUrgentData(int data) throws IOException {
        throw new SocketException("This method is not supported by SSLSockets");
    }

    /** Urgent data would bypass TLS: refused, as SunJSSE does. */
    @Override
    public void setOOBInline(boolean on) throws SocketException {
        throw new SocketException("This method is ineffective, since sending urgent data is not supported by SSLSockets");
    }

    /** Refused like {@link #setOOBInline}, as SunJSSE does. */
    @Override
    public boolean getOOBInline() throws SocketException {
        throw new SocketException("This method is ineffective, since sending urgent data is not supported by SSLSockets");
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        if (layered == null) {
            super.setSoTimeout(timeout);
        } else {
            layered.setSoTimeout(timeout);
        }
    }

    @Override
    public int getSoTimeout() throws SocketException {
        return layered == null ? super.getSoTimeout() : layered.getSoTimeout();
    }

    @Override
    public void setSendBufferSize(int size) throws SocketException {
        if (layered == null) {
            super.setSendBufferSize(size);
        } else {
            layered.setSendBufferSize(size);
        }
    }

    @Override
    public int getSendBufferSize() throws SocketException {
        return layered == null ? super.getSendBufferSize() : layered.getSendBufferSize();
    }

    @Override
    public void setReceiveBufferSize(int size) throws SocketException {
        if (layered == null) {
            super.setReceiveBufferSize(size);
        } else {
            layered.setReceiveBufferSize(size);
        }
    }

    @Override
    public int getReceiveBufferSize() throws SocketException {
        return layered == null ? super.getReceiveBufferSize() : layered.getReceiveBufferSize();
    }

    @Override
    public void setKeepAlive(boolean on) throws SocketException {
        if (layered == null) {
            super.setKeepAlive(on);
        } else {
            layered.setKeepAlive(on);
        }
    }

    @Override
    public boolean getKeepAlive() throws SocketException {
        return layered == null ? super.getKeepAlive() : layered.getKeepAlive();
    }

    @Override
    public void setTrafficClass(int tc) throws SocketException {
        if (layered == null) {
            super.setTrafficClass(tc);
        } else {
            layered.setTrafficClass(tc);
        }
    }

    @Override
    public int getTrafficClass() throws SocketException {
        return layered == null ? super.getTrafficClass() : layered.getTrafficClass();
    }

    @Override
    public void setReuseAddress(boolean on) throws SocketException {
        if (layered == null) {
            super.setReuseAddress(on);
        } else {
            layered.setReuseAddress(on);
        }
    }

    @Override
    public boolean getReuseAddress() throws SocketException {
        return layered == null ? super.getReuseAddress() : layered.getReuseAddress();
    }

    @Override
    public void setPerformancePreferences(int connectionTime, int latency, int bandwidth) {
        if (layered == null) {
            super.setPerformancePreferences(connectionTime, latency, bandwidth);
        } else {
            layered.setPerformancePreferences(connectionTime, latency, bandwidth);
        }
    }

    @Override
    public <T> Socket setOption(SocketOption<T> name, T value) throws IOException {
        if (layered == null) {
            super.setOption(name, value);
        } else {
            layered.setOption(name, value);
        }
        return this;
    }

    @Override
    public <T> T getOption(SocketOption<T> name) throws IOException {
        return layered == null ? super.getOption(name) : layered.getOption(name);
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return layered == null ? super.supportedOptions() : layered.supportedOptions();
    }

    /** The TCP side, for {@code toString}. */
    final String transportString() {
        return layered == null ? super.toString() : "layered over " + layered;
    }
}
