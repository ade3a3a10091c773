package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bastion.tls.it.support.Credentials;
import dev.bastion.tls.it.support.Credentials.KeyType;
import dev.bastion.tls.it.support.EnginePair;
import dev.bastion.tls.it.support.Versions;
import java.nio.ByteBuffer;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code getHandshakeSession()} as SunJSSE answers it: null before the peer's hello has been
 * processed (a client that has only sent its ClientHello), null again after the handshake, and
 * null after a failed handshake. (While the handshake runs, the managers find a session there:
 * MixedManagersTest's SunJSSE key managers choose by its requested server names.)
 */
class HandshakeSessionTest {

    static Stream<Arguments> providers() {
        return Versions.providersAndVersions();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providers")
    void nullUntilThePeersHelloAndAfterTheHandshake(String provider, String version) throws Exception {
        SSLEngine client = client(Credentials.get().context(provider, null, false), version);
        SSLEngine server = server(provider);
        assertNull(client.getHandshakeSession(), "before the handshake");

        client.beginHandshake();
        ByteBuffer net = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
        SSLEngineResult r = client.wrap(ByteBuffer.allocate(0), net);
        assertEquals(SSLEngineResult.Status.OK, r.getStatus());
        assertNull(client.getHandshakeSession(), "only the ClientHello is out");

        EnginePair pair = new EnginePair(client(Credentials.get().context(provider, null, false), version), server).handshake();
        assertNull(pair.client.getHandshakeSession(), "after the handshake, client");
        assertNull(pair.server.getHandshakeSession(), "after the handshake, server");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providers")
    void nullAfterAFailedHandshake(String provider, String version) throws Exception {
        SSLEngine client = client(Credentials.get().contextWith(provider, null, false), version);
        SSLEngine server = server(provider);
        assertThrows(SSLException.class, () -> new EnginePair(client, server).handshake(), "the client distrusts the server");
        assertNull(client.getHandshakeSession(), "the client, after its failure");
    }

    private static SSLEngine client(SSLContext context, String version) {
        SSLEngine e = context.createSSLEngine("localhost", 443);
        e.setUseClientMode(true);
        e.setEnabledProtocols(new String[] {version});
        return e;
    }

    private static SSLEngine server(String provider) throws Exception {
        SSLEngine e = Credentials.get().context(provider, KeyType.EC_P256, true).createSSLEngine();
        e.setUseClientMode(false);
        return e;
    }
}
