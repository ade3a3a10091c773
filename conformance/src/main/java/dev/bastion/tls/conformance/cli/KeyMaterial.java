package dev.bastion.tls.conformance.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Keys and certificates from the files users have: PEM certificate chains and private keys
 * (PKCS#8 {@code PRIVATE KEY}, or the traditional {@code RSA}/{@code EC PRIVATE KEY} forms
 * OpenSSL writes), PKCS#12 or JKS key stores, and PEM CA bundles; turned into the JDK's PKIX
 * key and trust managers. Bouncy Castle's PEM reader is used for keys only because the JDK
 * has none.
 */
public final class KeyMaterial {
    private static final char[] IN_MEMORY_PASSWORD = "bastion-cli".toCharArray();

    private KeyMaterial() {
    }

    /** Every certificate in a PEM (or DER) file, in file order. */
    public static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new GeneralSecurityException("no certificate in " + file);
            }
            return out;
        }
    }

    /** The (unencrypted) private key in a PEM file. */
    public static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(r)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (o instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
            }
        }
        throw new GeneralSecurityException("no unencrypted private key in " + file
                + " (expected PEM 'PRIVATE KEY', 'RSA PRIVATE KEY' or 'EC PRIVATE KEY')");
    }

    /** PKIX key managers holding one key and its chain (leaf first). */
    public static KeyManager[] keyManagers(PrivateKey key, List<X509Certificate> chain)
            throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("key", key, IN_MEMORY_PASSWORD, chain.toArray(new X509Certificate[0]));
        return keyManagers(ks, IN_MEMORY_PASSWORD);
    }

    /** PKIX key managers over a PKCS#12 or JKS file (the type is detected). */
    public static KeyManager[] keyManagers(Path keyStore, char[] password) throws IOException, GeneralSecurityException {
        return keyManagers(KeyStore.getInstance(keyStore.toFile(), password), password);
    }

    /** PKIX trust managers trusting exactly the certificates of a PEM bundle. */
    public static TrustManager[] trustManagers(Path caFile) throws IOException, GeneralSecurityException {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        int i = 0;
        for (X509Certificate c : certificates(caFile)) {
            ts.setCertificateEntry("ca" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ts);
        return tmf.getTrustManagers();
    }

    /** The JDK's default trust (cacerts, or {@code javax.net.ssl.trustStore}). */
    public static TrustManager[] defaultTrustManagers() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init((KeyStore) null);
        return tmf.getTrustManagers();
    }

    private static KeyManager[] keyManagers(KeyStore ks, char[] password) throws GeneralSecurityException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(ks, password);
        return kmf.getKeyManagers();
    }
}
