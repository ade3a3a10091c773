package dev.bastion.tls.it.support;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test PKI made at run time: one CA, and per key type a server certificate for
 * {@code localhost} (with that SAN) and a client certificate, all signed by the CA.
 */
public final class Credentials {
    public static final char[] PASSWORD = "changeit".toCharArray();

    /** Key types of end-entity certificates. */
    public enum KeyType {
        RSA("RSA", "SHA256withRSA"),
        EC_P256("EC", "SHA256withECDSA"),
        ED25519("Ed25519", "Ed25519"),
        EC_P384("EC", "SHA384withECDSA");

        final String algorithm;
        final String signature;

        KeyType(String algorithm, String signature) {
            this.algorithm = algorithm;
            this.signature = signature;
        }
    }

    private static final Credentials INSTANCE = new Credentials();

    private final KeyPair caKeys;
    private final X509Certificate ca;
    private final Map<String, KeyStore> stores = new ConcurrentHashMap<>();

    private Credentials() {
        try {
            caKeys = generate(KeyType.EC_P256);
            ca = certificate("CN=Bastion Test CA", caKeys, "CN=Bastion Test CA", caKeys.getPrivate(), "SHA256withECDSA", true, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Credentials get() {
        return INSTANCE;
    }

    public X509Certificate ca() {
        return ca;
    }

    /** A key store with one entry ("server" or "client") of {@code type}, chained to the CA. */
    public KeyStore keyStore(KeyType type, boolean server) {
        return stores.computeIfAbsent(type + "/" + server, k -> {
            try {
                KeyPair kp = generate(type);
                String dn = server ? "CN=localhost" : "CN=Bastion Test Client";
                X509Certificate cert = certificate(dn, kp, "CN=Bastion Test CA", caKeys.getPrivate(), "SHA256withECDSA",
                        false, server ? "localhost" : null);
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setKeyEntry(server ? "server" : "client", kp.getPrivate(), PASSWORD, new X509Certificate[] {cert, ca});
                return ks;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * A server key store ("server" entry, chained to the CA) whose certificate names exactly
     * {@code names} as subject alternative names: IP addresses (digits and dots, or with a
     * colon) become iPAddress entries, everything else dNSName entries.
     */
    public KeyStore serverKeyStore(KeyType type, String... names) {
        return stores.computeIfAbsent(type + "/server/" + String.join(",", names), k -> {
            try {
                KeyPair kp = generate(type);
                GeneralName[] sans = new GeneralName[names.length];
                for (int i = 0; i < names.length; i++) {
                    boolean ip = names[i].contains(":") || names[i].chars().allMatch(c -> c == '.' || Character.isDigit(c));
                    sans[i] = new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, names[i]);
                }
                X509Certificate cert = certificateWith("CN=" + names[0], kp, "CN=Bastion Test CA", caKeys.getPrivate(),
                        "SHA256withECDSA", false, new GeneralNames(sans));
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setKeyEntry("server", kp.getPrivate(), PASSWORD, new X509Certificate[] {cert, ca});
                return ks;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * A server key store ("server" entry, chained to the CA) for {@code localhost} whose
     * certificate expired a day ago (valid from two days ago until one day ago).
     */
    public KeyStore expiredServerKeyStore() {
        return stores.computeIfAbsent("expired/server", k -> {
            try {
                KeyPair kp = generate(KeyType.EC_P256);
                long now = System.currentTimeMillis();
                X509Certificate cert = certificateWith("CN=localhost", kp, "CN=Bastion Test CA", caKeys.getPrivate(),
                        "SHA256withECDSA", false, new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")),
                        new Date(now - 2 * 86_400_000L), new Date(now - 86_400_000L));
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setKeyEntry("server", kp.getPrivate(), PASSWORD, new X509Certificate[] {cert, ca});
                return ks;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * An initialised TLS context of {@code provider} with the key store {@code keys} (null: no
     * certificate) and trusting the CA, or, when {@code trustCa} is false, only an unrelated CA.
     */
    public SSLContext contextWith(String provider, KeyStore keys, boolean trustCa) throws Exception {
        return contextWith(provider, keys, trustCa, false);
    }

    /**
     * As {@link #contextWith(String, KeyStore, boolean)}; with {@code ownManagers} the key and
     * trust managers come from {@code provider}'s own "PKIX" factories (so Bastion's trust
     * manager checks the peer's chain and host name), else from the first provider that has
     * them (SunJSSE's).
     */
    public SSLContext contextWith(String provider, KeyStore keys, boolean trustCa, boolean ownManagers) throws Exception {
        Providers.install();
        KeyManagerFactory kmf = ownManagers ? KeyManagerFactory.getInstance("PKIX", provider)
                : KeyManagerFactory.getInstance("PKIX");
        if (keys == null) {
            keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
        }
        kmf.init(keys, PASSWORD);
        TrustManagerFactory tmf = ownManagers ? TrustManagerFactory.getInstance("PKIX", provider)
                : TrustManagerFactory.getInstance("PKIX");
        KeyStore trust = trustStore();
        if (!trustCa) {
            trust.deleteEntry("ca");
            KeyPair other = generate(KeyType.EC_P256);
            trust.setCertificateEntry("other", certificate("CN=Unrelated CA", other, "CN=Unrelated CA", other.getPrivate(),
                    "SHA256withECDSA", true, (String) null));
        }
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS", provider);
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
        return ctx;
    }

    /**
     * A key store with one EC server entry per DNS name (alias = the name, subject CN = the
     * name, that name as its only SAN), chained to the CA: for key selection by SNI.
     */
    public KeyStore namedServers(String... dnsNames) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        for (String name : dnsNames) {
            KeyPair kp = generate(KeyType.EC_P256);
            X509Certificate cert = certificate("CN=" + name, kp, "CN=Bastion Test CA", caKeys.getPrivate(), "SHA256withECDSA",
                    false, name);
            ks.setKeyEntry(name, kp.getPrivate(), PASSWORD, new X509Certificate[] {cert, ca});
        }
        return ks;
    }

    /**
     * A client key store with two EC entries: "a-foreign", issued by a CA nobody trusts
     * ("CN=Foreign Client CA"), and "b-trusted", the {@link #keyStore client certificate} issued
     * by the test CA. Only a client that is told which CAs the server accepts can be sure to
     * choose the second.
     */
    public KeyStore clientKeyStoreWithForeignEntry() {
        return stores.computeIfAbsent("client/two", k -> {
            try {
                KeyPair foreignCa = generate(KeyType.EC_P256);
                X509Certificate foreignRoot = certificate("CN=Foreign Client CA", foreignCa, "CN=Foreign Client CA",
                        foreignCa.getPrivate(), "SHA256withECDSA", true, null);
                KeyPair kp = generate(KeyType.EC_P256);
                X509Certificate foreign = certificate("CN=Foreign Client", kp, "CN=Foreign Client CA", foreignCa.getPrivate(),
                        "SHA256withECDSA", false, null);
                KeyStore trusted = keyStore(KeyType.EC_P256, false);
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setKeyEntry("a-foreign", kp.getPrivate(), PASSWORD, new X509Certificate[] {foreign, foreignRoot});
                ks.setKeyEntry("b-trusted", trusted.getKey("client", PASSWORD), PASSWORD, trusted.getCertificateChain("client"));
                return ks;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * A key store with one entry ("server" or "client") of {@code type}: a self-signed
     * certificate (for {@code localhost} when {@code server}) signed with {@code sigAlg}, chained
     * to nothing, for handshakes whose signature schemes must also cover the certificate's own
     * signature. Trust it with {@link java.security.KeyStore#getCertificate}.
     */
    public KeyStore selfSigned(KeyType type, String sigAlg, boolean server) {
        return stores.computeIfAbsent("self/" + type + "/" + sigAlg + "/" + server, k -> {
            try {
                KeyPair kp = generate(type);
                String dn = server ? "CN=localhost" : "CN=Bastion Test Client";
                Date now = new Date();
                JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(dn),
                        BigInteger.valueOf(new SecureRandom().nextLong() & Long.MAX_VALUE),
                        new Date(now.getTime() - 3_600_000L), new Date(now.getTime() + 7 * 86_400_000L), new X500Name(dn),
                        kp.getPublic());
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                if (server) {
                    b.addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
                }
                // RSASSA-PSS with an rsaEncryption key (rsa_pss_rsae_*) is signed by Bouncy Castle
                JcaContentSignerBuilder signer = sigAlg.endsWith("andMGF1")
                        ? new JcaContentSignerBuilder(sigAlg).setProvider(new BouncyCastleProvider())
                        : new JcaContentSignerBuilder(sigAlg);
                X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                        b.build(signer.build(kp.getPrivate())));
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setKeyEntry(server ? "server" : "client", kp.getPrivate(), PASSWORD, new X509Certificate[] {cert});
                return ks;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The default provider's "PKIX" key manager factory over {@code store} (its entries use {@link #PASSWORD}). */
    public static KeyManagerFactory keyManagerFactory(KeyStore store) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(store, PASSWORD);
        return kmf;
    }

    /** The default provider's "PKIX" trust manager factory trusting the CA. */
    public TrustManagerFactory trustManagerFactory() throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trustStore());
        return tmf;
    }

    /** A trust store holding the CA. */
    public KeyStore trustStore() throws Exception {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("ca", ca);
        return ts;
    }

    /**
     * An initialised TLS context of {@code provider}, presenting a {@code type} certificate
     * (server or client), or none when {@code type} is null, and trusting the CA.
     */
    public SSLContext context(String provider, KeyType type, boolean server) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        if (type == null) {
            KeyStore empty = KeyStore.getInstance("PKCS12");
            empty.load(null, null);
            kmf.init(empty, PASSWORD);
        } else {
            kmf.init(keyStore(type, server), PASSWORD);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trustStore());
        Providers.install();
        SSLContext ctx = SSLContext.getInstance("TLS", provider);
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
        return ctx;
    }

    private static KeyPair generate(KeyType type) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(type.algorithm);
        if (type == KeyType.RSA) {
            g.initialize(2048);
        } else if (type == KeyType.EC_P256) {
            g.initialize(new ECGenParameterSpec("secp256r1"));
        } else if (type == KeyType.EC_P384) {
            g.initialize(new ECGenParameterSpec("secp384r1"));
        }
        return g.generateKeyPair();
    }

    private static X509Certificate certificate(String subject, KeyPair keys, String issuer, PrivateKey issuerKey,
            String sigAlg, boolean isCa, String dnsName) throws Exception {
        GeneralNames sans = dnsName == null ? null : new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName));
        return certificateWith(subject, keys, issuer, issuerKey, sigAlg, isCa, sans);
    }

    private static X509Certificate certificateWith(String subject, KeyPair keys, String issuer, PrivateKey issuerKey,
            String sigAlg, boolean isCa, GeneralNames sans) throws Exception {
        Date now = new Date();
        return certificateWith(subject, keys, issuer, issuerKey, sigAlg, isCa, sans, new Date(now.getTime() - 3_600_000L),
                new Date(now.getTime() + 7 * 86_400_000L));
    }

    private static X509Certificate certificateWith(String subject, KeyPair keys, String issuer, PrivateKey issuerKey,
            String sigAlg, boolean isCa, GeneralNames sans, Date notBefore, Date notAfter) throws Exception {
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                BigInteger.valueOf(new SecureRandom().nextLong() & Long.MAX_VALUE), notBefore, notAfter,
                new X500Name(subject), keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (sans != null) {
            b.addExtension(Extension.subjectAlternativeName, false, sans);
        }
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(sigAlg).build(issuerKey)));
    }
}
