package dev.bastion.tls.it.support;

import dev.bastion.tls.it.support.Credentials.KeyType;
import java.security.KeyStore;
import java.security.Principal;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Run by {@code ConfigPropertiesTest} in a JVM started with one of the {@code jdk.tls.*}
 * system properties SunJSSE reads once per JVM ({@code jdk.tls.client/server.SignatureSchemes},
 * {@code jdk.tls.client/server.cipherSuites}, {@code jdk.tls.maxCertificateChainLength} and
 * {@code jdk.tls.client/server.maxInboundCertificateChainLength}):
 * the scenario named by the first argument runs for every (client provider, server provider)
 * pair and prints {@code key=value} lines, keys {@code <client>-<server>-<protocol>-<case>.<what>}.
 */
public final class PropertyProbe {
    private static final String[] PROVIDERS = {"SunJSSE", "Bastion"};

    private PropertyProbe() {
    }

    /**
     * Runs this probe in a fresh JVM (this JVM's java and class path) with the system
     * properties {@code properties} ({@code name=value}) and the arguments {@code args}; fails
     * unless it ran to its end. Returns what it printed.
     */
    public static Map<String, String> runWith(List<String> properties, String... args) throws Exception {
        return FreshJvm.probe(PropertyProbe.class, properties, args);
    }

    public static void main(String[] args) throws Exception {
        Providers.install();
        String scenario = args[0];
        for (String c : PROVIDERS) {
            for (String s : PROVIDERS) {
                for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
                    String key = c + "-" + s + "-" + protocol;
                    try {
                        run(scenario, key, c, s, protocol, args.length > 1 ? args[1] : "SHA256withECDSA");
                    } catch (Exception | AssertionError e) {
                        System.out.println(key + ".error=" + e);
                    }
                }
            }
        }
        if (scenario.equals("suites")) {
            for (String p : PROVIDERS) {
                defaults(p);
            }
        }
        System.out.println("done=true");
    }

    private static void run(String scenario, String key, String c, String s, String protocol, String certSig)
            throws Exception {
        Credentials creds = Credentials.get();
        switch (scenario) {
            case "schemes" -> {
                handshake(key + "-p256", c, s, protocol, creds.selfSigned(KeyType.EC_P256, certSig, true), null);
                handshake(key + "-p384", c, s, protocol, creds.selfSigned(KeyType.EC_P384, certSig, true), null);
                handshake(key + "-p384auth", c, s, protocol, creds.selfSigned(KeyType.EC_P384, certSig, true),
                        creds.selfSigned(KeyType.EC_P384, certSig, false));
                handshake(key + "-rsa", c, s, protocol, creds.selfSigned(KeyType.RSA, "SHA256withRSAandMGF1", true), null);
            }
            case "suites" -> handshake(key + "-defaults", c, s, protocol, creds.keyStore(KeyType.EC_P256, true), null);
            case "chain" -> {
                // the server's own chain is its certificate alone: a client in this JVM takes it
                KeyStore server = leafOnly(creds.keyStore(KeyType.EC_P256, true), "server");
                KeyStore two = creds.keyStore(KeyType.EC_P256, false);
                handshake(key + "-two", c, s, protocol, server, two);
                handshake(key + "-one", c, s, protocol, server, leafOnly(two, "client"));
            }
            case "ca" -> handshake(key + "-ca", c, s, protocol, creds.keyStore(KeyType.EC_P256, true), null);
            case "chains" -> {
                // both sides' chains are two long (certificate and CA); each limit is met on one side only
                KeyStore serverTwo = creds.keyStore(KeyType.EC_P256, true);
                handshake(key + "-serverTwo", c, s, protocol, serverTwo, null);
                handshake(key + "-clientTwo", c, s, protocol, leafOnly(serverTwo, "server"),
                        creds.keyStore(KeyType.EC_P256, false));
            }
            default -> throw new IllegalArgumentException(scenario);
        }
    }

    /**
     * One handshake: a server with the entry of {@code serverKeys}, requiring a client
     * certificate (the entry of {@code clientKeys}) when that is not null; both trust the CA and
     * both entries' last certificates. Prints the outcome, what each side's session says the
     * peer supports (during the handshake, when a key is chosen, and after it) and the TLS 1.2
     * ServerKeyExchange's signature scheme.
     */
    private static void handshake(String key, String c, String s, String protocol, KeyStore serverKeys,
            KeyStore clientKeys) throws Exception {
        KeyStore trust = Credentials.get().trustStore();
        trustLast(trust, serverKeys, "server");
        trustLast(trust, clientKeys, "client");
        Recording serverKm = new Recording(managers(serverKeys));
        Recording clientKm = new Recording(managers(clientKeys));
        SSLEngine client = context(c, clientKm, trust).createSSLEngine("localhost", 443);
        SSLEngine server = context(s, serverKm, trust).createSSLEngine();
        client.setEnabledProtocols(new String[] {protocol});
        server.setEnabledProtocols(new String[] {protocol});
        if (clientKeys != null) {
            server.setNeedClientAuth(true);
        }
        Outcome o = Outcome.of(client, server);
        o.print(key);
        System.out.println(key + ".serverSawOffered=" + serverKm.seen);
        System.out.println(key + ".clientSawRequested=" + clientKm.seen);
        System.out.println(key + ".serverIssuers=" + serverKm.issuers);
        if (o.ok()) {
            System.out.println(key + ".serverPeerSupported=" + supported(server.getSession()));
            System.out.println(key + ".clientPeerSupported=" + supported(client.getSession()));
        }
        if (protocol.equals("TLSv1.2")) {
            System.out.println(key + ".ske=" + Tls12Wire.serverKeyExchangeScheme(o.serverBytes()).orElse(-1));
        }
    }

    private static void trustLast(KeyStore trust, KeyStore keys, String alias) throws Exception {
        if (keys != null) {
            java.security.cert.Certificate[] chain = keys.getCertificateChain(alias);
            trust.setCertificateEntry(alias, chain[chain.length - 1]);
        }
    }

    private static void defaults(String provider) throws Exception {
        SSLContext ctx = context(provider, new Recording(managers(Credentials.get().keyStore(KeyType.EC_P256, true))),
                Credentials.get().trustStore());
        System.out.println(provider + ".defaultParameters=" + String.join(",", ctx.getDefaultSSLParameters().getCipherSuites()));
        System.out.println(provider + ".newEngine=" + String.join(",", ctx.createSSLEngine().getEnabledCipherSuites()));
        SSLEngine client = ctx.createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        System.out.println(provider + ".clientEngine=" + String.join(",", client.getEnabledCipherSuites()));
        SSLEngine server = ctx.createSSLEngine();
        server.setUseClientMode(false);
        System.out.println(provider + ".serverEngine=" + String.join(",", server.getEnabledCipherSuites()));
        System.out.println(provider + ".serverSocket=" + String.join(",",
                ((javax.net.ssl.SSLServerSocket) ctx.getServerSocketFactory().createServerSocket()).getEnabledCipherSuites()));
        System.out.println(provider + ".clientSocket=" + String.join(",",
                ((javax.net.ssl.SSLSocket) ctx.getSocketFactory().createSocket()).getEnabledCipherSuites()));
    }

    private static String supported(SSLSession session) {
        return Arrays.toString(((ExtendedSSLSession) session).getPeerSupportedSignatureAlgorithms());
    }

    private static KeyStore leafOnly(KeyStore keys, String alias) throws Exception {
        KeyStore out = KeyStore.getInstance("PKCS12");
        out.load(null, null);
        out.setKeyEntry(alias, keys.getKey(alias, Credentials.PASSWORD), Credentials.PASSWORD,
                new X509Certificate[] {(X509Certificate) keys.getCertificateChain(alias)[0]});
        return out;
    }

    private static X509ExtendedKeyManager managers(KeyStore keys) throws Exception {
        if (keys == null) {
            keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(keys, Credentials.PASSWORD);
        return (X509ExtendedKeyManager) kmf.getKeyManagers()[0];
    }

    private static SSLContext context(String provider, X509ExtendedKeyManager km, KeyStore trust) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS", provider);
        ctx.init(new javax.net.ssl.KeyManager[] {km}, tmf.getTrustManagers(), new SecureRandom());
        return ctx;
    }

    /**
     * A key manager that notes what the handshake session says the peer supports when it is
     * asked for a key: the schemes a client offered (server side), or those a server's
     * CertificateRequest named (client side).
     */
    private static final class Recording extends DelegatingKeyManager {
        volatile String seen;
        /** The issuers a server key choice was asked with (a client's certificate_authorities), sorted; "null" for none. */
        volatile String issuers = "null";

        Recording(X509ExtendedKeyManager delegate) {
            super(delegate);
        }

        private void note(SSLEngine engine) {
            SSLSession hs = engine == null ? null : engine.getHandshakeSession();
            if (hs instanceof ExtendedSSLSession) {
                seen = supported(hs);
            }
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            note(engine);
            this.issuers = issuers == null ? "null"
                    : Arrays.stream(issuers).map(Principal::getName).sorted().toList().toString();
            return super.chooseEngineServerAlias(keyType, issuers, engine);
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            note(engine);
            return super.chooseEngineClientAlias(keyType, issuers, engine);
        }
    }
}
