package dev.bastion.tls.trust;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.testutil.TestCert;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6125 §6.4 (and RFC 2818 §3.1) matching rules, with the RFCs' own examples where they give them. */
class HostnameCheckerTest {

    @Test
    void exactMatchIgnoresCaseAndTheTrailingDot() {
        assertTrue(HostnameChecker.matches("www.example.com", "WWW.Example.COM"));
        assertTrue(HostnameChecker.matches("www.example.com.", "www.example.com"));
        assertTrue(HostnameChecker.matches("www.example.com", "www.example.com."));
        assertFalse(HostnameChecker.matches("example.com", "www.example.com"));
        assertFalse(HostnameChecker.matches("", "www.example.com"));
    }

    /** RFC 6125 §6.4.3's examples, and RFC 2818 §3.1's ("*.a.com matches foo.a.com but not bar.foo.a.com"). */
    @ParameterizedTest(name = "{1} vs {0}: {2}")
    @CsvSource({
        "foo.example.com,     *.example.com, true",
        "bar.foo.example.com, *.example.com, false",
        "example.com,         *.example.com, false",
        "foo.a.com,           *.a.com,       true",
        "bar.foo.a.com,       *.a.com,       false",
        ".example.com,        *.example.com, false",
    })
    void wildcardCoversExactlyOneWholeLeftMostLabel(String host, String pattern, boolean expected) {
        assertEquals(expected, HostnameChecker.matches(host, pattern));
    }

    /**
     * RFC 6125 §6.4.3 lets a client match {@code baz*.example.net}, {@code *baz.example.net} and
     * {@code b*z.example.net} (and RFC 2818's {@code f*.com}); Bastion, like current browsers
     * and RFC 9525, refuses partial-label wildcards, and any wildcard that is not left-most.
     */
    @ParameterizedTest(name = "{1} vs {0}")
    @CsvSource({
        "baz1.example.net,   baz*.example.net",
        "foobaz.example.net, *baz.example.net",
        "buzz.example.net,   b*z.example.net",
        "foo.com,            f*.com",
        "www.foo.example,    www.*.example",
        "a.b.example.com,    *.*.example.com",
        "*.example.com,      *.example.com",
    })
    void partialAndInnerWildcardsAreNotHonoured(String host, String pattern) {
        assertFalse(HostnameChecker.matches(host, pattern));
    }

    @ParameterizedTest(name = "{1} vs {0}: {2}")
    @CsvSource({
        "www.com,            *.com,            false",
        "example.co.uk,      *.co.uk,          false",
        "example.com.au,     *.com.au,         false",
        "shop.ac.jp,         *.ac.jp,          false",
        "localhost.local,    *.local,          false",
        "www.example.co.uk,  *.example.co.uk,  true",
        "foo.github.io,      *.github.io,      true",
        "www.example.com,    *.example.com,    true",
    })
    void wildcardNeverCoversAPublicSuffix(String host, String pattern, boolean expected) {
        assertEquals(expected, HostnameChecker.matches(host, pattern));
    }

    @Test
    void internationalNamesCompareInAsciiRfc6125Section642() {
        assertTrue(HostnameChecker.matches("bücher.example", "xn--bcher-kva.example"));
        assertTrue(HostnameChecker.matches("xn--bcher-kva.example", "BÜCHER.example"));
        assertTrue(HostnameChecker.matches("www.bücher.example", "*.xn--bcher-kva.example"));
    }

    @Test
    void dnsNamesUseSubjectAltNamesAndNeverTheCnWhenThereAreSome() throws Exception {
        X509Certificate cert = TestCert.of("CN=cn.example.com").dns("www.example.com", "*.api.example.com").issue().cert();
        assertDoesNotThrow(() -> HostnameChecker.check("www.example.com", cert));
        assertDoesNotThrow(() -> HostnameChecker.check("v1.api.example.com", cert));
        CertificateException e = assertThrows(CertificateException.class, () -> HostnameChecker.check("cn.example.com", cert));
        assertEquals("No subject alternative DNS name matching cn.example.com found: the certificate names DNS names "
                + "[www.example.com, *.api.example.com], IP addresses [], subject CN cn.example.com (not used: the "
                + "certificate has DNS subject alternative names)", e.getMessage());
    }

    @Test
    void uriIdentifierAlsoRulesOutTheCnRfc6125Section644() throws Exception {
        X509Certificate cert = TestCert.of("CN=cn.example.com").uri("https://cn.example.com/").issue().cert();
        assertThrows(CertificateException.class, () -> HostnameChecker.check("cn.example.com", cert));
    }

    @Test
    void cnIsUsedOnlyWithoutIdentifierSans() throws Exception {
        X509Certificate cnOnly = TestCert.of("CN=legacy.example.com").issue().cert();
        assertDoesNotThrow(() -> HostnameChecker.check("legacy.example.com", cnOnly));
        CertificateException e = assertThrows(CertificateException.class,
                () -> HostnameChecker.check("other.example.com", cnOnly));
        assertEquals("No name matching other.example.com found: the certificate names DNS names [], IP addresses [], "
                + "subject CN legacy.example.com", e.getMessage());
        X509Certificate ipAndCn = TestCert.of("CN=host.example.com").ip("192.0.2.1").issue().cert();
        assertDoesNotThrow(() -> HostnameChecker.check("host.example.com", ipAndCn),
                "an IP address SAN is not a DNS-ID, so the CN still counts (RFC 6125 §6.4.4)");
    }

    @Test
    void ipAddressesMatchOnlyIpAddressSans() throws Exception {
        X509Certificate dnsOnly = TestCert.of("CN=127.0.0.1").dns("localhost", "127.0.0.1").issue().cert();
        CertificateException e = assertThrows(CertificateException.class, () -> HostnameChecker.check("127.0.0.1", dnsOnly));
        assertEquals("No subject alternative names matching IP address 127.0.0.1 found: the certificate names DNS names "
                + "[localhost, 127.0.0.1], IP addresses [], subject CN 127.0.0.1 (not used: the certificate has DNS subject "
                + "alternative names); an IP address matches only an IP address SAN", e.getMessage());
        X509Certificate ips = TestCert.of("CN=x").ip("127.0.0.1", "::1").issue().cert();
        assertDoesNotThrow(() -> HostnameChecker.check("127.0.0.1", ips));
        assertDoesNotThrow(() -> HostnameChecker.check("0:0:0:0:0:0:0:1", ips));
        assertDoesNotThrow(() -> HostnameChecker.check("[::1]", ips));
        assertThrows(CertificateException.class, () -> HostnameChecker.check("127.0.0.2", ips));
        // the JDK's shorter IPv4 forms are addresses too (InetAddress, SunJSSE's checker): 127.1 is 127.0.0.1
        assertDoesNotThrow(() -> HostnameChecker.check("127.1", ips));
        assertDoesNotThrow(() -> HostnameChecker.check("2130706433", ips));
        assertThrows(CertificateException.class, () -> HostnameChecker.check("127.1", dnsOnly));
        X509Certificate cnIp = TestCert.of("CN=10.0.0.1").issue().cert();
        assertThrows(CertificateException.class, () -> HostnameChecker.check("10.0.0.1", cnIp), "never the CN for an address");
    }

    @Test
    void refusedWildcardsAreNamedInTheMessage() throws Exception {
        X509Certificate cert = TestCert.of("CN=x").dns("*.co.uk").issue().cert();
        CertificateException e = assertThrows(CertificateException.class, () -> HostnameChecker.check("example.co.uk", cert));
        assertTrue(e.getMessage().startsWith("No subject alternative DNS name matching example.co.uk found"), e.getMessage());
        assertTrue(e.getMessage().contains("wildcard [*.co.uk] not honoured"), e.getMessage());
    }

    @Test
    void noHostIsARefusalThatListsTheNames() throws Exception {
        X509Certificate cert = TestCert.of("CN=x").dns("localhost").issue().cert();
        CertificateException e = assertThrows(CertificateException.class, () -> HostnameChecker.check("", cert));
        assertTrue(e.getMessage().contains("no host name") && e.getMessage().contains("[localhost]"), e.getMessage());
        assertThrows(CertificateException.class, () -> HostnameChecker.check(null, cert));
    }

    @Test
    void mostSpecificCommonNameOfAnRfc2253Name() {
        assertEquals("a,b", HostnameChecker.mostSpecificCn(new X500Principal("CN=a\\,b, OU=x, O=y")));
        assertEquals("leaf", HostnameChecker.mostSpecificCn(new X500Principal("CN=leaf, OU=u, CN=outer")));
        assertNull(HostnameChecker.mostSpecificCn(new X500Principal("O=nothing")));
    }
}
