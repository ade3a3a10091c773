package dev.bastion.tls.connection.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.handshake.ClientAuth;
import dev.bastion.tls.handshake.HandshakeConfig;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import org.junit.jupiter.api.Test;

/** {@link HandshakeConfigs#build} hands out a remembered configuration only for exactly the same inputs. */
class ConfigMemoTest {
    private static final TlsPolicy POLICY = TlsPolicy.load(PropertySource.of(Map.of(), Map.of()), "TLS");

    private static EngineSettings settings(String[] protocols, String[] alpn, List<SNIServerName> names) {
        String[] suites = TlsDefaults.CIPHER_SUITES.stream().map(CipherSuite::jsseName).toArray(String[]::new);
        return new EngineSettings(protocols, suites, alpn, names, null, true, null, null, null, 0);
    }

    private static HandshakeConfig build(EngineSettings s, String host, int port) {
        return HandshakeConfigs.build(POLICY, true, s, host, port, ClientAuth.NONE);
    }

    @Test
    void sameInputsGiveTheSameConfigurationAndAnyDifferenceAFreshOne() {
        String[] p12 = {"TLSv1.2"};
        HandshakeConfig a = build(settings(p12, new String[0], null), "memo.example", 443);
        assertSame(a, build(settings(p12.clone(), new String[0], null), "memo.example", 443));
        HandshakeConfig otherPort = build(settings(p12, new String[0], null), "memo.example", 8443);
        assertEquals(8443, otherPort.peerPort());
        HandshakeConfig otherHost = build(settings(p12, new String[0], null), "other.example", 443);
        assertEquals("other.example", otherHost.peerHost().orElseThrow());
        HandshakeConfig alpn = build(settings(p12, new String[] {"h2"}, null), "memo.example", 443);
        assertEquals(List.of("h2"), alpn.applicationProtocols());
        HandshakeConfig both = build(settings(new String[] {"TLSv1.3", "TLSv1.2"}, new String[0], null), "memo.example", 443);
        assertEquals(List.of(0x0304, 0x0303), both.versions());
        assertEquals(List.of(0x0303), build(settings(p12, new String[0], null), "memo.example", 443).versions());
    }

    @Test
    void serverNamesDifferingOnlyInCaseAreNotTakenForEachOther() {
        String[] p = {"TLSv1.2"};
        HandshakeConfig lower = build(settings(p, new String[0], List.of(new SNIHostName("case.example"))), "h", 1);
        HandshakeConfig upper = build(settings(p, new String[0], List.of(new SNIHostName("CASE.example"))), "h", 1);
        assertNotSame(lower, upper);
        // and each keeps its own spelling, which goes into the hello's server_name and the session
        assertEquals("case.example", ((SNIHostName) lower.serverNames().get(0)).getAsciiName());
        assertEquals("CASE.example", ((SNIHostName) upper.serverNames().get(0)).getAsciiName());
    }
}
