package dev.bastion.tls.it;

import static dev.bastion.tls.it.support.TrustFixtures.cert;
import static dev.bastion.tls.it.support.TrustFixtures.engine;
import static dev.bastion.tls.it.support.TrustFixtures.identifying;
import static dev.bastion.tls.it.support.TrustFixtures.session;
import static dev.bastion.tls.it.support.TrustFixtures.socket;
import static dev.bastion.tls.it.support.TrustFixtures.trustManager;
import static dev.bastion.tls.it.support.TrustFixtures.trustStore;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bastion.tls.it.support.TrustFixtures;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same certificate chains, connections and key stores put to SunJSSE's and Bastion's
 * {@code TrustManagerFactory}/{@code KeyManagerFactory} ("PKIX"; the trust cases also "SunX509"
 * for Bastion, which is the same manager), called directly with an engine or socket whose
 * handshake session names the server and the signature algorithms. Where the two agreed, or
 * Bastion has been brought to SunJSSE's behaviour, both must do what SunJSSE 17 and 25 do; the
 * deliberate differences (README, "Key and trust managers") are pinned per provider.
 */
class TrustManagerParityTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    private static KeyPair rootKey;
    private static KeyPair interKey;
    private static KeyPair leafKey;
    private static X509Certificate root;
    private static X509Certificate inter;
    private static KeyStore roots;

    @BeforeAll
    static void pki() {
        rootKey = TrustFixtures.rsa();
        interKey = TrustFixtures.ec();
        leafKey = TrustFixtures.ec();
        root = cert("CN=Parity Root").self(rootKey).ca(true).keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign).build();
        inter = cert("CN=Parity Inter").key(interKey).issuedBy("CN=Parity Root", rootKey).ca(true).build();
        roots = trustStore(root);
    }

    private static TrustFixtures.Cert leaf(String dn) {
        return cert(dn).key(leafKey).issuedBy("CN=Parity Inter", interKey).ca(false);
    }

    private static X509Certificate[] chain(X509Certificate... certs) {
        return certs;
    }

    /** Both providers' PKIX trust managers, and Bastion's SunX509 (the same manager under SunJSSE's default name). */
    static Stream<Arguments> trustManagers() {
        return Stream.of(Arguments.of("SunJSSE", "PKIX"), Arguments.of("Bastion", "PKIX"), Arguments.of("Bastion", "SunX509"));
    }

    static Stream<String> providers() {
        return Stream.of("SunJSSE", "Bastion");
    }

    private static X509ExtendedTrustManager tm(String provider, String algorithm, KeyStore store) {
        return trustManager(provider, algorithm, store);
    }

    private static javax.net.ssl.SSLEngine https(String sni, String peerHost) {
        List<SNIServerName> names = sni == null ? List.of() : List.of(new SNIHostName(sni));
        return engine(session(names, peerHost), identifying("HTTPS"));
    }

    // --- fixed in Bastion: SunJSSE's behaviour, asserted for both

    /**
     * A trusted certificate that is not a CA certificate (X.509 v3 without basicConstraints cA,
     * or whose keyUsage lacks keyCertSign: RFC 5280 §4.2.1.9, §4.2.1.3) is trusted as itself
     * only: it cannot issue certificates, so whoever holds the key of a pinned server
     * certificate cannot mint one for another host. A v1 root (no extensions) still issues.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("trustManagers")
    void aTrustedCertificateThatIsNotACaIssuesNothing(String provider, String algorithm) {
        KeyPair pinnedKey = TrustFixtures.ec();
        X509Certificate notCa = cert("CN=pinned").self(pinnedKey).ca(false).dns("pinned.example").build();
        X509Certificate noBasicConstraints = cert("CN=pinned").self(pinnedKey).dns("pinned.example").build();
        X509Certificate caWithoutKeyCertSign = cert("CN=pinned").self(pinnedKey).ca(true).keyUsage(KeyUsage.digitalSignature).build();
        X509Certificate v1 = cert("CN=pinned").self(pinnedKey).v1().build();
        X509Certificate minted = cert("CN=bank").key(leafKey).issuedBy("CN=pinned", pinnedKey).ca(false).dns("bank.example").build();
        for (X509Certificate anchor : List.of(notCa, noBasicConstraints, caWithoutKeyCertSign)) {
            X509ExtendedTrustManager tm = tm(provider, algorithm, trustStore(anchor));
            assertThrows(CertificateException.class, () -> tm.checkServerTrusted(chain(minted), "ECDHE_ECDSA"));
            assertThrows(CertificateException.class, () -> tm.checkServerTrusted(chain(minted, anchor), "ECDHE_ECDSA"));
            assertThrows(CertificateException.class, () -> tm.checkClientTrusted(chain(minted), "ECDHE_ECDSA"));
            assertThrows(CertificateException.class,
                    () -> tm.checkServerTrusted(chain(minted), "ECDHE_ECDSA", https("bank.example", "bank.example")));
        }
        assertDoesNotThrow(() -> tm(provider, algorithm, trustStore(notCa)).checkServerTrusted(chain(notCa), "ECDHE_ECDSA"),
                "the pinned certificate itself is trusted");
        assertDoesNotThrow(() -> tm(provider, algorithm, trustStore(v1)).checkServerTrusted(chain(minted), "ECDHE_ECDSA"),
                "a v1 root issues");
        X509Certificate leaf = leaf("CN=leaf").dns("www.a.com").build();
        X509Certificate mintedByLeaf = cert("CN=bank").key(TrustFixtures.ec()).issuedBy("CN=leaf", leafKey).ca(false).build();
        X509ExtendedTrustManager pinnedLeaf = tm(provider, algorithm, trustStore(leaf));
        assertDoesNotThrow(() -> pinnedLeaf.checkServerTrusted(chain(leaf, inter), "ECDHE_ECDSA"));
        assertThrows(CertificateException.class, () -> pinnedLeaf.checkServerTrusted(chain(mintedByLeaf, leaf), "ECDHE_ECDSA"));
    }

    /**
     * Two certificates of the chain with the issuer's name but different keys (a re-keyed
     * intermediate sent next to the old one): the path takes the one whose key signed.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("trustManagers")
    void intermediatesOfTheSameNameAreToldApartByTheirKeys(String provider, String algorithm) {
        X509Certificate leaf = leaf("CN=leaf").build();
        X509Certificate sameNameOtherKey = cert("CN=Parity Inter").key(TrustFixtures.ec()).issuedBy("CN=Parity Root", rootKey)
                .ca(true).build();
        X509ExtendedTrustManager tm = tm(provider, algorithm, roots);
        assertDoesNotThrow(() -> tm.checkServerTrusted(chain(leaf, sameNameOtherKey, inter), "ECDHE_ECDSA"));
        assertDoesNotThrow(() -> tm.checkServerTrusted(chain(leaf, inter, sameNameOtherKey), "ECDHE_ECDSA"));
        assertThrows(CertificateException.class, () -> tm.checkServerTrusted(chain(leaf, sameNameOtherKey), "ECDHE_ECDSA"));
    }

    /**
     * A client that requested an SNI name other than its peer host accepts a certificate that
     * names either: the SNI name first, then the peer host the application gave
     * ({@code createSSLEngine(host, port)}, the socket's host), as SunJSSE does.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("trustManagers")
    void aServerNameThatDoesNotMatchFallsBackToThePeerHost(String provider, String algorithm) {
        X509Certificate[] chain = chain(leaf("CN=leaf").dns("www.a.com").build(), inter);
        X509ExtendedTrustManager tm = tm(provider, algorithm, roots);
        assertDoesNotThrow(() -> tm.checkServerTrusted(chain, "UNKNOWN", https("other.a.com", "www.a.com")));
        assertDoesNotThrow(() -> tm.checkServerTrusted(chain, "UNKNOWN", https("www.a.com", "other.a.com")));
        assertDoesNotThrow(() -> tm.checkServerTrusted(chain, "UNKNOWN",
                socket(session(List.of(new SNIHostName("other.a.com")), "www.a.com"), identifying("HTTPS"))));
        assertThrows(CertificateException.class, () -> tm.checkServerTrusted(chain, "UNKNOWN", https("x.a.com", "y.a.com")));
        X509Certificate[] ipChain = chain(leaf("CN=leaf").ip("192.0.2.7").build(), inter);
        assertDoesNotThrow(() -> tm.checkServerTrusted(ipChain, "UNKNOWN", https("svc.example", "192.0.2.7")));
    }

    /** A host_name server name that is not an {@code SNIHostName} instance is read from its encoding. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("trustManagers")
    void aHostNameServerNameOfAnotherClassIsUsed(String provider, String algorithm) {
        X509Certificate[] chain = chain(leaf("CN=leaf").dns("www.a.com").build(), inter);
        SNIServerName generic = new SNIServerName(0, "www.a.com".getBytes(java.nio.charset.StandardCharsets.US_ASCII)) {
        };
        assertDoesNotThrow(() -> tm(provider, algorithm, roots).checkServerTrusted(chain, "UNKNOWN",
                engine(session(List.of(generic), "other.b.com"), identifying("HTTPS"))));
    }

    /**
     * {@code getServerAliases}/{@code getClientAliases} list the fit certificates valid now
     * first, then expired ones, then those whose extended key usage does not fit, as SunJSSE's
     * "PKIX" key manager does: Bastion's handshake takes the first of them that can sign when the
     * chosen key cannot.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aliasesListTheFitAndValidFirst(String provider) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        entry(ks, "a-expired", leaf("CN=a").dns("www.a.com").days(-10, -1));
        entry(ks, "b-client-only", leaf("CN=b").eku(KeyPurposeId.id_kp_clientAuth));
        entry(ks, "c-server-only", leaf("CN=c").eku(KeyPurposeId.id_kp_serverAuth));
        entry(ks, "d-valid", leaf("CN=d").dns("www.a.com"));
        X509ExtendedKeyManager km = TrustFixtures.keyManager(provider, "PKIX", ks, PASSWORD);
        assertEquals(List.of("c-server-only", "d-valid", "a-expired", "b-client-only"), names(km.getServerAliases("EC", null)));
        assertEquals(List.of("b-client-only", "d-valid", "a-expired", "c-server-only"), names(km.getClientAliases("EC", null)));
    }

    private static void entry(KeyStore ks, String alias, TrustFixtures.Cert cert) throws Exception {
        ks.setKeyEntry(alias, leafKey.getPrivate(), PASSWORD, new X509Certificate[] {cert.build(), inter});
    }

    /** Aliases without the providers' prefixes ("1.0." in SunJSSE, "0." in Bastion). */
    private static List<String> names(String[] aliases) {
        List<String> out = new ArrayList<>();
        for (String a : aliases) {
            out.add(a.replaceFirst("^(\\d+\\.)+", ""));
        }
        return out;
    }

    // --- the same in both, before and after: behaviour no other test compares

    /** Cases on which SunJSSE 17, SunJSSE 25 and Bastion agree: name, trust manager call, accepted. */
    static Stream<Arguments> agreed() {
        X509Certificate leaf = leaf("CN=leaf").dns("www.a.com").build();
        X509Certificate ip4 = leaf("CN=leaf").ip("127.0.0.1").build();
        X509Certificate ip6 = leaf("CN=leaf").ip("::1").build();
        X509Certificate cnOnly = leaf("CN=www.a.com").build();
        X509Certificate twoCns = leaf("CN=first.a.com,CN=second.a.com").build();
        X509Certificate cnAndSan = leaf("CN=www.a.com").dns("b.a.com").build();
        X509Certificate ipOnlyWithCn = leaf("CN=www.a.com").ip("127.0.0.1").build();
        X509Certificate idn = leaf("CN=leaf").dns("xn--bcher-kva.example").build();
        List<Object[]> cases = new ArrayList<>(Arrays.asList(new Object[][] {
            {"ordered chain", server(chain(leaf, inter)), true},
            {"chain with the root", server(chain(leaf, inter, root)), true},
            {"unordered chain", server(chain(inter, leaf)), true},
            {"duplicated intermediate", server(chain(leaf, inter, inter)), true},
            {"missing intermediate", server(chain(leaf)), false},
            {"leaf expired", server(chain(leaf("CN=l").days(-10, -1).build(), inter)), false},
            {"leaf not yet valid", server(chain(leaf("CN=l").days(1, 10).build(), inter)), false},
            {"intermediate expired", server(chain(leaf, cert("CN=Parity Inter").key(interKey)
                    .issuedBy("CN=Parity Root", rootKey).ca(true).days(-10, -1).build())), false},
            {"intermediate without basicConstraints", server(chain(leaf, cert("CN=Parity Inter").key(interKey)
                    .issuedBy("CN=Parity Root", rootKey).build())), false},
            {"unknown critical extension in the leaf", server(chain(leaf("CN=l").unknownCriticalExtension().build(), inter)), false},
            {"serverAuth-only EKU, client check", client(chain(leaf("CN=l").eku(KeyPurposeId.id_kp_serverAuth).build(), inter)), false},
            {"clientAuth-only EKU, server check", server(chain(leaf("CN=l").eku(KeyPurposeId.id_kp_clientAuth).build(), inter)), false},
            {"anyExtendedKeyUsage, server", server(chain(leaf("CN=l").eku(KeyPurposeId.anyExtendedKeyUsage).build(), inter)), true},
            {"keyAgreement only, ECDHE_ECDSA", server(chain(leaf("CN=l").keyUsage(KeyUsage.keyAgreement).build(), inter)), false},
            {"keyEncipherment only, RSA", serverAs(chain(leaf("CN=l").keyUsage(KeyUsage.keyEncipherment).build(), inter), "RSA"), true},
            {"keyEncipherment only, UNKNOWN", serverAs(chain(leaf("CN=l").keyUsage(KeyUsage.keyEncipherment).build(), inter), "UNKNOWN"), false},
            {"HTTPS SNI match", call(chain(leaf, inter), "www.a.com", "peer.invalid", "HTTPS"), true},
            {"LDAPS peer host match", call(chain(leaf, inter), null, "WWW.A.COM", "LDAPS"), true},
            {"HTTPS requested name with trailing dot", call(chain(leaf, inter), null, "www.a.com.", "HTTPS"), true},
            {"HTTPS no host at all", call(chain(leaf, inter), null, null, "HTTPS"), false},
            {"unknown identification algorithm", call(chain(leaf, inter), null, "www.a.com", "FOO"), false},
            {"IPv4 SAN, IPv4-mapped IPv6 peer", call(chain(ip4, inter), null, "::ffff:127.0.0.1", "HTTPS"), true},
            {"IPv6 SAN, long form peer", call(chain(ip6, inter), null, "0:0:0:0:0:0:0:1", "HTTPS"), true},
            {"IPv6 SAN, bracketed peer", call(chain(ip6, inter), null, "[::1]", "HTTPS"), true},
            {"IP as dNSName does not match an IP", call(chain(leaf("CN=l").dns("127.0.0.1").build(), inter), null, "127.0.0.1", "HTTPS"), false},
            {"IP SAN only, DNS name in CN", call(chain(ipOnlyWithCn, inter), null, "www.a.com", "HTTPS"), true},
            {"CN only", call(chain(cnOnly, inter), null, "www.a.com", "HTTPS"), true},
            {"CN not used when a DNS SAN exists", call(chain(cnAndSan, inter), null, "www.a.com", "HTTPS"), false},
            {"most specific of two CNs", call(chain(twoCns, inter), null, "second.a.com", "HTTPS"), true},
            {"less specific of two CNs", call(chain(twoCns, inter), null, "first.a.com", "HTTPS"), false},
            {"IDN U-label asked, A-label SAN", call(chain(idn, inter), "bücher.example", "peer.invalid", "HTTPS"), true},
            {"certificate signed with an algorithm not offered", sigs(chain(leaf, inter), "SHA256withECDSA"), false},
            {"SHA-1 signed leaf, SHA-1 offered", sigs(chain(leaf("CN=l").signedWith("SHA1withECDSA").build(), inter)), true},
            {"SHA-1 signed leaf, SHA-1 not offered", sigs(chain(leaf("CN=l").signedWith("SHA1withECDSA").build(), inter),
                    "SHA256withECDSA", "SHA256withRSA"), false},
        }));
        List<Arguments> out = new ArrayList<>();
        for (Object[] c : cases) {
            for (String provider : List.of("SunJSSE", "Bastion")) {
                out.add(Arguments.of(provider, c[0], c[1], c[2]));
            }
        }
        return out.stream();
    }

    /** One trust manager call. */
    interface Call {
        void check(X509ExtendedTrustManager tm) throws Exception;
    }

    private static Call server(X509Certificate[] chain) {
        return tm -> tm.checkServerTrusted(chain, "ECDHE_ECDSA");
    }

    private static Call serverAs(X509Certificate[] chain, String authType) {
        return tm -> tm.checkServerTrusted(chain, authType);
    }

    private static Call client(X509Certificate[] chain) {
        return tm -> tm.checkClientTrusted(chain, "ECDHE_ECDSA");
    }

    private static Call call(X509Certificate[] chain, String sni, String peerHost, String algorithm) {
        List<SNIServerName> names = sni == null ? List.of() : List.of(new SNIHostName(sni));
        return tm -> tm.checkServerTrusted(chain, "UNKNOWN", engine(session(names, peerHost), identifying(algorithm)));
    }

    private static Call sigs(X509Certificate[] chain, String... offered) {
        return tm -> tm.checkServerTrusted(chain, "UNKNOWN", engine(session(List.of(), "h", offered), identifying(null)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("agreed")
    void bothProvidersAgree(String provider, String name, Call call, boolean accepted) {
        X509ExtendedTrustManager tm = tm(provider, "PKIX", roots);
        if (accepted) {
            assertDoesNotThrow(() -> call.check(tm), name);
        } else {
            assertThrows(CertificateException.class, () -> call.check(tm), name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void badArgumentsAreIllegalArguments(String provider) {
        X509ExtendedTrustManager tm = tm(provider, "PKIX", roots);
        X509Certificate[] chain = chain(leaf("CN=l").build(), inter);
        assertThrows(IllegalArgumentException.class, () -> tm.checkServerTrusted(null, "UNKNOWN"));
        assertThrows(IllegalArgumentException.class, () -> tm.checkServerTrusted(new X509Certificate[0], "UNKNOWN"));
        assertThrows(IllegalArgumentException.class, () -> tm.checkServerTrusted(chain, null));
        assertThrows(IllegalArgumentException.class, () -> tm.checkClientTrusted(chain, ""));
        assertThrows(IllegalArgumentException.class, () -> tm.checkServerTrusted(chain, "", https("www.a.com", "www.a.com")));
    }

    // --- deliberate or known differences: each provider's own behaviour

    /**
     * Bastion is stricter where the README says so: a wildcard only as the whole left-most
     * label and never over a public suffix, no CN when the certificate has a URI SAN. SunJSSE
     * accepts all of these for a CA outside the JDK's cacerts.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"f*.a.com foo.a.com", "*o.a.com foo.a.com", "*.com a.com", "*.co.uk a.co.uk", "*.local foo.local"})
    void wildcardsBastionDoesNotHonour(String patternAndHost) {
        String[] p = patternAndHost.split(" ");
        X509Certificate[] chain = chain(leaf("CN=l").dns(p[0]).build(), inter);
        assertDoesNotThrow(() -> call(chain, p[1], p[1], "HTTPS").check(tm("SunJSSE", "PKIX", roots)));
        assertThrows(CertificateException.class, () -> call(chain, p[1], p[1], "HTTPS").check(tm("Bastion", "PKIX", roots)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void subjectCnBesideAUriSan(String provider) {
        X509Certificate[] chain = chain(leaf("CN=www.a.com").uri("https://www.a.com/").build(), inter);
        Call c = call(chain, null, "www.a.com", "HTTPS");
        if (provider.equals("SunJSSE")) {
            assertDoesNotThrow(() -> c.check(tm(provider, "PKIX", roots)));
        } else {
            assertThrows(CertificateException.class, () -> c.check(tm(provider, "PKIX", roots)));
        }
    }

    /**
     * Known differences kept: SunJSSE does not check a trusted end-entity certificate at all
     * (validity, key usage); it refuses authTypes it does not know ("EC", lower case), SAN names
     * with a trailing dot, peer host names with an underscore, and any engine call without a
     * handshake session. Bastion checks the trusted certificate, and accepts the others.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void knownDifferences(String provider) {
        boolean sun = provider.equals("SunJSSE");
        KeyPair k = TrustFixtures.ec();
        X509Certificate expiredPinned = cert("CN=pinned").self(k).days(-10, -1).build();
        X509Certificate signOnlyPinned = cert("CN=pinned").self(k).keyUsage(KeyUsage.keyCertSign).build();
        X509Certificate[] chain = chain(leaf("CN=l").dns("www.a.com").build(), inter);
        List<Call> sunAcceptsOnly = List.of(
                tm -> tm(provider, "PKIX", trustStore(expiredPinned)).checkServerTrusted(chain(expiredPinned), "UNKNOWN"),
                tm -> tm(provider, "PKIX", trustStore(signOnlyPinned)).checkServerTrusted(chain(signOnlyPinned), "UNKNOWN"));
        List<Call> bastionAcceptsOnly = List.of(
                tm -> tm.checkServerTrusted(chain, "EC"),
                tm -> tm.checkServerTrusted(chain, "rsa"),
                call(chain(leaf("CN=l").dns("www.a.com.").build(), inter), null, "www.a.com", "HTTPS"),
                call(chain(leaf("CN=l").dns("my_host.a.com").build(), inter), null, "my_host.a.com", "HTTPS"),
                tm -> tm.checkServerTrusted(chain, "UNKNOWN", engine(null, identifying(null))),
                tm -> tm.checkServerTrusted(chain, "UNKNOWN", socket(null, identifying(null))));
        X509ExtendedTrustManager tm = tm(provider, "PKIX", roots);
        for (Call c : sunAcceptsOnly) {
            if (sun) {
                assertDoesNotThrow(() -> c.check(tm));
            } else {
                assertThrows(CertificateException.class, () -> c.check(tm));
            }
        }
        for (Call c : bastionAcceptsOnly) {
            if (sun) {
                assertThrows(CertificateException.class, () -> c.check(tm));
            } else {
                assertDoesNotThrow(() -> c.check(tm));
            }
        }
    }
}
