package dev.bastion.tls.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.bastion.tls.connection.config.EngineSettings;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.StandardConstants;
import org.junit.jupiter.api.Test;

/** Server names that are IP address literals never reach the ClientHello (RFC 6066 §3). */
class KickstartTest {

    @Test
    void ipLiteralsAreLeftOutOfTheServerNames() {
        assertEquals(List.of(), Kickstart.withoutIpLiterals(settings(List.of(new SNIHostName("127.0.0.1")))).serverNames());
    }

    @Test
    void hostNamesStayIncludingOnesWithoutADot() {
        List<SNIServerName> names = List.of(new SNIHostName("localhost"));
        EngineSettings p = settings(names);
        assertSame(p, Kickstart.withoutIpLiterals(p));
        assertEquals(names, p.serverNames());
        assertEquals(List.of(), Kickstart.withoutIpLiterals(settings(List.of(new SNIHostName("10.1.2.3")))).serverNames());
        assertEquals(1, Kickstart.withoutIpLiterals(settings(List.of(new SNIHostName("1.2.3.example")))).serverNames().size());
    }

    @Test
    void otherNameTypesAndNoNamesAreUntouched() {
        // SSLParameters' names, as the engine's settings carry them
        assertNull(Kickstart.withoutIpLiterals(EngineSettings.of(new SSLParameters())).serverNames());
        SNIServerName other = new SNIServerName(StandardConstants.SNI_HOST_NAME + 7, new byte[] {1, 2}) {
        };
        SSLParameters p = new SSLParameters();
        p.setServerNames(List.of(other));
        assertEquals(List.of(other), Kickstart.withoutIpLiterals(EngineSettings.of(p)).serverNames());
    }

    private static final java.security.AlgorithmConstraints CONSTRAINTS = new java.security.AlgorithmConstraints() {
        @Override
        public boolean permits(java.util.Set<java.security.CryptoPrimitive> p, String algorithm,
                java.security.AlgorithmParameters parameters) {
            return true;
        }

        @Override
        public boolean permits(java.util.Set<java.security.CryptoPrimitive> p, java.security.Key key) {
            return true;
        }

        @Override
        public boolean permits(java.util.Set<java.security.CryptoPrimitive> p, String algorithm, java.security.Key key,
                java.security.AlgorithmParameters parameters) {
            return true;
        }
    };

    @Test
    void otherSettingsAreKept() {
        EngineSettings withIp = new EngineSettings(new String[] {"TLSv1.3"}, new String[0], new String[0],
                List.of(new SNIHostName("10.1.2.3")), null, true, CONSTRAINTS);
        assertEquals(List.of(), Kickstart.withoutIpLiterals(withIp).serverNames());
        assertSame(withIp.protocols(), Kickstart.withoutIpLiterals(withIp).protocols());
        assertSame(CONSTRAINTS, Kickstart.withoutIpLiterals(withIp).algorithmConstraints());
        EngineSettings hostOnly = new EngineSettings(new String[0], new String[0], new String[0],
                List.of(new SNIHostName("example.com")), null, true, null);
        assertSame(hostOnly, Kickstart.withoutIpLiterals(hostOnly));
        EngineSettings none = new EngineSettings(new String[0], new String[0], new String[0], null, null, true, null);
        assertSame(none, Kickstart.withoutIpLiterals(none));
    }

    private static EngineSettings settings(List<SNIServerName> names) {
        return new EngineSettings(new String[] {"TLSv1.3"}, new String[0], new String[0], names, null, true, null);
    }
}
