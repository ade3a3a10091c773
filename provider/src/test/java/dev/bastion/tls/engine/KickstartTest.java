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
        SSLParameters p = new SSLParameters();
        p.setServerNames(List.of(new SNIHostName("127.0.0.1")));
        assertEquals(List.of(), Kickstart.withoutIpLiterals(p).getServerNames());
    }

    @Test
    void hostNamesStayIncludingOnesWithoutADot() {
        SSLParameters p = new SSLParameters();
        List<SNIServerName> names = List.of(new SNIHostName("localhost"));
        p.setServerNames(names);
        assertSame(p, Kickstart.withoutIpLiterals(p));
        assertEquals(names, p.getServerNames());
        p.setServerNames(List.of(new SNIHostName("10.1.2.3")));
        assertEquals(List.of(), Kickstart.withoutIpLiterals(p).getServerNames());
        p.setServerNames(List.of(new SNIHostName("1.2.3.example")));
        assertEquals(1, Kickstart.withoutIpLiterals(p).getServerNames().size());
    }

    @Test
    void otherNameTypesAndNoNamesAreUntouched() {
        SSLParameters none = new SSLParameters();
        assertNull(Kickstart.withoutIpLiterals(none).getServerNames());
        SNIServerName other = new SNIServerName(StandardConstants.SNI_HOST_NAME + 7, new byte[] {1, 2}) {
        };
        SSLParameters p = new SSLParameters();
        p.setServerNames(List.of(other));
        assertEquals(List.of(other), Kickstart.withoutIpLiterals(p).getServerNames());
    }

    @Test
    void theSettingsVariantLeavesOutTheSameNames() {
        EngineSettings withIp = new EngineSettings(new String[] {"TLSv1.3"}, new String[0], new String[0],
                List.of(new SNIHostName("10.1.2.3")), null, true);
        SSLParameters p = new SSLParameters();
        p.setServerNames(withIp.serverNames());
        assertEquals(Kickstart.withoutIpLiterals(p).getServerNames(), Kickstart.withoutIpLiterals(withIp).serverNames());
        assertEquals(List.of(), Kickstart.withoutIpLiterals(withIp).serverNames());
        EngineSettings hostOnly = new EngineSettings(new String[0], new String[0], new String[0],
                List.of(new SNIHostName("example.com")), null, true);
        assertSame(hostOnly, Kickstart.withoutIpLiterals(hostOnly));
        EngineSettings none = new EngineSettings(new String[0], new String[0], new String[0], null, null, true);
        assertSame(none, Kickstart.withoutIpLiterals(none));
    }
}
