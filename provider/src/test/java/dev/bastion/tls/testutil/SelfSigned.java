package dev.bastion.tls.testutil;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed ECDSA P-256 certificate for tests, made with Bouncy Castle's certificate
 * builder (test code only), with key and trust managers from the JDK's factories.
 *
 * @param certificate the certificate; subject CN and DNS subject alternative names as given
 */
public record SelfSigned(KeyPair keys, X509Certificate certificate) {
    private static final char[] PASSWORD = "changeit".toCharArray();

    /** A certificate valid from a day ago for {@code days} days (negative: already expired). */
    public static SelfSigned create(String cn, int days, String... dnsNames) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair kp = g.generateKeyPair();
        long now = System.currentTimeMillis();
        Date from = new Date(now - 86_400_000L + (days < 0 ? days * 86_400_000L * 2 : 0));
        Date to = new Date(now + days * 86_400_000L);
        X500Name name = new X500Name("CN=" + cn);
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now), from, to, name, kp.getPublic());
        if (dnsNames.length > 0) {
            GeneralName[] names = new GeneralName[dnsNames.length];
            for (int i = 0; i < names.length; i++) {
                names[i] = new GeneralName(GeneralName.dNSName, dnsNames[i]);
            }
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        }
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
        return new SelfSigned(kp, cert);
    }

    public static SelfSigned localhost() throws Exception {
        return create("localhost", 365, "localhost");
    }

    public KeyStore keyStore() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("key", keys.getPrivate(), PASSWORD, new X509Certificate[] {certificate});
        return ks;
    }

    /** The JDK's default (PKIX) key managers over this key. */
    public KeyManager[] keyManagers() throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(keyStore(), PASSWORD);
        return kmf.getKeyManagers();
    }

    /** The JDK's PKIX trust managers trusting only this certificate. */
    public TrustManager[] trustManagers() throws Exception {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("ca", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ts);
        return tmf.getTrustManagers();
    }

    public X509Certificate[] chain() {
        return new X509Certificate[] {certificate};
    }
}
