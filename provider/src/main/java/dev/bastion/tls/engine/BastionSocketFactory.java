package dev.bastion.tls.engine;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Objects;
import javax.net.ssl.SSLSocketFactory;

/**
 * Bastion's {@link SSLSocketFactory}: client {@link BastionSocket}s of one {@code SSLContext},
 * unconnected ({@link #createSocket()}, as {@code HttpsURLConnection} asks), connected to a
 * host, or layered over a connected plain socket (STARTTLS and the like); and server sockets
 * layered over a connection whose first bytes the application already read
 * ({@link #createSocket(Socket, InputStream, boolean)}).
 */
public final class BastionSocketFactory extends SSLSocketFactory {
    private final EngineContext context;

    public BastionSocketFactory(EngineContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /** The suites a new client socket enables. */
    @Override
    public String[] getDefaultCipherSuites() {
        EngineParameters p = new EngineParameters(context.policy(), null);
        p.setClient(true);
        return p.cipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return new EngineParameters(context.policy(), null).supportedCipherSuites();
    }

    /** An unconnected client socket; {@code connect} gives it its peer. */
    @Override
    public Socket createSocket() throws IOException {
        return BastionSocket.unconnected(context, true);
    }

    /** A socket connected to {@code host} (null: the loopback address, as {@code java.net.Socket} takes it). */
    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connect(remote(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connect(remote(host, port), new InetSocketAddress(localHost, localPort));
    }

    private static InetSocketAddress remote(String host, int port) throws IOException {
        return host == null ? new InetSocketAddress(InetAddress.getByName(null), port) : new InetSocketAddress(host, port);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connect(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connect(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    /** A client socket over the connected {@code s}; {@code host} names the server for SNI and endpoint identification. */
    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        Objects.requireNonNull(s, "s");
        return BastionSocket.layered(context, s, host, port, autoClose);
    }

    /** A server socket over the connected {@code s}; {@code consumed} (may be null) holds the bytes already read from it. */
    @Override
    public Socket createSocket(Socket s, InputStream consumed, boolean autoClose) throws IOException {
        Objects.requireNonNull(s, "s");
        return BastionSocket.layeredServer(context, s, consumed, autoClose);
    }

    private Socket connect(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        BastionSocket s = BastionSocket.unconnected(context, true);
        try {
            if (local != null) {
                s.bind(local);
            }
            s.connect(remote);
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }
}
