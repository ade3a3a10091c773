package dev.bastion.tls.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Objects;
import javax.net.ssl.SSLServerSocketFactory;

/** Bastion's {@link SSLServerSocketFactory}: {@link BastionServerSocket}s of one {@code SSLContext}. */
public final class BastionServerSocketFactory extends SSLServerSocketFactory {
    /** The backlog {@code ServerSocket} uses when none is given. */
    private static final int DEFAULT_BACKLOG = 50;

    private final EngineContext context;

    public BastionServerSocketFactory(EngineContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /** The suites a new server socket enables. */
    @Override
    public String[] getDefaultCipherSuites() {
        EngineParameters p = new EngineParameters(context.policy(), null);
        p.setClient(false);
        return p.cipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return new EngineParameters(context.policy(), null).supportedCipherSuites();
    }

    /** An unbound server socket. */
    @Override
    public ServerSocket createServerSocket() throws IOException {
        return new BastionServerSocket(context);
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        return new BastionServerSocket(context, port, DEFAULT_BACKLOG, null);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
        return new BastionServerSocket(context, port, backlog, null);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
        return new BastionServerSocket(context, port, backlog, address);
    }
}
