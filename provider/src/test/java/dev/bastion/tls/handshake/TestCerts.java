package dev.bastion.tls.handshake;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Self-signed test certificates made with Bouncy Castle's bcpkix (tests only): RSA-2048,
 * ECDSA P-256 and P-384 and Ed25519, one per kind and subject, generated once per JVM (RSA key
 * generation is slow).
 */
public final class TestCerts {
    /** The certificate kinds of the handshake matrix. */
    public enum Kind {
        RSA_2048("RSA", "SHA256withRSA"),
        EC_P256("EC", "SHA256withECDSA"),
        EC_P384("EC", "SHA384withECDSA"),
        ED25519("Ed25519", "Ed25519");

        private final String keyAlgorithm;
        private final String signatureAlgorithm;

        Kind(String keyAlgorithm, String signatureAlgorithm) {
            this.keyAlgorithm = keyAlgorithm;
            this.signatureAlgorithm = signatureAlgorithm;
        }
    }

    private static final ConcurrentHashMap<String, LocalCredential> CACHE = new ConcurrentHashMap<>();

    private TestCerts() {
    }

    /** A credential of {@code kind} for subject CN={@code name}. */
    public static LocalCredential credential(Kind kind, String name) {
        return CACHE.computeIfAbsent(kind + "/" + name, k -> make(kind, name));
    }

    private static LocalCredential make(Kind kind, String name) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(kind.keyAlgorithm);
            if (kind == Kind.RSA_2048) {
                g.initialize(2048);
            } else if (kind == Kind.EC_P256) {
                g.initialize(new ECGenParameterSpec("secp256r1"));
            } else if (kind == Kind.EC_P384) {
                g.initialize(new ECGenParameterSpec("secp384r1"));
            }
            KeyPair pair = g.generateKeyPair();
            X500Name subject = new X500Name("CN=" + name);
            long now = System.currentTimeMillis();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(now), new Date(now
                    - TimeUnit.DAYS.toMillis(1)), new Date(now + TimeUnit.DAYS.toMillis(365)), subject, pair.getPublic());
            ContentSigner signer = new JcaContentSignerBuilder(kind.signatureAlgorithm).build(pair.getPrivate());
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(signer));
            return new LocalCredential(List.of(cert), pair.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a " + kind + " test certificate", e);
        }
    }
}
