package dev.bastion.tls.trust;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.testutil.SelfSigned;
import java.security.cert.CertificateException;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;

/** RFC 6125 §6.4 matching rules. */
class HostnameCheckerTest {

    @Test
    void exactAndCaseInsensitive() {
        assertTrue(HostnameChecker.matches("www.example.com", "WWW.Example.COM"));
        assertTrue(HostnameChecker.matches("www.example.com.", "www.example.com"));
        assertFalse(HostnameChecker.matches("example.com", "www.example.com"));
    }

    @Test
    void wildcardOnlyAsTheWholeLeftmostLabelOverOneLabel() {
        assertTrue(HostnameChecker.matches("www.example.com", "*.example.com"));
        assertFalse(HostnameChecker.matches("a.b.example.com", "*.example.com"), "one label only");
        assertFalse(HostnameChecker.matches("example.com", "*.example.com"));
        assertFalse(HostnameChecker.matches("www.com", "*.com"), "not a public suffix wildcard");
        assertFalse(HostnameChecker.matches("www.example.com", "w*.example.com"), "partial wildcards are not honoured");
        assertFalse(HostnameChecker.matches("www.example.com", "*.*.com"));
    }

    @Test
    void internationalNamesCompareInAscii() {
        assertTrue(HostnameChecker.matches("bücher.example", "xn--bcher-kva.example"));
    }

    @Test
    void dnsNamesUseSubjectAltNamesBeforeTheCommonName() throws Exception {
        SelfSigned withSan = SelfSigned.create("cn.example.com", 30, "www.example.com", "*.api.example.com");
        assertDoesNotThrow(() -> HostnameChecker.check("www.example.com", withSan.certificate()));
        assertDoesNotThrow(() -> HostnameChecker.check("v1.api.example.com", withSan.certificate()));
        CertificateException e = assertThrows(CertificateException.class,
                () -> HostnameChecker.check("cn.example.com", withSan.certificate()));
        assertEquals("No subject alternative DNS name matching cn.example.com found.", e.getMessage());
        SelfSigned cnOnly = SelfSigned.create("legacy.example.com", 30);
        assertDoesNotThrow(() -> HostnameChecker.check("legacy.example.com", cnOnly.certificate()));
        assertThrows(CertificateException.class, () -> HostnameChecker.check("other.example.com", cnOnly.certificate()));
    }

    @Test
    void ipAddressesNeedAnIpSubjectAltName() throws Exception {
        SelfSigned cert = SelfSigned.create("127.0.0.1", 30, "localhost");
        CertificateException e = assertThrows(CertificateException.class, () -> HostnameChecker.check("127.0.0.1", cert.certificate()));
        assertEquals("No subject alternative names matching IP address 127.0.0.1 found", e.getMessage());
        assertThrows(CertificateException.class, () -> HostnameChecker.check("", cert.certificate()));
    }

    @Test
    void mostSpecificCommonNameOfAnRfc2253Name() {
        assertEquals("a,b", HostnameChecker.mostSpecificCn(new X500Principal("CN=a\\,b, OU=x, O=y")));
        assertEquals("leaf", HostnameChecker.mostSpecificCn(new X500Principal("CN=leaf, OU=u, CN=outer")));
        assertEquals(null, HostnameChecker.mostSpecificCn(new X500Principal("O=nothing")));
    }
}
