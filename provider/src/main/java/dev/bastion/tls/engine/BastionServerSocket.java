package dev.bastion.tls.engine;

import dev.bastion.tls.handshake.ClientAuth;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;

/**
 * Bastion's {@link SSLServerSocket}: accepts TCP connections as {@link BastionSocket}s in server
 * mode (or client mode after {@code setUseClientMode(true)}) that carry this server socket's
 * settings: enabled protocols and suites, client authentication, session creation and the rest
 * of its {@link SSLParameters}. The handshake runs when the accepted socket is first used (or
 * {@code startHandshake()}), on the thread that uses it, so a slow client never holds
 * {@code accept()}.
 */
public final class BastionServerSocket extends SSLServerSocket {
    private final EngineContext context;
    private final EngineParameters parameters;

    /** Unbound. */
    BastionServerSocket(EngineContext context) throws IOException {
        super();
        context.policy().requireUsable();
        this.context = context;
        this.parameters = serverParameters(context);
    }

    /** Bound to {@code port} (0: ephemeral) on {@code address} (null: all), with {@code backlog}. */
    BastionServerSocket(EngineContext context, int port, int backlog, InetAddress address) throws IOException {
        super(usable(context, port), backlog, address);
        this.context = context;
        this.parameters = serverParameters(context);
    }

    /** {@code port}, once the context is known to be usable (checked before the socket binds). */
    private static int usable(EngineContext context, int port) {
        context.policy().requireUsable();
        return port;
    }

    private static EngineParameters serverParameters(EngineContext context) {
        EngineParameters p = new EngineParameters(context.policy(), null);
        p.setClient(false);
        p.forServerSocket();
        return p;
    }

    /** Waits for a connection and returns it as a {@link BastionSocket} (handshake not yet run). */
    @Override
    public Socket accept() throws IOException {
        if (isClosed()) {
            throw new SocketException("Socket is closed");
        }
        BastionSocket s = BastionSocket.unconnected(context, false);
        synchronized (this) {
            s.configureAccepted(parameters.client(), parameters.toSSLParameters(), parameters.sessionCreation());
        }
        try {
            implAccept(s);
            s.accepted();
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    @Override
    public synchronized String[] getEnabledCipherSuites() {
        return parameters.cipherSuites();
    }

    @Override
    public synchronized void setEnabledCipherSuites(String[] suites) {
        parameters.setCipherSuites(suites);
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return parameters.supportedCipherSuites();
    }

    @Override
    public String[] getSupportedProtocols() {
        return parameters.supportedProtocols();
    }

    @Override
    public synchronized String[] getEnabledProtocols() {
        return parameters.protocols();
    }

    @Override
    public synchronized void setEnabledProtocols(String[] protocols) {
        parameters.setProtocols(protocols);
    }

    @Override
    public synchronized void setNeedClientAuth(boolean need) {
        parameters.setNeedClientAuth(need);
    }

    @Override
    public synchronized boolean getNeedClientAuth() {
        return parameters.clientAuth() == ClientAuth.REQUIRED;
    }

    @Override
    public synchronized void setWantClientAuth(boolean want) {
        parameters.setWantClientAuth(want);
    }

    @Override
    public synchronized boolean getWantClientAuth() {
        return parameters.clientAuth() == ClientAuth.WANTED;
    }

    /** Accepted sockets start in this mode (switching also switches the default protocol and suite lists). */
    @Override
    public synchronized void setUseClientMode(boolean mode) {
        parameters.setClient(mode);
    }

    @Override
    public synchronized boolean getUseClientMode() {
        return parameters.client();
    }

    @Override
    public synchronized void setEnableSessionCreation(boolean flag) {
        parameters.setSessionCreation(flag);
    }

    @Override
    public synchronized boolean getEnableSessionCreation() {
        return parameters.sessionCreation();
    }

    @Override
    public synchronized SSLParameters getSSLParameters() {
        return parameters.toSSLParameters();
    }

    @Override
    public synchronized void setSSLParameters(SSLParameters params) {
        parameters.apply(params);
    }

    @Override
    public String toString() {
        return "BastionServerSocket[" + super.toString() + "]";
    }
}
