package dev.bastion.tls.trust;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.bastion.tls.BastionProvider;
import dev.bastion.tls.crypto.CertificateSignatureProvider;
import dev.bastion.tls.testutil.TestCert;
import dev.bastion.tls.testutil.TestCert.Issued;
import java.io.ByteArrayInputStream;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathChecker;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link EcdsaPathSignatures}: ECDSA-only paths have their signatures checked by Bastion's ECDSA
 * inside the JDK's validator, with the same verdicts (a changed signature anywhere, an impostor
 * issuer), and every other case keeps the JDK's signature checks.
 */
class EcdsaPathSignaturesTest {
    private static boolean hadHelper;
    private static boolean addedBastion;
    private static Issued root;
    private static Issued intermediate;
    private static Issued leaf;

    @BeforeAll
    static void setUp() throws Exception {
        hadHelper = Security.getProvider(CertificateSignatureProvider.NAME) != null;
        if (Security.getProvider(BastionProvider.NAME) == null) {
            Security.addProvider(new BastionProvider());
            addedBastion = true;
        }
        assertEquals(CertificateSignatureProvider.NAME, helper().orElseThrow().getName());
        // Let's Encrypt's ECDSA shape: P-384 root and intermediate signing with SHA-384, a P-256 leaf
        root = TestCert.of("CN=EC Root").keys(ec("secp384r1")).ca().signatureAlgorithm("SHA384withECDSA").issue();
        intermediate = TestCert.of("CN=EC Intermediate").keys(ec("secp384r1")).ca().issuer(root)
                .signatureAlgorithm("SHA384withECDSA").issue();
        leaf = serverCert("CN=www.example.com", intermediate);
    }

    /** The helper as installed now (tests below remove and reinstall it). */
    private static Optional<Provider> helper() {
        return CertificateSignatureProvider.install();
    }

    @AfterAll
    static void tearDown() {
        if (addedBastion) {
            Security.removeProvider(BastionProvider.NAME);
        }
        if (!hadHelper) {
            Security.removeProvider(CertificateSignatureProvider.NAME);
        }
    }

    private static Issued serverCert(String subject, Issued issuer) throws Exception {
        return TestCert.of(subject).issuer(issuer).dns("www.example.com").signatureAlgorithm("SHA384withECDSA")
                .keyUsage(KeyUsage.digitalSignature).extendedKeyUsage(KeyPurposeId.id_kp_serverAuth).issue();
    }

    private static java.security.KeyPair ec(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    private static PkixTrustManager trusting(X509Certificate anchor) throws Exception {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("ca", anchor);
        return PkixTrustManager.of(ts, false).withSignatureProvider(helper());
    }

    @Test
    void anEcdsaChainIsCheckedByBastionsEcdsa() throws Exception {
        // new certificates: the JDK keeps a certificate object's last verification
        Issued otherIntermediate = TestCert.of("CN=EC Intermediate 2").keys(ec("secp384r1")).ca().issuer(root)
                .signatureAlgorithm("SHA384withECDSA").issue();
        Issued otherLeaf = serverCert("CN=www.example.com", otherIntermediate);
        long before = CertificateSignatureProvider.verifications();
        assertDoesNotThrow(() -> trusting(root.cert()).checkServerTrusted(new X509Certificate[] {otherLeaf.cert(), otherIntermediate.cert()},
                "ECDHE_ECDSA"));
        assertEquals(2, CertificateSignatureProvider.verifications() - before, "the leaf's and the intermediate's signatures");
    }

    /** A changed signature on either certificate, and a leaf from an impostor with the intermediate's name, are refused as by the JDK alone. */
    @Test
    void badSignaturesAreRefusedAsTheJdkRefusesThem() throws Exception {
        Issued impostor = TestCert.of("CN=EC Intermediate").keys(ec("secp384r1")).ca().issuer(root)
                .signatureAlgorithm("SHA384withECDSA").issue();
        List<X509Certificate[]> bad = List.of(
                new X509Certificate[] {tampered(leaf.cert()), intermediate.cert()},
                new X509Certificate[] {leaf.cert(), tampered(intermediate.cert())},
                new X509Certificate[] {serverCert("CN=www.example.com", impostor).cert(), intermediate.cert()});
        for (X509Certificate[] chain : bad) {
            long before = CertificateSignatureProvider.verifications();
            CertificateException e = assertThrows(CertificateException.class, () -> trusting(root.cert()).checkServerTrusted(chain, "ECDHE_ECDSA"));
            assertTrue(CertificateSignatureProvider.verifications() > before, "checked by Bastion's ECDSA");
            CertPathValidatorException cause = assertInstanceOf(CertPathValidatorException.class, e.getCause(), e.toString());
            assertEquals(BasicReason.INVALID_SIGNATURE, cause.getReason(), e.toString());
            CertPathValidatorException jdk = assertThrows(CertPathValidatorException.class, () -> jdkAlone(chain));
            assertEquals(BasicReason.INVALID_SIGNATURE, jdk.getReason());
        }
    }

    private static void jdkAlone(X509Certificate[] chain) throws Exception {
        PKIXParameters p = new PKIXParameters(Set.of(new TrustAnchor(root.cert(), null)));
        p.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(chain)), p);
    }

    /** A path with any certificate signed otherwise (here an RSA root's signature) keeps the JDK's checks. */
    @Test
    void aMixedChainKeepsTheJdksSignatures() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        Issued rsaRoot = TestCert.of("CN=RSA Root").keys(g.generateKeyPair()).ca().issue();
        Issued ecIntermediate = TestCert.of("CN=EC under RSA").keys(ec("secp384r1")).ca().issuer(rsaRoot).issue();
        Issued ecLeaf = serverCert("CN=www.example.com", ecIntermediate);
        PkixTrustManager rsaTm = trusting(rsaRoot.cert());
        long before = CertificateSignatureProvider.verifications();
        assertDoesNotThrow(() -> rsaTm.checkServerTrusted(new X509Certificate[] {ecLeaf.cert(), ecIntermediate.cert()},
                "ECDHE_ECDSA"));
        assertEquals(before, CertificateSignatureProvider.verifications());
    }

    @Test
    void offeredOnlyWhenTheParametersAllowIt() throws Exception {
        List<X509Certificate> ecPath = List.of(leaf.cert(), intermediate.cert());
        PKIXParameters plain = params();
        EcdsaPathSignatures.offer(plain, ecPath, helper());
        assertEquals(CertificateSignatureProvider.NAME, plain.getSigProvider());

        PKIXParameters revocation = params();
        revocation.setRevocationEnabled(true);
        EcdsaPathSignatures.offer(revocation, ecPath, helper());
        assertNull(revocation.getSigProvider(), "CRLs and OCSP responses go through the same provider");

        PKIXParameters ownChecker = params();
        ownChecker.addCertPathChecker((PKIXRevocationChecker) CertPathValidator.getInstance("PKIX").getRevocationChecker());
        EcdsaPathSignatures.offer(ownChecker, ecPath, helper());
        assertNull(ownChecker.getSigProvider(), "an application's revocation checker runs even with revocation off");

        PKIXParameters own = params();
        own.setSigProvider("SunEC");
        EcdsaPathSignatures.offer(own, ecPath, helper());
        assertEquals("SunEC", own.getSigProvider(), "the application's choice stays");

        PKIXParameters rsaSigned = params();
        Issued rsaSignedLeaf = TestCert.of("CN=x").issuer(TestCert.of("CN=RSA CA").keys(rsa()).ca().issue()).issue();
        EcdsaPathSignatures.offer(rsaSigned, List.of(leaf.cert(), rsaSignedLeaf.cert()), helper());
        assertNull(rsaSigned.getSigProvider());

        PKIXParameters none = params();
        EcdsaPathSignatures.offer(none, ecPath, Optional.empty());
        assertNull(none.getSigProvider(), "no helper given");

        PKIXParameters removed = params();
        Provider notInstalled = new Provider(CertificateSignatureProvider.NAME, "1.0", "not installed") {
            private static final long serialVersionUID = 1L;
        };
        EcdsaPathSignatures.offer(removed, ecPath, Optional.of(notInstalled));
        assertNull(removed.getSigProvider(), "not the object installed under the name");
    }

    /** Where the JVM's first ECDSA provider is not SunEC (a FIPS module, a token), certificate checks stay with it. */
    @Test
    void notWhereAnotherProviderComesBeforeSunEc() throws Exception {
        Provider first = new Provider("TestFirstEcdsa", "1.0", "offers SHA384withECDSA before SunEC") {
            private static final long serialVersionUID = 1L;
            {
                putService(new Provider.Service(this, "Signature", "SHA384withECDSA", "none.Spi", null, null));
            }
        };
        Security.insertProviderAt(first, 1);
        try {
            PKIXParameters p = params();
            EcdsaPathSignatures.offer(p, List.of(leaf.cert(), intermediate.cert()), helper());
            assertNull(p.getSigProvider());
        } finally {
            Security.removeProvider(first.getName());
        }
        PKIXParameters p = params();
        EcdsaPathSignatures.offer(p, List.of(leaf.cert(), intermediate.cert()), helper());
        assertEquals(CertificateSignatureProvider.NAME, p.getSigProvider(), "SunEC first again");
    }

    /** A provider of another kind under the helper's name is neither installed over nor named. */
    @Test
    void notAnotherProviderUnderItsName() throws Exception {
        assumeFalse(hadHelper, "the helper was there before this class; not ours to take away");
        Optional<Provider> real = helper();
        Security.removeProvider(CertificateSignatureProvider.NAME);
        Provider impostor = new Provider(CertificateSignatureProvider.NAME, "1.0", "not Bastion's") {
            private static final long serialVersionUID = 1L;
            {
                putService(new Provider.Service(this, "Signature", "SHA384withECDSA", "none.Spi",
                        List.of("1.2.840.10045.4.3.3"), null));
            }
        };
        Security.addProvider(impostor);
        try {
            assertEquals(Optional.empty(), CertificateSignatureProvider.install());
            PKIXParameters p = params();
            EcdsaPathSignatures.offer(p, List.of(leaf.cert(), intermediate.cert()), real);
            assertNull(p.getSigProvider(), "the name now holds another provider");
        } finally {
            Security.removeProvider(CertificateSignatureProvider.NAME);
            assertTrue(helper().isPresent());
        }
    }

    /** The helper removed in the middle of a validation: the path is validated again with the JDK's checks, not refused. */
    @Test
    void aHelperRemovedMidwayFallsBackToTheJdk() throws Exception {
        assumeFalse(hadHelper, "the helper was there before this class; not ours to take away");
        Issued otherIntermediate = TestCert.of("CN=EC Intermediate 3").keys(ec("secp384r1")).ca().issuer(root)
                .signatureAlgorithm("SHA384withECDSA").issue();
        Issued otherLeaf = serverCert("CN=www.example.com", otherIntermediate);
        PKIXParameters p = params();
        p.addCertPathChecker(new PKIXCertPathChecker() {
            @Override
            public void init(boolean forward) {
            }

            @Override
            public boolean isForwardCheckingSupported() {
                return false;
            }

            @Override
            public Set<String> getSupportedExtensions() {
                return null;
            }

            @Override
            public void check(java.security.cert.Certificate cert, java.util.Collection<String> unresolved) {
                Security.removeProvider(CertificateSignatureProvider.NAME); // after the intermediate's check
            }
        });
        PkixTrustManager removing = PkixTrustManager.of(p).withSignatureProvider(helper());
        try {
            assertDoesNotThrow(() -> removing.checkServerTrusted(
                    new X509Certificate[] {otherLeaf.cert(), otherIntermediate.cert()}, "ECDHE_ECDSA"));
            assertNull(Security.getProvider(CertificateSignatureProvider.NAME));
        } finally {
            assertTrue(helper().isPresent());
        }
    }

    /**
     * A signature provider the application named itself and the JVM does not have fails the
     * validation, as with the JDK's trust manager: the fallback above is only for the helper.
     */
    @Test
    void anApplicationsMissingSignatureProviderIsNotReplaced() throws Exception {
        PKIXParameters p = params();
        p.setSigProvider("NoSuchSignatureProvider");
        X509Certificate[] chain = {leaf.cert(), intermediate.cert()};
        PkixTrustManager withHelper = PkixTrustManager.of(p).withSignatureProvider(helper());
        assertThrows(CertificateException.class, () -> withHelper.checkServerTrusted(chain, "ECDHE_ECDSA"));
        PkixTrustManager plain = PkixTrustManager.of(p);
        assertThrows(CertificateException.class, () -> plain.checkServerTrusted(chain, "ECDHE_ECDSA"));
        p.setSigProvider(null);
        assertDoesNotThrow(() -> PkixTrustManager.of(p).checkServerTrusted(chain, "ECDHE_ECDSA"));
    }

    private static java.security.KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static PKIXParameters params() throws Exception {
        PKIXParameters p = new PKIXParameters(Set.of(new TrustAnchor(root.cert(), null)));
        p.setRevocationEnabled(false);
        return p;
    }

    /** The same certificate with the last byte of its signature changed: still DER, no longer a valid signature. */
    private static X509Certificate tampered(X509Certificate c) throws Exception {
        byte[] der = c.getEncoded();
        der[der.length - 1] ^= 0x01;
        return parse(der);
    }

    private static X509Certificate parse(byte[] der) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }
}
