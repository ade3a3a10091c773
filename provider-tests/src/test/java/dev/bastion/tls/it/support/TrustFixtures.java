package dev.bastion.tls.it.support;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.HandshakeCompletedListener;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v1CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates with chosen edge cases, and a handshake session, engine and socket that report
 * what a trust or key manager reads from a connection (endpoint identification algorithm, SNI
 * names, peer host, signature algorithms), for calling trust and key managers of any provider
 * directly, without a handshake.
 */
public final class TrustFixtures {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long DAY = 86_400_000L;

    /** The JCA names of the signature algorithms a TLS 1.3 handshake usually offers. */
    public static final String[] ALL_SIGNATURES = {"SHA256withECDSA", "SHA384withECDSA", "SHA512withECDSA", "Ed25519",
        "Ed448", "RSASSA-PSS", "SHA256withRSA", "SHA384withRSA", "SHA512withRSA", "SHA224withECDSA", "SHA224withRSA",
        "SHA1withECDSA", "SHA1withRSA"};

    private TrustFixtures() {
    }

    public static KeyPair ec() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A certificate under construction (v3; v1 with {@link #v1()}). */
    public static Cert cert(String subject) {
        return new Cert(subject);
    }

    /** Builds one certificate; every extension is optional. */
    public static final class Cert {
        private final String subject;
        private PublicKey key;
        private String issuer;
        private PrivateKey issuerKey;
        private String sigAlg = "SHA256withECDSA";
        private Date notBefore = new Date(System.currentTimeMillis() - DAY);
        private Date notAfter = new Date(System.currentTimeMillis() + 30 * DAY);
        private Boolean ca;
        private Integer keyUsage;
        private KeyPurposeId[] eku;
        private final List<GeneralName> sans = new ArrayList<>();
        private boolean unknownCritical;
        private boolean v1;

        private Cert(String subject) {
            this.subject = subject;
        }

        public Cert key(KeyPair k) {
            key = k.getPublic();
            return this;
        }

        public Cert issuedBy(String dn, KeyPair k) {
            issuer = dn;
            issuerKey = k.getPrivate();
            sigAlg = k.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            return this;
        }

        /** Self-signed with {@code k}. */
        public Cert self(KeyPair k) {
            return key(k).issuedBy(subject, k);
        }

        /** The issuer signs with this JCA algorithm (after {@link #issuedBy}). */
        public Cert signedWith(String algorithm) {
            sigAlg = algorithm;
            return this;
        }

        public Cert days(long from, long to) {
            notBefore = new Date(System.currentTimeMillis() + from * DAY);
            notAfter = new Date(System.currentTimeMillis() + to * DAY);
            return this;
        }

        /** basicConstraints (critical) with this cA flag; none unless called. */
        public Cert ca(boolean isCa) {
            ca = isCa;
            return this;
        }

        /** keyUsage bits as {@link KeyUsage} names them. */
        public Cert keyUsage(int bits) {
            keyUsage = bits;
            return this;
        }

        public Cert eku(KeyPurposeId... ids) {
            eku = ids;
            return this;
        }

        public Cert dns(String... names) {
            for (String n : names) {
                sans.add(new GeneralName(GeneralName.dNSName, n));
            }
            return this;
        }

        public Cert ip(String address) {
            sans.add(new GeneralName(GeneralName.iPAddress, address));
            return this;
        }

        public Cert uri(String uri) {
            sans.add(new GeneralName(GeneralName.uniformResourceIdentifier, uri));
            return this;
        }

        public Cert unknownCriticalExtension() {
            unknownCritical = true;
            return this;
        }

        /** An X.509 v1 certificate: no extensions at all. */
        public Cert v1() {
            v1 = true;
            return this;
        }

        public X509Certificate build() {
            try {
                BigInteger serial = BigInteger.valueOf(RANDOM.nextLong() & Long.MAX_VALUE);
                JcaContentSignerBuilder signer = new JcaContentSignerBuilder(sigAlg);
                if (v1) {
                    return new JcaX509CertificateConverter().getCertificate(new JcaX509v1CertificateBuilder(new X500Name(issuer),
                            serial, notBefore, notAfter, new X500Name(subject), key).build(signer.build(issuerKey)));
                }
                JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer), serial, notBefore, notAfter,
                        new X500Name(subject), key);
                if (ca != null) {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
                }
                if (keyUsage != null) {
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
                }
                if (eku != null) {
                    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(eku));
                }
                if (!sans.isEmpty()) {
                    b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(new GeneralName[0])));
                }
                if (unknownCritical) {
                    b.addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"), true, new DEROctetString(new byte[] {1}));
                }
                return new JcaX509CertificateConverter().getCertificate(b.build(signer.build(issuerKey)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A PKCS12 store holding {@code certs} as trusted certificate entries. */
    public static KeyStore trustStore(X509Certificate... certs) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            for (int i = 0; i < certs.length; i++) {
                ks.setCertificateEntry("trusted" + i, certs[i]);
            }
            return ks;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code provider}'s trust manager of {@code algorithm} over {@code store}. */
    public static X509ExtendedTrustManager trustManager(String provider, String algorithm, KeyStore store) {
        try {
            Providers.install();
            TrustManagerFactory f = TrustManagerFactory.getInstance(algorithm, provider);
            f.init(store);
            return (X509ExtendedTrustManager) f.getTrustManagers()[0];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code provider}'s key manager of {@code algorithm} over {@code store}, whose entries all open with {@code password}. */
    public static X509ExtendedKeyManager keyManager(String provider, String algorithm, KeyStore store, char[] password) {
        try {
            Providers.install();
            KeyManagerFactory f = KeyManagerFactory.getInstance(algorithm, provider);
            f.init(store, password);
            return (X509ExtendedKeyManager) f.getKeyManagers()[0];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** SSLParameters with this endpoint identification algorithm (null: none). */
    public static SSLParameters identifying(String algorithm) {
        SSLParameters p = new SSLParameters();
        p.setEndpointIdentificationAlgorithm(algorithm);
        return p;
    }

    /** A TLS 1.3 handshake session with these requested server names, peer host and local signature algorithms. */
    public static ExtendedSSLSession session(List<SNIServerName> serverNames, String peerHost, String... signatures) {
        return new Session(serverNames, peerHost, signatures.length == 0 ? ALL_SIGNATURES : signatures);
    }

    /** A client-mode engine whose handshake session is {@code handshake} (may be null). */
    public static SSLEngine engine(SSLSession handshake, SSLParameters parameters) {
        return new Engine(handshake == null ? null : handshake.getPeerHost(), handshake, parameters);
    }

    /** A connected client-mode SSL socket whose handshake session is {@code handshake} (may be null). */
    public static SSLSocket socket(SSLSession handshake, SSLParameters parameters) {
        return new ConnectedSocket(handshake, parameters);
    }

    private static final class Session extends ExtendedSSLSession {
        private final List<SNIServerName> names;
        private final String peerHost;
        private final String[] signatures;

        Session(List<SNIServerName> names, String peerHost, String[] signatures) {
            this.names = List.copyOf(names);
            this.peerHost = peerHost;
            this.signatures = signatures.clone();
        }

        @Override public String[] getLocalSupportedSignatureAlgorithms() { return signatures.clone(); }
        @Override public String[] getPeerSupportedSignatureAlgorithms() { return signatures.clone(); }
        @Override public List<SNIServerName> getRequestedServerNames() { return names; }
        @Override public List<byte[]> getStatusResponses() { return List.of(); }
        @Override public byte[] getId() { return new byte[0]; }
        @Override public SSLSessionContext getSessionContext() { return null; }
        @Override public long getCreationTime() { return 0; }
        @Override public long getLastAccessedTime() { return 0; }
        @Override public void invalidate() { }
        @Override public boolean isValid() { return true; }
        @Override public void putValue(String name, Object value) { }
        @Override public Object getValue(String name) { return null; }
        @Override public void removeValue(String name) { }
        @Override public String[] getValueNames() { return new String[0]; }
        @Override public Certificate[] getPeerCertificates() throws SSLPeerUnverifiedException {
            throw new SSLPeerUnverifiedException("still negotiating");
        }
        @Override public Certificate[] getLocalCertificates() { return null; }
        @Override public Principal getPeerPrincipal() throws SSLPeerUnverifiedException {
            throw new SSLPeerUnverifiedException("still negotiating");
        }
        @Override public Principal getLocalPrincipal() { return null; }
        @Override public String getCipherSuite() { return "TLS_AES_128_GCM_SHA256"; }
        @Override public String getProtocol() { return "TLSv1.3"; }
        @Override public String getPeerHost() { return peerHost; }
        @Override public int getPeerPort() { return 443; }
        @Override public int getPacketBufferSize() { return 16709; }
        @Override public int getApplicationBufferSize() { return 16384; }
    }

    private static final class Engine extends SSLEngine {
        private final SSLSession handshake;
        private final SSLParameters parameters;

        Engine(String peerHost, SSLSession handshake, SSLParameters parameters) {
            super(peerHost, 443);
            this.handshake = handshake;
            this.parameters = parameters;
        }

        @Override public SSLSession getHandshakeSession() { return handshake; }
        @Override public SSLParameters getSSLParameters() { return parameters; }
        @Override public SSLEngineResult wrap(ByteBuffer[] src, int off, int len, ByteBuffer dst) {
            throw new UnsupportedOperationException();
        }
        @Override public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dst, int off, int len) {
            throw new UnsupportedOperationException();
        }
        @Override public Runnable getDelegatedTask() { return null; }
        @Override public void closeInbound() { }
        @Override public boolean isInboundDone() { return false; }
        @Override public void closeOutbound() { }
        @Override public boolean isOutboundDone() { return false; }
        @Override public String[] getSupportedCipherSuites() { return new String[0]; }
        @Override public String[] getEnabledCipherSuites() { return new String[0]; }
        @Override public void setEnabledCipherSuites(String[] suites) { }
        @Override public String[] getSupportedProtocols() { return new String[] {"TLSv1.3", "TLSv1.2"}; }
        @Override public String[] getEnabledProtocols() { return new String[] {"TLSv1.3", "TLSv1.2"}; }
        @Override public void setEnabledProtocols(String[] protocols) { }
        @Override public SSLSession getSession() { return handshake; }
        @Override public void beginHandshake() { }
        @Override public SSLEngineResult.HandshakeStatus getHandshakeStatus() { return SSLEngineResult.HandshakeStatus.NEED_UNWRAP; }
        @Override public void setUseClientMode(boolean mode) { }
        @Override public boolean getUseClientMode() { return true; }
        @Override public void setNeedClientAuth(boolean need) { }
        @Override public boolean getNeedClientAuth() { return false; }
        @Override public void setWantClientAuth(boolean want) { }
        @Override public boolean getWantClientAuth() { return false; }
        @Override public void setEnableSessionCreation(boolean flag) { }
        @Override public boolean getEnableSessionCreation() { return true; }
    }

    private static final class ConnectedSocket extends SSLSocket {
        private final SSLSession handshake;
        private final SSLParameters parameters;

        ConnectedSocket(SSLSession handshake, SSLParameters parameters) {
            this.handshake = handshake;
            this.parameters = parameters;
        }

        @Override public boolean isConnected() { return true; }
        @Override public SSLSession getHandshakeSession() { return handshake; }
        @Override public SSLParameters getSSLParameters() { return parameters; }
        @Override public String[] getSupportedCipherSuites() { return new String[0]; }
        @Override public String[] getEnabledCipherSuites() { return new String[0]; }
        @Override public void setEnabledCipherSuites(String[] suites) { }
        @Override public String[] getSupportedProtocols() { return new String[] {"TLSv1.3", "TLSv1.2"}; }
        @Override public String[] getEnabledProtocols() { return new String[] {"TLSv1.3", "TLSv1.2"}; }
        @Override public void setEnabledProtocols(String[] protocols) { }
        @Override public SSLSession getSession() { return handshake; }
        @Override public void addHandshakeCompletedListener(HandshakeCompletedListener listener) { }
        @Override public void removeHandshakeCompletedListener(HandshakeCompletedListener listener) { }
        @Override public void startHandshake() { }
        @Override public void setUseClientMode(boolean mode) { }
        @Override public boolean getUseClientMode() { return true; }
        @Override public void setNeedClientAuth(boolean need) { }
        @Override public boolean getNeedClientAuth() { return false; }
        @Override public void setWantClientAuth(boolean want) { }
        @Override public boolean getWantClientAuth() { return false; }
        @Override public void setEnableSessionCreation(boolean flag) { }
        @Override public boolean getEnableSessionCreation() { return true; }
    }
}
