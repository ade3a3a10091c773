package dev.bastion.tls.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.BastionProvider;
import dev.bastion.tls.connection.Handshakers;
import dev.bastion.tls.connection.config.PropertySource;
import dev.bastion.tls.spi.BastionSSLContext;
import dev.bastion.tls.testutil.FakeOcspResponder;
import dev.bastion.tls.testutil.FakeOcspResponder.Mode;
import dev.bastion.tls.testutil.TestCert;
import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.X509CertSelector;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.SSLException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Bastion server staples the OCSP response of its certificate's responder
 * ({@code jdk.tls.server.enableStatusRequestExtension=true}), over TLS 1.3 and TLS 1.2, to a client
 * that asks; a responder that fails means a handshake without a staple, never a failed one.
 */
@Timeout(60)
class ServerStaplingTest {
    private static final char[] PW = "pw".toCharArray();

    private TestCert.Issued ca;
    private TestCert.Issued leaf;
    private FakeOcspResponder responder;

    @BeforeEach
    void pki() throws Exception {
        ca = TestCert.ca("CN=Stapling Test CA");
        responder = new FakeOcspResponder(ca);
        leaf = TestCert.of("CN=localhost").issuer(ca).dns("localhost").ocspResponder(responder.uri()).issue();
    }

    @AfterEach
    void stop() {
        responder.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void staplesTheResponderAnswerInTheDelegatedTask(String protocol) throws Exception {
        SSLEngine server = server(stapling()).createSSLEngine();
        server.setUseClientMode(false);
        SSLEngine client = client(Map.of(), protocol);
        ByteBuffer net = ByteBuffer.allocate(1 << 16);
        client.wrap(Engines.EMPTY, net);
        net.flip();
        server.unwrap(net, ByteBuffer.allocate(1 << 16));
        assertEquals(HandshakeStatus.NEED_TASK, server.getHandshakeStatus());
        assertEquals(0, responder.requests().size(), "nothing is asked before the delegated task runs");
        server.getDelegatedTask().run();
        assertEquals(1, responder.requests().size(), "the delegated task asked the responder");
        Engines.pump(client, server);

        ExtendedSSLSession s = (ExtendedSSLSession) client.getSession();
        assertEquals(protocol, s.getProtocol());
        assertEquals(2, s.getStatusResponses().size(), "one entry per certificate of the chain, as SunJSSE reports them");
        assertArrayEquals(responder.lastResponse(), s.getStatusResponses().get(0));
        assertEquals(0, s.getStatusResponses().get(1).length, "the CA certificate has no staple");
        OCSPReq req = responder.requests().get(0);
        assertEquals(1, req.getRequestList().length);
        assertEquals(responder.idOf(leaf.cert()), req.getRequestList()[0].getCertID(),
                "the CertID is the one Bouncy Castle computes for the certificate and its issuer");
        assertTrue(!req.hasExtensions(), "the client sent no request extensions to pass on");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void sunJsseClientReadsTheStaple(String protocol) throws Exception {
        SSLEngine server = server(stapling()).createSSLEngine();
        server.setUseClientMode(false);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ca.trustStore("ca"));
        SSLContext sun = SSLContext.getInstance("TLS", "SunJSSE");
        sun.init(null, tmf.getTrustManagers(), null);
        SSLEngine client = sun.createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[] {protocol});
        Engines.pump(client, server);
        ExtendedSSLSession s = (ExtendedSSLSession) client.getSession();
        assertEquals(protocol, s.getProtocol());
        assertArrayEquals(responder.lastResponse(), s.getStatusResponses().get(0),
                "SunJSSE found the staple in " + (protocol.equals("TLSv1.3") ? "the CertificateEntry" : "CertificateStatus"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void secondHandshakeUsesTheCachedResponse(String protocol) throws Exception {
        SSLContext server = server(stapling());
        byte[] first = stapled(server, protocol, Map.of());
        byte[] second = stapled(server, protocol, Map.of());
        assertArrayEquals(first, second);
        assertEquals(1, responder.requests().size());
    }

    @Test
    void offByDefaultAsInSunJsse() throws Exception {
        assertEquals(0, staples(server(Map.of()), "TLSv1.3", Map.of()).size());
        assertEquals(0, responder.requests().size());
    }

    @Test
    void clientThatDoesNotAskGetsNoStaple() throws Exception {
        Map<String, String> noAsk = Map.of("jdk.tls.client.enableStatusRequestExtension", "false");
        assertEquals(0, staples(server(stapling()), "TLSv1.3", noAsk).size());
        assertEquals(0, staples(server(stapling()), "TLSv1.2", noAsk).size());
        assertEquals(0, responder.requests().size());
    }

    /** Failing responders, and responses not signed by the issuer or a responder it authorized (RFC 6960 §4.2.2.2). */
    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"HTTP_500", "GARBAGE", "TRY_LATER", "OTHER_SERIAL", "EXPIRED", "WRONG_KEY",
        "DELEGATED_WITHOUT_EKU", "DELEGATED_BY_IMPOSTOR", "DELEGATED_EXPIRED", "DELEGATED_NOT_CARRIED"})
    void badResponderMeansNoStapleAndIsAskedAgain(Mode mode) throws Exception {
        responder.mode(mode);
        SSLContext server = server(stapling());
        assertEquals(0, staples(server, "TLSv1.3", Map.of()).size());
        assertEquals(0, staples(server, "TLSv1.2", Map.of()).size());
        assertEquals(2, responder.requests().size(), "a failure is not cached");
    }

    @Test
    void revokedIsStapledForTheClientToJudge() throws Exception {
        responder.mode(Mode.REVOKED);
        assertEquals(1, staples(server(stapling()), "TLSv1.3", Map.of()).size());
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"BY_KEY", "DELEGATED", "DELEGATED_BY_KEY", "UNKNOWN"})
    void responseSignedByTheIssuerOrAResponderItAuthorizedIsStapled(Mode mode) throws Exception {
        responder.mode(mode);
        byte[] stapled = stapled(server(stapling()), "TLSv1.3", Map.of());
        assertArrayEquals(responder.lastResponse(), stapled);
    }

    @Test
    void rsaPssSignedResponseIsStapled() throws Exception {
        responder.close();
        ca = TestCert.of("CN=Stapling Test RSA CA").keys(TestCert.generate("RSA", 2048)).ca().issue();
        responder = new FakeOcspResponder(ca).mode(Mode.PSS);
        leaf = TestCert.of("CN=localhost").issuer(ca).dns("localhost").ocspResponder(responder.uri()).issue();
        assertEquals(1, staples(server(stapling()), "TLSv1.2", Map.of()).size());
        responder.mode(Mode.WRONG_KEY);
        assertEquals(0, staples(server(stapling()), "TLSv1.2", Map.of()).size());
    }

    /**
     * The JDK's own OCSP validation, asked by a SunJSSE client that checks revocation and fetches
     * the response itself (the server does not staple), accepts exactly the signers the stapling
     * server accepts: the two judge the same responses alike.
     */
    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"GOOD", "BY_KEY", "DELEGATED", "DELEGATED_BY_KEY", "WRONG_KEY",
        "DELEGATED_WITHOUT_EKU", "DELEGATED_BY_IMPOSTOR", "DELEGATED_EXPIRED", "DELEGATED_NOT_CARRIED"})
    void jdkRevocationCheckingJudgesTheSignerAsTheStaplerDoes(Mode mode) throws Exception {
        responder.mode(mode);
        boolean stapled = staples(server(stapling()), "TLSv1.3", Map.of()).size() == 1;
        SSLEngine server = server(Map.of()).createSSLEngine();
        server.setUseClientMode(false);
        SSLEngine client = sunJsseClientCheckingRevocation();
        if (stapled) {
            Engines.pump(client, server);
            assertEquals("TLSv1.3", client.getSession().getProtocol());
        } else {
            SSLException e = assertThrows(SSLException.class, () -> Engines.pump(client, server));
            assertTrue(String.valueOf(e.getCause()).contains("CertPathValidatorException"), e::toString);
        }
    }

    @Test
    void sunJsseClientCheckingRevocationUsesADelegatedResponderStaple() throws Exception {
        responder.mode(Mode.DELEGATED);
        SSLEngine server = server(stapling()).createSSLEngine();
        server.setUseClientMode(false);
        SSLEngine client = sunJsseClientCheckingRevocation();
        Engines.pump(client, server);
        assertArrayEquals(responder.lastResponse(), ((ExtendedSSLSession) client.getSession()).getStatusResponses().get(0));
        assertEquals(1, responder.requests().size(), "only the server asked: the client was satisfied by the staple");
    }

    /** SunJSSE, checking the server certificate's revocation with OCSP only (no CRL fallback). */
    private SSLEngine sunJsseClientCheckingRevocation() throws Exception {
        PKIXRevocationChecker ocsp = (PKIXRevocationChecker) CertPathValidator.getInstance("PKIX").getRevocationChecker();
        ocsp.setOptions(EnumSet.of(PKIXRevocationChecker.Option.ONLY_END_ENTITY, PKIXRevocationChecker.Option.NO_FALLBACK));
        PKIXBuilderParameters pkix = new PKIXBuilderParameters(ca.trustStore("ca"), new X509CertSelector());
        pkix.addCertPathChecker(ocsp);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", "SunJSSE");
        tmf.init(new CertPathTrustManagerParameters(pkix));
        SSLContext sun = SSLContext.getInstance("TLS", "SunJSSE");
        sun.init(null, tmf.getTrustManagers(), null);
        SSLEngine client = sun.createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        return client;
    }

    @Test
    void slowResponderTimesOutAndTheHandshakeGoesOn() throws Exception {
        responder.mode(Mode.SLOW).delay(Duration.ofSeconds(5));
        Map<String, String> p = new HashMap<>(stapling());
        p.put("jdk.tls.stapling.responseTimeout", "200");
        assertEquals(0, staples(server(p), "TLSv1.3", Map.of()).size());
        assertEquals(1, responder.requests().size());
    }

    @Test
    void responderUriServesCertificatesThatNameNone() throws Exception {
        leaf = TestCert.of("CN=localhost").issuer(ca).dns("localhost").issue();
        assertEquals(0, staples(server(stapling()), "TLSv1.3", Map.of()).size(), "no responder known");
        Map<String, String> p = new HashMap<>(stapling());
        p.put("jdk.tls.stapling.responderURI", responder.uri());
        assertEquals(1, staples(server(p), "TLSv1.3", Map.of()).size());
    }

    @Test
    void responderOverrideReplacesTheCertificatesResponder() throws Exception {
        leaf = TestCert.of("CN=localhost").issuer(ca).dns("localhost").ocspResponder("http://127.0.0.1:1/nobody").issue();
        Map<String, String> p = new HashMap<>(stapling());
        p.put("jdk.tls.stapling.responderURI", responder.uri());
        p.put("jdk.tls.stapling.responseTimeout", "2000");
        assertEquals(0, staples(server(p), "TLSv1.3", Map.of()).size(), "the certificate's responder does not answer");
        p.put("jdk.tls.stapling.responderOverride", "true");
        assertEquals(1, staples(server(p), "TLSv1.3", Map.of()).size());
    }

    @Test
    void chainWithoutIssuerIsNotAsked() throws Exception {
        SSLContext server = context(stapling(), leaf.keyStore("k", PW), null);
        assertEquals(0, staples(server, "TLSv1.3", Map.of()).size());
        assertEquals(0, responder.requests().size());
    }

    private byte[] stapled(SSLContext server, String protocol, Map<String, String> clientProps) throws Exception {
        List<byte[]> r = staples(server, protocol, clientProps);
        assertEquals(1, r.size());
        return r.get(0);
    }

    private List<byte[]> staples(SSLContext serverContext, String protocol, Map<String, String> clientProps)
            throws Exception {
        SSLEngine server = serverContext.createSSLEngine();
        server.setUseClientMode(false);
        SSLEngine client = client(clientProps, protocol);
        Engines.pump(client, server);
        ExtendedSSLSession s = (ExtendedSSLSession) client.getSession();
        assertEquals(protocol, s.getProtocol(), "the handshake completed");
        return s.getStatusResponses().stream().filter(r -> r.length > 0).toList(); // the stapled ones
    }

    private static Map<String, String> stapling() {
        return Map.of("jdk.tls.server.enableStatusRequestExtension", "true");
    }

    private SSLContext server(Map<String, String> props) throws Exception {
        return context(props, leaf.keyStore("k", PW, ca.cert()), null);
    }

    private SSLEngine client(Map<String, String> props, String protocol) throws Exception {
        SSLEngine c = context(props, null, ca.trustStore("ca")).createSSLEngine("localhost", 443);
        c.setUseClientMode(true);
        c.setEnabledProtocols(new String[] {protocol});
        return c;
    }

    private static SSLContext context(Map<String, String> props, KeyStore keys, KeyStore trust) throws Exception {
        SSLContext ctx = new SSLContext(new BastionSSLContext("TLS", PropertySource.of(props, Map.of()), Handshakers.STANDARD),
                new BastionProvider(), "TLS") { };
        KeyManagerFactory kmf = null;
        if (keys != null) {
            kmf = KeyManagerFactory.getInstance("PKIX");
            kmf.init(keys, PW);
        }
        TrustManagerFactory tmf = null;
        if (trust != null) {
            tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(trust);
        }
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
        return ctx;
    }
}
