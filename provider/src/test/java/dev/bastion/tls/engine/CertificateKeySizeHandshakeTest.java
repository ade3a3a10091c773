package dev.bastion.tls.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.BastionProvider;
import dev.bastion.tls.connection.Handshakers;
import dev.bastion.tls.connection.config.PropertySource;
import dev.bastion.tls.spi.BastionSSLContext;
import dev.bastion.tls.testutil.TestCert;
import dev.bastion.tls.testutil.TestCert.Issued;
import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Certificate key sizes under {@code jdk.tls.disabledAlgorithms} ("RSA keySize &lt; 2048"), in
 * real handshakes between Bastion engines of two contexts (one strict, one with the default
 * properties), with an RSA-1024 leaf issued by a CA that both trust. What SunJSSE 17 and 25 do
 * in the same setups (probed): a peer's RSA-1024 chain is refused by the side whose property
 * forbids it (its trust manager's algorithm check: the client sends {@code certificate_unknown},
 * JDK 25 {@code unsupported_certificate}; the server {@code certificate_unknown}); its own
 * RSA-1024 credential is not used (the server: "No available authentication scheme",
 * {@code handshake_failure}; the client: no certificate, so the server asks for one in vain).
 * Under the default properties the same RSA-1024 chains are accepted.
 */
class CertificateKeySizeHandshakeTest {
    private static final char[] PW = "changeit".toCharArray();
    private static final Map<String, String> STRICT = Map.of("jdk.tls.disabledAlgorithms", "RSA keySize < 2048");

    private static Issued ca;
    private static Issued rsa1024;
    private static Issued rsa2048;

    @BeforeAll
    static void pki() throws Exception {
        ca = TestCert.of("CN=Key Size CA").keys(TestCert.generate("RSA", 2048)).ca().issue();
        rsa1024 = leaf(1024);
        rsa2048 = leaf(2048);
    }

    private static Issued leaf(int bits) throws Exception {
        return TestCert.of("CN=localhost").keys(TestCert.generate("RSA", bits)).issuer(ca).dns("localhost")
                .extendedKeyUsage(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth).issue();
    }

    private static SSLContext context(Map<String, String> security, Issued credential) throws Exception {
        KeyManager[] km = null;
        if (credential != null) {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX", new BastionProvider());
            kmf.init(credential.keyStore("me", PW, ca.cert()), PW);
            km = kmf.getKeyManagers();
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.cert());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", new BastionProvider());
        tmf.init(trust);
        BastionSSLContext spi = new BastionSSLContext("TLS", PropertySource.of(Map.of(), security), Handshakers.STANDARD);
        SSLContext ctx = new SSLContext(spi, new BastionProvider(), "TLS") { };
        ctx.init(km, tmf.getTrustManagers(), null);
        return ctx;
    }

    /** What each side ended with: null when it finished its handshake, else its exception. */
    private record Outcome(SSLException client, SSLException server) {
    }

    private static Outcome handshake(SSLContext clientCtx, SSLContext serverCtx, String version, boolean clientAuth)
            throws Exception {
        SSLEngine c = clientCtx.createSSLEngine("localhost", 443);
        c.setUseClientMode(true);
        SSLParameters p = c.getSSLParameters();
        p.setProtocols(new String[] {version});
        p.setEndpointIdentificationAlgorithm("HTTPS");
        c.setSSLParameters(p);
        SSLEngine s = serverCtx.createSSLEngine();
        s.setUseClientMode(false);
        s.setNeedClientAuth(clientAuth);
        ByteBuffer toServer = ByteBuffer.allocate(1 << 16);
        ByteBuffer toClient = ByteBuffer.allocate(1 << 16);
        SSLException[] errors = new SSLException[2];
        c.beginHandshake();
        s.beginHandshake();
        for (int round = 0; round < 50; round++) {
            SSLException ce = step(c, toClient, toServer); // a failed engine still wraps its alert
            errors[0] = errors[0] != null ? errors[0] : ce;
            SSLException se = step(s, toServer, toClient);
            errors[1] = errors[1] != null ? errors[1] : se;
            boolean clientDone = errors[0] != null ? c.isOutboundDone() : c.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING;
            boolean serverDone = errors[1] != null ? s.isOutboundDone() : s.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING;
            if (clientDone && serverDone && toServer.position() == 0 && toClient.position() == 0) {
                break;
            }
        }
        return new Outcome(errors[0], errors[1]);
    }

    /** Runs {@code e}'s tasks, wraps into {@code out} and unwraps from {@code in} as far as it can; its exception, if any. */
    private static SSLException step(SSLEngine e, ByteBuffer in, ByteBuffer out) {
        try {
            for (int i = 0; i < 20; i++) {
                HandshakeStatus hs = e.getHandshakeStatus();
                if (hs == HandshakeStatus.NEED_TASK) {
                    for (Runnable r = e.getDelegatedTask(); r != null; r = e.getDelegatedTask()) {
                        r.run();
                    }
                } else if (hs == HandshakeStatus.NEED_WRAP) {
                    e.wrap(Engines.EMPTY, out);
                } else {
                    in.flip();
                    int consumed = e.unwrap(in, ByteBuffer.allocate(1 << 16)).bytesConsumed();
                    in.compact();
                    if (consumed == 0 && e.getHandshakeStatus() != HandshakeStatus.NEED_TASK
                            && e.getHandshakeStatus() != HandshakeStatus.NEED_WRAP) {
                        return null;
                    }
                }
            }
            return null;
        } catch (SSLException ex) {
            return ex;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void rsa1024ChainsWorkUnderTheDefaultProperties(String version) throws Exception {
        Outcome o = handshake(context(Map.of(), null), context(Map.of(), rsa1024), version, false);
        assertNull(o.client(), () -> "client: " + o.client());
        assertNull(o.server(), () -> "server: " + o.server());
        Outcome mutual = handshake(context(Map.of(), rsa1024), context(Map.of(), rsa2048), version, true);
        assertNull(mutual.client(), () -> "client: " + mutual.client());
        assertNull(mutual.server(), () -> "server: " + mutual.server());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void clientRefusesAServerCertificateItsPropertyDisables(String version) throws Exception {
        Outcome o = handshake(context(STRICT, null), context(Map.of(), rsa1024), version, false);
        assertNotNull(o.client(), "the strict client must refuse the RSA-1024 server certificate");
        assertTrue(o.client().getMessage().contains("server certificate's RSA key is disabled by jdk.tls.disabledAlgorithms (1024-bit RSA)"),
                o.client().getMessage());
        assertNotNull(o.server());
        assertEquals("Received fatal alert: certificate_unknown", o.server().getMessage());
        Outcome ok = handshake(context(STRICT, null), context(Map.of(), rsa2048), version, false);
        assertNull(ok.client(), () -> "an RSA-2048 server passes: " + ok.client());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void serverRefusesAClientCertificateItsPropertyDisables(String version) throws Exception {
        Outcome o = handshake(context(Map.of(), rsa1024), context(STRICT, rsa2048), version, true);
        assertNotNull(o.server(), "the strict server must refuse the RSA-1024 client certificate");
        assertTrue(o.server().getMessage().contains("client certificate's RSA key is disabled by jdk.tls.disabledAlgorithms (1024-bit RSA)"),
                o.server().getMessage());
        assertNotNull(o.client());
        assertEquals("Received fatal alert: certificate_unknown", o.client().getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void serverDoesNotUseItsOwnDisabledCredential(String version) throws Exception {
        Outcome o = handshake(context(Map.of(), null), context(STRICT, rsa1024), version, false);
        assertNotNull(o.server(), "the strict server must not sign with its RSA-1024 key");
        assertTrue(o.server().getMessage().contains("certificate for key types"), o.server().getMessage());
        assertTrue(o.server().getMessage().contains("whose 1024-bit RSA key jdk.tls.disabledAlgorithms refuses"),
                "the message says why the key manager's choice was not used: " + o.server().getMessage());
        assertNotNull(o.client());
        assertEquals("Received fatal alert: handshake_failure", o.client().getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void clientDoesNotSendItsOwnDisabledCredential(String version) throws Exception {
        Outcome o = handshake(context(STRICT, rsa1024), context(Map.of(), rsa2048), version, true);
        assertNotNull(o.server(), "the server requires a certificate the strict client may not send");
        assertTrue(o.server().getMessage().contains("client sent no certificate"), o.server().getMessage());
    }
}
