package dev.bastion.tls.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** IP literals as the JDK reads them: every IPv4 form here parses with {@code InetAddress.getByName} and no lookup. */
class IpLiteralsTest {

    @Test
    void theJdksIpv4Forms() throws Exception {
        String[][] forms = {{"127.0.0.1", "127.0.0.1"}, {"127.1", "127.0.0.1"}, {"10.1.2", "10.1.0.2"},
            {"2130706433", "127.0.0.1"}, {"255.255.255.255", "255.255.255.255"}, {"1.16777215", "1.255.255.255"}};
        for (String[] f : forms) {
            assertTrue(IpLiterals.isIpv4Literal(f[0]), f[0]);
            assertEquals(f[1], InetAddress.getByName(f[0]).getHostAddress(), f[0] + " as the JDK reads it");
        }
        assertTrue(IpLiterals.isIpLiteral("::1"));
        assertTrue(IpLiterals.isIpLiteral("fe80::1%eth0"));
    }

    @Test
    void namesAndMalformedNumbers() {
        for (String h : new String[] {"example.com", "a.1", "256.0.0.1", "1.256.0.1", "1.2.65536", "1.16777216",
            "4294967296", "1.2.3.4.5", "1..2", ".1", "1.", "127.0.0.1.", "", "+1", "1.2.3.-4", "\u0661\u0662\u0667.0.0.1"}) {
            assertFalse(IpLiterals.isIpv4Literal(h), h);
        }
    }
}
