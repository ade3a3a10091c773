package dev.bastion.tls.it.support;

import dev.bastion.tls.it.support.Credentials.KeyType;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** Small helpers shared by the socket tests. */
public final class Tls {
    private Tls() {
    }

    /** A server context of {@code provider} with an EC certificate for localhost. */
    public static SSLContext server(String provider) throws Exception {
        return Credentials.get().context(provider, KeyType.EC_P256, true);
    }

    /** A client context of {@code provider} without a certificate, trusting the test CA. */
    public static SSLContext client(String provider) throws Exception {
        return Credentials.get().context(provider, null, false);
    }

    /** A connected, not yet handshaken client socket of {@code ctx} to localhost:{@code port}, restricted to {@code version}. */
    public static SSLSocket connect(SSLContext ctx, int port, String version) throws IOException {
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket();
        s.connect(new InetSocketAddress(InetAddress.getByName("localhost"), port), 10_000);
        s.setEnabledProtocols(new String[] {version});
        return s;
    }

    /** Exactly {@code n} bytes from the socket. */
    public static byte[] read(SSLSocket s, int n) throws IOException {
        byte[] b = new byte[n];
        new DataInputStream(s.getInputStream()).readFully(b);
        return b;
    }
}
