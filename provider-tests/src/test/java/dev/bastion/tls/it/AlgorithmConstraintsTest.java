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

    /**
     * With none set, the parameters report the JDK's {@code jdk.tls.disabledAlgorithms} rather
     * than null, as SunJSSE does: code that asks them must not meet a null, and what they refuse
     * is what the handshake refuses. Handing them back changes nothing.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"SunJSSE", "Bastion"})
    void defaultConstraintsAreReportedAndRefuseWhatTheJdkDisables(String provider) throws Exception {
        javax.net.ssl.SSLContext ctx = Credentials.get().context(provider, null, false);
        SSLEngine engine = ctx.createSSLEngine("localhost", 443);
        for (SSLParameters p : new SSLParameters[] {ctx.getDefaultSSLParameters(), ctx.getSupportedSSLParameters(),
            engine.getSSLParameters()}) {
            AlgorithmConstraints c = p.getAlgorithmConstraints();
            org.junit.jupiter.api.Assertions.assertNotNull(c, provider);
            Set<CryptoPrimitive> sig = java.util.EnumSet.of(CryptoPrimitive.SIGNATURE);
            assertEquals(false, c.permits(sig, "MD5withRSA", null), "MD5withRSA is in jdk.tls.disabledAlgorithms");
            assertEquals(false, c.permits(java.util.EnumSet.of(CryptoPrimitive.KEY_AGREEMENT), "SSLv3", null));
            assertEquals(true, c.permits(sig, "SHA256withECDSA", null));
            assertEquals(true, c.permits(java.util.EnumSet.of(CryptoPrimitive.KEY_AGREEMENT), "TLSv1.3", null));
        }
        String before = negotiatedSuite(engine);
        SSLEngine again = ctx.createSSLEngine("localhost", 443);
        again.setSSLParameters(again.getSSLParameters());
        assertEquals(before, negotiatedSuite(again), "the reported defaults handed back change nothing");
    }

    private static String negotiatedSuite(SSLEngine client) throws Exception {
        SSLEngine server = Credentials.get().context(providerOf(client), KeyType.EC_P256, true).createSSLEngine();
        client.setUseClientMode(true);
        server.setUseClientMode(false);
        new EnginePair(client, server).handshake();
        return client.getSession().getCipherSuite();
    }

    private static String providerOf(SSLEngine engine) {
        return engine.getClass().getName().startsWith("dev.bastion") ? "Bastion" : "SunJSSE";
    }
}
