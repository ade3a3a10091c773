package dev.bastion.tls.conformance.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.conformance.interop.EngineClient.Exchange;
import dev.bastion.tls.conformance.interop.EngineServer.Accepted;
import dev.bastion.tls.conformance.interop.OpenSslClient.Result;
import dev.bastion.tls.conformance.interop.TestPki.ServerKey;
import java.io.IOException;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A TLS 1.3 ECDSA signature scheme names its curve (RFC 8446 §4.2.3), a JSSE key type ("EC")
 * does not. Bastion holds a P-256 and a P-384 key for the same identity, both chains signed with
 * SHA384withECDSA (so the key manager accepts both chains and cannot tell them apart), the P-256
 * one first, and the OpenSSL peer accepts only {@code ecdsa_secp384r1_sha384}: the key manager's
 * choice, the P-256 key, cannot sign, and Bastion must take the P-384 key for the same names (never
 * another identity's, see {@code NegotiatorFittingTest}) instead of failing — as a server
 * ({@code s_client -sigalgs}) and as a client ({@code s_server -client_sigalgs}). SunJSSE 17
 * fails both ("No supported CertificateVerify signature algorithm for EC key", internal_error),
 * so only Bastion runs here.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EcdsaCurveChoiceInteropTest {
    private static final String SCHEME = "ecdsa_secp384r1_sha384";
    private static final TestPki PKI = TestPki.get();
    private static final Started SERVERS = new Started();

    @AfterAll
    static void stopServers() throws Exception {
        SERVERS.closeAll();
    }

    @Test
    void serverTakesTheKeyOfTheCurveTheClientOffers() throws IOException {
        SSLContext ctx = Providers.context("Bastion", "TLS",
                TestPki.keyManagers(List.of(PKI.serverP256ByP384Ca(), PKI.server(ServerKey.EC_P384))), PKI.trustManagers());
        EngineServer server = SERVERS.get("curve choice server", EngineServer.class,
                () -> new EngineServer("curve-choice", () -> {
                    SSLEngine e = ctx.createSSLEngine();
                    e.setEnabledProtocols(new String[] {"TLSv1.3"});
                    return e;
                }, null, EcdsaCurveChoiceInteropTest::curves));
        Result r = OpenSslClient.verifying(PKI, "localhost").version("TLSv1.3").sigalgs(SCHEME).run(server.port());
        Accepted a = server.next();

        assertNull(a.failure(), () -> "server failed: " + a.failure() + "\n" + r.output());
        assertEquals(0, r.verifyCode(), "s_client verified the chain: " + r.verifyText());
        assertTrue(r.output().contains("\nServer public key is 384 bit"), "s_client received the P-384 key:\n" + r.output());
        assertEquals(List.of("CertificateVerify=" + SCHEME), OpenSslTrace.signatures(r.output()), r.output());
        assertTrue(r.gotResponse(), r.output());
        assertEquals("local=secp384r1", a.note());
    }

    @Test
    void clientTakesTheKeyOfTheCurveTheServerAsksFor() throws IOException {
        OpenSslServer server = SERVERS.get("s_server client_sigalgs", OpenSslServer.class,
                () -> OpenSslServer.builder(PKI.server(ServerKey.EC)).version("TLSv1.3")
                        .requireClientCertificate(PKI).add("-client_sigalgs", SCHEME).start());
        SSLContext ctx = Providers.context("Bastion", "TLS",
                TestPki.keyManagers(List.of(PKI.clientP256ByP384Ca(), PKI.clientP384())), PKI.trustManagers());
        SSLEngine engine = Providers.clientEngine(ctx);
        engine.setEnabledProtocols(new String[] {"TLSv1.3"});
        Exchange x = EngineClient.get(engine, server.port(), null, EcdsaCurveChoiceInteropTest::curves);
        String trace = server.nextTrace();

        assertEquals("TLSv1.3", x.session().protocol());
        assertEquals("local=secp384r1", x.note(), "the client certificate sent");
        String page = x.body();
        assertTrue(page.contains("Subject: CN=bastion-interop-client") && page.contains("NIST CURVE: P-384"),
                "s_server received the P-384 client certificate:\n" + page);
        assertTrue(OpenSslTrace.signatures(trace).contains("CertificateVerify=" + SCHEME), trace);
    }

    /** {@code local=<curve>}: the curve of the certificate this side sent. */
    private static String curves(SSLEngine engine) {
        SSLSession s = engine.getSession();
        Certificate[] local = s.getLocalCertificates();
        return "local=" + (local == null ? "none" : TestPki.curve(local[0].getPublicKey()));
    }
}
