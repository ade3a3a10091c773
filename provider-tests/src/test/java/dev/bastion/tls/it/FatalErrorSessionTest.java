package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.EnginePair;
import dev.bastion.tls.it.support.Providers;
import dev.bastion.tls.it.support.Tls;
import dev.bastion.tls.it.support.Versions;
import java.nio.ByteBuffer;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A connection that ends with a fatal alert invalidates its session, so that no later
 * connection resumes it (RFC 5246 §7.2.2; SunJSSE does so in TLS 1.3 too), over
 * {@code SSLEngine}s of SunJSSE and of Bastion alike. Resumption is told from the size of the
 * server's handshake flight: a resumed one carries no certificate.
 */
class FatalErrorSessionTest {
    static {
        Providers.install();
    }

    static Stream<Arguments> providersAndVersions() {
        return Versions.providersAndVersions();
    }

    /** The control: without a failure the second connection resumes. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providersAndVersions")
    void aCleanConnectionsSessionIsResumed(String provider, String version) throws Exception {
        SSLContext server = Tls.server(provider);
        SSLContext client = Tls.client(provider);
        EnginePair first = pair(client, server, version).handshake();
        first.send(false, new byte[] {1}); // the client reads TLS 1.3 tickets with the data
        EnginePair second = pair(client, server, version).handshake();
        assertTrue(resumed(first, second), "resumed: " + flightSizes(first, second));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providersAndVersions")
    void aBadRecordInvalidatesTheSessionOnBothSides(String provider, String version) throws Exception {
        SSLContext server = Tls.server(provider);
        SSLContext client = Tls.client(provider);
        EnginePair first = pair(client, server, version).handshake();
        first.send(false, new byte[] {1});
        SSLSession clientSession = first.client.getSession();
        SSLSession serverSession = first.server.getSession();
        assertTrue(clientSession.isValid() && serverSession.isValid());

        assertThrows(SSLException.class, () -> first.client.unwrap(forgedRecord(), ByteBuffer.allocate(1 << 15)));
        assertFalse(clientSession.isValid(), "the client that found the bad record");
        ByteBuffer alert = ByteBuffer.allocate(1 << 15);
        first.client.wrap(ByteBuffer.allocate(0), alert);
        alert.flip();
        assertThrows(SSLException.class, () -> first.server.unwrap(alert, ByteBuffer.allocate(1 << 15)));
        assertFalse(serverSession.isValid(), "the server that received the fatal alert");

        EnginePair second = pair(client, server, version).handshake();
        assertFalse(resumed(first, second), "not resumed: " + flightSizes(first, second));
        assertFalse(java.util.Arrays.equals(clientSession.getId(), second.client.getSession().getId()));
    }

    /** The same failure seen only by the server invalidates the server's session. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providersAndVersions")
    void aBadRecordAtTheServerAloneInvalidatesTheServersSession(String provider, String version) throws Exception {
        SSLContext server = Tls.server(provider);
        SSLContext client = Tls.client(provider);
        EnginePair first = pair(client, server, version).handshake();
        first.send(false, new byte[] {1});
        assertThrows(SSLException.class, () -> first.server.unwrap(forgedRecord(), ByteBuffer.allocate(1 << 15)));
        assertFalse(first.server.getSession().isValid());
        // The client's session stays: a ticket it holds still resumes (a stateless server keeps
        // nothing to forget), with either provider.
        assertTrue(first.client.getSession().isValid());
    }

    /** An application_data record whose 32 bytes fail authentication. */
    private static ByteBuffer forgedRecord() {
        byte[] forged = new byte[5 + 32];
        forged[0] = 23;
        forged[1] = 3;
        forged[2] = 3;
        forged[4] = 32;
        return ByteBuffer.wrap(forged);
    }

    private static EnginePair pair(SSLContext client, SSLContext server, String version) {
        SSLEngine c = client.createSSLEngine("localhost", 443);
        c.setUseClientMode(true);
        c.setEnabledProtocols(new String[] {version});
        SSLEngine s = server.createSSLEngine();
        s.setUseClientMode(false);
        return new EnginePair(c, s);
    }

    private static boolean resumed(EnginePair first, EnginePair second) {
        return second.handshakeBytes(false).length < first.handshakeBytes(false).length * 3 / 4;
    }

    private static String flightSizes(EnginePair first, EnginePair second) {
        return "server flights of " + first.handshakeBytes(false).length + " then " + second.handshakeBytes(false).length
                + " bytes";
    }
}
