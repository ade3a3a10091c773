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
        SSLEngine client = Credentials.get().context(provider, null, false).createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[] {version});
        SSLEngine server = Credentials.get().context(provider, KeyType.EC_P256, true).createSSLEngine();
        server.setUseClientMode(false);
        assertNull(client.getHandshakeSession(), "before the handshake");

        client.beginHandshake();
        ByteBuffer net = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
        SSLEngineResult r = client.wrap(ByteBuffer.allocate(0), net);
        assertEquals(SSLEngineResult.Status.OK, r.getStatus());
        assertNull(client.getHandshakeSession(), "only the ClientHello is out");

        SSLEngine fresh = Credentials.get().context(provider, null, false).createSSLEngine("localhost", 443);
        fresh.setUseClientMode(true);
        fresh.setEnabledProtocols(new String[] {version});
        EnginePair pair = new EnginePair(fresh, server).handshake();
        assertNull(pair.client.getHandshakeSession(), "after the handshake, client");
        assertNull(pair.server.getHandshakeSession(), "after the handshake, server");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providers")
    void nullAfterAFailedHandshake(String provider, String version) throws Exception {
        SSLEngine client = Credentials.get().contextWith(provider, null, false).createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[] {version});
        SSLEngine server = Credentials.get().context(provider, KeyType.EC_P256, true).createSSLEngine();
        server.setUseClientMode(false);
        assertThrows(SSLException.class, () -> new EnginePair(client, server).handshake(), "the client distrusts the server");
        assertNull(client.getHandshakeSession(), "the client, after its failure");
    }
}
