package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bastion.tls.it.support.Credentials;
import dev.bastion.tls.it.support.Credentials.KeyType;
import dev.bastion.tls.it.support.EnginePair;
import dev.bastion.tls.it.support.Versions;
import java.security.AlgorithmConstraints;
import java.security.AlgorithmParameters;
import java.security.CryptoPrimitive;
import java.security.Key;
import java.util.Set;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code SSLParameters.setAlgorithmConstraints} on a client: a constraint that refuses every
 * AES-256 suite makes the handshake negotiate an AES-128 one, where the same client without it
 * negotiates AES-256 (both providers prefer it by default), with SunJSSE and with Bastion.
 */
class AlgorithmConstraintsTest {
    private static final AlgorithmConstraints NO_AES_256 = new AlgorithmConstraints() {
        @Override
        public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, AlgorithmParameters parameters) {
            return !algorithm.contains("AES_256");
        }

        @Override
        public boolean permits(Set<CryptoPrimitive> primitives, Key key) {
            return true;
        }

        @Override
        public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, Key key, AlgorithmParameters parameters) {
            return !algorithm.contains("AES_256");
        }
    };

    static Stream<Arguments> cases() {
        return Versions.providersAndVersions();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void refusedSuitesAreNotNegotiated(String provider, String version) throws Exception {
        String free = handshake(provider, version, null);
        assertEquals(true, free.contains("AES_256"), "without constraints: " + free);
        String constrained = handshake(provider, version, NO_AES_256);
        assertEquals(false, constrained.contains("AES_256"), "with them: " + constrained);
        assertEquals(true, constrained.contains("AES_128") || constrained.contains("CHACHA20"), constrained);
    }

    private static String handshake(String provider, String version, AlgorithmConstraints constraints) throws Exception {
        SSLEngine client = Credentials.get().context(provider, null, false).createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        SSLParameters p = client.getSSLParameters();
        p.setProtocols(new String[] {version});
        p.setAlgorithmConstraints(constraints);
        client.setSSLParameters(p);
        SSLEngine server = Credentials.get().context(provider, KeyType.EC_P256, true).createSSLEngine();
        server.setUseClientMode(false);
        new EnginePair(client, server).handshake();
        return client.getSession().getCipherSuite();
    }
}
