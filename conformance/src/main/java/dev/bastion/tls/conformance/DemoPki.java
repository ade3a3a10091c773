package dev.bastion.tls.conformance;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throwaway CA and a {@code localhost} server certificate (ECDSA P-256), made at start-up. */
public final class DemoPki {
    private static final char[] PASSWORD = "demo".toCharArray();

    private final KeyStore serverKeys;
    private final KeyStore trust;

    public DemoPki() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair caKeys = g.generateKeyPair();
        KeyPair serverKeyPair = g.generateKeyPair();
        X509Certificate ca = sign("CN=Bastion Demo CA", caKeys, "CN=Bastion Demo CA", caKeys, true);
        X509Certificate server = sign("CN=localhost", serverKeyPair, "CN=Bastion Demo CA", caKeys, false);
        serverKeys = KeyStore.getInstance("PKCS12");
        serverKeys.load(null, null);
        serverKeys.setKeyEntry("server", serverKeyPair.getPrivate(), PASSWORD, new X509Certificate[] {server, ca});
        trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
    }

    /** PKIX key managers holding the {@code localhost} certificate and its key. */
    public KeyManager[] serverKeyManagers() throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(serverKeys, PASSWORD);
        return kmf.getKeyManagers();
    }

    /** Writes the CA certificate as PEM to {@code file} (for {@code --cafile}, {@code curl --cacert}). */
    public Path writeCaPem(Path file) throws Exception {
        byte[] der = trust.getCertificate("ca").getEncoded();
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
        return Files.writeString(file, pem, StandardCharsets.US_ASCII);
    }

    /** A TLS context of {@code provider}; the server side presents the certificate. */
    SSLContext context(String provider, boolean server) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        if (server) {
            kmf.init(serverKeys, PASSWORD);
        } else {
            KeyStore none = KeyStore.getInstance("PKCS12");
            none.load(null, null);
            kmf.init(none, PASSWORD);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS", provider);
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
        return ctx;
    }

    private static X509Certificate sign(String subject, KeyPair keys, String issuer, KeyPair issuerKeys, boolean ca)
            throws Exception {
        Date now = new Date();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                BigInteger.valueOf(new SecureRandom().nextLong() & Long.MAX_VALUE), new Date(now.getTime() - 60_000),
                new Date(now.getTime() + 86_400_000L), new X500Name(subject), keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (!ca) {
            b.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
        }
        return new JcaX509CertificateConverter()
                .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    }
}
