package dev.bastion.tls.bench;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.stream.IntStream;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * Full handshakes in which the client meets each server certificate for the first time, as a
 * client does with a new server, measured by this thread's CPU time with the providers
 * interleaved in chunks of 100 (as {@link HandshakeCpuTime}; in-memory engines, client and
 * server on one thread). Unlike {@link HandshakeCpuTime}, whose client trusts the server's own
 * self-signed certificate, the client here validates a real path with its provider's PKIX trust
 * manager and {@code HTTPS} endpoint identification, as {@code HttpsURLConnection} does: the
 * server presents [leaf, intermediate] under a root the client trusts, a P-384 root and
 * intermediate signing with SHA-384 and a P-256 leaf (Let's Encrypt's ECDSA shape). Each provider
 * has its own leaves, taken in turn, more than the JDK's certificate factory keeps (750), so no
 * leaf is parsed or verified twice while cached; each handshake's client engine names a new peer
 * port, so nothing resumes. x25519 only, with {@code -Djdk.tls.namedGroups=x25519,secp256r1}.
 *
 * <p>{@code java -XX:+AlwaysPreTouch -Xms1g -Xmx1g -Djdk.tls.namedGroups=x25519,secp256r1 -cp benchmarks/target/benchmarks.jar
 * dev.bastion.tls.bench.FirstContactCpuTime [TLSv1.3,TLSv1.2] [leaves] [warm-up] [rounds] [providers]}
 */
public final class FirstContactCpuTime {
    private static final int CHUNK = 100;
    private static final long DAY = 86_400_000L;

    private FirstContactCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        String[] protocols = args.length > 0 ? args[0].split(",") : new String[] {"TLSv1.3", "TLSv1.2"};
        int leaves = args.length > 1 ? Integer.parseInt(args[1]) : 1600;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 800;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        String[] providers = args.length > 4 ? args[4].split(",") : new String[] {"SunJSSE", "Bastion"};
        if (leaves < 1500) {
            throw new IllegalArgumentException("at least 1500 leaves, so that none is met again while the certificate factory holds it");
        }
        Bastion.install();
        System.out.println("# JDK " + Runtime.version() + ", " + leaves + " leaves per provider, warm-up " + warmup + ", "
                + rounds + " rounds of " + CHUNK);
        long now = System.currentTimeMillis();
        X500Name rootName = new X500Name("CN=First Contact Root");
        X500Name interName = new X500Name("CN=First Contact Intermediate");
        KeyPair root = ec("secp384r1");
        KeyPair inter = ec("secp384r1");
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        X509Certificate rootCert = parse(cf, ChainValidationCpuTime.cert(rootName, root, rootName, root.getPublic(), -1, 1,
                "SHA384withECDSA", now));
        X509Certificate interCert = parse(cf, ChainValidationCpuTime.cert(rootName, root, interName, inter.getPublic(), 0, 2,
                "SHA384withECDSA", now));
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", rootCert);
        Side[] sides = new Side[providers.length];
        for (int p = 0; p < providers.length; p++) {
            int base = 1000 + p * leaves;
            KeyPair[] keys = IntStream.range(0, leaves).parallel().mapToObj(i -> ec("secp256r1")).toArray(KeyPair[]::new);
            byte[][] ders = IntStream.range(0, leaves).parallel().mapToObj(i -> {
                try {
                    return ChainValidationCpuTime.cert(interName, inter, new X500Name("CN=localhost"), keys[i].getPublic(), -2,
                            base + i, "SHA384withECDSA", now);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toArray(byte[][]::new);
            sides[p] = new Side(providers[p], trust, new RotatingKeyManager(keys, ders, interCert));
        }
        for (String protocol : protocols) {
            for (Side s : sides) {
                s.run(protocol, warmup);
            }
        }
        for (String protocol : protocols) {
            System.out.println(CpuTurns.measure(protocol, 8, providers, rounds, CHUNK, (p, n) -> sides[p].run(protocol, n)));
        }
    }

    private static X509Certificate parse(CertificateFactory cf, byte[] der) throws Exception {
        return (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der));
    }

    private static KeyPair ec(String curve) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(curve));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One provider's client and server contexts; a new client peer port per handshake. */
    private static final class Side {
        private final String provider;
        private final SSLContext client;
        private final SSLContext server;
        private final RotatingKeyManager keys;
        private int port = 1;

        Side(String provider, KeyStore trust, RotatingKeyManager keys) throws Exception {
            this.provider = provider;
            this.keys = keys;
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", provider);
            tmf.init(trust);
            client = SSLContext.getInstance("TLS", provider);
            client.init(null, tmf.getTrustManagers(), new SecureRandom());
            server = SSLContext.getInstance("TLS", provider);
            server.init(new KeyManager[] {keys}, null, new SecureRandom());
        }

        void run(String protocol, int n) throws Exception {
            for (int i = 0; i < n; i++) {
                keys.next();
                port = port % 65535 + 1;
                SSLEngine c = client.createSSLEngine("localhost", port);
                SSLParameters p = c.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                c.setSSLParameters(p);
                EnginePair pair = EnginePair.reusingBuffers(c, server.createSSLEngine(), protocol).handshake();
                X509Certificate seen = (X509Certificate) pair.client.getSession().getPeerCertificates()[0];
                if (!seen.equals(keys.current()) || !pair.client.getSession().getProtocol().equals(protocol)) {
                    throw new IllegalStateException(provider + ": not the handshake meant (" + pair.client.getSession().getProtocol()
                            + ", " + seen.getSerialNumber() + ")");
                }
            }
        }
    }

    /** A server key manager presenting the next leaf at each handshake, each under its own alias. */
    private static final class RotatingKeyManager extends X509ExtendedKeyManager {
        private final KeyPair[] keys;
        private final X509Certificate[][] chains;
        private int next = -1;

        RotatingKeyManager(KeyPair[] keys, byte[][] leaves, X509Certificate intermediate) throws Exception {
            this.keys = keys;
            this.chains = new X509Certificate[leaves.length][];
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (int i = 0; i < leaves.length; i++) {
                chains[i] = new X509Certificate[] {parse(cf, leaves[i]), intermediate};
            }
        }

        void next() {
            next = (next + 1) % keys.length;
        }

        X509Certificate current() {
            return chains[next][0];
        }

        private int index(String alias) {
            return alias != null && alias.startsWith("leaf") ? Integer.parseInt(alias.substring(4)) : -1;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return "EC".equals(keyType) || "EC_EC".equals(keyType) ? "leaf" + next : null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return chooseEngineServerAlias(keyType, issuers, null);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            int i = index(alias);
            return i < 0 ? null : chains[i].clone();
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            int i = index(alias);
            return i < 0 ? null : keys[i].getPrivate();
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[] {"leaf" + next};
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
