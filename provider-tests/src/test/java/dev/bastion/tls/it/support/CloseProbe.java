package dev.bastion.tls.it.support;

import dev.bastion.tls.it.support.Credentials.KeyType;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;

/**
 * Run by {@code CloseNotifyPropertiesTest} in a JVM started with or without
 * {@code jdk.tls.acknowledgeCloseNotify} and {@code com.sun.net.ssl.requireCloseNotify} (SunJSSE
 * reads both once per JVM). For each provider, both ends that provider:
 * <ul>
 * <li>{@code <p>-<protocol>.afterCloseNotify}: a server engine's handshake status and whether its
 *     outbound is done, right after it unwrapped the client's close_notify;</li>
 * <li>{@code <p>.endOfStream}: what a client socket's read gives when the server ends TCP after
 *     the handshake and a little data without close_notify (-1 or the exception's class).</li>
 * </ul>
 */
public final class CloseProbe {
    private CloseProbe() {
    }

    public static void main(String[] args) throws Exception {
        for (String p : new String[] {"SunJSSE", "Bastion"}) {
            for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
                String key = p + "-" + protocol;
                try {
                    System.out.println(key + ".afterCloseNotify=" + afterCloseNotify(p, protocol));
                } catch (Exception | AssertionError e) {
                    System.out.println(key + ".error=" + e);
                }
            }
            try {
                System.out.println(p + ".endOfStream=" + endOfStream(p));
            } catch (Exception | AssertionError e) {
                System.out.println(p + ".error=" + e);
            }
        }
        System.out.println("done=true");
    }

    private static String afterCloseNotify(String provider, String protocol) throws Exception {
        SSLEngine client = Credentials.get().context(provider, null, false).createSSLEngine("localhost", 443);
        SSLEngine server = Credentials.get().context(provider, KeyType.EC_P256, true).createSSLEngine();
        client.setEnabledProtocols(new String[] {protocol});
        server.setEnabledProtocols(new String[] {protocol});
        new EnginePair(client, server).handshake();
        client.closeOutbound();
        ByteBuffer net = ByteBuffer.allocate(1 << 16);
        client.wrap(ByteBuffer.allocate(0), net);
        net.flip();
        server.unwrap(net, ByteBuffer.allocate(1 << 16));
        return server.getHandshakeStatus() + "/outboundDone=" + server.isOutboundDone();
    }

    private static String endOfStream(String provider) throws Exception {
        SSLContext serverCtx = Credentials.get().context(provider, KeyType.EC_P256, true);
        SSLContext clientCtx = Credentials.get().context(provider, null, false);
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (Socket plain = listener.accept()) {
                    // layered without autoClose: closing the plain socket ends TCP without close_notify
                    SSLSocket tls = (SSLSocket) serverCtx.getSocketFactory().createSocket(plain, null, plain.getPort(), false);
                    tls.setUseClientMode(false);
                    tls.getOutputStream().write('x');
                    tls.getOutputStream().flush();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket client = (SSLSocket) clientCtx.getSocketFactory().createSocket("localhost", listener.getLocalPort())) {
                client.setSoTimeout(20_000);
                InputStream in = client.getInputStream();
                if (in.read() != 'x') {
                    throw new AssertionError("the data did not arrive");
                }
                served.get(20, TimeUnit.SECONDS);
                try {
                    return String.valueOf(in.read());
                } catch (Exception e) {
                    return e.getClass().getSimpleName();
                }
            }
        }
    }
}
