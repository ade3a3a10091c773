package dev.bastion.tls.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import dev.bastion.tls.connection.config.EngineSettings;
import dev.bastion.tls.connection.config.PropertySource;
import dev.bastion.tls.connection.config.TlsPolicy;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;

/**
 * A handshake reads the engine's settings without an {@code SSLParameters} snapshot; what it
 * reads must be what the snapshot holds, in every state of the parameters.
 */
class EngineParametersSettingsTest {
    private static final TlsPolicy POLICY = TlsPolicy.load(PropertySource.of(Map.of(), Map.of()), "TLS");

    private static void assertSameSettings(EngineParameters parameters) {
        EngineSettings direct = parameters.handshakeSettings();
        EngineSettings viaSnapshot = EngineSettings.of(parameters.toSSLParameters());
        assertArrayEquals(viaSnapshot.protocols(), direct.protocols());
        assertArrayEquals(viaSnapshot.cipherSuites(), direct.cipherSuites());
        assertArrayEquals(viaSnapshot.applicationProtocols(), direct.applicationProtocols());
        assertEquals(viaSnapshot.serverNames(), direct.serverNames());
        assertEquals(viaSnapshot.sniMatchers() == null ? null : List.copyOf(viaSnapshot.sniMatchers()),
                direct.sniMatchers() == null ? null : List.copyOf(direct.sniMatchers()));
        assertEquals(viaSnapshot.useCipherSuitesOrder(), direct.useCipherSuitesOrder());
    }

    @Test
    void defaultsOfBothSidesAndAPeerHost() {
        EngineParameters p = new EngineParameters(POLICY, "www.example.com");
        assertSameSettings(p);
        p.setClient(true);
        assertSameSettings(p);
        assertEquals(List.of(new SNIHostName("www.example.com")), p.handshakeSettings().serverNames());
        p.setPeerHost("10.0.0.1");
        assertSameSettings(p);
    }

    @Test
    void whatTheApplicationSet() {
        EngineParameters p = new EngineParameters(POLICY, null);
        p.setClient(true);
        SSLParameters set = new SSLParameters(new String[] {"TLS_AES_128_GCM_SHA256"}, new String[] {"TLSv1.3"});
        set.setApplicationProtocols(new String[] {"h2", "http/1.1"});
        set.setServerNames(List.of(new SNIHostName("a.example")));
        set.setSNIMatchers(List.<SNIMatcher>of(SNIHostName.createSNIMatcher("a\\.example")));
        set.setUseCipherSuitesOrder(false);
        p.apply(set);
        assertSameSettings(p);
        assertArrayEquals(new String[] {"h2", "http/1.1"}, p.handshakeSettings().applicationProtocols());
    }

    @Test
    void theEnginesArraysAreNotHandedOutByItsGetters() {
        EngineParameters p = new EngineParameters(POLICY, null);
        assertNotSame(p.handshakeSettings().protocols(), p.protocols());
        assertNotSame(p.handshakeSettings().cipherSuites(), p.cipherSuites());
    }

    @Test
    void theReportedDefaultConstraintsHandedBackMeanNoneSet() {
        EngineParameters p = new EngineParameters(POLICY, null);
        SSLParameters reported = p.toSSLParameters();
        org.junit.jupiter.api.Assertions.assertNotNull(reported.getAlgorithmConstraints());
        p.apply(reported);
        org.junit.jupiter.api.Assertions.assertNull(p.handshakeSettings().algorithmConstraints(),
                "the handshake does not check jdk.tls.disabledAlgorithms a second time");
    }
}
