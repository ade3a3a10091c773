package dev.bastion.tls.trust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.bastion.tls.testutil.TestCert;
import dev.bastion.tls.testutil.TestCert.Issued;
import java.security.KeyStore;
import java.security.Principal;
import java.security.UnrecoverableKeyException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Key selection by key type, issuer, requested server name and validity. */
class PkixKeyManagerTest {
    private static final char[] PW = "changeit".toCharArray();
    private static final Instant NOW = Instant.now();
    private static Issued caA;
    private static Issued caB;

    @BeforeAll
    static void cas() throws Exception {
        caA = TestCert.ca("CN=CA A");
        caB = TestCert.ca("CN=CA B");
    }

    private static KeyStore store() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        return ks;
    }

    private static PkixKeyManager manager(KeyStore ks) throws Exception {
        return PkixKeyManager.of(ks, PW, false);
    }

    private static String keyStoreAlias(String alias) {
        return alias == null ? null : alias.substring(alias.indexOf('.') + 1);
    }

    private static SSLEngine engineRequesting(String host) {
        ExtendedSSLSession s = mock(ExtendedSSLSession.class);
        when(s.getRequestedServerNames()).thenReturn(host == null ? List.of() : List.of(new SNIHostName(host)));
        SSLEngine e = mock(SSLEngine.class);
        when(e.getHandshakeSession()).thenReturn(s);
        return e;
    }

    @Test
    void choosesByKeyType() throws Exception {
        KeyStore ks = store();
        TestCert.of("CN=ec").issuer(caA).issue().addTo(ks, "ec", PW, caA.cert());
        TestCert.of("CN=rsa").issuer(caA).keys(TestCert.generate("RSA", 2048)).issue().addTo(ks, "rsa", PW, caA.cert());
        TestCert.of("CN=ed").issuer(caA).keys(TestCert.generate("Ed25519", 0)).issue().addTo(ks, "ed", PW, caA.cert());
        PkixKeyManager km = manager(ks);
        assertEquals("ec", keyStoreAlias(km.chooseEngineServerAlias("EC", null, null)));
        assertEquals("rsa", keyStoreAlias(km.chooseEngineServerAlias("RSA", null, null)));
        assertEquals("ed", keyStoreAlias(km.chooseEngineServerAlias("EdDSA", null, null)));
        assertEquals("ed", keyStoreAlias(km.chooseEngineServerAlias("Ed25519", null, null)));
        assertNull(km.chooseEngineServerAlias("RSASSA-PSS", null, null));
        assertNull(km.chooseEngineServerAlias("Ed448", null, null));
        assertEquals("ec", keyStoreAlias(km.chooseEngineServerAlias("EC_EC", null, null)), "EC key, ECDSA-signed certificate");
        assertNull(km.chooseEngineServerAlias("EC_RSA", null, null));
        assertEquals("rsa", keyStoreAlias(km.chooseEngineClientAlias(new String[] {"RSASSA-PSS", "RSA", "EC"}, null, null)),
                "the first key type that has a key");
        String alias = km.chooseEngineServerAlias("EC", null, null);
        assertEquals("CN=ec", km.getCertificateChain(alias)[0].getSubjectX500Principal().getName());
        assertEquals(2, km.getCertificateChain(alias).length);
        assertEquals("EC", km.getPrivateKey(alias).getAlgorithm());
        assertNull(km.getPrivateKey("no-such-alias"));
        assertNull(km.getCertificateChain("7.ec"));
    }

    @Test
    void choosesByIssuer() throws Exception {
        KeyStore ks = store();
        TestCert.of("CN=by A").issuer(caA).issue().addTo(ks, "a", PW, caA.cert());
        TestCert.of("CN=by B").issuer(caB).issue().addTo(ks, "b", PW, caB.cert());
        PkixKeyManager km = manager(ks);
        Principal[] onlyB = {caB.cert().getSubjectX500Principal()};
        assertEquals("b", keyStoreAlias(km.chooseEngineClientAlias(new String[] {"EC"}, onlyB, null)));
        assertEquals("a", keyStoreAlias(km.chooseEngineServerAlias("EC", new Principal[] {caA.cert().getSubjectX500Principal()}, null)));
        assertNull(km.chooseEngineClientAlias(new String[] {"EC"}, new Principal[] {() -> "CN=Nobody"}, null));
        assertArrayEquals(new String[] {"0.b"}, km.getClientAliases("EC", onlyB));
        assertNull(km.getServerAliases("RSA", null));
    }

    @Test
    void serverPrefersTheCertificateNamingTheRequestedHost() throws Exception {
        KeyStore ks = store();
        TestCert.of("CN=a").issuer(caA).dns("a.example.com").issue().addTo(ks, "a", PW);
        TestCert.of("CN=b").issuer(caA).dns("b.example.com").issue().addTo(ks, "b", PW);
        TestCert.of("CN=wild").issuer(caA).dns("*.shop.example.com").issue().addTo(ks, "wild", PW);
        PkixKeyManager km = manager(ks);
        assertEquals("b", keyStoreAlias(km.chooseEngineServerAlias("EC", null, engineRequesting("b.example.com"))));
        assertEquals("a", keyStoreAlias(km.chooseEngineServerAlias("EC", null, engineRequesting("a.example.com"))));
        assertEquals("wild", keyStoreAlias(km.chooseEngineServerAlias("EC", null, engineRequesting("eu.shop.example.com"))));
        SSLSocket socket = mock(SSLSocket.class);
        ExtendedSSLSession s = mock(ExtendedSSLSession.class);
        when(s.getRequestedServerNames()).thenReturn(List.of(new SNIHostName("b.example.com")));
        when(socket.getHandshakeSession()).thenReturn(s);
        assertEquals("b", keyStoreAlias(km.chooseServerAlias("EC", null, socket)), "SSLSocket callers too");
        String none = km.chooseEngineServerAlias("EC", null, engineRequesting("other.example.com"));
        assertTrue(List.of("a", "b", "wild").contains(keyStoreAlias(none)), "no match: still some valid certificate");
    }

    @Test
    void validNowBeatsANameMatchThatExpired() throws Exception {
        KeyStore ks = store();
        TestCert.of("CN=old").issuer(caA).dns("www.example.com")
                .validity(NOW.minus(Duration.ofDays(20)), NOW.minus(Duration.ofDays(1))).issue().addTo(ks, "old", PW);
        TestCert.of("CN=fresh").issuer(caA).dns("www.example.com").issue().addTo(ks, "fresh", PW);
        TestCert.of("CN=other").issuer(caA).dns("other.example.com").issue().addTo(ks, "other", PW);
        PkixKeyManager km = manager(ks);
        assertEquals("fresh", keyStoreAlias(km.chooseEngineServerAlias("EC", null, engineRequesting("www.example.com"))));
        KeyStore onlyOld = store();
        TestCert.of("CN=old").issuer(caA).dns("www.example.com")
                .validity(NOW.minus(Duration.ofDays(20)), NOW.minus(Duration.ofDays(1))).issue().addTo(onlyOld, "old", PW);
        TestCert.of("CN=other").issuer(caA).dns("other.example.com").issue().addTo(onlyOld, "other", PW);
        assertEquals("other", keyStoreAlias(manager(onlyOld).chooseEngineServerAlias("EC", null, engineRequesting("www.example.com"))),
                "a valid certificate for another name before an expired one for this name (SunJSSE's order)");
        KeyStore expiredOnly = store();
        TestCert.of("CN=old").issuer(caA).validity(NOW.minus(Duration.ofDays(20)), NOW.minus(Duration.ofDays(1))).issue()
                .addTo(expiredOnly, "old", PW);
        assertEquals("old", keyStoreAlias(manager(expiredOnly).chooseEngineServerAlias("EC", null, null)), "then any");
    }

    @Test
    void extendedKeyUsageDecidesBetweenClientAndServerCertificates() throws Exception {
        KeyStore ks = store();
        TestCert.of("CN=server").issuer(caA).extendedKeyUsage(KeyPurposeId.id_kp_serverAuth).issue().addTo(ks, "server", PW);
        TestCert.of("CN=client").issuer(caA).extendedKeyUsage(KeyPurposeId.id_kp_clientAuth).issue().addTo(ks, "client", PW);
        PkixKeyManager km = manager(ks);
        assertEquals("server", keyStoreAlias(km.chooseEngineServerAlias("EC", null, null)));
        assertEquals("client", keyStoreAlias(km.chooseEngineClientAlias(new String[] {"EC"}, null, null)));
        assertEquals("client", keyStoreAlias(km.chooseClientAlias(new String[] {"EC"}, null, null)));
    }

    @Test
    void wrongPasswordFailsAtOnceNamingTheEntry() throws Exception {
        KeyStore ks = store();
        TestCert.of("CN=k").issue().addTo(ks, "server-key", "other".toCharArray());
        UnrecoverableKeyException e = assertThrows(UnrecoverableKeyException.class, () -> PkixKeyManager.of(ks, PW, false));
        assertTrue(e.getMessage().startsWith("the password given does not open the private key of entry 'server-key'"),
                e.getMessage());
        assertNull(PkixKeyManager.of(null, null, false).chooseEngineServerAlias("EC", null, null), "no store, no keys");
    }

    @Test
    void builderEntriesThatDoNotOpenArePassedOver() throws Exception {
        KeyStore ks = store();
        TestCert.of("CN=locked").issuer(caA).dns("www.example.com").issue().addTo(ks, "locked", "other".toCharArray());
        TestCert.of("CN=open").issuer(caA).dns("else.example.com").issue().addTo(ks, "open", PW);
        PkixKeyManager km = new PkixKeyManager(List.of(KeyStore.Builder.newInstance(ks, new KeyStore.PasswordProtection(PW))));
        assertEquals("open", keyStoreAlias(km.chooseEngineServerAlias("EC", null, engineRequesting("www.example.com"))),
                "the better match cannot be opened, so the next one is chosen");
    }

    @Test
    void severalBuildersAreSearchedInOrder() throws Exception {
        KeyStore first = store();
        TestCert.of("CN=rsa").keys(TestCert.generate("RSA", 2048)).issue().addTo(first, "k", PW);
        KeyStore second = store();
        TestCert.of("CN=ec").issue().addTo(second, "k", PW);
        PkixKeyManager km = new PkixKeyManager(List.of(
                KeyStore.Builder.newInstance(first, new KeyStore.PasswordProtection(PW)),
                KeyStore.Builder.newInstance(second, new KeyStore.PasswordProtection(PW))));
        assertEquals("1.k", km.chooseEngineServerAlias("EC", null, null));
        assertEquals("0.k", km.chooseEngineServerAlias("RSA", null, null));
        assertEquals("CN=ec", km.getCertificateChain("1.k")[0].getSubjectX500Principal().getName());
    }

    @Test
    void sunX509NamesEntriesByTheirKeyStoreAliases() throws Exception {
        KeyStore ks = store();
        TestCert.of("CN=ec").issuer(caA).issue().addTo(ks, "my.server", PW, caA.cert());
        PkixKeyManager km = PkixKeyManager.of(ks, PW, true);
        assertEquals("my.server", km.chooseEngineServerAlias("EC", null, null));
        assertArrayEquals(new String[] {"my.server"}, km.getServerAliases("EC", null));
        assertEquals(2, km.getCertificateChain("my.server").length);
        assertNotNull(km.getPrivateKey("my.server"));
        assertNull(km.getPrivateKey("0.my.server"), "no builder prefix");

        PkixKeyManager pkix = PkixKeyManager.of(ks, PW, false);
        assertEquals("0.my.server", pkix.chooseEngineServerAlias("EC", null, null));
        assertNull(pkix.getPrivateKey("my.server"), "PKIX aliases carry the builder's index, as SunJSSE's do");
        assertNotNull(pkix.getPrivateKey("0.my.server"));
    }
}
