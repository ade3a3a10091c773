package dev.bastion.tls.conformance.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/** A provider's {@link SSLServerSocket} on {@code 127.0.0.1} that echoes one connection, for peers that send data. */
final class InteropSockets {
    private InteropSockets() {
    }

    static SSLServerSocket listen(SSLContext ctx) throws IOException {
        SSLServerSocket l = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket();
        l.bind(new InetSocketAddress(InetAddress.getByName(Interop.LOOPBACK), 0), 4);
        l.setSoTimeout((int) Interop.STEP.toMillis());
        return l;
    }

    /** Accepts one connection, echoes until {@code expect} bytes came back, closes; null or the failure. */
    static Throwable echo(SSLServerSocket listener, int expect) {
        try (SSLSocket s = (SSLSocket) listener.accept()) {
            s.setSoTimeout((int) Interop.STEP.toMillis());
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] buf = new byte[8192];
            int total = 0;
            int n;
            while (total < expect && (n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                out.flush();
                total += n;
            }
            return total == expect ? null : new AssertionError("server read " + total + " of " + expect + " bytes");
        } catch (Throwable e) {
            return e;
        }
    }

}
