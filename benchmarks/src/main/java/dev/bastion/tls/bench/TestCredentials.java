package dev.bastion.tls.bench;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A self-signed certificate and SSLContexts built on it, for in-memory benchmarks. */
final class TestCredentials {
    private static final char[] PASSWORD = "bench".toCharArray();

    private TestCredentials() {
    }

    /** Key store with one self-signed EC P-256 or RSA-2048 entry for CN=localhost. */
    static KeyStore selfSigned(String keyType) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(keyType);
        if (keyType.equals("EC")) {
            g.initialize(new ECGenParameterSpec("secp256r1"));
        } else {
            g.initialize(2048);
        }
        KeyPair kp = g.generateKeyPair();
        X500Name name = new X500Name("CN=localhost");
        Date now = new Date();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(new SecureRandom().nextLong() & Long.MAX_VALUE),
                new Date(now.getTime() - 60_000), new Date(now.getTime() + 86_400_000L), name, kp.getPublic());
        String sigAlg = keyType.equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder(sigAlg).build(kp.getPrivate())));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", kp.getPrivate(), PASSWORD, new X509Certificate[] {cert});
        return ks;
    }

    /** A TLS context of {@code provider} that presents and trusts the key store's certificate. */
    static SSLContext context(String provider, KeyStore ks) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ks.getCertificate("server"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS", provider);
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
        return ctx;
    }
}
