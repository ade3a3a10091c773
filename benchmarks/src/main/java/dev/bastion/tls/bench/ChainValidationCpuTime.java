package dev.bastion.tls.bench;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import java.util.stream.IntStream;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The CPU time and allocation that each provider's own PKIX trust manager
 * ({@code TrustManagerFactory.getInstance("PKIX", provider)}, trusting only a root) spends to
 * validate a server certificate chain it meets for the first time, measured by this thread's CPU
 * time with the providers interleaved in chunks of 100 validations, as {@link HandshakeCpuTime}
 * does. Not JMH: no forks, no blackholes; for ratios.
 *
 * <p>Each mode builds in memory a root CA, an intermediate CA it signs, and for each provider its
 * own set of {@code leaves} server certificates the intermediate signs, each with a fresh key (RSA leaves: one of 16 keys)
 * (basic constraints, key usage, serverAuth, subjectAltName localhost; valid from a day ago for
 * 30 days). One validation parses the next leaf's chain [leaf, intermediate] from its DER
 * encoding through {@code CertificateFactory "X.509"}, as a TLS stack does from the wire, then
 * calls {@code checkServerTrusted(chain, authType, (SSLEngine) null)}: no handshake session, so no
 * endpoint identification and no signature-algorithm constraints of a connection.
 *
 * <p>First contact: the JDK's X.509 factory keeps the last 750 certificates it parsed by
 * encoding, and a certificate object keeps the outcome of its last signature verification, so a
 * leaf met again within 750 parses would be neither parsed nor verified anew. The leaves are
 * therefore taken in turn from a set of at least 1500, and each provider has its own set, so that
 * neither profits from the other's parsing. The intermediate is shared and stays in the factory's
 * cache with its signature verified: that is realistic, a client meets the same few
 * intermediates again and again. So the measured work is mostly parsing the leaf and verifying
 * its signature with the intermediate's key, plus each trust manager's own path checks.
 *
 * <p>Modes: {@code EC384_CHAIN} (P-384 root and intermediate, P-256 leaves, all signed with
 * SHA384withECDSA, like Let's Encrypt's E5/E6 chains), {@code EC256_CHAIN} (P-256,
 * SHA256withECDSA), {@code RSA_CHAIN} (RSA-2048, SHA256withRSA). Building the RSA leaves' keys
 * takes a while. Every mode is warmed up before any is measured. Run it with
 * {@code -XX:+AlwaysPreTouch} (see {@link HandshakeCpuTime}).
 *
 * <p>{@code java -XX:+AlwaysPreTouch -Xms1g -Xmx1g -cp benchmarks/target/benchmarks.jar
 * dev.bastion.tls.bench.ChainValidationCpuTime [modes] [leaves] [warm-up] [rounds] [providers]}
 */
public final class ChainValidationCpuTime {
    private static final int CHUNK = 100;
    /** How many parsed certificates the JDK's X.509 certificate factory keeps. */
    private static final int FACTORY_CACHE = 750;
    private static final long DAY = 86_400_000L;

    private ChainValidationCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        String[] modes = args.length > 0 ? args[0].split(",") : new String[] {"EC384_CHAIN", "EC256_CHAIN", "RSA_CHAIN"};
        int leaves = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 1500;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        String[] providers = args.length > 4 ? args[4].split(",") : new String[] {"SunJSSE", "Bastion"};
        if (leaves < 2 * FACTORY_CACHE) {
            throw new IllegalArgumentException("at least " + 2 * FACTORY_CACHE + " leaves, so that none is met again "
                    + "while the certificate factory still holds it");
        }
        Bastion.install();
        System.out.println("# JDK " + Runtime.version() + " (" + System.getProperty("java.vm.vendor") + "), " + leaves
                + " leaves per provider, warm-up " + warmup + ", " + rounds + " rounds of " + CHUNK);
        Chains[][] chains = new Chains[modes.length][];
        for (int m = 0; m < modes.length; m++) {
            chains[m] = hierarchy(modes[m], providers, leaves);
            for (Chains c : chains[m]) {
                c.validate(warmup);
                c.check();
            }
        }
        for (int m = 0; m < modes.length; m++) {
            Chains[] mode = chains[m];
            System.out.println(CpuTurns.measure(modes[m], 12, providers, rounds, CHUNK, (p, n) -> mode[p].validate(n)));
        }
    }

    /** One provider's trust manager with its own leaves of a mode's hierarchy, taken in turn. */
    private static final class Chains {
        private final String provider;
        private final String mode;
        private final X509ExtendedTrustManager tm;
        private final String authType;
        private final byte[] intermediate;
        private final byte[][] leaves;
        private final CertificateFactory factory;
        private int next;

        Chains(String provider, String mode, KeyStore trust, String authType, byte[] intermediate, byte[][] leaves)
                throws Exception {
            this.provider = provider;
            this.mode = mode;
            this.authType = authType;
            this.intermediate = intermediate;
            this.leaves = leaves;
            this.factory = CertificateFactory.getInstance("X.509");
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", provider);
            tmf.init(trust);
            X509ExtendedTrustManager found = null;
            for (TrustManager t : tmf.getTrustManagers()) {
                if (found == null && t instanceof X509ExtendedTrustManager) {
                    found = (X509ExtendedTrustManager) t;
                }
            }
            if (found == null) {
                throw new IllegalStateException(provider + ": no X509ExtendedTrustManager");
            }
            this.tm = found;
        }

        private X509Certificate parse(byte[] der) throws CertificateException {
            return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
        }

        private byte[] nextLeaf() {
            byte[] leaf = leaves[next];
            next = (next + 1) % leaves.length;
            return leaf;
        }

        void validate(int n) throws Exception {
            for (int i = 0; i < n; i++) {
                X509Certificate[] chain = {parse(nextLeaf()), parse(intermediate)};
                tm.checkServerTrusted(chain, authType, (SSLEngine) null);
            }
        }

        /** Throws unless the trust manager validates paths: a leaf without its intermediate must fail. */
        void check() throws Exception {
            try {
                tm.checkServerTrusted(new X509Certificate[] {parse(nextLeaf())}, authType, (SSLEngine) null);
            } catch (CertificateException expected) {
                return;
            }
            throw new IllegalStateException(provider + " " + mode + ": accepted a leaf without its intermediate");
        }
    }

    /** The mode's root and intermediate, and for each provider its own {@code leaves} leaf certificates. */
    private static Chains[] hierarchy(String mode, String[] providers, int leaves) throws Exception {
        String caCurve;
        String leafCurve;
        String sigAlg;
        switch (mode) {
            case "EC384_CHAIN": caCurve = "secp384r1"; leafCurve = "secp256r1"; sigAlg = "SHA384withECDSA"; break;
            case "EC256_CHAIN": caCurve = "secp256r1"; leafCurve = "secp256r1"; sigAlg = "SHA256withECDSA"; break;
            case "RSA_CHAIN": caCurve = null; leafCurve = null; sigAlg = "SHA256withRSA"; break;
            default: throw new IllegalArgumentException("unknown mode " + mode);
        }
        String authType = caCurve == null ? "ECDHE_RSA" : "ECDHE_ECDSA";
        long now = System.currentTimeMillis();
        X500Name rootName = new X500Name("CN=Bench Root " + mode + ",O=Bastion benchmarks");
        X500Name interName = new X500Name("CN=Bench Intermediate " + mode + ",O=Bastion benchmarks");
        KeyPair root = keyPair(caCurve);
        KeyPair inter = keyPair(caCurve);
        byte[] rootDer = cert(rootName, root, rootName, root.getPublic(), -1, 1, sigAlg, now);
        byte[] interDer = cert(rootName, root, interName, inter.getPublic(), 0, 2, sigAlg, now);
        // RSA leaves share 16 keys (3,000 fresh RSA-2048 keys take minutes to make): a leaf's own key
        // is only parsed by a validation, never used, and every leaf is still a certificate never seen
        KeyPair[] rsaLeafKeys = new KeyPair[caCurve == null ? 16 : 0];
        for (int i = 0; i < rsaLeafKeys.length; i++) {
            rsaLeafKeys[i] = keyPair(null);
        }
        byte[][] all = IntStream.range(0, providers.length * leaves).parallel().mapToObj(i -> {
            try {
                KeyPair leafKey = caCurve == null ? rsaLeafKeys[i % rsaLeafKeys.length] : keyPair(leafCurve);
                return cert(interName, inter, new X500Name("CN=localhost"), leafKey.getPublic(), -2, 1000 + i, sigAlg, now);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toArray(byte[][]::new);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(rootDer)));
        Chains[] chains = new Chains[providers.length];
        for (int p = 0; p < providers.length; p++) {
            byte[][] own = new byte[leaves][];
            System.arraycopy(all, p * leaves, own, 0, leaves);
            chains[p] = new Chains(providers[p], mode, trust, authType, interDer, own);
        }
        return chains;
    }

    /** An EC key pair on {@code curve}, or RSA-2048 if it is null. */
    private static KeyPair keyPair(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(curve == null ? "RSA" : "EC");
        if (curve == null) {
            g.initialize(2048);
        } else {
            g.initialize(new ECGenParameterSpec(curve));
        }
        return g.generateKeyPair();
    }

    /**
     * A certificate for {@code key}, signed by {@code issuer}: a CA certificate with path length
     * {@code pathLen} (-1: none) or, if {@code pathLen} is -2, a TLS server certificate for localhost.
     */
    static byte[] cert(X500Name issuerName, KeyPair issuer, X500Name subject, PublicKey key, int pathLen, long serial,
            String sigAlg, long now) throws Exception {
        boolean ca = pathLen != -2;
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName, BigInteger.valueOf(serial),
                new Date(now - DAY), new Date(now + 30 * DAY), subject, key);
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true,
                !ca ? new BasicConstraints(false) : pathLen < 0 ? new BasicConstraints(true) : new BasicConstraints(pathLen));
        b.addExtension(Extension.keyUsage, true,
                new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key));
        if (!issuerName.equals(subject)) {
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuer.getPublic()));
        }
        if (!ca) {
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
        }
        return b.build(new JcaContentSignerBuilder(sigAlg).build(issuer.getPrivate())).getEncoded();
    }
}
