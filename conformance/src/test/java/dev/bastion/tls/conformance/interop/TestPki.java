package dev.bastion.tls.conformance.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test credentials made at test time: four root CAs (RSA-2048, ECDSA P-256, ECDSA P-384,
 * Ed25519), each issuing the server certificate of its own key type (subject {@code localhost},
 * SAN {@code localhost} and {@code 127.0.0.1}), so that a chain needs one signature scheme only;
 * the ECDSA P-256 CA also issues a server certificate for the SNI name {@link #SNI_HOST} and an
 * ECDSA P-256 client certificate, the P-384 CA a P-384 client certificate. Written as PEM (key
 * and chain) for OpenSSL and as PKCS#12 for peers in other JVMs; exposed as key and trust
 * managers for JSSE.
 *
 * <p>Bouncy Castle's certificate builder is used here only because the JDK has no public
 * one; keys and signatures come from the JDK's providers.
 */
public final class TestPki {
    /** The host name the SNI-specific server certificate is issued to. */
    public static final String SNI_HOST = "sni.bastion.test";
    /** Password of every PKCS#12 file written here. */
    public static final String PASSWORD = "bastion";

    /** The server certificate kinds: {@code EC} is ECDSA P-256 (secp256r1), {@code EC_P384} ECDSA P-384 (secp384r1). */
    public enum ServerKey {
        RSA("RSA"), EC("EC"), EC_P384("EC"), ED25519("Ed25519");

        /** {@link java.security.PublicKey#getAlgorithm()} of this kind (Ed25519 keys say "EdDSA"). */
        public final String keyAlgorithm;

        ServerKey(String keyAlgorithm) {
            this.keyAlgorithm = keyAlgorithm;
        }
    }

    /** A private key and its chain (leaf first, CA last), with the PEM and PKCS#12 files. */
    public record Credential(PrivateKey key, List<X509Certificate> chain, Path keyPem, Path chainPem,
            Path pkcs12) {
        public X509Certificate leaf() {
            return chain.get(0);
        }
    }

    private static TestPki instance;

    private final Path dir;
    private final Map<ServerKey, Ca> cas = new EnumMap<>(ServerKey.class);
    private final Path caPem;
    private final Path trustPkcs12;
    private final Map<ServerKey, Credential> servers = new EnumMap<>(ServerKey.class);
    private final Credential sniServer;
    private final Credential client;
    private final Credential clientP384;
    private final Credential serverP256ByP384Ca;
    private final Credential clientP256ByP384Ca;
    private long serial = 1;

    private TestPki(Path dir) throws GeneralSecurityException, IOException {
        this.dir = dir;
        Ca ecCa = ca("ECDSA", ec("secp256r1"), "SHA256withECDSA");
        Ca p384Ca = ca("ECDSA P-384", ec("secp384r1"), "SHA384withECDSA");
        cas.put(ServerKey.RSA, ca("RSA", rsa(), "SHA256withRSA"));
        cas.put(ServerKey.EC, ecCa);
        cas.put(ServerKey.EC_P384, p384Ca);
        cas.put(ServerKey.ED25519, ca("Ed25519", KeyPairGenerator.getInstance("Ed25519").generateKeyPair(), "Ed25519"));
        StringBuilder allCas = new StringBuilder();
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (Map.Entry<ServerKey, Ca> e : cas.entrySet()) {
            allCas.append(pem("CERTIFICATE", e.getValue().cert().getEncoded()));
            trust.setCertificateEntry("ca-" + e.getKey(), e.getValue().cert());
        }
        this.caPem = write("ca.pem", allCas.toString());
        this.trustPkcs12 = dir.resolve("trust.p12");
        try (var out = Files.newOutputStream(trustPkcs12)) {
            trust.store(out, PASSWORD.toCharArray());
        }
        String[] localhost = {"localhost", "127.0.0.1"};
        servers.put(ServerKey.RSA, issue("server-rsa", rsa(), "localhost", localhost, cas.get(ServerKey.RSA),
                KeyPurposeId.id_kp_serverAuth));
        servers.put(ServerKey.EC, issue("server-ec", ec("secp256r1"), "localhost", localhost, ecCa,
                KeyPurposeId.id_kp_serverAuth));
        servers.put(ServerKey.EC_P384, issue("server-ec-p384", ec("secp384r1"), "localhost", localhost, p384Ca,
                KeyPurposeId.id_kp_serverAuth));
        servers.put(ServerKey.ED25519, issue("server-ed25519", KeyPairGenerator.getInstance("Ed25519").generateKeyPair(),
                "localhost", localhost, cas.get(ServerKey.ED25519), KeyPurposeId.id_kp_serverAuth));
        this.sniServer = issue("server-sni", ec("secp256r1"), SNI_HOST, new String[] {SNI_HOST}, ecCa,
                KeyPurposeId.id_kp_serverAuth);
        this.client = issue("client", ec("secp256r1"), "bastion-interop-client", new String[0], ecCa,
                KeyPurposeId.id_kp_clientAuth);
        this.clientP384 = issue("client-p384", ec("secp384r1"), "bastion-interop-client-p384", new String[0], p384Ca,
                KeyPurposeId.id_kp_clientAuth);
        this.serverP256ByP384Ca = issue("server-ec-p256-sha384", ec("secp256r1"), "localhost", localhost, p384Ca,
                KeyPurposeId.id_kp_serverAuth);
        this.clientP256ByP384Ca = issue("client-p256-sha384", ec("secp256r1"), "bastion-interop-client-p384",
                new String[0], p384Ca, KeyPurposeId.id_kp_clientAuth);
    }

    private record Ca(X500Name name, KeyPair keys, X509Certificate cert, String signatureAlgorithm) {
    }

    private Ca ca(String type, KeyPair keys, String signatureAlgorithm) throws GeneralSecurityException, IOException {
        X500Name name = new X500Name("CN=Bastion Interop Test CA " + type);
        X509Certificate cert = sign(name, name, keys.getPublic().getEncoded(), null, keys.getPrivate(),
                signatureAlgorithm, null);
        return new Ca(name, keys, cert, signatureAlgorithm);
    }

    /** The credentials of this test run (made once per JVM, under the interop work directory). */
    public static synchronized TestPki get() {
        if (instance == null) {
            try {
                Path dir = Files.createDirectories(Interop.workDir().resolve("pki"));
                instance = new TestPki(dir);
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("cannot make test credentials", e);
            }
        }
        return instance;
    }

    public Path dir() {
        return dir;
    }

    /**
     * The CA that issued the server certificate of this kind (same key type; the ECDSA P-256 CA
     * also issued the SNI and P-256 client certificates, the P-384 CA the P-384 client certificate).
     */
    public X509Certificate ca(ServerKey kind) {
        return cas.get(kind).cert();
    }

    /** The private key of the CA that issued {@code kind}'s server certificate (to sign OCSP responses). */
    PrivateKey caKey(ServerKey kind) {
        return cas.get(kind).keys().getPrivate();
    }

    /** All four CA certificates, PEM. */
    public Path caPem() {
        return caPem;
    }

    /** PKCS#12 trust store holding the CA certificate (password {@link #PASSWORD}). */
    public Path trustPkcs12() {
        return trustPkcs12;
    }

    public Credential server(ServerKey kind) {
        return servers.get(kind);
    }

    public Credential sniServer() {
        return sniServer;
    }

    /** The ECDSA P-256 client certificate ({@code CN=bastion-interop-client}). */
    public Credential client() {
        return client;
    }

    /** The ECDSA P-384 client certificate ({@code CN=bastion-interop-client-p384}), issued by the P-384 CA. */
    public Credential clientP384() {
        return clientP384;
    }

    /**
     * An ECDSA P-256 server certificate for localhost issued by the P-384 CA (so signed with
     * SHA384withECDSA, like {@link ServerKey#EC_P384}'s): the same names as that one, another
     * key; a key manager cannot tell the two apart by the chain's signatures, only by the key's curve.
     */
    public Credential serverP256ByP384Ca() {
        return serverP256ByP384Ca;
    }

    /**
     * An ECDSA P-256 client certificate issued by the P-384 CA for the same identity as
     * {@link #clientP384()} ({@code CN=bastion-interop-client-p384}): the same user's other key.
     */
    public Credential clientP256ByP384Ca() {
        return clientP256ByP384Ca;
    }

    /**
     * The named curve of an EC public key ({@code secp256r1}, {@code secp384r1}, {@code secp521r1}),
     * as the JDK's {@code AlgorithmParameters} name it; not an EC key: its algorithm.
     */
    public static String curve(PublicKey key) {
        if (!(key instanceof ECPublicKey ec)) {
            return key.getAlgorithm();
        }
        try {
            AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
            params.init(ec.getParams());
            String name = params.getParameterSpec(ECGenParameterSpec.class).getName();
            return switch (name) {
                case "1.2.840.10045.3.1.7" -> "secp256r1";
                case "1.3.132.0.34" -> "secp384r1";
                case "1.3.132.0.35" -> "secp521r1";
                default -> name;
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot name the curve of " + key, e);
        }
    }

    /** Key managers (PKIX, i.e. {@code X509ExtendedKeyManager}) holding the given credentials. */
    public static KeyManager[] keyManagers(List<Credential> credentials) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int i = 0;
            for (Credential c : credentials) {
                ks.setKeyEntry("key" + i++, c.key(), PASSWORD.toCharArray(), c.chain().toArray(new X509Certificate[0]));
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
            kmf.init(ks, PASSWORD.toCharArray());
            return kmf.getKeyManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Trust managers (PKIX) trusting only the test CAs. */
    public TrustManager[] trustManagers() {
        try {
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            for (Map.Entry<ServerKey, Ca> e : cas.entrySet()) {
                ts.setCertificateEntry("ca-" + e.getKey(), e.getValue().cert());
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(ts);
            return tmf.getTrustManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Credential issue(String name, KeyPair keys, String cn, String[] sans, Ca ca, KeyPurposeId purpose)
            throws GeneralSecurityException, IOException {
        GeneralName[] names = new GeneralName[sans.length];
        for (int i = 0; i < sans.length; i++) {
            boolean ip = Character.isDigit(sans[i].charAt(0));
            names[i] = new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, sans[i]);
        }
        X509Certificate leaf = sign(new X500Name("CN=" + cn), ca.name(), keys.getPublic().getEncoded(), ca.cert(),
                ca.keys().getPrivate(), ca.signatureAlgorithm(), new Leaf(names, purpose));
        List<X509Certificate> chain = List.of(leaf, ca.cert());
        Path keyPem = write(name + "-key.pem", pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        Path chainPem = write(name + "-chain.pem", pem("CERTIFICATE", leaf.getEncoded()) + pem("CERTIFICATE", ca.cert().getEncoded()));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("key", keys.getPrivate(), PASSWORD.toCharArray(), chain.toArray(new X509Certificate[0]));
        Path p12 = dir.resolve(name + ".p12");
        try (var out = Files.newOutputStream(p12)) {
            ks.store(out, PASSWORD.toCharArray());
        }
        return new Credential(keys.getPrivate(), chain, keyPem, chainPem, p12);
    }

    private record Leaf(GeneralName[] names, KeyPurposeId purpose) {
    }

    /** Signs a certificate; {@code leaf} null makes a self-signed CA. */
    private X509Certificate sign(X500Name subject, X500Name issuer, byte[] publicKey, X509Certificate issuerCert,
            PrivateKey caKey, String signatureAlgorithm, Leaf leaf) throws GeneralSecurityException, IOException {
        boolean isCa = leaf == null;
        Instant now = Instant.now();
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(publicKey);
        X509v3CertificateBuilder b = new X509v3CertificateBuilder(issuer, BigInteger.valueOf(serial++),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject, spki);
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(spki));
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (isCa) {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuerCert));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(leaf.purpose()));
            if (leaf.names().length > 0) {
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(leaf.names()));
            }
        }
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder(signatureAlgorithm).build(caKey)));
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyPair ec(String curve) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    private static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private Path write(String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
