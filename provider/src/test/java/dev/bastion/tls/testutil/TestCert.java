package dev.bastion.tls.testutil;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate to be made (tests only, with Bouncy Castle's certificate builder): subject,
 * issuer (or self-signed), key, validity, CA flag, SANs, key usage, extended key usage and
 * signature algorithm, each settable; {@link #issue()} signs it.
 */
public final class TestCert {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final String subject;
    private KeyPair keys;
    private Issued issuer;
    private boolean ca;
    private Instant notBefore = Instant.now().minus(Duration.ofDays(1));
    private Instant notAfter = Instant.now().plus(Duration.ofDays(30));
    private final List<GeneralName> sans = new ArrayList<>();
    private Integer keyUsage;
    private KeyPurposeId[] eku;
    private String ocspResponder;
    private String sigAlg;

    /** A certificate and its key pair. */
    public record Issued(X509Certificate cert, KeyPair keys) {
        /** A PKCS12 store holding this key under {@code alias} with {@code chain} after it. */
        public KeyStore keyStore(String alias, char[] password, X509Certificate... chain) throws Exception {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            addTo(ks, alias, password, chain);
            return ks;
        }

        /** A PKCS12 store that trusts this certificate, under {@code alias}. */
        public KeyStore trustStore(String alias) throws Exception {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry(alias, cert);
            return ks;
        }

        /** Adds this key under {@code alias} with {@code chain} after the certificate. */
        public void addTo(KeyStore ks, String alias, char[] password, X509Certificate... chain) throws Exception {
            X509Certificate[] full = new X509Certificate[chain.length + 1];
            full[0] = cert;
            System.arraycopy(chain, 0, full, 1, chain.length);
            ks.setKeyEntry(alias, keys.getPrivate(), password, full);
        }
    }

    /** Writes {@code store} to {@code file} with {@code password}; returns the file. */
    public static Path save(KeyStore store, Path file, char[] password) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
        return file;
    }

    private TestCert(String subject) {
        this.subject = subject;
    }

    /** A certificate for the distinguished name {@code subject}, with a fresh P-256 key. */
    public static TestCert of(String subject) {
        return new TestCert(subject);
    }

    /** A self-signed CA. */
    public static Issued ca(String subject) throws Exception {
        return of(subject).ca().issue();
    }

    public static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    public static KeyPair generate(String algorithm, int bits) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
        if (bits > 0) {
            g.initialize(bits);
        }
        return g.generateKeyPair();
    }

    public TestCert keys(KeyPair k) {
        this.keys = k;
        return this;
    }

    public TestCert issuer(Issued by) {
        this.issuer = by;
        return this;
    }

    public TestCert ca() {
        this.ca = true;
        return this;
    }

    public TestCert validity(Instant from, Instant to) {
        this.notBefore = from;
        this.notAfter = to;
        return this;
    }

    public TestCert dns(String... names) {
        for (String n : names) {
            sans.add(new GeneralName(GeneralName.dNSName, n));
        }
        return this;
    }

    public TestCert ip(String... addresses) {
        for (String a : addresses) {
            sans.add(new GeneralName(GeneralName.iPAddress, a));
        }
        return this;
    }

    /** An Authority Information Access extension naming {@code uri} as the OCSP responder (RFC 5280 §4.2.2.1). */
    public TestCert ocspResponder(String uri) {
        this.ocspResponder = uri;
        return this;
    }

    public TestCert uri(String uri) {
        sans.add(new GeneralName(GeneralName.uniformResourceIdentifier, uri));
        return this;
    }

    /** Key usage bits as {@link KeyUsage} constants ({@code KeyUsage.digitalSignature | ...}). */
    public TestCert keyUsage(int bits) {
        this.keyUsage = bits;
        return this;
    }

    public TestCert extendedKeyUsage(KeyPurposeId... purposes) {
        this.eku = purposes;
        return this;
    }

    public TestCert signatureAlgorithm(String alg) {
        this.sigAlg = alg;
        return this;
    }

    public Issued issue() throws Exception {
        KeyPair k = keys != null ? keys : ec();
        X500Name name = new X500Name(subject);
        X500Name issuerName = issuer == null ? name : X500Name.getInstance(issuer.cert().getSubjectX500Principal().getEncoded());
        KeyPair signer = issuer == null ? k : issuer.keys();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(notBefore), Date.from(notAfter), name, k.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (ca) {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else if (keyUsage != null) {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
        }
        if (eku != null) {
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(eku));
        }
        if (ocspResponder != null) {
            b.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                    AccessDescription.id_ad_ocsp, new GeneralName(GeneralName.uniformResourceIdentifier, ocspResponder)));
        }
        if (!sans.isEmpty()) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(new GeneralName[0])));
        }
        String alg = sigAlg != null ? sigAlg : defaultSignature(signer);
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder(alg).build(signer.getPrivate())));
        return new Issued(cert, k);
    }

    private static String defaultSignature(KeyPair signer) {
        switch (signer.getPublic().getAlgorithm()) {
            case "RSA":
                return "SHA256withRSA";
            case "EC":
                return "SHA256withECDSA";
            default:
                return signer.getPublic().getAlgorithm();
        }
    }
}
